"""`mtcheck fix`: name suggestions applied exactly, safely and idempotently (no model needed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_run import invoke

from mtcheck.checks.names import NameCheck
from mtcheck.checks.names.decision import load_decision
from mtcheck.fix import Edit, FixError, apply_edits, plan_text_file, write_plan
from mtcheck.gazetteer import load_gazetteer
from mtcheck.reading import iter_inputs

ROOT = Path(__file__).resolve().parent.parent
GARBLED_SEED = next((ROOT / "seeds").glob("003_*.txt"))


@pytest.fixture()
def garbled_copy(tmp_path: Path) -> Path:
    return Path(shutil.copy(GARBLED_SEED, tmp_path / GARBLED_SEED.name))


@pytest.mark.model
def test_diff_is_the_default_and_leaves_the_file_untouched(garbled_copy: Path) -> None:
    before = garbled_copy.read_bytes()
    result = invoke("fix", garbled_copy)
    assert result.exit_code == 0
    assert garbled_copy.read_bytes() == before
    removed = [line for line in result.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in result.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 3  # the three paragraphs holding the three names
    assert "would replace 3 names (Voldimi -> Volodymyr, Stabridisdad -> Stavridis, " \
           "Spruez -> Sprūds); chrF" in result.stderr


@pytest.mark.model
def test_write_replaces_the_three_names_and_nothing_else_then_has_nothing_left(garbled_copy: Path) -> None:
    original = garbled_copy.read_text(encoding="utf-8")
    result = invoke("fix", garbled_copy, "--write")
    assert result.exit_code == 0, result.output
    fixed = garbled_copy.read_text(encoding="utf-8")
    expected = (original.replace("President Voldimi Zelensky", "President Volodymyr Zelensky")
                .replace("James Stabridisdad", "James Stavridis")
                .replace("Andris Spruez", "Andris Sprūds"))
    assert fixed == expected != original
    assert "Kiev" in fixed  # an older spelling is --unsafe's business
    assert Path(f"{garbled_copy}.bak").read_text(encoding="utf-8") == original
    (document,) = iter_inputs([garbled_copy])
    assert [f for f in NameCheck(load_gazetteer()).check_document(document) if f.code == "MT201"] == []
    again = invoke("fix", garbled_copy, "--write", "--no-backup")
    assert again.exit_code == 0 and "nothing to fix" in again.stderr
    assert garbled_copy.read_text(encoding="utf-8") == fixed


@pytest.mark.model
def test_unsafe_also_modernises_older_spellings(garbled_copy: Path) -> None:
    invoke("fix", garbled_copy, "--write", "--unsafe", "--no-backup")
    fixed = garbled_copy.read_text(encoding="utf-8")
    assert "Kiev" not in fixed and "Kyiv" in fixed
    assert not Path(f"{garbled_copy}.bak").exists()


# Human-written news (fixtures/newssources/, a US Senate record of 2004):
# Steve Dyslas, a Northrop Grumman executive, is spelled right. The language
# model reads "Steve Dallas" more easily, as it would any famous name.
RIGHT_NAME_THE_MODEL_DOUBTS = (
    "About half an hour later, Secretary Roche gave Mr. Cleveland's resume and cover letter, and, under color of "
    "his office and title, vouched for him to Steve Dyslas, a Northrop Grumman executive: I know this guy. "
    "He is good.\n")


@pytest.mark.model
def test_a_name_only_the_language_model_argues_for_is_shown_but_fixed_only_with_unsafe(tmp_path: Path) -> None:
    article = tmp_path / "senate.txt"
    article.write_text(RIGHT_NAME_THE_MODEL_DOUBTS, encoding="utf-8")
    (document,) = json.loads(invoke("scan", article, "--format", "json", "--select", "MT201").stdout)["documents"]
    (finding,) = document["findings"]
    assert (finding["text"], finding["suggestions"], finding["fix"]) == ("Dyslas", ["Dallas"], "unsafe")
    assert finding["details"]["spelling_confidence"] < load_decision().spelling.finding_threshold
    # The report puts it as a possibility, not as the name meant.
    assert finding["message"].startswith("name looks corrupted: 'Dyslas' may be 'Dallas' (")
    assert finding["message"].endswith("its spelling alone would not be flagged: check the name)")
    result = invoke("fix", article, "--write")
    assert result.exit_code == 0
    assert "nothing to fix; 1 more only with --unsafe (Dyslas -> Dallas)" in result.stderr
    assert article.read_text(encoding="utf-8") == RIGHT_NAME_THE_MODEL_DOUBTS
    assert invoke("fix", article, "--write", "--unsafe", "--no-backup").exit_code == 0
    assert article.read_text(encoding="utf-8") == RIGHT_NAME_THE_MODEL_DOUBTS.replace("Dyslas", "Dallas")


@pytest.mark.model
def test_jsonl_articles_are_fixed_field_by_field(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a1", "text": "Officials said James Stabridisdad would testify. Stavridis declined to comment.",
         "byline": "Jim Sait"},
        {"id": "a2", "text": "A clean article about the weather in the capital this week."},
    ]
    feed.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    untouched_line = feed.read_text(encoding="utf-8").splitlines()[1]
    assert invoke("fix", feed, "--write").exit_code == 0
    first, second = feed.read_text(encoding="utf-8").splitlines()
    assert json.loads(first) == {**lines[0], "text": lines[0]["text"].replace("Stabridisdad", "Stavridis")}
    assert second == untouched_line  # lines without edits keep their bytes


@pytest.mark.model
def test_html_is_reported_not_fixed(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text("<p>Retired admiral James Stabridisdad said so. Stavridis later agreed.</p>", encoding="utf-8")
    before = page.read_bytes()
    result = invoke("fix", page, "--write")
    assert result.exit_code == 3 and "HTML is not fixed in place" in result.stderr
    assert page.read_bytes() == before


def test_a_file_changed_since_it_was_read_is_not_written(garbled_copy: Path) -> None:
    (document,) = iter_inputs([garbled_copy])
    original = garbled_copy.read_bytes()
    start = document.text.index("Stabridisdad")
    plan = plan_text_file(str(garbled_copy), original, document,
                          [Edit(start, start + 12, "Stabridisdad", "Stavridis", "MT201")])
    garbled_copy.write_text("someone else's edit", encoding="utf-8")
    with pytest.raises(FixError, match="changed since it was read"):
        write_plan(plan)
    assert garbled_copy.read_text(encoding="utf-8") == "someone else's edit"


def test_apply_edits_refuses_a_span_that_does_not_hold_the_old_text() -> None:
    with pytest.raises(FixError):
        apply_edits("James Stavridis", [Edit(6, 15, "Stabridis", "Stavridis", "MT201")])
    assert apply_edits("a Voldimi b", [Edit(2, 9, "Voldimi", "Volodymyr", "MT201")]) == "a Volodymyr b"


@pytest.mark.model
def test_unreadable_path_exits_3_and_the_rest_is_fixed(garbled_copy: Path, tmp_path: Path) -> None:
    result = invoke("fix", tmp_path / "missing.txt", garbled_copy, "--write", "--no-backup")
    assert result.exit_code == 3 and "missing.txt" in result.stderr
    assert "Stavridis said on Thursday" in garbled_copy.read_text(encoding="utf-8")
