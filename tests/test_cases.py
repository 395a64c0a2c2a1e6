"""Every check's cases, from tests/cases/<check>.yaml, run by one runner.

A case file names its check and lists cases: an input text (with its
format: txt, md, html), and every finding the check must report on it, no
more and no fewer: code, the exact text of the span (``occurrence`` picks
the n-th place it stands, from 1), and where given the first suggestion and
the severity. Findings below ``min_severity`` (warning unless the file says
otherwise) are not compared. ``why`` says what the case shows; ``xfail``
says why a case does not pass yet (strict: passing fails the suite until
the mark goes). Cases run through the check as a default scan builds it:
the real model and gazetteer.

    check: names
    cases:
      - name: a damaged given name beside its surname
        text: Ukrainian President Voldimi Zelensky said ...
        findings:
          - {code: MT201, span: Voldimi, suggestion: Volodymyr}
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mtcheck.checks.base import registered_checks
from mtcheck.findings import Finding
from mtcheck.reading import parse_text

CASES = Path(__file__).resolve().parent / "cases"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CASE_KEYS = {"name", "text", "format", "findings", "why", "xfail"}
FINDING_KEYS = {"code", "span", "occurrence", "suggestion", "severity"}


def load_cases() -> list:
    params = []
    for file in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            marks = [pytest.mark.model]
            if "xfail" in case:
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            params.append(pytest.param(spec["check"], spec.get("min_severity", "warning"), case,
                                       id=f"{file.stem}: {case['name']}", marks=marks))
    return params


def expected_finding(text: str, expected: dict) -> dict:
    """The comparable form of an expected finding, its span located in ``text``."""
    span, occurrence = expected["span"], expected.get("occurrence", 1)
    start = -1
    for _ in range(occurrence):
        start = text.find(span, start + 1)
        assert start >= 0, f"{span!r} does not stand {occurrence} time(s) in the case's text"
    found = {"code": expected["code"], "start": start, "end": start + len(span), "span": span}
    found.update({key: expected[key] for key in ("suggestion", "severity") if key in expected})
    return found


def comparable(finding: Finding, expected: dict) -> dict:
    """``finding`` with the fields ``expected`` names."""
    found = {"code": finding.code, "start": finding.start, "end": finding.end, "span": finding.text}
    if "suggestion" in expected:
        found["suggestion"] = finding.suggestions[0] if finding.suggestions else None
    if "severity" in expected:
        found["severity"] = finding.severity
    return found


def test_every_case_file_is_well_formed() -> None:
    names = {check.name for check in registered_checks()}
    files = sorted(CASES.glob("*.yaml"))
    assert {file.stem for file in files} == names, "one case file per registered built-in check"
    for file in files:
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        assert spec["check"] == file.stem and spec["cases"], file.name
        for case in spec["cases"]:
            assert set(case) <= CASE_KEYS and {"name", "text", "findings"} <= set(case), (file.name, case)
            assert all(set(f) <= FINDING_KEYS and {"code", "span"} <= set(f) for f in case["findings"]), case["name"]


@pytest.mark.parametrize("check_name, min_severity, case", load_cases())
def test_case(real_scanner, check_name: str, min_severity: str, case: dict) -> None:
    document = parse_text(case["text"], format=case.get("format", "txt"))
    (output,) = real_scanner.checks[check_name].check([document])
    reported = [f for f in output.findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[min_severity]]
    expected = [expected_finding(document.text, f) for f in case["findings"]]
    keys = [next((e for e in expected if (e["start"], e["code"]) == (f.start, f.code)), {}) for f in reported]
    found = sorted((comparable(f, e) for f, e in zip(reported, keys)), key=lambda f: (f["start"], f["code"]))
    assert found == sorted(expected, key=lambda f: (f["start"], f["code"]))
