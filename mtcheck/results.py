"""What a scan produces: per-paragraph scores and findings for each document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal, Optional

from mtcheck.document import Document, InputError, Paragraph
from mtcheck.findings import SEVERITY_RANK, Finding

Verdict = Literal["pass", "warn", "fail"]


@dataclass(frozen=True)
class ParagraphResult:
    paragraph: Paragraph
    # 0-100, higher is more fluent; None when the paragraph is skipped.
    fluency: Optional[float] = None
    # Raw language-model numbers (mean_nll, tokens, ...) for the JSON report.
    lm: Optional[dict] = field(default=None, compare=False, hash=False)


@dataclass(frozen=True)
class DocumentResult:
    path: str
    id: Optional[str] = None
    document: Optional[Document] = None
    error: Optional[InputError] = None
    paragraphs: tuple[ParagraphResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    fluency: Optional[float] = None
    verdict: Verdict = "pass"
    # Why the gate's thresholds fail this document ("document fluency 45.2 is
    # below min-document-fluency 50"); each makes the verdict "fail".
    gate_failures: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def from_error(cls, error: InputError) -> "DocumentResult":
        # An unreadable input fails its document: it was not checked.
        return cls(path=error.path, id=error.id, error=error, verdict="fail")


def verdict_for(findings: Iterable[Finding]) -> Verdict:
    """The verdict the worst finding's severity gives."""
    worst = max((SEVERITY_RANK[f.severity] for f in findings), default=0)
    return {2: "fail", 1: "warn", 0: "pass"}[worst]
