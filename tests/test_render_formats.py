"""The CI output formats: SARIF, JUnit, GitHub annotations, Markdown and JSONL.

Golden files hold the real scan of seeds/ in every format (regenerate them
with MTCHECK_UPDATE_GOLDEN=1 after a deliberate change, and read the diff).
The SARIF log is validated against the official SARIF 2.1.0 schema. Hostile
articles (markup, pipes, backticks, percent signs, newlines in messages,
commas and colons in paths) are built by hand, so those tests need no model.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

import jsonschema
import pytest

from mtcheck import __version__
from mtcheck.document import Document, InputError
from mtcheck.findings import Finding
from mtcheck.findings import fingerprints
from mtcheck.reading import parse_text
from mtcheck.render import RENDERERS
from mtcheck.render.json_report import report_dict
from mtcheck.render.jsonl_report import DOCUMENT_SCHEMA, render_jsonl_line
from mtcheck.checks.base import all_rules
from mtcheck.render.markdown import md_text
from mtcheck.render.positions import LineIndex
from mtcheck.render.sarif import FINGERPRINT_KEY
from mtcheck.results import DocumentResult, ParagraphResult

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "fixtures" / "golden"
SARIF_SCHEMA = ROOT / "fixtures" / "schemas" / "sarif-schema-2.1.0.json"
GOLDEN_FILES = {
    "sarif": "seeds.sarif.json",
    "junit": "seeds.junit.xml",
    "github": "seeds.github.txt",
    "markdown": "seeds.md",
    "jsonl": "seeds.jsonl",
}
CI_FORMATS = tuple(GOLDEN_FILES)
# A fixed signature: the goldens must not change with whatever the scanner
# records about its model or machine.
SIGNATURE = {"mtcheck": __version__, "model": "test-model", "fluency": "test-scoring"}
MISSING = "fixtures/inputs/does-not-exist.txt"

HOSTILE_PATH = "news, 2024: a|b.txt"
HOSTILE_WORD = "<script>alert(1)</script>"
HOSTILE_MESSAGE = f"garbled wording: '{HOSTILE_WORD}' | `rm -rf` 100%\nsecond line: [link](https://evil.example) *bold*"
HOSTILE_SUGGESTION = "</td><img src=x onerror=alert(1)>"


# -- helpers ------------------------------------------------------------------
@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def scan_from_root(paths: list[str]) -> list[DocumentResult]:
    # Imported here: collecting this module must not load the model.
    from mtcheck.session import prepared_scanner
    from mtcheck.scanner import ScanOptions

    with working_directory(ROOT):
        return list(prepared_scanner(ScanOptions()).scan_paths(paths))


def render(format: str, results: list[DocumentResult]) -> str:
    return RENDERERS[format](results, SIGNATURE)


def scored(document: Document, findings: tuple[Finding, ...] = (), verdict: str = "pass", **extra) -> DocumentResult:
    paragraphs = tuple(ParagraphResult(p, None if p.skipped else 70.0, None) for p in document.paragraphs)
    return DocumentResult(
        path=document.path, id=document.id, document=document, paragraphs=paragraphs,
        findings=findings, fluency=70.0, verdict=verdict, **extra,
    )


def finding_on(document: Document, word: str, *, code: str = "MT101", severity: str = "warning",
               message: str = "odd word", suggestions: tuple[str, ...] = ()) -> Finding:
    start = document.text.index(word)
    paragraph = next(p for p in document.paragraphs if p.start <= start < p.end)
    return Finding(
        code=code, category="fluency", severity=severity, paragraph=paragraph.index, start=start,
        end=start + len(word), text=word, message=message, suggestions=suggestions, confidence=0.7,
    )


def hostile_result() -> DocumentResult:
    text = f"Officials met on Monday.\n\nThe minister said {HOSTILE_WORD} would be fine by Friday.\n"
    document = parse_text(text, path=HOSTILE_PATH)
    finding = finding_on(document, HOSTILE_WORD, severity="error", message=HOSTILE_MESSAGE,
                         suggestions=(HOSTILE_SUGGESTION,))
    return scored(document, (finding,), verdict="fail")


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)  # draft-04, as the schema declares
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def assert_valid_sarif(text: str) -> dict:
    log = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []
    return log


def unescape_github(value: str) -> str:
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


@pytest.fixture(scope="module")
def seed_results() -> list[DocumentResult]:
    return scan_from_root(["seeds"])


@pytest.fixture(scope="module")
def missing_results() -> list[DocumentResult]:
    return scan_from_root([MISSING])


# -- golden files -------------------------------------------------------------
@pytest.mark.parametrize("format", CI_FORMATS)
def test_seeds_match_golden_file(seed_results: list[DocumentResult], format: str) -> None:
    # The CLI writes the report with a final newline; so does the golden file.
    rendered = render(format, seed_results) + "\n"
    golden = GOLDEN / GOLDEN_FILES[format]
    if os.environ.get("MTCHECK_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        with open(golden, "w", encoding="utf-8", newline="") as handle:
            handle.write(rendered)
        return
    assert golden.exists(), f"{golden} is missing: run with MTCHECK_UPDATE_GOLDEN=1"
    with open(golden, encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert golden_differences(rendered, expected) == [], (
        f"{golden.name} differs; if the change is intended, MTCHECK_UPDATE_GOLDEN=1 rewrites it"
    )


# A decimal number in a report (a score, a mean NLL, a confidence).
DECIMAL = re.compile(r"-?\d+\.\d+")
# Model floats differ in their last digits between CPUs (mean NLL 3.5461 on
# one machine, 3.5462 on another): a printed decimal may be this many units of
# its last printed digit off; everything else must match exactly.
LAST_DIGIT_UNITS = 3


def golden_differences(rendered: str, expected: str) -> list[str]:
    """Where ``rendered`` differs from the golden text beyond float noise."""
    got_text, want_text = DECIMAL.split(rendered), DECIMAL.split(expected)
    if got_text != want_text:
        got_lines, want_lines = rendered.splitlines(), expected.splitlines()
        first = next((i for i, pair in enumerate(zip(got_lines, want_lines)) if pair[0] != pair[1]), len(want_lines))
        return [f"text differs from line {first + 1}"]
    return [
        f"{got} != {want}"
        for got, want in zip(DECIMAL.findall(rendered), DECIMAL.findall(expected))
        if abs(float(got) - float(want)) > LAST_DIGIT_UNITS * 10 ** -len(want.split(".")[1]) + 1e-12
    ]


def test_golden_comparison_tolerates_float_noise_only() -> None:
    golden = '{"mean_nll": 3.5461, "fluency": 73.7, "tokens": 17}'
    assert golden_differences('{"mean_nll": 3.5462, "fluency": 73.8, "tokens": 17}', golden) == []
    assert golden_differences('{"mean_nll": 3.5561, "fluency": 73.7, "tokens": 17}', golden) == ["3.5561 != 3.5461"]
    assert golden_differences('{"mean_nll": 3.5461, "fluency": 73.7, "tokens": 18}', golden) != []


def test_every_ci_format_is_registered() -> None:
    assert set(CI_FORMATS) <= set(RENDERERS)


# -- SARIF --------------------------------------------------------------------
def test_seeds_sarif_is_valid_against_the_official_schema(seed_results: list[DocumentResult]) -> None:
    log = assert_valid_sarif(render("sarif", seed_results))
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0.json" in log["$schema"]


def test_sarif_lists_every_rule_and_points_results_at_them(seed_results: list[DocumentResult]) -> None:
    run = json.loads(render("sarif", seed_results))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["MT101", "MT102", "MT103", "MT104", "MT201", "MT202", "MT301", "MT302", "MT401"]
    assert {rule["defaultConfiguration"]["level"] for rule in rules} == {"error", "warning", "note"}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
    assert len(run["results"]) == sum(len(result.findings) for result in seed_results)
    for entry in run["results"]:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_regions_agree_with_line_index_and_the_file(seed_results: list[DocumentResult]) -> None:
    run = json.loads(render("sarif", seed_results))["runs"][0]
    findings = [(result, finding) for result in seed_results for finding in result.findings]
    for (result, finding), entry in zip(findings, run["results"]):
        location = entry["locations"][0]["physicalLocation"]
        region = location["region"]
        index = LineIndex(result.document.text)
        assert (region["startLine"], region["startColumn"]) == index.position(finding.start)
        assert (region["endLine"], region["endColumn"]) == index.position(finding.end)
        file_text = (ROOT / location["artifactLocation"]["uri"]).read_text(encoding="utf-8")
        assert file_text[region["charOffset"] : region["charOffset"] + region["charLength"]] == finding.text
        assert entry["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]


def test_sarif_fixes_replace_exactly_the_flagged_text(seed_results: list[DocumentResult]) -> None:
    run = json.loads(render("sarif", seed_results))["runs"][0]
    with_fixes = [entry for entry in run["results"] if "fixes" in entry]
    # The seeds have no grammar findings by default: the fixes are the names'.
    assert {entry["ruleId"] for entry in with_fixes} == {"MT201", "MT202"}
    stavridis = next(e for e in with_fixes if e["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "Stavridis")
    replacement = stavridis["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"] == {
        "charOffset": stavridis["locations"][0]["physicalLocation"]["region"]["charOffset"],
        "charLength": len("Stabridisdad"),
    }


def test_sarif_fingerprints_are_unique_and_survive_unrelated_edits() -> None:
    text = "Officials in Kiev met on Monday to talk.\n\nLater that day Kiev said no to the plan.\n"
    edited = "A new opening paragraph was added here today.\n\n" + text
    logs = []
    for version in (text, edited):
        document = parse_text(version, path="news/kiev.txt")
        starts = [m.start() for m in re.finditer("Kiev", version)]
        findings = tuple(
            Finding(code="MT202", category="name", severity="info",
                    paragraph=next(p.index for p in document.paragraphs if p.start <= s < p.end),
                    start=s, end=s + 4, text="Kiev", message="older spelling", suggestions=("Kyiv",))
            for s in starts
        )
        logs.append(json.loads(render("sarif", [scored(document, findings)])))
    before, after = ([r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]] for log in logs)
    assert len(set(before)) == 2  # two mentions, two results
    assert before == after  # offsets moved; fingerprints did not


def test_sarif_fingerprints_are_the_baseline_fingerprints() -> None:
    result = hostile_result()
    log = json.loads(render("sarif", [result]))
    sarif_prints = [entry["partialFingerprints"][FINGERPRINT_KEY] for entry in log["runs"][0]["results"]]
    assert sarif_prints == fingerprints(result.path, result.id, result.findings)


def test_sarif_describes_a_code_it_has_no_text_for() -> None:
    document = parse_text("The Prime Minister spoke to reporters on Monday morning.", path="a.txt")
    log = assert_valid_sarif(render("sarif", [scored(document, (finding_on(document, "reporters", code="MT999"),))]))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    (entry,) = log["runs"][0]["results"]
    assert rules[entry["ruleIndex"]]["id"] == "MT999" and len(rules) == len(all_rules()) + 1


def test_sarif_places_jsonl_and_html_findings_without_false_columns() -> None:
    article = parse_text("The Prime Minister spoke to reporters on Monday morning.", path="feed.jsonl",
                         format="jsonl", id="a-17", line=3)
    page = parse_text("<html><body><article><p>The Prime Minister spoke to reporters on Monday morning.</p>"
                      "</article></body></html>", path="page.html", format="html")
    results = [scored(doc, (finding_on(doc, "reporters", suggestions=("journalists",)),)) for doc in (article, page)]
    log = assert_valid_sarif(render("sarif", results))
    jsonl_entry, html_entry = log["runs"][0]["results"]
    assert jsonl_entry["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}
    assert "(at 1:29 of article a-17)" in jsonl_entry["message"]["text"]
    assert "region" not in html_entry["locations"][0]["physicalLocation"]
    assert "of the extracted text" in html_entry["message"]["text"]
    # A fix must name offsets in the file: these documents' offsets are not.
    assert "fixes" not in jsonl_entry and "fixes" not in html_entry


def test_sarif_keeps_hostile_text_as_data() -> None:
    log = assert_valid_sarif(render("sarif", [hostile_result()]))
    (entry,) = log["runs"][0]["results"]
    assert entry["message"]["text"].startswith(HOSTILE_MESSAGE)
    assert entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news%2C%202024%3A%20a%7Cb.txt"
    assert entry["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == HOSTILE_SUGGESTION
    rule_markdown = " ".join(rule["help"]["markdown"] for rule in log["runs"][0]["tool"]["driver"]["rules"])
    assert "<" not in rule_markdown


def test_sarif_for_stdin_names_the_artifact_stdin() -> None:
    document = parse_text("The Prime Minister spoke to reporters on Monday morning.", path="<stdin>")
    log = assert_valid_sarif(render("sarif", [scored(document, (finding_on(document, "reporters"),))]))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"


# -- JUnit --------------------------------------------------------------------
def test_seeds_junit_counts_and_verdicts(seed_results: list[DocumentResult]) -> None:
    root = ET.fromstring(render("junit", seed_results))
    suite = root.find("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert suite.get("name") == "mtcheck" and suite.get("tests") == str(len(seed_results))
    assert int(suite.get("failures")) == sum(r.verdict == "fail" for r in seed_results)
    for result in seed_results:
        case = cases[result.path]
        assert case.get("classname") == "mtcheck.scan"
        failure = case.find("failure")
        assert (failure is not None) == (result.verdict == "fail")
        if failure is not None:
            errors = [f for f in result.findings if f.severity == "error"]
            assert len(failure.text.splitlines()) == len(errors)
        if result.verdict == "warn":
            assert case.find("system-out").text.count(" warning ") == sum(f.severity == "warning" for f in result.findings)


def test_junit_keeps_hostile_text_and_path_intact() -> None:
    result = hostile_result()
    control = DocumentResult(**{**result.__dict__, "findings": (
        Finding(**{**result.findings[0].__dict__, "message": "bell\x07 and\x01 escape\x1b[31m"}),)})
    root = ET.fromstring(render("junit", [result, control]))
    first, second = root.find("testsuite").findall("testcase")
    assert first.get("name") == HOSTILE_PATH
    failure = first.find("failure")
    assert failure.get("type") == "MT101"
    assert HOSTILE_WORD in failure.text and "`rm -rf` 100%" in failure.text and HOSTILE_SUGGESTION in failure.text
    assert " ".join(HOSTILE_MESSAGE.split()) in failure.text  # one finding, one line
    assert "bell and escape[31m" in second.find("failure").text  # XML 1.0 cannot carry those controls


def test_junit_names_jsonl_articles_by_id() -> None:
    article = parse_text("The Prime Minister spoke to reporters on Monday morning.", path="feed.jsonl",
                         format="jsonl", id="a-17", line=3)
    root = ET.fromstring(render("junit", [scored(article)]))
    assert root.find("testsuite/testcase").get("name") == "feed.jsonl#a-17"


def test_junit_gate_failure_without_findings_fails_the_case() -> None:
    document = parse_text("The Prime Minister spoke to reporters on Monday morning.", path="a.txt")
    reason = "document fluency 45.2 is below min-document-fluency 50"
    root = ET.fromstring(render("junit", [scored(document, verdict="fail", gate_failures=(reason,))]))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("type") == "gate" and reason in failure.get("message") and reason in failure.text


# -- GitHub annotations --------------------------------------------------------
def test_seeds_github_one_command_per_finding(seed_results: list[DocumentResult]) -> None:
    lines = render("github", seed_results).splitlines()
    findings = [finding for result in seed_results for finding in result.findings]
    assert len(lines) == len(findings) + 1
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1])
    assert not lines[-1].startswith("::")  # the plain summary
    stavridis = next(line for line in lines if "Stabridisdad" in line)
    assert stavridis.startswith("::error file=seeds/003_")
    assert ",title=MT201 corrupted name::" in stavridis


def test_github_escapes_hostile_path_and_message() -> None:
    lines = render("github", [hostile_result()]).splitlines()
    assert len(lines) == 2  # the newline in the message did not start a new command
    match = re.fullmatch(r"::error (?P<properties>[^:]*)::(?P<message>.*)", lines[0])
    assert match, lines[0]
    properties = dict(field.split("=", 1) for field in match["properties"].split(","))
    assert unescape_github(properties["file"]) == HOSTILE_PATH
    assert (properties["line"], properties["col"], properties["endLine"]) == ("3", "19", "3")
    assert properties["title"] == "MT101 garbled wording"
    assert unescape_github(match["message"]).startswith(HOSTILE_MESSAGE)
    assert "100%25%0Asecond line" in match["message"]


def test_github_multiline_span_has_lines_but_no_columns() -> None:
    document = parse_text("The Prime Minister spoke\nto reporters on Monday morning.", path="a.txt")
    start = document.text.index("spoke")
    finding = Finding(code="MT103", category="fluency", severity="warning", paragraph=0, start=start,
                      end=start + len("spoke\nto"), text="spoke\nto", message="sentence reads as garbled")
    (line, _) = render("github", [scored(document, (finding,))]).splitlines()
    assert line.startswith("::warning file=a.txt,line=1,endLine=2,title=MT103 garbled sentence::")


# -- Markdown -----------------------------------------------------------------
def test_seeds_markdown_table_and_sections(seed_results: list[DocumentResult]) -> None:
    text = render("markdown", seed_results)
    rows = [line for line in text.splitlines() if line.startswith("| seeds/")]
    assert len(rows) == len(seed_results)
    for result in seed_results:
        heading = f"### {md_text(result.path)} ({result.verdict})"
        assert (heading in text) == (result.verdict != "pass")


def test_markdown_cannot_be_injected_by_an_article() -> None:
    text = render("markdown", [hostile_result()])
    # Every "<", "`", "[" and "]" comes from the article and is escaped: no HTML, code or link can open.
    assert re.findall(r"(?<!\\)[<>`\[\]]", text) == []
    assert "https\\://evil" in text  # no autolink either
    assert "second line" in text and "\nsecond line" not in text  # the message stays one item
    row = next(line for line in text.splitlines() if line.startswith("| news"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells: the path's "|" is escaped


def test_markdown_renders_to_inert_html() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(render("markdown", [hostile_result()]))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, not run
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert first_row.count("<td") == 6


def test_markdown_lists_gate_failures() -> None:
    document = parse_text("The Prime Minister spoke to reporters on Monday morning.", path="a.txt")
    reason = "document fluency 45.2 is below min-document-fluency 50"
    text = render("markdown", [scored(document, verdict="fail", gate_failures=(reason,))])
    assert "### a.txt (fail)\n\n- gate failed: document fluency 45.2 is below min-document-fluency 50" in text


# -- JSONL --------------------------------------------------------------------
def test_seeds_jsonl_lines_are_the_json_report_documents(seed_results: list[DocumentResult]) -> None:
    lines = render("jsonl", seed_results).split("\n")
    documents = report_dict(seed_results, SIGNATURE)["documents"]
    assert [json.loads(line) for line in lines] == [{"schema": DOCUMENT_SCHEMA, **entry} for entry in documents]


def test_jsonl_line_is_one_line_whatever_the_article_holds() -> None:
    result = hostile_result()
    finding = Finding(**{**result.findings[0].__dict__, "message": "a\u2028b\u2029c\x85d\ne"})
    line = render_jsonl_line(DocumentResult(**{**result.__dict__, "findings": (finding,)}))
    assert len(line.splitlines()) == 1 and not line.endswith("\n")
    assert json.loads(line)["findings"][0]["message"] == "a\u2028b\u2029c\x85d\ne"


# -- unreadable inputs ----------------------------------------------------------
def test_unreadable_input_in_every_format(missing_results: list[DocumentResult]) -> None:
    (result,) = missing_results
    assert not result.ok and result.path == MISSING

    invocation = assert_valid_sarif(render("sarif", missing_results))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and MISSING in notification["message"]["text"]

    case = ET.fromstring(render("junit", missing_results)).find("testsuite/testcase")
    assert case.get("name") == MISSING and case.find("error") is not None and case.find("failure") is None

    first, summary = render("github", missing_results).splitlines()
    assert first.startswith(f"::error file={MISSING}::cannot read {MISSING}: ") and "1 unreadable" in summary

    markdown = render("markdown", missing_results)
    assert f"| {MISSING} | unreadable |" in markdown and "### Unreadable inputs" in markdown

    entry = json.loads(render("jsonl", missing_results))
    assert entry["status"] == "error" and entry["error"] and entry["path"] == MISSING


def test_jsonl_input_error_line_reaches_sarif_and_github() -> None:
    error = DocumentResult.from_error(InputError("feed.jsonl", "malformed JSON: Expecting value", line=4))
    notification = assert_valid_sarif(render("sarif", [error]))["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 4}
    # ":" is escaped in properties only, not in the message.
    assert render("github", [error]).splitlines()[0] == (
        "::error file=feed.jsonl,line=4::cannot read feed.jsonl:4: malformed JSON: Expecting value"
    )
