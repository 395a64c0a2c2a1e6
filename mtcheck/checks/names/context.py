"""What the article around a name says: how it writes its names, and the paragraph's words."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

from mtcheck.checks.names.runs import NameToken
from mtcheck.checks.names.similarity import start_signature
from mtcheck.document import Paragraph
from mtcheck.gazetteer.normalise import content_words


class ArticleNames:
    """What the article itself says about its names: how often each word is
    used, how it is written, and which words it stands beside in a name
    ("Osadcha" alone is the surname of "Halyna Osadcha" two sentences back)."""

    def __init__(self, runs: Sequence[tuple[Paragraph, list[NameToken]]]):
        self.counts = Counter(token.key for _, run in runs for token in run)
        self.written = {token.key: token.text for _, run in runs for token in run}
        self.companions: dict[str, set[str]] = {}
        for _, run in runs:
            for token in run:
                self.companions.setdefault(token.key, set()).update(t.key for t in run if t.key != token.key)

    def words_starting_like(self, key: str) -> list[str]:
        """The article's name words that start as ``key`` does (see
        same_start), in the order it first writes them: a near miss of a
        name starts alike, and most of an article's names do not."""
        letter, sounds = start_signature(key)
        places = set(self._places_by_start.get(letter, ()))
        for sound in sounds:
            places.update(self._places_by_start.get(("sound", sound), ()))
        return [self._words[place] for place in sorted(places)]

    @cached_property
    def _words(self) -> list[str]:
        return list(self.counts)

    @cached_property
    def _places_by_start(self) -> dict[object, list[int]]:
        """Places in ``_words`` by first letter, and by ("sound", first sound)."""
        places: defaultdict[object, list[int]] = defaultdict(list)
        for place, word in enumerate(self._words):
            letter, sounds = start_signature(word)
            places[letter].append(place)
            for sound in sounds:
                places[("sound", sound)].append(place)
        return places


class ParagraphContext:
    """The paragraph's words, stemmed, for matching entry descriptions (built
    on demand), and its text around a name."""

    def __init__(self, text: str, start: int):
        self.text = text
        self.start = start  # the paragraph's offset in the document

    def tail(self, token: NameToken) -> str:
        """The paragraph's text after ``token``."""
        return self.text[token.end - self.start:]

    def is_written_around(self, token: NameToken, before: Sequence[str], after: Sequence[str]) -> bool:
        """Is ``token`` written right after the words ``before`` and right before ``after``?"""
        head = self.text[:token.start - self.start]
        return _ends_with_words(head, before) and _starts_with_words(self.tail(token), after)

    @cached_property
    def words(self) -> frozenset[str]:
        return content_words(self.text)

    @cached_property
    def proper_words(self) -> frozenset[str]:
        return content_words(self.text, proper_only=True)


@dataclass(frozen=True)
class OpenWord:
    """A word of a name that no accepted spelling explains, with what stands around it."""

    run: tuple[NameToken, ...]
    index: int  # the word's place in the run
    others: tuple[str, ...]  # the rest of this name, and of every name the article writes the word in (keys)
    known: bool  # some known name has the word, though not with these others
    article: ArticleNames = field(compare=False)
    context: ParagraphContext = field(compare=False)

    @property
    def token(self) -> NameToken:
        return self.run[self.index]

    @property
    def key(self) -> str:
        return self.token.key

    @property
    def last(self) -> bool:
        return self.index == len(self.run) - 1

    @property
    def as_written(self) -> tuple:
        """All that tells this word from another mention in the same article
        for its candidate repairs (but for its paragraph): the name as written,
        the word's place in it, the rest of its names, whether it is known."""
        return tuple(t.text for t in self.run), self.index, self.others, self.known


# Word by word rather than by a regular expression built per call: a name
# check asks this of thousands of (token, place name) pairs, each a new pattern.

def _ends_with_words(text: str, words: Sequence[str]) -> bool:
    """``text`` ends with ``words`` (any case), each followed by whitespace,
    the first not glued to a word before it."""
    for word in reversed(words):
        stripped = text.rstrip()
        if len(stripped) == len(text) or not _same_letters(stripped[len(stripped) - len(word):], word):
            return False
        text = stripped[:len(stripped) - len(word)]
    return not text or not _is_word_char(text[-1])


def _starts_with_words(text: str, words: Sequence[str]) -> bool:
    """``text`` starts with ``words`` (any case), each after whitespace, the
    last not glued to a word after it."""
    for word in words:
        stripped = text.lstrip()
        if len(stripped) == len(text) or not _same_letters(stripped[:len(word)], word):
            return False
        text = stripped[len(word):]
    return not text or not _is_word_char(text[0])


def _same_letters(a: str, b: str) -> bool:
    return len(a) == len(b) and all(x == y or x.lower() == y.lower() for x, y in zip(a, b))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
