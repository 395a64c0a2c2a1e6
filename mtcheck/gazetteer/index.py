"""The searchable gazetteer: exact, part-of-name, phonetic and near-spelling lookups.

``Gazetteer`` is built once from a list of entries and then only read. All
keys are normalised (see ``normalise``): case, diacritics, apostrophes,
hyphens and dots never matter. Lookups return entries in a stable order
(their order in the gazetteer) so results are reproducible.

What each lookup is for (the name matcher combines them):

- ``exact(name)``: the name is known under this spelling (canonical, alias or
  deprecated form); ``forms(name)`` says which.
- ``by_surname(token)`` / ``by_given(token)``: persons mentioned by one part
  of their name ("Zelensky", "Stavridis").
- ``sound_alike_tokens`` / ``by_phonetic``: Double Metaphone buckets, which
  catch transliteration variants ("Sait" sounds like "Sciutto").
- ``near_tokens``: known tokens spelled like a damaged one, scored 0-1.
- ``is_known_token`` / ``token_types``: the token occurs in some known name
  (of which types), so it may well not be a misspelling.
- ``likely_entries(token)`` / ``likely_prominence(token)``: what a word of a
  name most likely names when nothing else says which, and how prominent.
- ``explain(name)``: all of the above for a whole name, with reasons a
  person can read (for ``mtcheck gazetteer lookup``).
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Iterable, Iterator, Literal, Optional, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from mtcheck.gazetteer.entry import GEOGRAPHIC_TYPES, Entry
from mtcheck.gazetteer.normalise import content_words, normalise, phonetic_keys, trigrams
from mtcheck.gazetteer.person import split_name, surname_keys

FormKind = Literal["canonical", "alias", "deprecated"]
NamePart = Literal["surname", "given", "headword", "users"]
_FORM_KINDS: tuple[FormKind, ...] = ("canonical", "alias", "deprecated")
# Near-spelling search scores at most this many trigram-sharing candidates:
# enough for recall, few enough to stay well under a millisecond.
_MAX_TRIGRAM_CANDIDATES = 400
# Words up to this long are also looked up one edit away: in a longer word
# a swap or a dropped letter leaves enough trigrams for the trigram search.
_MAX_ONE_EDIT_QUERY = 7
# Near-spelling searches kept, whatever name part they were for.
_RECENT_SEARCHES = 256
# Entries a word of a name is taken to mean when nothing else says which:
# the most prominent few (and a place, when those are all people).
LIKELY_ENTRIES_PER_TOKEN = 3
# Normalised tokens are folded to ASCII.
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Reason:
    """Why ``explain`` returned an entry.

    kind: "canonical" | "alias" | "deprecated" (the whole name is that form
    of the entry), "surname" | "given" (the name's last / first word is that
    part of a person's name), "phonetic" (its last word sounds like a
    surname), "near" (its last word is spelled like a word of the entry).
    matched: the form that matched exactly; for "surname"/"given" the entry's
    surname/given name; for "phonetic"/"near" the entry's form closest to the
    name. similarity: 1.0 for exact forms; otherwise the 0-1 similarity of the
    name to the entry's closest form (for a one-word name, to the closest
    word of the entry's names).
    """

    kind: str
    matched: str
    similarity: float = 1.0

    def __str__(self) -> str:
        if self.kind == "canonical":
            return "canonical form"
        if self.kind == "alias":
            return f"accepted spelling {self.matched!r}"
        if self.kind == "deprecated":
            return f"deprecated form {self.matched!r}"
        label = {"surname": "surname", "given": "given name", "phonetic": "sounds like",
                 "near": "spelled like"}.get(self.kind, self.kind)
        return f"{label} {self.matched!r} (similarity {self.similarity:.2f})"


# Exact forms first; every other kind is ranked by similarity, then by kind.
_KIND_RANK = {"canonical": 0, "alias": 1, "deprecated": 2, "surname": 3, "phonetic": 4, "near": 5, "given": 6}


class EntryList(SequenceABC):
    """The gazetteer's entries, materialised on first access.

    A cached gazetteer keeps each entry as a plain tuple of its fields:
    unpickling 50,000 tuples takes a fraction of the time of unpickling
    50,000 dataclasses, and most callers only touch a few entries.
    """

    def __init__(self, rows: list[tuple], entries: Optional[list[Optional[Entry]]] = None):
        self._rows = rows
        self._entries: list[Optional[Entry]] = entries if entries is not None else [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        entry = self._entries[index]
        if entry is None:
            entry = self._entries[index] = _entry_from_row(self._rows[index])
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return (self[i] for i in range(len(self)))

    def __getstate__(self) -> dict:
        return {"_rows": self._rows}

    def __setstate__(self, state: dict) -> None:
        self._rows = state["_rows"]
        self._entries = [None] * len(self._rows)


class Gazetteer:
    """An immutable, indexed collection of entries (build with ``Gazetteer(entries)``).

    ``entries`` is a sequence in gazetteer order; ``metadata`` is the bundled
    file's header (sources, licences, counts) plus ``user_files``. Entries of
    a cached gazetteer are built on first access: walking all 50,000 costs
    about 0.2-0.4 s, so prefer the lookups or ``entries_of_type``.
    """

    def __init__(self, entries: Sequence[Entry], metadata: Optional[dict] = None):
        entries = list(entries)
        rows = [tuple(getattr(entry, name) for name in _ENTRY_FIELDS) for entry in entries]
        self.entries: EntryList = EntryList(rows, entries)
        self.metadata: dict = dict(metadata or {})
        self._build_name_maps()
        self._build_token_index()
        self._build_prominence_rank(entries)
        self._build_likely_prominence(entries)

    # -- building -----------------------------------------------------------

    def _build_name_maps(self) -> None:
        forms: dict[str, list[int]] = defaultdict(list)
        surnames: dict[str, list[int]] = defaultdict(list)
        givens: dict[str, list[int]] = defaultdict(list)
        token_entries: dict[str, list[int]] = defaultdict(list)
        by_type: dict[str, list[int]] = defaultdict(list)
        headwords: set[str] = set()
        users: set[str] = set()  # headwords of a user's entries: their files, their archive
        description_counts: Counter[str] = Counter()
        for entry_id, entry in enumerate(self.entries):
            by_type[entry.type].append(entry_id)
            description_counts.update(content_words(entry.description))
            if entry.type != "person":
                headwords.update(normalise(entry.canonical).split())
            if _has_source(entry, _USER_SOURCES):
                users.update(_person_surname_keys(entry) if entry.type == "person"
                              else normalise(entry.canonical).split())
            for kind_code, form in _entry_forms(entry):
                key = normalise(form)
                if key:
                    # One int per hit (id * 4 + kind) keeps the cache small and fast to load;
                    # an entry is listed once per key, under its best kind (canonical first).
                    hits = forms[key]
                    if not hits or hits[-1] >> 2 != entry_id:
                        hits.append(entry_id * 4 + kind_code)
                    for token in key.split():
                        _append_once(token_entries[token], entry_id)
            if entry.type == "person":
                for key in _person_surname_keys(entry):
                    _append_once(surnames[key], entry_id)
                for key in _given_keys(entry.given):
                    _append_once(givens[key], entry_id)
        self._forms = _freeze(forms)
        self._surnames = _freeze(surnames)
        self._givens = _freeze(givens)
        self._token_entries = _freeze(token_entries)
        self._ids_by_type = _freeze(by_type)
        self._headwords = frozenset(headwords) | frozenset(surnames)
        self._users = frozenset(users)
        # Description words too common to identify anything ("minister", "city",
        # "Ukraine", "China"): in more than 0.5% of the entries. A place's
        # name says more than a common noun: "Niger" (0.8%) in the paragraph
        # and in "City in Niger" is telling, only the likes of "Ukraine"
        # (5%) and "China" are not.
        self.common_description_words = _words_in_more_than(description_counts, len(self.entries) // 200)
        self.common_proper_description_words = _words_in_more_than(description_counts, len(self.entries) // 50)

    def _build_token_index(self) -> None:
        self._tokens: list[str] = sorted(self._token_entries)
        token_ids = {token: i for i, token in enumerate(self._tokens)}
        self._token_is_surname = np.array([t in self._surnames for t in self._tokens], dtype=bool)
        self._token_is_given = np.array([t in self._givens for t in self._tokens], dtype=bool)
        self._token_is_headword = np.array([t in self._headwords for t in self._tokens], dtype=bool)
        self._token_is_users = np.array([t in self._users for t in self._tokens], dtype=bool)
        del self._headwords, self._users  # only the masks are needed (and cached)
        phonetic: dict[str, list[int]] = defaultdict(list)
        grams: dict[str, list[int]] = defaultdict(list)
        for token, token_id in token_ids.items():
            for key in phonetic_keys(token):
                phonetic[key].append(token_id)
            for gram in trigrams(token):
                grams[gram].append(token_id)
        self._phonetic = _freeze(phonetic)
        # Postings as one int32 array plus offsets: compact and quick to unpickle.
        ordered = sorted(grams)
        self._gram_slot = {gram: slot for slot, gram in enumerate(ordered)}
        lengths = np.array([len(grams[gram]) for gram in ordered], dtype=np.int64)
        self._gram_offsets = np.concatenate([[0], np.cumsum(lengths)])
        self._gram_postings = np.array([tid for gram in ordered for tid in grams[gram]], dtype=np.int32)
        self._token_lengths = np.array([len(t) for t in self._tokens], dtype=np.int16)

    def _build_prominence_rank(self, entries: list[Entry]) -> None:
        # Each entry's place in the order of prominence (ties in gazetteer
        # order): ranking a common word's thousands of entries then needs none built.
        order = sorted(range(len(entries)), key=lambda i: (prominence(entries[i]), i))
        self._prominence_rank = np.empty(len(entries), dtype=np.int32)
        self._prominence_rank[order] = np.arange(len(entries), dtype=np.int32)

    def _build_likely_prominence(self, entries: list[Entry]) -> None:
        # likely_prominence of every token at once: a near-spelling search
        # ranks dozens of spellings by it, and working it out per spelling
        # (rank a common word's thousands of entries, build the top few) was
        # a seventh of a name check's first sight of an article.
        self._likely_prominence = np.zeros(len(self._tokens))
        if not self._tokens:
            return  # an empty gazetteer (a user's empty file, alone)
        weights = np.array([prominence_weight(entry) for entry in entries])
        ids, starts = self._entries_by_token_and_prominence()
        counts = np.diff(np.append(starts, ids.size))
        in_top = np.arange(ids.size) - np.repeat(starts, counts) < LIKELY_ENTRIES_PER_TOKEN
        best_of_top = np.maximum.reduceat(np.where(in_top, weights[ids], 0.0), starts)
        people_in_top = np.add.reduceat(in_top & self._type_mask(frozenset({"person"}))[ids], starts)
        top_all_people = people_in_top == np.minimum(counts, LIKELY_ENTRIES_PER_TOKEN)
        # Each token's most prominent place, as a position in ids (ids.size: none).
        is_place = self._type_mask(GEOGRAPHIC_TYPES)[ids]
        first_place = np.minimum.reduceat(np.where(is_place, np.arange(ids.size), ids.size), starts)
        lifted = top_all_people & (first_place < ids.size)
        place_weight = np.zeros(len(starts))
        place_weight[lifted] = weights[ids[first_place[lifted]]]
        self._likely_prominence = np.maximum(best_of_top, place_weight)

    def _entries_by_token_and_prominence(self) -> tuple[np.ndarray, np.ndarray]:
        """Every token's entries, token by token (in token order), each
        token's most prominent first; and where each token's run starts."""
        counts = np.array([len(self._token_entries[t]) for t in self._tokens], dtype=np.int64)
        token_of = np.repeat(np.arange(len(self._tokens)), counts)
        ids = np.fromiter(itertools.chain.from_iterable(self._token_entries[t] for t in self._tokens),
                          dtype=np.int64, count=int(counts.sum()))
        return ids[np.lexsort((self._prominence_rank[ids], token_of))], np.cumsum(counts) - counts

    @cached_property
    def _type_codes(self) -> tuple[list[str], np.ndarray]:
        # Each entry's type as a small number: a token's entries are then
        # filtered by kind without building any (built on first use).
        names = sorted(self._ids_by_type)
        codes = np.zeros(len(self.entries), dtype=np.int8)
        for code, name in enumerate(names):
            codes[list(self._ids_by_type[name])] = code
        return names, codes

    @cached_property
    def _type_masks(self) -> dict[frozenset[str], np.ndarray]:
        return {}

    def _type_mask(self, types: frozenset[str]) -> np.ndarray:
        """Which entries are of one of ``types`` (one array per set of types,
        kept: np.isin on a token's few entries costs more than indexing)."""
        if types not in self._type_masks:
            names, codes = self._type_codes
            self._type_masks[types] = np.isin(codes, [names.index(t) for t in types if t in names])
        return self._type_masks[types]

    # -- basic access --------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def entries_of_type(self, entry_type: str) -> list[Entry]:
        """All entries of one type, in gazetteer order ("person": about 12,000).

        Cheaper than filtering ``entries``: only those entries are materialised.
        """
        return self._entries(self._ids_by_type.get(entry_type, ()))

    def _entries(self, ids: Iterable[int]) -> list[Entry]:
        return [self.entries[i] for i in ids]

    # -- exact lookups -------------------------------------------------------

    def forms(self, name: str) -> list[tuple[Entry, FormKind]]:
        """Entries that have ``name`` (normalised) as a form, and which kind of form."""
        return [(self.entries[code >> 2], _FORM_KINDS[code & 3]) for code in self._forms.get(normalise(name), ())]

    def exact(self, name: str) -> list[Entry]:
        """Entries whose canonical form, an alias or a deprecated form equals ``name``.

        Case, diacritics, apostrophe and hyphen variants and spacing are ignored.
        Several entries can share a name (Odessa, Texas and the deprecated
        spelling of Odesa): all are returned, in gazetteer order, once each.
        """
        seen: dict[int, None] = {}
        for code in self._forms.get(normalise(name), ()):
            seen.setdefault(code >> 2)
        return self._entries(seen)

    def canonical_type(self, name: str) -> Optional[str]:
        """The type of the first entry whose canonical form ``name`` is, or None."""
        return next((entry.type for entry, kind in self.forms(name) if kind == "canonical"), None)

    def is_deprecated(self, name: str) -> list[Entry]:
        """Entries for which ``name`` is a deprecated form (Kiev -> Kyiv)."""
        return [entry for entry, kind in self.forms(name) if kind == "deprecated"]

    def by_surname(self, token: str) -> list[Entry]:
        """Persons with this surname, including its transliteration variants.

        Multi-word surnames are found by the whole and by their last part
        ("von der Leyen" and "Leyen"); hyphenated ones by each half too.
        """
        return self._entries(self._surnames.get(normalise(token), ()))

    def by_given(self, token: str) -> list[Entry]:
        """Persons with this given name (or one word of it: "Tayyip")."""
        return self._entries(self._givens.get(normalise(token), ()))

    def given_name_count(self, token: str) -> int:
        """How many persons have this given name: a surname (0) or a rare
        given name identifies someone, "Mohammad" does not."""
        return len(self._givens.get(normalise(token), ()))

    def by_token(self, token: str) -> list[Entry]:
        """Entries with ``token`` as one word of any of their forms."""
        return self._entries(self._token_entries.get(normalise(token), ()))

    def is_known_token(self, token: str, part: Optional[NamePart] = None) -> bool:
        """True when ``token`` (normalised, one word) occurs in some known name.

        With ``part``, only when it is a known surname or given name. Note that
        GeoNames alternate names make many short words "known" as part of some
        place name: ``token_types`` tells which kinds of name hold the token.
        """
        index = {"surname": self._surnames, "given": self._givens, None: self._token_entries}[part]
        return normalise(token) in index

    def has_form(self, name: str) -> bool:
        """True when ``name`` is a form (canonical, alias, deprecated) of some entry."""
        return normalise(name) in self._forms

    def entries_with_token(self, token: str, limit: Optional[int] = None, types: Iterable[str] = ()) -> list[Entry]:
        """Entries with ``token`` as a word of one of their forms, most
        prominent first (``limit`` of them; of ``types`` only, when given)."""
        ids = np.array(self._token_entries.get(normalise(token), ()), dtype=np.int32)
        if types:
            ids = ids[self._type_mask(frozenset(types))[ids]]
        ranked = ids[np.argsort(self._prominence_rank[ids], kind="stable")]
        return self._entries(ranked[:limit].tolist())

    def likely_entries(self, token: str) -> list[Entry]:
        """The entries ``token`` most likely names when nothing else says
        which: the most prominent few with it as a word of a name, and a
        place too when those are all people ("Carloman of Bavaria" and two
        more royals are no reason to forget Bavaria itself)."""
        found = self.entries_with_token(token, LIKELY_ENTRIES_PER_TOKEN)
        if found and all(entry.type == "person" for entry in found):
            found += self.entries_with_token(token, 1, types=GEOGRAPHIC_TYPES)
        return found

    def likely_prominence(self, token: str) -> float:
        """The highest ``prominence_weight`` of ``likely_entries(token)`` (0 for an unknown token)."""
        key = normalise(token)
        position = bisect.bisect_left(self._tokens, key)
        if position == len(self._tokens) or self._tokens[position] != key:
            return 0.0
        return float(self._likely_prominence[position])

    def token_types(self, token: str) -> frozenset[str]:
        """The entry types whose names contain ``token`` ({"person", "place"}, ...)."""
        names, codes = self._type_codes
        return frozenset(names[code] for code in set(codes[list(self._token_entries.get(normalise(token), ()))]))

    # -- phonetic and near-spelling candidates ------------------------------

    def sound_alike_tokens(self, token: str) -> list[str]:
        """Known tokens sharing a Double Metaphone key with ``token``, sorted."""
        found: set[int] = set()
        for key in phonetic_keys(token):
            found.update(self._phonetic.get(key, ()))
        return [self._tokens[i] for i in sorted(found)]

    def by_phonetic(self, token: str, part: Optional[NamePart] = None) -> list[Entry]:
        """Entries with a name token that sounds like ``token``.

        ``part="surname"`` / ``"given"`` restricts to persons whose surname /
        given name sounds like it; ``None`` accepts a token of any name.
        """
        index = {"surname": self._surnames, "given": self._givens, None: self._token_entries}[part]
        ids: dict[int, None] = {}
        for similar in self.sound_alike_tokens(token):
            for entry_id in index.get(similar, ()):
                ids.setdefault(entry_id)
        return self._entries(sorted(ids))

    def near_tokens(self, token: str, limit: int = 10, min_score: float = 0.6,
                    part: Optional[NamePart] = None) -> list[tuple[str, float]]:
        """Known tokens spelled like ``token``: [(token, score 0-1)], best first.

        Candidates share character trigrams with ``token`` and have a similar
        length; they are scored with rapidfuzz's normalised Indel similarity
        (``fuzz.ratio`` / 100). ``part`` restricts to surname or given-name
        tokens, or to headwords: surnames and the words of the canonical
        form of every entry that is not a person (not GeoNames' alternates),
        or to the headwords of the user's entries (their files, their
        archive). ``token`` itself is included when known (score 1.0).
        """
        query = normalise(token).replace(" ", "")
        if not query or part and part not in self._parts_present:
            return []  # no such name part at all: without a user's own entries, no "users" headword
        trigram_ids, shared, one_edit_ids = self._near_candidates(query)
        candidate_ids = self._trigram_candidates(trigram_ids, shared, part).tolist()
        in_trigrams = set(candidate_ids)
        candidate_ids += [i for i in self._of_part(one_edit_ids, part) if i not in in_trigrams]
        if not candidate_ids:
            return []
        choices = list(map(self._tokens.__getitem__, candidate_ids))
        scored = process.extract(query, choices, scorer=fuzz.ratio, limit=limit,
                                 score_cutoff=min_score * 100)
        scored.sort(key=lambda hit: (-hit[1], hit[0]))
        return [(choice, round(score / 100, 4)) for choice, score, _ in scored]

    def _near_candidates(self, query: str) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """What a near-spelling search of ``query`` finds in every name part:
        the tokens sharing enough trigrams with it (and how many each
        shares), and those one edit away. A name check searches one
        word for several parts in a row (whole names, headwords, given
        names): the recent searches are kept."""
        found = self._recent_searches.get(query)
        if found is None:
            one_edit = self._one_edit_away(query) if len(query) <= _MAX_ONE_EDIT_QUERY else []
            found = (*self._trigram_hits(query), one_edit)
            if len(self._recent_searches) >= _RECENT_SEARCHES:
                self._recent_searches.clear()
            self._recent_searches[query] = found
        return found

    def _trigram_hits(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """The tokens that share trigrams with ``query`` and may reach a
        useful score, and how many trigrams each shares."""
        postings, slots = self._trigram_postings(query)
        if not slots:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64)
        ids, shared = _counted_runs(postings)
        # A candidate must share a fair part of the query's trigrams and be of
        # a comparable length; otherwise it cannot reach a useful score.
        lengths = self._token_lengths[ids]
        keep = (shared >= max(1, slots // 4)) & (np.abs(lengths - len(query)) <= max(3, len(query) // 2))
        return ids[keep], shared[keep]

    def _trigram_postings(self, query: str) -> tuple[np.ndarray, int]:
        """The ids of the tokens holding each of ``query``'s known trigrams,
        one sorted run per trigram, and how many of its trigrams are known."""
        slots = [self._gram_slot[g] for g in trigrams(query) if g in self._gram_slot]
        runs = [self._gram_postings[self._gram_offsets[s]:self._gram_offsets[s + 1]] for s in slots]
        return (np.concatenate(runs) if runs else np.empty(0, dtype=np.int32)), len(slots)

    @cached_property
    def _recent_searches(self) -> dict[str, tuple[np.ndarray, np.ndarray, list[int]]]:
        return {}

    def _one_edit_away(self, query: str) -> list[int]:
        """Known tokens one deletion, insertion, substitution or transposition
        from ``query``. A short word with two letters swapped ("Chnia") shares
        almost no trigram with its original, which drowns among the thousands
        sharing only its first one. In token order: which of tied near
        spellings make the cut must not depend on how strings hash."""
        known = self._token_entries.keys() & _one_edit_variants(query)
        return sorted(bisect.bisect_left(self._tokens, t) for t in known)

    def _of_part(self, ids: list[int], part: Optional[NamePart]) -> list[int]:
        if not part:
            return ids
        mask = self._part_masks[part]
        return [i for i in ids if mask[i]]

    @cached_property
    def _part_masks(self) -> dict[NamePart, np.ndarray]:
        return {"surname": self._token_is_surname, "given": self._token_is_given,
                "headword": self._token_is_headword, "users": self._token_is_users}

    @cached_property
    def _parts_present(self) -> frozenset[NamePart]:
        return frozenset(part for part, mask in self._part_masks.items() if mask.any())

    def _trigram_candidates(self, ids: np.ndarray, shared: np.ndarray, part: Optional[NamePart]) -> np.ndarray:
        """Of the trigram hits ``ids`` (sharing ``shared`` trigrams each),
        those of ``part`` that share the most."""
        if part:
            keep = self._part_masks[part][ids]
            ids, shared = ids[keep], shared[keep]
        if ids.size > _MAX_TRIGRAM_CANDIDATES:
            best = np.argsort(-shared, kind="stable")[:_MAX_TRIGRAM_CANDIDATES]
            ids = np.sort(ids[best])
        return ids

    # -- explanation ---------------------------------------------------------

    def explain(self, name: str, limit: int = 10) -> list[tuple[Entry, Reason]]:
        """Entries that ``name`` may refer to, each with the reason, best first.

        Exact forms win. Otherwise candidates come from the name's words
        (surname and given-name matches, sound-alikes, near spellings) and are
        ranked by similarity: of the whole name to the entry's closest form, or
        for a one-word name, of that word to the closest word of the entry's
        names. Ties go to the more prominent entry (curated, in more sources,
        more populous).
        """
        exact = _dedupe((entry, Reason(kind, _form_of(entry, kind, name))) for entry, kind in self.forms(name))
        if exact:
            return exact[:limit]
        key = normalise(name)
        if not key:
            return []
        words = key.split()
        found: dict[int, Reason] = {}
        for entry_id, kind, matched in self._part_candidates(words):
            entry = self.entries[entry_id]
            form, similarity = _closest_word(entry, words[0]) if len(words) == 1 else _closest_form(entry, key)
            reason = Reason(kind, matched if kind in ("surname", "given") else form, similarity)
            if entry_id not in found or _order(reason) < _order(found[entry_id]):
                found[entry_id] = reason
        ranked = sorted(found.items(), key=lambda item: (_order(item[1]), prominence(self.entries[item[0]]), item[0]))
        return [(self.entries[entry_id], reason) for entry_id, reason in ranked[:limit]]

    def _part_candidates(self, words: list[str]) -> Iterator[tuple[int, str, str]]:
        """(entry id, kind, matched text) for each name part that a word may be."""
        last = words[-1]
        for entry_id in self._surnames.get(last, ()):
            yield entry_id, "surname", self.entries[entry_id].surname
        if len(words) > 1:
            for entry_id in self._givens.get(words[0], ()):
                yield entry_id, "given", self.entries[entry_id].given
        for token in self.sound_alike_tokens(last):
            for entry_id in self._surnames.get(token, ()):
                yield entry_id, "phonetic", token
        for near, _score in self.near_tokens(last, limit=5, part="surname" if len(words) > 1 else None):
            for entry_id in self._surnames.get(near) or self._token_entries.get(near, ()):
                yield entry_id, "near", near


# -- helpers ---------------------------------------------------------------

_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _counted_runs(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(ids, return_counts=True) for ids (0 or more) made of sorted
    runs: a stable sort merges the runs rather than sorting anew."""
    merged = np.sort(ids, kind="stable")
    starts = np.flatnonzero(np.diff(merged, prepend=-1))
    return merged[starts], np.diff(np.append(starts, merged.size))


def _one_edit_variants(word: str) -> frozenset[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return frozenset({a + b[1:] for a, b in splits if b}
                     | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
                     | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
                     | {a + c + b for a, b in splits for c in _LETTERS})


def _entry_from_row(row: tuple) -> Entry:
    # The row came from a validated Entry: skipping __init__ (eleven frozen
    # setattr calls and the checks) makes walking all entries about 35% faster.
    entry = object.__new__(Entry)
    entry.__dict__.update(zip(_ENTRY_FIELDS, row))
    return entry


def _entry_forms(entry: Entry):
    yield 0, entry.canonical
    for alias in entry.aliases:
        yield 1, alias
    for form in entry.deprecated:
        yield 2, form


def _person_surname_keys(entry: Entry) -> list[str]:
    # The entry's own surname plus the last part of every alias: aliases carry
    # the transliteration variants (Zelenskyy, Zelenskiy) and alternative
    # surnames (Lula for Luiz Inácio Lula da Silva).
    keys = surname_keys(entry.surname)
    for alias in entry.aliases:
        keys.extend(surname_keys(split_name(alias)[1]))
    return list(dict.fromkeys(keys))


def _given_keys(given: str) -> list[str]:
    whole = normalise(given)
    if not whole:
        return []
    return list(dict.fromkeys([whole, *whole.split()]))


def _words_in_more_than(counts: Counter[str], limit: int) -> frozenset[str]:
    return frozenset(word for word, n in counts.items() if n > max(5, limit))


def _append_once(values: list[int], value: int) -> None:
    if not values or values[-1] != value:
        values.append(value)


def _freeze(mapping: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
    return {key: tuple(values) for key, values in mapping.items()}


def _form_of(entry: Entry, kind: str, name: str) -> str:
    forms = {"canonical": (entry.canonical,), "alias": entry.aliases, "deprecated": entry.deprecated}[kind]
    key = normalise(name)
    return next((form for form in forms if normalise(form) == key), name)


def _closest_form(entry: Entry, key: str) -> tuple[str, float]:
    """The entry's form closest to the whole (normalised) name, and the 0-1 similarity."""
    best_form, best = entry.canonical, -1.0
    for form in (*entry.names(), *entry.deprecated):
        score = fuzz.ratio(key, normalise(form)) / 100
        if score > best:
            best_form, best = form, score
    return best_form, round(best, 4)


def _closest_word(entry: Entry, word: str) -> tuple[str, float]:
    """The entry's form holding the word closest to ``word``, and that word's similarity."""
    best_form, best = entry.canonical, -1.0
    for form in (*entry.names(), *entry.deprecated):
        for token in normalise(form).split():
            score = fuzz.ratio(word, token) / 100
            if score > best:
                best_form, best = form, score
    return best_form, round(best, 4)


def _order(reason: Reason) -> tuple[float, int]:
    return (-reason.similarity, _KIND_RANK.get(reason.kind, 9))


def prominence(entry: Entry) -> tuple:
    """Sort key, most prominent first: names someone chose to list (curated,
    a user's file, a newsroom's archive), then entries several sources agree
    on, then more populous places. A tie-breaker for candidates that match
    equally well, and the order in which a word's entries are offered: a
    newsroom's own Eduardo Leite comes before the Leites of the lists."""
    return (not _has_source(entry, _CHOSEN_SOURCES), -len(entry.source.split(",")), -entry.population)


# Lists of people who are in the news by office or by fame (Pantheon's most
# translated biographies): a near miss of one of these names is more telling
# than of one of 3,000 legislators.
_PROMINENT_SOURCES = ("us_executive", "wikidata_foreign_ministers", "wikidata_un_officeholders",
                      "wikidata_ukraine_officeholders", "pantheon")
_USER_SOURCES = ("archive", "user")
_CHOSEN_SOURCES = ("curated", *_USER_SOURCES)


def _has_source(entry: Entry, prefixes: tuple[str, ...]) -> bool:
    return any(source.startswith(prefixes) for source in entry.source.split(","))


def prominence_weight(entry: Entry) -> float:
    """0-1: how much a news article's near miss of this entry's name is likely
    to mean this entry. Countries, big cities, heads of state and names
    someone chose to list (curated, an archive, a user file) are mentioned
    far more often than one of 12,000 officials or a town of 20,000."""
    sources = entry.source.split(",")
    if entry.type == "country" or _has_source(entry, _CHOSEN_SOURCES):
        return 1.0
    if entry.type in ("place", "region"):
        return 1.0 if entry.population >= 1_000_000 else 0.6 if entry.population >= 100_000 else 0.3
    # wikidata_world_politicians_bio and _positions are one scrape: one family.
    families = {s.split("_")[0] if s.startswith("cia") else "_".join(s.split("_")[:2]) for s in sources}
    return 0.6 if len(families) >= 2 or any(s in _PROMINENT_SOURCES for s in sources) else 0.3


def _dedupe(pairs: Iterable[tuple[Entry, Reason]]) -> list[tuple[Entry, Reason]]:
    # forms() lists an entry once per matching form; keep its first (best) one.
    seen: set[int] = set()
    result = []
    for entry, reason in pairs:
        if id(entry) not in seen:
            seen.add(id(entry))
            result.append((entry, reason))
    return result
