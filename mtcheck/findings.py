"""Findings: what a check reports, as immutable values with char offsets."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, Optional, Sequence

Severity = Literal["error", "warning", "info"]
Category = Literal["name", "fluency", "grammar", "structure"]

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    code: str
    category: Category
    severity: Severity
    paragraph: int
    start: int
    end: int
    # Always document.text[start:end]; checked when the finding is made.
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    confidence: float = 1.0
    # The check is less sure of this suggestion than its rule's fixes usually
    # are: `mtcheck fix` applies it only with --unsafe.
    unsafe_fix: bool = False
    # Check-specific numbers worth keeping in JSON (e.g. surprisal).
    details: dict = field(default_factory=dict, compare=False, hash=False)


def fingerprints(path: str, document_id: Optional[str], findings: Sequence[Finding]) -> list[str]:
    """A stable id per finding: its document, code and flagged text, and which
    occurrence of that text it is. Offsets are left out, so text added or
    moved elsewhere in the article does not change it; editing the flagged
    words does."""
    result = [""] * len(findings)
    seen: Counter[tuple[str, str]] = Counter()
    for i in sorted(range(len(findings)), key=lambda i: (findings[i].start, findings[i].end, findings[i].code)):
        finding = findings[i]
        text = " ".join(finding.text.split())
        raw = "\x1f".join((path, document_id or "", finding.code, text, str(seen[(finding.code, text)])))
        seen[(finding.code, text)] += 1
        result[i] = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]
    return result
