"""Character offsets to 1-based line and column, for human-facing output.

Results carry only char offsets (Python str indices); line and column are
computed here, at render time. Only "\\n" ends a line, as in editors and
compilers ("\\r\\n" files: the "\\r" is the last character of its line, so
columns are unaffected). Columns count characters, not bytes.
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Line starts of one text, so many offsets convert in O(log lines) each."""

    def __init__(self, text: str):
        self.length = len(text)
        self.line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based; ``offset == len(text)`` is allowed (end of text)."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside the text (length {self.length})")
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


def line_col(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of one offset; use LineIndex for many offsets in one text."""
    return LineIndex(text).position(offset)
