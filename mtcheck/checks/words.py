"""Words of a paragraph with their LM surprisal and unigram surprisal.

The language model's surprisal of a word mixes two things: how rare the word
is, and how badly it fits its context. Only the second is about fluency, so
each word also carries its unigram surprisal (from wordfreq's English
frequencies); their difference, the word's *excess*, is what the fluency
score and the garble detector use (the per-word form of SLOR, Pauls & Klein
2012; Lau et al. 2017).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from mtcheck.lm.scorer import TokenScores

WORD_RE = re.compile(r"\w+(?:['’.-]\w+)*")
# Where a new sentence starts, a capital letter says nothing about names.
SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;]\s*[\"“”'‘’(]*|[\"“(‘]|\n)\s*$")
# ...except after a title or initial: "Mr. Putin", "Gen. Syrskyi", "J. Smith".
ABBREVIATION_BEFORE_RE = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z])\.\s*$")


@dataclass(frozen=True)
class ScoredWord:
    start: int
    end: int
    text: str
    surprisal: float  # nats: sum of the NLLs of the word's tokens
    # -ln p(word) from wordfreq; None when wordfreq does not know the word.
    unigram: Optional[float]
    sentence_initial: bool
    paragraph_initial: bool

    @property
    def looks_like_name(self) -> bool:
        """Capitalised mid-sentence, or an acronym: a name, not prose."""
        if self.text.isupper() and len(self.text) > 1:
            return True
        return self.text[:1].isupper() and not self.sentence_initial

    @property
    def is_lexical(self) -> bool:
        """An ordinary word whose fit in context the excess can judge."""
        return (
            not self.looks_like_name
            and not self.paragraph_initial  # the first word has no context
            and self.unigram is not None
            and not any(c.isdigit() for c in self.text)
        )

    @property
    def is_unknown_lowercase(self) -> bool:
        """A lowercase word no dictionary knows: 'overtured', 'ramp-extensive'."""
        return (
            self.unigram is None
            and self.text[:1].islower()
            and not any(c.isdigit() for c in self.text)
        )

    @property
    def excess(self) -> float:
        """Surprisal beyond what the word's rarity explains (0 if unknown)."""
        return self.surprisal - self.unigram if self.unigram is not None else 0.0


def scored_words(text: str, scores: TokenScores) -> list[ScoredWord]:
    """Attach each token's NLL to the word it overlaps most."""
    matches = list(WORD_RE.finditer(text))
    surprisal = [0.0] * len(matches)
    w = 0
    for (start, end), nll in zip(scores.offsets, scores.nll):
        while w < len(matches) and matches[w].end() <= start:
            w += 1
        if w < len(matches) and matches[w].start() < end:
            surprisal[w] += nll
    return [
        ScoredWord(
            start=m.start(),
            end=m.end(),
            text=m.group(),
            surprisal=s,
            unigram=unigram_surprisal(m.group()),
            sentence_initial=i == 0 or _starts_sentence(text, m.start()),
            paragraph_initial=i == 0,
        )
        for i, (m, s) in enumerate(zip(matches, surprisal))
    ]


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 12) : position]
    return bool(SENTENCE_START_RE.search(before)) and not ABBREVIATION_BEFORE_RE.search(before)


@lru_cache(maxsize=200_000)
def unigram_surprisal(word: str) -> Optional[float]:
    from wordfreq import word_frequency

    frequency = word_frequency(word.replace("’", "'").lower(), "en")
    if frequency > 0:
        return -math.log(frequency)
    parts = word.split("-")
    if len(parts) > 1:
        # A compound the word list lacks ("two-and-a-half-hour"): its parts
        # taken as independent, so a familiar compound shows a negative excess
        # and an odd one ("ramp-extensive") a large positive one.
        part_surprisals = [unigram_surprisal(part) for part in parts if part]
        if part_surprisals and None not in part_surprisals:
            return sum(part_surprisals)
    return None
