"""JSONL input: one article per line, each a JSON object with a text field.

A bad line (not UTF-8, malformed JSON, not an object, no text field, a text
field that is not a string) becomes an InputError naming the file and the
1-based line; the other lines are still read. Blank lines are skipped.
"""

from __future__ import annotations

import json
from typing import Callable, Iterator

from mtcheck.document import Document, InputError
from mtcheck.reading.files import UnreadableText, decode_text

# Builds a Document from one line's article text (given by the package, so
# this module does not import the splitters itself).
MakeDocument = Callable[..., Document]


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


def iter_jsonl(
    path: str, data: bytes, *, text_field: str, id_field: str, make_document: MakeDocument
) -> Iterator[Document | InputError]:
    nul = data.find(b"\0")
    if nul >= 0:
        yield InputError(path, f"binary file (NUL byte at byte offset {nul}); expected UTF-8 JSON lines")
        return
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        result = read_line(path, number, raw, offset, text_field, id_field, make_document)
        if result is not None:
            yield result
        offset += len(raw) + 1


def read_line(
    path: str, number: int, raw: bytes, offset: int, text_field: str, id_field: str, make_document: MakeDocument
) -> Document | InputError | None:
    """One line's Document, its InputError, or None for a blank line."""
    try:
        line = decode_text(raw, offset=offset, name_line=False)
    except UnreadableText as error:
        return InputError(path, str(error), line=number)
    if not line.strip():
        return None
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
    return document_from_object(path, number, value, text_field, id_field, make_document)


def document_from_object(
    path: str, number: int, value: dict, text_field: str, id_field: str, make_document: MakeDocument
) -> Document | InputError:
    article_id = None if value.get(id_field) is None else str(value[id_field])
    if text_field not in value:
        fields = ", ".join(sorted(value)) or "none"
        return InputError(
            path,
            f"no {text_field!r} field (fields present: {fields}); use --text-field to name the article text field",
            line=number,
            id=article_id,
        )
    text = value[text_field]
    if not isinstance(text, str):
        return InputError(
            path, f"the {text_field!r} field is {json_type(text)}, not a string", line=number, id=article_id
        )
    return make_document(text, path=path, format="jsonl", id=article_id, line=number)
