"""Config files: discovery, precedence over defaults, errors naming the key (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.cli import mtcheck
from mtcheck.config import ConfigFileError, find_config_file, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_upward_mtcheck_toml_before_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mtcheck]\nfail-on = \"never\"\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config_file(nested) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "mtcheck.toml", "fail-on = \"warning\"\n")
    assert find_config_file(nested) == tmp_path / "a" / "mtcheck.toml"
    assert load_config(start=nested)["fail-on"] == "warning"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = \"x\"\n")
    assert find_config_file(tmp_path) != tmp_path / "pyproject.toml"


def test_values_are_checked_and_paths_resolved_against_the_file(tmp_path: Path) -> None:
    config = write(tmp_path / "conf" / "mtcheck.toml", (
        'gazetteers = ["names.tsv"]\nbaseline = "base.json"\nmin-document-fluency = 60\n'
        'max-corrupted-names = 0\naccepted-names = ["Zelenskyy"]\n'))
    loaded = load_config(str(config))
    assert loaded["gazetteers"] == (str(tmp_path / "conf" / "names.tsv"),)
    assert loaded["baseline"] == str(tmp_path / "conf" / "base.json")
    assert (loaded["min-document-fluency"], loaded["max-corrupted-names"]) == (60, 0)
    assert loaded.sources["min-document-fluency"] == str(config)
    assert loaded.sources["fail-on"] == "default"


def test_dialect_and_severities_are_read(tmp_path: Path) -> None:
    config = write(tmp_path / "mtcheck.toml", 'dialect = "british"\nseverity = {MT401 = "error", MT103 = "off"}\n')
    loaded = load_config(str(config))
    assert loaded["dialect"] == "british" and loaded["severity"] == {"MT401": "error", "MT103": "off"}


@pytest.mark.parametrize("body, message", [
    ('fial-on = "error"\n', "unknown key 'fial-on'"),
    ('fail-on = "sometimes"\n', "'fail-on' must be one of error, warning, never, got 'sometimes'"),
    ('min-document-fluency = "high"\n', "'min-document-fluency' must be a number from 0 to 100"),
    ('max-corrupted-names = 1.5\n', "'max-corrupted-names' must be a whole number"),
    ('max-garbled-share = 2\n', "'max-garbled-share' must be a number from 0 to 1"),
    ('gazetteers = "names.tsv"\n', "'gazetteers' must be a list of paths"),
    ('format = "pdf"\n', "'format' must be one of"),
    ('fail-on = \n', "invalid TOML"),
    ('dialect = "scottish"\n', "'dialect' must be one of american, british, australian, canadian"),
    ('severity = {MT999 = "error"}\n', "'severity' has unknown finding code 'MT999'"),
    ('severity = {MT401 = "fatal"}\n', "'severity' MT401 must be one of error, warning, info, off"),
    ('severity = "MT401"\n', "'severity' must be a table of finding codes"),
])
def test_bad_config_is_an_error_naming_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    config = write(tmp_path / "mtcheck.toml", body)
    with pytest.raises(ConfigFileError, match=None) as raised:
        load_config(str(config))
    assert str(config) in str(raised.value) and message in str(raised.value)


@pytest.mark.parametrize("command", [["config", "show"], ["scan", "."]])
def test_cli_exits_2_on_a_bad_config_with_one_line(tmp_path: Path, monkeypatch, command: list[str]) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mtcheck]\nmin-paragraph-fluency = -5\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(mtcheck, command)
    assert result.exit_code == 2
    assert result.stderr.startswith("mtcheck: error: ") and "'min-paragraph-fluency'" in result.stderr
    assert "Traceback" not in result.output


def test_config_show_lists_every_value_with_its_source(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "mtcheck.toml", 'fail-on = "warning"\nmax-garbled-share = 0.2\n')
    monkeypatch.chdir(tmp_path)
    text = CliRunner().invoke(mtcheck, ["config", "show"]).stdout
    assert f"# config file: {tmp_path / 'mtcheck.toml'}" in text
    assert f'fail-on = "warning"  # {tmp_path / "mtcheck.toml"}' in text
    assert "garbled-below = 30.0  # default" in text
    assert "# min-document-fluency = (not set)  # default" in text
    report = json.loads(CliRunner().invoke(mtcheck, ["config", "show", "--format", "json"]).stdout)
    assert report["settings"]["max-garbled-share"] == {"value": 0.2, "source": str(tmp_path / "mtcheck.toml")}
