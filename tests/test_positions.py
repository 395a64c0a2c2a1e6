"""Char offsets to 1-based line and column (pure logic)."""

from __future__ import annotations

import pytest

from mtcheck.render.positions import LineIndex, line_col


@pytest.mark.parametrize(
    "text, offset, expected",
    [
        ("abc", 0, (1, 1)),
        ("abc", 2, (1, 3)),
        ("abc", 3, (1, 4)),  # the end of the text is a valid position
        ("ab\ncd", 2, (1, 3)),  # the newline belongs to its line
        ("ab\ncd", 3, (2, 1)),
        ("ab\n\ncd", 4, (3, 1)),  # empty lines count
        ("ab\r\ncd", 4, (2, 1)),  # CRLF: only "\n" ends a line
        ("ab\rcd", 3, (1, 4)),
        ("Sprūds said\nno", 8, (1, 9)),  # columns count characters, not UTF-8 bytes
        ("\U0001f600x\ny", 1, (1, 2)),  # one code point outside the BMP is one column
        ("", 0, (1, 1)),
    ],
)
def test_line_col(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_col(text, offset) == expected


def test_line_index_agrees_with_counting_for_every_offset() -> None:
    text = "first line\n\nthird\r\nfourth line here\nend"
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        assert index.position(offset) == (line, column)


@pytest.mark.parametrize("offset", [-1, 4])
def test_offset_outside_the_text_is_an_error(offset: int) -> None:
    with pytest.raises(ValueError):
        LineIndex("abc").position(offset)
