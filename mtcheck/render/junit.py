"""``--format junit``: JUnit XML, one test case per document, for CI test-report views.

A document whose verdict is "fail" fails its test case (its error findings in
``<failure>``); a "warn" document passes but lists its findings in
``<system-out>``; an unreadable input is an ``<error>``. ElementTree does
all escaping; characters XML 1.0 cannot carry at all (most C0 controls,
lone surrogates, U+FFFE/U+FFFF) are dropped from article text first, since
no escape exists for them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable

from mtcheck.findings import Finding
from mtcheck.render.labels import document_label, plural
from mtcheck.render.positions import LineIndex
from mtcheck.results import DocumentResult

SUITE_NAME = "mtcheck"
CLASS_NAME = "mtcheck.scan"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Everything outside XML 1.0's Char production (tab, LF and CR are allowed).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(results: Iterable[DocumentResult], signature: dict) -> str:
    results = list(results)
    counts = suite_counts(results)
    root = ET.Element("testsuites", name=SUITE_NAME, **counts)
    suite = ET.SubElement(root, "testsuite", name=SUITE_NAME, **counts, skipped="0")
    suite.append(properties_element(signature))
    for result in results:
        suite.append(testcase(result))
    ET.indent(root)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode")


def xml_safe(text: str) -> str:
    return XML_FORBIDDEN.sub("", text)


def suite_counts(results: list[DocumentResult]) -> dict[str, str]:
    return {
        "tests": str(len(results)),
        "failures": str(sum(result.ok and result.verdict == "fail" for result in results)),
        "errors": str(sum(not result.ok for result in results)),
    }


def properties_element(signature: dict) -> ET.Element:
    # What produced the verdicts, so two CI runs can be compared.
    properties = ET.Element("properties")
    for name, value in signature.items():
        ET.SubElement(properties, "property", name=xml_safe(str(name)), value=xml_safe(str(value)))
    return properties


def testcase(result: DocumentResult) -> ET.Element:
    label = document_label(result)
    case = ET.Element("testcase", classname=CLASS_NAME, name=xml_safe(label))
    if not result.ok:
        error = ET.SubElement(case, "error", message=xml_safe(result.error.message), type="InputError")
        error.text = xml_safe(result.error.describe())
        return case
    failing, other = split_failing(result)
    lines = finding_lines(label, result)
    if result.verdict == "fail":
        case.append(failure_element(label, result, failing, lines))
    if other:
        ET.SubElement(case, "system-out").text = "\n".join(lines[f] for f in other)
    return case


def failure_element(label: str, result: DocumentResult, failing: list[Finding], lines: dict[Finding, str]) -> ET.Element:
    """What failed the document: the gate's reasons (thresholds), then its failing findings."""
    reasons = [f"gate failed: {reason}" for reason in result.gate_failures]
    codes = sorted({finding.code for finding in failing})
    summary = list(reasons)
    if failing:
        summary.append(f"{plural(len(failing), failing[0].severity)}: {', '.join(codes)}")
    types = (["gate"] if reasons else []) + codes
    failure = ET.Element("failure", message=xml_safe("; ".join(summary) or "verdict fail"), type=" ".join(types) or "fail")
    failure.text = xml_safe("\n".join([*(f"{label}: {reason}" for reason in reasons), *(lines[f] for f in failing)]))
    return failure


def split_failing(result: DocumentResult) -> tuple[list[Finding], list[Finding]]:
    """(findings that fail the document, the rest); nothing fails a document that is not "fail"."""
    if result.verdict != "fail":
        return [], list(result.findings)
    failing = [f for f in result.findings if f.severity == "error"]
    if not failing and not result.gate_failures:
        # Failed by a stricter --fail-on: its warnings are what failed it.
        failing = [f for f in result.findings if f.severity == "warning"]
    return failing, [f for f in result.findings if f not in failing]


def finding_lines(label: str, result: DocumentResult) -> dict[Finding, str]:
    """"path:line:col: severity CODE message [suggestion: X]" per finding, as in the text report."""
    index = LineIndex(result.document.text)
    lines = {}
    for finding in result.findings:
        line, column = index.position(finding.start)
        text = f"{label}:{line}:{column}: {finding.severity} {finding.code} {one_line(finding.message)}"
        if finding.suggestions:
            text += f" [suggestion: {one_line(', '.join(finding.suggestions))}]"
        lines[finding] = xml_safe(text)
    return lines


def one_line(text: str) -> str:
    # One finding, one line of the failure text, whatever the article put in the message.
    return " ".join(text.split())
