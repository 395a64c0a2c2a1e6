"""Properties of the fixer, for generated articles and edits (hypothesis).

The edits come from a stand-in finder (every occurrence of a few corrupted
spellings, replaced by their canonical form), so the expected result is
known exactly: ``re.sub`` with the same table. For plain text and JSONL
alike: only the replaced spans change, lines without an edit keep their
bytes (escapes, number spelling, spacing, CRLF, a BOM), and fixing the fixed
file changes nothing.
"""

from __future__ import annotations

import json
import re

from hypothesis import given, settings, strategies as st

from mtcheck.document import Document
from mtcheck.fix import Edit, plan_jsonl_file, plan_text_file, string_literal_span
from mtcheck.reading import documents_from_bytes

REPAIRS = {"Stabridisdad": "Stavridis", "Voldimi": "Volodymyr", "Spruez": "Sprūds", "Kyev": "Kyiv"}
CORRUPTED = re.compile("|".join(REPAIRS))
BOM = "\ufeff"

# Text around the names: real words, line ends of every kind, quotes and
# backslashes (JSON escapes), combining marks, emoji, and arbitrary text.
PIECES = st.one_of(
    st.sampled_from(list(REPAIRS)),
    st.sampled_from(["Admiral James ", "President ", " said in ", "\n", "\r\n", "\n\n", "\r", "\t", " ", "\"",
                     "\\", "é", "e\u0301", "🎉", "\u2028", "naïve", "Kyiv", "1.50"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
)
ARTICLES = st.lists(PIECES, max_size=30).map("".join)


def edits_in(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), m.group(), REPAIRS[m.group()], "MT201") for m in CORRUPTED.finditer(text)]


def repaired(text: str) -> str:
    return CORRUPTED.sub(lambda match: REPAIRS[match.group()], text)


@settings(max_examples=300, deadline=None)
@given(ARTICLES, st.booleans())
def test_a_text_file_changes_only_in_the_replaced_spans(text: str, with_bom: bool) -> None:
    original = ((BOM if with_bom else "") + text).encode("utf-8")
    (document,) = documents_from_bytes(original, path="a.txt", format="txt")
    plan = plan_text_file("a.txt", original, document, edits_in(document.text))
    assert plan.fixed == ((BOM if with_bom else "") + repaired(text)).encode("utf-8")
    (again,) = documents_from_bytes(plan.fixed, path="a.txt", format="txt")
    assert edits_in(again.text) == []  # a second fix has nothing to do


# A value as some producer spelled it in the line (kept byte for byte).
RAW_VALUES = st.sampled_from(["1.50", "1e3", "-0.0", "true", "null", "[1, 2.50 ]", '{"a": "\\u00e9"}',
                              '"caf\\u00e9 \\"x\\""', '"Stabridisdad"', '"\\ud83c\\udf89"'])


@st.composite
def jsonl_lines(draw) -> tuple[str, str]:
    """(a JSON object line in a random producer's style, its article text)."""
    text = draw(ARTICLES)
    colon, comma = draw(st.sampled_from([(":", ","), (": ", ", "), (" : ", " ,  ")]))
    fields = [(f"f{n}", draw(RAW_VALUES)) for n in range(draw(st.integers(0, 3)))]
    fields.insert(draw(st.integers(0, len(fields))), ("text", json.dumps(text, ensure_ascii=draw(st.booleans()))))
    return "{" + comma.join(f'"{key}"{colon}{value}' for key, value in fields) + "}", text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(jsonl_lines(), st.just(("", ""))), min_size=1, max_size=6),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_a_jsonl_file_changes_only_in_the_replaced_spans(lines, newline: str, with_bom: bool) -> None:
    original = ((BOM if with_bom else "") + newline.join(line for line, _ in lines) + newline).encode("utf-8")
    documents = [d for d in documents_from_bytes(original, path="f.jsonl", format="jsonl")]
    assert all(isinstance(d, Document) for d in documents)
    plan = plan_jsonl_file("f.jsonl", original, documents, {d.line: edits_in(d.text) for d in documents}, "text")
    before, after = original.split(b"\n"), plan.fixed.split(b"\n")
    assert len(before) == len(after)
    for number, (old, new) in enumerate(zip(before, after), start=1):
        text = next((d.text for d in documents if d.line == number), None)
        if text is None or not edits_in(text):
            assert new == old  # no edit: the line's bytes as they were
            continue
        old_line, new_line = old.decode("utf-8"), new.decode("utf-8")
        (old_start, old_end), (new_start, new_end) = (string_literal_span(old_line, "text"),
                                                      string_literal_span(new_line, "text"))
        assert new_line[:new_start] == old_line[:old_start] and new_line[new_end:] == old_line[old_end:]
        assert json.loads(new_line.removeprefix(BOM))["text"] == repaired(text)
        assert new_line.isascii() or not old_line.isascii()  # an all-ASCII producer's line stays ASCII
    again = [d for d in documents_from_bytes(plan.fixed, path="f.jsonl", format="jsonl")]
    assert all(edits_in(d.text) == [] for d in again)
