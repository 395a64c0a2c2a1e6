"""Names from a publisher's trusted articles, as gazetteer entries.

``mtcheck gazetteer build`` uses this: whatever a trusted archive spells a
certain way is an accepted spelling, so the name check can both leave it
alone and repair near misses of it.
"""

from __future__ import annotations

from typing import Callable, Iterable

from mtcheck.checks.lexicon import word_zipf
from mtcheck.checks.names.runs import ORDINARY_WORD_ZIPF, NameToken, name_runs
from mtcheck.reading.sentences import sentence_starts
from mtcheck.document import Document, Paragraph
from mtcheck.gazetteer import Entry, Gazetteer, normalise
from mtcheck.gazetteer.words import NameWords

# A one-word name is learned only when an archive capitalises it in mid-sentence
# (a sentence's first word is capitalised whatever it is, and so is the first
# word after these).
QUOTE_OPENERS = "\"“”:"
MIN_NAME_LENGTH = 4


def learn_names(documents: Iterable[Document], known: Gazetteer, min_articles: int = 1) -> list[Entry]:
    """Every name the articles use (in at least ``min_articles`` of them), once,
    in order of first appearance.

    Runs of capitalised words are split at ordinary words ("Kharkiv Mayor
    Ihor Terekhov" -> "Kharkiv", "Ihor Terekhov"). A one-word name needs a
    mid-sentence use. An archive does not say what a name is: several words
    are taken as a person (given names, then surname) so that later
    surname-only mentions resolve, unless the ``known`` gazetteer lists the
    name ("North Dakota": a region); the name then takes the listed type, and
    loading the file merges it into the listed entry. A common word that is
    a known name part stays in the name ("Rahul Gandhi", not "Rahul":
    "Gandhi" is as frequent as a title).
    """
    is_name_word = NameWords(known).is_name_part
    first_seen: dict[str, list[NameToken]] = {}
    articles: dict[str, set[int]] = {}
    for number, document in enumerate(documents):
        for paragraph in document.paragraphs:
            if paragraph.skipped not in (None, "too-short"):
                continue
            for run in name_runs(document, paragraph, is_name_word):
                for name in _split_at_ordinary_words(run, is_name_word):
                    key = normalise(" ".join(t.text for t in name))
                    if len(key) < MIN_NAME_LENGTH:
                        continue
                    if len(name) == 1 and not _is_mid_sentence(document, paragraph, name[0]):
                        continue
                    first_seen.setdefault(key, name)
                    articles.setdefault(key, set()).add(number)
    return [_entry(first_seen[key], known) for key, seen in articles.items() if len(seen) >= min_articles]


def _split_at_ordinary_words(run: list[NameToken], is_name_word: Callable[[str], bool]) -> list[list[NameToken]]:
    parts: list[list[NameToken]] = [[]]
    for token in run:
        if word_zipf(token.text) >= ORDINARY_WORD_ZIPF and not is_name_word(token.text):
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _is_mid_sentence(document: Document, paragraph: Paragraph, token: NameToken) -> bool:
    """Inside a sentence, after a space, and not opening a quote or a clause
    after a colon (where any word is capitalised)."""
    text = document.paragraph_text(paragraph)
    offset = token.start - paragraph.start
    before = text[:offset].rstrip()
    return (
        offset not in sentence_starts(text)
        and bool(before) and before[-1] not in QUOTE_OPENERS and text[offset - 1] == " "
    )


def _entry(name: list[NameToken], known: Gazetteer) -> Entry:
    words = [t.text for t in name]
    canonical = " ".join(words)
    listed = known.canonical_type(canonical)
    if listed and listed != "person":
        return Entry(canonical=canonical, type=listed, source="archive")
    if len(words) == 1:
        return Entry(canonical=canonical, type="other", source="archive")
    return Entry(canonical=canonical, type="person", source="archive",
                 given=" ".join(words[:-1]), surname=words[-1])
