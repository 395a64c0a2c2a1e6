"""Planned pieces read back, batch by batch, give exactly what a local read
gives: the promise that lets Ray workers read their own batches and still
report what a local scan reports."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest

from mtcheck.document import Document, InputError
from mtcheck.reading import iter_inputs
from mtcheck.reading.pieces import Piece, batch_pieces, plan_inputs, read_pieces

parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow comes with mtcheck[ray], which make test installs")
import pyarrow  # noqa: E402

MAX_BYTES = 2_000
ARTICLE = "Retired admiral James Stabridisdad said the alliance would meet again in Brussels next week."
FIELDS = dict(text_field="body", id_field="uid", source_field="desk")


def record(uid: str, text: str = ARTICLE) -> bytes:
    return json.dumps({"uid": uid, "body": f"{text} ({uid})", "desk": "world"}).encode() + b"\n"


def awkward_feed() -> bytes:
    """A feed with every kind of line the reader treats apart."""
    return b"".join([
        b"\xef\xbb\xbf" + record("bom"),           # a byte-order mark before the first line
        b"\n", b"   \n", "\u00a0\u2028\n".encode(),  # blank lines, one blank only to Unicode
        record("crlf").replace(b"\n", b"\r\n"),
        b'{"uid": "bad json", "body": \n',
        b"\xff\xfe not UTF-8\n",
        b'["an", "array"]\n',
        record("long", "word " * MAX_BYTES),        # over the size limit
        record("after-long"),
        b'{"uid": "no body"}\n',
        record("last, no newline").removesuffix(b"\n"),
    ])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    root = tmp_path_factory.mktemp("inputs")
    archive = root / "archive"
    (archive / "sub").mkdir(parents=True)
    (archive / "a.txt").write_text(ARTICLE)
    (archive / "b.md").write_text(f"# Title\n\n{ARTICLE}\n")
    (archive / "c.html").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>")
    (archive / "sub" / "d.txt").write_bytes(b"\xff\xfe latin-1 text")
    (archive / ".hidden.txt").write_text(ARTICLE)
    (archive / "e.jsonl").write_bytes(awkward_feed())
    rows = [{"uid": f"row{i}", "body": f"{ARTICLE} {i}", "desk": "archive"} for i in range(7)] + [{"uid": "none"}]
    parquet.write_table(pyarrow.Table.from_pylist(rows), archive / "f.parquet", row_group_size=3)
    (archive / "g.parquet").write_bytes(b"PAR1 damaged PAR1")
    (root / "empty").mkdir()
    (root / "binary.jsonl").write_bytes(record("before") + b'{"uid": "x\0"}\n' + record("never read"))
    (root / "notes.log").write_text(ARTICLE)
    return [str(archive), str(root / "empty"), str(root / "missing.txt"), str(root / "binary.jsonl"),
            str(archive / "e.jsonl"), "-", str(root / "notes.log")]


def local_read(paths: list[str]) -> list:
    return list(iter_inputs(paths, stdin=io.StringIO(ARTICLE), max_bytes=MAX_BYTES, **FIELDS))


def planned(paths: list[str]) -> list:
    return list(plan_inputs(paths, stdin=io.StringIO(ARTICLE), max_bytes=MAX_BYTES, **FIELDS))


def test_the_inputs_hold_every_kind_of_item(inputs) -> None:
    items = local_read(inputs)
    errors = [item.message.split(":")[0] for item in items if isinstance(item, InputError)]
    assert len(items) == 37 and len(errors) == 16, errors
    assert {"no articles found", "no such file or directory", "malformed JSON", "expected a JSON object, got an array",
            "line larger than max-file-size (2,000 bytes); not read (raise max-file-size in the config to read it)",
            "not a readable Parquet file", "binary file (NUL byte at byte offset 158); expected UTF-8 JSON lines",
            "not valid UTF-8"} <= set(errors)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 40])
def test_pieces_read_back_batch_by_batch_are_what_a_local_read_batches(inputs, size) -> None:
    expected = local_read(inputs)
    batches = list(batch_pieces(planned(inputs), size))
    read = [list(read_pieces(batch, max_bytes=MAX_BYTES, **FIELDS)) for batch in batches]
    assert read == [expected[i:i + size] for i in range(0, len(expected), size)]


def test_a_batch_names_each_run_of_records_once_and_holds_no_text(inputs) -> None:
    (batch,) = batch_pieces(planned([inputs[0]]), 40)
    pieces = [item for item in batch if isinstance(item, Piece)]
    assert [(Path(piece.name).name, piece.number, piece.count) for piece in pieces] == [
        ("a.txt", 1, 1), ("b.md", 1, 1), ("c.html", 1, 1), ("e.jsonl", 1, 9), ("f.parquet", 1, 8), ("d.txt", 1, 1),
    ]
    assert not any(isinstance(item, Document) for item in batch)  # the damaged table's error travels as it is


def test_a_file_named_twice_is_two_runs(inputs) -> None:
    feed = inputs[4]
    (batch,) = batch_pieces(planned([feed, feed]), 40)
    assert [(piece.number, piece.count) for piece in batch] == [(1, 9), (1, 9)]


def test_the_reader_may_stand_in_another_directory(inputs, tmp_path, monkeypatch) -> None:
    archive = Path(inputs[0])
    monkeypatch.chdir(archive.parent)
    expected = local_read(["archive"])
    batches = list(batch_pieces(planned(["archive"]), 4))
    monkeypatch.chdir(tmp_path)
    assert list(itertools.chain.from_iterable(read_pieces(b, max_bytes=MAX_BYTES, **FIELDS) for b in batches)) == expected
    assert expected[0].path == "archive/a.txt"
