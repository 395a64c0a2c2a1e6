"""False name findings on clean, human-written news, at scale, beside the naive matcher.

    .venv/bin/python benchmarks/bench_names_clean_news.py [--split dev|held-out|all]

The garbled-names sets measure false flags on the clean text they were made
from: 45,000-60,000 words each, a few flags apart between one threshold
and another. This measures them on 152,000 words of other human-written
news (fixtures/newssources/, the English sources WikinewsSum collected:
BBC, Reuters, CNN, press releases, blogs of 2004-2005; see
tools/import_news_sources.py), with the name check as a scan runs it (the
bundled gazetteer and the language model's opinion) and with the spelling
evidence alone, and the naive fuzzy matcher (benchmarks/naive_names.py) at
ratio 75 and 90 in the same run.

Human-written text has real slips ("Jason Gillepsie", "Janaury"): every
finding of the check is looked up in benchmarks/verdicts/names_clean_news.jsonl,
where a person recorded it as "true" (a real misspelling, the suggestion
right), "variant" (another accepted spelling: Fallouja, Kazakstan; counted
as false, since a variant is no corruption) or "false", and why. Unjudged
findings are counted as unreviewed and listed with their context in
benchmarks/results/names_clean_news_unreviewed.jsonl. The naive matcher's
thousands of flags are not judged: edited news holds a few real slips per
100,000 words, so nearly all of them are false.
Writes benchmarks/results/names_clean_news.json (.held-out.json, .all.json
for the other splits).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402
from naive_names import NaiveFuzzy  # noqa: E402

TEXTS = ROOT / "fixtures" / "newssources" / "texts.jsonl.gz"
VERDICTS = ROOT / "benchmarks" / "verdicts" / "names_clean_news.jsonl"
RESULTS = ROOT / "benchmarks" / "results"
CONTEXT = 70
FALSE_VERDICTS = ("false", "variant")


def load_texts(split: str) -> list[dict]:
    with gzip.open(TEXTS, "rt", encoding="utf-8") as lines:
        return [record for record in map(json.loads, lines) if split in ("all", record["split"])]


def load_verdicts() -> dict[tuple[str, str, str], dict]:
    rows = [json.loads(line) for line in VERDICTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(row["id"], row["text"], row["suggestion"]): row for row in rows}


def name_findings(check, record: dict, document) -> list[dict]:
    text = record["text"]
    return [{"id": record["id"], "text": finding.text, "suggestion": finding.suggestions[0],
             "confidence": finding.confidence, "severity": finding.severity,
             "context": text[max(0, finding.start - CONTEXT):finding.end + CONTEXT].replace("\n", " ")}
            for finding in check.check_document(document) if finding.code == "MT201"]


def judged(findings: list[dict], verdicts: dict) -> dict:
    counts = Counter()
    unreviewed = []
    for finding in findings:
        row = verdicts.get((finding["id"], finding["text"], finding["suggestion"]))
        counts[row["verdict"] if row else "unreviewed"] += 1
        if not row:
            unreviewed.append(finding)
    return {"findings": len(findings), "true": counts["true"], "variant": counts["variant"],
            "false": counts["false"], "unreviewed": counts["unreviewed"], "unreviewed_rows": unreviewed}


def per_1000(count: int, words: int) -> float:
    return round(1000 * count / words, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="dev")
    args = parser.parse_args()
    records = load_texts(args.split)
    documents = [parse_text(record["text"]) for record in records]
    words = sum(len(record["text"].split()) for record in records)
    gazetteer = load_gazetteer()
    checks = {"check +LM": NameCheck(gazetteer, RepairVerifier(load_scorer())),
              "check, spelling alone": NameCheck(gazetteer)}
    naive = {"naive ratio>=75": NaiveFuzzy(gazetteer), "naive ratio>=90": NaiveFuzzy(gazetteer, 90)}
    verdicts = load_verdicts()
    report = {"split": args.split, "texts": len(records), "words": words}
    unreviewed = []
    for name, check in checks.items():
        row = judged([f for record, document in zip(records, documents) for f in name_findings(check, record, document)],
                     verdicts)
        unreviewed += [{"check": name, **finding} for finding in row.pop("unreviewed_rows")]
        row["false_per_1000_words"] = per_1000(row["false"] + row["variant"], words)
        row["findings_per_1000_words"] = per_1000(row["findings"], words)
        report[name] = row
    for name, matcher in naive.items():
        flags = sum(len(matcher.check_document(document)) for document in documents)
        report[name] = {"findings": flags, "findings_per_1000_words": per_1000(flags, words)}
    suffix = "" if args.split == "dev" else f".{args.split}"
    (RESULTS / f"names_clean_news{suffix}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"names_clean_news_unreviewed{suffix}.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in unreviewed), encoding="utf-8")
    print_report(report)


def print_report(report: dict) -> None:
    print(f"{report['split']}: {report['texts']} texts, {report['words']} words")
    for name, row in report.items():
        if isinstance(row, dict) and "true" in row:
            print(f"  {name}: {row['findings']} name findings ({row['findings_per_1000_words']} per 1,000 words):"
                  f" {row['true']} true, {row['variant']} variant spellings, {row['false']} false,"
                  f" {row['unreviewed']} unreviewed; false {row['false_per_1000_words']} per 1,000 words")
        elif isinstance(row, dict):
            print(f"  {name}: {row['findings']} flags ({row['findings_per_1000_words']} per 1,000 words)")


if __name__ == "__main__":
    main()
