"""The name check: known, corrupted or unknown, for every word of every name.

For each word of a name run that no accepted spelling explains, candidate
repairs come from three places:

- the rest of the name: "Voldimi Zelensky" -> persons surnamed Zelensky,
  whose given name "Volodymyr" is a near miss of "Voldimi";
- the gazetteer's vocabulary: words spelled like the damaged one
  ("Madouro" -> "maduro"), and the entries that use them;
- the article: a near miss of a name spelled otherwise elsewhere in it
  ("Stabridisdad" two sentences before "Stavridis").

Guards drop candidates that are never damage (a gendered surname form, an
English word made from a place's name, a place for a word of a person's
name); every other candidate is described by its evidence (``_score``: how
alike the spellings are, what supports the repair in the run, the article,
the paragraph and the gazetteer, how common either spelling is in English)
and decided by the fitted model of decision.py.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Mapping, Optional, Sequence

from mtcheck.checks.base import Check, Rule, register
from mtcheck.checks.lexicon import word_zipf
from mtcheck.checks.names.runs import (GLUED_WORDS_RE, NAME_TOKEN_RE, ORDINARY_WORD_ZIPF, NameToken, compact,
                                       name_runs)
from mtcheck.checks.names.similarity import (MIN_SIMILARITY, PLURAL_ENDINGS, SIMILARITY_FLOOR, english_ending,
                                             is_adjective_of_stem, is_derived_word, is_gender_form, is_inflection,
                                             edit_features, is_plausible_repair, same_start, spelling_similarity)
from mtcheck.checks.names.decision import NameDecision, load_decision
from mtcheck.checks.names.verify import RepairVerifier
from mtcheck.document import Document, Paragraph
from mtcheck.findings import Finding
from mtcheck.gazetteer import GEOGRAPHIC_TYPES, Entry, Gazetteer, fold_ascii, normalise, prominence_weight
from mtcheck.gazetteer.index import NamePart
from mtcheck.gazetteer.normalise import content_words, description_words

# ", Texas" or ", Ontario" after a place name: which place is meant.
QUALIFYING_PLACE_RE = re.compile(r",\s+([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)")
# Persons in the gazetteer with a given name (or name word), at most, for it
# to identify the person as a surname does.
RARE_GIVEN_NAME = 5
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
# Near spellings tried in the place of a damaged word of a longer name.
NEAR_WORDS = 15
ENTRIES_PER_SPELLING = 3
# How much a prominent name (a country, a big city, a head of state) is a
# likelier original than an obscure one spelled as alike: a share of the
# similarity scale (0-1).
PROMINENCE_PRIOR = 0.1


@dataclass(frozen=True)
class Repair:
    token: NameToken
    replacement: str
    confidence: float
    reasons: tuple[str, ...]
    # Argued only by another name the article spells alike: no gazetteer
    # entry behind the replacement, and no word of the name shared with it.
    article_only: bool = False
    # The evidence as the decision model reads it (decision.py).
    features: Mapping[str, float] = field(default_factory=dict, compare=False)


# The entry features of a repair with no gazetteer entry behind it.
NO_ENTRY_FEATURES = {name: 0.0 for name in (
    "has_entry", "person", "place", "country", "prominence", "log_population", "names_whole", "kind_clash",
    "rest_matches_rare", "rest_matches_common", "rest_near_miss", "rest_is_other_entry", "written_whole",
    "description_words")}
# Evidence that identifies the name on its own, and evidence that only supports.
IDENTIFYING = ("target_in_article", "rest_matches_rare", "written_whole")
SUPPORTING = ("rest_matches_common", "rest_near_miss", "description_words")
# What a reader is told of the entry evidence that supports a repair.
ENTRY_REASONS = {"rest_matches_rare": "the rest of the name matches", "rest_matches_common": "the given name matches",
                 "rest_near_miss": "the rest of the name is a near miss too",
                 "written_whole": "written as the place's whole name is",
                 "description_words": "the paragraph's words match that description"}


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


RULES = (
    Rule(
        code="MT201",
        title="corrupted name",
        category="name",
        short="A name that looks corrupted, with the spelling to use.",
        full=(
            "A person's or place's name that is probably a damaged spelling of a known name (from the "
            "gazetteer or from elsewhere in the same article). An error when the repair is well "
            "corroborated (confidence 0.8 or more), else a warning."
        ),
        help="Replace the name with the suggested spelling after checking the message's evidence; "
        "the suggestion replaces exactly the flagged text.",
        help_markdown="Replace the name with the suggested spelling after checking the message's "
        "evidence; the suggestion replaces **exactly** the flagged text.",
        default_severity="warning",
        fix="safe",
    ),
    Rule(
        code="MT202",
        title="older spelling",
        category="name",
        short="An older spelling of a known name (Kiev for Kyiv).",
        full="A known name in a spelling news style no longer uses; the current spelling is suggested.",
        help="Use the current spelling unless the older one is quoted or historical.",
        help_markdown="Use the current spelling unless the older one is quoted or historical "
        "(*Kiev* becomes *Kyiv*).",
        default_severity="info",
        fix="unsafe",
    ),
)


@register
class NameCheck(Check):
    name = "names"
    rules = RULES

    def __init__(self, gazetteer: Gazetteer, verifier: Optional[RepairVerifier] = None,
                 decision: Optional[NameDecision] = None):
        """``verifier``: the language model's second opinion on each repair (the scan
        gives it the fluency model); without it, the spelling evidence decides alone."""
        self.gazetteer = gazetteer
        self.verifier = verifier
        self._decision = decision
        self._memo: dict[tuple, object] = {}

    @classmethod
    def build(cls, parts) -> "NameCheck":
        return cls(parts.gazetteer, RepairVerifier(parts.scorer))

    @property
    def decision(self) -> NameDecision:
        """The fitted models and thresholds (read on first use)."""
        return self._decision or load_decision()

    def check_document(self, document: Document) -> list[Finding]:
        findings, open_words = self._read(document)
        own = [(paragraph, token, max(candidates, key=lambda r: r.confidence, default=None))
               for paragraph, token, candidates in open_words]
        best = _best_repair_per_spelling(repair for _, _, repair in own)
        decision = self.decision
        floor = decision.ask_model_threshold if self.verifier else decision.spelling.finding_threshold
        repairs = [(paragraph, repair) for paragraph, token, mine in own
                   for repair in [_as_strong_as(mine, best.get(token.key), token)]
                   if repair and repair.confidence >= floor]
        stage = decision.spelling
        if self.verifier:
            stage = decision.with_model
            verified = self.verifier.verify(document, [repair for _, repair in repairs], stage.model)
            repairs = [(paragraph, repair) for (paragraph, _), repair in zip(repairs, verified)]
        findings += [_corrupted_finding(document, paragraph, repair, severity) for paragraph, repair in repairs
                     for severity in [stage.severity(repair.confidence)] if severity]
        return findings

    def candidates(self, document: Document) -> list[tuple[Paragraph, NameToken, list[Repair]]]:
        """Every word no accepted spelling explains, with every repair
        considered for it and its evidence (what the decision model is fitted on)."""
        return self._read(document)[1]

    def _read(self, document: Document) -> tuple[list[Finding], list[tuple[Paragraph, NameToken, list[Repair]]]]:
        """The older spellings of known names (as findings), and the words no
        accepted spelling explains, with their candidate repairs."""
        # Short paragraphs (a headline, a byline) are evidence of how the
        # article spells a name, but like every skipped paragraph they get
        # no findings: "facebook" or "youtube" alone on a line is no name.
        paragraphs = [p for p in document.paragraphs if p.skipped in (None, "too-short")]
        runs = [(p, run) for p in paragraphs for run in name_runs(document, p, self.is_name_part)]
        article = ArticleNames(runs)
        contexts = {p.index: ParagraphContext(document.paragraph_text(p), p.start) for p in paragraphs}
        findings: list[Finding] = []
        open_words: list[tuple[Paragraph, NameToken, list[Repair]]] = []
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
                open_words += [(paragraph, token, self._repairs(run, i, article, contexts[paragraph.index]))
                               for i, token in enumerate(run) if i not in covered]
        return findings, open_words

    def _covered_by_known_names(self, run: list[NameToken]) -> set[int]:
        """Words of the run inside a known name of two or more words ("Isa Soares" in a longer run)."""
        covered: set[int] = set()
        for a in range(len(run)):
            for b in range(a + 2, len(run) + 1):
                if self.gazetteer.has_form(" ".join(t.text for t in run[a:b])):
                    covered.update(range(a, b))
        return covered

    # -- one word --------------------------------------------------------------

    def _repairs(self, run: list[NameToken], i: int, article: ArticleNames,
                 context: ParagraphContext) -> list[Repair]:
        token = run[i]
        key = token.key
        if len(key) < 3 or word_zipf(token.text) >= ORDINARY_WORD_ZIPF or GLUED_WORDS_RE.search(token.text):
            return []
        known = self._is_known_word(key)
        # The rest of this name, and of every name the article writes this word in.
        others = sorted({t.key for j, t in enumerate(run) if j != i} | article.companions[key])
        if known and (not others or self._known_with(key, others)):
            return []  # a known name, used the way it is known
        taken = set(others)
        last = i == len(run) - 1
        candidates: list[tuple[str, Optional[Entry]]] = [
            (target, entry) for entry in self._same_name_entries(run, i)
            for target in [self._closest_word(entry, key, taken)] if target]
        candidates += self._repaired_whole_names(run, i)
        if len(key) >= MIN_FREE_WORD_LENGTH:
            if not known:
                # A free-standing near miss is repaired to a surname or a place,
                # never to a given name: "Raimondo" is not a damaged "Raymond";
                # before another word, only to what is not a person
                # ("Abberdeen Royal Infirmary" -> Aberdeen).
                candidates += [(target, entry) for spelling in self._near_spellings(key)
                               for entry in self._entries_with(spelling) if last or entry.type != "person"
                               for target in [self._repair_words(entry).get(spelling)] if target]
            candidates += [(other, None) for other in self._article_spellings(key, article)]
        scored = (self._score(token, target, entry, others, article, context, known, last)
                  for target, entry in candidates)
        return [repair for repair in scored if repair]

    def _score(self, token: NameToken, target: str, entry: Optional[Entry], others: list[str],
               article: ArticleNames, context: ParagraphContext, known: bool, last: bool) -> Optional[Repair]:
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
        shares_a_name_word = bool(article.companions.get(target_key, set()) & set(others))
        article_only = entry is None and not shares_a_name_word
        features = {**edit_features(key, target_key),
                    **self._article_features(key, target_key, others, article, shares_a_name_word),
                    "known_word": float(known),
                    "zipf_written": word_zipf(token.text), "zipf_target": word_zipf(target),
                    "name_words": float(len(others)),
                    "last_word": float(last),
                    "rest_is_another_name": float(self._in_another_name(others)),
                    "article_only": float(article_only)}
        reasons = []
        if article.counts[target_key] > 0:
            reasons.append(f"{target} appears elsewhere in the article")
        if entry is None:
            features.update(NO_ENTRY_FEATURES)
        else:
            entry_features = self._entry_features(entry, token, target, others, context)
            features.update(entry_features)
            reasons.insert(0, f"gazetteer: {entry.canonical}" + (f", {entry.description}" if entry.description else ""))
            reasons += [reason for name, reason in ENTRY_REASONS.items() if entry_features[name] > 0]
        features.update(corroboration_features(features))
        return Repair(token, target, self.decision.spelling.model.probability(features), tuple(reasons),
                      article_only=article_only, features=features)

    def _article_features(self, key: str, target_key: str, others: list[str], article: ArticleNames,
                          shares_a_name_word: bool) -> dict[str, float]:
        """What the article says: how often it writes either spelling, which
        it attests better, and whether it writes the suggestion in another
        person's name."""
        in_article = article.counts[target_key] > 0
        in_other_name = bool(others and article.companions.get(target_key)) and not shares_a_name_word
        return {"target_in_article": float(in_article),
                "target_better_attested": float(in_article and self._better_attested(key, target_key, article)),
                "written_better_attested": float(in_article and self._better_attested(target_key, key, article)),
                "target_mentions": math.log1p(article.counts[target_key]),
                "written_mentions": math.log1p(article.counts[key]),
                "target_in_other_name": float(article.counts[target_key] > 0 and in_other_name)}

    def _entry_features(self, entry: Entry, token: NameToken, target: str, others: list[str],
                        context: ParagraphContext) -> dict[str, float]:
        """What the gazetteer entry behind the suggestion says: its kind, how
        prominent, whether the rest of the name and the paragraph's words fit it."""
        same_name = self._same_name(entry, others)
        return {"has_entry": 1.0,
                "person": float(entry.type == "person"),
                "place": float(entry.type in GEOGRAPHIC_TYPES),
                "country": float(entry.type == "country"),
                "prominence": prominence_weight(entry),
                "log_population": math.log10(1 + entry.population),
                "names_whole": float(self._names_whole(entry, target)),
                "kind_clash": float(self._kind_clashes(entry, others)),
                "rest_matches_rare": float(same_name == "rare"),
                "rest_matches_common": float(same_name == "common"),
                "rest_near_miss": float(same_name == "near"),
                "rest_is_other_entry": float(same_name == "other"),
                "written_whole": float(self._place_written_whole(entry, token, target, context)),
                "description_words": float(self._description_words_shared(entry, context))}

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

    def _same_name(self, entry: Entry, others: list[str]) -> Optional[str]:
        """Does the rest of the name (here or elsewhere in the article) name
        this entry too? "rare": exactly, by a surname or a rare given name,
        which identifies the entry; "common": by a given name dozens of
        people in the gazetteer share ("Mohammad", "Jim"); "near": by a near
        miss of one of its words; "other": the rest is someone else's name."""
        words = self._entry_words(entry)
        exact = [other for other in others if other in words]
        if exact:
            return "rare" if any(self.gazetteer.given_name_count(o) <= RARE_GIVEN_NAME for o in exact) else "common"
        unknown = [other for other in others if not self._is_known_word(other)]
        if any(spelling_similarity(other, w) >= MIN_SIMILARITY for other in unknown for w in words):
            return "near"
        return "other" if others and len(words) > 1 else None

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

    def _repaired_whole_names(self, run: list[NameToken], i: int) -> list[tuple[str, Entry]]:
        """Names of two words or more that the run spells but for a near miss
        at ``i``, whatever they name: "Sotuh Dakota" -> South Dakota, "New
        Yerk" -> New York, "Xi Janping" -> Xi Jinping."""
        if len(run) < 2:
            return []
        words = tuple(t.text for t in run)
        memo_key = ("whole", words, i)
        if memo_key not in self._memo:
            known = [self.gazetteer.is_known_token(t.key) for t in run]
            spans = [(a, b) for a in range(i + 1) for b in range(max(i + 1, a + 2), len(run) + 1)
                     if all(known[a:i] + known[i + 1:b])]
            self._memo[memo_key] = [
                (target, entry) for spelling in (self._near_words(run[i].key) if spans else ()) for a, b in spans
                for entry in self.gazetteer.exact(" ".join([*words[a:i], spelling, *words[i + 1:b]]))[:1]
                for target in [self._entry_words(entry).get(spelling)] if target]
        return self._memo[memo_key]

    def _near_words(self, key: str) -> list[str]:
        """Every known word ``key`` may be a damaged form of, whatever names it is part of."""
        memo_key = ("near words", key)
        if memo_key not in self._memo:
            near = self.gazetteer.near_tokens(key, limit=NEAR_CANDIDATES, min_score=SIMILARITY_FLOOR)
            plausible = (spelling for spelling, _ in near if is_plausible_repair(key, spelling))
            self._memo[memo_key] = list(itertools.islice(plausible, NEAR_WORDS))
        return self._memo[memo_key]

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
        ranked = sorted(alike, key=lambda pair: -(pair[0] + PROMINENCE_PRIOR * self._prominence_of(pair[1])))
        return [spelling for _, spelling in ranked[:count]]

    def _prominence_of(self, spelling: str) -> float:
        return max((prominence_weight(entry) for entry in self._entries_with(spelling)), default=0.0)

    def _entries_with(self, spelling: str) -> list[Entry]:
        memo_key = ("entries", spelling)
        if memo_key not in self._memo:
            self._memo[memo_key] = self.gazetteer.entries_with_token(spelling)[:ENTRIES_PER_SPELLING]
        return self._memo[memo_key]

    def _article_spellings(self, key: str, article: ArticleNames) -> list[str]:
        """Near misses of ``key`` elsewhere in the article, however often
        either is written: a damaged name may be repeated more often than its
        right spelling ("Buseris" four times, "Buser" once). How well each is
        attested is evidence for the decision (``_article_features``)."""
        return [self._written_form(other, article) for other in article.counts
                if len(other) >= 4 and is_plausible_repair(key, other) and not is_inflection(other, key)
                and not is_adjective_of_stem(other, key)]

    def _better_attested(self, key: str, other: str, article: ArticleNames) -> bool:
        """Is ``other`` the better attested spelling: a known name where ``key``
        is not, used more often, or a spelling English text uses where ``key``
        is one nobody writes ("Bob Bowmaa" ... "Bowman")?"""
        return (article.counts[other] > article.counts[key] or self._is_known_word(other) and not self._is_known_word(key)
                or word_zipf(article.written[other]) >= word_zipf(article.written[key]) + ATTESTATION_MARGIN)

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

    def _description_words_shared(self, entry: Entry, context: ParagraphContext) -> int:
        """What the paragraph shares with the entry's description; a proper
        name ("CNN", "NATO", "Latvia") says more than a common word
        ("security"), and counts twice."""
        g = self.gazetteer
        proper = (description_words(entry.description, proper_only=True) & context.proper_words
                  - g.common_proper_description_words)
        shared = description_words(entry.description) & context.words - g.common_description_words | proper
        return len(shared) + len(proper)

    def _written_form(self, key: str, article: ArticleNames) -> str:
        """How the article writes a word; the gazetteer's spelling (with
        diacritics) when a surname has that key."""
        for entry in self.gazetteer.by_surname(key):
            if compact(entry.surname) == key:
                return entry.surname
        return article.written[key]


def corroboration_features(features: Mapping[str, float]) -> dict[str, float]:
    """How much else argues for the repair, and that amount against how far
    the spellings are apart: a name the rest of the run and the paragraph
    identify ("CNN's Jim Sait" -> Sciutto) may be damaged beyond its spelling."""
    amount = (sum(features[name] > 0 for name in IDENTIFYING)
              + 0.5 * sum(features[name] > 0 for name in SUPPORTING))
    return {"corroboration": amount, "corroboration_x_edits": amount * features["edits_per_letter"]}


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


def _corrupted_finding(document: Document, paragraph: Paragraph, repair: Repair, severity: str) -> Finding:
    token = repair.token
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
