"""Split raw Markdown into paragraph spans.

``Document.text`` for a Markdown file is the file as read, markup included, so
that fixes can be written back. The splitter therefore only decides where the
blocks are and which are prose:

* Blank lines separate blocks; the lines of one block (soft-wrapped prose)
  form one paragraph, as Markdown renders them.
* ATX headings (``# Title``) are paragraphs of their own, kind "heading".
* Each list item (``-``, ``*``, ``+``, ``1.``, ``1)``) is its own paragraph,
  kind "list-item"; lines that follow it without a blank line continue it.
* Non-prose blocks get their own spans with a non-prose kind, which the
  boilerplate stage marks skipped="boilerplate": fenced code ("code"),
  indented code ("code"), tables ("table"), HTML comments ("comment"), lines
  made only of HTML tags ("html"), YAML front matter ("front-matter"),
  thematic breaks and setext underlines ("rule").

Spans include the Markdown markers (``# ``, ``- ``, ``> ``): the text of a
span is exactly the source, and every non-whitespace character stays in a
paragraph. Checks that care strip the marker from the paragraph text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mtcheck.reading.paragraphs import LINE_BREAK, Span, trim

FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r" {0,3}#{1,6}(\s|$)")
# Thematic breaks (---, ***, ___) and setext heading underlines (===, ---).
RULE = re.compile(r" {0,3}(([-*_])\s*(\2\s*){2,}|=+\s*)$")
LIST_ITEM = re.compile(r"\s*([-*+]|\d{1,3}[.)])(\s+|$)")
INDENTED_CODE = re.compile(r"( {4}|\t)")
TABLE_DELIMITER = re.compile(r"\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
HTML_ONLY = re.compile(r"(<[^>]+>\s*)+$")
FRONT_MATTER_END = ("---", "...")


class RawLine(NamedTuple):
    start: int
    end: int
    text: str


def raw_lines(text: str) -> list[RawLine]:
    lines, position = [], 0
    for line_break in LINE_BREAK.finditer(text):
        lines.append(RawLine(position, line_break.start(), text[position : line_break.start()]))
        position = line_break.end()
    lines.append(RawLine(position, len(text), text[position:]))
    return lines


def is_blank(line: RawLine) -> bool:
    return not line.text.strip()


def front_matter_end(lines: list[RawLine]) -> int | None:
    """Index of the closing line of YAML front matter at the top, if any."""
    if not lines or lines[0].text.rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].text.rstrip() in FRONT_MATTER_END:
            return index
    return None


def fence_end(lines: list[RawLine], first: int) -> int:
    """Index of the line closing the fence opened at ``first`` (or the last
    line: an unclosed fence runs to the end, as in CommonMark)."""
    fence = FENCE.match(lines[first].text).group(1)
    for index in range(first + 1, len(lines)):
        closing = FENCE.match(lines[index].text)
        if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
            return index
    return len(lines) - 1


def comment_end(lines: list[RawLine], first: int) -> int:
    for index in range(first, len(lines)):
        if "-->" in lines[index].text:
            return index
    return len(lines) - 1


def is_table_start(lines: list[RawLine], index: int) -> bool:
    line = lines[index].text.strip()
    if "|" not in line:
        return False
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    return line.startswith("|") or bool(TABLE_DELIMITER.match(following))


def run_end(lines: list[RawLine], first: int, belongs) -> int:
    """Last index of the run of lines from ``first`` that satisfy ``belongs``."""
    index = first
    while index + 1 < len(lines) and belongs(lines[index + 1]):
        index += 1
    return index


class _Splitter:
    """One pass over the lines; ``open_lines`` is the paragraph being built."""

    def __init__(self, text: str):
        self.text = text
        self.lines = raw_lines(text)
        self.spans: list[Span] = []
        self.open_lines: list[RawLine] = []
        self.open_kind = "prose"
        # An indented line right after a list item continues the item (it is
        # not indented code), even across a blank line.
        self.in_list = False

    def emit(self, first: int, last: int, kind: str) -> None:
        self.close()
        line = trim(self.text, self.lines[first].start, self.lines[last].end)
        if line is not None:
            self.spans.append(Span(line.start, line.end, kind))

    def close(self) -> None:
        if self.open_lines:
            line = trim(self.text, self.open_lines[0].start, self.open_lines[-1].end)
            self.spans.append(Span(line.start, line.end, self.open_kind))
        self.open_lines = []

    def open(self, line: RawLine, kind: str) -> None:
        self.close()
        self.open_lines, self.open_kind = [line], kind

    def run(self) -> list[Span]:
        index = 0
        end = front_matter_end(self.lines)
        if end is not None:
            self.emit(0, end, "front-matter")
            index = end + 1
        while index < len(self.lines):
            index = self.step(index) + 1
        self.close()
        return self.spans

    def step(self, index: int) -> int:
        """Handle the block starting at ``index``; return its last line index."""
        line = self.lines[index]
        if is_blank(line):
            self.close()
            return index
        block = self.non_prose_block(index)
        if block is not None:
            last, kind = block
            self.emit(index, last, kind)
            self.in_list = False
            return last
        if LIST_ITEM.match(line.text):
            self.open(line, "list-item")
            self.in_list = True
        elif HEADING.match(line.text):
            self.open(line, "heading")
            self.close()
            self.in_list = False
        elif self.open_lines:
            self.open_lines.append(line)
        else:
            # Only indented lines keep a list going after a blank line.
            self.in_list = self.in_list and bool(INDENTED_CODE.match(line.text))
            self.open(line, "prose")
        return index

    def non_prose_block(self, index: int) -> tuple[int, str] | None:
        """(last line, kind) of a non-prose block starting at ``index``."""
        line = self.lines[index]
        if FENCE.match(line.text):
            return fence_end(self.lines, index), "code"
        if line.text.lstrip().startswith("<!--"):
            return comment_end(self.lines, index), "comment"
        if RULE.match(line.text):
            return index, "rule"
        if is_table_start(self.lines, index):
            return run_end(self.lines, index, lambda other: "|" in other.text), "table"
        if INDENTED_CODE.match(line.text) and not self.open_lines and not self.in_list:
            last = run_end(self.lines, index, lambda other: is_blank(other) or bool(INDENTED_CODE.match(other.text)))
            return last, "code"
        if HTML_ONLY.match(line.text.strip()):
            return index, "html"
        return None


def split_markdown(text: str) -> list[Span]:
    """Paragraph spans of raw Markdown text; see the module docstring."""
    return _Splitter(text).run()


# <!-- mtcheck-disable --> / <!-- mtcheck-disable MT201 MT103 --> / <!-- mtcheck-enable -->
INLINE_SWITCH = re.compile(r"<!--\s*mtcheck-(disable|enable)((?:\s+MT\d{3})*)\s*-->")


def regions_from_comments(text: str, spans: list[Span]) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, codes) between mtcheck-disable and mtcheck-enable comments
    (to the end of the text when never enabled again); no codes = all.

    Each disable starts a region with its own codes, also while another is
    open (as the HTML reader does). A comment inside fenced or indented code
    is an example of the syntax, not a switch (``spans``: the text's
    ``split_markdown`` spans).
    """
    regions, open_at, codes = [], None, frozenset()
    code = [(span.start, span.end) for span in spans if span.kind == "code"]
    for match in INLINE_SWITCH.finditer(text):
        if any(start <= match.start() < end for start, end in code):
            continue
        if open_at is not None:
            regions.append((open_at, match.start(), codes))
        if match.group(1) == "disable":
            open_at, codes = match.end(), frozenset(match.group(2).split())
        else:
            open_at = None
    if open_at is not None:
        regions.append((open_at, len(text), codes))
    return regions
