"""Split text into paragraph spans with exact offsets.

A span is ``(start, end, kind)``: ``text[start:end]`` is the paragraph, with
no whitespace at either end. Every non-whitespace character of the text lies
in exactly one span, so nothing is ever silently dropped.

Plain text rules (``split_plain``):

* A blank line (only whitespace, ``\\r`` included) always ends a paragraph.
* Inside a block of non-blank lines, each line is its own paragraph: news text
  files put one paragraph per line, as the seed articles do.
* Unless the block is hard-wrapped (text wrapped at a fixed width, like
  e-mail or ``fmt`` output). Then the wrapped lines of one paragraph become
  one span. The test is the one a greedy wrapper leaves behind: a line was
  broken only because the next word would not fit in the width. See
  ``looks_hard_wrapped`` and ``wrapped_break_after``.

Markdown has its own splitter in ``mtcheck.reading.markdown``; it returns the
same ``Span`` values, with ``kind`` saying which spans are not prose.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Sequence

# Span kinds: "prose", "heading" and "list-item" are prose. The non-prose
# kinds are never scored: the boilerplate stage marks them "boilerplate".
NON_PROSE_KINDS = frozenset({"code", "table", "comment", "front-matter", "rule", "html"})

# A hard-wrapped text has a wrap width in this range (72-80 is usual).
WRAP_WIDTH_RANGE = (40, 100)
# A greedy wrapper puts a word on the line if it fits; allow a few characters
# of slack for wrappers that count differently (tabs, hyphenation).
WRAP_SLACK = 3
# Sentence-final punctuation, optionally followed by closing quotes/brackets.
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
# Lines that start a list item are never the continuation of a wrapped line.
BULLET_START = re.compile(r"([-*+•·‣◦▪]|\d{1,3}[.)])\s")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A longer paragraph is checked in pieces of at most this many characters
# (none of the 1,400 paragraphs of the real pages and dev sets reaches 1,000):
# a text with no line breaks at all (a pasted dump, a feed that joined its
# lines) costs each check a bounded amount per piece, not one unbounded run.
MAX_PARAGRAPH_CHARS = 8000
# Where a long paragraph is cut: after a sentence end, else at a space.
PIECE_BREAKS = (re.compile(r"[.!?…][\"'”’)\]]*\s+"), re.compile(r"\s+"))


class Span(NamedTuple):
    start: int
    end: int
    kind: str = "prose"


class Line(NamedTuple):
    """A non-blank line, trimmed: text[start:end] has no surrounding space."""

    start: int
    end: int
    text: str


def iter_lines(text: str) -> Iterator[Line | None]:
    """Yield each line trimmed of whitespace, or None for a blank line.

    ``\r\n``, ``\n`` and a lone ``\r`` all end a line; offsets stay those
    of the text as read, so CRLF files need no conversion.
    """
    position = 0
    for line_break in LINE_BREAK.finditer(text):
        yield trim(text, position, line_break.start())
        position = line_break.end()
    yield trim(text, position, len(text))


def trim(text: str, start: int, end: int) -> Line | None:
    """The part of text[start:end] without surrounding whitespace, or None."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Line(start, end, text[start:end]) if start < end else None


def blocks_of(text: str) -> list[list[Line]]:
    """Groups of consecutive non-blank lines (blank lines separate them)."""
    blocks: list[list[Line]] = [[]]
    for line in iter_lines(text):
        if line is None:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def split_plain(text: str) -> list[Span]:
    """Paragraph spans of plain text (txt files, stdin, JSONL article text)."""
    spans: list[Span] = []
    for block in blocks_of(text):
        if looks_hard_wrapped(block):
            spans.extend(join_wrapped(block))
        else:
            spans.extend(Span(line.start, line.end) for line in block)
    return spans


def first_word_length(line: Line) -> int:
    return len(line.text.split(None, 1)[0])


def wrapped_break_after(line: Line, following: Line, width: int) -> bool:
    """True if a greedy wrapper would have put the next word on this line.

    Then the line break is deliberate (a paragraph end, a title, a list
    item), not a wrap.
    """
    if BULLET_START.match(following.text):
        return True
    return len(line.text) + 1 + first_word_length(following) <= width - WRAP_SLACK


def is_soft_break(line: Line, following: Line, width: int) -> bool:
    """A break that only wrapping explains: the line is full, and it does not
    end a sentence. Identical lines (a headline printed twice) are not wraps."""
    return (
        not wrapped_break_after(line, following, width)
        and not SENTENCE_END.search(line.text)
        and line.text != following.text
    )


def looks_hard_wrapped(block: list[Line]) -> bool:
    """A block is hard-wrapped when it has a plausible wrap width and its full
    lines (those the next word would not fit on) mostly end mid-sentence: at
    least two such soft breaks (one in a two-line block), and at least half of
    the full lines.

    One-paragraph-per-line news text fails this: its lines end sentences, and
    its lines are usually longer than any wrap width.
    """
    if len(block) < 2:
        return False
    width = max(len(line.text) for line in block)
    low, high = WRAP_WIDTH_RANGE
    if not low <= width <= high:
        return False
    pairs = list(zip(block, block[1:]))
    full = sum(not wrapped_break_after(line, following, width) for line, following in pairs)
    soft = sum(is_soft_break(line, following, width) for line, following in pairs)
    return soft >= min(2, len(pairs)) and soft * 2 >= full


def join_wrapped(block: list[Line]) -> list[Span]:
    """Join the lines of a hard-wrapped block into paragraph spans, breaking
    only where the line break was deliberate."""
    width = max(len(line.text) for line in block)
    spans: list[Span] = []
    start = block[0].start
    for line, following in zip(block, block[1:]):
        if wrapped_break_after(line, following, width):
            spans.append(Span(start, line.end))
            start = following.start
    spans.append(Span(start, block[-1].end))
    return spans


def bounded(text: str, spans: list[Span], max_chars: int = MAX_PARAGRAPH_CHARS) -> list[Span]:
    """``spans`` with each one longer than ``max_chars`` cut into pieces of at
    most that length, at a sentence end in the piece's second half if there
    is one, else at a space, else mid-word; pieces keep the span's kind."""
    return [piece for span in spans for piece in _pieces(text, span, max_chars)]


def _pieces(text: str, span: Span, max_chars: int) -> Iterator[Span]:
    start = span.start
    while span.end - start > max_chars:
        cut = cut_point(text[start:start + max_chars], PIECE_BREAKS)
        piece = trim(text, start, start + cut)
        if piece is not None:
            yield Span(piece.start, piece.end, span.kind)
        start += cut
        while text[start].isspace():  # the span ends on a non-space character
            start += 1
    yield Span(start, span.end, span.kind)


def cut_point(window: str, breaks: Sequence[re.Pattern]) -> int:
    """Where to end a piece of text that fills ``window``: after the last
    match, in the window's second half, of the first of ``breaks`` that has
    one; else at the window's end (mid-word)."""
    return next((match.end() for pattern in breaks for match in reversed(list(pattern.finditer(window)))
                 if match.end() > len(window) // 2), len(window))
