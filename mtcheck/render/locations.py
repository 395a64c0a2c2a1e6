"""Where a finding is in its input *file*, for the formats that annotate files (SARIF, GitHub).

A plain-text or Markdown document is the file as read (less a UTF-8 BOM), so
a finding's char offsets are file positions and its line and column (from
LineIndex) are what an editor shows. An HTML document's text is the
extracted text, and a JSONL article is one JSON string on one line of its
file: there the offsets mean nothing in the file. Such findings are placed on
the whole file (HTML) or on the article's line (JSONL), and their position in
the document text is said in words (``text_position_note``) instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import PurePath
from typing import Optional
from urllib.parse import quote

from mtcheck.findings import Finding
from mtcheck.reading.files import RECORD_FORMATS
from mtcheck.render.positions import LineIndex
from mtcheck.results import DocumentResult

# Formats whose Document.text is the file's own text.
FILE_TEXT_FORMATS = frozenset({"txt", "md"})
STDIN_ARTIFACT = "stdin"


@dataclass(frozen=True)
class FileRegion:
    """A span in the file: lines and columns 1-based, end column exclusive (as in SARIF).

    Only ``start_line`` is set for a JSONL article; nothing for an HTML page.
    """

    start_line: Optional[int] = None
    start_column: Optional[int] = None
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    char_offset: Optional[int] = None
    char_length: Optional[int] = None

    @property
    def exact(self) -> bool:
        return self.char_offset is not None


def artifact_path(path: str) -> str:
    """The path as given, with forward slashes; "stdin" for standard input."""
    from mtcheck.reading import STDIN_PATH  # imported late: the CLI lists renderers at start-up

    if path == STDIN_PATH:
        return STDIN_ARTIFACT
    return path.replace(os.sep, "/") if os.sep != "/" else path


def artifact_uri(path: str) -> str:
    """A URI reference for the path: relative paths stay relative, percent-encoded.

    ``:`` is encoded too, so "a:b.txt" cannot read as a URI scheme.
    """
    name = artifact_path(path)
    if name != STDIN_ARTIFACT and os.path.isabs(path):
        return PurePath(os.path.abspath(path)).as_uri()
    return quote(name, safe="/")


class DocumentLocator:
    """File regions for the findings of one readable document."""

    def __init__(self, result: DocumentResult):
        self.document = result.document
        self.index = LineIndex(self.document.text)
        self.in_file = self.document.format in FILE_TEXT_FORMATS

    def region(self, finding: Finding) -> FileRegion:
        if not self.in_file:
            return FileRegion(start_line=self.document.line)
        start_line, start_column = self.index.position(finding.start)
        end_line, end_column = self.index.position(finding.end)
        return FileRegion(
            start_line=start_line, start_column=start_column, end_line=end_line, end_column=end_column,
            char_offset=finding.start, char_length=finding.end - finding.start,
        )

    def text_position_note(self, finding: Finding) -> Optional[str]:
        """Where the finding is in the document text, when the region cannot say it; else None."""
        if self.in_file:
            return None
        line, column = self.index.position(finding.start)
        if self.document.format in RECORD_FORMATS:
            article = f"article {self.document.id}" if self.document.id is not None else "the article"
            return f"at {line}:{column} of {article}"
        return f"at {line}:{column} of the extracted text"


def annotation_message(finding: Finding, locator: DocumentLocator) -> str:
    """The finding's message, its text position when the file region cannot show it, and its suggestions."""
    text = finding.message
    note = locator.text_position_note(finding)
    if note:
        text += f" ({note})"
    if finding.suggestions:
        text += f" [suggestion: {', '.join(finding.suggestions)}]"
    return text
