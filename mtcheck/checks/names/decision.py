"""How sure a name repair is: its evidence combined by models fitted on data.

The name check describes every candidate repair by a row of numbers (how
alike the spellings are, what edit separates them, what in the article and
the gazetteer supports the repair, how common either spelling is in
English). Two logistic regressions turn the row into the probability that
the word is damaged and the repair restores it:

- ``spelling``: the row alone (a check without a language model);
- ``with_model``: the row and the language model's saving (the nats the
  repaired sentence saves, checks/names/verify.py) with its products with
  other evidence, for the repairs the first model finds likely enough to ask.

Both are fitted by tools/fit_name_decision.py on damaged and clean articles
of two independent damage generators and stored, with how they were fitted
and the thresholds chosen on the development sets, in
mtcheck/data/name_decision.json.
"""

from __future__ import annotations

import json
import math
import operator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable, Mapping, Optional, Sequence

from mtcheck.checks.names.runs import NameToken
from mtcheck.document import Document, Paragraph

# The language model's saving enters clipped: a repair that saves 200 nats is
# no surer than one that saves 60, and a long rare name may cost the model a
# lot without being wrong.
MIN_SAVING, MAX_SAVING = -20.0, 60.0


@dataclass(frozen=True)
class Repair:
    token: NameToken
    replacement: str
    confidence: float
    reasons: tuple[str, ...]
    # Argued only by another name the article spells alike (evidence.py).
    article_only: bool = False
    # The evidence as the models read it.
    features: Mapping[str, float] = field(default_factory=dict, compare=False)
    # The spelling model's probability (``confidence`` becomes the language
    # model's opinion when it is asked).
    spelling_confidence: float = 0.0


@dataclass(frozen=True)
class LogisticModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    def probability(self, values: Mapping[str, float]) -> float:
        slopes, offset = self._slopes_and_offset
        z = offset + sum(map(operator.mul, slopes, map(values.__getitem__, self.features)))
        return 1 / (1 + math.exp(-max(-40.0, min(40.0, z))))

    @cached_property
    def _slopes_and_offset(self) -> tuple[tuple[float, ...], float]:
        # The standardisation folded into the weights: a name check scores thousands of rows.
        slopes = tuple(w / s for w, s in zip(self.weights, self.scale))
        return slopes, self.intercept - sum(k * m for k, m in zip(slopes, self.mean))

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

    def decide(self, document: Document, open_words: Sequence[tuple[Paragraph, NameToken, list[Repair]]],
               verifier=None) -> list[tuple[Paragraph, Repair, str]]:
        """For each open word, its likeliest repair (or a better argued one of
        another mention of the same spelling), with its severity, when the
        spelling model (and then the language model's ``verifier``) is sure enough."""
        own = [(paragraph, token, max(repairs, key=lambda r: r.confidence, default=None))
               for paragraph, token, repairs in open_words]
        best = _best_repair_per_spelling(repair for _, _, repair in own)
        floor = self.ask_model_threshold if verifier else self.spelling.finding_threshold
        chosen = [(paragraph, repair) for paragraph, token, mine in own
                  for repair in [_as_strong_as(mine, best.get(token.key), token)]
                  if repair and repair.confidence >= floor]
        stage = self.spelling
        if verifier:
            stage = self.with_model
            verified = verifier.verify(document, [repair for _, repair in chosen], stage.model)
            chosen = [(paragraph, repair) for (paragraph, _), repair in zip(chosen, verified)]
        return [(paragraph, repair, severity) for paragraph, repair in chosen
                for severity in [stage.severity(repair.confidence)] if severity]

    def is_sure_of_suggestion(self, repair: Repair) -> bool:
        """The spelling evidence alone would report the repair. The language
        model's opinion tells that a sentence reads better with another name,
        not which name was meant: a famous near spelling reads better almost
        anywhere ("Steve Dyslas" -> Dallas), so a suggestion only the model
        lifts is shown but not applied unasked
        (benchmarks/bench_name_fix_safety.py)."""
        return repair.spelling_confidence >= self.spelling.finding_threshold


def with_saving(features: Mapping[str, float], saving: float) -> dict[str, float]:
    """``features`` and the language model's saving, as the second model reads
    them: the saving alone, and its products with evidence that changes what
    it is worth (a weighted sum cannot form them itself): that only the
    article argues for the repair, that nothing else does, how common the
    suggestion is in English."""
    clipped = max(MIN_SAVING, min(MAX_SAVING, saving))
    return {**features, "lm_saving": clipped, "lm_saving_article_only": clipped * features["article_only"],
            "lm_saving_uncorroborated": clipped * (features["corroboration"] == 0),
            "lm_saving_x_zipf_target": clipped * features["zipf_target"]}


@lru_cache(maxsize=1)
def load_decision() -> NameDecision:
    data = json.loads(resources.files("mtcheck.data").joinpath("name_decision.json").read_text(encoding="utf-8"))
    return NameDecision(Stage.from_json(data["spelling"]), Stage.from_json(data["with_model"]),
                        float(data["ask_model_threshold"]))


def _best_repair_per_spelling(repairs: Iterable[Optional[Repair]]) -> dict[str, Repair]:
    """An article spells a name one way: the repair best argued at one mention
    of a spelling ("Claudia Shinbais" -> Sheinbaum) holds at its others
    ("Shinbais said")."""
    best: dict[str, Repair] = {}
    for repair in filter(None, repairs):
        key = repair.token.key
        if key not in best or repair.confidence > best[key].confidence:
            best[key] = repair
    return best


def _as_strong_as(repair: Optional[Repair], best: Optional[Repair], token: NameToken) -> Optional[Repair]:
    """``repair`` (this mention's own), unless another mention of the same spelling argues better."""
    if best is None or (repair and repair.confidence >= best.confidence):
        return repair
    reason = "as at another mention of this spelling: " + "; ".join(best.reasons)
    return replace(best, token=token, reasons=(reason,))
