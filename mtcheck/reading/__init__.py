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

import os
import sys
from typing import IO, Iterable, Iterator

from mtcheck.document import Document, InputError
from mtcheck.reading.boilerplate import mark_paragraphs
from mtcheck.reading.files import (
    FORMAT_BY_EXTENSION,
    UTF8_BOM,
    UnreadableText,
    decode_text,
    format_for,
    iter_files,
    read_bytes,
)
from mtcheck.reading.html import extract_html
from mtcheck.reading.jsonl import iter_jsonl
from mtcheck.reading.markdown import regions_from_comments, split_markdown
from mtcheck.reading.paragraphs import Span, split_plain

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
    stdin: IO | None = None,
) -> Iterator[Document | InputError]:
    """Documents (or InputErrors) for files, directories and "-" (stdin).

    Directories are searched recursively, in sorted order, for files with a
    known extension; hidden files and directories are skipped. A file named
    explicitly is read whatever its extension (plain text if unknown).
    """
    for path in map(os.fspath, paths):
        if path == "-":
            yield read_stdin(stdin)
        elif os.path.isdir(path):
            yield from read_directory(path, text_field=text_field, id_field=id_field)
        else:
            yield from read_file(path, text_field=text_field, id_field=id_field)


def read_directory(directory: str, *, text_field: str, id_field: str) -> Iterator[Document | InputError]:
    for found in iter_files(directory):
        if isinstance(found, InputError):
            yield found
        else:
            yield from read_file(found, text_field=text_field, id_field=id_field)


def read_file(
    path: str, *, format: str | None = None, text_field: str = "text", id_field: str = "id"
) -> Iterator[Document | InputError]:
    """One file's Documents: one, or one per line for JSONL."""
    format = format or format_for(path) or "txt"
    data = read_bytes(path)
    if isinstance(data, InputError):
        yield data
    elif format == "jsonl":
        yield from iter_jsonl(path, data, text_field=text_field, id_field=id_field, make_document=parse_text)
    else:
        try:
            yield parse_text(decode_text(data), path=path, format=format)
        except UnreadableText as error:
            yield InputError(path, str(error))


def read_stdin(stream: IO | None = None) -> Document | InputError:
    """Standard input (or ``stream``) as one plain-text Document.

    Reads bytes when the stream has a binary buffer (the real stdin), so the
    same UTF-8 checks apply as for files; a text stream (io.StringIO) is
    taken as it is.
    """
    stream = sys.stdin if stream is None else stream
    try:
        buffer = getattr(stream, "buffer", None)
        text = decode_text(buffer.read()) if buffer is not None else stream.read()
    except UnreadableText as error:
        return InputError(STDIN_PATH, str(error))
    except (OSError, UnicodeDecodeError) as error:
        return InputError(STDIN_PATH, f"cannot read: {error}")
    if "\0" in text:
        return InputError(STDIN_PATH, f"binary input (NUL character at offset {text.index(chr(0))}); expected text")
    return parse_text(text.removeprefix(UTF8_BOM), path=STDIN_PATH, format="txt")


def parse_text(
    text: str, *, path: str = "<text>", format: str = "txt", id: str | None = None, line: int | None = None
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
        disabled = regions_from_comments(text)
    else:
        spans = split_plain(text)
    return Document(
        path=path, text=text, paragraphs=mark_paragraphs(text, spans), id=id, line=line, format=format,
        disabled=tuple(disabled),
    )
