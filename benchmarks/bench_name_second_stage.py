"""The name decision's second stage: the shipped logistic regression against its alternatives.

    .venv/bin/python benchmarks/bench_name_second_stage.py

The second stage reads a repair's evidence with the nats the language model
saves by it (mtcheck/checks/names/decision.py). What a saving is worth
depends on the rest of the evidence: the shipped regression reads two
products of the saving with other evidence (nothing else argues for the
repair; how common the suggestion is). This measures it against the same
regression without them, and against boosted trees, which can learn any
such dependence. Each is fitted and thresholded exactly as
tools/fit_name_decision.py does it, on the same rows and savings, with the
same spelling model:

1. across generators: fitted on one generator's dev set, measured on the
   other's, bundled gazetteer alone: recall and top-1 of damaged names at
   the lowest threshold that keeps false flags on the clean copies within a
   limit (the threshold chosen on the measured set, for both alike: a
   comparison of how well each ranks, not of a shipped threshold);
2. on clean human-written news (benchmarks/bench_names_clean_news.py's dev
   split), with each second stage as it would ship: its findings, judged
   with benchmarks/verdicts/names_clean_news.jsonl.

Writes benchmarks/results/name_second_stage.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import fit_name_decision as fitting  # noqa: E402
from bench_names_clean_news import judged, load_texts, load_verdicts, name_findings  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.checks.names.decision import with_saving  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "name_second_stage.json"
FALSE_FLAG_LIMITS = (0.05, 0.1, 0.2)  # per 1,000 clean words
FINE_GRID = [round(t, 3) for t in np.arange(0.2, 0.995, 0.005)]
# Shallow, many, shrunk and regularised trees; monotone in the evidence whose
# direction is not in doubt (+1: never less likely as it grows, -1: never more).
TREES = {"max_depth": 3, "learning_rate": 0.05, "max_iter": 300, "l2_regularization": 1.0,
         "early_stopping": False, "random_state": 0}
MONOTONE = {"lm_saving": 1, "similarity": 1, "sounds_alike": 1, "edit_distance": -1, "edits_per_letter": -1,
            "prominence": 1, "target_better_attested": 1, "corroboration": 1, "zipf_written": -1}


class Trees:
    """Boosted trees with the decision models' interface (probability of a row of named features)."""

    def __init__(self, asked, features: tuple[str, ...]):
        self.features = features
        rows = [with_saving(repair.features, saved) for _, repair, _, saved in asked]
        self.trees = HistGradientBoostingClassifier(monotonic_cst=[MONOTONE.get(f, 0) for f in features], **TREES)
        self.trees.fit(self._matrix(rows), np.array([label for _, _, label, _ in asked]))

    def probability(self, values) -> float:
        return float(self.trees.predict_proba(self._matrix([values]))[0, 1])

    def _matrix(self, rows) -> np.ndarray:
        return np.array([[row[name] for name in self.features] for row in rows], dtype=float)


# The saving's products with the rest of the evidence (decision.with_saving).
SAVING_INTERACTIONS = ("lm_saving_uncorroborated", "lm_saving_x_zipf_target")


def without_interactions(fit_second):
    """``fit_second`` reading the saving alone (trees form their own interactions)."""
    def fit_without(asked, features: tuple[str, ...]):
        # Named here and in decision.with_saving: a renamed product would make this row the shipped one.
        if not set(SAVING_INTERACTIONS) <= set(features):
            raise RuntimeError(f"decision.with_saving no longer adds {SAVING_INTERACTIONS}")
        return fit_second(asked, tuple(f for f in features if f not in SAVING_INTERACTIONS))
    return fit_without


SECOND_STAGES = {"logistic regression (the shipped kind)": fitting.fit_with_model,
                 "logistic regression without the saving's interactions": without_interactions(fitting.fit_with_model),
                 "boosted trees": without_interactions(Trees)}


def ranking_across_generators(words, clean_words, cross) -> dict:
    """Per direction and false-flag limit: the threshold, recall, top-1 and false flags, bundled gazetteer alone."""
    found = {}
    for fitted_on, measured_on in (("generator 1", "generator 2"), ("generator 2", "generator 1")):
        measured, clean = words[measured_on], clean_words[measured_on]
        bundled = [w for w in measured if w.bundled]

        def probability(word):
            return cross["with_model"][id(word)]
        for limit in FALSE_FLAG_LIMITS:
            threshold = fitting.lowest_finding_threshold(measured, clean, probability, limit, FINE_GRID)
            found[f"fitted on {fitted_on}, measured on {measured_on}, false flags <= {limit}"] = {
                "threshold": threshold, **fitting.outcome(bundled, clean / 2, probability, threshold)}
    return found


def clean_news(decision, scorer, gazetteer) -> dict:
    check = NameCheck(gazetteer, RepairVerifier(scorer), decision=decision)
    findings = [finding for record in load_texts("dev")
                for finding in name_findings(check, record, parse_text(record["text"]))]
    return judged(findings, load_verdicts())


def main() -> None:
    gazetteer = load_gazetteer()
    scorer = load_scorer()
    words, clean_words = fitting.collect_generators(gazetteer)
    savings = fitting.Savings(RepairVerifier(scorer))
    report = {}
    for name, fit_second in SECOND_STAGES.items():
        cross, _ = fitting.cross_generator(words, clean_words, savings, fit_second)
        decision, fitted = fitting.shipped_decision(words, clean_words, savings, cross, fit_second)
        report[name] = {"across generators": ranking_across_generators(words, clean_words, cross),
                        "thresholds": fitted["thresholds"], "clean news dev": clean_news(decision, scorer, gazetteer)}
        RESULTS.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, row in report.items():
        print(name, "| finding threshold with the model:", row["thresholds"]["with_model"]["finding_threshold"])
        for setting, r in row["across generators"].items():
            print(f"  {setting}: recall {r['recall']:.3f}, top-1 {r['top1']:.3f}, "
                  f"false flags {r['false_flags_per_1000']:.3f} (threshold {r['threshold']})")
        news = row["clean news dev"]
        print(f"  clean news dev: {news['findings']} findings: {news['true']} true, {news['variant']} variant, "
              f"{news['false']} false, {news['unreviewed']} unreviewed")
        for finding in news["unreviewed_rows"]:
            print(f"    unreviewed: {finding['text']} -> {finding['suggestion']} ({finding['confidence']}): "
                  f"{finding['context']}")


if __name__ == "__main__":
    main()
