"""Name candidates: runs of capitalised words in a paragraph."""

from __future__ import annotations

import re

import regex
from dataclasses import dataclass
from typing import Callable, Iterable

from mtcheck.checks.lexicon import word_zipf
from mtcheck.document import Document, Paragraph
from mtcheck.gazetteer.normalise import compact
from mtcheck.gazetteer.person import is_honorific

# A name word (normalise.NAME_WORD_RE) starting with a capital: the only words a name run can hold, so
# the scan skips the rest of the paragraph at C speed.
CAPITALISED_WORD_RE = regex.compile(r"(?<![\w'’\-])\p{Lu}[\w'’\-]*")
# "Biden's", and the plural possessive "the Corrs’".
POSSESSIVE_RE = re.compile(r"['’]s?$")
# A capital after three lowercase letters: two words glued together where a
# page lost the space between a headline and a byline ("NoemSouth"), not a
# name ("DeBose", "McCain" and "iFixit" have their capital earlier).
GLUED_WORDS_RE = regex.compile(r"\p{Ll}{3}\p{Lu}")
MIN_TOKEN_LENGTH = 3
# Zipf frequency (wordfreq) from which a capitalised word opening a run is an
# ordinary word ("Retired", "President", "The"), not part of the name.
ORDINARY_WORD_ZIPF = 3.5
# From this Zipf frequency a word starting a sentence is the sentence's word
# even when some name in the gazetteer has it ("But", "When", "After": the
# function words; a surname "Trump" or a given name "Jim" stays well below).
SENTENCE_WORD_ZIPF = 5.5
# What may stand between a sentence end and the next sentence's first word.
SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;…]['\"”’)\]]*\s+)['\"“‘(\[]*$")


@dataclass(frozen=True)
class NameToken:
    start: int  # offset in the document text
    end: int
    text: str

    @property
    def key(self) -> str:
        """The comparison form: normalised, one word ("Bi-khim" -> "bikhim")."""
        return compact(self.text)


def name_runs(document: Document, paragraph: Paragraph,
              is_name_word: Callable[[str], bool] = lambda word: False) -> Iterable[list[NameToken]]:
    """Runs of capitalised words separated by single spaces, split at ordinary
    capitalised words (titles, sentence starts: "Retired", "President");
    a common word that is also a known given name or surname ("Jim",
    "Trump", "Gandhi") is kept.
    A possessive ends its run ("CNN's Jim Sciutto" -> CNN, Jim Sciutto)."""
    text = document.paragraph_text(paragraph)
    run: list[NameToken] = []
    for match in CAPITALISED_WORD_RE.finditer(text):
        word = match.group()
        stripped = POSSESSIVE_RE.sub("", word)
        # Two letters make a name word only when names have it: "Xi" and "Liu He".
        is_name_like = not stripped.isupper() and (len(stripped) >= MIN_TOKEN_LENGTH
                                                   or len(stripped) == 2 and is_name_word(stripped))
        joined = run and text[run[-1].end - paragraph.start : match.start()] == " "
        if run and (not is_name_like or not joined):
            yield run
            run = []
        if not is_name_like:
            continue
        if word_zipf(stripped) >= ORDINARY_WORD_ZIPF and (
                not is_name_word(stripped) or is_sentence_word(text, match.start(), stripped)
                or not run and is_honorific(stripped)):
            # An ordinary word ("Chancellor" in "German Chancellor Olaf
            # Scholz") is a title or a sentence start, not part of the name;
            # so is a title some name has as a word ("Sir" in "Sir Keir
            # Starmer", though a surname "al-Sir" exists; not "Lord" in "Jon Lord").
            if run:
                yield run
                run = []
            continue
        start = paragraph.start + match.start()
        run.append(NameToken(start, start + len(stripped), stripped))
        if stripped != word:
            yield run
            run = []
    if run:
        yield run


def is_sentence_word(text: str, start: int, word: str) -> bool:
    """A very common word opening a sentence ("But Beijing ..."): the
    sentence's own word, not the first word of the name after it."""
    return (word_zipf(word) >= SENTENCE_WORD_ZIPF
            and SENTENCE_START_RE.search(text, max(0, start - 8), start) is not None)  # ^ only at the real start
