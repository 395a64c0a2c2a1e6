"""The language model's opinion of name repairs, with the real model and gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.checks.names import NameCheck
from mtcheck.checks.names.verify import repair_windows
from mtcheck.reading import parse_text
from real_pages import real_page

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "fixtures" / "devsets" / "garbled_names.jsonl"


def test_the_window_is_the_sentence_after_its_lead_with_every_mention_repaired() -> None:
    text = ("Officials met in Kyiv. Peskav spoke first, and Peskav's deputy after him. "
            "The talks ended at noon.")
    start = text.index("Peskav's")
    written, repaired = repair_windows(text, start, start + len("Peskav"), "Peskov")
    assert written == "Officials met in Kyiv. Peskav spoke first, and Peskav's deputy after him."
    assert repaired == "Officials met in Kyiv. Peskov spoke first, and Peskov's deputy after him."


def test_the_lead_is_at_most_400_characters_from_a_word_start() -> None:
    text = "Firstword " + "word " * 100 + "end. Then Peskav spoke."
    start = text.index("Peskav")
    written, _ = repair_windows(text, start, start + 6, "Peskov")
    assert written == "word " * 78 + "end. Then Peskav spoke."  # from the first word start past 400 back


@pytest.fixture(scope="module")
def checks(real_scanner):
    """The name check on spelling alone, and as a scan runs it (with the model's opinion)."""
    return NameCheck(real_scanner.names.gazetteer), real_scanner.names


@pytest.fixture(scope="module")
def records():
    return {r["id"]: r for r in map(json.loads, DEVSET.read_text(encoding="utf-8").splitlines())}


def repairs(check, text):
    return [(f.text, f.start, f.suggestions[0]) for f in check.check_document(parse_text(text)) if f.code == "MT201"]


@pytest.mark.model
def test_a_repair_the_spelling_only_half_argues_is_carried_by_the_sentence(checks) -> None:
    # A country on its own: the spelling makes Belarus likely, not sure
    # enough for a finding; put to the model, the sentence makes it sure.
    spelling_only, with_model = checks
    text = "Officials in Belarz denied the report."
    ((_, _, candidates),) = spelling_only.candidates(parse_text(text))
    best = max(candidates, key=lambda r: r.confidence)
    decision = with_model.decision
    assert best.replacement == "Belarus"
    assert decision.ask_model_threshold <= best.confidence < decision.spelling.finding_threshold
    assert repairs(spelling_only, text) == []
    assert repairs(with_model, text) == [("Belarz", 13, "Belarus")]


@pytest.mark.model
def test_a_legitimate_name_the_spelling_argues_against_is_left_alone_by_the_sentence(checks, records) -> None:
    # The Butantan Institute in São Paulo: near Butanta (a district the
    # gazetteer lists) in spelling, likely enough to be put to the model;
    # the sentence reads better as written.
    spelling_only, with_model = checks
    text = records["cn090"]["clean_text"]
    (candidates,) = [c for _, token, c in spelling_only.candidates(parse_text(text)) if token.text == "Butantan"]
    best = max(candidates, key=lambda r: r.confidence)
    assert best.replacement == "Butanta" and best.confidence >= with_model.decision.ask_model_threshold
    assert repairs(with_model, text) == []


@pytest.mark.model
def test_names_no_list_has_on_a_real_page_are_left_alone(checks) -> None:
    # A real school-soccer report: "Daniel Viegas 2 assists" beside the town of
    # Viera, "Kyleigh Trout" beside a Kelli; only another name of the article
    # is spelled alike, and nothing in the gazetteer argues for a repair.
    _, with_model = checks
    document = real_page("www.floridatoday.com")
    assert {"Viegas", "Kyleigh"} <= set(document.text.replace(",", " ").split())
    assert [f.text for f in with_model.check_document(document) if f.code == "MT201"] == []


@pytest.mark.model
def test_the_message_gives_the_models_reading(checks) -> None:
    _, with_model = checks
    (finding,) = [f for f in with_model.check_document(parse_text("The Kremlin said Dmitry Peskav would brief reporters."))
                  if f.code == "MT201"]
    assert finding.suggestions[0] == "Peskov"
    assert "the language model reads the sentence" in finding.message and "nats more easily with it" in finding.message
