"""Words for reports: where a document is (its file, and its line or id
inside a JSONL file), and counts of things."""

from __future__ import annotations

from typing import Optional

from mtcheck.results import DocumentResult


def source_line(result: DocumentResult) -> Optional[int]:
    """The 1-based line in the input file (JSONL articles and their errors), else None."""
    if result.document is not None:
        return result.document.line
    return result.error.line if result.error is not None else None


def document_label(result: DocumentResult) -> str:
    """``path``, ``path#id`` or ``path:line``: how the text report names a document.

    An error is located by its line (what a person fixes); an article by its id
    when it has one, since that is how the pipeline knows it.
    """
    line = source_line(result)
    if result.ok and result.id is not None:
        return f"{result.path}#{result.id}"
    if line is not None:
        return f"{result.path}:{line}"
    return result.path


def plural(count: int, noun: str) -> str:
    """"1 batch", "2 batches", "3 documents"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}{'es' if noun.endswith('ch') else 's'}"
