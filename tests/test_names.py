"""Name corruption with the real gazetteer: the seeds, real pages, archives and
the garbled dev set. Sentence-sized cases are in tests/cases/names.yaml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mtcheck.checks.names import NameCheck, learn_names
from mtcheck.gazetteer import Gazetteer
from mtcheck.gazetteer.store import merge_user_entries
from mtcheck.reading import iter_inputs, parse_text
from real_pages import real_page

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEVSET = ROOT / "fixtures" / "devsets" / "garbled_names.jsonl"
pytestmark = pytest.mark.model  # the check as a scan runs it, with the fluency model


@pytest.fixture(scope="module")
def check(real_scanner) -> NameCheck:
    """The name check as a scan runs it: the real gazetteer, and the fluency
    model's opinion of each repair."""
    return real_scanner.names


def with_gazetteer(check: NameCheck, gazetteer: Gazetteer) -> NameCheck:
    return NameCheck(gazetteer, check.verifier)


def seed(prefix: str):
    (document,) = iter_inputs([next(SEEDS.glob(f"{prefix}_*.txt"))])
    return document


def archive_gazetteer(check: NameCheck, *articles: str) -> Gazetteer:
    """The bundled gazetteer plus the names a publisher's clean articles use
    (as `gazetteer build` learns them and `scan --gazetteer` merges them)."""
    learned = learn_names([parse_text(a) for a in articles], check.gazetteer)
    return Gazetteer(merge_user_entries(list(check.gazetteer.entries), learned), check.gazetteer.metadata)


def test_three_of_the_four_damaged_names_of_seed_003_get_their_canonical_spelling(check) -> None:
    # The fourth, "CNN's Jim Sait" for Sciutto (four edits in four letters),
    # is too far from its name for the fitted decision (see docs/names.md).
    document = seed("003")
    findings = [f for f in check.check_document(document) if f.code == "MT201"]
    assert {f.text: f.suggestions[0] for f in findings} == {
        "Voldimi": "Volodymyr", "Stabridisdad": "Stavridis", "Spruez": "Sprūds",
    }
    for finding in findings:
        assert document.text[finding.start:finding.end] == finding.text
        assert finding.severity == "error" and check.decision.with_model.error_threshold <= finding.confidence < 1
    stavridis = next(f for f in findings if f.text == "Stabridisdad")
    assert "Stavridis appears elsewhere in the article" in stavridis.message


def test_correct_names_in_seed_003_are_left_alone(check) -> None:
    document = seed("003")
    flagged = {f.text for f in check.check_document(document) if f.severity != "info"}
    for name in ("Isa", "Soares", "Kursk", "Crimea", "Joe", "Biden", "Stavridis", "Zelensky", "Putin"):
        assert name not in flagged


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_human_written_seeds_have_no_name_finding_above_info(check, prefix: str) -> None:
    assert [f for f in check.check_document(seed(prefix)) if f.category == "name" and f.severity != "info"] == []


def test_a_place_qualified_by_another_region_is_another_place(check) -> None:
    texas = "The oil boom has made Odessa, Texas, one of the fastest-growing cities in the state."
    assert check.check_document(parse_text(texas)) == []
    (finding,) = check.check_document(parse_text("Officials in Kiev, Ukraine, said the talks would resume next week."))
    assert (finding.code, finding.text, finding.suggestions) == ("MT202", "Kiev", ("Kyiv",))


@pytest.mark.parametrize(("sentence", "older", "current"), [
    ("Officials in Kiev said the talks would resume.", "Kiev", "Kyiv"),  # the curated file's
    # WordNet's older spellings of places, no damage; the first from the Japan Times, 2004 (fixtures/newssources).
    ("This is fine except for the large amount of aid being given to Kazakstan, the region's richest country.",
     "Kazakstan", "Kazakhstan"),
    ("The presidents of Brazil, Chile, Surinam and Guyana attended the summit.", "Surinam", "Suriname"),
])
def test_deprecated_spellings_are_info_with_the_current_form(check, sentence, older, current) -> None:
    (finding,) = check.check_document(parse_text(sentence))
    assert (finding.code, finding.severity, finding.text, finding.suggestions) == ("MT202", "info", older, (current,))


def test_a_common_word_opening_a_sentence_is_no_part_of_the_name_after_it(check) -> None:
    # "But" is a name word somewhere in the gazetteer; opening a sentence, it is the sentence's.
    text = ("Officials in Beijiing said on Monday that the talks would continue into the next week.\n\n"
            "But Beijiing is balking at committing to a specific time frame for the purchases.")
    findings = [(f.text, f.start, f.suggestions[0]) for f in check.check_document(parse_text(text)) if f.code == "MT201"]
    second = text.index("Beijiing", 20)
    assert findings == [("Beijiing", 13, "Beijing"), ("Beijiing", second, "Beijing")]


def test_an_article_spelling_english_text_uses_is_the_repair_of_one_nobody_writes(check) -> None:
    # Neither spelling is in the gazetteer and each is used once; "Harbaugh" is
    # the one English text knows. An adjective made from the damaged word's
    # stem ("Bavarian") is no repair for it.
    text = "Jim Harbaugg, the coach, praised the defence. Harbaugh said the team would rest on Monday."
    (finding,) = [f for f in check.check_document(parse_text(text)) if f.code == "MT201"]
    assert (finding.start, finding.end, finding.suggestions[0]) == (4, 12, "Harbaugh")
    text = "The plants in Bavaris employ 9,000 people. Bavarian officials said the closures would hurt."
    assert [f for f in check.check_document(parse_text(text)) if f.code == "MT201"] == []


def test_a_place_whose_other_words_are_common_is_known_by_them(check) -> None:
    # "El" and "Le" are too common to join a name run; standing beside the
    # damaged word as in the place's name, they make the case for El Obeid
    # and Le Havre, which the spelling alone could not.
    for text, damaged, repair in (("Fighting spread to El Obeyd, the capital of North Kordofan.", "Obeyd", "Obeid"),
                                  ("Tankers were turned away from the port of Le Havrez on Friday.", "Havrez", "Havre")):
        (finding,) = [f for f in check.check_document(parse_text(text)) if f.code == "MT201"]
        assert (text[finding.start:finding.end], finding.suggestions[0]) == (damaged, repair)
        assert "written as the place's whole name is" in finding.message
    assert [f for f in check.check_document(parse_text("Fighting spread to Obeyd, the capital of North Kordofan."))
            if f.code == "MT201"] == []


@pytest.mark.xfail(strict=True, reason="lost with the third round of candidates: the refitted spelling model "
                   "gives Savaş too little (three edits) to ask the language model, which then rejects Lütfü alone")
def test_a_name_damaged_in_both_words_is_found_through_the_surnames_near_spellings(check) -> None:
    # The publisher's archive knows the mayor; the MT copy garbles both words:
    # "Saveşen" is near Savaş, whose given name is a near miss of "Lütfa"; both are repaired.
    gazetteer = archive_gazetteer(check, "Hatay Mayor Lütfü Savaş said the rubble would be cleared by summer.")
    text = "Mayor Lütfa Saveşen has said clearing the historic center will take years."
    findings = [(f.text, f.suggestions[0]) for f in with_gazetteer(check, gazetteer).check_document(parse_text(text))
                if f.code == "MT201"]
    assert findings == [("Lütfa", "Lütfü"), ("Saveşen", "Savaş")]


def test_the_publishers_own_person_is_offered_before_the_lists_namesakes(check) -> None:
    # Both words damaged: the surname's near spelling Leite is a word of six
    # names in the lists; the archive's Eduardo Leite comes first among them,
    # so "Eduerdo" is repaired through him, not left alone.
    gazetteer = archive_gazetteer(check, "Governor Eduardo Leite said Rio Grande do Sul would need federal help.")
    text = "Floods in Rio Grande do Sul reached a record. Governor Eduerdo Leiteov said the state would need a plan."
    assert gazetteer.likely_entries("leite")[0].canonical == "Eduardo Leite"
    findings = [(f.text, f.suggestions[0]) for f in with_gazetteer(check, gazetteer).check_document(parse_text(text))
                if f.code == "MT201"]
    assert findings == [("Eduerdo", "Eduardo"), ("Leiteov", "Leite")]


def test_the_publishers_own_names_are_candidates_among_a_hundred_thousand(check) -> None:
    # Debe, Denes, Deane... are closer to "Denbe" than Danube, which the archive uses.
    gazetteer = archive_gazetteer(check, "Barges carried grain up the Danube to Austria, officials said.")
    text = "Barges loaded with Ukrainian grain sailed up the Denbe on Monday."
    assert [f for f in check.check_document(parse_text(text)) if f.code == "MT201"] == []
    (finding,) = [f for f in with_gazetteer(check, gazetteer).check_document(parse_text(text)) if f.code == "MT201"]
    assert (finding.text, finding.suggestions[0]) == ("Denbe", "Danube")


@pytest.mark.parametrize("publisher, words", [
    # English words made from a name: the family plural after "the", -ers, -ite, -ian.
    ("hosted.ap.org", {"Bidens", "Trumpers"}),
    ("www.vox.com", {"Delhiite"}),
    ("www.nationalreview.com", {"Bidens", "Nixonian"}),
])
def test_english_words_made_from_names_in_real_news_are_not_damage(check, publisher: str, words: set) -> None:
    document = real_page(publisher)
    assert words <= set(re.findall(r"\w+", document.text))
    assert {f.text for f in check.check_document(document) if f.code == "MT201"} & words == set()


def test_words_a_page_glued_together_are_not_names(check) -> None:
    # The page runs a byline into a headline: "NoemSouth Dakota governor doubles down..."
    document = real_page("thehill.com", extracted=True)
    assert "NoemSouth" in document.text
    assert [f.text for f in check.check_document(document) if f.code == "MT201"] == []


def test_garbled_dev_set_findings_are_precise_and_clean_text_stays_quiet(check) -> None:
    # The full measurement is benchmarks/bench_names.py; this guards precision,
    # which matters most: a legitimate name must not be "corrected".
    records = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines()]
    hits = flags = clean_flags = clean_words = 0
    for record in records:
        findings = [f for f in check.check_document(parse_text(record["text"])) if f.code == "MT201"]
        flags += len(findings)
        hits += sum(any(f.start < g["end"] and g["start"] < f.end for g in record["garbles"]) for f in findings)
        clean_flags += sum(f.code == "MT201" for f in check.check_document(parse_text(record["clean_text"])))
        clean_words += len(record["clean_text"].split())
    assert flags >= 30 and hits / flags >= 0.95
    assert clean_flags / clean_words * 1000 < 0.5
