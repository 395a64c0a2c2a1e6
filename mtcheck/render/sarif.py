"""``--format sarif``: a SARIF 2.1.0 log, for code-scanning tools (GitHub code scanning and others).

One run; ``tool.driver.rules`` always lists every finding code, so a
result's ``ruleIndex`` is stable from scan to scan. Regions count Unicode
code points (``columnKind``), like Python offsets and LineIndex columns;
``endColumn`` is exclusive. Unreadable inputs are error notifications of the
invocation, which is then not ``executionSuccessful`` (the gate could not
judge everything, as exit code 3 says).

Article text only ever lands in JSON strings (``message.text``, fixes):
``json`` escapes it, and no Markdown field carries it.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional

from mtcheck.version import __version__
from mtcheck.findings import Finding, fingerprints
from mtcheck.render.locations import DocumentLocator, FileRegion, annotation_message, artifact_uri
from mtcheck.checks.base import Rule, all_rules, rule_for
from mtcheck.results import DocumentResult

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Versioned, so a change to what is hashed can get a new key instead of silently re-matching.
FINGERPRINT_KEY = "mtcheckFinding/v1"


def render_sarif(results: Iterable[DocumentResult], signature: dict) -> str:
    return json.dumps(sarif_log(results, signature), ensure_ascii=False, indent=2)


def sarif_log(results: Iterable[DocumentResult], signature: dict) -> dict:
    results = list(results)
    rules = rules_for(results)
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver(rules)},
                "invocations": [invocation(results)],
                "columnKind": "unicodeCodePoints",
                "results": [entry for result in results if result.ok for entry in document_results(result, rule_index)],
                "properties": run_properties(results, signature),
            }
        ],
    }


def run_properties(results: list[DocumentResult], signature: dict) -> dict:
    """The signature, and any gate thresholds that failed whole documents (no rule or region fits them)."""
    properties: dict = {"signature": signature}
    gate_failures = [
        {"uri": artifact_uri(result.path), "id": result.id, "reason": reason}
        for result in results if result.ok for reason in result.gate_failures
    ]
    if gate_failures:
        properties["gateFailures"] = gate_failures
    return properties


def rules_for(results: list[DocumentResult]) -> list[Rule]:
    """Every known rule, then any code a newer check produced that this module has no text for."""
    rules = all_rules()
    known = {rule.code for rule in rules}
    extra = sorted({f.code for result in results for f in result.findings} - known)
    return [*rules, *(rule_for(code) for code in extra)]


def driver(rules: list[Rule]) -> dict:
    return {"name": "mtcheck", "version": __version__, "semanticVersion": __version__, "rules": [rule_dict(rule) for rule in rules]}


def rule_dict(rule: Rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.full},
        "help": {"text": rule.help, "markdown": rule.help_markdown},
        "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
        "properties": {"tags": [rule.category]},
    }


def invocation(results: list[DocumentResult]) -> dict:
    notifications = [input_error_notification(result) for result in results if not result.ok]
    entry: dict = {"executionSuccessful": not notifications}
    if notifications:
        entry["toolExecutionNotifications"] = notifications
    return entry


def input_error_notification(result: DocumentResult) -> dict:
    error = result.error
    location: dict = {"artifactLocation": {"uri": artifact_uri(error.path)}}
    if error.line is not None:
        location["region"] = {"startLine": error.line}
    return {
        "level": "error",
        "message": {"text": f"cannot read {error.describe()}"},
        "locations": [{"physicalLocation": location}],
    }


def document_results(result: DocumentResult, rule_index: dict[str, int]) -> list[dict]:
    locator = DocumentLocator(result)
    uri = artifact_uri(result.path)
    # The baseline's fingerprints (code, flagged text, its occurrence, document;
    # no offsets): one id per finding across `baseline create` and SARIF.
    prints = fingerprints(result.path, result.id, result.findings)
    return [
        result_dict(finding, locator, uri, rule_index[finding.code], fingerprint)
        for finding, fingerprint in zip(result.findings, prints)
    ]


def result_dict(finding: Finding, locator: DocumentLocator, uri: str, rule_index: int, fingerprint: str) -> dict:
    region = locator.region(finding)
    entry = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": annotation_message(finding, locator)},
        "locations": [{"physicalLocation": physical_location(uri, region)}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": finding_properties(finding, locator.document.id),
    }
    if finding.suggestions and region.exact:  # a fix must name file offsets
        entry["fixes"] = [fix_dict(uri, region, suggestion) for suggestion in finding.suggestions]
    return entry


def physical_location(uri: str, region: FileRegion) -> dict:
    location: dict = {"artifactLocation": {"uri": uri}}
    if region.start_line is not None:
        location["region"] = region_dict(region)
    return location


def region_dict(region: FileRegion) -> dict:
    fields = {
        "startLine": region.start_line,
        "startColumn": region.start_column,
        "endLine": region.end_line,
        "endColumn": region.end_column,
        "charOffset": region.char_offset,
        "charLength": region.char_length,
    }
    return {name: value for name, value in fields.items() if value is not None}


def fix_dict(uri: str, region: FileRegion, suggestion: str) -> dict:
    return {
        "description": {"text": f"Replace with '{suggestion}'"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {
                        "deletedRegion": {"charOffset": region.char_offset, "charLength": region.char_length},
                        "insertedContent": {"text": suggestion},
                    }
                ],
            }
        ],
    }


def finding_properties(finding: Finding, document_id: Optional[str]) -> dict:
    # The JSON report's fields a SARIF region cannot carry (offsets into the document text, 0-based paragraph).
    properties = {
        "category": finding.category,
        "confidence": finding.confidence,
        "paragraph": finding.paragraph,
        "start": finding.start,
        "end": finding.end,
    }
    if document_id is not None:
        properties["documentId"] = document_id
    return properties
