"""Name findings on real machine translation, against what professionals marked.

    .venv/bin/python benchmarks/bench_names_mqm.py --set dev      # WMT21 TED talks
    .venv/bin/python benchmarks/bench_names_mqm.py --set check    # WMT23 news, looked at once

The garbled-names sets damage names by rule; this asks what the name check
finds in real Chinese-to-English machine translation (fixtures/mqm/, MQM
annotations by professional translators: a rater sees the source and marks
every error span with a category and a severity). The translations of one
document by one system are read as one article, a segment per paragraph, as
a scan reads them. For each matcher (the check as a scan runs it, with the
bundled gazetteer and the language model's opinion; the spelling evidence
alone; the naive fuzzy matcher at ratio 75 and 90, in the same run) it
counts the corrupted-name findings (MT201), the share that overlap an error
some rater marked (a finding on no marked error is most likely a false one:
three raters read each WMT23 translation; "chance" is the share for any
capitalised word not opening a segment), and those on no marked error per
1,000 words. Raters mark an error, not its repair: each finding of the
check is also judged in benchmarks/verdicts/names_mqm.jsonl as "right" (a
damaged name, and the suggestion restores it), "damaged" (a damaged name,
the suggestion wrong) or "false" (the name is written right). A rough recall: of the marked errors whose span is a name (one
to three capitalised words, not opening the segment), the share a finding
overlaps; most of those are a wrong name rather than a misspelt one, which
no check of the English alone can see, so only the matchers' difference
says something. Every finding of the check is kept, with its context, in
benchmarks/results/names_mqm.<set>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_fluency_spans import overlaps  # noqa: E402
from bench_names_clean_news import per_1000  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402
from naive_names import NaiveFuzzy  # noqa: E402

SETS = {"dev": ROOT / "fixtures" / "mqm" / "mqm_ted_zhen.jsonl.gz",
        "check": ROOT / "fixtures" / "mqm" / "sxs_mqm_generalMT2023_zhen.3ratingsPerSegment.jsonl.gz"}
RESULTS = ROOT / "benchmarks" / "results"
# A marked error whose span is a name: one to three capitalised words.
NAME_SPAN = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}")
VERDICTS = ROOT / "benchmarks" / "verdicts" / "names_mqm.jsonl"
CAPITALISED = re.compile(r"(?<![\w-])[A-Z][^\W\d_]+")
CONTEXT = 60


def articles(path: Path) -> list[list[dict]]:
    """The translations of each (system, document), in segment order."""
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for segment in map(json.loads, gzip.open(path, "rt", encoding="utf-8")):
        grouped[segment["system"], segment["doc"]].append(segment)
    return [sorted(segments, key=lambda s: s["seg"]) for _, segments in sorted(grouped.items())]


def name_errors(segment: dict) -> list[tuple[int, int]]:
    """The marked errors whose span is a name, not at the segment's start (where any word is capitalised)."""
    spans = {(a, b) for a, b, *_ in segment["errors"]}
    return sorted((a, b) for a, b in spans if a > 0 and NAME_SPAN.fullmatch(segment["target"][a:b].strip()))


def chance(segment_lists: list[list[dict]]) -> float:
    """The share of capitalised words, not opening their segment, inside a marked error."""
    counts = Counter()
    for segment in (s for segments in segment_lists for s in segments):
        marked = [(a, b) for a, b, *_ in segment["errors"]]
        for word in CAPITALISED.finditer(segment["target"]):
            if word.start() > 0:
                counts["words"] += 1
                counts["marked"] += overlaps(word.start(), word.end(), marked)
    return round(counts["marked"] / counts["words"], 3)


def judged(rows: list[dict], set_name: str) -> dict:
    verdicts = {(row["set"], row["text"], row["suggestion"]): row["verdict"]
                for row in (json.loads(line) for line in VERDICTS.read_text(encoding="utf-8").splitlines()
                            if line.strip())}
    counts = Counter(verdicts.get((set_name, row["text"], row["suggestion"]), "unreviewed") for row in rows)
    return {verdict: counts[verdict] for verdict in ("right", "damaged", "false", "unreviewed")}


def measure(matcher, segment_lists: list[list[dict]], keep_rows: bool) -> tuple[Counter, list[dict]]:
    counts, rows = Counter(), []
    for segments in segment_lists:
        starts, text = [], ""
        for segment in segments:
            starts.append(len(text))
            text += segment["target"] + "\n\n"
        findings = [f for f in matcher.check_document(parse_text(text)) if f.code == "MT201"]
        for k, segment in enumerate(segments):
            mine = [(f.start - starts[k], f.end - starts[k], f) for f in findings
                    if starts[k] <= f.start < starts[k] + len(segment["target"])]
            marked = [(a, b) for a, b, *_ in segment["errors"]]
            for a, b in name_errors(segment):
                counts["name errors"] += 1
                counts["name errors found"] += any(overlaps(start, end, [(a, b)]) for start, end, _ in mine)
            for start, end, finding in mine:
                on_error = overlaps(start, end, marked)
                counts["findings"] += 1
                counts["on a marked error"] += on_error
                if keep_rows:
                    rows.append({"system": segment["system"], "doc": segment["doc"], "seg": segment["seg"],
                                 "text": finding.text, "suggestion": finding.suggestions[0],
                                 "confidence": finding.confidence, "on_a_marked_error": on_error,
                                 "categories": sorted({c for a, b, c, *_ in segment["errors"]
                                                       if overlaps(start, end, [(a, b)])}),
                                 "context": segment["target"][max(0, start - CONTEXT):end + CONTEXT]})
    return counts, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=list(SETS), default="dev")
    args = parser.parse_args()
    segment_lists = articles(SETS[args.set])
    words = sum(len(s["target"].split()) for segments in segment_lists for s in segments)
    gazetteer = load_gazetteer()
    matchers = {"check +LM": NameCheck(gazetteer, RepairVerifier(load_scorer())),
                "check, spelling alone": NameCheck(gazetteer),
                "naive ratio>=75": NaiveFuzzy(gazetteer), "naive ratio>=90": NaiveFuzzy(gazetteer, 90)}
    report = {"set": args.set, "articles": len(segment_lists),
              "translations": sum(map(len, segment_lists)), "words": words,
              "chance_on_a_marked_error": chance(segment_lists)}
    for name, matcher in matchers.items():
        judging = name.startswith("check")  # the naive matcher's hundreds of flags are not judged
        counts, rows = measure(matcher, segment_lists, keep_rows=judging)
        findings = counts["findings"]
        report[name] = {"findings": findings, "on_a_marked_error": counts["on a marked error"],
                        "share_on_a_marked_error": round(counts["on a marked error"] / findings, 3) if findings else None,
                        "on_no_marked_error_per_1000_words": per_1000(findings - counts["on a marked error"], words),
                        "name_errors": counts["name errors"], "name_errors_found": counts["name errors found"],
                        **({"judged": judged(rows, args.set), "findings_listed": rows} if judging else {})}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"names_mqm.{args.set}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                                        encoding="utf-8")
    print_report(report)


def print_report(report: dict) -> None:
    print(f"{report['set']}: {report['translations']} translations in {report['articles']} articles, "
          f"{report['words']} words; a capitalised word is inside a marked error by chance "
          f"{report['chance_on_a_marked_error']:.2f}")
    print(f"{'matcher':24} {'findings':>8} {'on an error':>11} {'share':>6} {'other /1,000 words':>18} "
          f"{'name errors found':>17}")
    for name, row in report.items():
        if isinstance(row, dict):
            share = "-" if row["share_on_a_marked_error"] is None else f"{row['share_on_a_marked_error']:.2f}"
            print(f"{name:24} {row['findings']:8} {row['on_a_marked_error']:11} {share:>6} "
                  f"{row['on_no_marked_error_per_1000_words']:18.2f} "
                  f"{row['name_errors_found']:>8} / {row['name_errors']}")
    for name, row in report.items():
        if isinstance(row, dict) and "judged" in row:
            print(f"  {name}, judged: " + ", ".join(f"{count} {verdict}" for verdict, count in row["judged"].items()))


if __name__ == "__main__":
    main()
