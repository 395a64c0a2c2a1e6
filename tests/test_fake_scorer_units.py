"""What the checks and the scanner do with a language model's numbers, tested
without the model: FakeScorer (conftest.py) is a unigram model, so a word
costs exactly its rarity unless a test makes it surprising in context."""

from __future__ import annotations

import pytest
from conftest import CONTEXT_SHARE, UNKNOWN_WORD_NLL, FakeScorer

from mtcheck.checks.fluency import with_grammar
from mtcheck.checks.grammar import GrammarSettings
from mtcheck.checks.lexicon import unigram_surprisal
from mtcheck.checks.names.decision import Repair
from mtcheck.checks.names.runs import NameToken
from mtcheck.checks.names.verify import RepairVerifier
from mtcheck.reading import parse_text

LEAD = "Talks between the two sides resumed in Geneva on Monday, officials said.\n\n"


def fluency_findings(scanner, text: str) -> list[tuple[str, str]]:
    (output,) = scanner.fluency.check([parse_text(text)])
    return [(f.code, f.text) for f in output.findings]


def test_a_compound_far_less_likely_than_its_parts_is_garbled_wording(fake_scanner) -> None:
    text = LEAD + "Officials described the fog-covered valley as quiet on Tuesday, and the roads stayed open."
    assert fluency_findings(fake_scanner(), text) == []
    # The surprise at which the compound costs the limit beyond its parts' frequencies.
    at_limit = (fake_scanner().fluency.calibration.compound_excess_limit
                + (1 - CONTEXT_SHARE) * unigram_surprisal("fog-covered"))
    assert fluency_findings(fake_scanner({"fog-covered": at_limit + 0.5}), text) == [("MT101", "fog-covered")]
    assert fluency_findings(fake_scanner({"fog-covered": at_limit - 0.5}), text) == []


def test_an_unknown_word_is_garbled_only_where_its_context_gives_it_no_support(fake_scanner) -> None:
    text = LEAD + "The committee said the vote was gravulated on Tuesday after a long debate in the chamber."
    # The fake reads "gravulated" as dearly in its sentence as alone: no support.
    assert fluency_findings(fake_scanner(), text) == [("MT101", "gravulated")]
    # A context that makes a rare word likelier ("gavelled" in a vote story) clears it.
    assert fluency_findings(fake_scanner({"gravulated": -3.0}), text) == []


def test_a_misspelling_the_grammar_engine_names_is_not_also_garbled_wording(fake_scanner) -> None:
    text = LEAD + "The committee said the vote was gravulated on Tuesday after a long debate in the chamber."
    picky = fake_scanner(check_settings=(("grammar", GrammarSettings(picky=True)),))
    (result,) = picky.scan([parse_text(text)])
    assert [(f.code, f.text) for f in result.findings if f.text == "gravulated"] == [("MT302", "gravulated")]


def test_grammar_findings_lower_the_paragraphs_fluency(fake_scanner) -> None:
    text = LEAD + "The committee will meet again on Thursday to discuss the the budget for next year."
    (plain,) = fake_scanner(check_settings=(("grammar", GrammarSettings(engine="none")),)).scan([parse_text(text)])
    (checked,) = fake_scanner().scan([parse_text(text)])
    assert [f.code for f in checked.findings] == ["MT301"]
    before, after = plain.paragraphs[1], checked.paragraphs[1]
    assert after.fluency == pytest.approx(with_grammar(before.fluency, 1, before.lm["words"]))
    assert after.fluency < before.fluency


def test_a_repairs_saving_is_what_the_model_pays_for_each_mention_as_written(fake_scanner) -> None:
    text = "Exports to Chnia fell in March. Chnia said imports rose. Prices of steel rose too."
    start = text.index("Chnia said")
    repair = Repair(NameToken(start, start + 5, "Chnia"), "China", 0.9, ())
    (saved,) = RepairVerifier(FakeScorer()).savings(parse_text(text), [repair])
    # The window is the mention's sentence and the text before it, every
    # mention repaired: two unknown words become two "China"s.
    assert saved == pytest.approx(2 * (UNKNOWN_WORD_NLL - CONTEXT_SHARE * unigram_surprisal("China")))


def test_a_scan_with_the_fake_names_it_and_reads_no_model(fake_scanner) -> None:
    scanner = fake_scanner()
    (result,) = scanner.scan([parse_text(LEAD + "The minister left for Brussels on Tuesday evening.")])
    assert result.fluency is not None and scanner.signature["model"] == "fake-unigram"
    assert scanner.scorer.calls  # every number came from the fake
