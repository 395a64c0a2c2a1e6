"""Reading real inputs: the seed articles and the files in fixtures/inputs/."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from mtcheck.document import Document, InputError
from mtcheck.reading import iter_inputs, parse_text, read_file
from mtcheck.reading.html import extract_html
from mtcheck.reading.markdown import split_markdown
from mtcheck.reading.paragraphs import split_plain

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
INPUTS = ROOT / "fixtures" / "inputs"
SEED_PARAGRAPH_COUNTS = {"000": 7, "001": 29, "002": 15, "003": 25, "004": 75}


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def only(items: list) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def read_one(path: Path | str, **options) -> Document | InputError:
    items = list(iter_inputs([str(path)], **options))
    assert len(items) == 1, items
    return items[0]


def texts(document: Document) -> list[str]:
    return [document.paragraph_text(paragraph) for paragraph in document.paragraphs]


def assert_spans_exact(document: Document) -> None:
    """Spans are ordered, trimmed, and cover every non-whitespace character once."""
    covered = [0] * len(document.text)
    previous_end = 0
    for index, paragraph in enumerate(document.paragraphs):
        assert paragraph.index == index
        assert previous_end <= paragraph.start < paragraph.end <= len(document.text)
        chunk = document.paragraph_text(paragraph)
        assert chunk == chunk.strip() and chunk
        for offset in range(paragraph.start, paragraph.end):
            covered[offset] += 1
        previous_end = paragraph.end
    for offset, char in enumerate(document.text):
        if not char.isspace():
            assert covered[offset] == 1, (offset, char)


# -- the seeds ----------------------------------------------------------------
@pytest.mark.parametrize("path", seed_paths(), ids=lambda path: path.name[:3])
def test_seed_paragraphs_are_exact_spans(path: Path) -> None:
    document = read_one(path)
    assert document.format == "txt" and document.path == str(path)
    assert document.text == path.read_text(encoding="utf-8")
    assert len(document.paragraphs) == SEED_PARAGRAPH_COUNTS[path.name[:3]]
    assert_spans_exact(document)


def test_seed_one_paragraph_per_line() -> None:
    """News text puts one paragraph per line: lines are not joined."""
    path = SEEDS / "003_3eaee8b3c4068dbe.txt"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert texts(read_one(path)) == lines


def test_directory_of_seeds_is_read_in_sorted_order() -> None:
    documents = list(iter_inputs([SEEDS]))  # a Path works as well as a str
    assert [document.path for document in documents] == [str(path) for path in seed_paths()]


# -- plain text ---------------------------------------------------------------
def test_crlf_text_is_kept_and_spans_exclude_carriage_returns() -> None:
    document = read_one(INPUTS / "crlf.txt")
    assert "\r\n" in document.text
    assert texts(document) == [
        "Talks in Geneva end without a deal",
        "Negotiators from both sides left Geneva on Friday without an agreement, officials said.",
        "The talks lasted more than six hours and ended late on Friday evening.",
    ]
    assert_spans_exact(document)


def test_hard_wrapped_text_joins_wrapped_lines() -> None:
    document = read_one(INPUTS / "wrapped.txt")
    paragraphs = texts(document)
    assert [" ".join(paragraph.split()) for paragraph in paragraphs] == [
        "Talks in Geneva end without a deal",
        "Negotiators from both sides left Geneva on Friday without an agreement, officials said after a "
        "meeting that lasted more than six hours and that both delegations described as frank but "
        "unproductive in the end.",
        "The talks are expected to resume in the spring, according to a diplomat who attended the "
        "meeting and who asked not to be named because the schedule has not been made public.",
        # A short line after a sentence end is a deliberate break: the next
        # word would have fitted on it.
        "A spokesman for the host government declined to comment on Friday.",
    ]
    assert "\n" in paragraphs[1]  # the span keeps the original line breaks
    assert_spans_exact(document)


def test_empty_file_is_a_document_without_paragraphs() -> None:
    document = read_one(INPUTS / "empty.txt")
    assert isinstance(document, Document)
    assert document.text == "" and document.paragraphs == ()


def test_utf8_bom_is_dropped() -> None:
    document = read_one(INPUTS / "bom.txt")
    assert document.text.startswith("A file that starts")
    assert texts(document) == ["A file that starts with a UTF-8 byte order mark and goes on."]


def test_explicit_file_with_unknown_extension_is_plain_text() -> None:
    document = read_one(INPUTS / "notes.log")
    assert document.format == "txt"
    assert texts(document) == ["Notes read as plain text because the extension is unknown."]


# -- bad input never raises -----------------------------------------------------
def test_binary_file_is_an_error_naming_the_file() -> None:
    error = read_one(INPUTS / "binary.txt")
    assert isinstance(error, InputError)
    assert error.path == str(INPUTS / "binary.txt")
    assert error.message == "binary file (NUL byte at byte offset 7); expected UTF-8 text"


def test_latin1_file_is_an_error_naming_the_byte() -> None:
    error = read_one(INPUTS / "latin1.txt")
    assert isinstance(error, InputError)
    assert error.message.startswith("not valid UTF-8: byte 0xe9 at byte offset 7, line 1;")
    assert error.describe().startswith(f"{INPUTS / 'latin1.txt'}: not valid UTF-8")


def test_missing_path_is_an_error_and_reading_goes_on() -> None:
    items = list(iter_inputs(["no/such/file.txt", str(INPUTS / "bom.txt")]))
    assert isinstance(items[0], InputError)
    assert items[0].describe() == "no/such/file.txt: no such file or directory"
    assert isinstance(items[1], Document)


def test_unlistable_directory_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "ok.txt").write_text("A readable article next to a locked directory.\n")
    real_scandir = os.scandir

    def scandir(path):  # root can read any directory, so refuse it here
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_inputs([str(tmp_path)]))
    assert isinstance(items[0], InputError)
    assert items[0].describe() == f"{locked}: cannot list directory: Permission denied"
    assert isinstance(items[1], Document) and items[1].path == str(tmp_path / "ok.txt")


# -- directories ----------------------------------------------------------------
def test_directory_search_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    shutil.copytree(INPUTS, tmp_path / "inputs")
    (tmp_path / "inputs" / ".git").mkdir()
    (tmp_path / "inputs" / ".git" / "config.txt").write_text("hidden directory\n")
    paths = [item.path for item in iter_inputs([str(tmp_path / "inputs")])]
    names = [os.path.relpath(path, tmp_path / "inputs") for path in paths]
    assert names == [
        "article.md",
        "articles.jsonl", "articles.jsonl", "articles.jsonl", "articles.jsonl", "articles.jsonl", "articles.jsonl",
        "binary.txt",
        "bom.txt",
        "crlf.txt",
        "empty.txt",
        "latin1.txt",
        "malformed.html",
        os.path.join("nested", "deeper.md"),
        "page.html",
        "wrapped.txt",
    ]


# -- JSONL ------------------------------------------------------------------------
def test_jsonl_lines_become_documents_or_errors_with_line_numbers() -> None:
    path = str(INPUTS / "articles.jsonl")
    items = list(iter_inputs([path]))
    described = [
        (type(item).__name__, item.line, item.id, item.describe() if isinstance(item, InputError) else None)
        for item in items
    ]
    assert described == [
        ("Document", 1, "17", None),
        ("InputError", 2, None, f"{path}:2: malformed JSON: Unterminated string starting at column 26"),
        (
            "InputError", 3, "no-text",
            f"{path}:3: no 'text' field (fields present: body, id); use --text-field to name the article text field",
        ),
        ("InputError", 4, None, f"{path}:4: expected a JSON object, got an array"),
        ("InputError", 6, "n", f"{path}:6: the 'text' field is a number, not a string"),
        ("Document", 7, None, None),
    ]
    first = items[0]
    assert first.format == "jsonl" and first.path == path
    assert texts(first) == [
        "Negotiators left Geneva on Friday without an agreement, officials said.",
        "The talks lasted six hours.",
    ]


def test_jsonl_custom_fields() -> None:
    items = list(iter_inputs([str(INPUTS / "articles.jsonl")], text_field="body", id_field="text"))
    documents = [item for item in items if isinstance(item, Document)]
    assert [(document.line, document.text) for document in documents] == [(3, "The article is in the wrong field.")]


def test_jsonl_bad_bytes_in_one_line_spare_the_others(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\r\n{"text": "A good line after a bad one, with CRLF endings."}\r\n')
    first, second = iter_inputs([str(path)])
    assert isinstance(first, InputError) and first.line == 1
    assert first.message.startswith("not valid UTF-8: byte 0xe9 at byte offset 13;")
    assert isinstance(second, Document) and second.line == 2


# -- HTML ---------------------------------------------------------------------------
def test_html_keeps_only_the_article_text() -> None:
    document = read_one(INPUTS / "page.html")
    assert document.format == "html"
    assert texts(document) == [
        "Talks in Geneva end without a deal",
        "Negotiators from both sides left Geneva on Friday without an agreement, officials said after the meeting.",
        "The talks, described as “frank” by one diplomat, lasted more than six hours & ended late.",
        "Café owners near the venue said business doubled during the week.",
        "A second line follows the break in the same tag.",
        "First point agreed by both delegations on Friday.",
        "Second point left open for the next round of talks.",
    ]
    assert document.text == "\n\n".join(texts(document))
    # Captions ("Delegates arrive ...") are not the article's prose either.
    for dropped in ("Site title", "script", "style", "NewsSite", "Sponsored", "noscript", "Hidden", "World", "Delegates"):
        assert dropped not in document.text
    assert_spans_exact(document)


def test_malformed_html_does_not_crash() -> None:
    document = read_one(INPUTS / "malformed.html")
    assert texts(document)[:2] == [
        "First paragraph of a page with broken markup and no closing tags",
        "Second paragraph & an unknown entity &bogus; stays as text",
    ]
    assert texts(document)[-1] == "Last paragraph with an unclosed bold tag"
    # A table row is one paragraph, cells joined; table data is not scored.
    assert (document.paragraphs[2].skipped, texts(document)[2]) == ("boilerplate", "Cell one Cell two")


@pytest.mark.parametrize(
    "markup",
    ["", "<", "<<>>", "</p></div>", "<![CDATA[x", "<!--", "<p", "&#xFFFFFFFF;", "<a href='>x", "<![if x]>y", "<svg><p>z"],
)
def test_html_garbage_never_raises(markup: str) -> None:
    text, spans, _ = extract_html(markup)
    assert all(text[span.start : span.end].strip() for span in spans)


def test_html_code_listing_and_data_tables_are_not_prose_but_layout_tables_are() -> None:
    report = "<p>Officials in the capital said on {day} that the results would be published by the end of the week.</p>"
    page = (
        "<html><body><article><h1>Results</h1>" + report.format(day="Monday")
        + "<table><tr><td><p>An article laid out in a table, as old news sites do, is still prose.</p></td></tr></table>"
        "<pre><code>for line in lines:\n    print(line)</code></pre>"
        "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour</td><td>412</td></tr></table>"
        + report.format(day="Tuesday") + "</article></body></html>"
    )
    text, spans, _ = extract_html(page)
    assert [(span.kind, text[span.start : span.end]) for span in spans] == [
        ("heading", "Results"),
        ("prose", "Officials in the capital said on Monday that the results would be published by the end of the week."),
        ("prose", "An article laid out in a table, as old news sites do, is still prose."),
        ("code", "for line in lines: print(line)"),
        ("table", "Party Seats"),
        ("table", "Labour 412"),
        ("prose", "Officials in the capital said on Tuesday that the results would be published by the end of the week."),
    ]


def test_html_inline_switches_cover_the_paragraphs_between_them() -> None:
    page = (
        "<html><body><article><p>The first paragraph of the story is checked like any other paragraph.</p>"
        "<!-- mtcheck-disable MT201 --><p>A quoted spelling, James Stabridisdad, is kept on purpose.</p>"
        "<!-- mtcheck-enable --><p>The last paragraph of the story is checked again, as the first one was.</p>"
        "</article></body></html>"
    )
    text, _, disabled = extract_html(page)
    (start, end, codes), = disabled
    assert (text[start:end], codes) == ("A quoted spelling, James Stabridisdad, is kept on purpose.", {"MT201"})


def test_html_soft_hyphens_and_invisible_characters_are_dropped() -> None:
    text, _, _ = extract_html("<p>An interna\u00adtional agree\u200bment was signed on Friday in Geneva.</p>")
    assert text == "An international agreement was signed on Friday in Geneva."


# -- Markdown -------------------------------------------------------------------------
def test_markdown_blocks_and_kinds() -> None:
    document = read_one(INPUTS / "article.md")
    text = document.text
    assert text == (INPUTS / "article.md").read_text(encoding="utf-8")
    spans = split_markdown(text)
    got = [(span.kind, text[span.start : span.end]) for span in spans]
    assert got == [
        ("front-matter", "---\ntitle: Talks end without a deal\ntags: [geneva, talks]\n---"),
        ("heading", "# Talks in Geneva end without a deal"),
        ("prose", "Negotiators from both sides left Geneva on Friday\nwithout an agreement, officials said after the meeting."),
        ("comment", "<!-- editor note: check the figures\nbefore publishing -->"),
        ("list-item", "- First point agreed by both delegations on Friday."),
        ("list-item", "- Second point left open for the next round\n  of talks in the spring."),
        ("code", '```python\nprint("code is not prose")\n```'),
        ("code", "indented code block line one\n    indented code block line two"),
        ("table", "| Delegation | Seats |\n|------------|-------|\n| North      | 12    |"),
        ("heading", "## What happens next"),
        ("prose", "The talks were described as frank by one diplomat who attended."),
    ]
    assert [paragraph.skipped for paragraph in document.paragraphs] == [
        "boilerplate", None, None, "boilerplate", None, None, "boilerplate", "boilerplate", "boilerplate",
        "too-short", None,
    ]
    assert_spans_exact(document)


def test_markdown_edge_cases() -> None:
    text = "Title\n=====\n\n```\nunclosed fence\n\nstill code\n"
    spans = split_markdown(text)
    assert [(span.kind, text[span.start : span.end]) for span in spans] == [
        ("prose", "Title"),
        ("rule", "====="),
        ("code", "```\nunclosed fence\n\nstill code"),
    ]


def test_nested_markdown_found_by_recursive_search() -> None:
    document = read_one(INPUTS / "nested" / "deeper.md")
    assert texts(document) == ["# Nested", "A Markdown file in a nested directory is found by the recursive search."]


# -- stdin ----------------------------------------------------------------------------
def test_stdin_text_stream() -> None:
    stream = io.StringIO("\ufeffFirst paragraph from standard input, read as plain text.\n\nSecond one.\n")
    (document,) = iter_inputs(["-"], stdin=stream)
    assert document.path == "<stdin>" and document.format == "txt"
    assert texts(document) == ["First paragraph from standard input, read as plain text.", "Second one."]


def test_stdin_bytes_are_checked_like_files() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait\n"))
    (error,) = iter_inputs(["-"], stdin=stream)
    assert isinstance(error, InputError)
    assert error.describe().startswith("<stdin>: not valid UTF-8: byte 0xe9 at byte offset 3, line 1;")


def test_stdin_format_reads_html_and_jsonl() -> None:
    page = "<html><body><article><p>A page piped into the scan is extracted like a page file is.</p></article></body></html>"
    (document,) = iter_inputs(["-"], stdin=io.StringIO(page), stdin_format="html")
    assert (document.path, document.format, document.text) == (
        "<stdin>", "html", "A page piped into the scan is extracted like a page file is.")
    feed = '{"id": "a1", "text": "First record."}\n{"id": "a2", "text": "Second record."}\n'
    records = list(iter_inputs(["-"], stdin=io.StringIO(feed), stdin_format="jsonl"))
    assert [(r.id, r.line, r.text) for r in records] == [("a1", 1, "First record."), ("a2", 2, "Second record.")]


def test_stdin_filename_names_it_and_its_extension_decides_the_format() -> None:
    (document,) = iter_inputs(["-"], stdin=io.StringIO("# Title\n\nBody text of a note."), stdin_filename="notes/a.md")
    assert (document.path, document.format) == ("notes/a.md", "md")
    (document,) = iter_inputs(["-"], stdin=io.StringIO("<p>x</p>"), stdin_filename="a.md", stdin_format="txt")
    assert (document.path, document.format, document.text) == ("a.md", "txt", "<p>x</p>")


# -- the splitter -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        (" \n\t\r\n", []),
        ("One.\nTwo.\n\nThree.", ["One.", "Two.", "Three."]),
        ("  padded line  \r\n\r\n", ["padded line"]),
        ("old\rmac\rendings", ["old", "mac", "endings"]),
        ("\u00a0 0 \u00a0 1\u00a0\n", ["0 \u00a0 1"]),
        # A headline printed twice is two lines, not a wrapped paragraph.
        (
            "Trump Rattles Latin America by Weighing Using Military Force\n"
            "Trump Rattles Latin America by Weighing Using Military Force\n",
            ["Trump Rattles Latin America by Weighing Using Military Force"] * 2,
        ),
        # A title above a wrapped paragraph, and a list line below it.
        (
            "GENEVA TALKS END\n"
            "Negotiators from both sides left Geneva on Friday without an agreement,\n"
            "officials said after a meeting that lasted more than six hours and that\n"
            "both delegations described as frank.\n"
            "- a bullet line that follows\n",
            [
                "GENEVA TALKS END",
                "Negotiators from both sides left Geneva on Friday without an agreement,\n"
                "officials said after a meeting that lasted more than six hours and that\n"
                "both delegations described as frank.",
                "- a bullet line that follows",
            ],
        ),
        # Short one-paragraph-per-line news: one unpunctuated headline is not
        # evidence of wrapping.
        (
            "Talks end without a deal in Geneva after six hours of meetings\n"
            "Negotiators left Geneva on Friday without an agreement, officials said.\n"
            "The talks lasted more than six hours and ended late on Friday.\n",
            [
                "Talks end without a deal in Geneva after six hours of meetings",
                "Negotiators left Geneva on Friday without an agreement, officials said.",
                "The talks lasted more than six hours and ended late on Friday.",
            ],
        ),
        # List lines are never joined.
        (
            "- a list item that is long enough to look like a wrapped line of text\n"
            "- another list item that is long enough to look like a wrapped line\n",
            [
                "- a list item that is long enough to look like a wrapped line of text",
                "- another list item that is long enough to look like a wrapped line",
            ],
        ),
    ],
)
def test_split_plain(text: str, expected: list[str]) -> None:
    assert [text[span.start : span.end] for span in split_plain(text)] == expected


def test_parse_text_for_library_users() -> None:
    document = parse_text("<p>Hello &amp; welcome to a page parsed from memory.</p>", format="html", path="mem")
    assert document.text == "Hello & welcome to a page parsed from memory."
    assert document.path == "mem" and document.paragraphs[0].skipped is None


def test_read_file_accepts_a_forced_format() -> None:
    document = only(list(read_file(str(INPUTS / "notes.log"), format="md")))
    assert document.format == "md"
