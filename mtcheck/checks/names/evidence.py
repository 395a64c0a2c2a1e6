"""The evidence for one candidate repair, as the decision model reads it.

Guards first drop candidates that are never damage (a gendered surname form,
an English word made from a place's name, a place for a word of a person's
name). Every other candidate is described by features: how alike the
spellings are and by what edit, what the article says of either spelling,
what the gazetteer entry behind the suggestion says (its kind and
prominence, whether the rest of the name and the paragraph's words fit it),
and how common either spelling is in English. All but what the paragraph
says is the same at every mention of a name written alike (``word_evidence``);
``in_context`` adds the paragraph's part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from mtcheck.checks.lexicon import word_zipf
from mtcheck.checks.names.context import ArticleNames, OpenWord, ParagraphContext
from mtcheck.checks.names.runs import ORDINARY_WORD_ZIPF, NameToken
from mtcheck.checks.names.similarity import (MIN_SIMILARITY, PLURAL_ENDINGS, edit_features, english_ending,
                                             is_derived_word, is_gender_form, is_plausible_repair,
                                             spelling_similarity)
from mtcheck.gazetteer import GEOGRAPHIC_TYPES, Entry
from mtcheck.gazetteer.normalise import compact
from mtcheck.gazetteer.words import NameWords, is_given_name_of

# Of two near-miss spellings in one article, the one English text uses this
# much more often (Zipf points) is the better attested.
ATTESTATION_MARGIN = 1.0
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


@dataclass(frozen=True)
class WordEvidence:
    """The evidence for a repair that holds wherever the article writes the
    name this way (a name is mentioned again and again): all but what the
    mention's paragraph says."""
    features: Mapping[str, float]  # all but the entry's
    entry_features: Optional[Mapping[str, float]]  # the entry's, but for the paragraph's evidence; None without one
    target_in_article: bool
    article_only: bool


@dataclass(frozen=True)
class Evidence:
    features: Mapping[str, float]
    reasons: tuple[str, ...]  # what a reader is told
    # Argued only by another name the article spells alike: no gazetteer
    # entry behind the suggestion, and no word of the name shared with it.
    article_only: bool


class EvidenceReader:
    def __init__(self, words: NameWords):
        self.words = words

    def word_evidence(self, word: OpenWord, target: str, entry: Optional[Entry]) -> Optional[WordEvidence]:
        """What argues for and against repairing ``word`` to ``target`` (of
        ``entry``, or of the article when None) wherever the article writes
        this name this way; None when a guard rules it out. ``in_context``
        adds what the mention's paragraph says."""
        token, others, article = word.token, word.others, word.article
        key, target_key = token.key, compact(target)
        if not is_plausible_repair(key, target_key):
            return None
        if (entry is None and self.words.is_place_word(target_key) and not self.words.is_name_part(target_key)
                and self._in_another_name(others)):
            return None  # a place the article names is no repair for a word of a person's name (Eštok, Estonia)
        if is_gender_form(key, target_key) and (entry is None or entry.type == "person" and not is_given_name_of(entry, target)):
            return None  # Zelenska is not a damaged Zelensky; but Bavaris may be Bavaria, Gervaia Gervais
        if word_zipf(token.text) >= 1 and is_derived_word(key, target_key) and self.words.is_place_word(target_key):
            return None  # an English word made from a place's name: Slovak, Emiratis, Bavarian
        shares_a_name_word = bool(article.companions.get(target_key, set()) & set(others))
        article_only = entry is None and not shares_a_name_word
        features = {**edit_features(key, target_key),
                    **self._article_features(key, target_key, others, article, shares_a_name_word),
                    "known_word": float(word.known),
                    "zipf_written": word_zipf(token.text), "zipf_target": word_zipf(target),
                    "name_words": float(len(others)),
                    "last_word": float(word.last),
                    "rest_is_another_name": float(self._in_another_name(others)),
                    "article_only": float(article_only)}
        return WordEvidence(features, self._entry_features(entry, target, others) if entry else None,
                            article.counts[target_key] > 0, article_only)

    def in_context(self, found: WordEvidence, word: OpenWord, target: str,
                   entry: Optional[Entry]) -> Optional[Evidence]:
        """``found`` (word_evidence's) with what the paragraph of this mention
        says; None when the paragraph shows an English word made from the
        name ("the Bidens")."""
        token, context = word.token, word.context
        if _is_english_word_of(token, compact(target), context):
            return None
        features = dict(found.features)
        reasons = [f"{target} appears elsewhere in the article"] if found.target_in_article else []
        if entry is None:
            features.update(NO_ENTRY_FEATURES)
        else:
            entry_features = {**found.entry_features,
                              "written_whole": float(self._place_written_whole(entry, token, target, context)),
                              "description_words": float(self._description_words_shared(entry, context))}
            features.update(entry_features)
            reasons.insert(0, f"gazetteer: {entry.canonical}" + (f", {entry.description}" if entry.description else ""))
            reasons += [reason for name, reason in ENTRY_REASONS.items() if entry_features[name] > 0]
        features.update(corroboration_features(features))
        return Evidence(features, tuple(reasons), found.article_only)

    # -- the article -------------------------------------------------------------

    def _article_features(self, key: str, target_key: str, others: Sequence[str], article: ArticleNames,
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

    def _better_attested(self, key: str, other: str, article: ArticleNames) -> bool:
        """Is ``other`` the better attested spelling: a known name where ``key``
        is not, used more often, or a spelling English text uses where ``key``
        is one nobody writes ("Bob Bowmaa" ... "Bowman")?"""
        known = self.words.is_known_word
        return (article.counts[other] > article.counts[key] or known(other) and not known(key)
                or word_zipf(article.written[other]) >= word_zipf(article.written[key]) + ATTESTATION_MARGIN)

    def _in_another_name(self, others: Sequence[str], words=()) -> bool:
        """The rest of the name holds a name word (not an ordinary one) that
        ``words``, an entry's, does not explain."""
        return any(other not in words and (word_zipf(other) < ORDINARY_WORD_ZIPF or self.words.is_name_part(other))
                   for other in others)

    # -- the gazetteer entry -----------------------------------------------------

    def _entry_features(self, entry: Entry, target: str, others: Sequence[str]) -> dict[str, float]:
        """What the gazetteer entry behind the suggestion says: its kind, how
        prominent, whether the rest of the name fits it (what the paragraph
        says of it is for in_context)."""
        same_name = self._same_name(entry, others)
        return {"has_entry": 1.0,
                "person": float(entry.type == "person"),
                "place": float(entry.type in GEOGRAPHIC_TYPES),
                "country": float(entry.type == "country"),
                "prominence": self.words.prominence(entry),
                "log_population": math.log10(1 + entry.population),
                "names_whole": float(entry.type == "person" or compact(target) == compact(entry.canonical)),
                "kind_clash": float(self._kind_clashes(entry, others)),
                "rest_matches_rare": float(same_name == "rare"),
                "rest_matches_common": float(same_name == "common"),
                "rest_near_miss": float(same_name == "near"),
                "rest_is_other_entry": float(same_name == "other")}

    def _same_name(self, entry: Entry, others: Sequence[str]) -> Optional[str]:
        """Does the rest of the name (here or elsewhere in the article) name
        this entry too? "rare": exactly, by a surname or a rare given name,
        which identifies the entry; "common": by a given name dozens of
        people in the gazetteer share ("Mohammad", "Jim"); "near": by a near
        miss of one of its words; "other": the rest is someone else's name."""
        words = self.words.entry_words(entry)
        exact = [other for other in others if other in words]
        if exact:
            return "rare" if any(self.words.identifies_by_given_name(o) for o in exact) else "common"
        unknown = [other for other in others if not self.words.is_known_word(other)]
        if any(spelling_similarity(other, w) >= MIN_SIMILARITY for other in unknown for w in words):
            return "near"
        return "other" if others and len(words) > 1 else None

    def _kind_clashes(self, entry: Entry, others: Sequence[str]) -> bool:
        """A place offered for a word the article writes as part of another
        name ("Halyna Osadcha" -> not Osaka, "Alexander Bogomaz" -> not
        Bogotá); ordinary words do not count ("Lake Lcerne" may be Lucerne)."""
        return entry.type in GEOGRAPHIC_TYPES and self._in_another_name(others, self.words.entry_words(entry))

    def _place_written_whole(self, entry: Entry, token: NameToken, target: str, context: ParagraphContext) -> bool:
        """A place whose name's other words, too common to join a name run
        ("El", "Lake", "Beach"), stand beside the damaged word as they stand
        beside ``target``: "siege of El Fashea" -> El Fasher."""
        if entry.type not in GEOGRAPHIC_TYPES:
            return False
        words = self.words.canonical_words(entry)
        k = next((k for k, word in enumerate(words) if compact(word) == compact(target)), None)
        return len(words) > 1 and k is not None and context.is_written_around(token, words[:k], words[k + 1:])

    def _description_words_shared(self, entry: Entry, context: ParagraphContext) -> int:
        """What the paragraph shares with the entry's description; a proper
        name ("CNN", "NATO", "Latvia") says more than a common word
        ("security"), and counts twice."""
        telling, telling_proper = self.words.telling_description_words(entry)
        proper = telling_proper & context.proper_words
        return len(telling & context.words | proper) + len(proper)


def corroboration_features(features: Mapping[str, float]) -> dict[str, float]:
    """How much else argues for the repair, and that amount against how far
    the spellings are apart: a name the rest of the run and the paragraph
    identify ("CNN's Jim Sait" -> Sciutto) may be damaged beyond its spelling."""
    amount = (sum(features[name] > 0 for name in IDENTIFYING)
              + 0.5 * sum(features[name] > 0 for name in SUPPORTING))
    return {"corroboration": amount, "corroboration_x_edits": amount * features["edits_per_letter"]}


def _is_english_word_of(token: NameToken, name_key: str, context: ParagraphContext) -> bool:
    """An English word made from the name ("Nixonian"), or its family
    plural after "the" ("the Bidens")."""
    ending = english_ending(token.key, name_key)
    return ending is not None and (ending not in PLURAL_ENDINGS or context.is_written_around(token, ["the"], []))
