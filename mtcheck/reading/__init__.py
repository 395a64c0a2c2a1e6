"""Reading articles: files, directories and stdin into ``Document`` values.

    for item in iter_inputs(["seeds/", "feed.jsonl", "-"]):
        if isinstance(item, InputError): report(item.describe())
        else: check(item)

Formats come from the file extension (``FORMAT_BY_EXTENSION``): plain text,
Markdown, HTML and JSONL (one article per line). Bad input never raises: it
becomes an ``InputError`` and reading goes on with the next file or line.
Paragraphs are split (``paragraphs``, ``markdown``, ``html``) and marked
boilerplate, duplicate or too-short (``boilerplate``) here, so every later
stage sees the same paragraphs.
"""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from typing import IO, Callable, Iterable, Iterator

from mtcheck.document import Document, InputError
from mtcheck.reading.boilerplate import mark_paragraphs
from mtcheck.reading.files import (
    FORMAT_BY_EXTENSION,
    MAX_FILE_BYTES,
    UnreadableText,
    decode_html,
    decode_text,
    format_for,
    from_regular_file,
    iter_files,
    printable_path,
    read_limited,
)
from mtcheck.reading.html import extract_html
from mtcheck.reading.jsonl import LineStart, RecordFields, iter_jsonl
from mtcheck.reading.markdown import regions_from_comments, split_markdown
from mtcheck.reading.parquet import iter_parquet
from mtcheck.reading.paragraphs import Span, bounded, split_plain

__all__ = [
    "FORMAT_BY_EXTENSION",
    "STDIN_PATH",
    "Span",
    "iter_inputs",
    "parse_text",
    "read_file",
    "read_stdin",
]

STDIN_PATH = "<stdin>"


def iter_inputs(
    paths: Iterable[str | os.PathLike],
    *,
    text_field: str = "text",
    id_field: str = "id",
    source_field: str | None = None,
    stdin: IO | None = None,
    stdin_format: str | None = None,
    stdin_filename: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Document | InputError]:
    """Documents (or InputErrors) for files, directories and "-" (stdin).

    Directories are searched recursively, in sorted order, for files with a
    known extension; hidden files and directories are skipped. A file named
    explicitly is read whatever its extension (plain text if unknown).
    Standard input is read as ``stdin_format``, else as the extension of
    ``stdin_filename`` says (which also names it in reports), else as text.
    Only regular files are read; one (or a JSONL line) over ``max_bytes`` is
    an InputError. JSONL objects and Parquet rows hold the article in
    ``text_field``, its id in ``id_field`` and, if named, where it came from
    (a publisher, a feed) in ``source_field``.
    """
    fields = dict(text_field=text_field, id_field=id_field, source_field=source_field, max_bytes=max_bytes)
    for path in map(os.fspath, paths):
        if path == "-":
            yield from read_stdin(stdin, format=stdin_format, filename=stdin_filename, **fields)
        elif os.path.isdir(path):
            yield from read_directory(path, **fields)
        else:
            yield from read_file(path, **fields)


def read_directory(directory: str, read: Callable[..., Iterator] | None = None, **fields) -> Iterator:
    """Every article under ``directory``, each file given to ``read`` (by
    default ``read_file``); one that holds none is an error, so a scan of an
    empty or misnamed folder never passes silently."""
    found_any = False
    for found in iter_files(directory):
        found_any = True
        if isinstance(found, InputError):
            yield dataclasses.replace(found, path=printable_path(found.path))
        else:
            yield from (read or read_file)(found, **fields)
    if not found_any:
        extensions = ", ".join(FORMAT_BY_EXTENSION)
        yield InputError(printable_path(directory),
                         f"no articles found: no files ending in {extensions} under this directory")


def read_file(
    path: str, *, format: str | None = None, name: str | None = None, first: int = 1, offset: int = 0,
    text_field: str = "text", id_field: str = "id", source_field: str | None = None, max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Document | InputError]:
    """One file's Documents: one, or one per line for JSONL (streamed), named
    in reports by ``name``, else the path's printable form. A JSONL file or
    a Parquet table is read from its record number ``first`` (a line, a
    row), which for JSONL starts at byte ``offset``."""
    format = format or format_for(path) or "txt"
    name = name or printable_path(path)

    def documents(handle: IO[bytes]) -> Iterator[Document | InputError]:
        handle.seek(offset)
        return documents_from_stream(handle, path=name, format=format, first=first, offset=offset,
                                     text_field=text_field, id_field=id_field, source_field=source_field,
                                     max_bytes=max_bytes)

    yield from from_regular_file(path, name, documents)


def documents_from_bytes(data: bytes, *, path: str, format: str, **fields) -> Iterator[Document | InputError]:
    """The Documents in ``data``, as read from a file named ``path``."""
    yield from documents_from_stream(io.BytesIO(data), path=path, format=format, **fields)


def documents_from_stream(
    stream: IO[bytes], *, path: str, format: str, first: int = 1, offset: int = 0, text_field: str = "text",
    id_field: str = "id", source_field: str | None = None, max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Document | InputError]:
    """``read_file`` on a stream that stands at ``offset``."""
    fields = RecordFields(text_field, id_field, source_field)
    if format == "jsonl":
        yield from iter_jsonl(path, stream, fields, make_document=parse_text, max_line_bytes=max_bytes,
                              start=LineStart(first, offset))
        return
    if format == "parquet":
        yield from iter_parquet(path, stream, fields, make_document=parse_text, max_text_bytes=max_bytes,
                                first_row=first)
        return
    data = read_limited(stream, path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    try:
        text = decode_html(data) if format == "html" else decode_text(data)
    except UnreadableText as error:
        yield InputError(path, str(error))
    else:
        yield parse_text(text, path=path, format=format)


def read_stdin(
    stream: IO | None = None, *, format: str | None = None, filename: str | None = None, **fields,
) -> Iterator[Document | InputError]:
    """Standard input (or ``stream``) as ``format``, else as ``filename``'s
    extension says, else as plain text; reported as ``filename`` or <stdin>.

    Reads bytes when the stream has a binary buffer (the real stdin), so the
    same checks apply as for files; a text stream (io.StringIO) is encoded
    back to UTF-8 first.
    """
    stream = sys.stdin if stream is None else stream
    path = filename or STDIN_PATH
    format = format or (format_for(filename) if filename else None) or "txt"
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        buffer = io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))
    try:
        yield from documents_from_stream(buffer, path=path, format=format, **fields)
    except OSError as error:
        yield InputError(path, f"cannot read: {error.strerror or error}")


def parse_text(
    text: str, *, path: str = "<text>", format: str = "txt", id: str | None = None, line: int | None = None,
    source: str | None = None,
) -> Document:
    """A Document from text already in memory.

    ``format`` "html" takes markup and keeps the extracted text; "md" keeps
    the raw Markdown; anything else ("txt", "jsonl") is split as plain text.
    """
    disabled: list = []
    if format == "html":
        text, spans, disabled = extract_html(text)
    elif format == "md":
        spans = split_markdown(text)
        disabled = regions_from_comments(text, spans)
    else:
        spans = split_plain(text)
    return Document(
        path=path, text=text, paragraphs=mark_paragraphs(text, bounded(text, spans)), id=id, line=line, format=format,
        disabled=tuple(disabled), source=source,
    )
