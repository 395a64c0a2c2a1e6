"""``--format json``: the report as one JSON object (schema "mtcheck.report/1").

The shape is a contract (see DESIGN.md) that CI systems and acceptance
checks rely on: change it only with a new schema version.
"""

from __future__ import annotations

import json
from typing import Iterable

from mtcheck.checks.base import fix_applicability
from mtcheck.version import __version__
from mtcheck.findings import Finding
from mtcheck.render.corpus import corpus_view
from mtcheck.render.labels import source_line
from mtcheck.render.summary import summarize
from mtcheck.results import DocumentResult, ParagraphResult

SCHEMA = "mtcheck.report/1"


def render_json(results: Iterable[DocumentResult], signature: dict) -> str:
    # ensure_ascii=False keeps names such as "Sprūds" readable; json still
    # escapes control characters, so the output is always valid JSON text.
    return json.dumps(report_dict(results, signature), ensure_ascii=False, indent=2)


def report_dict(results: Iterable[DocumentResult], signature: dict) -> dict:
    results = list(results)
    return {
        "schema": SCHEMA,
        "mtcheck_version": __version__,
        "signature": signature,
        "documents": [document_dict(result) for result in results],
        "summary": summarize(results),
        "corpus": corpus_view(results),
    }


def document_dict(result: DocumentResult) -> dict:
    entry: dict = {"path": result.path, "id": result.id}
    line = source_line(result)
    if line is not None:  # JSONL articles (and their errors) only
        entry["line"] = line
    entry["status"] = "ok" if result.ok else "error"
    entry["error"] = None if result.ok else result.error.message
    entry["verdict"] = result.verdict
    entry["fluency"] = result.fluency
    entry["gate_failures"] = list(result.gate_failures)
    entry["paragraphs"] = [paragraph_dict(p) for p in result.paragraphs]
    entry["findings"] = [finding_dict(f) for f in result.findings]
    return entry


def paragraph_dict(result: ParagraphResult) -> dict:
    paragraph = result.paragraph
    return {
        "index": paragraph.index,
        "start": paragraph.start,
        "end": paragraph.end,
        "fluency": result.fluency,
        "skipped": paragraph.skipped,
        "lm": result.lm,
    }


def finding_dict(finding: Finding) -> dict:
    return {
        "code": finding.code,
        "category": finding.category,
        "severity": finding.severity,
        "paragraph": finding.paragraph,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "suggestions": list(finding.suggestions),
        "confidence": finding.confidence,
        # Whether `mtcheck fix` applies the first suggestion: "safe", "unsafe" (with --unsafe) or null.
        "fix": fix_applicability(finding),
        # The check's own numbers behind the finding (a word's surprisal, a sentence's fluency).
        "details": dict(finding.details),
    }
