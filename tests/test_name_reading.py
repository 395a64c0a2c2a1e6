"""How the name check reads an article: the words around a name, and
memoised lookups that must not depend on what the check read before."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.checks.names import NameCheck
from mtcheck.checks.names.context import ParagraphContext
from mtcheck.checks.names.runs import NameToken
from mtcheck.gazetteer import load_gazetteer
from mtcheck.gazetteer.index import _counted_runs
from mtcheck.reading import iter_inputs, parse_text
from real_pages import PAGES


def written_around_by_regex(head: str, tail: str, before: list[str], after: list[str]) -> bool:
    """The definition: ``before`` then whitespace right up to the token,
    whitespace then ``after`` right after it, in any case, not glued to
    another word."""
    return (re.search(r"(?<!\w)" + "".join(re.escape(w) + r"\s+" for w in before) + "$", head, re.I) is not None
            and re.match("".join(r"\s+" + re.escape(w) for w in after) + r"(?!\w)", tail, re.I) is not None)


def token_in(text: str, word: str) -> tuple[ParagraphContext, NameToken]:
    start = text.index(word)
    return ParagraphContext(text, 0), NameToken(start, start + len(word), word)


@pytest.mark.parametrize("text, before, after, expected", [
    ("during the siege of El Fashea in Darfur", ["El"], [], True),
    ("during the siege of el  Fashea in Darfur", ["El"], [], True),
    ("the Hotel Fashea in Darfur", ["El"], [], False),
    ("near Lake\nLcerne Beach today", ["Lake"], ["Beach"], True),
    ("near Lake Lcerne Beaches today", ["Lake"], ["Beach"], False),
    ("the Bidens said", ["the"], [], True),
    ("Nathe Bidens said", ["the"], [], False),
])
def test_the_words_written_around_a_name(text, before, after, expected) -> None:
    word = next(w for w in ("Fashea", "Lcerne", "Bidens") if w in text)
    context, token = token_in(text, word)
    assert context.is_written_around(token, before, after) is expected


WORDS = st.sampled_from(["El", "el", "Lake", "the", "É", "x_1"])
# Pieces of text near a name: the words, their case and accents, glue
# (letters, digits, "_"), and whitespace of several kinds.
TEXT = st.lists(st.sampled_from(["El", "el", "EL", "Lake", "lake", "the", "The", "É", "é", "x", "_", "1", "-", ".",
                                 " ", "  ", "\n", "\u00a0", "\t"]), max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(head=TEXT, tail=TEXT, before=st.lists(WORDS, max_size=2), after=st.lists(WORDS, max_size=2),
       offset=st.integers(0, 50))
def test_the_words_around_a_name_are_read_as_the_definition_says(head, tail, before, after, offset) -> None:
    text = head + "Fashea" + tail
    context = ParagraphContext(text, offset)
    token = NameToken(offset + len(head), offset + len(head) + len("Fashea"), "Fashea")
    assert context.is_written_around(token, before, after) is written_around_by_regex(head, tail, before, after)


def candidates_by_document(check: NameCheck, documents) -> list[list]:
    return [[(p.index, token.start, [(r.replacement, r.confidence, sorted(r.features.items())) for r in repairs])
             for p, token, repairs in check.candidates(document)] for document in documents]


def test_a_documents_candidates_do_not_depend_on_what_the_check_read_before() -> None:
    # The check remembers lookups (near spellings per word and name part, the
    # people with a given name sifted by how a word starts, entries per
    # spelling) for the life of a scan: a remembered answer must be the one a
    # fresh check would give. Real news bodies, read forwards and backwards.
    gazetteer = load_gazetteer()
    documents = list(iter_inputs([str(PAGES / "bodies.jsonl")]))[:30]
    forwards = candidates_by_document(NameCheck(gazetteer), documents)
    backwards = candidates_by_document(NameCheck(gazetteer), documents[::-1])[::-1]
    fresh = [candidates_by_document(NameCheck(gazetteer), [d])[0] for d in documents[::7]]
    assert sum(len(words) for words in forwards) > 100
    assert forwards == backwards
    assert forwards[::7] == fresh


class ReadingEveryMentionAfresh(NameCheck):
    def _repairs(self, word, read):
        return super()._repairs(word, {})


def test_what_is_kept_for_a_names_other_mentions_is_what_reading_each_afresh_gives() -> None:
    # A name's candidates, and their evidence but for the paragraph's part,
    # are read at its first mention in an article and kept for the others.
    gazetteer = load_gazetteer()
    documents = list(iter_inputs([str(PAGES / "bodies.jsonl")]))[:30]
    kept = candidates_by_document(NameCheck(gazetteer), documents)
    afresh = candidates_by_document(ReadingEveryMentionAfresh(gazetteer), documents)
    assert kept == afresh


def test_a_name_mentioned_again_is_read_with_its_own_paragraphs_evidence() -> None:
    text = ("Fighters tightened the siege of El Fashea on Sunday, aid groups said, as food ran short.\n\n"
            "Residents who left Fashea last week described shelling near the main market.\n")
    document = parse_text(text)
    read = NameCheck(load_gazetteer()).candidates(document)
    first, second = [next(r for r in repairs if r.replacement == "Fasher")
                     for _, token, repairs in read if token.text == "Fashea"]
    assert (first.features["written_whole"], second.features["written_whole"]) == (1.0, 0.0)
    assert "written as the place's whole name is" in first.reasons
    assert "written as the place's whole name is" not in second.reasons
    assert first.confidence > second.confidence
    paragraphs = {"written_whole", "description_words", "corroboration", "corroboration_x_edits"}
    assert ({k: v for k, v in first.features.items() if k not in paragraphs}
            == {k: v for k, v in second.features.items() if k not in paragraphs})


def test_a_near_spelling_search_gives_the_same_for_a_name_part_whichever_part_was_searched_first() -> None:
    gazetteer = load_gazetteer()
    words = ["chnia", "madouro", "stabridis", "berlinu", "voldimi", "sydnay"]
    parts = [None, "headword", "given", "surname"]
    answers = {}
    for word in words:
        for part in parts:
            gazetteer._recent_searches.clear()
            answers[word, part] = gazetteer.near_tokens(word, limit=40, min_score=0.55, part=part)
    gazetteer._recent_searches.clear()
    for part in parts[::-1]:
        for word in words:
            assert gazetteer.near_tokens(word, limit=40, min_score=0.55, part=part) == answers[word, part]
    # The searches found what they are for: a swap one edit away, a surname.
    assert "china" in dict(answers["chnia", "headword"])
    assert "maduro" in dict(answers["madouro", "surname"])


@pytest.mark.parametrize("word", ["chnia", "madouro", "stabridis", "hakizimana", "ab", "qqqzzx"])
def test_shared_trigrams_are_counted_as_np_unique_counts_them(word: str) -> None:
    postings, _ = load_gazetteer()._trigram_postings(word)
    ids, shared = _counted_runs(postings)
    expected_ids, expected_shared = np.unique(postings, return_counts=True)
    assert ids.tolist() == expected_ids.tolist() and shared.tolist() == expected_shared.tolist()
    # The hits a search keeps are among them, with the same counts.
    hits, hit_shared = load_gazetteer()._trigram_hits(word)
    assert set(zip(hits.tolist(), hit_shared.tolist())) <= set(zip(ids.tolist(), shared.tolist()))
