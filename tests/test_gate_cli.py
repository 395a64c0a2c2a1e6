"""The CI gate through the real CLI and model: config, thresholds, baseline, suppressions."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import Result

from cli_run import invoke


pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLEAN_SEED = next(SEEDS.glob("000_*.txt"))
GARBLED_SEED = next(SEEDS.glob("003_*.txt"))


def findings(result: Result) -> list[dict]:
    return [f for d in json.loads(result.stdout)["documents"] for f in d["findings"]]


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch) -> Path:
    """A project with copies of the seeds, run from its root (paths stay relative)."""
    shutil.copytree(SEEDS, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_default_config_fails_the_garbled_seed_and_passes_the_clean_one(workdir: Path) -> None:
    assert invoke("scan", f"content/{CLEAN_SEED.name}").exit_code == 0
    assert invoke("scan", f"content/{GARBLED_SEED.name}").exit_code == 1


def test_config_file_settings_apply_and_flags_win(workdir: Path) -> None:
    (workdir / "mtcheck.toml").write_text('fail-on = "never"\naccepted-names = ["Stabridisdad"]\n')
    result = invoke("scan", "content", "--format", "json")
    assert result.exit_code == 0
    assert "Stabridisdad" not in [f["text"] for f in findings(result)]
    assert "Voldimi" in [f["text"] for f in findings(result)]
    assert invoke("scan", "content", "--fail-on", "warning").exit_code == 1


def test_thresholds_fail_a_document_and_say_why(workdir: Path) -> None:
    clean = f"content/{CLEAN_SEED.name}"
    result = invoke("scan", clean, "--min-document-fluency", 90)
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(clean)}: gate failed: document fluency \d+\.\d is below min-document-fluency 90",
                     result.stdout)
    report = json.loads(invoke("scan", clean, "--min-paragraph-fluency", 80, "--format", "json").stdout)
    (document,) = report["documents"]
    assert document["verdict"] == "fail"
    low = [p for p in document["paragraphs"] if p["fluency"] is not None and p["fluency"] < 80]
    assert [f["paragraph"] for f in document["findings"] if f["code"] == "MT104"] == [p["index"] for p in low]
    (workdir / "mtcheck.toml").write_text("max-corrupted-names = 2\n")
    garbled = json.loads(invoke("scan", f"content/{GARBLED_SEED.name}", "--format", "json").stdout)
    assert garbled["documents"][0]["gate_failures"] == ["3 corrupted names, more than max-corrupted-names 2"]


def test_baseline_of_the_seeds_reports_nothing_until_a_name_is_edited(workdir: Path) -> None:
    created = invoke("baseline", "create", "content", "--output", "baseline.json")
    assert created.exit_code == 0, created.output
    assert json.loads((workdir / "baseline.json").read_text())["findings"]
    result = invoke("scan", "content", "--baseline", "baseline.json", "--format", "json", "--fail-on", "warning")
    assert (result.exit_code, findings(result)) == (0, [])
    garbled = workdir / "content" / GARBLED_SEED.name
    garbled.write_text("A new first paragraph, added by an editor today.\n\n"
                       + garbled.read_text().replace("Voldimi", "Voldymi"))
    result = invoke("scan", "content", "--baseline", "baseline.json", "--format", "json")
    # The edit is also the next paragraph's lead, which moves that paragraph's
    # score; one scoring at the garbled line (30.5 against 30) may cross it, a
    # new info finding. Everything that can fail a gate is exactly the edit.
    new = [(f["code"], f["text"]) for f in findings(result) if f["severity"] != "info"]
    assert new == [("MT201", "Voldymi")]


def test_inline_disable_comments_in_markdown(workdir: Path) -> None:
    article = workdir / "content" / "story.md"
    article.write_text("# Talks\n\nRetired admiral James Stabridisdad said the talks would fail.\n\n"
                       "<!-- mtcheck-disable MT201 -->\n\nStabridisdad said Stavridis was wrong again.\n\n"
                       "<!-- mtcheck-enable -->\n")
    names = [f for f in findings(invoke("scan", article, "--format", "json")) if f["code"] == "MT201"]
    assert len(names) == 1 and names[0]["start"] < article.read_text().index("<!-- mtcheck-disable")


def test_bad_baseline_file_exits_2(workdir: Path) -> None:
    (workdir / "baseline.json").write_text("[]")
    result = invoke("scan", "content", "--baseline", "baseline.json")
    assert result.exit_code == 2 and "not a baseline" in result.stderr
