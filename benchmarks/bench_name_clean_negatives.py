"""Real clean text as more negatives for the name decision: what it changes on text the fit has not seen.

    .venv/bin/python benchmarks/bench_name_clean_negatives.py

The name decision (tools/fit_name_decision.py) is fitted on the two damage
generators' dev sets: damaged copies, and clean copies as negatives. Its
false findings on clean human-written news are rare real names spelled like
famous ones ("Ahmed Qurie" -> Curie, "Steve Dyslas" -> Dallas), which the
generators' clean copies may hold too few of. This measures adding the
words of clean news (the dev split of fixtures/newssources/, every
candidate a negative but the slips a person judged true in
benchmarks/verdicts/names_clean_news.jsonl) to the fit, cross-fitted so
that no number is measured on text its model was fitted on: the clean news
is cut in two by publisher (the SHA-1 of the publisher's name, odd or
even), each half joins the fit in turn, and the other half is measured.

1. As the tool fits (both generators' sets): the findings on the unseen
   half, at a grid of finding thresholds, with and without the other half
   in the fit, once per article and spelling, true (a judged slip) or not.
2. Across generators (fitted on one generator's set, with or without the
   half, measured on the other's): recall and top-1 of damaged names,
   bundled gazetteer, at the lowest threshold keeping false flags on the
   measured set's clean copies within 0.05 per 1,000 words, and at that
   threshold the findings on the unseen half.

Everything as a scan decides: the spelling model picks each word's repair,
the language model's saving is asked from 0.1, the second model decides.
Writes benchmarks/results/name_clean_negatives.json.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import fit_name_decision as fitting  # noqa: E402
from bench_names_clean_news import load_texts, load_verdicts  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "name_clean_negatives.json"
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
VARIANTS = ("without the clean news", "with the other half of the clean news")


def publisher_half(record: dict) -> int:
    return int(hashlib.sha1(record["publisher"].encode("utf-8")).hexdigest(), 16) % 2


def clean_news_words(gazetteer, records: list[dict]) -> list[fitting.Word]:
    """The words of clean news ``records`` as the fit reads words: damaged
    only where a person judged a finding a real slip, and then right only
    for the suggestion judged."""
    verdicts = load_verdicts()
    slips = {(id_, written) for (id_, written, _), row in verdicts.items() if row["verdict"] == "true"}
    check = NameCheck(gazetteer, decision=fitting.UNFITTED_DECISION)
    words = []
    for record in records:
        text, document = record["text"], parse_text(record["text"])
        for _, token, candidates in check.candidates(document):
            written = text[token.start:token.end]
            labels = [verdicts.get((record["id"], written, repair.replacement), {}).get("verdict") == "true"
                      for repair in candidates]
            words.append(fitting.Word(False, (record["id"], written) in slips, candidates, labels, document, True))
    return words


def findings(words: list[fitting.Word], predicted: dict[int, float], threshold: float) -> dict:
    """The findings on clean news at ``threshold``, once per article and spelling."""
    found = {(id(w.document), w.candidates[0].token.key): w.damaged for w in words if predicted[id(w)] >= threshold}
    return {"true": sum(found.values()), "false": len(found) - sum(found.values()),
            "false_spellings": sorted(key for (_, key), damaged in found.items() if not damaged)}


def predict(fitted, savings, words: list[fitting.Word]) -> dict[int, float]:
    """Each word's probability as a scan decides it (``fitted``: the two models)."""
    spelling, with_model = fitted
    in_scan = fitting.model_probability(spelling, with_model, savings.ask(words, spelling))
    return {id(w): in_scan(w)[0] for w in words}


def as_the_tool_fits(words, halves, savings, features) -> dict:
    """Both generators' words fitted with and without one clean news half; the other half's findings per threshold."""
    both = [w for ws in words.values() for w in ws]
    without = fitting.fit_both(both, savings, *features)
    predicted = {variant: {} for variant in VARIANTS}
    for half in (0, 1):
        unseen = halves[1 - half]
        for variant, fitted in zip(VARIANTS, (without, fitting.fit_both(both + halves[half], savings, *features))):
            predicted[variant].update(predict(fitted, savings, unseen))
    unseen = halves[0] + halves[1]
    return {variant: {str(t): findings(unseen, predicted[variant], t) for t in THRESHOLDS} for variant in VARIANTS}


def across_generators(words, clean_words, halves, savings, features) -> dict:
    """One generator's words fitted with and without one clean news half; the
    other generator's recall and top-1, and the other half's findings, at
    the threshold for the false-flag limit on the measured generator's clean copies."""
    report: dict = {variant: {} for variant in VARIANTS}
    without = {generator: fitting.fit_both(words[generator], savings, *features) for generator in words}
    for half in (0, 1):
        unseen = halves[1 - half]
        for fitted_on, measured_on in (("generator 1", "generator 2"), ("generator 2", "generator 1")):
            with_half = fitting.fit_both(words[fitted_on] + halves[half], savings, *features)
            for variant, (spelling, with_model) in zip(VARIANTS, (without[fitted_on], with_half)):
                measured = words[measured_on]
                in_scan = fitting.model_probability(spelling, with_model, savings.ask(measured + unseen, spelling))
                threshold = fitting.lowest_finding_threshold(measured, clean_words[measured_on], in_scan)
                outcome = fitting.outcome([w for w in measured if w.bundled], clean_words[measured_on] / 2, in_scan,
                                          threshold)
                report[variant][f"fitted on {fitted_on}, measured on {measured_on}; clean news half {1 - half}"] = {
                    "threshold": threshold, "recall": outcome["recall"], "top1": outcome["top1"],
                    "unseen clean news": findings(unseen, {id(w): in_scan(w)[0] for w in unseen}, threshold)}
    return report


def main() -> None:
    gazetteer = load_gazetteer()
    words, clean_words = fitting.collect_generators(gazetteer)
    records = load_texts("dev")
    halves = [clean_news_words(gazetteer, [r for r in records if publisher_half(r) == half]) for half in (0, 1)]
    savings = fitting.Savings(RepairVerifier(load_scorer()))
    features = fitting.feature_names(words)
    report = {"clean news words per half": [len(h) for h in halves],
              "as the tool fits (both generators)": as_the_tool_fits(words, halves, savings, features)}
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    report["across generators"] = across_generators(words, clean_words, halves, savings, features)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print_report(report)


def print_report(report: dict) -> None:
    print("As the tool fits (both generators); findings on the unseen clean news half, per article and spelling:")
    for variant, rows in report["as the tool fits (both generators)"].items():
        print(f"  {variant}: " + " | ".join(f"{t}: {r['true']} true, {r['false']} false" for t, r in rows.items()))
    print("Across generators (bundled gazetteer, false flags <= 0.05 per 1,000 clean words):")
    for variant, rows in report["across generators"].items():
        print(f"  {variant}:")
        for setting, r in rows.items():
            news = r["unseen clean news"]
            print(f"    {setting}: threshold {r['threshold']}, recall {r['recall']:.3f}, top-1 {r['top1']:.3f};"
                  f" clean news {news['true']} true, {news['false']} false ({', '.join(news['false_spellings'])})")


if __name__ == "__main__":
    main()
