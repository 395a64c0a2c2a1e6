"""How alike two spellings of a name are."""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein, Prefix
from rapidfuzz.fuzz import ratio

from mtcheck.gazetteer import fold_ascii, phonetic_keys


# Below this spelling similarity two spellings must at least sound alike;
# below the floor, not even that makes one a damaged form of the other.
MIN_SIMILARITY = 0.68
SIMILARITY_FLOOR = 0.55


@lru_cache(maxsize=262144)
def is_plausible_repair(damaged: str, target: str) -> bool:
    """Could ``damaged`` be ``target`` after MT or transliteration damage?
    Alike in spelling (or sound) and the same start. (Whether it is merely the
    other gender's form of a surname depends on what ``target`` names: see
    is_gender_form.)"""
    # The start first: it is the cheaper test, and most pairs of an
    # article's names already differ there.
    if damaged == target or not same_start(damaged, target):
        return False
    similarity = spelling_similarity(damaged, target)
    if similarity < SIMILARITY_FLOOR:
        return False
    return similarity >= MIN_SIMILARITY or sounds_alike(damaged, target)


@lru_cache(maxsize=262144)
def spelling_similarity(a: str, b: str) -> float:
    """Jaro-Winkler and edit similarity of the folded forms, averaged: JW
    rewards a shared start (transliteration keeps it), the edit ratio
    punishes added syllables."""
    a, b = fold_ascii(a).lower(), fold_ascii(b).lower()
    return (JaroWinkler.similarity(a, b) + ratio(a, b) / 100) / 2


@lru_cache(maxsize=65536)
def edit_features(damaged: str, target: str) -> Mapping[str, float]:
    """How ``damaged`` differs from ``target``, as the decision model reads
    it: how alike, how far, and the shape of the edit MT damage tends to
    make (an ending added or changed, letters swapped, vowels changed).
    Cached (read-only): a spelling is offered with each of its entries."""
    a, b = fold_ascii(damaged).lower(), fold_ascii(target).lower()
    distance = Levenshtein.distance(a, b)
    features = {"similarity": spelling_similarity(damaged, target),
                "sounds_alike": float(sounds_alike(damaged, target)),
                "length": float(len(a)),
                "length_change": float(len(a) - len(b)),
                "edit_distance": float(distance),
                "edits_per_letter": distance / max(len(b), 1),
                "ending_added": float(a.startswith(b)),
                "foreign_ending": float(has_foreign_ending(a, b)),
                "shared_start": Prefix.similarity(a, b) / max(len(b), 1),
                "same_last_letter": float(a[-1:] == b[-1:]),
                "transposed": float(OSA.distance(a, b) < distance),
                "same_consonants": float(_consonants(a) == _consonants(b))}
    return MappingProxyType(features)


def _consonants(word: str) -> str:
    return "".join(c for c in word if c not in "aeiouy")


def sounds_alike(a: str, b: str) -> bool:
    """A shared Double Metaphone key: Sait / Sciutto, Zelenskiy / Zelensky."""
    return bool(set(phonetic_keys(a)) & set(phonetic_keys(b)))


def is_inflection(a: str, b: str) -> bool:
    """Tomahawk/Tomahawks, Russia/Russian: one spelling grows out of the other."""
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter) and len(longer) - len(shorter) <= 3


# Endings MT leaves on a name when it carries another language's case or
# transliteration into English ("Berlinu", "Sanchezin", "Stadiae"): English
# itself never adds them to a name.
FOREIGN_ENDINGS = ("in", "is", "us", "ov", "ez", "u", "ae")


def has_foreign_ending(word: str, name: str) -> bool:
    """``word`` is ``name`` (four letters or more) with a foreign ending added.
    (Not a doubled last letter: "Zelenskyy" is an official spelling.)"""
    return len(name) >= 4 and word.startswith(name) and word[len(name):] in FOREIGN_ENDINGS


# Masculine and feminine forms of Slavic and Baltic surnames: Navalny /
# Navalnaya, Ivanov / Ivanova, Zelensky / Zelenska, Siliņš / Siliņa.
# Different people, both spelled right.
_GENDER_PAIRS = (("y", "aya"), ("iy", "aya"), ("yi", "a"), ("sky", "ska"), ("ski", "ska"), ("sky", "skaya"),
                 ("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("as", "iene"), ("is", "iene"), ("s", "a"))


def is_gender_form(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the two gendered forms of one surname."""
    if a[:3] != b[:3]:
        return False  # the stems (three letters at least) differ
    for masculine, feminine in _GENDER_PAIRS:
        for x, y in ((a, b), (b, a)):
            if (x.endswith(masculine) and y.endswith(feminine)
                    and x[: -len(masculine)] == y[: -len(feminine)] and len(x) - len(masculine) >= 3):
                return True
    return False


def same_start(a: str, b: str) -> bool:
    """The same first letter, or first sound (Cairo/Kairo, Yevgeny/Evgeny).
    Transliteration and MT damage rarely touch a name's start; record
    linkage blocks on it for the same reason."""
    return a[:1] == b[:1] or not _first_sounds(a).isdisjoint(_first_sounds(b))


def start_signature(word: str) -> tuple[str, frozenset[str]]:
    """All that ``same_start`` reads of a word: its first letter and first sounds."""
    return word[:1], _first_sounds(word)


@lru_cache(maxsize=262144)
def _first_sounds(word: str) -> frozenset[str]:
    return frozenset(key[:1] for key in phonetic_keys(word))


# Endings of English words made from a place or people's name.
_DERIVING_SUFFIXES = ("ians", "ian", "eans", "ean", "ans", "an", "ese", "ish", "ites", "ite", "is", "i", "ic",
                      "s", "n")


def is_derived_word(word: str, name: str) -> bool:
    """``word`` is an English word made from ``name`` (Russians, Bavarian,
    Emiratis, Ecuadorean) or ``name`` adds a country ending to it (Slovak /
    Slovakia). Only meaningful for words English actually uses."""
    if name.startswith(word) and name[len(word):] in ("ia", "a", "land", "stan"):
        return True
    return _is_stem_with_ending(word, name, _DERIVING_SUFFIXES)


# English endings that make a word of anyone's name: Never Trumpers, a
# Delhiite, Nixonian, Thatcherism, Obamaesque; and the family plural, "the
# Bidens" (English only writes it after "the": a bare "Nawrockis said" is
# damage). MT rewrites a name's ending into another language's ("Berlinu",
# "Sanchezin"), not into these.
_ENGLISH_NAME_ENDINGS = ("s", "es", "ers", "ite", "ites", "ian", "ians", "ism", "ist", "ists", "esque")
PLURAL_ENDINGS = ("s", "es")


def english_ending(word: str, name: str) -> str | None:
    """The English ending ``word`` adds to ``name`` (four letters or more), if it is one."""
    ending = word[len(name):]
    return ending if len(name) >= 4 and word.startswith(name) and ending in _ENGLISH_NAME_ENDINGS else None


# Endings that make an adjective of a place's name: the article's "Bavarian"
# speaks of Bavaria, so it is no repair for a damaged "Bavaris".
_ADJECTIVE_SUFFIXES = ("ians", "ian", "eans", "ean", "ese", "ish")


def is_adjective_of_stem(word: str, name: str) -> bool:
    """``word`` is ``name``'s stem with an adjective ending: Bavarian / Bavaris."""
    return _is_stem_with_ending(word, name, _ADJECTIVE_SUFFIXES)


def _is_stem_with_ending(word: str, name: str, endings: tuple[str, ...]) -> bool:
    """``word`` is one of ``endings`` on a stem of four letters or more that ``name`` starts with."""
    return any(word.endswith(ending) and len(word) - len(ending) >= 4 and name.startswith(word[: -len(ending)])
               for ending in endings)
