"""How sure a name repair is: its evidence combined by models fitted on data.

The name check describes every candidate repair by a row of numbers (how
alike the spellings are, what edit separates them, what in the article and
the gazetteer supports the repair, how common either spelling is in
English). Two logistic regressions turn the row into the probability that
the word is damaged and the repair restores it:

- ``spelling``: the row alone (a check without a language model);
- ``with_model``: the row and the language model's saving (the nats the
  repaired sentence saves, checks/names/verify.py), for the repairs the
  first model finds likely enough to ask.

Both are fitted by tools/fit_name_decision.py on damaged and clean articles
of two independent damage generators and stored, with how they were fitted
and the thresholds chosen on the development sets, in
mtcheck/data/name_decision.json.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping

# The language model's saving enters clipped: a repair that saves 200 nats is
# no surer than one that saves 60, and a long rare name may cost the model a
# lot without being wrong.
MIN_SAVING, MAX_SAVING = -20.0, 60.0


@dataclass(frozen=True)
class LogisticModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.intercept + sum(w * (float(values[name]) - m) / s
                                 for name, m, s, w in zip(self.features, self.mean, self.scale, self.weights))
        return 1 / (1 + math.exp(-max(-40.0, min(40.0, z))))

    @classmethod
    def from_json(cls, data: Mapping) -> "LogisticModel":
        return cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]),
                   tuple(data["weights"]), float(data["intercept"]))

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "intercept": self.intercept}


@dataclass(frozen=True)
class Stage:
    """A model, and the probabilities from which its repair is a finding and
    from which that finding is an error rather than a warning."""
    model: LogisticModel
    finding_threshold: float
    error_threshold: float

    def severity(self, probability: float) -> str | None:
        if probability < self.finding_threshold:
            return None
        return "error" if probability >= self.error_threshold else "warning"

    @classmethod
    def from_json(cls, data: Mapping) -> "Stage":
        return cls(LogisticModel.from_json(data["model"]), float(data["finding_threshold"]),
                   float(data["error_threshold"]))


@dataclass(frozen=True)
class NameDecision:
    spelling: Stage
    with_model: Stage
    # The spelling probability from which a repair is put to the language model.
    ask_model_threshold: float


def with_saving(features: Mapping[str, float], saving: float) -> dict[str, float]:
    """``features`` and the language model's saving, as the second model reads them."""
    clipped = max(MIN_SAVING, min(MAX_SAVING, saving))
    return {**features, "lm_saving": clipped, "lm_saving_article_only": clipped * features["article_only"]}


@lru_cache(maxsize=1)
def load_decision() -> NameDecision:
    data = json.loads(resources.files("mtcheck.data").joinpath("name_decision.json").read_text(encoding="utf-8"))
    return NameDecision(Stage.from_json(data["spelling"]), Stage.from_json(data["with_model"]),
                        float(data["ask_model_threshold"]))
