"""Sentences with exact offsets (syntok), where a one-line regex cut news prose into fragments."""

from __future__ import annotations

import pytest

from mtcheck.reading.sentences import sentence_spans, sentence_starts


@pytest.mark.parametrize("text, expected", [
    ("He toured cities like Moscow and St. Petersburg last year. Then he left.",
     ["He toured cities like Moscow and St. Petersburg last year.", "Then he left."]),
    ("Shares of CMAL3 lost 0.5 percent on Dec. 5, the U.S. market said. Analysts were calm.",
     ["Shares of CMAL3 lost 0.5 percent on Dec. 5, the U.S. market said.", "Analysts were calm."]),
    ('"We will win," he said. "No doubt." Gen. Mark Milley left at 5 p.m. on Monday.',
     ['"We will win," he said.', '"No doubt."', "Gen. Mark Milley left at 5 p.m. on Monday."]),
    ("A headline without a full stop", ["A headline without a full stop"]),
    ("", []),
])
def test_sentences(text: str, expected: list[str]) -> None:
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == expected
    assert sentence_starts(text) == {start for start, _ in spans}


def test_offsets_survive_odd_characters() -> None:
    text = "Caf\u00e9 owners \U0001F389 cheered.  A lone \ud800 surrogate follows. End."
    assert [text[a:b] for a, b in sentence_spans(text)][-1] == "End."
