"""Results as shards: a run too large for one report writes its documents'
results into files under a directory, one file per part of the input (on
Ray, the worker that checks a part writes it).

    DIR/part-000000.jsonl    one line per document, as --format jsonl writes it
    DIR/part-000000.parquet  one row per document: columns to filter on, and
                             the same JSON in "document"

Parts are numbered in input order, and documents keep their order inside a
part, so reading the parts by name gives the documents in input order. A
part is written under a temporary name and renamed into place: a part
written again (a worker retried) replaces its file whole, so each document is
in exactly one file, and a reader never sees half a part.
"""

from __future__ import annotations

import os
from typing import Sequence

from mtcheck.render.json_report import document_dict
from mtcheck.render.jsonl_report import entry_line
from mtcheck.results import DocumentResult

SHARD_FORMATS = ("jsonl", "parquet")
# The Parquet columns besides "document" (the JSON line), fixed so every part has one schema.
PARQUET_COLUMNS = {"path": "string", "id": "string", "line": "int64", "status": "string", "error": "string",
                   "verdict": "string", "fluency": "float64", "findings": "int64"}


def remove_unfinished(directory: str) -> None:
    """Remove what writers that died left half-written (their parts were written again whole)."""
    for name in os.listdir(directory):
        if name.startswith(".part-") and name.endswith(".tmp"):
            os.remove(os.path.join(directory, name))


def shard_path(directory: str, part: int, format: str) -> str:
    return os.path.join(directory, f"part-{part:06d}.{format}")


def write_shard(directory: str, part: int, format: str, results: Sequence[DocumentResult]) -> str:
    """Write one part's results (whole, or not at all); its path."""
    path = shard_path(directory, part, format)
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    entries = [document_dict(result) for result in results]
    lines = [entry_line(entry) for entry in entries]
    try:
        if format == "parquet":
            _write_parquet(temporary, entries, lines)
        else:
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.writelines(line + "\n" for line in lines)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return path


def _write_parquet(path: str, entries: Sequence[dict], lines: Sequence[str]) -> None:
    import pyarrow
    import pyarrow.parquet

    columns = {name: [entry.get(name) for entry in entries] for name in PARQUET_COLUMNS}
    columns["findings"] = [len(entry["findings"]) for entry in entries]
    columns["document"] = list(lines)
    schema = pyarrow.schema([*(pyarrow.field(name, kind) for name, kind in PARQUET_COLUMNS.items()),
                             pyarrow.field("document", "string")])
    pyarrow.parquet.write_table(pyarrow.Table.from_pydict(columns, schema=schema), path)
