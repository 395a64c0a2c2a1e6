"""Conventions users know from ruff and Vale: --select / --ignore, `rules`,
--quiet, --color and NO_COLOR, a `config show` that is valid TOML (the real
model and gazetteer on seeds/003, the machine-translated seed)."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_run import invoke
from mtcheck.cli import mtcheck
from mtcheck.fix import edits_for
from mtcheck.findings import Finding
from mtcheck.checks.base import all_rules, fix_applicability

ROOT = Path(__file__).resolve().parent.parent
GARBLED_SEED = next((ROOT / "seeds").glob("003_*.txt"))
CLEAN_SEED = next((ROOT / "seeds").glob("000_*.txt"))


def codes(*args: str) -> list[str]:
    result = invoke("scan", GARBLED_SEED, "--format", "json", "--fail-on", "never", *args)
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)["documents"]
    return [f["code"] for f in document["findings"]]


@pytest.fixture(autouse=True)
def no_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.model
def test_select_and_ignore_take_codes_and_prefixes_from_flags_and_config(tmp_path: Path) -> None:
    everything = codes()
    assert {"MT103", "MT201"} <= set(everything)
    assert codes("--select", "MT2") == [c for c in everything if c.startswith("MT2")]
    assert codes("--select", "MT1,MT201", "--ignore", "MT103") == \
        [c for c in everything if c.startswith("MT1") and c != "MT103" or c == "MT201"]
    (tmp_path / "mtcheck.toml").write_text('ignore = ["MT1"]\n', encoding="utf-8")
    assert codes() == [c for c in everything if not c.startswith("MT1")]


@pytest.mark.parametrize("args", [["--select", "MT9"], ["--ignore", "MT201,XX"], ["--select", ""]])
def test_a_code_that_starts_no_rule_is_a_usage_error(args: list[str]) -> None:
    result = invoke("scan", GARBLED_SEED, *args)
    assert result.exit_code == 2 and "starts no finding code" in result.stderr
    assert "Traceback" not in result.output


def test_rules_lists_every_code_with_its_help_and_what_fix_applies() -> None:
    text = invoke("rules").stdout
    assert [line.split()[0] for line in text.splitlines() if not line.startswith(" ")] == [r.code for r in all_rules()]
    assert "MT201  corrupted name (name, warning, fixable)" in text
    listed = json.loads(invoke("rules", "--format", "json").stdout)
    assert {r["code"]: r["fix"] for r in listed} == {r.code: r.fix for r in all_rules()}
    # The fixer applies exactly the codes the rules call fixable.
    finding = lambda code: Finding(code, "name", "info", 0, 0, 4, "Kiev", "", ("Kyiv",))  # noqa: E731
    assert [e.code for e in edits_for([finding("MT202")])] == []
    assert [e.code for e in edits_for([finding("MT202")], unsafe=True)] == ["MT202"]
    # A finding less sure of its suggestion than its rule's fixes waits for --unsafe too.
    unsure = replace(finding("MT201"), unsafe_fix=True)
    assert [e.code for e in edits_for([finding("MT201")])] == ["MT201"]
    assert [e.code for e in edits_for([unsure])] == [] and [e.code for e in edits_for([unsure], unsafe=True)] == ["MT201"]
    assert [fix_applicability(f) for f in (finding("MT201"), unsure, finding("MT202"), finding("MT301"))] == \
        ["safe", "unsafe", "unsafe", None]


@pytest.mark.model
def test_quiet_prints_only_what_asks_for_action() -> None:
    loud = invoke("scan", GARBLED_SEED, "--fail-on", "never").stdout
    quiet = invoke("scan", GARBLED_SEED, "--fail-on", "never", "--quiet").stdout
    assert "mean fluency" in loud.splitlines()[-1] and "paragraph fluency:" in loud
    assert "mean fluency" not in quiet and "paragraph fluency:" not in quiet
    finding_lines = [line for line in loud.splitlines() if ": info MT" in line or ": warning MT" in line]
    assert finding_lines and all(line in quiet.splitlines() for line in finding_lines)
    assert invoke("scan", CLEAN_SEED, "--quiet", "--select", "MT201").stdout == ""


@pytest.mark.model
def test_color_always_never_and_no_color(monkeypatch) -> None:
    def scan(*args: str, terminal: bool) -> str:
        return CliRunner().invoke(mtcheck, ["scan", str(GARBLED_SEED), "--fail-on", "never", *args],
                                  color=terminal).stdout
    assert "\x1b[" in scan(terminal=True) and "\x1b[" not in scan(terminal=False)
    assert "\x1b[" in scan("--color", "always", terminal=False)
    assert "\x1b[" not in scan("--color", "never", terminal=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in scan(terminal=True)
    assert "\x1b[" in scan("--color", "always", terminal=True)


def test_config_show_is_valid_toml_that_reads_back_as_the_settings(tmp_path: Path) -> None:
    (tmp_path / "mtcheck.toml").write_text(
        'accepted-names = ["Zelenskyy", "O\\"Brien \\\\ Co"]\npicky = true\nselect = ["MT2", "MT301"]\n'
        'severity = {MT401 = "error"}\n', encoding="utf-8")
    shown = tomllib.loads(invoke("config", "show").stdout)
    assert shown["accepted-names"] == ["Zelenskyy", 'O"Brien \\ Co'] and shown["picky"] is True
    assert shown["select"] == ["MT2", "MT301"] and shown["severity"] == {"MT401": "error"}
    (tmp_path / "again.toml").write_text(invoke("config", "show").stdout, encoding="utf-8")
    again = json.loads(invoke("config", "show", "--config", tmp_path / "again.toml", "--format", "json").stdout)
    assert {k: v["value"] for k, v in again["settings"].items()}["accepted-names"] == ["Zelenskyy", 'O"Brien \\ Co']


def test_the_documented_findings_table_is_the_generated_one() -> None:
    readme = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    start = readme.index("<!-- generated by `mtcheck rules --format markdown`")
    block = readme[readme.index("\n", start) + 1 : readme.index("<!-- end of generated table -->")]
    assert block == invoke("rules", "--format", "markdown").stdout, "run `mtcheck rules --format markdown`"
