"""The inputs as pieces that another process reads: the work of a scan on
many machines, planned without reading the articles.

    planned = plan_inputs(["archive/", "feed.jsonl"], max_bytes=...)
    for batch in batch_pieces(planned, 8):   # what one worker checks
        items = list(read_pieces(batch))     # on the worker: as iter_inputs reads them

A ``Piece`` is a run of consecutive articles of one file: the whole of a
text, Markdown or HTML file, or lines of a JSONL file from a byte offset, or
rows of a Parquet table. Planning lists directories, reads a JSONL file's
lines without parsing them (``article_lines``, which the reader uses too, so
both find the same articles) and a Parquet table's footer; nothing is kept
but where each piece starts. Standard input and inputs that are errors
already (a folder with no articles, a file that cannot be opened) are read
here and travel as they are.

Read back in order, the pieces give exactly what ``iter_inputs`` gives, item
for item, so batches of them hold the documents a local scan batches. They
name files by absolute path: the process that reads them must see the same
files at the same paths (the same machine, or a shared file system).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from typing import IO, Iterable, Iterator, Union

from mtcheck.document import Document, InputError
from mtcheck.reading import parse_text, read_directory, read_file, read_stdin
from mtcheck.reading.files import MAX_FILE_BYTES, RECORD_FORMATS, format_for, from_regular_file, printable_path
from mtcheck.reading.jsonl import RecordFields, article_lines
from mtcheck.reading.parquet import iter_parquet, row_count


@dataclasses.dataclass(frozen=True)
class Piece:
    """``count`` consecutive articles of one file, from the record at
    ``number`` (a JSONL line, a Parquet row; 1 for a whole file) and, for
    JSONL, the byte ``offset`` where that line starts."""

    path: str  # absolute, to open
    name: str  # as reports name the file
    format: str
    number: int = 1
    offset: int = 0
    count: int = 1


Planned = Union[Piece, Document, InputError]


def plan_inputs(
    paths: Iterable[str | os.PathLike], *, stdin: IO | None = None, stdin_format: str | None = None,
    stdin_filename: str | None = None, max_bytes: int = MAX_FILE_BYTES, **fields,
) -> Iterator[Planned]:
    """One planned item per item ``iter_inputs`` would read, in its order:
    a Piece of one article, or a Document or InputError read here. Takes
    ``iter_inputs``'s arguments (``fields`` being the text, id and source
    fields, which only reading needs)."""
    for path in map(os.fspath, paths):
        if path == "-":
            yield from read_stdin(stdin, format=stdin_format, filename=stdin_filename, max_bytes=max_bytes, **fields)
        elif os.path.isdir(path):
            yield from read_directory(path, plan_file, max_bytes=max_bytes)
        else:
            yield from plan_file(path, max_bytes=max_bytes)


def plan_file(path: str, *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Planned]:
    format = format_for(path) or "txt"
    piece = Piece(os.path.abspath(path), printable_path(path), format)
    if format not in RECORD_FORMATS:
        yield piece
        return
    yield from from_regular_file(path, piece.name, lambda handle: _plan_records(piece, handle, max_bytes))


def _plan_records(piece: Piece, handle, max_bytes: int) -> Iterator[Planned]:
    if piece.format == "parquet":
        rows = row_count(handle)
        if rows is None:  # no pyarrow, or no readable footer: reading it here says so, in one line
            yield from iter_parquet(piece.name, handle, RecordFields(), make_document=parse_text)
        else:
            yield from (dataclasses.replace(piece, number=row) for row in range(1, rows + 1))
        return
    for here, line in article_lines(piece.name, handle, max_bytes):
        yield dataclasses.replace(piece, number=here.number, offset=here.offset)


def batch_pieces(planned: Iterable[Planned], size: int) -> Iterator[list[Planned]]:
    """``size`` planned articles at a time (the batches a local scan makes),
    with consecutive records of one file joined into one piece."""
    iterator = iter(planned)
    while batch := list(itertools.islice(iterator, size)):
        yield list(_joined(batch))


def _joined(batch: list[Planned]) -> Iterator[Planned]:
    run: Piece | None = None
    last = 0  # the record number the run ends on
    for item in batch:
        if (run is not None and isinstance(item, Piece) and item.format in RECORD_FORMATS
                and item.path == run.path and item.number > last):  # not the same file named again
            run, last = dataclasses.replace(run, count=run.count + 1), item.number
            continue
        if run is not None:
            yield run
            run = None
        if isinstance(item, Piece):
            run, last = item, item.number
        else:
            yield item
    if run is not None:
        yield run


def read_pieces(planned: Iterable[Planned], **reading) -> Iterator[Document | InputError]:
    """The articles of planned items, as ``iter_inputs`` reads them (``reading``:
    ``read_file``'s fields and max_bytes)."""
    for item in planned:
        if isinstance(item, Piece):
            yield from itertools.islice(read_file(item.path, format=item.format, name=item.name, first=item.number,
                                                  offset=item.offset, **reading), item.count)
        else:
            yield item
