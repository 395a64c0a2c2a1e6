"""`mtcheck gazetteer build / lookup` and `scan --gazetteer`, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_run import invoke

from mtcheck.gazetteer import load_gazetteer, read_user_file

ARCHIVE = """Kharkiv governor Oleh Syniehubov said rescuers were still at work. Mayor Ihor Terekhov called the strike deliberate.

Residents of Kupiansk were told to leave. Syniehubov said buses would run from the station in Kupiansk every hour.
"""


@pytest.fixture()
def archive_gazetteer(tmp_path: Path) -> Path:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "a.txt").write_text(ARCHIVE, encoding="utf-8")
    output = tmp_path / "newsroom.tsv"
    result = invoke("gazetteer", "build", tmp_path / "archive", "--output", output)
    assert result.exit_code == 0, result.output
    assert "learned" in result.stderr and "from 1 articles" in result.stderr
    return output


def test_build_learns_people_and_mid_sentence_places_but_not_sentence_openers(archive_gazetteer: Path) -> None:
    names = {entry.canonical: entry for entry in read_user_file(archive_gazetteer)}
    assert {"Oleh Syniehubov", "Ihor Terekhov", "Kupiansk"} <= set(names)
    assert (names["Oleh Syniehubov"].given, names["Oleh Syniehubov"].surname) == ("Oleh", "Syniehubov")
    # "Kharkiv" only ever opens a sentence: capitalised whatever it is, so not evidence.
    assert not {"Kharkiv", "Residents", "Mayor Ihor Terekhov"} & set(names)


def test_build_gives_a_listed_name_its_listed_type_so_it_merges_into_the_listed_entry(tmp_path: Path) -> None:
    # An archive does not say what a name is: two words are guessed to be a
    # person. "North Dakota" is listed, as a region: the file says so, and
    # loading it merges the newsroom's use into that entry, which then comes
    # first among the entries with "dakota" (not a second, person-shaped copy).
    (tmp_path / "a.txt").write_text("Farmers in North Dakota and Oleh Syniehubov were quoted.\n", encoding="utf-8")
    output = tmp_path / "names.tsv"
    assert invoke("gazetteer", "build", tmp_path / "a.txt", "--output", output).exit_code == 0
    names = {entry.canonical: entry.type for entry in read_user_file(output)}
    assert names == {"North Dakota": "region", "Oleh Syniehubov": "person"}
    gazetteer = load_gazetteer([output])
    (north_dakota,) = [e for e in gazetteer.exact("North Dakota") if e.type == "region"]
    assert north_dakota.source.endswith("user:names.tsv") and "First-level division" in north_dakota.description
    assert gazetteer.likely_entries("dakota")[0] is north_dakota


def test_build_writes_json_and_csv_that_load_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARCHIVE, encoding="utf-8")
    for suffix in ("json", "csv"):
        output = tmp_path / f"names.{suffix}"
        assert invoke("gazetteer", "build", tmp_path / "a.txt", "--output", output).exit_code == 0
        assert "Oleh Syniehubov" in {e.canonical for e in read_user_file(output)}


def test_build_min_articles_keeps_names_the_archive_repeats(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARCHIVE, encoding="utf-8")
    (tmp_path / "two.txt").write_text("Oleh Syniehubov spoke again on Monday in the city.\n", encoding="utf-8")
    output = tmp_path / "names.tsv"
    assert invoke("gazetteer", "build", tmp_path, "--output", output, "--min-articles", 2).exit_code == 0
    assert [e.canonical for e in read_user_file(output)] == ["Oleh Syniehubov"]


def test_build_reports_an_unreadable_input_and_still_writes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARCHIVE, encoding="utf-8")
    output = tmp_path / "names.tsv"
    result = invoke("gazetteer", "build", tmp_path / "a.txt", tmp_path / "missing.txt", "--output", output)
    assert result.exit_code == 3
    assert "missing.txt" in result.stderr and "Traceback" not in result.output
    assert output.exists()


@pytest.mark.model
def test_scan_with_the_built_gazetteer_repairs_a_name_only_the_archive_knows(
        archive_gazetteer: Path, tmp_path: Path) -> None:
    article = tmp_path / "incoming.txt"
    article.write_text("Governor Oleh Synehubov said the evacuation would continue.\n", encoding="utf-8")
    without = json.loads(invoke("scan", article, "--format", "json", "--fail-on", "never").stdout)
    assert [f for f in without["documents"][0]["findings"] if f["category"] == "name"] == []
    result = invoke("scan", article, "--format", "json", "--fail-on", "never", "--gazetteer", archive_gazetteer)
    (finding,) = [f for f in json.loads(result.stdout)["documents"][0]["findings"] if f["category"] == "name"]
    assert (finding["code"], finding["text"], finding["suggestions"][0]) == ("MT201", "Synehubov", "Syniehubov")


def test_scan_with_a_bad_gazetteer_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("canonical\ttype\nKyiv\tcity\n", encoding="utf-8")
    result = invoke("scan", tmp_path, "--gazetteer", bad)
    assert result.exit_code == 2
    assert f"{bad}:2:" in result.stderr and "unknown type 'city'" in result.stderr


def test_lookup_explains_a_damaged_name_and_what_the_check_suggests() -> None:
    result = invoke("gazetteer", "lookup", "Emmanuel Macorn")
    assert result.exit_code == 0
    first_entry = result.stdout.splitlines()[1]
    assert "Emmanuel Macron [person]" in first_entry
    assert "name check: MT201 error: name looks corrupted: 'Macorn' is probably 'Macron'" in result.stdout


def test_lookup_names_the_likeliest_repair_of_a_name_too_unsure_alone_for_a_finding() -> None:
    result = invoke("gazetteer", "lookup", "Voldimi Zelensky")
    assert result.exit_code == 0
    first_entry = result.stdout.splitlines()[1]
    assert "Volodymyr Zelensky [person]" in first_entry and "surname 'Zelensky'" in first_entry
    assert "MT201" not in result.stdout
    assert "name check: nothing to report (likeliest repair 'Voldimi' -> 'Volodymyr' at 0.9" in result.stdout
    assert "below the 0.95 a finding needs" in result.stdout
    report = json.loads(invoke("gazetteer", "lookup", "Voldimi Zelensky", "--format", "json").stdout)
    assert report["check"] == []
    likeliest = report["likeliest_repair"]
    assert (likeliest["text"], likeliest["suggestion"], likeliest["finding_threshold"]) == ("Voldimi", "Volodymyr", 0.95)
    assert likeliest["confidence"] == pytest.approx(0.925, abs=0.02)


def test_lookup_json_lists_matches_with_reasons_and_deprecated_forms() -> None:
    result = invoke("gazetteer", "lookup", "Kiev", "--format", "json")
    report = json.loads(result.stdout)
    assert report["matches"][0]["canonical"] == "Kyiv"
    assert report["matches"][0]["reason"] == "deprecated form 'Kiev'"
    assert [(f["code"], f["suggestions"]) for f in report["check"]] == [("MT202", ["Kyiv"])]


def test_lookup_of_an_unknown_name_exits_1() -> None:
    # Not "Xyzzyq": WordNet spells Pope Gregory XII also "Gregory XYY", a near match.
    result = invoke("gazetteer", "lookup", "Qxzzvq")
    assert result.exit_code == 1 and "no gazetteer entry matches 'Qxzzvq'" in result.stdout


def test_lookup_uses_a_user_gazetteer(archive_gazetteer: Path) -> None:
    result = invoke("gazetteer", "lookup", "Terekhov", "--gazetteer", archive_gazetteer)
    assert result.exit_code == 0 and "Ihor Terekhov [person]" in result.stdout
