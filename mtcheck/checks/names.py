"""Names: find corrupted names and suggest the canonical spelling.

Machine translation, above all a round trip through another script, damages
names: "Voldimi Zelensky", "James Stabridisdad" (Stavridis, spelled right two
sentences later), "CNN's Jim Sait" (Sciutto). For each name-like run of
capitalised words the check decides:

- known: the name, or its surname with a matching given name, is in the
  gazetteer under an accepted spelling -> nothing, or MT202 (info) for a
  deprecated form (Kiev -> Kyiv);
- corrupted: one part is exact and the other is a near miss of the same
  gazetteer entry ("Voldimi" for Volodymyr beside "Zelensky"), or the token is
  a near miss of a name spelled differently elsewhere in the same article
  -> MT201 on the damaged token, ``suggestions[0]`` its replacement;
- unknown: left alone. Most names in news are in no list; evidence must be
  strong (spelling, sound, the surrounding words, the article itself) or the
  check abstains.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Iterable, Optional, Sequence

from rapidfuzz.distance import JaroWinkler
from rapidfuzz.fuzz import ratio

from mtcheck.document import Document, Paragraph
from mtcheck.findings import Finding
from mtcheck.gazetteer import Entry, Gazetteer, fold_ascii, normalise, phonetic_keys

# A word starting with a capital (letters, apostrophes, hyphens inside).
NAME_TOKEN_RE = re.compile(r"[^\W\d_][\w'’\-]*")
POSSESSIVE_RE = re.compile(r"['’]s$")
# Confidence at or above which a corrupted name is an error, not a warning.
ERROR_CONFIDENCE = 0.8
MIN_CONFIDENCE = 0.6
MIN_TOKEN_LENGTH = 3
# Below this spelling similarity a part must at least sound alike.
MIN_PART_SIMILARITY = 0.72
# A token this close to a better-attested spelling in the same article.
MIN_IN_ARTICLE_SIMILARITY = 0.8
# Repairing a given name beside an exact surname: surnames are distinctive,
# so the exact one is good evidence (first names are shared by thousands).
EXACT_SURNAME_BONUS = 0.1
# A damaged-looking part that is itself a known name is more likely someone else.
KNOWN_PART_PENALTY = 0.15
# Words of an entry's description that say little about who it is.
DESCRIPTION_STOPWORDS = frozenset("the of and for in at on a an to former current".split())


@dataclass(frozen=True)
class NameToken:
    start: int  # offset in the document text
    end: int
    text: str

    @property
    def key(self) -> str:
        return normalise(self.text)


@dataclass(frozen=True)
class Suggestion:
    token: NameToken
    replacement: str
    confidence: float
    reason: str


class NameCheck:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    @cached_property
    def _common_description_words(self) -> frozenset[str]:
        """Description words too common to identify anyone ("minister",
        "Ukraine", "deputy"): in more than 0.5% of the entries."""
        counts = Counter(w for entry in self.gazetteer.entries_of_type("person")
                         for w in description_words(entry))
        limit = max(5, len(self.gazetteer.entries) // 200)
        return frozenset(w for w, n in counts.items() if n > limit)

    def check(self, document: Document) -> list[Finding]:
        paragraphs = [p for p in document.paragraphs if p.skipped in (None, "too-short")]
        is_given = lambda word: self.gazetteer.is_known_token(word, "given")  # noqa: E731
        runs = [(p, run) for p in paragraphs for run in name_runs(document, p, is_given)]
        spellings = Counter(t.key for _, run in runs for t in run)
        findings: list[Finding] = []
        for paragraph, run in runs:
            context = context_words(document.paragraph_text(paragraph))
            findings += self._check_run(document, paragraph, run, context, spellings)
        return findings

    def _check_run(self, document, paragraph, run, context, spellings) -> list[Finding]:
        name = " ".join(t.text for t in run)
        deprecated = self.gazetteer.is_deprecated(name)
        if deprecated:
            return [_deprecated_finding(document, paragraph, run, deprecated[0])]
        if self.gazetteer.exact(name):
            return []
        suggestion = (self._person_part_suggestion(run, context)
                      or self._in_article_suggestion(run, spellings, context))
        if suggestion and normalise(suggestion.replacement) in spellings and "elsewhere" not in suggestion.reason:
            # The gazetteer's spelling is also the article's own elsewhere.
            suggestion = replace(suggestion, confidence=min(0.99, suggestion.confidence + 0.1),
                                 reason=f"{suggestion.reason}; {suggestion.replacement} appears elsewhere in the article")
        if suggestion is None or suggestion.confidence < MIN_CONFIDENCE:
            return []
        return [_corrupted_finding(document, paragraph, suggestion)]

    # -- gazetteer: one part right, the other a near miss --------------------

    def _person_part_suggestion(self, run: Sequence[NameToken], context: set[str]) -> Optional[Suggestion]:
        if len(run) < 2:
            return None
        given, surname = run[-2], run[-1]
        candidates = []
        # The surname is right: is the given name a damaged form of this person's?
        if not self.gazetteer.is_known_token(given.text, "given"):
            for entry in self.gazetteer.by_surname(surname.text):
                if entry.given:
                    candidates.append(self._score(given, first_word(entry.given), entry, context, "given"))
        # The given name is right: is the surname a damaged form?
        if not self.gazetteer.exact(f"{given.text} {surname.text}"):
            for entry in self.gazetteer.by_given(given.text):
                if entry.surname and normalise(entry.surname) != surname.key:
                    candidates.append(self._score(surname, entry.surname, entry, context, "surname"))
        return max(candidates, key=lambda s: s.confidence, default=None)

    def _score(self, token: NameToken, target: str, entry: Entry, context: set[str], part: str) -> Suggestion:
        similarity = spelling_similarity(token.text, target)
        sounds_alike = bool(set(phonetic_keys(token.text)) & set(phonetic_keys(target)))
        shared = context & description_words(entry) - self._common_description_words
        confidence = 0.75 * similarity + 0.15 * sounds_alike + 0.1 * min(len(shared), 2)
        if similarity < MIN_PART_SIMILARITY and not sounds_alike:
            confidence = 0.0  # spelled and sounding unlike: another person
        if self.gazetteer.is_known_token(token.text, part):
            confidence -= KNOWN_PART_PENALTY  # a real name of its own, e.g. another minister
        if part == "given":
            confidence += EXACT_SURNAME_BONUS
        why = f"gazetteer: {entry.canonical}" + (f", {entry.description}" if entry.description else "")
        if shared:
            why += "; the paragraph's words match that description"
        return Suggestion(token, target, confidence, why)

    # -- the article itself: a near miss of a name spelled right elsewhere ---

    def _in_article_suggestion(self, run, spellings: Counter, context) -> Optional[Suggestion]:
        candidates = (self._in_article_for_token(token, spellings) for token in run)
        return max(filter(None, candidates), key=lambda s: s.confidence, default=None)

    def _in_article_for_token(self, token: NameToken, spellings: Counter) -> Optional[Suggestion]:
        if self.gazetteer.is_known_token(token.text) or len(token.text) < 4:
            return None
        best = None
        for other, count in spellings.items():
            if other == token.key or len(other) < 4 or is_inflection(other, token.key):
                continue
            similarity = spelling_similarity(token.key, other)
            if similarity < MIN_IN_ARTICLE_SIMILARITY:
                continue
            # The other spelling must be the better attested one.
            if not (self.gazetteer.is_known_token(other) or count > spellings[token.key]):
                continue
            confidence = 0.7 * similarity + 0.3 * self.gazetteer.is_known_token(other, "surname")
            if best is None or confidence > best.confidence:
                written = self._spelling_of(other, token)
                best = Suggestion(token, written, confidence, f"{written} appears elsewhere in the article")
        return best

    def _spelling_of(self, key: str, like: NameToken) -> str:
        """The written form of a normalised token: from the gazetteer if known."""
        for entry in self.gazetteer.by_surname(key):
            if normalise(entry.surname) == key:
                return entry.surname
        return key[:1].upper() + key[1:] if like.text[:1].isupper() else key


def spelling_similarity(a: str, b: str) -> float:
    """Jaro-Winkler and edit similarity of the folded forms, averaged: JW
    rewards a shared start (transliteration keeps it), the edit ratio
    punishes added syllables."""
    a, b = fold_ascii(a).lower(), fold_ascii(b).lower()
    return (JaroWinkler.similarity(a, b) + ratio(a, b) / 100) / 2


def is_inflection(a: str, b: str) -> bool:
    """Tomahawk/Tomahawks, Russia/Russian: one spelling grows out of the other."""
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter) and len(longer) - len(shorter) <= 3


def first_word(text: str) -> str:
    return text.split()[0] if text.split() else text


def name_runs(document: Document, paragraph: Paragraph,
              is_given_name=lambda word: False) -> Iterable[list[NameToken]]:
    """Runs of capitalised words separated by single spaces, without the
    ordinary capitalised words that open them (titles, sentence starts);
    a common word that is also a given name ("Jim", "James") is kept."""
    from wordfreq import zipf_frequency

    text = document.paragraph_text(paragraph)
    run: list[NameToken] = []
    for match in NAME_TOKEN_RE.finditer(text):
        word = match.group()
        stripped = POSSESSIVE_RE.sub("", word)
        is_name_like = word[:1].isupper() and len(stripped) >= MIN_TOKEN_LENGTH and not stripped.isupper()
        joined = run and text[run[-1].end - paragraph.start : match.start()] == " "
        if run and (not is_name_like or not joined):
            yield run
            run = []
        if not is_name_like:
            continue
        if not run and zipf_frequency(stripped.lower(), "en") >= 3.5 and not is_given_name(stripped):
            continue  # "Retired", "President", "The": an opener, not a name
        start = paragraph.start + match.start()
        run.append(NameToken(start, start + len(stripped), stripped))
        if stripped != word:  # "CNN's Jim": a possessive ends the run
            yield run
            run = []
    if run:
        yield run


def context_words(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[A-Za-z]{3,}", fold_ascii(text))}


def description_words(entry: Entry) -> set[str]:
    words = re.findall(r"[A-Za-z]{3,}", fold_ascii(entry.description))
    return {stem(w) for w in words if w.lower() not in DESCRIPTION_STOPWORDS}


def stem(word: str) -> str:
    """A crude stem so Latvia/Latvian and defence/defense meet."""
    return word.lower()[:5]


def _corrupted_finding(document: Document, paragraph: Paragraph, suggestion: Suggestion) -> Finding:
    token = suggestion.token
    severity = "error" if suggestion.confidence >= ERROR_CONFIDENCE else "warning"
    return Finding(
        code="MT201", category="name", severity=severity, paragraph=paragraph.index,
        start=token.start, end=token.end, text=document.text[token.start:token.end],
        message=f"name looks corrupted: '{token.text}' is probably '{suggestion.replacement}' ({suggestion.reason})",
        suggestions=(suggestion.replacement,), confidence=round(min(suggestion.confidence, 0.99), 3),
    )


def _deprecated_finding(document: Document, paragraph: Paragraph, run, entry: Entry) -> Finding:
    start, end = run[0].start, run[-1].end
    return Finding(
        code="MT202", category="name", severity="info", paragraph=paragraph.index,
        start=start, end=end, text=document.text[start:end],
        message=f"'{document.text[start:end]}' is an older spelling: news style now uses '{entry.canonical}'",
        suggestions=(entry.canonical,), confidence=0.9,
    )


def learn_names(documents: Iterable[Document]) -> list[Entry]:
    """Names from trusted articles, as gazetteer entries (type "other").

    Every run of capitalised words of two or more words that appears in the
    archive is taken as an accepted name; persons get given/surname parts so
    surname mentions resolve.
    """
    seen: dict[str, Entry] = {}
    for document in documents:
        for paragraph in document.paragraphs:
            for run in name_runs(document, paragraph):  # archive names: no opener rescue needed
                if len(run) < 2:
                    continue
                name = " ".join(t.text for t in run)
                key = normalise(name)
                if key not in seen and len(key) >= 5:
                    seen[key] = Entry(canonical=name, type="person", source=f"archive:{document.path}",
                                      given=" ".join(t.text for t in run[:-1]), surname=run[-1].text)
    return list(seen.values())
