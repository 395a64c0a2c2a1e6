"""Shared fixtures.

Tests come in two groups. Those marked ``model`` use the real language model
and gazetteer, as a scan does (``pytest -m model``); the rest run without the
model (``pytest -m "not model"``, a few seconds), and where a check needs a
language model's numbers they get ``FakeScorer``'s: a model that scores each
word by how common it is, plus whatever surprise a test asks for.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

import pytest

from mtcheck.checks.lexicon import unigram_surprisal
from mtcheck.lm.scorer import TokenScores
from mtcheck.scanner import Scanner, ScanOptions

# What the fake model pays for a word English text never uses, in context or
# alone, and for the spaces and punctuation between words (nats); a known
# word costs this share of its unigram surprisal in context, as a real
# model's context makes ordinary prose likelier than its words' frequencies.
UNKNOWN_WORD_NLL = 16.0
GAP_NLL = 0.5
CONTEXT_SHARE = 0.5
TOKEN_RE = re.compile(r"\s*(?:\w+(?:['’.-]\w+)*|[^\w\s]+)")


class FakeScorer:
    """Answers like the scan's scorer (``score``, ``score_streams``,
    ``signature``) without a model: a known word costs CONTEXT_SHARE of its
    unigram surprisal in context, all of it alone; an unknown word costs
    UNKNOWN_WORD_NLL either way. ``surprise`` adds nats to chosen words in a
    longer text (as a model that finds them out of place there would)."""

    signature = {"model": "fake-unigram"}

    def __init__(self, surprise: Mapping[str, float] = {}):
        self.surprise = dict(surprise)
        self.calls: list[list[str]] = []

    def score(self, texts: Sequence[str]) -> list[TokenScores]:
        self.calls.append(list(texts))
        return [self._score(text) for text in texts]

    def score_streams(self, streams: Sequence[Sequence[str]]) -> list[tuple[TokenScores, ...]]:
        self.calls.append([text for stream in streams for text in stream])
        return [tuple(self._score(text) for text in stream) for stream in streams]

    def _score(self, text: str) -> TokenScores:
        alone = len(text.split()) == 1  # a word scored out of context
        offsets, nll = [], []
        for match in TOKEN_RE.finditer(text):
            token = match.group().strip()
            offsets.append((match.start(), match.end()))
            if not token[0].isalnum():
                nll.append(GAP_NLL)
                continue
            nll.append(self._word_nll(token, alone))
        return TokenScores(offsets=tuple(offsets), nll=tuple(nll))

    def _word_nll(self, word: str, alone: bool) -> float:
        known = unigram_surprisal(word)
        if alone:
            return known if known is not None else UNKNOWN_WORD_NLL
        in_context = CONTEXT_SHARE * known if known is not None else UNKNOWN_WORD_NLL
        return in_context + self.surprise.get(word, 0.0)


@pytest.fixture
def fake_scanner():
    """A scanner whose checks read FakeScorer's numbers (no model, no cache);
    call it with the surprise the fake model should have, and ScanOptions fields."""
    def make(surprise: Mapping[str, float] = {}, **options) -> Scanner:
        scanner = Scanner(ScanOptions(cache=False, **options))
        scanner.scorer = FakeScorer(surprise)  # before the checks are built from it
        return scanner
    return make


@pytest.fixture(scope="session")
def real_scanner() -> Scanner:
    """The scanner a default scan uses, the very one the command line runs in
    this process (the model loads once): the real model and gazetteer (tests
    marked ``model``)."""
    from mtcheck.session import prepared_scanner

    return prepared_scanner(ScanOptions())


@pytest.fixture(autouse=True)
def model_only_where_marked(request, monkeypatch):
    """A test not marked ``model`` that loads the model fails, so the fast group stays fast."""
    if request.node.get_closest_marker("model") is None:
        import mtcheck.lm.model

        def refuse(*args, **kwargs):
            raise AssertionError("this test loads the language model: mark it @pytest.mark.model")
        monkeypatch.setattr(mtcheck.lm.model, "load_model", refuse)
