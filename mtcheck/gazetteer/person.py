"""The structure of personal names: given name, surname, spelling variants.

News mentions a person by full name once and by surname afterwards, and
transliteration varies mostly at a surname's end (Zelensky / Zelenskyy /
Zelenskiy, Syrskyi / Syrsky). These helpers are deliberately simple and
documented; the curated file sets given and surname explicitly wherever the
heuristics would be wrong (Xi Jinping, Lula).
"""

from __future__ import annotations

import re

from mtcheck.gazetteer.normalise import HONORIFICS, NAME_SUFFIXES, SURNAME_PARTICLES, normalise

# Particles that stay part of the surname even when capitalised (Bart De Wever).
_CAPITALISED_PARTICLES = frozenset({"de", "van", "von", "da", "di", "del", "della", "du", "dos", "ter", "ten"})

# Slavic "-ий/-ій" endings, romanised several ways. Two-letter endings are
# unambiguous; a bare final "y" only after -sk/-ck/-zk (Zelensky, not Kennedy).
_TWO_LETTER_ENDING = re.compile(r"^(?P<stem>.*[bcdfghjklmnpqrstvwxz])(?P<end>yy|yi|iy|ii|ij)$", re.IGNORECASE)
_SKY_ENDING = re.compile(r"^(?P<stem>.*(?:sk|ck|zk))(?P<end>y)$", re.IGNORECASE)
_SLAVIC_ENDINGS = ("y", "yy", "yi", "iy", "ii")


def _is_suffix(token: str) -> bool:
    return normalise(token) in NAME_SUFFIXES


def is_honorific(token: str) -> bool:
    """A title before a name, no part of it ("Sir", "President")."""
    return normalise(token) in HONORIFICS


def _is_surname_particle(token: str) -> bool:
    key = normalise(token)
    if token[:1].islower():
        return key in SURNAME_PARTICLES
    return key in _CAPITALISED_PARTICLES


def split_name(full_name: str) -> tuple[str, str]:
    """(given, surname) of a Western-order name; titles like "Sir" and suffixes like "Jr." dropped.

    >>> split_name("Ursula von der Leyen")
    ('Ursula', 'von der Leyen')
    >>> split_name("Joseph R. Biden Jr.")
    ('Joseph R.', 'Biden')
    >>> split_name("Sir Keir Starmer")
    ('Keir', 'Starmer')
    >>> split_name("Prabowo")
    ('', 'Prabowo')
    """
    parts = full_name.replace(",", " ").split()
    while len(parts) > 1 and is_honorific(parts[0]):
        parts.pop(0)
    while len(parts) > 1 and _is_suffix(parts[-1]):
        parts.pop()
    if not parts:
        return "", ""
    start = len(parts) - 1
    # Never take the first token: "Al Gore" and "Ben Hodges" keep their given name.
    while start > 1 and _is_surname_particle(parts[start - 1]):
        start -= 1
    return " ".join(parts[:start]), " ".join(parts[start:])


def surname_variants(surname: str) -> list[str]:
    """Other romanisations of a Slavic surname ending, without ``surname`` itself.

    >>> surname_variants("Zelensky")
    ['Zelenskyy', 'Zelenskyi', 'Zelenskiy', 'Zelenskii']
    >>> surname_variants("Kennedy")
    []
    """
    match = _TWO_LETTER_ENDING.match(surname) or _SKY_ENDING.match(surname)
    if not match:
        return []
    stem = match.group("stem")
    upper = match.group("end").isupper()
    variants = [stem + (ending.upper() if upper else ending) for ending in _SLAVIC_ENDINGS]
    return [variant for variant in variants if variant != surname]


def surname_keys(surname: str) -> list[str]:
    """Normalised keys a surname is found by: the whole, and its last part.

    "von der Leyen" -> ["von der leyen", "leyen"]; "Paton Walsh" -> ["paton walsh", "walsh"].
    Hyphenated surnames are found by each half too ("Kosiniak-Kamysz").
    """
    whole = normalise(surname)
    if not whole:
        return []
    keys = [whole]
    words = [word for word in whole.split() if word not in SURNAME_PARTICLES]
    if words and words[-1] != whole:
        keys.append(words[-1])
    if "-" in surname:
        keys.extend(normalise(part) for part in surname.split("-") if normalise(part) not in SURNAME_PARTICLES)
    return list(dict.fromkeys(key for key in keys if key))
