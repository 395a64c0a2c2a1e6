"""`mtcheck scan` end to end: the real model on the seeds and the input fixtures.

The model loads once per test session: the CLI keeps one prepared Scanner per
set of options in the process (mtcheck.session.prepared_scanner), and the
session fixture below loads the default one first. A few tests run a real
subprocess, for what only a real process shows (start-up imports, stdin bytes,
stderr without a traceback).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mtcheck import __version__
from mtcheck.cli import mtcheck
from mtcheck.session import prepared_scanner
from mtcheck.document import Document
from mtcheck.reading import iter_inputs, parse_text
from mtcheck.scanner import ScanOptions

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
INPUTS = ROOT / "fixtures" / "inputs"
GARBLED_SEED = next(SEEDS.glob("003_*.txt"))
GARBLED_PHRASES = ("overtured", "inhale the interlocutors", "ramp-extensive")

REPORT_KEYS = {"schema", "mtcheck_version", "signature", "documents", "summary", "corpus"}
DOCUMENT_KEYS = {"path", "id", "status", "error", "verdict", "fluency", "gate_failures", "paragraphs", "findings"}
PARAGRAPH_KEYS = {"index", "start", "end", "fluency", "skipped", "lm"}
FINDING_KEYS = {
    "code", "category", "severity", "paragraph", "start", "end", "text", "message", "suggestions", "confidence",
    "fix", "details",
}
SKIP_REASONS = {None, "boilerplate", "duplicate", "too-short"}


@pytest.fixture(scope="session", autouse=True)
def default_scanner():
    return prepared_scanner(ScanOptions())


def scan(*args, input: str | None = None, color: bool = False) -> Result:
    result = CliRunner().invoke(mtcheck, ["scan", *map(str, args)], input=input, color=color)
    # An exception other than the exit itself would be a traceback for a user.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def scan_json(*args, **kwargs) -> tuple[int, dict]:
    result = scan("--format", "json", *args, **kwargs)
    report = json.loads(result.stdout)
    assert_contract(report)
    return result.exit_code, report


def run_mtcheck(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args], input=input, capture_output=True, cwd=ROOT, timeout=300
    )


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# -- the JSON contract ------------------------------------------------------------
def assert_contract(report: dict) -> None:
    assert set(report) == REPORT_KEYS
    assert report["schema"] == "mtcheck.report/1"
    assert report["mtcheck_version"] == __version__
    assert isinstance(report["signature"], dict) and report["signature"]["mtcheck"] == __version__
    for entry in report["documents"]:
        assert_document_contract(entry)
    assert_summary_contract(report["summary"], report["documents"])


def assert_document_contract(entry: dict) -> None:
    assert set(entry) - {"line"} == DOCUMENT_KEYS
    assert isinstance(entry["path"], str)
    assert entry["id"] is None or isinstance(entry["id"], str)
    assert "line" not in entry or (isinstance(entry["line"], int) and entry["line"] >= 1)
    assert entry["verdict"] in {"pass", "warn", "fail"}
    if entry["status"] == "error":
        assert isinstance(entry["error"], str) and entry["error"]
        assert (entry["fluency"], entry["paragraphs"], entry["findings"]) == (None, [], [])
        return
    assert entry["status"] == "ok" and entry["error"] is None
    assert entry["fluency"] is None or (is_number(entry["fluency"]) and 0 <= entry["fluency"] <= 100)
    for position, paragraph in enumerate(entry["paragraphs"]):
        assert_paragraph_contract(paragraph, position)
    for finding in entry["findings"]:
        assert_finding_contract(finding, len(entry["paragraphs"]))


def assert_paragraph_contract(paragraph: dict, position: int) -> None:
    assert set(paragraph) == PARAGRAPH_KEYS
    assert paragraph["index"] == position
    assert isinstance(paragraph["start"], int) and isinstance(paragraph["end"], int)
    assert 0 <= paragraph["start"] < paragraph["end"]
    assert paragraph["skipped"] in SKIP_REASONS
    if paragraph["skipped"]:
        assert paragraph["fluency"] is None and paragraph["lm"] is None
    else:
        assert is_number(paragraph["fluency"]) and 0 <= paragraph["fluency"] <= 100
        assert is_number(paragraph["lm"]["mean_nll"])


def assert_finding_contract(finding: dict, paragraph_count: int) -> None:
    assert set(finding) == FINDING_KEYS
    assert isinstance(finding["code"], str) and finding["code"].startswith("MT")
    assert finding["category"] in {"name", "fluency", "grammar", "structure"}
    assert finding["severity"] in {"error", "warning", "info"}
    assert isinstance(finding["paragraph"], int) and 0 <= finding["paragraph"] < paragraph_count
    assert isinstance(finding["start"], int) and isinstance(finding["end"], int)
    assert 0 <= finding["start"] <= finding["end"]
    assert isinstance(finding["text"], str) and isinstance(finding["message"], str) and finding["message"]
    assert isinstance(finding["suggestions"], list) and all(isinstance(s, str) for s in finding["suggestions"])
    assert is_number(finding["confidence"]) and 0 <= finding["confidence"] <= 1
    assert finding["fix"] in ({"safe", "unsafe", None} if finding["suggestions"] else {None})


def assert_summary_contract(summary: dict, documents: list[dict]) -> None:
    readable = [entry for entry in documents if entry["status"] == "ok"]
    assert summary["documents"] == len(documents)
    assert summary["errors"] == len(documents) - len(readable)
    assert summary["verdicts"] == {v: sum(e["verdict"] == v for e in readable) for v in ("pass", "warn", "fail")}
    findings = [finding for entry in readable for finding in entry["findings"]]
    assert summary["findings"] == {s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")}
    assert summary["mean_fluency"] is None or is_number(summary["mean_fluency"])


def assert_matches_document(entry: dict, document: Document) -> None:
    """Every paragraph the splitter found is listed; every finding span is exact."""
    assert [(p["index"], p["start"], p["end"], p["skipped"]) for p in entry["paragraphs"]] == [
        (p.index, p.start, p.end, p.skipped) for p in document.paragraphs
    ]
    for finding in entry["findings"]:
        assert document.text[finding["start"] : finding["end"]] == finding["text"]
        paragraph = document.paragraphs[finding["paragraph"]]
        assert paragraph.start <= finding["start"] <= finding["end"] <= paragraph.end


# -- the seeds --------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_report() -> tuple[int, dict]:
    return scan_json(SEEDS, "--fail-on", "never")


def test_seeds_report_follows_the_contract_and_the_documents(seeds_report) -> None:
    code, report = seeds_report
    assert code == 0  # --fail-on never
    documents = list(iter_inputs([str(SEEDS)]))
    assert [entry["path"] for entry in report["documents"]] == [document.path for document in documents]
    for entry, document in zip(report["documents"], documents):
        assert entry["status"] == "ok" and "line" not in entry
        assert_matches_document(entry, document)
    assert report["signature"]["model_fingerprint"]  # the model that made the numbers


def test_seeds_boilerplate_is_listed_but_not_scored(seeds_report) -> None:
    _, report = seeds_report
    skipped = [p for entry in report["documents"] for p in entry["paragraphs"] if p["skipped"]]
    assert {p["skipped"] for p in skipped} >= {"boilerplate", "duplicate"}  # seeds 001 and 004
    assert report["summary"]["paragraphs"]["skipped"] == len(skipped)


@pytest.fixture(scope="module")
def garbled_paragraphs() -> str:
    """The three paragraphs of the machine-translated seed with the worst garble."""
    lines = GARBLED_SEED.read_text(encoding="utf-8").splitlines()
    return "\n\n".join(line for line in lines if any(phrase in line for phrase in GARBLED_PHRASES))


@pytest.mark.parametrize(
    "fail_on, failing", [("error", {"fail"}), ("warning", {"warn", "fail"}), ("never", set())]
)
def test_fail_on_decides_exit_1_from_the_verdict(garbled_paragraphs: str, fail_on: str, failing: set) -> None:
    code, report = scan_json("-", "--fail-on", fail_on, input=garbled_paragraphs)
    (entry,) = report["documents"]
    assert entry["findings"], "the machine-translated paragraphs should have findings"
    assert code == (1 if entry["verdict"] in failing else 0)


# -- bad input: exit 3, the rest still reported -------------------------------------
def test_missing_path_and_malformed_jsonl_line_exit_3_and_the_rest_is_reported() -> None:
    jsonl, bom = INPUTS / "articles.jsonl", INPUTS / "bom.txt"
    code, report = scan_json(jsonl, "no/such/file.txt", bom)
    assert code == 3
    by_place = {(e["path"], e.get("line")): e for e in report["documents"]}
    assert by_place[("no/such/file.txt", None)]["error"] == "no such file or directory"
    malformed = by_place[(str(jsonl), 2)]
    assert malformed["status"] == "error" and malformed["error"].startswith("malformed JSON")
    good = [by_place[(str(jsonl), 1)], by_place[(str(jsonl), 7)], by_place[(str(bom), None)]]
    assert all(entry["status"] == "ok" and entry["paragraphs"] for entry in good)
    assert by_place[(str(jsonl), 1)]["id"] == "17"
    for entry in good:
        documents = [d for d in iter_inputs([entry["path"]]) if isinstance(d, Document)]
        (document,) = [d for d in documents if d.line == entry.get("line")]
        assert_matches_document(entry, document)


def test_unreadable_input_exits_3_even_with_fail_on_never() -> None:
    assert scan(INPUTS / "binary.txt", INPUTS / "bom.txt", "--fail-on", "never").exit_code == 3


def test_text_and_id_fields_pick_the_jsonl_fields() -> None:
    code, report = scan_json(INPUTS / "articles.jsonl", "--text-field", "body", "--id-field", "id")
    assert code == 3
    by_line = {entry["line"]: entry for entry in report["documents"]}
    assert by_line[3]["status"] == "ok" and by_line[3]["id"] == "no-text"
    assert by_line[1]["error"].startswith("no 'body' field")


# -- the text report ------------------------------------------------------------------
def test_text_report_agrees_with_the_json_report() -> None:
    inputs = [INPUTS / name for name in ("crlf.txt", "wrapped.txt", "page.html", "binary.txt")]
    _, report = scan_json(*inputs)
    lines = scan(*inputs).stdout.splitlines()
    documents = {d.path: d for d in iter_inputs(map(str, inputs)) if isinstance(d, Document)}
    for entry in report["documents"]:
        if entry["status"] == "error":
            assert f"{entry['path']}: error: {entry['error']}" in lines
            continue
        header = f"{entry['path']}: {entry['verdict']}, fluency {entry['fluency']:.1f}, "
        assert any(line.startswith(header) for line in lines), header
        text = documents[entry["path"]].text
        for finding in entry["findings"]:
            line = text.count("\n", 0, finding["start"]) + 1
            column = finding["start"] - text.rfind("\n", 0, finding["start"])
            where = f"{entry['path']}:{line}:{column}: {finding['severity']} {finding['code']} "
            assert any(line.startswith(where) for line in lines), where
    assert lines[-1].startswith("4 documents (1 unreadable): ")


def test_colour_on_a_terminal_never_in_an_output_file(tmp_path: Path) -> None:
    assert "\x1b[" in scan(INPUTS / "bom.txt", color=True).stdout
    target = tmp_path / "report.txt"
    result = scan(INPUTS / "bom.txt", "--output", target, color=True)
    assert result.exit_code == 0 and result.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written.startswith(f"{INPUTS / 'bom.txt'}: pass") and "\x1b" not in written


def test_output_writes_the_json_report(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = scan(INPUTS / "bom.txt", "--format", "json", "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert_contract(json.loads(target.read_text(encoding="utf-8")))


def test_stdin_dash_is_one_document() -> None:
    text = (INPUTS / "wrapped.txt").read_text(encoding="utf-8")
    code, report = scan_json("-", input=text)
    (entry,) = report["documents"]
    assert code in (0, 1) and entry["path"] == "<stdin>" and entry["status"] == "ok"
    assert_matches_document(entry, parse_text(text, path="<stdin>"))


def test_stdin_filename_and_format_decide_how_stdin_is_read() -> None:
    page = "<html><body><article><p>Negotiators left Geneva on Friday without an agreement, officials said.</p>" \
           "</article></body></html>"
    code, report = scan_json("-", "--stdin-filename", "incoming/story.html", input=page)
    (entry,) = report["documents"]
    assert entry["path"] == "incoming/story.html" and entry["status"] == "ok"
    assert_matches_document(entry, parse_text(page, path="incoming/story.html", format="html"))


def test_an_empty_directory_is_not_a_silent_pass(tmp_path: Path) -> None:
    result = scan(tmp_path, "--format", "json")
    assert result.exit_code == 3
    (entry,) = json.loads(result.stdout)["documents"]
    assert entry["status"] == "error" and entry["error"].startswith("no articles found")


def test_a_scan_that_finds_no_article_at_all_exits_3_and_says_so(tmp_path: Path) -> None:
    feed = tmp_path / "empty.jsonl"
    feed.write_text("\n\n", encoding="utf-8")
    result = scan(feed)
    assert result.exit_code == 3 and f"no articles found in {feed}" in result.stderr


def test_a_page_with_no_article_text_warns_and_fails_a_warning_gate(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>")
    code, report = scan_json(page, "--fail-on", "warning")
    (finding,) = report["documents"][0]["findings"]
    assert code == 1 and finding["code"] == "MT401" and report["documents"][0]["verdict"] == "warn"


# -- usage and configuration errors: exit 2 -----------------------------------------------
@pytest.mark.parametrize(
    "args", [[], ["--format", "xml", "x.txt"], ["--fail-on", "sometimes", "x.txt"], ["--bogus", "x.txt"]]
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert scan(*args).exit_code == 2


def test_output_into_a_missing_directory_exits_2_before_scanning(tmp_path: Path) -> None:
    result = scan(INPUTS / "bom.txt", "--output", tmp_path / "nowhere" / "report.json")
    assert result.exit_code == 2 and "does not exist" in result.stderr and result.stdout == ""


def test_model_dir_without_a_model_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    result = scan(INPUTS / "bom.txt", "--model", tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"mtcheck: error: cannot load the language model from {tmp_path}: ")
    assert result.stderr.count("\n") == 1


def test_version() -> None:
    result = CliRunner().invoke(mtcheck, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"mtcheck, version {__version__}\n"


# -- a real process ------------------------------------------------------------------
def test_help_imports_nothing_heavy() -> None:
    # How fast it answers is measured by benchmarks/bench_scan.py, not here.
    result = run_mtcheck("--help")
    assert result.returncode == 0 and b"scan" in result.stdout
    check = "import sys, mtcheck.cli; assert not {'torch', 'transformers', 'harper', 'ray'} & set(sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], cwd=ROOT).returncode == 0


@pytest.mark.parametrize("args", [["scan", "no/such/article.txt"], ["config", "show"],
                                  ["gazetteer", "lookup", "Zelensky"]])
def test_commands_with_nothing_to_score_load_neither_model_nor_harper(args: list[str]) -> None:
    check = ("import sys\nfrom mtcheck.cli import main\ntry:\n    main()\nexcept SystemExit as done:\n"
             "    print(done.code, sorted({'torch', 'transformers', 'harper', 'ray'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", check, *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    exit_code = 3 if args[0] == "scan" else 0
    assert result.stdout.splitlines()[-1] == f"{exit_code} []", result.stderr


def test_missing_model_dir_exits_2_without_a_traceback() -> None:
    result = run_mtcheck("scan", str(INPUTS / "bom.txt"), "--model", "/nonexistent")
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == "mtcheck: error: /nonexistent: model directory not found\n"


def test_real_process_reads_stdin_bytes_and_writes_the_report(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    data = (INPUTS / "bom.txt").read_bytes()  # with its UTF-8 byte order mark
    result = run_mtcheck("scan", "-", str(INPUTS / "crlf.txt"), "--format", "json", "--output", str(target),
                         "--fail-on", "never", input=data)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    report = json.loads(target.read_text(encoding="utf-8"))
    assert_contract(report)
    assert [entry["path"] for entry in report["documents"]] == ["<stdin>", str(INPUTS / "crlf.txt")]
    stdin_text = data.decode("utf-8").removeprefix("\ufeff")
    assert_matches_document(report["documents"][0], parse_text(stdin_text, path="<stdin>"))
