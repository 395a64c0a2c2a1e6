"""Names that real MT damaged and professionals corrected: recall and false flags.

    .venv/bin/python benchmarks/bench_names_postedit.py                 # the dev split
    .venv/bin/python benchmarks/bench_names_postedit.py --split test20  # kept for checking

The garbled-names sets damage names by rule, and the MQM benchmark
(bench_names_mqm.py) knows where real MT went wrong but not what was
meant. MLQE-PE (fixtures/mlqe_pe/) has both: Wikipedia sentences machine
translated into English from five languages, and a professional's
post-edit of each. A damaged mention is a capitalised word (not the
sentence's first) that the post-editor replaced by a near spelling
(rapidfuzz ratio 50 or more) which is no ordinary English word (Zipf
below 3.5) and not the same word with or without a plural "s":
"Tskinvali" -> Tskhinvali, "Narvikul" -> Narvik, "Cloney" -> Clooney. A
finding on a capitalised word the post-editor left as it was is a false
flag; a finding on a word otherwise edited is counted apart. Each
sentence is read as an article of its own, by the check as a scan runs it
(bundled gazetteer and the language model's opinion), by the spelling
evidence alone and by the naive fuzzy matcher (ratio 75 and 90), in the
same run. Reachable: the post-editor's spelling is a word of some
gazetteer name.

Post-editors leave damage (a finding on "Murrubidgee", left as it was, is
counted a false flag above) and rewrite what is no name at all, so each
finding of the check is also judged: on a damaged mention, "right" when
its suggestion is the post-editor's spelling and "damaged" otherwise;
elsewhere by the verdict in benchmarks/verdicts/names_postedit.jsonl:
"right" (a damaged name, and the suggestion restores it), "damaged" (a
damaged name or word, the suggestion wrong) or "false" (written right, or
no name). Findings with no verdict are counted unreviewed and listed.
Writes benchmarks/results/names_postedit.<split>.json.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.fuzz import ratio  # noqa: E402

from bench_fluency_spans import overlaps  # noqa: E402
from bench_names_clean_news import per_1000  # noqa: E402
from mtcheck.checks.lexicon import word_zipf  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.checks.names.runs import ORDINARY_WORD_ZIPF  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.gazetteer.normalise import compact  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402
from naive_names import NaiveFuzzy  # noqa: E402

DATA = ROOT / "fixtures" / "mlqe_pe" / "mt_pe.jsonl.gz"
VERDICTS = ROOT / "benchmarks" / "verdicts" / "names_postedit.jsonl"
VERDICT_KINDS = ("right", "damaged", "false", "unreviewed")
RESULTS = ROOT / "benchmarks" / "results"
NAME_WORD = re.compile(r"[A-Z][^\W\d_]*(?:[-'’][^\W\d_]+)*")
PUNCTUATION = ".,;:!?()[]\"'“”‘’«»"
MIN_RATIO = 50
EXAMPLES = 40


def name_word(token: str) -> str | None:
    """The capitalised word a token holds ("Tskinvali" of "Tskinvali's"), or None."""
    word = token.strip(PUNCTUATION)
    word = re.sub(r"['’]s$", "", word)
    return word if NAME_WORD.fullmatch(word) else None


def is_name_correction(written: str, corrected: str) -> bool:
    """The post-editor put a near spelling of a name for ``written``, not another word or its plural."""
    a, b = written.lower(), corrected.lower()
    return (a != b and ratio(a, b) >= MIN_RATIO and word_zipf(corrected) < ORDINARY_WORD_ZIPF
            and a + "s" != b and b + "s" != a)


def aligned(mt: str, pe: str) -> tuple[list[tuple[int, int, str]], set[int], set[int]]:
    """The MT's damaged names as (start, end, corrected word), and the start
    offsets of the MT tokens the post-editor kept and of those otherwise edited."""
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", mt)]
    written, corrected = [t for _, t in tokens], pe.split()
    damaged, kept, edited = [], set(), set()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=written, b=corrected, autojunk=False).get_opcodes():
        if op == "equal":
            kept.update(tokens[i][0] for i in range(i1, i2))
            continue
        edited.update(tokens[i][0] for i in range(i1, i2))
        for i, j in zip(range(i1, i2), range(j1, j2)):
            was, now = name_word(written[i]), name_word(corrected[j])
            if i > 0 and was and now and is_name_correction(was, now):
                start = tokens[i][0] + written[i].index(was)
                damaged.append((start, start + len(was), now))
    return damaged, kept, edited


def token_start(mt: str, offset: int) -> int:
    """The start of the MT token holding ``offset``, as ``aligned`` records the kept and edited ones."""
    return mt.rfind(" ", 0, offset) + 1


def originals_at(damaged: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """The post-editor's spellings of the damaged names that ``start``-``end`` overlaps."""
    return [original for a, b, original in damaged if start < b and a < end]


def load_verdicts(split: str) -> dict[tuple[str, str], str]:
    rows = (json.loads(line) for line in VERDICTS.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(row["text"], row["suggestion"]): row["verdict"] for row in rows if row["split"] == split}


def verdict(finding, damaged: list[tuple[int, int, str]], verdicts: dict[tuple[str, str], str]) -> str:
    """How a finding is judged: by the post-edit on a damaged mention, elsewhere by its verdict."""
    originals = originals_at(damaged, finding.start, finding.end)
    if originals:
        return "right" if compact(finding.suggestions[0]) in map(compact, originals) else "damaged"
    return verdicts.get((finding.text, finding.suggestions[0]), "unreviewed")


def measure(matcher, rows: list[dict], is_known,
            verdicts: dict[tuple[str, str], str] | None = None) -> tuple[dict[str, Counter], list[dict], list[dict]]:
    """Counts per language, the first damaged mentions with what the matcher
    suggested, and (with ``verdicts``) the findings no verdict judges."""
    by_language: dict[str, Counter] = {}
    examples, unreviewed = [], []
    for row in rows:
        counts = by_language.setdefault(row["lang"], Counter())
        mt = row["mt"]
        damaged, kept, edited = aligned(mt, row["pe"])
        findings = [f for f in matcher.check_document(parse_text(mt)) if f.code == "MT201"]
        counts["words"] += len(mt.split())
        for start, end, original in damaged:
            mine = [f for f in findings if overlaps(f.start, f.end, [(start, end)])]
            reachable = is_known(compact(original))
            right = any(compact(f.suggestions[0]) == compact(original) for f in mine)
            counts.update({"mentions": 1, "reachable": reachable, "found": bool(mine), "top1": right,
                           "reachable found": reachable and bool(mine), "reachable top1": reachable and right})
            if len(examples) < EXAMPLES:
                examples.append({"lang": row["lang"], "line": row["line"], "written": mt[start:end],
                                 "original": original, "reachable": reachable,
                                 "suggested": [f.suggestions[0] for f in mine]})
        for finding in findings:
            if verdicts is not None:
                judged = verdict(finding, damaged, verdicts)
                counts["judged " + judged] += 1
                if judged == "unreviewed":
                    unreviewed.append({"lang": row["lang"], "line": row["line"], "text": finding.text,
                                       "suggestion": finding.suggestions[0], "mt": mt, "pe": row["pe"]})
            if overlaps(finding.start, finding.end, [(start, end) for start, end, _ in damaged]):
                continue
            word = token_start(mt, finding.start)
            if word in kept:
                counts["false flags"] += 1
            elif word in edited:
                counts["on another edit"] += 1
    return by_language, examples, unreviewed


def summary(counts: Counter) -> dict:
    def share(a: str, b: str) -> float | None:
        return round(counts[a] / counts[b], 3) if counts[b] else None
    return {"mentions": counts["mentions"], "reachable": counts["reachable"],
            "recall": share("found", "mentions"), "top1": share("top1", "mentions"),
            "reachable_recall": share("reachable found", "reachable"), "reachable_top1": share("reachable top1", "reachable"),
            "false_flags": counts["false flags"], "false_flags_per_1000_words": per_1000(counts["false flags"], counts["words"]),
            "findings_on_other_edits": counts["on another edit"], "words": counts["words"],
            **({"judged": {v: counts["judged " + v] for v in VERDICT_KINDS},
                "judged_false_per_1000_words": per_1000(counts["judged false"], counts["words"])}
               if any(counts["judged " + v] for v in VERDICT_KINDS) else {})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test20"), default="dev")
    args = parser.parse_args()
    rows = [row for row in map(json.loads, gzip.open(DATA, "rt", encoding="utf-8")) if row["split"] == args.split]
    gazetteer = load_gazetteer()
    verdicts = load_verdicts(args.split)
    # The naive matchers' hundreds of flags are not judged: only the automatic counts compare.
    matchers = {"check +LM": (NameCheck(gazetteer, RepairVerifier(load_scorer())), verdicts),
                "check, spelling alone": (NameCheck(gazetteer), verdicts),
                "naive ratio>=75": (NaiveFuzzy(gazetteer), None), "naive ratio>=90": (NaiveFuzzy(gazetteer, 90), None)}
    report = {"split": args.split, "sentences": len(rows)}
    unreviewed = []
    for name, (matcher, judging) in matchers.items():
        by_language, examples, unjudged = measure(matcher, rows, gazetteer.is_known_token, judging)
        report[name] = {**summary(sum(by_language.values(), Counter())),
                        "by_language": {lang: summary(counts) for lang, counts in sorted(by_language.items())},
                        "examples": examples}
        unreviewed += [{"matcher": name, **row} for row in unjudged]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"names_postedit.{args.split}.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / f"names_postedit_unreviewed.{args.split}.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in unreviewed), encoding="utf-8")
    print_report(report)


def print_report(report: dict) -> None:
    print(f"{report['split']}: {report['sentences']} post-edited translations")
    print(f"{'matcher':24} {'mentions':>8} {'reachable':>9} {'recall':>7} {'top-1':>6} {'of reachable':>13} "
          f"{'false flags /1,000':>18} {'on other edits':>14}")
    for name, row in report.items():
        if isinstance(row, dict):
            print(f"{name:24} {row['mentions']:8} {row['reachable']:9} {row['recall']:7.3f} {row['top1']:6.3f} "
                  f"{row['reachable_recall']:6.3f} / {row['reachable_top1']:.3f} "
                  f"{row['false_flags']:8} ({row['false_flags_per_1000_words']:5.2f}) {row['findings_on_other_edits']:14}")
            if "judged" in row:
                print(f"{'':24} judged: " + ", ".join(f"{count} {kind}" for kind, count in row["judged"].items())
                      + f" (false {row['judged_false_per_1000_words']:.2f} per 1,000 words)")


if __name__ == "__main__":
    main()
