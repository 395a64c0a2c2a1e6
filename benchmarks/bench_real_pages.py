"""False alarms and extraction on real, human-written English news.

    .venv/bin/python benchmarks/bench_real_pages.py [--split dev|held-out|all] [--part pages,bodies,devsets]

Real material no one here wrote: 60 news pages from 60 publishers
(fixtures/realpages/, from the Zyte article-extraction benchmark, MIT; see
tools/import_real_pages.py), each with its hand-made article body. Three
parts, each scanned as a user would with the default settings:

- pages: the HTML pages. Extraction precision/recall/F1 against the article
  body (4-gram shingles, averaged over pages, the benchmark's own metric),
  beside trafilatura's plain ``extract()`` in the same run as the baseline;
  then findings.
- bodies: the same articles' hand-made bodies as plain text (no extraction:
  the checks alone).
- devsets: the clean dev and held-out paragraphs (fixtures/devsets/), grouped
  by topic into articles.

Every finding above info is looked up in benchmarks/verdicts/real_pages.jsonl,
where a person recorded whether it is true (real damage or a real slip) or
false, and why. Findings not yet judged are counted as unreviewed and listed
in benchmarks/results/real_pages_unreviewed.jsonl with their context, so a
rerun shows exactly what changed. Prints, per part and split: findings per
1,000 scored words by category, true/false/unreviewed, false findings per
1,000 words, and the share of articles whose verdict is pass. Writes
benchmarks/results/real_pages.json.
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

from mtcheck.document import Document  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402
from mtcheck.reading.files import decode_html  # noqa: E402
from mtcheck.results import DocumentResult  # noqa: E402
from mtcheck.scanner import Scanner  # noqa: E402

PAGES = ROOT / "fixtures" / "realpages"
DEVSETS = {"dev": ROOT / "fixtures" / "devsets" / "clean_news.jsonl",
           "held-out": ROOT / "fixtures" / "devsets" / "heldout_news.jsonl"}
VERDICTS = ROOT / "benchmarks" / "verdicts" / "real_pages.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "real_pages.json"
UNREVIEWED = ROOT / "benchmarks" / "results" / "real_pages_unreviewed.jsonl"
CATEGORIES = ("fluency", "grammar", "name", "structure")
CONTEXT = 80
TOKEN = re.compile(r"\w+")


# -- extraction ---------------------------------------------------------------
def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def overlap(truth: str, predicted: str) -> tuple[float | None, float | None]:
    """Shingle precision and recall of one page (None where undefined)."""
    want, got = shingles(truth), shingles(predicted)
    hits = sum((want & got).values())
    return (hits / sum(got.values()) if got else None, hits / sum(want.values()) if want else None)


def extraction_scores(pairs: list[tuple[str, str]]) -> dict:
    precisions, recalls = zip(*(overlap(truth, predicted) for truth, predicted in pairs))
    precision = mean([p for p in precisions if p is not None])
    recall = mean([r for r in recalls if r is not None])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def trafilatura_text(markup: str) -> str:
    import trafilatura

    return trafilatura.extract(markup, include_comments=False, include_tables=True) or ""


# -- the three parts ----------------------------------------------------------
def load_pages(split: str) -> list[dict]:
    records = [json.loads(line) for line in open(PAGES / "pages.jsonl", encoding="utf-8")]
    return [r for r in records if split in ("all", r["split"])]


def page_markup(page: dict) -> str:
    with gzip.open(PAGES / page["file"]) as handle:
        return decode_html(handle.read())


def page_documents(pages: list[dict], markup: list[str]) -> list[Document]:
    return [parse_text(m, path=f"pages/{page['file']}", format="html") for page, m in zip(pages, markup)]


def body_documents(pages: list[dict]) -> list[Document]:
    return [parse_text(page["article_body"], path=f"bodies/{page['file']}") for page in pages]


def devset_documents(split: str) -> list[Document]:
    documents = []
    for name, path in DEVSETS.items():
        if split not in ("all", name):
            continue
        by_topic: dict[str, list[str]] = defaultdict(list)
        for line in open(path, encoding="utf-8"):
            record = json.loads(line)
            by_topic[record["topic"]].append(record["text"])
        for topic, texts in by_topic.items():
            documents.append(parse_text("\n\n".join(texts), path=f"devsets/{name}/{topic}"))
    return documents


# -- findings and their verdicts -----------------------------------------------
def load_verdicts() -> dict[tuple, dict]:
    if not VERDICTS.exists():
        return {}
    verdicts = {}
    for line in open(VERDICTS, encoding="utf-8"):
        if line.strip():
            record = json.loads(line)
            verdicts[verdict_key(record["doc"], record["code"], record["text"], record["occurrence"])] = record
    return verdicts


def verdict_key(doc: str, code: str, text: str, occurrence: int) -> tuple:
    return (doc, code, " ".join(text.split()), occurrence)


def reported(result: DocumentResult) -> list[tuple[tuple, object]]:
    """(key, finding) for each finding above info, keyed as in the verdicts file."""
    seen: Counter = Counter()
    keyed = []
    for finding in result.findings:
        if finding.severity == "info":
            continue
        text = " ".join(finding.text.split())
        keyed.append((verdict_key(result.path, finding.code, text, seen[(finding.code, text)]), finding))
        seen[(finding.code, text)] += 1
    return keyed


def summarise(results: list[DocumentResult], verdicts: dict, unreviewed: list[dict]) -> dict:
    words = sum(p.lm["words"] for r in results for p in r.paragraphs if p.lm)
    by_category: Counter = Counter()
    judged: Counter = Counter()
    false_by_category: Counter = Counter()
    for result in results:
        for key, finding in reported(result):
            by_category[finding.category] += 1
            record = verdicts.get(key)
            outcome = record["verdict"] if record else "unreviewed"
            judged[outcome] += 1
            if outcome == "false":
                false_by_category[finding.category] += 1
            if record is None:
                unreviewed.append(unreviewed_entry(result, key, finding))
    per_1000 = lambda n: round(1000 * n / words, 2) if words else 0.0  # noqa: E731
    return {
        "documents": len(results),
        "scored_words": words,
        "findings_per_1000_words": {c: per_1000(by_category[c]) for c in CATEGORIES},
        "findings": dict(by_category),
        "true": judged["true"], "false": judged["false"], "unreviewed": judged["unreviewed"],
        "false_per_1000_words": per_1000(judged["false"]),
        "false_by_category": dict(false_by_category),
        "pass_share": round(mean([r.verdict == "pass" for r in results]), 3),
        "not_passed": sorted(r.path for r in results if r.verdict != "pass"),
        "no_paragraphs": sorted(r.path for r in results if not r.document or not r.document.scored_paragraphs),
    }


def unreviewed_entry(result: DocumentResult, key: tuple, finding) -> dict:
    text = result.document.text
    context = text[max(0, finding.start - CONTEXT) : finding.end + CONTEXT].replace("\n", " ")
    doc, code, flagged, occurrence = key
    return {"doc": doc, "code": code, "text": flagged, "occurrence": occurrence, "verdict": None, "why": "",
            "message": finding.message, "suggestions": list(finding.suggestions), "context": context}


# -- main -----------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="dev")
    parser.add_argument("--part", default="pages,bodies,devsets", help="comma-separated: pages, bodies, devsets")
    args = parser.parse_args()
    parts = args.part.split(",")
    pages = load_pages(args.split)
    scanner = Scanner()
    verdicts = load_verdicts()
    unreviewed: list[dict] = []
    report: dict = {"split": args.split}

    if "pages" in parts:
        markup = [page_markup(page) for page in pages]  # read once: mtcheck and the baseline share it
        documents = page_documents(pages, markup)
        report["extraction"] = {
            "mtcheck": extraction_scores([(p["article_body"], d.text) for p, d in zip(pages, documents)]),
            "trafilatura.extract (baseline)": extraction_scores(
                [(p["article_body"], trafilatura_text(m)) for p, m in zip(pages, markup)]
            ),
        }
        report["pages"] = summarise(list(scanner.scan(documents)), verdicts, unreviewed)
    if "bodies" in parts:
        report["bodies"] = summarise(list(scanner.scan(body_documents(pages))), verdicts, unreviewed)
    if "devsets" in parts:
        report["devsets"] = summarise(list(scanner.scan(devset_documents(args.split))), verdicts, unreviewed)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results_path = RESULTS if args.split == "dev" else RESULTS.with_name(f"real_pages.{args.split}.json")
    # A run of some parts keeps the other parts' last results.
    earlier = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
    results_path.write_text(json.dumps({**earlier, **report}, indent=2) + "\n", encoding="utf-8")
    with open(UNREVIEWED, "w", encoding="utf-8") as handle:
        for entry in unreviewed:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print_report(report)
    print(f"{len(unreviewed)} findings not yet judged: {UNREVIEWED.relative_to(ROOT)}")


def print_report(report: dict) -> None:
    for name, scores in report.get("extraction", {}).items():
        print(f"extraction {name:32} P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}")
    for part in ("pages", "bodies", "devsets"):
        if part not in report:
            continue
        s = report[part]
        rates = "  ".join(f"{c} {s['findings_per_1000_words'][c]:.2f}" for c in CATEGORIES)
        print(f"{part:8} {s['documents']:3} docs, {s['scored_words']:6} words | per 1,000 words: {rates} | "
              f"true {s['true']} false {s['false']} unreviewed {s['unreviewed']} | "
              f"false/1,000 {s['false_per_1000_words']:.2f} | pass {s['pass_share']:.0%}")


if __name__ == "__main__":
    main()
