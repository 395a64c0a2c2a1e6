"""The Python API: `mtcheck.scan` and `mtcheck.check_text` read the config
file and apply the policy as `mtcheck scan` does (the real model and gazetteer)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import mtcheck
from mtcheck.cli import mtcheck as cli
from mtcheck.session import SettingsError

ROOT = Path(__file__).resolve().parent.parent
GARBLED_SEED = next((ROOT / "seeds").glob("003_*.txt"))
PARAGRAPH = next(line for line in GARBLED_SEED.read_text(encoding="utf-8").splitlines() if "Voldimi" in line)


def name_findings(result) -> list[tuple[str, str, str]]:
    return [(f.code, f.text, f.suggestions[0]) for f in result.findings if f.category == "name"]


@pytest.fixture(autouse=True)
def no_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no mtcheck.toml found upward from here


@pytest.mark.model
def test_check_text_names_the_corrupted_name_and_its_canonical_spelling() -> None:
    result = mtcheck.check_text(PARAGRAPH)
    assert ("MT201", "Voldimi", "Volodymyr") in name_findings(result)
    assert result.verdict == "fail" and result.fluency is not None


@pytest.mark.model
def test_the_api_applies_accepted_names_and_severities_from_keywords_and_config_files(tmp_path) -> None:
    accepted = mtcheck.check_text(PARAGRAPH, accepted_names=["Voldimi Zelensky"])
    assert "Voldimi" not in [text for _, text, _ in name_findings(accepted)]
    config = tmp_path / "mtcheck.toml"
    config.write_text('severity = {MT201 = "off"}\n', encoding="utf-8")
    (switched_off,) = mtcheck.scan([GARBLED_SEED])  # the file found in the working directory
    assert {code for code, _, _ in name_findings(switched_off)} == {"MT202"}  # Kiev -> Kyiv stays
    assert switched_off.path == str(GARBLED_SEED)


@pytest.mark.model
def test_a_python_scan_reports_what_the_command_line_reports(tmp_path) -> None:
    config = tmp_path / "team.toml"
    config.write_text('severity = {MT103 = "off", MT201 = "warning"}\nmin-document-fluency = 75\n', encoding="utf-8")
    (result,) = mtcheck.scan([GARBLED_SEED], config_file=str(config))
    run = CliRunner().invoke(cli, ["scan", str(GARBLED_SEED), "--config", str(config), "--format", "json"])
    (document,) = json.loads(run.stdout)["documents"]
    assert [(f["code"], f["start"], f["end"], f["severity"]) for f in document["findings"]] == \
        [(f.code, f.start, f.end, f.severity) for f in result.findings]
    assert "MT103" not in {f.code for f in result.findings} and "MT201" in {f.code for f in result.findings}
    assert document["verdict"] == result.verdict == "fail" and result.gate_failures  # fluency below 75
    assert run.exit_code == 1


def test_a_bad_setting_is_one_error_naming_the_key() -> None:
    with pytest.raises(SettingsError, match="'fail-on' must be one of error, warning, never, got 'sometimes'"):
        mtcheck.scan([GARBLED_SEED], fail_on="sometimes")
    with pytest.raises(SettingsError, match="unknown key 'colour'"):
        mtcheck.check_text(PARAGRAPH, colour="red")


def test_import_mtcheck_loads_no_engine() -> None:
    check = ("import sys, mtcheck; print(sorted({'mtcheck.session', 'mtcheck.scanner', 'torch', 'click'} "
             "& set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.stdout.strip() == "[]", done.stderr
