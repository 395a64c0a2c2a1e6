"""The gazetteer read word by word, as repairing one word of a name needs it.

A name check asks the same questions of the same entries and words many
times per article ("which words does this entry accept, and which canonical
word does each stand for?"); ``NameWords`` answers them from the index and
remembers the answers for the life of the check.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Hashable, TypeVar

from mtcheck.gazetteer.entry import GEOGRAPHIC_TYPES, Entry
from mtcheck.gazetteer.index import Gazetteer, prominence_weight
from mtcheck.gazetteer.normalise import NAME_WORD_RE, compact, content_words, fold_ascii, normalise

# Persons in the gazetteer with a given name (or name word), at most, for it
# to identify the person as a surname does.
RARE_GIVEN_NAME = 5

T = TypeVar("T")


class Memo:
    """Values computed once per key, for the life of a check."""

    def __init__(self):
        self._values: dict[Hashable, object] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]


class NameWords:
    """Word-level views of one gazetteer, memoised."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._memo = Memo()
        self._entry_views: dict[str, dict[int, tuple[Entry, object]]] = defaultdict(dict)

    def _per_entry(self, view: str, entry: Entry, compute: Callable[[], T]) -> T:
        # Entries are keyed by identity (hashing a frozen entry hashes all its
        # fields); the entry is kept with its value so its id stays unique.
        # Asked a hundred thousand times in an article's first reading: one
        # dict per view, no key tuple built.
        values = self._entry_views[view]
        found = values.get(id(entry))
        if found is None:
            found = values[id(entry)] = (entry, compute())
        return found[1]

    # -- words -------------------------------------------------------------------

    def is_name_part(self, word: str) -> bool:
        """A known given name or surname: "Trump" and "Jim" are names, however common."""
        return self.gazetteer.is_known_token(word, "given") or self.gazetteer.is_known_token(word, "surname")

    def is_known_word(self, key: str) -> bool:
        """A given name, a surname or a whole one-word name of some entry."""
        g = self.gazetteer
        return g.is_known_token(key, "surname") or g.is_known_token(key, "given") or g.has_form(key)

    def is_place_word(self, key: str) -> bool:
        return bool(self.gazetteer.token_types(key) & GEOGRAPHIC_TYPES)

    def entries_with(self, spelling: str) -> list[Entry]:
        """``Gazetteer.likely_entries`` of a word spelled so."""
        return self._memo.get(("entries", spelling), lambda: self.gazetteer.likely_entries(spelling))

    def people_with_rare_word(self, key: str) -> list[Entry]:
        """The persons with ``key`` in their name, if only a few are."""
        def people() -> list[Entry]:
            found = [e for e in self.gazetteer.by_token(key) if e.type == "person"]
            return found if len(found) <= RARE_GIVEN_NAME else []
        return self._memo.get(("rare", key), people)

    def identifies_by_given_name(self, key: str) -> bool:
        """Few enough persons have ``key`` as a given name for it to say who is meant."""
        return self.gazetteer.given_name_count(key) <= RARE_GIVEN_NAME

    def surname_spelling(self, key: str) -> str | None:
        """The gazetteer's spelling (with diacritics) of a surname with this key."""
        return next((entry.surname for entry in self.gazetteer.by_surname(key) if compact(entry.surname) == key),
                    None)

    # -- an entry ----------------------------------------------------------------

    def prominence(self, entry: Entry) -> float:
        """``prominence_weight`` of the entry (read from its sources, asked of the same entries again and again)."""
        return self._per_entry("prominence", entry, lambda: prominence_weight(entry))

    def telling_description_words(self, entry: Entry) -> tuple[frozenset[str], frozenset[str]]:
        """The words of the entry's description (stemmed, see content_words),
        and its proper words, that are not in too many descriptions to tell
        one entry from another."""
        def telling() -> tuple[frozenset[str], frozenset[str]]:
            g = self.gazetteer
            return (content_words(entry.description) - g.common_description_words,
                    content_words(entry.description, proper_only=True) - g.common_proper_description_words)
        return self._per_entry("description", entry, telling)

    def canonical_words(self, entry: Entry) -> list[str]:
        return self._per_entry("canonical", entry, lambda: NAME_WORD_RE.findall(entry.canonical))

    def entry_words(self, entry: Entry) -> dict[str, str]:
        """Each word of the entry's accepted names -> the canonical word it stands for.

        An alias shaped like the canonical form maps word for word
        ("zelenskyy" -> "Zelensky"); other aliases keep their own words.
        Places contribute their canonical and deprecated forms only.
        """
        return self._per_entry("words", entry, lambda: self._accepted_words(entry))

    def _accepted_words(self, entry: Entry) -> dict[str, str]:
        canonical = self.canonical_words(entry)
        words: dict[str, str] = {}
        # A place's aliases are its names in other languages (GeoNames):
        # evidence for recognising it, not words of the name English news writes.
        aliases = () if entry.type in GEOGRAPHIC_TYPES else entry.aliases
        for form in (entry.canonical, fold_ascii(entry.canonical), *aliases, *entry.deprecated):
            form_words = NAME_WORD_RE.findall(form)
            same_shape = len(form_words) == len(canonical)
            for k, word in enumerate(form_words):
                stands_for = canonical[k] if same_shape else word
                # "Bi-khim" is one word here but two in the gazetteer's index.
                for part in {compact(word), *normalise(word).split()}:
                    words.setdefault(part, stands_for)
        return words

    def repair_words(self, entry: Entry) -> dict[str, str]:
        """The words a free-standing near miss may be repaired to: a person's
        surname (in any accepted spelling), the canonical words of anything
        else. GeoNames' alternate names in other languages are for
        recognising a name, not for repairing one."""
        def words() -> dict[str, str]:
            named = entry.surname if entry.type == "person" and entry.surname else entry.canonical
            wanted = {compact(w) for w in NAME_WORD_RE.findall(named)}
            return {k: w for k, w in self.entry_words(entry).items() if compact(w) in wanted}
        return self._per_entry("repair", entry, words)

    def has_word_at(self, entry: Entry, index: int, length: int, key: str) -> bool:
        """The entry's name has ``length`` words, ``key`` the ``index``-th."""
        words = self.canonical_words(entry)
        return len(words) == length and compact(words[index]) == key


def is_given_name_of(entry: Entry, word: str) -> bool:
    return compact(word) in {compact(w) for w in NAME_WORD_RE.findall(entry.given)}
