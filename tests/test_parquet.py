"""Parquet tables of articles: read row by row like JSONL lines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cli_run import invoke
from mtcheck.document import Document, InputError
from mtcheck.reading import iter_inputs

parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow comes with mtcheck[ray], which make test installs")
import pyarrow  # noqa: E402

# A repair the fixer would apply unasked: Stavridis is spelled right in the second sentence.
ARTICLE = ("Retired admiral James Stabridisdad said the alliance would meet again in Brussels next week. "
           "Stavridis spoke after the meeting.")


def write_table(path: Path, rows: list[dict]) -> Path:
    parquet.write_table(pyarrow.Table.from_pylist(rows), path)
    return path


def test_each_row_is_an_article_named_by_its_id_and_row_number(tmp_path: Path) -> None:
    table = write_table(tmp_path / "archive.parquet", [
        {"id": "a1", "text": ARTICLE, "publisher": "wire"},
        {"id": "a2", "text": None, "publisher": "wire"},
        {"id": None, "text": "The finance minister said the budget would pass this week.", "publisher": "wire"},
    ])
    items = list(iter_inputs([tmp_path]))
    assert [type(item) for item in items] == [Document, InputError, Document]
    first, bad, third = items
    assert (first.id, first.line, first.format, first.text) == ("a1", 1, "parquet", ARTICLE)
    assert (bad.line, bad.message) == (2, "the 'text' field is null, not a string")
    assert (third.id, third.line, third.path) == (None, 3, str(table))


def test_the_text_id_and_source_fields_are_chosen_as_for_jsonl(tmp_path: Path) -> None:
    table = write_table(tmp_path / "archive.parquet", [{"uid": 7, "body": ARTICLE, "feed": "wire"}])
    (document,) = iter_inputs([table], text_field="body", id_field="uid", source_field="feed")
    assert (document.id, document.text, document.source) == ("7", ARTICLE, "wire")
    (missing,) = iter_inputs([table])
    assert missing.message.startswith("no 'text' field (fields present: body, feed, uid)")


def test_a_damaged_table_is_one_error_and_the_other_inputs_are_read(tmp_path: Path) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not a parquet file PAR1")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    broken, story = iter_inputs([tmp_path])
    assert isinstance(broken, InputError) and broken.message.startswith("not a readable Parquet file: ")
    assert isinstance(story, Document)


def test_without_pyarrow_a_table_is_an_error_that_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    table = write_table(tmp_path / "archive.parquet", [{"text": ARTICLE}])
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    (error,) = iter_inputs([table])
    assert error.message == "reading Parquet needs pyarrow: pip install 'mtcheck[ray]' (or pyarrow)"


@pytest.mark.model
def test_a_table_is_scanned_but_not_fixed_in_place(tmp_path: Path) -> None:
    table = write_table(tmp_path / "archive.parquet", [{"id": "a1", "text": ARTICLE}])
    before = table.read_bytes()
    scanned = invoke("scan", table, "--format", "github")
    assert "archive.parquet" in scanned.stdout and "Stabridisdad" in scanned.stdout
    fixed = invoke("fix", table, "--write")
    assert fixed.exit_code == 3 and "Parquet tables are not fixed in place" in fixed.stderr
    assert table.read_bytes() == before
