"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=seeds/003.txt,line=6,col=18,endLine=6,endColumn=27,title=MT101 garbled wording::garbled wording: ...
    ::error file=feed.jsonl,line=4::cannot read feed.jsonl:4: malformed JSON: ...
    5 documents: 1 pass, 3 warn, 1 fail; ...

Escaping follows the Actions toolkit: in the message ``%``, CR and LF are
percent-encoded; property values also encode ``:`` and ``,``. So an article
cannot end a command early or start one of its own (every command is one
line). Columns are given only for one-line spans (GitHub ignores them
otherwise); endColumn is exclusive, as in SARIF. HTML and JSONL documents
annotate the file or the article's line, with the text position in the
message (see locations.py).
"""

from __future__ import annotations

from typing import Iterable

from mtcheck.findings import Finding
from mtcheck.render.locations import DocumentLocator, FileRegion, annotation_message, artifact_path
from mtcheck.checks.base import finding_title
from mtcheck.render.summary import summarize
from mtcheck.render.text_report import summary_line
from mtcheck.results import DocumentResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
GATE_TITLE = "mtcheck gate"


def render_github(results: Iterable[DocumentResult], signature: dict) -> str:
    results = list(results)
    lines = [line for result in results for line in document_commands(result)]
    lines.append(summary_line(summarize(results)))
    return "\n".join(lines)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict, message: str) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name} {fields}::{escape_data(message)}"


def document_commands(result: DocumentResult) -> list[str]:
    if not result.ok:
        error = result.error
        properties = {"file": artifact_path(error.path), "line": error.line}
        return [command("error", properties, f"cannot read {error.describe()}")]
    locator = DocumentLocator(result)
    gate = [gate_command(result, reason) for reason in result.gate_failures]
    return gate + [finding_command(result.path, locator, finding) for finding in result.findings]


def gate_command(result: DocumentResult, reason: str) -> str:
    # A threshold fails the whole document: the annotation goes on the file (or the JSONL article's line).
    properties = {"file": artifact_path(result.path), "line": result.document.line, "title": GATE_TITLE}
    return command("error", properties, f"gate failed: {reason}")


def finding_command(path: str, locator: DocumentLocator, finding: Finding) -> str:
    properties = {"file": artifact_path(path), **region_properties(locator.region(finding))}
    properties["title"] = finding_title(finding.code)
    return command(COMMANDS[finding.severity], properties, annotation_message(finding, locator))


def region_properties(region: FileRegion) -> dict:
    one_line = region.end_line == region.start_line and region.start_column is not None
    return {
        "line": region.start_line,
        "col": region.start_column if one_line else None,
        "endLine": region.end_line,
        "endColumn": region.end_column if one_line else None,
    }
