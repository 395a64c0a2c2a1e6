"""The gazetteer: its data tested as data, its lookups, user files and the build.

The bundled file is the real one (mtcheck/data/gazetteer.jsonl.gz); the first
load in a fresh cache builds the index (a few seconds), later loads read the
pickle. The build test runs tools/build_gazetteer.py on a small subset of the
sources, twice, with different hash seeds, and compares the bytes.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.gazetteer import ENTRY_TYPES, Entry, GazetteerError, load_gazetteer, normalise, prominence_weight
from mtcheck.gazetteer.entry import with_derived_forms
from mtcheck.gazetteer.normalise import fold_ascii, phonetic_keys
from mtcheck.gazetteer.person import split_name, surname_variants
from mtcheck.gazetteer import store
from mtcheck.gazetteer.store import BUNDLED_PATH, clear_memo, merge_user_entries, read_user_file
from mtcheck.gazetteer.words import NameWords

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "gazetteer-sources"
CURATED = ROOT / "mtcheck" / "data" / "curated_names.tsv"
BUILD_SCRIPT = ROOT / "tools" / "build_gazetteer.py"
sys.path.insert(0, str(ROOT / "tools"))


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """A cache directory of the test's own, and no gazetteer memoised in this process."""
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    clear_memo()
    yield tmp_path / "cache"
    clear_memo()


def canonical_entries(gazetteer, name: str, kind: str = "person") -> list[Entry]:
    return [e for e, k in gazetteer.forms(name) if k == "canonical" and e.type == kind]


# -- the bundled data, tested as data ----------------------------------------------

def test_bundled_file_is_reproducible_gzip():
    with BUNDLED_PATH.open("rb") as handle:
        header = handle.read(10)
    assert header[:2] == b"\x1f\x8b"
    assert header[4:8] == b"\0\0\0\0", "gzip mtime must be 0 so rebuilding gives the same bytes"


def test_metadata_records_sources_licences_and_counts(gazetteer):
    meta = gazetteer.metadata
    assert meta["format"] == "mtcheck.gazetteer/1"
    assert meta["entries"] == len(gazetteer)
    keys = {source["key"] for source in meta["sources"]}
    assert {"geonames", "pycountry", "curated", "cia_world_leaders_2019", "us_legislators_current"} <= keys
    for source in meta["sources"]:
        assert source["licence"] and source["licence"] != "unknown", source["key"]
        assert source["entries"] == sum(source["by_type"].values()) or source["entries"] > 0
    assert "GeoNames" in meta["attribution"] and "CC BY 4.0" in meta["attribution"]
    assert sum(meta["by_type"].values()) == len(gazetteer)


def test_at_least_20000_distinct_entries(gazetteer):
    assert len(gazetteer) >= 20000
    distinct = {(e.type, e.canonical, e.country, e.refs, e.description) for e in gazetteer}
    assert len(distinct) == len(gazetteer)


def test_every_entry_is_well_formed(gazetteer):
    for entry in gazetteer:
        assert entry.canonical.strip() and entry.canonical == " ".join(entry.canonical.split()), entry
        assert entry.type in ENTRY_TYPES
        assert entry.canonical not in entry.aliases
        assert not {normalise(a) for a in entry.aliases} & {normalise(d) for d in entry.deprecated}, entry
        if entry.type == "person":
            assert entry.surname, entry


def test_no_alias_claims_another_entrys_canonical_name(gazetteer):
    # Allowed: an entry's own ASCII spelling (always accepted) and curated
    # aliases (written on purpose, e.g. "Gaza" for the Gaza Strip).
    owners: dict[str, set[int]] = {}
    entries = list(gazetteer)
    for i, entry in enumerate(entries):
        owners.setdefault(normalise(entry.canonical), set()).add(i)
    curated_aliases = {(e.canonical, a) for e in read_user_file(CURATED) for a in e.aliases}
    offenders = [
        (entry.canonical, alias) for i, entry in enumerate(entries) for alias in entry.aliases
        if owners.get(normalise(alias), set()) - {i}
        and alias != fold_ascii(entry.canonical) and (entry.canonical, alias) not in curated_aliases
    ]
    assert offenders == []


def test_bundled_file_is_up_to_date_with_the_curated_file(gazetteer):
    # Catches an edit to curated_names.tsv without rerunning the build.
    for row in read_user_file(CURATED):
        matches = [e for e, kind in gazetteer.forms(row.canonical) if kind == "canonical" and e.type == row.type]
        assert matches, f"{row.canonical} is curated but not in the bundled gazetteer: rebuild it"
        assert any(e.description == row.description for e in matches), row.canonical
        for form in row.deprecated:
            assert any(form in e.deprecated for e in matches), (row.canonical, form)


@pytest.mark.parametrize("canonical, aliases, description", [
    ("Volodymyr Zelensky", {"Volodymyr Zelenskyy", "Volodymyr Zelenskiy"}, "President of Ukraine"),
    ("James Stavridis", set(), "admiral"),
    ("Jim Sciutto", set(), "CNN"),
    ("Andris Sprūds", {"Andris Spruds"}, "defence minister"),
    ("Joe Biden", {"Joseph R. Biden"}, "President of the United States"),
    ("Isa Soares", set(), "CNN"),
])
def test_key_figures(gazetteer, canonical, aliases, description):
    [entry] = canonical_entries(gazetteer, canonical)
    assert entry.canonical == canonical
    assert aliases <= set(entry.aliases)
    assert description in entry.description


def test_zelensky_parts_and_sources(gazetteer):
    [entry] = canonical_entries(gazetteer, "Volodymyr Zelensky")
    assert (entry.given, entry.surname) == ("Volodymyr", "Zelensky")
    # Merged with the Wikidata record spelled "Zelenskyy": one entry, both sources.
    assert "curated" in entry.source and "wikidata" in entry.source
    assert "wikidata:Q3874799" in entry.refs


@pytest.mark.parametrize("name, kind", [("Kursk", "place"), ("Crimea", "region"), ("Kyiv", "place"),
                                        ("Ukraine", "country"), ("NATO", "org")])
def test_key_places_and_organisations(gazetteer, name, kind):
    assert canonical_entries(gazetteer, name, kind)


def test_kiev_is_a_deprecated_form_of_kyiv(gazetteer):
    assert [(e.canonical, k) for e, k in gazetteer.forms("Kiev")] == [("Kyiv", "deprecated")]
    [kyiv] = canonical_entries(gazetteer, "Kyiv", "place")
    assert "Kiev" in kyiv.deprecated and kyiv.country == "UA"


def test_news_spellings_are_not_deprecated(gazetteer):
    # English news writes Turkey and Ivory Coast: they must stay canonical.
    assert [k for _, k in gazetteer.forms("Turkey")] == ["canonical"]
    assert "canonical" in [k for _, k in gazetteer.forms("Ivory Coast")]
    assert "Türkiye" in canonical_entries(gazetteer, "Turkey", "country")[0].aliases


def test_same_name_different_places_stay_separate(gazetteer):
    odessas = gazetteer.exact("Odessa")
    assert {(e.canonical, e.country) for e in odessas} >= {("Odesa", "UA"), ("Odessa", "US")}


# -- lookups -------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("  ANDRIS  spruds ", "Andris Sprūds"), ("volodymyr zelenskiy", "Volodymyr Zelensky"),
    ("Jim  Sciutto", "Jim Sciutto"), ("J. D. Vance", "JD Vance"), ("JD Vance", "JD Vance"),
    ("Jean Noel Barrot", "Jean-Noël Barrot"), ("Gideon Saar", "Gideon Sa'ar"), ("Gideon Sa’ar", "Gideon Sa'ar"),
])
def test_exact_lookup_is_normalised(gazetteer, query, expected):
    assert expected in [e.canonical for e in gazetteer.exact(query)]


def test_surname_and_given_lookups(gazetteer):
    assert "Volodymyr Zelensky" in [e.canonical for e in gazetteer.by_surname("Zelensky")]
    assert "Volodymyr Zelensky" in [e.canonical for e in gazetteer.by_surname("Zelenskyy")]
    assert [e.canonical for e in gazetteer.by_surname("Stavridis")] == ["James Stavridis"]
    assert "Ursula von der Leyen" in [e.canonical for e in gazetteer.by_surname("von der Leyen")]
    assert "Ursula von der Leyen" in [e.canonical for e in gazetteer.by_surname("Leyen")]
    assert "Xi Jinping" in [e.canonical for e in gazetteer.by_surname("Xi")]
    assert "Isa Soares" in [e.canonical for e in gazetteer.by_given("Isa")]
    assert gazetteer.by_surname("Zelensky") == gazetteer.by_surname("ZELENSKY")


def test_a_title_is_no_given_name(gazetteer):
    # WordNet lists "President Abraham Lincoln" and "Sir Alec Guinness"; the title
    # as a given name would keep "President" and "Sir" in every name run after them.
    [lincoln] = canonical_entries(gazetteer, "Abraham Lincoln")
    assert (lincoln.given, lincoln.surname) == ("Abraham", "Lincoln")
    assert "President Abraham Lincoln" in lincoln.aliases and "pantheon" in lincoln.source
    assert [e.canonical for e in gazetteer.exact("Sir Alec Guinness")] == ["Alec Guinness"]
    assert not gazetteer.by_given("President") and not gazetteer.by_given("Sir")
    assert "Pope Adrian I" in [e.canonical for e in gazetteer.by_given("Pope")]  # named so, not titled


def test_a_place_is_not_crowded_out_by_the_people_named_after_it(gazetteer):
    # Three royals "of Bavaria" are more prominent than Bavaria; a damaged
    # "Bavaris" must still be offered the region.
    words = NameWords(gazetteer)
    assert [e.type for e in words.entries_with("bavaria")] == ["person", "person", "person", "region"]
    assert words.entries_with("bavaria")[-1].canonical == "Bavaria"
    assert [e.canonical for e in gazetteer.entries_with_token("bavaria", 1, types=("region",))] == ["Bavaria"]
    assert len(words.entries_with("china")) == 3  # no extra entry when places lead


def test_likely_prominence_is_read_from_the_likely_entries(gazetteer):
    # Worked out for every token at once when the index is built; it must
    # equal what the likely entries say, one token at a time. The three
    # legislators named Ann weigh 0.3: the place Ann's 0.6 counts too.
    tokens = [*gazetteer._tokens[::97], "ann", "bavaria", "china", "zelensky", "kursk"]
    assert [gazetteer.likely_prominence(t) for t in tokens] == [
        max(prominence_weight(e) for e in gazetteer.likely_entries(t)) for t in tokens]
    assert [prominence_weight(e) for e in gazetteer.likely_entries("Ann")] == [0.3, 0.3, 0.3, 0.6]
    assert gazetteer.likely_prominence("Ann") == 0.6
    assert gazetteer.likely_prominence("Qqzzxq") == 0.0


def test_entries_of_type(gazetteer):
    persons = gazetteer.entries_of_type("person")
    assert len(persons) == gazetteer.metadata["by_type"]["person"]
    assert all(e.type == "person" for e in persons)
    assert gazetteer.entries_of_type("spaceship") == []


def test_phonetic_candidates(gazetteer):
    assert phonetic_keys("Zelenskyy") == phonetic_keys("Zelensky")
    assert "sciutto" in gazetteer.sound_alike_tokens("Sait")
    assert "Volodymyr Zelensky" in [e.canonical for e in gazetteer.by_phonetic("Zelenskee", part="surname")]


def test_near_tokens(gazetteer):
    near = gazetteer.near_tokens("Stabridisdad", limit=5, part="surname")
    assert near[0][0] == "stavridis" and 0.7 < near[0][1] < 1
    assert "spruds" in [token for token, _ in gazetteer.near_tokens("Spruez", limit=20, part="surname")]
    assert gazetteer.near_tokens("Sciutto", limit=1) == [("sciutto", 1.0)]
    assert all(0.6 <= score <= 1 for _, score in gazetteer.near_tokens("Kyyiv"))
    assert gazetteer.near_tokens("") == []


@pytest.mark.parametrize("damaged, original", [("Chnia", "china"), ("Teaxs", "texas"), ("Wst", "west")])
def test_near_tokens_reach_one_edit_away_where_few_trigrams_survive(gazetteer, damaged, original):
    # "Chnia" shares only " ch" with "china", as thousands of tokens do.
    near = dict(gazetteer.near_tokens(damaged, limit=40, min_score=0.55, part="headword"))
    assert original in near


def test_known_tokens(gazetteer):
    assert gazetteer.is_known_token("Sciutto") and gazetteer.is_known_token("sprūds")
    assert gazetteer.is_known_token("Kiev")  # known, though deprecated
    assert not gazetteer.is_known_token("Stabridisdad")


@pytest.mark.parametrize("damaged, expected", [
    ("Voldimi Zelensky", "Volodymyr Zelensky"), ("James Stabridisdad", "James Stavridis"),
    ("Jim Sait", "Jim Sciutto"), ("Andris Spruez", "Andris Sprūds"), ("Zelensky", "Volodymyr Zelensky"),
])
def test_explain_ranks_the_intended_entry_first(gazetteer, damaged, expected):
    [(entry, reason), *_] = gazetteer.explain(damaged)
    assert entry.canonical == expected
    assert reason.kind not in ("canonical", "alias", "deprecated") and 0 < reason.similarity <= 1
    assert str(reason)


def test_explain_exact_and_deprecated_forms(gazetteer):
    [(entry, reason)] = gazetteer.explain("Kiev")
    assert entry.canonical == "Kyiv" and reason.kind == "deprecated" and reason.matched == "Kiev"
    assert "deprecated" in str(reason)
    entry, reason = gazetteer.explain("Volodymyr Zelenskiy")[0]
    assert (entry.canonical, reason.kind, reason.similarity) == ("Volodymyr Zelensky", "alias", 1.0)
    assert gazetteer.explain("") == []


# -- loading and the cache -----------------------------------------------------------

def test_second_load_reads_the_cached_index(private_cache, monkeypatch):
    # How fast the cached load is lies in benchmarks/bench_names.py (speed).
    built = load_gazetteer()
    assert list(private_cache.glob("gazetteer/*.pickle"))
    clear_memo()
    monkeypatch.setattr(store, "_build", lambda *args: pytest.fail("the index was built again"))
    cached = load_gazetteer()
    assert cached is not built and len(cached) == len(built) >= 100_000
    assert cached.explain("Kiev")[0][0].canonical == "Kyiv"


def test_cache_key_follows_file_contents(private_cache, tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Isa Soares\n", encoding="utf-8")
    first = load_gazetteer([names], bundled=None)
    names.write_text("Isa Soares\nJim Sciutto\n", encoding="utf-8")
    second = load_gazetteer([names], bundled=None)
    assert (len(first), len(second)) == (1, 2)
    assert len(list(private_cache.glob("gazetteer/*.pickle"))) == 2


# -- user files ----------------------------------------------------------------------

def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_tsv_csv_json_and_txt(private_cache, tmp_path):
    tsv = write(tmp_path / "desk.tsv", "# newsroom names\ncanonical\ttype\taliases\tdeprecated\tdescription\n"
                "Oleksandr Syrskyi\tperson\tOleksandr Syrsky\t\tUkraine's army chief\n"
                "Kyiv\tplace\t\tKiev|Kieff\tcapital of Ukraine\n")
    csv_file = write(tmp_path / "desk.csv", 'canonical,type,aliases,deprecated,description\n'
                     '"Nick Paton Walsh",person,"Nick Paton-Walsh",,"CNN, London"\n')
    json_file = write(tmp_path / "desk.json", json.dumps([
        {"canonical": "Andris Sprūds", "type": "person", "aliases": ["Andris Sprudz"], "description": "minister"},
        {"canonical": "Riga", "type": "place", "aliases": "Rīga", "country": "lv"}]))
    txt = write(tmp_path / "desk.txt", "# one per line\nSeymour Hersh\n\nMaria Ressa\n")
    gazetteer = load_gazetteer([tsv, csv_file, json_file, txt], bundled=None)
    assert [e.canonical for e in gazetteer] == ["Oleksandr Syrskyi", "Kyiv", "Nick Paton Walsh", "Andris Sprūds",
                                                 "Riga", "Seymour Hersh", "Maria Ressa"]
    assert gazetteer.exact("Kieff")[0].canonical == "Kyiv"
    assert gazetteer.exact("Oleksandr Syrskiy")[0].canonical == "Oleksandr Syrskyi"  # derived variant
    assert gazetteer.exact("Andris Spruds")[0].canonical == "Andris Sprūds"
    assert gazetteer.exact("Riga")[0].country == "LV"
    assert gazetteer.exact("Maria Ressa")[0].type == "other"
    assert gazetteer.exact("Nick Paton Walsh")[0].description == "CNN, London"
    assert gazetteer.by_surname("Walsh")[0].canonical == "Nick Paton Walsh"
    assert {e.source for e in gazetteer} == {"user:desk.tsv", "user:desk.csv", "user:desk.json", "user:desk.txt"}


def test_a_users_empty_file_alone_is_an_empty_gazetteer(private_cache, tmp_path):
    # Every lookup answers "nothing known" rather than failing on empty arrays.
    tsv = write(tmp_path / "empty.tsv", "canonical\ttype\n")
    gazetteer = load_gazetteer([tsv], bundled=None)
    assert len(gazetteer) == 0
    assert gazetteer.near_tokens("Kyiv") == [] and gazetteer.likely_entries("kyiv") == []
    assert gazetteer.likely_prominence("kyiv") == 0.0 and gazetteer.explain("Kyiv") == []


def test_user_entries_extend_bundled_ones():
    bundled = [with_derived_forms(Entry("Kyiv", "place", description="capital of Ukraine", source="geonames"))]
    user = [Entry("kyiv", "place", deprecated=("Kiev",), description="our style: Kyiv", source="user:a.tsv"),
            Entry("Kyiv", "person", source="user:a.tsv")]
    merged = merge_user_entries(bundled, user)
    assert len(merged) == 2  # same name, different type: two entries
    assert merged[0].canonical == "Kyiv" and merged[0].deprecated == ("Kiev",)
    assert merged[0].description == "our style: Kyiv" and merged[0].source == "geonames,user:a.tsv"


def test_a_users_own_entries_come_before_the_lists_namesakes(private_cache, tmp_path):
    # A newsroom lists the people it writes about: among the six names with Leite in
    # the bundled lists, its Eduardo Leite is the one a near miss of "Leite"
    # most likely means (it is appended last, and named by one source only).
    tsv = write(tmp_path / "desk.tsv", "canonical\ttype\nEduardo Leite\tperson\n")
    bundled_only = load_gazetteer()
    with_desk = load_gazetteer([tsv])
    assert "Eduardo Leite" not in [e.canonical for e in bundled_only.likely_entries("leite")]
    # Then the two most prominent of the lists' Leites, and as all three are
    # people, the most prominent place (a Brazilian municipality).
    assert [e.canonical for e in with_desk.likely_entries("leite")] == [
        "Eduardo Leite", "Luís Leite Ramos", "Adriano Leite Ribeiro", "Benedito Leite"]


@pytest.mark.parametrize("name, text, line, problem", [
    ("bad_type.tsv", "canonical\ttype\nIsa Soares\tperson\nKursk\tcity\n", 3, "unknown type 'city'"),
    ("no_name.tsv", "canonical\ttype\n\tperson\n", 2, "empty canonical"),
    ("bad_header.tsv", "name\ttype\nIsa Soares\tperson\n", 1, "bad header"),
    ("too_wide.csv", "canonical,type\nIsa Soares,person,CNN\n", 2, "3 columns"),
    ("broken.json", '[\n{"canonical": "Isa Soares",\n "type": }\n]', 3, "invalid JSON"),
    ("not_list.json", '{"canonical": "Isa Soares"}', 1, "expected a JSON list"),
    ("empty.csv", "", 1, "no header"),
])
def test_bad_user_files_name_file_and_line(private_cache, tmp_path, name, text, line, problem):
    path = write(tmp_path / name, text)
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer([path], bundled=None)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert problem in str(caught.value)


def test_bad_json_item_and_unreadable_files(private_cache, tmp_path):
    items = [{"canonical": "Isa Soares"}, {"canonical": "X", "typ": "person"}]
    path = write(tmp_path / "items.json", json.dumps(items))
    with pytest.raises(GazetteerError, match=r"items\.json: item 1: unknown key 'typ'"):
        load_gazetteer([path], bundled=None)
    latin1 = tmp_path / "latin1.tsv"
    latin1.write_bytes("canonical\nAndris Spr\xfbds\n".encode("latin-1"))
    with pytest.raises(GazetteerError, match=r"latin1\.tsv:2: not UTF-8"):
        load_gazetteer([latin1], bundled=None)
    with pytest.raises(GazetteerError, match="unknown gazetteer format"):
        load_gazetteer([write(tmp_path / "names.xlsx", "x")], bundled=None)
    with pytest.raises(GazetteerError, match="missing.tsv: no such file or directory"):
        load_gazetteer([tmp_path / "missing.tsv"], bundled=None)


# -- name structure (pure logic) ---------------------------------------------------

def test_name_parts_and_variants():
    assert split_name("Ursula von der Leyen") == ("Ursula", "von der Leyen")
    assert split_name("Joseph R. Biden Jr.") == ("Joseph R.", "Biden")
    assert split_name("Bart De Wever") == ("Bart", "De Wever")
    assert split_name("Ben Hodges") == ("Ben", "Hodges")
    assert split_name("Sir Keir Starmer") == ("Keir", "Starmer") and split_name("Dr. Dre") == ("", "Dre")
    assert surname_variants("Syrskyi") == ["Syrsky", "Syrskyy", "Syrskiy", "Syrskii"]
    assert surname_variants("Kennedy") == [] and surname_variants("Sikorski") == []
    assert normalise("O’Brien") == normalise("O'Brien") == normalise("OBrien") == "obrien"
    assert fold_ascii("Łukasz Żółć") == "Lukasz Zolc"


def test_cia_upper_case_surnames_are_cased_for_news():
    from gazetteer_sources import case_name, proper_case

    assert [proper_case(t) for t in ["MCDONALD", "O'BRIEN", "GOPEE-SCOON", "AL-MASRY", "RI'AYATUDDIN"]] == [
        "McDonald", "O'Brien", "Gopee-Scoon", "al-Masry", "Ri'ayatuddin"]
    assert case_name("Hugo DE JONGE") == "Hugo de Jonge"
    assert case_name("MAHATHIR bin Mohamad") == "Mahathir bin Mohamad"
    assert case_name("Muhammad bin Saif al-SHABIBI") == "Muhammad bin Saif al-Shabibi"


# -- the build -------------------------------------------------------------------------

@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/gazetteer-sources is not beside the repo")
def test_build_is_deterministic(tmp_path):
    # A subset keeps this fast (a full build takes about 30 s): three person
    # files, one every-politician list, GeoNames' administrative divisions,
    # the curated file, cities over a million people, pycountry, and the npm
    # and Debian packages (downloaded once, read by both builds).
    subset = tmp_path / "sources"
    for name in ("SOURCES.md", "us_executive.yaml", "wikidata_un_officeholders.csv",
                 "wikidata_ukraine_officeholders.csv", "every-politician/world-leaders-2021--data_wikidata.csv",
                 "geonames-admin/admin1CodesASCII.txt", "geonames-admin/admin2Codes.txt"):
        (subset / name).parent.mkdir(parents=True, exist_ok=True)
        (subset / name).write_bytes((SOURCES / name).read_bytes())
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"gazetteer-{seed}.jsonl.gz"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, str(BUILD_SCRIPT), "--sources", str(subset), "--output", str(output),
                        "--packages", str(tmp_path / "packages"), "--min-population", "1000000"],
                       check=True, env=env, capture_output=True, timeout=600)
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]
    lines = gzip.decompress(outputs[0]).decode("utf-8").splitlines()
    metadata, entries = json.loads(lines[0]), [json.loads(line) for line in lines[1:]]
    sources = {s["key"]: s for s in metadata["sources"]}
    assert set(sources) == {
        "curated", "geonames", "pycountry", "us_executive", "wikidata_un_officeholders",
        "wikidata_ukraine_officeholders", "every_politician", "geonames_admin", "pantheon", "wordnet"}
    assert all(s["licence"] != "unknown" for s in sources.values())
    assert sources["pantheon"]["version"] == "0.1.1" and sources["wordnet"]["version"].startswith("1:3.0")
    assert "Princeton University" in metadata["attribution"]
    by_name = {e["canonical"]: e for e in entries}
    assert {"Volodymyr Zelensky", "Kyiv", "António Guterres", "Joe Biden", "Lionel Messi", "Dnieper"} <= set(by_name)
    assert "Volodymyr Zelenskyy" not in by_name  # merged into the curated entry
    assert by_name["Kassym-Jomart Tokayev"]["description"].startswith("President of Kazakhstan")
    assert (by_name["Podlasie"]["type"], by_name["Podlasie"]["country"]) == ("region", "PL")
    assert (by_name["Kazakhstani"]["type"], by_name["Kazakhstani"]["description"]) == (
        "other", "adjective of Kazakhstan")
    # WordNet's older spellings of places the other sources name: deprecated
    # forms; a people's name ("Abkhaz") is no spelling of its land.
    assert "Kazakstan" in by_name["Kazakhstan"]["deprecated"] and "Surinam" in by_name["Suriname"]["deprecated"]
    assert "Abkhaz" not in by_name["Abkhazia"].get("deprecated", [])
