"""One gazetteer entry: a person, place, region, country or organisation.

An entry is an immutable value. ``canonical`` is the form news style uses
("Volodymyr Zelensky", "Kyiv"); ``aliases`` are other spellings that are just
as acceptable (Zelenskyy, Zelenskiy, the ASCII-folded "Andris Spruds");
``deprecated`` are spellings that identify the entry but should be reported
(Kiev -> Kyiv). A surname alone is never an alias: "Zelensky" is a mention of
the person, which the name matcher resolves through ``surname``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterator

from mtcheck.gazetteer.normalise import fold_ascii, normalise

# person: a human being; place: a city or town; region: a state, province,
# oblast, continent or named area (Crimea, Donbas); country: a sovereign
# state or territory with an ISO code; org: an organisation; other: a name
# from a user list whose kind is not known.
ENTRY_TYPES = ("person", "place", "region", "country", "org", "other")
GEOGRAPHIC_TYPES = frozenset({"place", "region", "country"})


@dataclass(frozen=True)
class Entry:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    description: str = ""
    # Comma-separated keys of the sources that contributed ("curated,cia_world_leaders_2019").
    source: str = ""
    # Persons only: the parts of the canonical name, so that "Zelensky" or
    # "Voldimi Zelensky" can be matched part by part. Either may be empty
    # (mononyms, patronymic names).
    given: str = ""
    surname: str = ""
    # ISO 3166 alpha-2 code when known (places, regions, countries; persons
    # when a source says which country they serve).
    country: str = ""
    # Places: population from GeoNames, a tie-breaker between same-name places.
    population: int = 0
    # Stable ids from the sources ("wikidata:Q3874799", "geonames:703448", "iso:UA").
    refs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.canonical.strip():
            raise ValueError("an entry needs a canonical name")
        if self.type not in ENTRY_TYPES:
            raise ValueError(f"unknown entry type {self.type!r} (expected one of {', '.join(ENTRY_TYPES)})")

    def names(self) -> Iterator[str]:
        """The canonical form, then every accepted alias (not deprecated forms)."""
        yield self.canonical
        yield from self.aliases

    @property
    def ascii_canonical(self) -> str:
        return fold_ascii(self.canonical)

    def accepts(self, name: str) -> bool:
        """True when ``name`` is the canonical form or an alias, up to normalisation."""
        key = normalise(name)
        return any(normalise(form) == key for form in self.names())

    def to_json(self) -> dict[str, Any]:
        """A compact dict: empty fields are left out, order is fixed."""
        data: dict[str, Any] = {"canonical": self.canonical, "type": self.type}
        for field_name in ("aliases", "deprecated", "description", "source", "given",
                           "surname", "country", "population", "refs"):
            value = getattr(self, field_name)
            if value:
                data[field_name] = list(value) if isinstance(value, tuple) else value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Entry":
        return cls(
            canonical=data["canonical"],
            type=data["type"],
            aliases=tuple(data.get("aliases", ())),
            deprecated=tuple(data.get("deprecated", ())),
            description=data.get("description", ""),
            source=data.get("source", ""),
            given=data.get("given", ""),
            surname=data.get("surname", ""),
            country=data.get("country", ""),
            population=int(data.get("population", 0)),
            refs=tuple(data.get("refs", ())),
        )


def with_derived_forms(entry: Entry) -> Entry:
    """``entry`` completed the same way for every source, bundled or user-supplied.

    - persons get ``given``/``surname`` from the canonical form when not set;
    - persons get aliases with the other romanisations of a Slavic surname
      ending ("Volodymyr Zelensky" -> "... Zelenskyy", "... Zelenskiy");
    - every entry accepts the ASCII-folded spelling of its forms ("Andris Spruds");
    - aliases that repeat the canonical form or a deprecated form are dropped.
    """
    # Imported here: person.py is a helper of this module's callers, not of Entry.
    from mtcheck.gazetteer.person import split_name, surname_variants

    given, surname = entry.given, entry.surname
    aliases = list(entry.aliases)
    if entry.type == "person":
        if not given and not surname:
            given, surname = split_name(entry.canonical)
        for form in (entry.canonical, *entry.aliases):
            form_given, form_surname = split_name(form)
            for variant in surname_variants(form_surname):
                aliases.append(f"{form_given} {variant}".strip())
    aliases.extend(fold_ascii(form) for form in (entry.canonical, *aliases))
    return replace(entry, given=given, surname=surname, aliases=_clean_aliases(entry, aliases))


def _clean_aliases(entry: Entry, aliases: list[str]) -> tuple[str, ...]:
    # The ASCII spelling of the canonical form is always listed, even though
    # lookups ignore diacritics anyway: users and the matcher see it as accepted.
    ascii_canonical = fold_ascii(entry.canonical)
    blocked = {normalise(entry.canonical)} | {normalise(form) for form in entry.deprecated}
    kept: list[str] = []
    for alias in aliases:
        alias = " ".join(alias.split())
        key = normalise(alias)
        if not key or alias == entry.canonical or alias in kept:
            continue
        if key in blocked and alias != ascii_canonical:
            continue
        blocked.add(key)
        kept.append(alias)
    return tuple(kept)
