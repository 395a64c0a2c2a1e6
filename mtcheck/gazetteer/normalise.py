"""How names are compared: one normal form for lookups, ASCII folding, keys.

Machine translation and transliteration change a name's surface in ways that
do not change which name it is: case, diacritics (Sprūds / Spruds), the
apostrophe character (O'Brien / O’Brien / OBrien), hyphens (Ki-moon / Ki moon),
dots in initials (J.D. / JD) and spacing. ``normalise`` erases exactly those
differences and nothing else, so an exact lookup stays precise; everything
fuzzier (phonetic keys, near spellings) is a separate, explicit step.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from doublemetaphone import doublemetaphone

# Letters that Unicode does not decompose into base letter + mark, spelled the
# way English news spells them.
_SPECIAL_LETTERS = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ı": "i", "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T",
    "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th",
    "ʻ": "'", "ʼ": "'", "ʽ": "'", "‘": "'", "’": "'", "`": "'", "´": "'", "ʹ": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
})
# Apostrophes vanish (O'Brien = OBrien, Kurs'k = Kursk) and so do dots
# (J.D. = JD); every other non-alphanumeric run becomes one space.
_DROPPED = re.compile(r"['.]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_NORMAL_TOKEN = re.compile(r"[0-9a-z]+")
# A word of a name as written: starts with a letter; letters, apostrophes and hyphens inside.
NAME_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")

# Generational suffixes are not part of the name a reader recognises.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Titles written before a name that are no part of it: "Sir Alec Guinness" and
# "President Abraham Lincoln" have the given name Alec and Abraham. (Not
# "Pope", "King", "Lady" or "Sheikh": "Pope Francis", "Lady Bird Johnson"
# and "Sheikh Hasina" are named so.)
HONORIFICS = frozenset({
    "sir", "dame", "lord", "president", "judge", "dr", "mr", "mrs", "ms", "general", "admiral", "captain",
    "colonel", "marshal", "cardinal", "archbishop", "bishop", "senator", "governor", "chancellor",
})
# Lower-case particles that belong to a surname (von der Leyen, bin Salman).
SURNAME_PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "bint", "binti", "ben", "da", "das", "de", "del",
    "della", "der", "di", "dos", "du", "la", "le", "van", "von", "zu", "ter", "ten",
})


@lru_cache(maxsize=65536)
def fold_ascii(text: str) -> str:
    """``text`` without diacritics, case kept: "Andris Sprūds" -> "Andris Spruds"."""
    if text.isascii():
        return text  # most names: skip the Unicode work
    text = text.translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=262144)
def normalise(name: str) -> str:
    """The lookup form of a name: folded, lower case, punctuation-free.

    >>> normalise("  Andris  Sprūds ")
    'andris spruds'
    >>> normalise("Ban Ki‑moon") == normalise("ban ki moon")
    True
    >>> normalise("J.D. Vance") == normalise("JD Vance")
    True
    """
    folded = fold_ascii(name).lower()
    folded = _DROPPED.sub("", folded)
    return _SEPARATORS.sub(" ", folded).strip()


@lru_cache(maxsize=262144)
def compact(word: str) -> str:
    """The comparison form of one word: normalised, spaces dropped ("Bi-khim" -> "bikhim")."""
    return normalise(word).replace(" ", "")


def tokens(name: str) -> list[str]:
    """The normalised tokens of a name ("Nick Paton-Walsh" -> nick, paton, walsh)."""
    return normalise(name).split()


def is_latin_script(text: str) -> bool:
    """True when every letter is Latin (diacritics allowed) and there is one.

    Used to keep Cyrillic, Arabic, CJK... spellings out of an English gazetteer.
    """
    has_letter = False
    for ch in text:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
            has_letter = True
    return has_letter


@lru_cache(maxsize=65536)
def phonetic_keys(token: str) -> tuple[str, ...]:
    """Double Metaphone keys of one token (one or two, never empty strings).

    Transliteration variants usually share a key: Zelensky / Zelenskyy /
    Zelenskiy -> SLNSK.
    """
    folded = token if _NORMAL_TOKEN.fullmatch(token) else normalise(token).replace(" ", "")
    if not folded or not _LATIN_LETTER.search(folded):
        return ()
    primary, secondary = doublemetaphone(folded)
    keys = [key for key in (primary, secondary) if key]
    return tuple(dict.fromkeys(keys))


def trigrams(token: str) -> set[str]:
    """Character trigrams of a normalised token, padded by one space so ends count.

    (Not two: a "  s" trigram would match every token starting with s.)
    """
    padded = f" {token} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


# Words of a description that say nothing about who or what it is.
_DESCRIPTION_STOPWORDS = frozenset("the of and for in at on a an to from former current".split())
_DESCRIPTION_WORD = re.compile(r"[A-Za-z]{3,}")


def content_words(text: str, proper_only: bool = False) -> frozenset[str]:
    """Stemmed content words of a description or paragraph ("Latvia's defence
    minister" -> latvi, defen, minis); ``proper_only`` keeps capitalised ones.
    The stem is a five-letter prefix so Latvia/Latvian and defence/defense meet."""
    return frozenset(word.lower()[:5] for word in _DESCRIPTION_WORD.findall(fold_ascii(text))
                     if word.lower() not in _DESCRIPTION_STOPWORDS and (word[0].isupper() or not proper_only))

