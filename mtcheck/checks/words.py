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
from dataclasses import dataclass, replace
from typing import Optional

from mtcheck.checks.lexicon import unigram_surprisal
from mtcheck.lm.scorer import TokenScores

WORD_RE = re.compile(r"\w+(?:['’.-]\w+)*")
# Where a new sentence starts, a capital letter says nothing about names.
SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;]\s*[\"“”'‘’(]*|[\"“(‘]|\n)\s*$")
# ...except after a title or initial: "Mr. Putin", "Gen. Syrskyi", "J. Smith".
ABBREVIATION_BEFORE_RE = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z])\.\s*$")

# Zipf 3 (one in a million words): rarer than this in lowercase, a capitalised
# sentence-initial word is more likely a name ("Bhanwar") than prose ("Despite").
RARE_SURPRISAL = -math.log(1e-6)


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
    # Right after a name the LM's context is a name it may not know, and its
    # guess at the next word ("said" after "Šutaj Eštok") is unreliable.
    follows_name: bool = False
    # For words wordfreq lacks: the LM's surprisal of the word with no
    # context at all (see with_context_free_surprisal).
    context_free: Optional[float] = None

    @property
    def looks_like_name(self) -> bool:
        """Capitalised mid-sentence, an acronym, inner capitals ("uMkhonto"),
        or a sentence-initial capitalised word that is rare in lowercase."""
        if any(c.isupper() for c in self.text[1:]):
            return True
        if not self.text[:1].isupper():
            return False
        return not self.sentence_initial or _rare_in_lowercase(self.text)

    @property
    def is_compound(self) -> bool:
        """A hyphenated compound ("fog-covered", "ramp-extensive"). Its unigram
        surprisal is that of its parts, but the LM also pays for the hyphens,
        so its excess runs higher than a plain word's and has a limit of its own."""
        return "-" in self.text and self.unigram is not None and not self.looks_like_name

    @property
    def is_two_part_compound(self) -> bool:
        """One hyphen: where MT puts a hyphen for a dash ("changes-the",
        "whole-a"). Longer chains are a writer's coinage ("blink-and-you'll-
        miss-it", "out-of-county"), which the LM finds surprising whatever."""
        return self.is_compound and self.text.count("-") == 1

    @property
    def is_lexical(self) -> bool:
        """An ordinary word whose fit in context the excess can judge."""
        return (
            not self.looks_like_name
            and not self.is_compound
            and not self.paragraph_initial  # the first word has no context
            and not self.follows_name
            and self.unigram is not None
            and not any(c.isdigit() for c in self.text)
        )

    @property
    def is_unknown_lowercase(self) -> bool:
        """A lowercase word no dictionary knows: 'overtured', 'ramp-extensive'.
        Addresses and handles ('onmeth.com', 'x@y') are not words at all."""
        return (
            self.unigram is None
            and self.text[:1].islower()
            and not any(c.isdigit() or c in "./@_" for c in self.text)
        )

    @property
    def context_gives_no_support(self) -> bool:
        """An unknown lowercase word its context does not make any likelier
        than it is out of context: how MT inventions ('overtured') behave,
        while real rare words ('gavelled' in a story about a vote) are
        predicted by their context."""
        return (
            self.is_unknown_lowercase
            and not self.paragraph_initial
            and self.context_free is not None
            and self.surprisal >= self.context_free
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
    words: list[ScoredWord] = []
    for i, (m, s) in enumerate(zip(matches, surprisal)):
        words.append(ScoredWord(
            start=m.start(),
            end=m.end(),
            text=m.group(),
            surprisal=s,
            unigram=unigram_surprisal(m.group()),
            sentence_initial=i == 0 or _starts_sentence(text, m.start()),
            paragraph_initial=i == 0,
            follows_name=bool(words) and words[-1].looks_like_name,
        ))
    return words


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 12) : position]
    return bool(SENTENCE_START_RE.search(before)) and not ABBREVIATION_BEFORE_RE.search(before)


def with_context_free_surprisal(paragraphs: list[list[ScoredWord]], scorer) -> list[list[ScoredWord]]:
    """Give every unknown lowercase word its out-of-context LM surprisal.

    The word is scored after the document-start token, with the leading
    space it has mid-sentence, so it is split into the same tokens as in
    context. One small batch for all distinct such words.
    """
    unknown = sorted({w.text for words in paragraphs for w in words if w.is_unknown_lowercase})
    if not unknown:
        return paragraphs
    free = {text: sum(s.nll) for text, s in zip(unknown, scorer.score([" " + t for t in unknown]))}
    return [
        [replace(w, context_free=free[w.text]) if w.text in free else w for w in words]
        for words in paragraphs
    ]


def _rare_in_lowercase(word: str) -> bool:
    lowered = unigram_surprisal(word.lower())
    return lowered is None or lowered > RARE_SURPRISAL
