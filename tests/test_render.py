"""Text and JSON rendering of real documents with hand-made scores and findings.

The documents are read from real files; only the scores and findings are made
up here, so the output formats are tested without loading the model.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from mtcheck.document import Document, InputError
from mtcheck.findings import Finding
from mtcheck.reading import iter_inputs
from mtcheck.render import RENDERERS, SCHEMA, render_json, render_text, report_dict
from mtcheck.render.text_report import printable
from mtcheck.results import DocumentResult, ParagraphResult

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "fixtures" / "inputs"
SEED_001 = next((ROOT / "seeds").glob("001_*.txt"))


def read(path: Path) -> list[Document | InputError]:
    return list(iter_inputs([str(path)]))


def scored(document: Document, findings: tuple[Finding, ...] = (), verdict: str = "pass") -> DocumentResult:
    """Every unskipped paragraph scores 70; the document likewise."""
    paragraphs = tuple(
        ParagraphResult(p, None, None) if p.skipped else ParagraphResult(p, 70.0, {"mean_nll": 3.2})
        for p in document.paragraphs
    )
    return DocumentResult(
        path=document.path, id=document.id, document=document, paragraphs=paragraphs,
        findings=findings, fluency=70.0 if document.scored_paragraphs else None, verdict=verdict,
    )


def finding_on(document: Document, word: str, *, message: str = "odd word", suggestions=("endured",)) -> Finding:
    start = document.text.index(word)
    paragraph = next(p for p in document.paragraphs if p.start <= start < p.end)
    return Finding(
        code="MT999", category="fluency", severity="warning", paragraph=paragraph.index,
        start=start, end=start + len(word), text=word, message=message, suggestions=tuple(suggestions),
        confidence=0.8,
    )


def plain(results: list[DocumentResult]) -> list[str]:
    return click.unstyle(render_text(results)).splitlines()


def expand_paragraph_items(items: list[str]) -> list[str]:
    """["1:70", "2-3:(boilerplate)"] -> ["70", "(boilerplate)", "(boilerplate)"], checking the numbering."""
    marks = []
    for item in items:
        numbers, mark = item.split(":")
        first, _, last = numbers.partition("-")
        assert int(first) == len(marks) + 1
        marks += [mark] * (int(last or first) - int(first) + 1)
    return marks


# -- text ---------------------------------------------------------------------
def test_text_finding_line_has_line_and_column_of_its_start() -> None:
    (document,) = read(INPUTS / "crlf.txt")
    finding = finding_on(document, "lasted")
    lines = plain([scored(document, (finding,), verdict="warn")])
    # crlf.txt: the third paragraph is on line 4 (CRLF line ends); "lasted" is its 11th character.
    assert f"{document.path}:4:11: warning MT999 odd word [suggestion: endured]" in lines


def test_text_document_header_paragraph_line_and_summary() -> None:
    (document,) = read(SEED_001)
    lines = plain([scored(document)])
    skipped = sum(p.skipped is not None for p in document.paragraphs)
    assert lines[0] == (
        f"{document.path}: pass, fluency 70.0, {len(document.paragraphs)} paragraphs ({skipped} skipped), 0 findings"
    )
    paragraph_text = " ".join(line.strip() for line in lines[1:-1])
    assert paragraph_text.startswith("paragraph fluency: 1:70 2-3:(boilerplate) 4:(duplicate) 5:70 ")
    expected = [f"({p.skipped})" if p.skipped else "70" for p in document.paragraphs]
    assert expand_paragraph_items(paragraph_text.split()[2:]) == expected
    assert lines[-1] == "1 document: 1 pass, 0 warn, 0 fail; 0 findings (0 errors, 0 warnings, 0 info); mean fluency 70.0"


def test_text_errors_name_the_file_and_jsonl_line() -> None:
    items = read(INPUTS / "articles.jsonl") + read(INPUTS / "no-such-file.txt")
    results = [scored(i) if isinstance(i, Document) else DocumentResult.from_error(i) for i in items]
    lines = plain(results)
    assert f"{INPUTS / 'articles.jsonl'}:2: error: malformed JSON: Unterminated string starting at column 26" in lines
    assert f"{INPUTS / 'no-such-file.txt'}: error: no such file or directory" in lines
    assert f"{INPUTS / 'articles.jsonl'}#17: pass, fluency 70.0, 2 paragraphs (1 skipped), 0 findings" in lines
    assert lines[-1].startswith(f"{len(results)} documents (5 unreadable): 2 pass, 0 warn, 0 fail;")


def test_text_empty_document_has_no_score() -> None:
    (document,) = read(INPUTS / "empty.txt")
    assert plain([scored(document)])[:2] == [
        f"{document.path}: pass, fluency n/a, 0 paragraphs (0 skipped), 0 findings",
        "  no paragraphs",
    ]


def test_text_from_a_document_cannot_reach_the_terminal_as_control_codes() -> None:
    (document,) = read(INPUTS / "crlf.txt")
    finding = finding_on(document, "lasted", message="title\x1b]0;pwned\x07\nnext", suggestions=("a\rb",))
    report = render_text([scored(document, (finding,))])
    assert "\x07" not in report and "\r" not in report
    assert "title\\x1b]0;pwned\\x07\\nnext [suggestion: a\\rb]" in click.unstyle(report)
    assert printable("Sprūds — ok\t") == "Sprūds — ok\\t"


def test_text_is_coloured_only_by_style_codes_echo_can_strip() -> None:
    (document,) = read(INPUTS / "bom.txt")
    report = render_text([scored(document)])
    assert "\x1b[" in report  # styled; click.echo removes it off a terminal
    assert "\x1b" not in click.unstyle(report)


# -- json ---------------------------------------------------------------------
def test_json_document_entry_follows_the_contract() -> None:
    (document,) = read(INPUTS / "crlf.txt")
    finding = finding_on(document, "lasted")
    entry = report_dict([scored(document, (finding,), verdict="warn")], {"mtcheck": "x"})["documents"][0]
    assert list(entry) == ["path", "id", "status", "error", "verdict", "fluency", "gate_failures", "paragraphs", "findings"]
    assert entry["paragraphs"][0] == {
        "index": 0, "start": document.paragraphs[0].start, "end": document.paragraphs[0].end,
        "fluency": 70.0, "skipped": None, "lm": {"mean_nll": 3.2},
    }
    assert entry["findings"] == [{
        "code": "MT999", "category": "fluency", "severity": "warning", "paragraph": 2,
        "start": finding.start, "end": finding.end, "text": "lasted", "message": "odd word",
        "suggestions": ["endured"], "confidence": 0.8, "fix": None, "details": {},
    }]


def test_json_error_and_jsonl_entries() -> None:
    items = read(INPUTS / "articles.jsonl")
    results = [scored(i) if isinstance(i, Document) else DocumentResult.from_error(i) for i in items]
    report = report_dict(results, {})
    first, malformed = report["documents"][:2]
    assert (first["id"], first["line"], first["status"], first["error"]) == ("17", 1, "ok", None)
    assert malformed == {
        "path": str(INPUTS / "articles.jsonl"), "id": None, "line": 2, "status": "error",
        "error": "malformed JSON: Unterminated string starting at column 26",
        "verdict": "fail", "fluency": None, "gate_failures": [], "paragraphs": [], "findings": [],
    }
    assert all(isinstance(entry["line"], int) for entry in report["documents"])


def test_json_summary_counts_readable_verdicts_and_errors_apart() -> None:
    (document,) = read(INPUTS / "crlf.txt")
    (empty,) = read(INPUTS / "empty.txt")
    finding = finding_on(document, "lasted")
    missing = DocumentResult.from_error(InputError("missing.txt", "no such file or directory"))
    results = [scored(document, (finding,), verdict="warn"), scored(empty), missing]
    assert report_dict(results, {})["summary"] == {
        "documents": 3,
        "errors": 1,
        "verdicts": {"pass": 1, "warn": 1, "fail": 0},
        "findings": {"error": 0, "warning": 1, "info": 0},
        "paragraphs": {"total": 3, "scored": 3, "skipped": 0},
        "mean_fluency": 70.0,  # the empty document has no score and does not count
    }


def test_json_text_keeps_non_ascii_and_round_trips() -> None:
    (document,) = read(INPUTS / "crlf.txt")
    finding = finding_on(document, "Geneva", suggestions=("Genève",))
    text = render_json([scored(document, (finding,))], {"model": "m"})
    assert '"Genève"' in text  # ensure_ascii=False: names stay readable
    assert text.startswith('{\n  "schema"')  # indent=2
    report = json.loads(text)
    assert report["schema"] == SCHEMA and report["signature"] == {"model": "m"}
    assert report["documents"][0]["findings"][0]["suggestions"] == ["Genève"]


def test_renderers_offer_exactly_the_implemented_formats() -> None:
    assert sorted(RENDERERS) == ["github", "html", "json", "jsonl", "junit", "markdown", "sarif", "text"]
