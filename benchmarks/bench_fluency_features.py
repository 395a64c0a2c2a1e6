"""Which paragraph features order real MT the way professionals do?

    .venv/bin/python benchmarks/bench_fluency_mqm.py --features /tmp/mqm_dev.jsonl
    .venv/bin/python benchmarks/bench_fluency_features.py /tmp/mqm_dev.jsonl
    .venv/bin/python benchmarks/bench_fluency_features.py /tmp/mqm_dev.jsonl --fit word_nll,spike_rate

The data: the MQM development set's translations (WMT21 TED talks, Chinese
to English), each with its paragraph features in both views (alone, and
after the previous segment), as the MQM benchmark writes them. Grouped
Kendall tau with the target-visible penalty, as that benchmark computes it,
for each candidate feature alone, for the score as shipped (its features'
clean-news z-scores averaged, mtcheck.checks.fluency.badness; grammar
left out), and for a fitted combination: a pairwise ranking model (for
every two translations of a source segment whose penalties differ, a
logistic regression on the difference of their features predicts which is
worse; weights non-negative, small L2, both views pooled), fitted on four
talks and measured on the fifth, for each talk in turn. Each with a 95%
bootstrap interval (segments resampled) of its difference from raw mean
token NLL, the baseline.

Writes benchmarks/results/fluency_features.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.stats import kendalltau

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.fluency import FEATURES, Calibration, badness  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "fluency_features.json"
VIEWS = ("alone", "after the previous segment")
CANDIDATES = ("mean_nll", "word_nll", "p90_nll", "neg_slor", "spike_rate")
L2 = 1.0
BOOTSTRAP = 1000


def load(path: Path) -> dict[tuple, list[dict]]:
    """Translations grouped by view and source segment; only segments with
    three or more translations that differ in penalty can rank."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        for view in VIEWS:
            if record.get(view):
                groups[(view, record["doc"], record["seg"])].append(
                    {"penalty": record["penalty"], "words": record[view]["words"], **record[view]["features"]})
    return {k: g for k, g in groups.items() if len(g) >= 3 and len({t["penalty"] for t in g}) > 1}


def fit(groups: dict, keys: list, features: list[str]) -> np.ndarray:
    """Pairwise ranking weights, per unit of each feature."""
    differences, signs = [], []
    for key in keys:
        for a, b in itertools.combinations(groups[key], 2):
            if a["penalty"] != b["penalty"]:
                differences.append([a[f] - b[f] for f in features])
                signs.append(1.0 if a["penalty"] > b["penalty"] else -1.0)
    differences, signs = np.array(differences), np.array(signs)
    scale = differences.std(axis=0) + 1e-12
    standardised = differences / scale

    def loss(w):
        margin = signs * (standardised @ w)
        gradient = -(standardised * (signs / (1.0 + np.exp(margin)))[:, None]).sum(axis=0)
        return np.logaddexp(0.0, -margin).sum() + L2 * w @ w, gradient + 2 * L2 * w

    result = minimize(loss, np.full(len(features), 0.1), jac=True, method="L-BFGS-B",
                      bounds=[(0.0, None)] * len(features))
    return result.x / scale


def segment_taus(groups: dict, keys: list, score) -> dict[tuple, float]:
    taus = {}
    for key in keys:
        values = [score(t) for t in groups[key]]
        penalties = [t["penalty"] for t in groups[key]]
        taus[key] = kendalltau(values, penalties).statistic if len(set(values)) > 1 else 0.0
    return taus


def fitted_taus(groups: dict, features: list[str], view: str) -> dict[tuple, float]:
    """Each talk scored by weights fitted on the other talks."""
    taus: dict[tuple, float] = {}
    for talk in sorted({doc for _, doc, _ in groups}):
        weights = fit(groups, [k for k in groups if k[1] != talk], features)
        test = [k for k in groups if k[1] == talk and k[0] == view]
        taus.update(segment_taus(groups, test, lambda t: float(np.dot(weights, [t[f] for f in features]))))
    return taus


def compare(measures: dict[str, dict], baseline: str) -> dict:
    keys = sorted(measures[baseline])
    rng = random.Random(0)
    samples = [[rng.choice(keys) for _ in keys] for _ in range(BOOTSTRAP)]
    report = {"segments": len(keys)}
    for name, taus in measures.items():
        differences = sorted(float(np.mean([taus[k] - measures[baseline][k] for k in s])) for s in samples)
        report[name] = {"tau": round(float(np.mean([taus[k] for k in keys])), 3),
                        f"minus {baseline}": [round(differences[int(0.025 * BOOTSTRAP)], 3),
                                              round(differences[int(0.975 * BOOTSTRAP) - 1], 3)]}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("features_file", type=Path, help="bench_fluency_mqm.py --features output (dev set)")
    parser.add_argument("--fit", default=",".join(FEATURES), help="comma-separated features to fit a weighting of")
    args = parser.parse_args()
    features = args.fit.split(",")
    groups = load(args.features_file)
    calibration = Calibration.bundled()
    report = {"fitted features": features,
              "fitted weights per unit (all talks)": dict(zip(features, np.round(fit(groups, list(groups), features), 4).tolist()))}
    for view in VIEWS:
        keys = [k for k in groups if k[0] == view]
        measures = {f: segment_taus(groups, keys, lambda t, f=f: t[f]) for f in CANDIDATES}
        measures["shipped score"] = segment_taus(groups, keys, lambda t: badness(t, calibration, t["words"]))
        measures["fitted, other talks"] = fitted_taus(groups, features, view)
        report[view] = compare(measures, "mean_nll")
        print(f"{view}: grouped Kendall tau ({report[view]['segments']} source segments), "
              "and minus mean_nll (95%)")
        for name in measures:
            r = report[view][name]
            print(f"  {name:20} {r['tau']:6.3f}  [{r['minus mean_nll'][0]:+.3f}, {r['minus mean_nll'][1]:+.3f}]")
    print("fitted weights per unit:", report["fitted weights per unit (all talks)"])
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
