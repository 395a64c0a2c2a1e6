"""The fitted decision: the shipped model reads exactly the evidence the check produces."""

from __future__ import annotations

import math

import pytest

from mtcheck.checks.names import NameCheck
from mtcheck.checks.names.decision import LogisticModel, load_decision, with_saving
from mtcheck.checks.names.verify import _with_opinion
from mtcheck.gazetteer import load_gazetteer
from mtcheck.reading import parse_text


@pytest.fixture(scope="module")
def candidates():
    text = ("Ukrainian President Voldimi Zelensky met James Stabridisdad in Brussels. "
            "Stavridis said the talks went well. Officials in Belarz denied the report.")
    return [repair for _, _, found in NameCheck(load_gazetteer()).candidates(parse_text(text)) for repair in found]


def test_the_shipped_models_read_every_feature_the_check_produces_and_no_other(candidates) -> None:
    decision = load_decision()
    assert candidates
    for repair in candidates:
        assert set(repair.features) == set(decision.spelling.model.features)
        assert set(with_saving(repair.features, 10.0)) == set(decision.with_model.model.features)


def test_the_thresholds_are_ordered() -> None:
    decision = load_decision()
    for stage in (decision.spelling, decision.with_model):
        assert 0 < decision.ask_model_threshold < stage.finding_threshold <= stage.error_threshold < 1


def test_the_right_repairs_are_the_most_probable(candidates) -> None:
    best = {}
    for repair in candidates:
        if repair.token.text not in best or repair.confidence > best[repair.token.text].confidence:
            best[repair.token.text] = repair
    assert {word: r.replacement for word, r in best.items()} == {
        "Voldimi": "Volodymyr", "Stabridisdad": "Stavridis", "Belarz": "Belarus"}
    assert best["Stabridisdad"].confidence > load_decision().spelling.finding_threshold


def test_a_logistic_model_standardises_then_weighs() -> None:
    model = LogisticModel(("a", "b"), mean=(1.0, 0.0), scale=(2.0, 1.0), weights=(1.0, -0.5), intercept=0.25)
    z = 0.25 + 1.0 * (5.0 - 1.0) / 2.0 - 0.5 * 3.0
    assert model.probability({"a": 5.0, "b": 3.0}) == pytest.approx(1 / (1 + math.exp(-z)))
    assert model.probability({"a": 1e9, "b": 0.0}) == pytest.approx(1.0)  # no overflow
    assert LogisticModel.from_json(model.to_json()) == model


def test_the_saving_is_clipped() -> None:
    features = {"article_only": 1.0, "corroboration": 0.0, "zipf_target": 3.0}
    assert with_saving(features, 500.0)["lm_saving"] == with_saving(features, 60.0)["lm_saving"] == 60.0
    assert with_saving(features, -500.0)["lm_saving_article_only"] == -20.0
    assert with_saving(features, 500.0)["lm_saving_x_zipf_target"] == 180.0


def test_a_saving_counts_apart_when_nothing_else_argues_for_the_repair() -> None:
    alone = {"article_only": 0.0, "corroboration": 0.0, "zipf_target": 2.5}
    assert with_saving(alone, 12.0)["lm_saving_uncorroborated"] == 12.0
    assert with_saving({**alone, "corroboration": 0.5}, 12.0)["lm_saving_uncorroborated"] == 0.0


@pytest.mark.parametrize("saved, reason", [
    (0.7, "the language model reads the sentence 1 nats more easily with it"),
    (0.2, "the language model reads the sentence as easily either way"),
    (-0.2, "the language model reads the sentence as easily either way"),
    (-0.7, "the language model reads the sentence 1 nats more easily as written"),
])
def test_the_models_reading_is_said_the_right_way_round(candidates, saved: float, reason: str) -> None:
    repair = candidates[0]
    model = load_decision().with_model.model
    opinion = _with_opinion(repair, saved, model)
    assert opinion.reasons[-1] == reason
    assert opinion.confidence == pytest.approx(model.probability(with_saving(repair.features, saved)))
