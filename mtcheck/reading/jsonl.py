"""JSONL input: one article per line, each a JSON object with a text field.

A bad line (not UTF-8, malformed JSON, not an object, no text field, a text
field that is not a string or holds half a surrogate pair, longer than the
size limit) becomes an InputError naming the file and the 1-based line; the
other lines are still read. Blank lines are skipped. The file is read one
line at a time, so a feed of any size streams; a NUL byte ends it (binary).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator, Optional

from mtcheck.document import Document, InputError
from mtcheck.reading.files import MAX_FILE_BYTES, UnreadableText, decode_text, too_large

SKIP_CHUNK = 1 << 20

# Builds a Document from one line's article text (given by the package, so
# this module does not import the splitters itself).
MakeDocument = Callable[..., Document]


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a record (a JSONL object, a Parquet row) hold the
    article's text, its id and, when named, its source."""

    text: str = "text"
    id: str = "id"
    source: Optional[str] = None


def json_type(value: object) -> str:
    """How a JSON value's type reads in an error message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


@dataclass(frozen=True)
class LineStart:
    """Where a line of a JSONL file begins: its 1-based number and its byte offset."""

    number: int = 1
    offset: int = 0


def iter_jsonl(
    path: str, stream: BinaryIO, fields: RecordFields, *, make_document: MakeDocument,
    max_line_bytes: int = MAX_FILE_BYTES, start: LineStart = LineStart(),
) -> Iterator[Document | InputError]:
    """Documents and InputErrors from a JSONL byte stream, read one line at a
    time (a feed of any size streams; no line longer than ``max_line_bytes``
    is held in memory). ``start`` is where the stream stands in its file."""
    for here, line in article_lines(path, stream, max_line_bytes, start):
        yield line if isinstance(line, InputError) else read_line(path, here.number, line, fields, make_document)


def article_lines(
    path: str, stream: BinaryIO, max_line_bytes: int, start: LineStart = LineStart(),
) -> Iterator[tuple[LineStart, str | InputError]]:
    """Each line that stands for an article (blank lines do not), with where
    it starts: its text, or the InputError it is (too long, not UTF-8; a NUL
    byte is one too, and ends the file as binary). Whoever counts articles
    without parsing them (a plan of the work for other processes) reads this
    too, so it finds the same ones."""
    number, offset = start.number, start.offset
    for raw, size in bounded_lines(stream, max_line_bytes):
        here = LineStart(number, offset)
        number, offset = number + 1, offset + size
        if raw is None:
            yield here, too_large(path, max_line_bytes, line=here.number)
            continue
        nul = raw.find(b"\0")
        if nul >= 0:
            yield here, InputError(path, f"binary file (NUL byte at byte offset {here.offset + nul}); "
                                         "expected UTF-8 JSON lines")
            return
        try:
            line = decode_text(raw.removesuffix(b"\n"), offset=here.offset, name_line=False)
        except UnreadableText as error:
            yield here, InputError(path, str(error), line=here.number)
            continue
        if line.strip():
            yield here, line


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[Optional[bytes], int]]:
    """(line with its newline, its size) for each line of ``stream``; the line
    is None when longer than ``limit`` bytes (its rest is skipped unkept)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = stream.readline(SKIP_CHUNK)
            size += len(line)
        yield None, size


def read_line(
    path: str, number: int, line: str, fields: RecordFields, make_document: MakeDocument
) -> Document | InputError:
    """One (non-blank) line's Document, or its InputError."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        # json's messages read "Unterminated string starting at", "Expecting
        # value": add the column so the sentence ends with the place.
        where = f"{error.msg.removesuffix(' at')} at column {error.colno}"
        return InputError(path, f"malformed JSON: {where}", line=number)
    except (ValueError, RecursionError) as error:
        return InputError(path, f"malformed JSON: {error}", line=number)
    if not isinstance(value, dict):
        return InputError(path, f"expected a JSON object, got {json_type(value)}", line=number)
    return document_from_object(path, number, value, fields, make_document)


def document_from_object(
    path: str, number: int, value: dict, fields: RecordFields, make_document: MakeDocument,
    format: str = "jsonl",
) -> Document | InputError:
    """The article in one record (a JSONL line's object, a Parquet row), or why it is none."""
    text_field, id_field = fields.text, fields.id
    article_id = None if value.get(id_field) is None else str(value[id_field])
    if text_field not in value:
        fields = ", ".join(sorted(value)) or "none"
        return InputError(
            path,
            f"no {text_field!r} field (fields present: {fields}); use --text-field to name the article text field",
            line=number,
            id=article_id,
        )
    if article_id is not None and lone_surrogate(article_id) is not None:
        return InputError(path, f"the {id_field!r} field holds a lone surrogate; not Unicode text", line=number)
    text = value[text_field]
    if not isinstance(text, str):
        return InputError(
            path, f"the {text_field!r} field is {json_type(text)}, not a string", line=number, id=article_id
        )
    at = lone_surrogate(text)
    if at is not None:
        # JSON's \ud800 escapes can spell half a UTF-16 pair, which no text encoding holds.
        return InputError(path, f"the {text_field!r} field holds a lone surrogate (\\u{ord(text[at]):04x}) at "
                                f"character {at}; not Unicode text", line=number, id=article_id)
    source = None if fields.source is None or value.get(fields.source) is None else str(value[fields.source])
    return make_document(text, path=path, format=format, id=article_id, line=number, source=source)


def lone_surrogate(text: str) -> Optional[int]:
    """Where ``text`` holds a code point UTF-8 cannot encode (half a surrogate pair), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None
