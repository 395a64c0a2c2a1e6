"""Counts over a whole scan, shared by every output format."""

from __future__ import annotations

from typing import Sequence

from mtcheck.results import DocumentResult

VERDICTS = ("pass", "warn", "fail")
SEVERITIES = ("error", "warning", "info")


def summarize(results: Sequence[DocumentResult]) -> dict:
    """Counts for the report's "summary".

    ``verdicts`` counts readable documents only (an unreadable one is counted
    in ``errors``), so verdicts plus errors add up to ``documents``.
    ``mean_fluency`` is the unweighted mean of the document scores; documents
    without a score (no scored paragraph) do not count; null if none has one.
    """
    readable = [result for result in results if result.ok]
    paragraphs = [p.paragraph for result in readable for p in result.paragraphs]
    findings = [finding for result in readable for finding in result.findings]
    scores = [result.fluency for result in readable if result.fluency is not None]
    return {
        "documents": len(results),
        "errors": len(results) - len(readable),
        "verdicts": {verdict: sum(r.verdict == verdict for r in readable) for verdict in VERDICTS},
        "findings": {severity: sum(f.severity == severity for f in findings) for severity in SEVERITIES},
        "paragraphs": {
            "total": len(paragraphs),
            "scored": sum(p.skipped is None for p in paragraphs),
            "skipped": sum(p.skipped is not None for p in paragraphs),
        },
        "mean_fluency": round(sum(scores) / len(scores), 1) if scores else None,
    }
