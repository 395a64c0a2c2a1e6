"""Would real MT damage in the fitting data make a better name decision? A measurement.

    .venv/bin/python benchmarks/bench_name_fit_postedits.py

The decision's models (tools/fit_name_decision.py) are fitted on two
damage generators' sets. MLQE-PE (fixtures/mlqe_pe/, see
bench_names_postedit.py) has real damage instead: the words a professional
post-editor corrected to a near spelling of a name (a candidate repair is
right when it is that spelling) and the capitalised words the editor kept
(every repair of them is wrong). This adds the dev split's words to the
fitting data, each counted ``k`` times (as a sample weight would; k = 0 is
the generators alone, as shipped), and measures by five-fold
cross-validation over the dev sentences: fitted on the generators and
four fifths of the sentences, measured on the fifth, with the bundled
gazetteer, the language model asked as a scan asks it, at the shipped
thresholds. Per word: recall and top-1 of damaged names, false flags per
1,000 words. It also measures what the added words do across generators
(fitted on one generator's set and the post-edits, measured on the other's
with the bundled gazetteer). The test20 split is not read.
Writes benchmarks/results/name_fit_postedits.json.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_names_postedit import DATA, aligned, originals_at, token_start  # noqa: E402
from fit_name_decision import (UNFITTED_DECISION, Savings, Word, best, collect_generators, feature_names,  # noqa: E402
                               fit_both, model_probability, outcome)
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.checks.names.decision import load_decision  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.gazetteer.normalise import compact  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "name_fit_postedits.json"
COUNTS = (0, 1, 5, 20)
FOLDS = 5


def postedit_words(gazetteer) -> tuple[list[list[Word]], int]:
    """The dev split's words with candidate repairs, in FOLDS folds of
    sentences, and the words of all its sentences. A word is damaged when the
    post-editor corrected it to a near spelling, clean when the editor kept
    it; words otherwise edited are left out."""
    check = NameCheck(gazetteer, decision=UNFITTED_DECISION)
    folds: list[list[Word]] = [[] for _ in range(FOLDS)]
    words = 0
    rows = [row for row in map(json.loads, gzip.open(DATA, "rt", encoding="utf-8")) if row["split"] == "dev"]
    for number, row in enumerate(rows):
        mt = row["mt"]
        words += len(mt.split())
        damaged, kept, _ = aligned(mt, row["pe"])
        document = parse_text(mt)
        for _, token, candidates in check.candidates(document):
            originals = originals_at(damaged, token.start, token.end)
            if originals:
                labels = [any(compact(c.replacement) == compact(o) for o in originals) for c in candidates]
                folds[number % FOLDS].append(Word(True, True, candidates, labels, document, True))
            elif token_start(mt, token.start) in kept:
                folds[number % FOLDS].append(Word(False, False, candidates, [False] * len(candidates), document, True))
    return folds, words


def measured(words: list[Word], clean_words: float, spelling, with_model, savings: Savings, decision) -> dict:
    """Outcomes at the shipped thresholds, without and with the model's opinion."""
    in_scan = model_probability(spelling, with_model, savings.ask(words, spelling))
    return {"spelling": outcome(words, clean_words, lambda w: best(w, spelling)[:2], decision.spelling.finding_threshold),
            "with_model": outcome(words, clean_words, in_scan, decision.with_model.finding_threshold)}


def mean_outcome(outcomes: list[dict]) -> dict:
    """Each measure's mean over the folds that have it (a fold with no finding has no precision)."""
    def mean(values: list) -> float | None:
        values = [v for v in values if v is not None]
        return round(sum(values) / len(values), 3) if values else None
    return {stage: {key: mean([o[stage][key] for o in outcomes]) for key in outcomes[0][stage]}
            for stage in outcomes[0]}


def main() -> None:
    gazetteer = load_gazetteer()
    generators, clean_words = collect_generators(gazetteer)
    folds, postedit_clean_words = postedit_words(gazetteer)
    savings = Savings(RepairVerifier(load_scorer()))
    features, saving_features = feature_names(generators)
    decision = load_decision()
    generated = generators["generator 1"] + generators["generator 2"]
    report: dict = {"counts": COUNTS, "folds": FOLDS,
                    "postedit_words": {"damaged": sum(w.damaged for f in folds for w in f),
                                       "with_a_right_candidate": sum(any(w.labels) for f in folds for w in f),
                                       "kept": sum(not w.damaged_text for f in folds for w in f)}}
    for count in COUNTS:
        per_fold = []
        for held in range(FOLDS):
            training = generated + count * [w for i, fold in enumerate(folds) if i != held for w in fold]
            spelling, with_model = fit_both(training, savings, features, saving_features)
            per_fold.append(measured(folds[held], postedit_clean_words / FOLDS, spelling, with_model, savings, decision))
        row = {"postedits, cross-validated": mean_outcome(per_fold)}
        added = count * [w for fold in folds for w in fold]
        for fitted_on, measured_on in (("generator 2", "generator 1"), ("generator 1", "generator 2")):
            spelling, with_model = fit_both(generators[fitted_on] + added, savings, features, saving_features)
            bundled = [w for w in generators[measured_on] if w.bundled]
            row[f"fitted on {fitted_on}, measured on {measured_on}"] = measured(
                bundled, clean_words[measured_on] / 2, spelling, with_model, savings, decision)
        report[f"post-edits counted {count} times"] = row
        print(count, json.dumps(row), flush=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
