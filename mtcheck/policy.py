"""What a team decides about findings, applied after the scan.

The checks report what they see; a policy says what a pipeline acts on:

0. which codes are reported: ``select`` and ``ignore`` (codes or their
   prefixes, ``ignore = ["MT3"]``), and each code's severity, raised,
   lowered or switched off (``severity = {MT401 = "error", MT103 = "off"}``);
1. suppressions: names the publisher accepts (``accepted-names``) and
   regions of an article switched off inline with
   ``<!-- mtcheck-disable -->`` ... ``<!-- mtcheck-enable -->`` (optionally
   naming codes: ``<!-- mtcheck-disable MT201 MT103 -->``), which the
   Markdown and HTML readers record as ``Document.disabled``;
2. a baseline: findings already known (``mtcheck baseline create``) are not
   reported again;
3. thresholds: paragraph fluency (MT104 findings), document fluency, the
   number of corrupted names, the share of garbled paragraphs; a document
   that breaks one gets a gate failure and the verdict "fail".

``apply_policy`` is a pure function of a result, so the gate can be tested
without a model, and the engine (``mtcheck.scanner``) stays policy-free.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Iterable, Optional

from mtcheck.checks.fluency import GARBLED_BELOW
from mtcheck.document import Document, InputError
from mtcheck.findings import SEVERITY_RANK, Finding, fingerprints
from mtcheck.gazetteer.normalise import normalise
from mtcheck.reading.files import read_bytes
from mtcheck.results import DocumentResult, verdict_for



@dataclass(frozen=True)
class Thresholds:
    min_document_fluency: Optional[float] = None
    min_paragraph_fluency: Optional[float] = None
    max_corrupted_names: Optional[int] = None
    max_garbled_share: Optional[float] = None
    garbled_below: float = GARBLED_BELOW


@dataclass(frozen=True)
class Policy:
    accepted_names: tuple[str, ...] = ()
    baseline: frozenset[str] = frozenset()  # finding fingerprints
    thresholds: Thresholds = Thresholds()
    # code -> "error" | "warning" | "info" | "off"
    severities: tuple[tuple[str, str], ...] = ()
    # Finding codes or their prefixes ("MT2"): reported when selected and not ignored.
    select: tuple[str, ...] = ("MT",)
    ignore: tuple[str, ...] = ()

    def reports(self, code: str) -> bool:
        """Whether findings of ``code`` are reported at all."""
        return code.startswith(self.select) and not code.startswith(self.ignore) and code not in self._turned_off

    @cached_property
    def _turned_off(self) -> frozenset[str]:
        return frozenset(code for code, level in self.severities if level == "off")

    @classmethod
    def from_config(cls, values: dict, baseline: frozenset[str] = frozenset()) -> "Policy":
        thresholds = Thresholds(
            min_document_fluency=values["min-document-fluency"],
            min_paragraph_fluency=values["min-paragraph-fluency"],
            max_corrupted_names=values["max-corrupted-names"],
            max_garbled_share=values["max-garbled-share"],
            garbled_below=values["garbled-below"],
        )
        return cls(tuple(values["accepted-names"]), baseline, thresholds, tuple(sorted(values["severity"].items())),
                   tuple(values["select"]), tuple(values["ignore"]))


def apply_policy(result: DocumentResult, policy: Policy) -> DocumentResult:
    if not result.ok or result.document is None:
        return result
    findings = [f for f in with_severities(result.findings, dict(policy.severities))
                if not is_suppressed(f, result.document, policy)]
    findings += [f for f in paragraph_threshold_findings(result, policy.thresholds) if policy.reports(f.code)]
    findings = [f for f, fp in zip(findings, fingerprints(result.path, result.id, findings))
                if fp not in policy.baseline]
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    failures = gate_failures(result, findings, policy.thresholds)
    verdict = "fail" if failures else verdict_for(findings)
    return replace(result, findings=tuple(findings), verdict=verdict, gate_failures=failures)


def with_severities(findings: Iterable[Finding], severities: dict[str, str]) -> list[Finding]:
    """Each finding at the severity its code is set to ("off" is left to is_suppressed)."""
    return [replace(f, severity=severities[f.code]) if severities.get(f.code) in SEVERITY_RANK else f
            for f in findings]


# -- suppressions ----------------------------------------------------------------

def is_suppressed(finding: Finding, document: Document, policy: Policy) -> bool:
    if not policy.reports(finding.code):
        return True
    if finding.category == "name" and is_accepted_name(finding.text, policy.accepted_names):
        return True
    return any(start <= finding.start < end and (not codes or finding.code in codes)
               for start, end, codes in document.disabled)


def is_accepted_name(text: str, accepted: Iterable[str]) -> bool:
    """The flagged text is an accepted name or one word of one (case and accents aside)."""
    key = normalise(text)
    return any(key == normalise(name) or key in normalise(name).split() for name in accepted)


# -- baseline --------------------------------------------------------------------

BASELINE_SCHEMA = "mtcheck.baseline/1"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file."""


def baseline_dict(results: Iterable[DocumentResult]) -> dict:
    """Every finding of the readable results, by fingerprint (what `baseline create` writes)."""
    from mtcheck.version import __version__

    entries = []
    for result in results:
        if result.ok:
            for finding, fp in zip(result.findings, fingerprints(result.path, result.id, result.findings)):
                entries.append({"fingerprint": fp, "path": result.path, "id": result.id, "code": finding.code,
                                "text": finding.text[:200]})
    return {"schema": BASELINE_SCHEMA, "mtcheck_version": __version__, "findings": entries}


def read_baseline(path: str) -> frozenset[str]:
    raw = read_bytes(path)  # a regular file of sane size: never a FIFO or /dev/zero
    if isinstance(raw, InputError):
        raise BaselineError(f"{path}: cannot read the baseline: {raw.message}")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a baseline (invalid JSON: {error})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a baseline (invalid JSON: nested too deeply)") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise BaselineError(f"{path}: not a baseline (expected schema {BASELINE_SCHEMA!r}; "
                            "make one with `mtcheck baseline create`)")
    try:
        return frozenset(str(entry["fingerprint"]) for entry in data["findings"])
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: malformed baseline: every finding needs a fingerprint") from None


# -- thresholds ------------------------------------------------------------------

def paragraph_threshold_findings(result: DocumentResult, thresholds: Thresholds) -> list[Finding]:
    minimum = thresholds.min_paragraph_fluency
    if minimum is None:
        return []
    document = result.document
    return [
        Finding(code="MT104", category="fluency", severity="error", paragraph=p.paragraph.index,
                start=p.paragraph.start, end=p.paragraph.end, text=document.paragraph_text(p.paragraph),
                message=f"paragraph fluency {p.fluency:.0f} is below min-paragraph-fluency {minimum:g}")
        for p in result.paragraphs if p.fluency is not None and p.fluency < minimum
    ]


def gate_failures(result: DocumentResult, findings: list[Finding], thresholds: Thresholds) -> tuple[str, ...]:
    failures = []
    if thresholds.min_document_fluency is not None and result.fluency is not None \
            and result.fluency < thresholds.min_document_fluency:
        failures.append(f"document fluency {result.fluency:.1f} is below min-document-fluency "
                        f"{thresholds.min_document_fluency:g}")
    corrupted = sum(f.code == "MT201" for f in findings)
    if thresholds.max_corrupted_names is not None and corrupted > thresholds.max_corrupted_names:
        failures.append(f"{corrupted} corrupted names, more than max-corrupted-names "
                        f"{thresholds.max_corrupted_names}")
    scored = [p.fluency for p in result.paragraphs if p.fluency is not None]
    if thresholds.max_garbled_share is not None and scored:
        share = sum(f < thresholds.garbled_below for f in scored) / len(scored)
        if share > thresholds.max_garbled_share:
            failures.append(f"{share:.0%} of paragraphs are garbled (fluency below {thresholds.garbled_below:g}), "
                            f"more than max-garbled-share {thresholds.max_garbled_share:g}")
    return tuple(failures)
