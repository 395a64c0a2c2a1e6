"""Do fluency findings point at real MT errors? Spans against professional annotations.

    .venv/bin/python benchmarks/bench_fluency_spans.py [--segments 1500]

Real machine translation (fixtures/mqm/: WMT21 TED talks zh->en, 13 systems,
errors marked by professional translators with MQM). Each translation is
scanned as a one-paragraph article, the way a JSONL record is. For each
finding code (and, for MT101, each reason: a word the context does not
expect, a compound, a non-word), it prints how many findings, and the share
that overlap an error a reader of the English can see (Fluency, Style,
Locale convention, Terminology) or any annotated error; "chance" is the same
share for a word picked at random. It also prints the share of Major
target-visible errors that get a fluency finding. With the word and compound
findings' excess surprisal recorded, a threshold can be read off offline
(benchmarks/results/fluency_spans.json keeps every finding).

A deterministic sample (every k-th translation) keeps the run to minutes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.reading import parse_text  # noqa: E402
from mtcheck.scanner import Scanner  # noqa: E402

MQM = ROOT / "fixtures" / "mqm" / "mqm_ted_zhen.jsonl.gz"
RESULTS = ROOT / "benchmarks" / "results" / "fluency_spans.json"
VISIBLE = ("Fluency/", "Style/", "Locale convention/", "Terminology/")
WORD = re.compile(r"\w+")
EXCESS = re.compile(r"\+([\d.]+) nats")
SCORE = re.compile(r"fluency ([\d.]+)/100")


def overlaps(start: int, end: int, spans: list) -> bool:
    return any(a < end and start < b if a < b else start <= a <= end for a, b in spans)


def kind_of(finding) -> str:
    if finding.code != "MT101":
        return finding.code
    if "compound" in finding.message:
        return "MT101 compound"
    return "MT101 word" if EXCESS.search(finding.message) else "MT101 non-word"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=1500, help="how many translations to sample")
    args = parser.parse_args()
    segments = [json.loads(line) for line in gzip.open(MQM, "rt", encoding="utf-8")]
    step = max(1, len(segments) // args.segments)
    segments = segments[::step][: args.segments]
    documents = [parse_text(s["target"], path=f"{s['system']}/{s['doc']}/{s['seg']}", format="jsonl")
                 for s in segments]
    results = list(Scanner().scan(documents))

    chance, stats, major = Counter(), {}, Counter()
    kept = []
    for segment, result in zip(segments, results):
        visible = [(a, b) for a, b, category, *_ in segment["errors"] if category.startswith(VISIBLE)]
        every = [(a, b) for a, b, *_ in segment["errors"]]
        scored = {p.paragraph.index for p in result.paragraphs if p.fluency is not None}
        if not scored:
            continue
        for word in WORD.finditer(segment["target"]):
            chance["words"] += 1
            chance["visible"] += overlaps(word.start(), word.end(), visible)
            chance["any"] += overlaps(word.start(), word.end(), every)
        fluency = [f for f in result.findings if f.category == "fluency"]
        for a, b, category, severity, *_ in segment["errors"]:
            if severity == "Major" and category.startswith(VISIBLE):
                major["errors"] += 1
                major["found"] += any(overlaps(f.start, f.end, [(a, b)]) for f in fluency)
        for finding in result.findings:  # info ones too: MT102 and MT103 are info by default
            if finding.code == "MT202":
                continue
            row = stats.setdefault(kind_of(finding), Counter())
            hit_visible = overlaps(finding.start, finding.end, visible)
            row["findings"] += 1
            row["visible"] += hit_visible
            row["any"] += overlaps(finding.start, finding.end, every)
            excess, score = EXCESS.search(finding.message), SCORE.search(finding.message)
            kept.append({"kind": kind_of(finding), "text": finding.text, "visible": hit_visible,
                         "excess": float(excess.group(1)) if excess else None,
                         "fluency": float(score.group(1)) if score else None, "segment": result.path})

    words = chance.pop("words")
    print(f"{len(segments)} translations, {words} words; chance: a word overlaps a visible error "
          f"{chance['visible'] / words:.2f}, any error {chance['any'] / words:.2f}")
    print(f"{'finding':16} {'count':>6} {'visible':>8} {'any':>6}")
    for kind, row in sorted(stats.items()):
        print(f"{kind:16} {row['findings']:6} {row['visible'] / row['findings']:8.2f} {row['any'] / row['findings']:6.2f}")
    if major["errors"]:
        print(f"Major target-visible errors with a fluency finding: {major['found']}/{major['errors']} "
              f"({major['found'] / major['errors']:.2f})")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "translations": len(segments), "words": words,
        "chance": {k: round(v / words, 3) for k, v in chance.items()},
        "by_kind": {k: {"findings": r["findings"], "visible_share": round(r["visible"] / r["findings"], 3),
                        "any_share": round(r["any"] / r["findings"], 3)} for k, r in stats.items()},
        "major_visible_errors_found": [major["found"], major["errors"]],
        "findings": kept,
    }, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
