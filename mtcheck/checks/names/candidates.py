"""Where repairs of a word come from: the rest of the name, the gazetteer, the article.

For each word of a name run that no accepted spelling explains (an
``OpenWord``), candidate repairs come from three places:

- the rest of the name: "Voldimi Zelensky" -> persons surnamed Zelensky,
  whose given name "Volodymyr" is a near miss of "Voldimi"; "Sotuh Dakota"
  -> South Dakota, a name the run spells but for one word;
- the gazetteer's vocabulary: words spelled like the damaged one
  ("Madouro" -> "maduro"), and the entries that use them;
- the article: a near miss of a name spelled otherwise elsewhere in it
  ("Stabridisdad" two sentences before "Stavridis").

Each candidate is a (suggested word, gazetteer entry or None) pair; whether
it is a repair is for the evidence and the decision to say.
"""

from __future__ import annotations

import itertools
import re
from typing import Optional, Sequence

from mtcheck.checks.lexicon import word_zipf
from mtcheck.checks.names.context import ArticleNames, OpenWord, ParagraphContext
from mtcheck.checks.names.runs import GLUED_WORDS_RE, ORDINARY_WORD_ZIPF, NameToken
from mtcheck.checks.names.similarity import (SIMILARITY_FLOOR, has_foreign_ending, is_adjective_of_stem,
                                             is_inflection, is_plausible_repair, same_start, spelling_similarity,
                                             start_signature)
from mtcheck.gazetteer import Entry
from mtcheck.gazetteer.index import NamePart
from mtcheck.gazetteer.normalise import compact
from mtcheck.gazetteer.words import Memo, NameWords

Candidate = tuple[str, Optional[Entry]]

# A word directly followed by a dot and a lower-case word (".com", ".org")
# is part of a web address ("Makelovenotspam.com"), spelled as registered.
WEB_ADDRESS_TAIL_RE = re.compile(r"\.[a-z]{2,}\b")
# Shorter words are too easily a near miss of something: repaired only from the rest of the name.
MIN_FREE_WORD_LENGTH = 4
# Near spellings looked up in the gazetteer per word (by edit similarity),
# and kept (by spelling_similarity): of the bundled names, of the user's own.
NEAR_CANDIDATES = 40
NEAR_SPELLINGS = 5
USER_NEAR_SPELLINGS = 2
# Near spellings tried in the place of a damaged word of a longer name.
NEAR_WORDS = 15
# How much a prominent name (a country, a big city, a head of state) is a
# likelier original than an obscure one spelled as alike: a share of the
# similarity scale (0-1).
PROMINENCE_PRIOR = 0.1


class CandidateFinder:
    def __init__(self, words: NameWords):
        self.words = words
        self.gazetteer = words.gazetteer
        self._memo = Memo()

    def open_word(self, run: Sequence[NameToken], i: int, article: ArticleNames,
                  context: ParagraphContext) -> Optional[OpenWord]:
        """The ``i``-th word of ``run`` as a word to repair, or None when it is
        too short or too common to be a damaged name, a designation with a
        digit ("KC-135Es", "Net2": MT damages a name's letters, it adds no
        digits), part of a web address, or a known name used the way it is known."""
        token = run[i]
        key = token.key
        if (len(key) < 3 or word_zipf(token.text) >= ORDINARY_WORD_ZIPF or GLUED_WORDS_RE.search(token.text)
                or any(ch.isdigit() for ch in token.text) or WEB_ADDRESS_TAIL_RE.match(context.tail(token))):
            return None
        known = self.words.is_known_word(key)
        others = tuple(sorted({t.key for j, t in enumerate(run) if j != i} | article.companions[key]))
        if known and (not others or self._known_with(key, others)):
            return None
        return OpenWord(tuple(run), i, others, known, article, context)

    def candidates(self, word: OpenWord) -> list[Candidate]:
        key, run, i = word.key, word.run, word.index
        taken = set(word.others)
        found: list[Candidate] = [(target, entry) for entry in self._same_name_entries(run, i)
                                  for target in [self._closest_word(entry, key, taken)] if target]
        found += self._repaired_whole_names(run, i)
        if len(key) >= MIN_FREE_WORD_LENGTH:
            if not word.known:
                # A free-standing near miss is repaired to a surname or a place,
                # never to a given name: "Raimondo" is not a damaged "Raymond";
                # before another word, only to what is not a person
                # ("Abberdeen Royal Infirmary" -> Aberdeen).
                found += [(target, entry) for spelling in self._near_spellings(key)
                          for entry in self.words.entries_with(spelling) if word.last or entry.type != "person"
                          for target in [self.words.repair_words(entry).get(spelling)] if target]
            found += [(other, None) for other in self._article_spellings(key, word.article)]
        return found

    def _known_with(self, key: str, others: Sequence[str]) -> bool:
        """Some known person has ``key`` as a name part together with one of ``others``."""
        if any(self.gazetteer.has_form(f"{a} {b}") for other in others for a, b in ((key, other), (other, key))):
            return True
        # Longer names ("Recep Tayyip Erdoğan"): through the surname, whose lists are short.
        return any(other in self.words.entry_words(person) for person in self.gazetteer.by_surname(key)
                   for other in others)

    # -- from the rest of the name ---------------------------------------------

    def _same_name_entries(self, run: Sequence[NameToken], i: int) -> list[Entry]:
        """Persons whose other name part is in the run: by the surname when
        ``i`` may be a given name (by its near spellings when the surname is
        damaged too: "Alvn Bregg"), by the first given name when ``i`` is the
        last word, and by a rarer word in the same place of a name as long
        ("Tedrosov Adhanom Ghebreyesus": the few persons named Adhanom; not
        "Harmanpreet Kaur" for Harsimrat Kaur Badal)."""
        if len(run) < 2:
            return []
        people = self._by_surname_or_given(run, i) + [
            e for j, token in enumerate(run) if j != i for e in self.words.people_with_rare_word(token.key)
            if self.words.has_word_at(e, j, len(run), token.key)]
        return list({id(e): e for e in people}.values())  # each once, in order

    def _by_surname_or_given(self, run: Sequence[NameToken], i: int) -> list[Entry]:
        if i < len(run) - 1:
            surname = run[-1].key
            if self.words.is_known_word(surname):
                return self.gazetteer.by_surname(surname)
            return [entry for spelling in self._near_spellings(surname) for entry in self.words.entries_with(spelling)
                    if entry.type == "person"]
        # Hundreds of people share a given name: only those with a later name
        # word that starts alike can be meant ("Abdel Fttah" -> Abdel Fattah
        # el-Sisi). When neither word is known, both may be damaged ("Alvn
        # Bregg"): the given name stands for its near spellings.
        key, given = run[i].key, run[0].key
        known = self.gazetteer.is_known_token(key)

        def people_starting_alike() -> list[Entry]:
            people = self.gazetteer.by_given(given)
            if not people and not known:
                people = [entry for spelling in self._near_spellings(given, part="given")
                          for entry in self.gazetteer.by_given(spelling)]
            return [e for e in people if any(same_start(key, compact(w)) for w in self.words.canonical_words(e)[1:])]
        # Which words start alike depends on their first letter and sounds
        # only: the thousands of Johns are sifted once per kind of start.
        return self._memo.get(("given", given, start_signature(key), known), people_starting_alike)

    def _repaired_whole_names(self, run: Sequence[NameToken], i: int) -> list[Candidate]:
        """Names of two words or more that the run spells but for a near miss
        at ``i``, whatever they name: "Sotuh Dakota" -> South Dakota, "New
        Yerk" -> New York, "Xi Janping" -> Xi Jinping."""
        if len(run) < 2:
            return []
        words = tuple(t.text for t in run)

        def repaired() -> list[Candidate]:
            known = [self.gazetteer.is_known_token(t.key) for t in run]
            spans = [(a, b) for a in range(i + 1) for b in range(max(i + 1, a + 2), len(run) + 1)
                     if all(known[a:i] + known[i + 1:b])]
            return [(target, entry) for spelling in (self._near_words(run[i].key) if spans else ()) for a, b in spans
                    for entry in self.gazetteer.exact(" ".join([*words[a:i], spelling, *words[i + 1:b]]))[:1]
                    for target in [self.words.entry_words(entry).get(spelling)] if target]
        return self._memo.get(("whole", words, i), repaired)

    def _closest_word(self, entry: Entry, key: str, taken: set[str]) -> Optional[str]:
        """The canonical word of ``entry`` that ``key`` is most likely a damaged
        form of, among the words the rest of the name does not already use."""
        words = self.words.entry_words(entry)
        used = {words.get(t) for t in taken}
        free = [w for w in words if words[w] not in used and is_plausible_repair(key, w)]
        return words[max(free, key=lambda w: spelling_similarity(key, w))] if free else None

    # -- from the gazetteer's vocabulary ----------------------------------------

    def _near_words(self, key: str) -> list[str]:
        """Every known word ``key`` may be a damaged form of, whatever names it is part of."""
        def near() -> list[str]:
            found = self.gazetteer.near_tokens(key, limit=NEAR_CANDIDATES, min_score=SIMILARITY_FLOOR)
            plausible = (spelling for spelling, _ in found if is_plausible_repair(key, spelling))
            return list(itertools.islice(plausible, NEAR_WORDS))
        return self._memo.get(("near words", key), near)

    def _near_spellings(self, key: str, part: NamePart = "headword") -> list[str]:
        """Surnames and place words (or given names) spelled like ``key``,
        closest first. The headwords of the user's own entries (their files,
        their archive) get places of their own: a publisher's names would
        otherwise drown among 50,000 ("Denbe": debe, denes, deane... before
        the archive's Danube)."""
        def near() -> list[str]:
            spellings = self.closest_spellings(key, part, NEAR_SPELLINGS)
            if part == "headword":
                spellings += [spelling for spelling in self.closest_spellings(key, "users", USER_NEAR_SPELLINGS)
                              if spelling not in spellings]
            return spellings
        return self._memo.get(("near", key, part), near)

    def closest_spellings(self, key: str, part: NamePart, count: int) -> list[str]:
        """The ``count`` likeliest originals of ``key``: alike in spelling, and
        the names of things the news mentions often ("Chnia" is China before
        it is Chania)."""
        near = self.gazetteer.near_tokens(key, limit=NEAR_CANDIDATES, min_score=SIMILARITY_FLOOR, part=part)
        alike = sorted(((spelling_similarity(key, spelling), spelling) for spelling, _ in near
                        if is_plausible_repair(key, spelling)), reverse=True)
        if len(alike) > count:
            # Only a spelling within the prior of the count-th can be lifted into the first count.
            alike = [(similarity, spelling) for similarity, spelling in alike
                     if similarity >= alike[count - 1][0] - PROMINENCE_PRIOR]
        prominence = self.gazetteer.likely_prominence
        ranked = sorted(alike, key=lambda pair: -(pair[0] + PROMINENCE_PRIOR * prominence(pair[1])))
        return [spelling for _, spelling in ranked[:count]]

    # -- from the article ------------------------------------------------------

    def _article_spellings(self, key: str, article: ArticleNames) -> list[str]:
        """Near misses of ``key`` elsewhere in the article, however often
        either is written: a damaged name may be repeated more often than its
        right spelling ("Buseris" four times, "Buser" once). How well each is
        attested is evidence for the decision. A spelling that only grows out
        of the other is an English inflection of it ("Tomahawks", "Russian"),
        unless the ending is one MT carries over ("Berlinu")."""
        return [self.words.surname_spelling(other) or article.written[other]
                for other in article.words_starting_like(key) if len(other) >= 4 and is_plausible_repair(key, other)
                and (not is_inflection(other, key) or has_foreign_ending(key, other))
                and not is_adjective_of_stem(other, key)]
