"""The values the reading stage produces: documents split into paragraphs.

Offsets are Python str indices into ``Document.text``, the text as read
(for HTML: the extracted main text). Every later stage refers to spans of that
text, so nothing downstream ever re-reads or re-normalises it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

SkipReason = Literal["boilerplate", "duplicate", "too-short"]


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    # Why the paragraph is not scored; None means it is scored. Skipped
    # paragraphs are still listed: a paragraph is never silently dropped.
    skipped: Optional[SkipReason] = None


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    # The article id inside a container (a JSONL line's id field).
    id: Optional[str] = None
    # 1-based line in a JSONL file, so errors and fixes can point at it.
    line: Optional[int] = None
    format: str = "txt"
    # (start, end, codes) that <!-- mtcheck-disable [codes] --> comments switch
    # off in Markdown and HTML; empty codes = every check.
    disabled: tuple[tuple[int, int, frozenset[str]], ...] = ()
    # Where a JSONL or Parquet article came from, from the record's source field (a publisher, a feed).
    source: Optional[str] = None

    def paragraph_text(self, paragraph: Paragraph) -> str:
        return self.text[paragraph.start : paragraph.end]

    @property
    def scored_paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.skipped is None)


@dataclass(frozen=True)
class InputError:
    """An input that could not be read; reported, never raised past the scan."""

    path: str
    message: str
    line: Optional[int] = None
    id: Optional[str] = None

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
