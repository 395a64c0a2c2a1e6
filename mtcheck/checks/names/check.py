"""The name check: known, corrupted or unknown, for every word of every name.

For each word of a name run that no accepted spelling explains, candidate
repairs come from three places:

- the rest of the name: "Voldimi Zelensky" -> persons surnamed Zelensky,
  whose given name "Volodymyr" is a near miss of "Voldimi";
- the gazetteer's vocabulary: words spelled like the damaged one
  ("Madouro" -> "maduro"), and the entries that use them;
- the article: a near miss of a name spelled otherwise elsewhere in it
  ("Stabridisdad" two sentences before "Stavridis").

A candidate's confidence starts from how alike the two spellings are
(spelling and sound) and moves with what else supports it: the rest of the
name belongs to the same entry, the suggested spelling appears elsewhere in
the article, the paragraph's words match the entry's description, the entry
is prominent. Uncorroborated candidates lose, and so do damaged-looking words
that are themselves real names or English words: most names in news are in
no list, and "correcting" a legitimate name is the worst thing this can do.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Optional, Sequence

from mtcheck.checks.names.runs import (GLUED_WORDS_RE, NAME_TOKEN_RE, ORDINARY_WORD_ZIPF, NameToken, compact,
                                       name_runs, word_zipf)
from mtcheck.checks.names.similarity import (MIN_SIMILARITY, PLURAL_ENDINGS, SIMILARITY_FLOOR, english_ending,
                                             is_adjective_of_stem, is_derived_word, is_gender_form, is_inflection,
                                             is_plausible_repair, same_start, sounds_alike, spelling_similarity)
from mtcheck.checks.names.verify import CANDIDATE_CONFIDENCE, RepairVerifier
from mtcheck.document import Document, Paragraph
from mtcheck.findings import Finding
from mtcheck.gazetteer import GEOGRAPHIC_TYPES, Entry, Gazetteer, fold_ascii, normalise, prominence_weight
from mtcheck.gazetteer.index import NamePart
from mtcheck.gazetteer.normalise import content_words, description_words

# ", Texas" or ", Ontario" after a place name: which place is meant.
QUALIFYING_PLACE_RE = re.compile(r",\s+([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)")
# Confidence at or above which a corrupted name is an error, not a warning.
ERROR_CONFIDENCE = 0.8
MIN_CONFIDENCE = 0.6
# Evidence, added to 0.75 * similarity + 0.15 * sounds-alike.
SAME_NAME_BONUS = 0.1       # another word of the run is exactly this entry's
COMMON_GIVEN_NAME_BONUS = 0.04  # ... but only a given name many people share
SAME_NAME_NEAR_BONUS = 0.05  # another word of the run is a near miss of this entry's
RARE_GIVEN_NAME = 5         # persons in the gazetteer with that given name (or name word), at most
ELSEWHERE_BONUS = 0.1       # the suggested spelling appears elsewhere in the article
CONTEXT_BONUS = 0.05        # per telling word of the entry's description in the paragraph
MAX_CONTEXT_BONUS = 0.1     # (a proper name counts twice)
PROMINENCE_BONUS = 0.15     # times prominence_weight(entry), when nothing else corroborates
# Only the most prominent entries (prominence_weight 1.0: curated, countries,
# cities of a million) may be suggested on the strength of the spelling alone.
MIN_UNCORROBORATED_PROMINENCE = 0.8
MIN_UNCORROBORATED_LENGTH = 5
UNCORROBORATED_PENALTY = 0.2
PARTIAL_NAME_PENALTY = 0.15  # the entry explains one word of a longer name, not the rest
KNOWN_WORD_PENALTY = 0.15   # the damaged-looking word is itself a known name
# How common the damaged-looking spelling is in English text (wordfreq's Zipf
# scale): MT damage makes spellings nobody writes; a spelling the web uses is
# most likely a real name (Huawei, Walz) or word.
UNSEEN_SPELLING_BONUS = 0.05  # Zipf below 1
ATTESTED_PENALTY = 0.15       # per Zipf point above 1.5
# Of two near-miss spellings in one article, the one English text uses this
# much more often (Zipf points) is the better attested.
ATTESTATION_MARGIN = 1.0
# Shorter words are too easily a near miss of something: repaired only from the rest of the name.
MIN_FREE_WORD_LENGTH = 4
# Near spellings looked up in the gazetteer per word (by edit similarity),
# kept (by spelling_similarity), and entries looked at per spelling.
NEAR_CANDIDATES = 40
NEAR_SPELLINGS = 5
USER_NEAR_SPELLINGS = 2
ENTRIES_PER_SPELLING = 3


@dataclass(frozen=True)
class Repair:
    token: NameToken
    replacement: str
    confidence: float
    reasons: tuple[str, ...]
    # Argued only by another name the article spells alike: no gazetteer
    # entry behind the replacement, and no word of the name shared with it.
    article_only: bool = False


@dataclass
class Evidence:
    """A candidate's confidence as it is argued, with the reasons a reader sees."""

    confidence: float
    reasons: list[str] = field(default_factory=list)
    strong: int = 0  # pieces that identify the name on their own
    weak: int = 0    # pieces that only support

    def add(self, amount: float, reason: str = "", strong: bool = False, weak: bool = False) -> None:
        self.confidence += amount
        if reason:
            self.reasons.append(reason)
        self.strong += strong
        self.weak += weak

    @property
    def corroborated(self) -> bool:
        return self.strong > 0 or self.weak >= 2


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


class ParagraphContext:
    """The paragraph's words, stemmed, for matching entry descriptions (built
    on demand), and its text around a name."""

    def __init__(self, text: str, start: int):
        self.text = text
        self.start = start  # the paragraph's offset in the document

    def is_written_around(self, token: NameToken, before: Sequence[str], after: Sequence[str]) -> bool:
        """Is ``token`` written right after the words ``before`` and right before ``after``?"""
        head = self.text[:token.start - self.start]
        tail = self.text[token.end - self.start:]
        return (re.search(r"(?<!\w)" + "".join(re.escape(w) + r"\s+" for w in before) + "$", head, re.I) is not None
                and re.match("".join(r"\s+" + re.escape(w) for w in after) + r"(?!\w)", tail, re.I) is not None)

    @cached_property
    def words(self) -> frozenset[str]:
        return content_words(self.text)

    @cached_property
    def proper_words(self) -> frozenset[str]:
        return content_words(self.text, proper_only=True)


class NameCheck:
    def __init__(self, gazetteer: Gazetteer, verifier: Optional[RepairVerifier] = None):
        """``verifier``: the language model's second opinion on each repair (the scan
        gives it the fluency model); without it, the spelling evidence decides alone."""
        self.gazetteer = gazetteer
        self.verifier = verifier
        self._memo: dict[tuple, object] = {}

    def check(self, document: Document) -> list[Finding]:
        # Short paragraphs (a headline, a byline) are evidence of how the
        # article spells a name, but like every skipped paragraph they get
        # no findings: "facebook" or "youtube" alone on a line is no name.
        paragraphs = [p for p in document.paragraphs if p.skipped in (None, "too-short")]
        runs = [(p, run) for p in paragraphs for run in name_runs(document, p, self.is_name_part)]
        article = ArticleNames(runs)
        contexts = {p.index: ParagraphContext(document.paragraph_text(p), p.start) for p in paragraphs}
        findings: list[Finding] = []
        open_words: list[tuple[Paragraph, NameToken, Optional[Repair]]] = []
        for paragraph, run in runs:
            if paragraph.skipped:
                continue
            name = " ".join(t.text for t in run)
            deprecated = self.gazetteer.is_deprecated(name)
            if deprecated and self._qualified_as_another_place(run, deprecated[0], contexts[paragraph.index]):
                continue  # "Odessa, Texas" is not Ukraine's Odesa
            if deprecated:
                findings.append(_deprecated_finding(document, paragraph, run, deprecated[0]))
            elif not self.gazetteer.has_form(name):
                covered = self._covered_by_known_names(run)
                open_words += [(paragraph, token, self._repair(run, i, article, contexts[paragraph.index]))
                               for i, token in enumerate(run) if i not in covered]
        best = _best_repair_per_spelling(repair for _, _, repair in open_words)
        floor = CANDIDATE_CONFIDENCE if self.verifier else MIN_CONFIDENCE
        repairs = [(paragraph, repair) for paragraph, token, own in open_words
                   for repair in [_as_strong_as(own, best.get(token.key), token)]
                   if repair and repair.confidence >= floor]
        if self.verifier:
            verified = self.verifier.verify(document, [repair for _, repair in repairs])
            repairs = [(paragraph, repair) for (paragraph, _), repair in zip(repairs, verified)]
        findings += [_corrupted_finding(document, paragraph, repair) for paragraph, repair in repairs
                     if repair.confidence >= MIN_CONFIDENCE]
        return findings

    def _covered_by_known_names(self, run: list[NameToken]) -> set[int]:
        """Words of the run inside a known name of two or more words ("Isa Soares" in a longer run)."""
        covered: set[int] = set()
        for a in range(len(run)):
            for b in range(a + 2, len(run) + 1):
                if self.gazetteer.has_form(" ".join(t.text for t in run[a:b])):
                    covered.update(range(a, b))
        return covered

    # -- one word --------------------------------------------------------------

    def _repair(self, run: list[NameToken], i: int, article: ArticleNames,
                context: ParagraphContext) -> Optional[Repair]:
        token = run[i]
        key = token.key
        if len(key) < 3 or word_zipf(token.text) >= ORDINARY_WORD_ZIPF or GLUED_WORDS_RE.search(token.text):
            return None
        known = self._is_known_word(key)
        # The rest of this name, and of every name the article writes this word in.
        others = sorted({t.key for j, t in enumerate(run) if j != i} | article.companions[key])
        if known and (not others or self._known_with(key, others)):
            return None  # a known name, used the way it is known
        taken = set(others)
        candidates: list[tuple[str, Optional[Entry]]] = [
            (target, entry) for entry in self._same_name_entries(run, i)
            for target in [self._closest_word(entry, key, taken)] if target]
        if len(key) >= MIN_FREE_WORD_LENGTH:
            if not known and i == len(run) - 1:
                # A free-standing near miss is repaired to a surname or a place,
                # never to a given name: "Raimondo" is not a damaged "Raymond".
                candidates += [(target, entry) for spelling in self._near_spellings(key)
                               for entry in self._entries_with(spelling)
                               for target in [self._repair_words(entry).get(spelling)] if target]
            candidates += [(other, None) for other in self._article_spellings(key, article)]
        scored = (self._score(token, target, entry, others, article, context, known)
                  for target, entry in candidates)
        return max(filter(None, scored), key=lambda r: r.confidence, default=None)

    def _score(self, token: NameToken, target: str, entry: Optional[Entry], others: list[str],
               article: ArticleNames, context: ParagraphContext, known: bool) -> Optional[Repair]:
        key, target_key = token.key, compact(target)
        if not is_plausible_repair(key, target_key) or self._is_english_word_of(token, target_key, context):
            return None
        if (entry is None and self._is_place_word(target_key) and not self.is_name_part(target_key)
                and self._in_another_name(others)):
            return None  # a place the article names is no repair for a word of a person's name (Eštok, Estonia)
        if is_gender_form(key, target_key) and (entry is None or entry.type == "person" and not _is_given_name_of(entry, target)):
            return None  # Zelenska is not a damaged Zelensky; but Bavaris may be Bavaria, Gervaia Gervais
        if word_zipf(token.text) >= 1 and is_derived_word(key, target_key) and self._is_place_word(target_key):
            return None  # an English word made from a place's name: Slovak, Emiratis, Bavarian
        evidence = Evidence(0.75 * spelling_similarity(key, target_key) + 0.15 * sounds_alike(key, target_key))
        shares_a_name_word = bool(article.companions.get(target_key, set()) & set(others))
        if article.counts[target_key] > 0:
            evidence.add(ELSEWHERE_BONUS, f"{target} appears elsewhere in the article", strong=True)
            if entry is None and others and article.companions[target_key] and not shares_a_name_word:
                evidence.add(-PARTIAL_NAME_PENALTY)  # the article writes it in someone else's name
        if entry is not None:
            evidence.reasons.insert(0, f"gazetteer: {entry.canonical}"
                                    + (f", {entry.description}" if entry.description else ""))
            self._add_same_name_evidence(evidence, entry, others)
            if self._place_written_whole(entry, token, target, context):
                evidence.add(SAME_NAME_BONUS, f"written as in {entry.canonical}", strong=True)
            stands_alone = self._may_stand_alone(entry, key, target, others)
            if not (evidence.strong or evidence.weak or stands_alone):
                return None  # the paragraph's words alone could not carry it
            context_bonus = self._context_bonus(entry, context)
            if context_bonus:
                evidence.add(context_bonus, "the paragraph's words match that description", weak=True)
            if not evidence.corroborated:
                if not stands_alone:
                    return None
                evidence.add(PROMINENCE_BONUS * prominence_weight(entry) - UNCORROBORATED_PENALTY)
        if known:
            # Someone else's name, unless the run's other words show it is not theirs.
            evidence.add(-KNOWN_WORD_PENALTY * (0.5 if others and not self._known_with(key, others) else 1))
        evidence.add(attestation(word_zipf(token.text)))
        return Repair(token, target, evidence.confidence, tuple(evidence.reasons),
                      article_only=entry is None and not shares_a_name_word)

    @staticmethod
    def _is_english_word_of(token: NameToken, name_key: str, context: ParagraphContext) -> bool:
        """An English word made from the name ("Nixonian"), or its family
        plural after "the" ("the Bidens")."""
        ending = english_ending(token.key, name_key)
        return ending is not None and (ending not in PLURAL_ENDINGS or context.is_written_around(token, ["the"], []))

    def _qualified_as_another_place(self, run: list[NameToken], entry: Entry, context: ParagraphContext) -> bool:
        """The name is followed by ", Region" (a state, a country) that the
        entry's description does not mention: another place of that name."""
        match = QUALIFYING_PLACE_RE.match(context.text, run[-1].end - context.start)
        if not match or entry.type not in GEOGRAPHIC_TYPES:
            return False
        region = match.group(1)
        return self._is_place_word(compact(region)) and region.lower() not in entry.description.lower()

    def _place_written_whole(self, entry: Entry, token: NameToken, target: str, context: ParagraphContext) -> bool:
        """A place whose name's other words, too common to join a name run
        ("El", "Lake", "Beach"), stand beside the damaged word as they stand
        beside ``target``: "siege of El Fashea" -> El Fasher."""
        if entry.type not in GEOGRAPHIC_TYPES:
            return False
        words = self._canonical_words(entry)
        k = next((k for k, word in enumerate(words) if compact(word) == compact(target)), None)
        return len(words) > 1 and k is not None and context.is_written_around(token, words[:k], words[k + 1:])

    def _known_with(self, key: str, others: list[str]) -> bool:
        """Some known person has ``key`` as a name part together with one of ``others``."""
        if any(self.gazetteer.has_form(f"{a} {b}") for other in others for a, b in ((key, other), (other, key))):
            return True
        # Longer names ("Recep Tayyip Erdoğan"): through the surname, whose lists are short.
        return any(other in self._entry_words(person) for person in self.gazetteer.by_surname(key) for other in others)

    def _may_stand_alone(self, entry: Entry, key: str, target: str, others: list[str]) -> bool:
        """Can the spelling alone make the case for this entry? Believable for a
        name news mentions all the time, not for one of 12,000 officials or a
        small town; only for a whole name (not "Palm" of West Palm Beach), of
        the right kind (not a place for a word of a person's name), and not
        for short words, which are near misses of too much."""
        return (prominence_weight(entry) >= MIN_UNCORROBORATED_PROMINENCE and len(key) >= MIN_UNCORROBORATED_LENGTH
                and self._names_whole(entry, target) and not self._kind_clashes(entry, others))

    def _names_whole(self, entry: Entry, target: str) -> bool:
        """``target`` alone names the entry: its surname, or its whole name."""
        return entry.type == "person" or compact(target) == compact(entry.canonical)

    def _kind_clashes(self, entry: Entry, others: list[str]) -> bool:
        """A place offered for a word the article writes as part of another
        name ("Halyna Osadcha" -> not Osaka, "Alexander Bogomaz" -> not
        Bogotá); ordinary words do not count ("Lake Lcerne" may be Lucerne)."""
        return entry.type in GEOGRAPHIC_TYPES and self._in_another_name(others, self._entry_words(entry))

    def _in_another_name(self, others: list[str], words=()) -> bool:
        """The rest of the name holds a name word (not an ordinary one) that
        ``words``, an entry's, does not explain."""
        return any(other not in words and (word_zipf(other) < ORDINARY_WORD_ZIPF or self.is_name_part(other))
                   for other in others)

    def _add_same_name_evidence(self, evidence: Evidence, entry: Entry, others: list[str]) -> None:
        """Does the rest of the name (here or elsewhere in the article) name
        this entry too? A surname or a rare given name identifies the entry;
        "Mohammad" or "Jim" is shared by dozens of people in the gazetteer."""
        words = self._entry_words(entry)
        exact = [other for other in others if other in words]
        if exact:
            if any(self.gazetteer.given_name_count(other) <= RARE_GIVEN_NAME for other in exact):
                evidence.add(SAME_NAME_BONUS, "the rest of the name matches", strong=True)
            else:
                evidence.add(COMMON_GIVEN_NAME_BONUS, "the given name matches", weak=True)
            return
        unknown = [other for other in others if not self._is_known_word(other)]
        if any(spelling_similarity(other, w) >= MIN_SIMILARITY for other in unknown for w in words):
            evidence.add(SAME_NAME_NEAR_BONUS, "the rest of the name is a near miss too", weak=True)
        elif others and len(words) > 1:
            evidence.add(-PARTIAL_NAME_PENALTY)  # the rest of the name is someone else's

    # -- where candidates come from ------------------------------------------

    def _same_name_entries(self, run: list[NameToken], i: int) -> list[Entry]:
        """Persons whose other name part is in the run: by the surname when
        ``i`` may be a given name (by its near spellings when the surname is
        damaged too: "Alvn Bregg"), by the first given name when ``i`` is the
        last word, and by a rarer word in the same place of a name as long
        ("Tedrosov Adhanom Ghebreyesus": the few persons named Adhanom; not
        "Harmanpreet Kaur" for Harsimrat Kaur Badal)."""
        if len(run) < 2:
            return []
        people = self._by_surname_or_given(run, i)
        people += [e for j, token in enumerate(run) if j != i for e in self._people_with_rare_word(token.key)
                   if self._has_word_at(e, j, len(run), token.key)]
        return list({id(e): e for e in people}.values())  # each once, in order

    def _by_surname_or_given(self, run: list[NameToken], i: int) -> list[Entry]:
        if i < len(run) - 1:
            surname = run[-1].key
            if self._is_known_word(surname):
                return self.gazetteer.by_surname(surname)
            return [entry for spelling in self._near_spellings(surname) for entry in self._entries_with(spelling)
                    if entry.type == "person"]
        # Hundreds of people share a given name: only those with a later name
        # word that starts alike can be meant ("Abdel Fttah" -> Abdel Fattah
        # el-Sisi). When neither word is known, both may be damaged ("Alvn
        # Bregg"): the given name stands for its near spellings.
        key, given = run[i].key, run[0].key
        people = self.gazetteer.by_given(given)
        if not people and not self.gazetteer.is_known_token(key):
            people = [entry for spelling in self._near_spellings(given, part="given")
                      for entry in self.gazetteer.by_given(spelling)]
        return [e for e in people if any(same_start(key, compact(w)) for w in self._canonical_words(e)[1:])]

    def _people_with_rare_word(self, key: str) -> list[Entry]:
        """The persons with ``key`` in their name, if only a few are."""
        memo_key = ("rare", key)
        if memo_key not in self._memo:
            people = [e for e in self.gazetteer.by_token(key) if e.type == "person"]
            self._memo[memo_key] = people if len(people) <= RARE_GIVEN_NAME else []
        return self._memo[memo_key]

    def _near_spellings(self, key: str, part: NamePart = "headword") -> list[str]:
        """Surnames and place words (or given names) spelled like ``key``,
        closest first. The headwords of the user's own entries (their files,
        their archive) get places of their own: a publisher's names would
        otherwise drown among 50,000 ("Denbe": debe, denes, deane... before
        the archive's Danube)."""
        memo_key = ("near", key, part)
        if memo_key not in self._memo:
            spellings = self._closest_spellings(key, part, NEAR_SPELLINGS)
            if part == "headword":
                spellings += [spelling for spelling in self._closest_spellings(key, "users", USER_NEAR_SPELLINGS)
                              if spelling not in spellings]
            self._memo[memo_key] = spellings
        return self._memo[memo_key]

    def _closest_spellings(self, key: str, part: NamePart, count: int) -> list[str]:
        near = self.gazetteer.near_tokens(key, limit=NEAR_CANDIDATES, min_score=SIMILARITY_FLOOR, part=part)
        ranked = sorted((spelling for spelling, _ in near), key=lambda spelling: -spelling_similarity(key, spelling))
        return list(itertools.islice((spelling for spelling in ranked if is_plausible_repair(key, spelling)), count))

    def _entries_with(self, spelling: str) -> list[Entry]:
        memo_key = ("entries", spelling)
        if memo_key not in self._memo:
            self._memo[memo_key] = self.gazetteer.entries_with_token(spelling)[:ENTRIES_PER_SPELLING]
        return self._memo[memo_key]

    def _article_spellings(self, key: str, article: ArticleNames) -> list[str]:
        """Near misses of ``key`` elsewhere in the article that are better
        attested than it: a known name, used more often, or a spelling English
        text uses where ``key`` is one nobody writes ("Bob Bowmaa" ... "Bowman")."""
        found = []
        for other, count in article.counts.items():
            if (len(other) < 4 or not is_plausible_repair(key, other) or is_inflection(other, key)
                    or is_adjective_of_stem(other, key)):
                continue
            if (count > article.counts[key] or self._is_known_word(other)
                    or word_zipf(article.written[other]) >= word_zipf(article.written[key]) + ATTESTATION_MARGIN):
                found.append(self._written_form(other, article))
        return found

    # -- entries and words -----------------------------------------------------

    def is_name_part(self, word: str) -> bool:
        """A known given name or surname: "Trump" and "Jim" are names, however common."""
        return self.gazetteer.is_known_token(word, "given") or self.gazetteer.is_known_token(word, "surname")

    def _is_place_word(self, key: str) -> bool:
        return bool(self.gazetteer.token_types(key) & GEOGRAPHIC_TYPES)

    def _is_known_word(self, key: str) -> bool:
        """A given name, a surname or a whole one-word name of some entry."""
        g = self.gazetteer
        return g.is_known_token(key, "surname") or g.is_known_token(key, "given") or g.has_form(key)

    def _entry_words(self, entry: Entry) -> dict[str, str]:
        """Each word of the entry's accepted names -> the canonical word it stands for.

        An alias shaped like the canonical form maps word for word
        ("zelenskyy" -> "Zelensky"); other aliases keep their own words.
        Places contribute their canonical and deprecated forms only.
        """
        memo_key = ("words", id(entry))
        if memo_key not in self._memo:
            canonical = self._canonical_words(entry)
            words: dict[str, str] = {}
            # A place's aliases are its names in other languages (GeoNames):
            # evidence for recognising it, not words of the name English news writes.
            aliases = () if entry.type in GEOGRAPHIC_TYPES else entry.aliases
            for form in (entry.canonical, fold_ascii(entry.canonical), *aliases, *entry.deprecated):
                form_words = NAME_TOKEN_RE.findall(form)
                same_shape = len(form_words) == len(canonical)
                for k, word in enumerate(form_words):
                    stands_for = canonical[k] if same_shape else word
                    # "Bi-khim" is one word here but two in the gazetteer's index.
                    for part in {compact(word), *normalise(word).split()}:
                        words.setdefault(part, stands_for)
            self._memo[memo_key] = (entry, words)  # the entry kept alive: its id stays unique
        return self._memo[memo_key][1]

    def _has_word_at(self, entry: Entry, index: int, length: int, key: str) -> bool:
        """The entry's name has ``length`` words, ``key`` the ``index``-th."""
        words = self._canonical_words(entry)
        return len(words) == length and compact(words[index]) == key

    def _canonical_words(self, entry: Entry) -> list[str]:
        memo_key = ("canonical", id(entry))
        if memo_key not in self._memo:
            self._memo[memo_key] = (entry, NAME_TOKEN_RE.findall(entry.canonical))
        return self._memo[memo_key][1]

    def _repair_words(self, entry: Entry) -> dict[str, str]:
        """The words a free-standing near miss may be repaired to: a person's
        surname (in any accepted spelling), the canonical words of anything
        else. GeoNames' alternate names in other languages are for
        recognising a name, not for repairing one."""
        memo_key = ("repair", id(entry))
        if memo_key not in self._memo:
            words = self._entry_words(entry)
            wanted = {compact(w) for w in NAME_TOKEN_RE.findall(entry.surname if entry.type == "person" and entry.surname
                                                                else entry.canonical)}
            self._memo[memo_key] = (entry, {k: w for k, w in words.items() if compact(w) in wanted})
        return self._memo[memo_key][1]

    def _closest_word(self, entry: Entry, key: str, taken: set[str]) -> Optional[str]:
        """The canonical word of ``entry`` that ``key`` is most likely a damaged
        form of, among the words the rest of the name does not already use."""
        words = self._entry_words(entry)
        used = {words.get(t) for t in taken}
        free = [w for w in words if words[w] not in used and is_plausible_repair(key, w)]
        return words[max(free, key=lambda w: spelling_similarity(key, w))] if free else None

    def _context_bonus(self, entry: Entry, context: ParagraphContext) -> float:
        """What the paragraph shares with the entry's description: a proper
        name ("CNN", "NATO", "Latvia") says more than a common word ("security")."""
        g = self.gazetteer
        proper = (description_words(entry.description, proper_only=True) & context.proper_words
                  - g.common_proper_description_words)
        shared = description_words(entry.description) & context.words - g.common_description_words | proper
        return min(MAX_CONTEXT_BONUS, CONTEXT_BONUS * (len(shared) + len(proper)))

    def _written_form(self, key: str, article: ArticleNames) -> str:
        """How the article writes a word; the gazetteer's spelling (with
        diacritics) when a surname has that key."""
        for entry in self.gazetteer.by_surname(key):
            if compact(entry.surname) == key:
                return entry.surname
        return article.written[key]


def _best_repair_per_spelling(repairs) -> dict[str, Repair]:
    """An article spells a name one way: the repair best argued at one mention
    of a spelling ("Claudia Shinbais" -> Sheinbaum) holds at its others
    ("Shinbais said")."""
    best: dict[str, Repair] = {}
    for repair in filter(None, repairs):
        key = repair.token.key
        if key not in best or repair.confidence > best[key].confidence:
            best[key] = repair
    return best


def _as_strong_as(repair: Optional[Repair], best: Optional[Repair], token: NameToken) -> Optional[Repair]:
    """``repair`` (this mention's own), unless another mention of the same spelling argues better."""
    if best is None or (repair and repair.confidence >= best.confidence):
        return repair
    reason = "as at another mention of this spelling: " + "; ".join(best.reasons)
    return replace(best, token=token, reasons=(reason,))


def _is_given_name_of(entry: Entry, word: str) -> bool:
    return compact(word) in {compact(w) for w in NAME_TOKEN_RE.findall(entry.given)}


def attestation(zipf: float) -> float:
    if zipf < 1:
        return UNSEEN_SPELLING_BONUS
    return -ATTESTED_PENALTY * max(0.0, zipf - 1.5)


def _corrupted_finding(document: Document, paragraph: Paragraph, repair: Repair) -> Finding:
    token = repair.token
    severity = "error" if repair.confidence >= ERROR_CONFIDENCE else "warning"
    return Finding(
        code="MT201", category="name", severity=severity, paragraph=paragraph.index,
        start=token.start, end=token.end, text=document.text[token.start:token.end],
        message=(f"name looks corrupted: '{token.text}' is probably '{repair.replacement}'"
                 f" ({'; '.join(repair.reasons) or 'a near miss'})"),
        suggestions=(repair.replacement,), confidence=round(min(repair.confidence, 0.99), 3),
    )


def _deprecated_finding(document: Document, paragraph: Paragraph, run, entry: Entry) -> Finding:
    start, end = run[0].start, run[-1].end
    return Finding(
        code="MT202", category="name", severity="info", paragraph=paragraph.index,
        start=start, end=end, text=document.text[start:end],
        message=f"'{document.text[start:end]}' is an older spelling: news style now uses '{entry.canonical}'",
        suggestions=(entry.canonical,), confidence=0.9,
    )
