"""Is the language model's saving a context's, or only a word's? A measurement.

    .venv/bin/python benchmarks/bench_name_saving_alone.py

The model's opinion of a repair is the nats the repaired sentence saves
(checks/names/verify.py). Part of that is the word alone: "Dallas" is
likelier than "Dyslas" in any sentence, so a right name no list has is
lifted to a famous near spelling ("Steve Dyslas" -> Dallas on clean news).
Taking out the saving of the word read alone (after the document start
only) would leave what the context says, as PMI and SLOR do for
fluency. This measures whether that separates right repairs from wrong
ones better: the repairs a scan puts to the model (the best candidate of
each word, from spelling probability 0.1, with the bundled gazetteer) on
both generators' dev sets (damaged and clean copies) and on the clean
news dev split (all wrong but the authors' slips judged true), as
tools/fit_name_decision.py asks them. It prints the ROC AUC of
``saving - k * saving_alone`` on the generators' rows for a few k, and how
many wrong clean-news repairs reach the saving that 80% of right repairs
reach.
Writes benchmarks/results/name_saving_alone.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_names import load_set  # noqa: E402
from bench_name_clean_negatives import clean_news_words  # noqa: E402
from bench_names_clean_news import load_texts  # noqa: E402
from fit_name_decision import GENERATORS, UNFITTED_DECISION, Savings, collect_words  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "name_saving_alone.json"
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)


def main() -> None:
    gazetteer, scorer = load_gazetteer(), load_scorer()
    savings = Savings(RepairVerifier(scorer))
    check = NameCheck(gazetteer, decision=UNFITTED_DECISION)
    spelling = NameCheck(gazetteer).decision.spelling.model
    groups = {name: collect_words(load_set(set_name), check, bundled=True) for name, set_name in GENERATORS.items()}
    groups["clean news"] = clean_news_words(gazetteer, load_texts("dev"))
    asked = {name: [(repair, label, saved) for _, repair, label, saved in savings.ask(words, spelling)]
             for name, words in groups.items()}
    spellings = sorted({text for rows in asked.values() for repair, _, _ in rows
                        for text in (repair.token.text, repair.replacement)})
    alone = dict(zip(spellings, (sum(scores.nll) for scores in scorer.score(spellings))))

    def corrected(repair, saved: float, k: float) -> float:
        return saved - k * (alone[repair.token.text] - alone[repair.replacement])

    labelled = asked["generator 1"] + asked["generator 2"]
    labels = [label for _, label, _ in labelled]
    report = {"asked": {name: len(rows) for name, rows in asked.items()}, "right": sum(labels), "by_weight": {}}
    for k in WEIGHTS:
        right = [corrected(r, s, k) for r, label, s in labelled if label]
        bar = float(np.percentile(right, 20))
        report["by_weight"][str(k)] = {
            "auc": round(roc_auc_score(labels, [corrected(r, s, k) for r, _, s in labelled]), 3),
            "clean_news_at_80pct_of_right": sum(corrected(r, s, k) >= bar for r, label, s in asked["clean news"]
                                                if not label)}
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"asked: {report['asked']}; right repairs among the generators' {len(labels)}: {report['right']}")
    for k, row in report["by_weight"].items():
        print(f"saving - {k} x saving alone: AUC {row['auc']:.3f}; clean-news repairs reaching the saving of"
              f" 80% of right ones: {row['clean_news_at_80pct_of_right']} of {report['asked']['clean news']}")


if __name__ == "__main__":
    main()
