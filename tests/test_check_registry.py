"""A check registered from one file is a full member of the house: its rule
is in every report format, in `mtcheck rules`, in the config's code checks
and in --select, its setting is a config key (checked, shown, and given to
the check), and the scanner runs it beside the built-in checks (the real
model and gazetteer)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli_run import invoke
from mtcheck.checks.base import Check, Rule, all_rules, register, setting, unregister
from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.render import RENDERERS
from mtcheck.session import prepared_scanner

ARTICLE = ("The finance minister said on Tuesday that the plan to cut the budget was OUTRAGEOUS and "
           "that parliament would reject it before the end of the month.\n\n"
           "Officials in the capital said the talks would resume next week, after the holiday.\n")


@dataclass(frozen=True)
class ShoutingSettings:
    min_letters: int = setting("shouting-min-letters", 5, "capital letters that make a word shouting",
                               "integer", low=2, high=40)


class ShoutingCheck(Check):
    """MT901: a word of five (or shouting-min-letters) capital letters in a scored paragraph."""

    name = "shouting"
    rules = (Rule(code="MT901", title="shouting", category="style", short="A word written in capitals.",
                  full="A word of five or more capital letters, which news style writes in lower case.",
                  help="Write the word in lower case.", help_markdown="Write the word in *lower case*.",
                  default_severity="warning"),)
    settings = ShoutingSettings

    def __init__(self, settings: ShoutingSettings = ShoutingSettings()):
        self.capitals = re.compile(rf"\b[A-Z]{{{settings.min_letters},}}\b")

    @classmethod
    def build(cls, parts) -> "ShoutingCheck":
        return cls(parts.settings_for(cls.name))

    def check_document(self, document: Document) -> list[Finding]:
        return [Finding("MT901", "style", "warning", p.index, p.start + m.start(), p.start + m.end(), m.group(),
                        f"{m.group()!r} is written in capitals")
                for p in document.scored_paragraphs
                for m in self.capitals.finditer(document.paragraph_text(p))]


@pytest.fixture
def shouting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config file but the test's own
    register(ShoutingCheck)
    prepared_scanner.cache_clear()  # scanners build the checks registered when they are made
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    yield tmp_path / "article.txt"
    unregister("shouting")
    prepared_scanner.cache_clear()


@pytest.mark.model
def test_a_registered_check_runs_and_its_rule_is_in_every_format(shouting: Path) -> None:
    (document,) = json.loads(invoke("scan", shouting, "--format", "json").stdout)["documents"]
    (finding,) = [f for f in document["findings"] if f["code"] == "MT901"]
    assert (finding["text"], finding["start"], finding["severity"]) == ("OUTRAGEOUS", ARTICLE.index("OUTRAGEOUS"),
                                                                         "warning")
    assert document["fluency"] is not None  # the built-in checks ran too
    for output_format in RENDERERS:
        report = invoke("scan", shouting, "--format", output_format, "--fail-on", "never").stdout
        assert "MT901" in report, output_format
    sarif = json.loads(invoke("scan", shouting, "--format", "sarif").stdout)
    (rule,) = [r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "MT901"]
    assert rule["name"] == "Shouting" and rule["shortDescription"]["text"] == "A word written in capitals."
    assert ",title=MT901 shouting::" in invoke("scan", shouting, "--format", "github").stdout


@pytest.mark.model
def test_a_registered_rule_is_known_to_rules_config_and_select(shouting: Path) -> None:
    assert "MT901  shouting (style, warning)" in invoke("rules").stdout
    assert all_rules()[-1].code == "MT901"  # after the built-in ones, whose order the reports keep
    (shouting.parent / "mtcheck.toml").write_text('severity = {MT901 = "error"}\n', encoding="utf-8")
    result = invoke("scan", shouting, "--format", "json", "--select", "MT9")
    (document,) = json.loads(result.stdout)["documents"]
    assert [(f["code"], f["severity"]) for f in document["findings"]] == [("MT901", "error")]
    assert result.exit_code == 1
    (shouting.parent / "mtcheck.toml").write_text('severity = {MT902 = "error"}\n', encoding="utf-8")
    refused = invoke("scan", shouting)
    assert refused.exit_code == 2 and "unknown finding code 'MT902'" in refused.stderr


@pytest.mark.model
def test_a_registered_checks_setting_is_a_checked_config_key(shouting: Path) -> None:
    shown = invoke("config", "show").stdout
    assert "shouting-min-letters = 5  # default: capital letters that make a word shouting" in shown
    config = shouting.parent / "mtcheck.toml"
    config.write_text("shouting-min-letters = 3\n", encoding="utf-8")
    shouting.write_text(ARTICLE.replace("next week", "next week, the EU said"), encoding="utf-8")
    (document,) = json.loads(invoke("scan", shouting, "--format", "json", "--select", "MT9").stdout)["documents"]
    assert [f["text"] for f in document["findings"]] == ["OUTRAGEOUS"]  # "EU" has two capitals, fewer than 3
    config.write_text("shouting-min-letters = 2\n", encoding="utf-8")
    (document,) = json.loads(invoke("scan", shouting, "--format", "json", "--select", "MT9").stdout)["documents"]
    assert [f["text"] for f in document["findings"]] == ["OUTRAGEOUS", "EU"]
    config.write_text('shouting-min-letters = "many"\n', encoding="utf-8")
    refused = invoke("scan", shouting)
    assert refused.exit_code == 2 and "'shouting-min-letters' must be a whole number from 2 to 40" in refused.stderr


def test_two_checks_cannot_declare_one_code() -> None:
    class Impostor(ShoutingCheck):
        name = "impostor"
        rules = (Rule("MT201", "impostor", "name", "", "", "", "", "warning"),)

    with pytest.raises(ValueError, match="declares codes another check has: MT201"):
        register(Impostor)
