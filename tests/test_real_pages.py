"""Real web pages: main text through trafilatura, charsets, and pages with no article.

fixtures/realpages/ holds 60 real news pages from 60 publishers (the Zyte
article-extraction benchmark, MIT; tools/import_real_pages.py), each with
its hand-made article body: extraction is measured against those.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.checks.structure import structure_findings
from mtcheck.document import Document, InputError
from mtcheck.reading import iter_inputs, parse_text
from real_pages import PAGES, page_records, read_page

ARTICLE = (
    "<p>Negotiators from both sides left Geneva on Friday without an agreement, officials said after the meeting.</p>"
    "<p>The talks, described as frank by one diplomat, lasted more than six hours and ended late in the evening.</p>"
    "<p>Caf\u00e9 owners near the venue said business had doubled during the week of the negotiations.</p>"
)


def shingles(text: str, n: int = 4) -> set:
    words = text.split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_sixty_real_pages_from_sixty_publishers_with_ground_truth() -> None:
    records = page_records()
    assert len(records) == 60 and len({r["publisher"] for r in records}) == 60
    assert all((PAGES / r["file"]).exists() and len(r["article_body"]) > 200 for r in records)


@pytest.mark.parametrize("record", page_records(), ids=lambda r: r["publisher"])
def test_real_page_yields_its_article(record: dict) -> None:
    document = read_page(record)
    truth, got = shingles(record["article_body"]), shingles(document.text)
    recall = len(truth & got) / len(truth)
    # Every page gives most of its article; most give nearly all of it
    # (benchmarks/bench_real_pages.py: mean F1 0.96 dev, 0.97 held-out).
    assert recall > 0.4 and document.scored_paragraphs
    for paragraph in document.paragraphs:
        text = document.paragraph_text(paragraph)
        assert text == text.strip() and "\u00ad" not in text


def test_extraction_meets_the_aim_over_all_pages() -> None:
    precisions, recalls = [], []
    for record in page_records():
        truth, got = shingles(record["article_body"]), shingles(read_page(record).text)
        precisions.append(len(truth & got) / len(got))
        recalls.append(len(truth & got) / len(truth))
    precision, recall = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    assert 2 * precision * recall / (precision + recall) >= 0.95


def test_bbc_page_extracts_exactly_its_article_paragraphs() -> None:
    record = next(r for r in page_records() if r["publisher"] == "www.bbc.com")
    document = read_page(record)
    texts = [document.paragraph_text(p) for p in document.paragraphs]
    assert texts[0] == "Taylor Swift is allowed to play her music at the AMAs after all"
    assert "The group that owns most of her music, Big Machine, says she will be allowed to play her old tracks " \
           "at the American Music Awards on Sunday." in texts
    assert not any("Share this" in t or "Related Topics" in t for t in texts)


@pytest.mark.parametrize("page", [
    # A <meta> declaration (browsers read ISO-8859-1 as Windows-1252).
    f"<html><head><meta charset='iso-8859-1'></head><body>{ARTICLE}</body></html>".encode("latin-1"),
    f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head>"
    f"<body>{ARTICLE}</body></html>".encode("cp1252"),
    # No declaration and not UTF-8: detected.
    f"<html><body>{ARTICLE.replace('Negotiators', 'Négociateurs')}</body></html>".encode("cp1252"),
    # A byte-order mark.
    f"<html><body>{ARTICLE}</body></html>".encode("utf-16"),
], ids=["meta-charset", "http-equiv", "undeclared", "utf-16-bom"])
def test_a_page_in_another_encoding_is_decoded(tmp_path: Path, page: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page)
    (document,) = iter_inputs([str(path)])
    assert isinstance(document, Document) and "Café owners near the venue" in document.text


def test_a_page_wrapped_in_a_form_still_yields_its_article(tmp_path: Path) -> None:
    page = tmp_path / "form.html"
    page.write_text(f"<html><body><form action='/subscribe'>{ARTICLE}</form></body></html>", encoding="utf-8")
    (document,) = iter_inputs([str(page)])
    assert len(document.scored_paragraphs) == 3 and structure_findings(document) == []


@pytest.mark.parametrize("markup", [
    "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    "<html><body><p>Share</p><p>Tweet</p></body></html>",
    "",
])
def test_a_page_with_no_article_text_is_a_structure_warning(markup: str) -> None:
    document = parse_text(markup, path="page.html", format="html")
    (finding,) = structure_findings(document)
    assert (finding.code, finding.category, finding.severity) == ("MT401", "structure", "warning")
    assert finding.text == document.text[finding.start:finding.end]
    assert finding.message.startswith("no article text to check")


def test_an_empty_directory_is_an_input_error(tmp_path: Path) -> None:
    (error,) = iter_inputs([str(tmp_path)])
    assert isinstance(error, InputError) and error.path == str(tmp_path)
    assert error.message.startswith("no articles found")
