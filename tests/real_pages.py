"""The real news pages of fixtures/realpages/ (from the Zyte article-extraction
benchmark, MIT), for the tests: each page as read, or its hand-made article body."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from mtcheck.document import Document
from mtcheck.reading import parse_text
from mtcheck.reading.files import decode_html

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "realpages"


def page_records() -> list[dict]:
    return [json.loads(line) for line in (PAGES / "pages.jsonl").read_text(encoding="utf-8").splitlines()]


def read_page(record: dict) -> Document:
    with gzip.open(PAGES / record["file"]) as handle:
        return parse_text(decode_html(handle.read()), path=record["file"], format="html")


def real_page(publisher: str, extracted: bool = False) -> Document:
    """One publisher's page as read (``extracted``), or its article body as plain text."""
    record = next(r for r in page_records() if r["publisher"] == publisher)
    return read_page(record) if extracted else parse_text(record["article_body"], path=record["file"])
