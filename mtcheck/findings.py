"""Findings: what a check reports, as immutable values with char offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
    # Check-specific numbers worth keeping in JSON (e.g. surprisal).
    details: dict = field(default_factory=dict, compare=False, hash=False)
