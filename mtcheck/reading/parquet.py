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
                 max_text_bytes: int = MAX_FILE_BYTES) -> Iterator[Document | InputError]:
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        yield InputError(path, INSTALL_HINT)
        return
    number = 0
    for rows in _row_batches(parquet, stream, fields):
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


def _row_batches(parquet, stream: BinaryIO, fields: RecordFields) -> Iterator[list[dict] | Exception]:
    """The table's rows (the named fields only, when it has them), a batch at
    a time; pyarrow's error, as a value, where the file turns out damaged
    (only pyarrow's own reading is guarded: a fault of ours still raises)."""
    try:
        table = parquet.ParquetFile(stream)
        columns = [name for name in (fields.text, fields.id, fields.source) if name in table.schema_arrow.names]
        batches = table.iter_batches(batch_size=ROWS_PER_BATCH, columns=columns or None)
        for batch in batches:
            yield batch.to_pylist()
    except Exception as error:  # noqa: BLE001 - pyarrow raises many kinds for a damaged file
        yield error
