"""Parquet tables of articles: one Document per row, as a JSONL line is.

An archive exported from a data warehouse or a crawl (Common Crawl's news
extracts, a Hugging Face dataset) is usually Parquet. Each row is read like
a JSONL object: the text field is the article, the id field names it, and
the row's number (from 1) stands where a JSONL line's number does. Rows are
read a batch at a time, so a table of any size streams. pyarrow reads the
file; it comes with the Ray extra (pip install 'mtcheck[ray]').
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from mtcheck.document import Document, InputError
from mtcheck.reading.files import MAX_FILE_BYTES, too_large
from mtcheck.reading.jsonl import MakeDocument, RecordFields, document_from_object

ROWS_PER_BATCH = 256
INSTALL_HINT = "reading Parquet needs pyarrow: pip install 'mtcheck[ray]' (or pyarrow)"


def iter_parquet(path: str, stream: BinaryIO, fields: RecordFields, *, make_document: MakeDocument,
                 max_text_bytes: int = MAX_FILE_BYTES, first_row: int = 1) -> Iterator[Document | InputError]:
    """The table's articles from row ``first_row`` (counted from 1) on."""
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        yield InputError(path, INSTALL_HINT)
        return
    number = first_row - 1
    for rows in _row_batches(parquet, stream, fields, skip=first_row - 1):
        if isinstance(rows, Exception):
            yield InputError(path, f"not a readable Parquet file: {rows}")
            return
        for row in rows:
            number += 1
            text = row.get(fields.text)
            if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > max_text_bytes:
                yield too_large(path, max_text_bytes, line=number)
                continue
            yield document_from_object(path, number, row, fields, make_document, "parquet")


def row_count(stream: BinaryIO) -> int | None:
    """How many rows the table holds, from its footer alone; None when
    pyarrow is missing or the footer cannot be read (reading the rows then
    says why)."""
    try:
        import pyarrow.parquet as parquet

        return parquet.ParquetFile(stream).metadata.num_rows
    except Exception:  # noqa: BLE001 - ImportError, or any of pyarrow's kinds for a damaged file
        return None


def _row_batches(parquet, stream: BinaryIO, fields: RecordFields, skip: int = 0) -> Iterator[list[dict] | Exception]:
    """The table's rows after the first ``skip`` (the named fields only, when
    it has them), a batch at a time; pyarrow's error, as a value, where the
    file turns out damaged (only pyarrow's own reading is guarded: a fault of
    ours still raises). Whole row groups before ``skip`` are not read."""
    try:
        table = parquet.ParquetFile(stream)
        columns = [name for name in (fields.text, fields.id, fields.source) if name in table.schema_arrow.names]
        groups = list(range(table.metadata.num_row_groups))
        while groups and skip >= (size := table.metadata.row_group(groups[0]).num_rows):
            skip -= size
            groups.pop(0)
        for batch in table.iter_batches(batch_size=ROWS_PER_BATCH, row_groups=groups, columns=columns or None):
            rows = batch.to_pylist()
            yield rows[skip:]
            skip = max(0, skip - len(rows))
    except Exception as error:  # noqa: BLE001 - pyarrow raises many kinds for a damaged file
        yield error
