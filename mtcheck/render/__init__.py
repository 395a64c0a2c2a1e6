"""Output formats: each turns a finished scan's results into one string.

Every renderer has the same signature, ``render(results, signature) -> str``,
so the CLI (and library users) pick one by name from ``RENDERERS``. The HTML
page also draws the line under which a paragraph counts as garbled, which a
config may move: ``render`` passes it on.
"""

from __future__ import annotations

from typing import Callable, Iterable

from mtcheck.checks.fluency import GARBLED_BELOW
from mtcheck.render.github import render_github
from mtcheck.render.html_report import render_html
from mtcheck.render.json_report import SCHEMA, render_json, report_dict
from mtcheck.render.jsonl_report import render_jsonl
from mtcheck.render.junit import render_junit
from mtcheck.render.markdown import render_markdown
from mtcheck.render.sarif import render_sarif
from mtcheck.render.text_report import render_text
from mtcheck.results import DocumentResult

Renderer = Callable[[Iterable[DocumentResult], dict], str]

# Only the formats that exist; the CLI offers exactly these as --format choices.
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "markdown": render_markdown,
    "html": render_html,
}

__all__ = ["RENDERERS", "SCHEMA", "Renderer", "render", "render_json", "render_text", "report_dict"]


def render(format: str, results: Iterable[DocumentResult], signature: dict,
           garbled_below: float = GARBLED_BELOW) -> str:
    if format == "html":
        return render_html(results, signature, garbled_below=garbled_below)
    return RENDERERS[format](results, signature)
