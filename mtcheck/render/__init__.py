"""Output formats: each turns a finished scan's results into one string.

Every renderer has the same signature, ``render(results, signature) -> str``,
so the CLI (and library users) pick one by name from ``RENDERERS``.
"""

from __future__ import annotations

from typing import Callable, Iterable

from mtcheck.render.json_report import SCHEMA, render_json, report_dict
from mtcheck.render.text_report import render_text
from mtcheck.results import DocumentResult

Renderer = Callable[[Iterable[DocumentResult], dict], str]

# Only the formats that exist; the CLI offers exactly these as --format choices.
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
}

__all__ = ["RENDERERS", "SCHEMA", "Renderer", "render", "render_json", "render_text", "report_dict"]


def render(format: str, results: Iterable[DocumentResult], signature: dict) -> str:
    return RENDERERS[format](results, signature)
