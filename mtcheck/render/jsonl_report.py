"""``--format jsonl``: one JSON object per document per line (schema "mtcheck.document/1").

Each line is the JSON report's ``documents[]`` entry plus ``"schema"``, so a
consumer can process documents as they stream in (``render_jsonl_line``
renders one as soon as it is scanned). There is no summary line: a stream
consumer counts for itself, and every line then has one shape.
"""

from __future__ import annotations

import json
from typing import Iterable

from mtcheck.render.json_report import document_dict
from mtcheck.results import DocumentResult

DOCUMENT_SCHEMA = "mtcheck.document/1"
# json leaves these raw with ensure_ascii=False, but str.splitlines() and
# some line readers split on them: a line must stay one line.
LINE_SEPARATORS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render_jsonl(results: Iterable[DocumentResult], signature: dict) -> str:
    """All documents, one per line; ``signature`` is accepted for a uniform renderer interface."""
    return "\n".join(render_jsonl_line(result) for result in results)


def render_jsonl_line(result: DocumentResult) -> str:
    """One document as one line of JSON, without the newline."""
    return entry_line(document_dict(result))


def entry_line(entry: dict) -> str:
    """A document's entry (``document_dict``) as its line of JSON, without the newline."""
    line = json.dumps({"schema": DOCUMENT_SCHEMA, **entry}, ensure_ascii=False)
    for separator, escaped in LINE_SEPARATORS.items():
        line = line.replace(separator, escaped)
    return line
