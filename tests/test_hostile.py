"""Hostile inputs and faults: each ends in its documented exit code and one
clear line, loses nothing else, and writes nothing outside the named file.

A is one line of article text with a corrupted name the real name check
repairs (Stabridisdad -> Stavridis). Everything runs on temporary files;
the stand-in LanguageTool listens on 127.0.0.1 and every wait is bounded.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_run import invoke

from mtcheck.checks.grammar import EngineUnavailable
from mtcheck.checks.grammar.languagetool import LanguageToolEngine
from mtcheck.cli import mtcheck
from mtcheck.session import prepared_scanner
from mtcheck.fix import FilePlan, FixError, write_plan
from mtcheck.reading import parse_text
from mtcheck.reading.paragraphs import MAX_PARAGRAPH_CHARS
from mtcheck.scanner import ScanOptions

pytestmark = pytest.mark.model

# Stavridis spelled right in the second sentence makes the repair one the
# fixer applies unasked (the spelling evidence argues for it on its own).
A = ("Retired Admiral James Stabridisdad told reporters in Brussels that the alliance must prepare for a long war. "
     "Stavridis spoke after the meeting.")
FIXED_A = A.replace("Stabridisdad", "Stavridis")
B = "The defence ministers of the alliance met in Brussels on Thursday to discuss the supply of ammunition."
MTCHECK = [str(Path(sys.executable).parent / "mtcheck")]


@pytest.fixture(scope="module", autouse=True)
def default_scanner():
    return prepared_scanner(ScanOptions())


def run(*args, input: str | None = None):
    """``mtcheck ARGS`` in this process: no traceback may escape."""
    result = CliRunner().invoke(mtcheck, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("mtcheck:")]


def scanned(result) -> dict:
    return {(d["path"], d["id"]): d for d in json.loads(result.stdout)["documents"]}


# -- 1, 7: fix writes the file it names, and nothing else ------------------------

def test_fix_never_writes_a_backup_through_a_symlink(tmp_path: Path) -> None:
    article, victim = tmp_path / "a.txt", tmp_path / "victim"
    article.write_text(A + "\n")
    victim.write_text("SECRET\n")
    (tmp_path / "a.txt.bak").symlink_to(victim)
    result = invoke("fix", article, "--write")
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "SECRET\n"
    assert (tmp_path / "a.txt.bak").is_symlink()
    assert (tmp_path / "a.txt.bak.1").read_text() == A + "\n"
    assert article.read_text() == FIXED_A + "\n"
    assert "original kept as" in result.stderr and result.stderr.rstrip().endswith("a.txt.bak.1")


def test_fix_keeps_every_earlier_backup(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    (tmp_path / "a.txt.bak").write_text("an older backup\n")
    article.write_text(A + "\n")
    assert invoke("fix", article, "--write").exit_code == 0
    assert (tmp_path / "a.txt.bak").read_text() == "an older backup\n"
    assert (tmp_path / "a.txt.bak.1").read_text() == A + "\n"


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target, link = tmp_path / "target.txt", tmp_path / "link.txt"
    target.write_text(A + "\n")
    link.symlink_to(target)
    assert invoke("fix", link, "--write", "--no-backup").exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == FIXED_A + "\n"


def test_fix_keeps_hard_links_mode_and_owner(tmp_path: Path) -> None:
    article, other_name = tmp_path / "a.txt", tmp_path / "same.txt"
    article.write_text(A + "\n")
    os.link(article, other_name)
    article.chmod(0o640)
    owner = (4321, 4321) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(article, *owner)
    inode = article.stat().st_ino
    assert invoke("fix", article, "--write", "--no-backup").exit_code == 0
    status = article.stat()
    assert status.st_ino == inode and status.st_nlink == 2
    assert other_name.read_text() == FIXED_A + "\n"
    assert (status.st_mode & 0o777, status.st_uid, status.st_gid) == (0o640, *owner)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_fix_as_root_keeps_another_users_file_theirs_without_hard_links(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(A + "\n")
    os.chown(article, 4321, 4322)
    assert invoke("fix", article, "--write", "--no-backup").exit_code == 0
    assert (article.stat().st_uid, article.stat().st_gid) == (4321, 4322)
    assert article.read_text() == FIXED_A + "\n"


def test_fix_respects_a_read_only_file(tmp_path: Path) -> None:
    article, other = tmp_path / "a.txt", tmp_path / "b.txt"
    article.write_text(A + "\n")
    article.chmod(0o444)
    other.write_text(A + "\n")
    result = invoke("fix", article, other, "--write")
    assert result.exit_code == 3
    assert error_lines(result) == [f"mtcheck: {article}: read-only; not written (make it writable to fix it)"]
    assert article.read_text() == A + "\n" and not (tmp_path / "a.txt.bak").exists()
    assert other.read_text() == FIXED_A + "\n"  # the next file is still fixed


# -- 8: an edit made by someone else is never overwritten -------------------------

def plan_for(path: Path, original: bytes, fixed: bytes) -> FilePlan:
    return FilePlan(str(path), original, fixed, [], "", "")


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("edited by someone else\n")
    with pytest.raises(FixError, match="changed since it was read"):
        write_plan(plan_for(article, b"as read\n", b"as fixed\n"))
    assert article.read_text() == "edited by someone else\n"
    assert list(tmp_path.iterdir()) == [article]  # no backup, no temporary file left


def test_write_refuses_a_file_another_process_has_locked(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"as read\n")
    with open(article, "rb") as editor:
        fcntl.flock(editor.fileno(), fcntl.LOCK_EX)
        with pytest.raises(FixError, match="locked by another process"):
            write_plan(plan_for(article, b"as read\n", b"as fixed\n"))
    assert article.read_bytes() == b"as read\n"


# -- 2, 14: the report never replaces an input, and an unusable one costs no scan --

@pytest.mark.parametrize("output_format", ["jsonl", "text"])
def test_scan_refuses_an_output_that_is_an_input(tmp_path: Path, output_format: str) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "1", "text": A}) + "\n")
    before = feed.read_bytes()
    result = run("scan", feed, "--format", output_format, "--output", feed)
    assert result.exit_code == 2
    assert error_lines(result) == [f"mtcheck: error: --output {feed} is the input {feed}; the report would "
                                   "overwrite it (write it to another file)"]
    assert feed.read_bytes() == before


def test_scan_refuses_an_output_that_is_an_input_through_a_link_or_a_directory(tmp_path: Path) -> None:
    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_text(A + "\n")
    (tmp_path / "report.txt").symlink_to(article)
    for inputs in ([article], [article.parent]):
        result = run("scan", *inputs, "--output", tmp_path / "report.txt")
        assert result.exit_code == 2 and "is the input" in result.stderr
    assert article.read_text() == A + "\n"


def test_a_new_report_in_a_scanned_directory_is_refused_not_read_back(tmp_path: Path) -> None:
    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_text(A + "\n")
    report = article.parent / "report.jsonl"
    result = run("scan", article.parent, "--format", "jsonl", "--output", report)
    assert result.exit_code == 2 and not report.exists()
    assert error_lines(result) == [f"mtcheck: error: --output {report} is in the scanned directory "
                                   f"{article.parent} and would be read back as an article (write it elsewhere, "
                                   "or give it a name starting with a dot)"]
    hidden = article.parent / ".report.jsonl"
    assert run("scan", article.parent, "--format", "jsonl", "--output", hidden).exit_code == 1
    assert [json.loads(line)["path"] for line in hidden.read_text().splitlines()] == [str(article)]


def test_a_read_only_output_is_refused_before_the_scan(tmp_path: Path) -> None:
    article, report = tmp_path / "a.txt", tmp_path / "report.json"
    article.write_text(A + "\n")
    report.write_text("an earlier report\n")
    report.chmod(0o444)
    result = run("scan", article, "--format", "json", "--output", report)
    assert result.exit_code == 2
    assert error_lines(result) == [f"mtcheck: error: --output {report} is read-only; not overwritten"]
    assert report.read_text() == "an earlier report\n"


def test_an_output_that_cannot_be_created_is_refused_before_the_scan(tmp_path: Path) -> None:
    article, report = tmp_path / "a.txt", tmp_path / ("r" * 300 + ".json")  # a name no file system takes
    article.write_text(A + "\n")
    result = run("scan", article, "--output", report)
    assert result.exit_code == 2
    assert error_lines(result) == [f"mtcheck: error: cannot write the report to {report}: File name too long"]


# -- 3: one bad record is an error entry; the rest is scanned and fixed ---------

def surrogate_feed(tmp_path: Path) -> Path:
    feed = tmp_path / "f.jsonl"
    feed.write_text("\n".join([json.dumps({"id": "1", "text": A}), '{"id": "2", "text": "bad \\ud800 half"}',
                               json.dumps({"id": "3", "text": B})]) + "\n")
    return feed


def test_a_lone_surrogate_record_is_an_error_entry_and_the_rest_is_scanned(tmp_path: Path) -> None:
    feed = surrogate_feed(tmp_path)
    result = run("scan", feed, "--format", "json")
    assert result.exit_code == 3
    documents = scanned(result)
    assert (documents[(str(feed), "2")]["line"], documents[(str(feed), "2")]["error"]) == (
        2, "the 'text' field holds a lone surrogate (\\ud800) at character 4; not Unicode text")
    assert documents[(str(feed), "1")]["status"] == documents[(str(feed), "3")]["status"] == "ok"
    assert [f["text"] for f in documents[(str(feed), "1")]["findings"] if f["code"] == "MT201"] == ["Stabridisdad"]


def test_fix_leaves_a_bad_record_as_it_is_and_fixes_the_others(tmp_path: Path) -> None:
    feed = surrogate_feed(tmp_path)
    before = feed.read_bytes()
    result = invoke("fix", feed, "--write", "--no-backup")
    assert result.exit_code == 3
    assert error_lines(result) == [f"mtcheck: {feed}:2: the 'text' field holds a lone surrogate (\\ud800) at "
                                   "character 4; not Unicode text"]
    assert feed.read_bytes() == before.replace(b"Stabridisdad", b"Stavridis")


# -- 4: only regular files, and only up to the size limit -----------------------

def test_a_fifo_is_an_error_entry_not_a_hang(tmp_path: Path) -> None:
    named, folder = tmp_path / "pipe.txt", tmp_path / "folder"
    os.mkfifo(named)
    folder.mkdir()
    os.mkfifo(folder / "inside.txt")
    (folder / "real.txt").write_text(B + "\n")
    result = run("scan", named, folder, "/dev/zero", "--format", "json")
    assert result.exit_code == 3
    documents = scanned(result)
    fifo = "not a regular file (a FIFO); only regular files are read (use - for standard input)"
    assert documents[(str(named), None)]["error"] == fifo
    assert documents[(str(folder / "inside.txt"), None)]["error"] == fifo
    assert documents[("/dev/zero", None)]["error"].startswith("not a regular file (a device)")
    assert documents[(str(folder / "real.txt"), None)]["status"] == "ok"


def test_endless_standard_input_is_an_error_entry_not_an_oom() -> None:
    with open("/dev/zero", "rb") as zeros:
        done = subprocess.run([*MTCHECK, "scan", "-"], stdin=zeros, capture_output=True, text=True, timeout=300)
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert done.stdout.startswith("<stdin>: error: file larger than max-file-size (10,000,000 bytes)")


def test_a_file_name_that_is_not_utf8_is_reported_printably(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "folder")
    os.mkdir(folder)
    with open(os.path.join(folder, b"\xff-damaged.txt"), "wb") as article:
        article.write((A + "\n").encode())
    result = run("scan", tmp_path / "folder", "--format", "json")
    assert result.exit_code == 1
    (document,) = json.loads(result.stdout)["documents"]
    assert document["path"] == f"{tmp_path / 'folder'}/\\xff-damaged.txt"
    assert [f["text"] for f in document["findings"] if f["code"] == "MT201"] == ["Stabridisdad"]


def test_files_and_jsonl_lines_over_the_size_limit_are_error_entries(tmp_path: Path) -> None:
    (tmp_path / "mtcheck.toml").write_text("max-file-size = 1000\n")
    big, feed = tmp_path / "big.txt", tmp_path / "f.jsonl"
    big.write_text((B + "\n") * 20)
    feed.write_text("\n".join([json.dumps({"id": "1", "text": B}), json.dumps({"id": "2", "text": B * 20}),
                               json.dumps({"id": "3", "text": A})]) + "\n")
    result = run("scan", big, feed, "--format", "json", "--config", tmp_path / "mtcheck.toml")
    assert result.exit_code == 3
    documents = scanned(result)
    limit = "larger than max-file-size (1,000 bytes); not read (raise max-file-size in the config to read it)"
    assert documents[(str(big), None)]["error"] == f"file {limit}"
    assert [(d["line"], d["error"]) for d in documents.values() if d["path"] == str(feed) and d["error"]] == [
        (2, f"line {limit}")]
    assert documents[(str(feed), "1")]["status"] == documents[(str(feed), "3")]["status"] == "ok"


# -- 5: reading is linear and each paragraph's work is bounded -------------------

def test_a_two_megabyte_line_is_checked_in_bounded_pieces() -> None:
    text = " ".join([A, B] * 10_000)
    document = parse_text(text)
    pieces = document.paragraphs
    assert len(text) > 2_000_000 and all(p.end - p.start <= MAX_PARAGRAPH_CHARS for p in pieces)
    # every non-space character lies in exactly one piece, each cut after a sentence
    assert sum(len(text[p.start:p.end].replace(" ", "")) for p in pieces) == len(text.replace(" ", ""))
    assert all(text[p.end - 1] == "." for p in pieces)
    # the pieces repeat each other: all but the first are skipped as duplicates
    assert [p.skipped for p in pieces[1:]] == ["duplicate"] * (len(pieces) - 1)


def test_ten_thousand_near_duplicate_lines_are_marked_duplicates() -> None:
    lines = [f"{A} Reported on day {n % 7}." if n % 2 else f"{B} Filed from desk {n % 5}." for n in range(10_000)]
    document = parse_text("\n".join(lines))
    assert [p.skipped for p in document.paragraphs[:2]] == [None, None]
    assert {p.skipped for p in document.paragraphs[2:]} == {"duplicate"}


# -- 6: fix on JSONL changes only the bytes of the replaced span ---------------

def test_fix_on_jsonl_with_bom_crlf_escapes_and_numbers_changes_only_the_span(tmp_path: Path) -> None:
    feed, later = tmp_path / "f.jsonl", tmp_path / "later.txt"
    lines = ['\ufeff{"id":"1",  "price": 1.50, "text": "Caf\\u00e9 \\"quote\\" \\ud83c\\udf89 ' + A + '"}',
             '{"id": "2", "text": "' + B + '"}']
    feed.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    later.write_text(A + "\n")
    before = feed.read_bytes()
    diff = invoke("fix", feed, later)
    assert diff.exit_code == 0 and diff.stdout.count("+++ b/") == 2
    assert invoke("fix", feed, later, "--write", "--no-backup").exit_code == 0
    assert feed.read_bytes() == before.replace(b"Stabridisdad", b"Stavridis")
    assert later.read_text() == FIXED_A + "\n"  # the files after it are fixed too


# -- 9: bad configuration, gazetteers, baselines and caches -------------------------

@pytest.mark.parametrize("name, content, problem", [
    ("mtcheck.toml", b'fail-on = "\xff"\n', "not UTF-8 (byte 0xff at byte offset 11); TOML files are UTF-8"),
    ("mtcheck.toml", b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "invalid TOML: nested too deeply"),
])
def test_a_bad_config_file_is_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    config = tmp_path / name
    config.write_bytes(content)
    article = tmp_path / "a.txt"
    article.write_text(A + "\n")
    result = run("scan", article, "--config", config)
    assert result.exit_code == 2
    assert error_lines(result) == [f"mtcheck: error: {config}: {problem}"]


@pytest.mark.parametrize("name, content, problem", [
    ("deep.json", "[" * 100_000 + "]" * 100_000, ": invalid JSON: nested too deeply"),
    ("quote.csv", 'canonical,type\n"Jens Stoltenberg,person\nOlaf Scholz,person\n',
     ":2: malformed row: unexpected end of data"),
])
def test_a_bad_gazetteer_is_one_line_and_exit_2(tmp_path: Path, name: str, content: str, problem: str) -> None:
    gazetteer, article = tmp_path / name, tmp_path / "a.txt"
    gazetteer.write_text(content)
    article.write_text(A + "\n")
    result = run("scan", article, "--gazetteer", gazetteer)
    assert result.exit_code == 2
    assert error_lines(result) == [f"mtcheck: error: {gazetteer}{problem}"]


def test_a_deeply_nested_baseline_is_one_line_and_exit_2(tmp_path: Path) -> None:
    baseline, article = tmp_path / "baseline.json", tmp_path / "a.txt"
    baseline.write_text("[" * 100_000 + "]" * 100_000)
    article.write_text(A + "\n")
    result = run("scan", article, "--baseline", baseline)
    assert result.exit_code == 2
    assert error_lines(result) == [
        f"mtcheck: error: {baseline}: not a baseline (invalid JSON: nested too deeply)"]


@pytest.mark.parametrize("damage", ["protocol-6 header", "flipped bits", "truncated"])
def test_a_corrupt_gazetteer_cache_is_rebuilt(tmp_path: Path, monkeypatch, damage: str) -> None:
    from mtcheck.gazetteer import store

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    user = tmp_path / "names.txt"
    user.write_text("Jens Stoltenberg\n")
    store.clear_memo()
    expected = store.load_gazetteer([user], bundled=None)
    (cache_file,) = tmp_path.rglob("*.pickle")
    data = bytearray(cache_file.read_bytes())
    if damage == "protocol-6 header":
        data[32:34] = b"\x80\x06"
    elif damage == "flipped bits":
        for position in range(1000, len(data), 997):
            data[position] ^= 0xFF
    else:
        del data[len(data) // 2:]
    cache_file.write_bytes(bytes(data))
    store.clear_memo()
    rebuilt = store.load_gazetteer([user], bundled=None)
    assert list(rebuilt) == list(expected) and len(rebuilt) > 0
    assert list(store._read_cache(cache_file)) == list(expected)  # written back, intact
    store.clear_memo()


def test_compare_with_an_empty_reference_is_one_line_and_exit_3(tmp_path: Path) -> None:
    hypothesis, reference = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hypothesis.write_text(A + "\n")
    reference.write_text("")
    result = run("compare", hypothesis, "--reference", reference)
    assert result.exit_code == 3
    assert error_lines(result) == [f"mtcheck: {reference}: no article text to compare (empty, or only boilerplate)"]


# -- 9, 10: a LanguageTool server that answers badly, slowly or never ----------------

class Misbehaving(BaseHTTPRequestHandler):
    """A stand-in LanguageTool whose /v2/check answer is set per test."""

    mode = "list"

    def do_GET(self):  # noqa: N802 - the ping before a scan answers well
        self._reply(b"[]")

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        if Misbehaving.mode.startswith("retry-after"):
            self.send_response(429)
            self.send_header("Retry-After", Misbehaving.mode.split(" ")[1])
            self.end_headers()
        elif Misbehaving.mode == "drip":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(40):  # 40 s for the whole answer, a byte every second
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass  # the client gave up, as it should
        elif Misbehaving.mode == "no-offset":
            self._reply(json.dumps({"matches": [{"length": 3, "message": "x", "rule": {"id": "R"}}]}).encode())
        else:
            self._reply(b"[]")

    def _reply(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def misbehaving():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("mode, problem", [
    ("list", "sent a JSON value that is not an object"),
    ("no-offset", "sent a match without a valid offset and length"),
])
def test_a_languagetool_reply_that_is_not_an_answer_is_an_error_entry(tmp_path: Path, misbehaving, mode: str,
                                                                        problem: str) -> None:
    Misbehaving.mode = mode
    article = tmp_path / "a.txt"
    article.write_text(A + "\n")
    result = run("scan", article, "--languagetool-url", misbehaving, "--format", "json")
    assert result.exit_code == 3
    (document,) = json.loads(result.stdout)["documents"]
    assert document["error"] == f"not checked: LanguageTool at {misbehaving} {problem}"


@pytest.mark.parametrize("retry_after", ["-1", "nan", "100000"])
def test_retry_after_is_bounded(misbehaving, retry_after: str) -> None:
    Misbehaving.mode = f"retry-after {retry_after}"
    waits: list[float] = []
    engine = LanguageToolEngine(misbehaving, retries=2, text_timeout=60, sleep=waits.append)
    with pytest.raises(EngineUnavailable, match="HTTP 429"):
        engine.check(["A text."])
    assert all(0 <= wait <= 60 for wait in waits)  # never negative, never past the text's deadline
    assert waits == ([] if retry_after == "100000" else [0.5, 1.0])


def test_a_drip_fed_answer_is_cut_off_at_the_timeout(misbehaving) -> None:
    Misbehaving.mode = "drip"
    engine = LanguageToolEngine(misbehaving, timeout=3, text_timeout=5, retries=1, sleep=lambda seconds: None)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="took longer than"):
        engine.check(["A text."])
    assert time.monotonic() - started < 10


# -- 11: Ctrl-C and a closed pipe exit as shells expect ---------------------------

def test_ctrl_c_exits_130_with_one_line() -> None:
    # A test run started in the background (`make test &`) inherits SIGINT
    # ignored, and Python then keeps it ignored, as a nohup'd tool should: the
    # child gets the default disposition, as from an interactive shell.
    process = subprocess.Popen([*MTCHECK, "scan", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(5)  # inside the command: loading the model or waiting for standard input
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines() == ["mtcheck: interrupted"]


def test_a_closed_pipe_ends_the_scan_quietly(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text("\n".join(json.dumps({"id": str(n), "text": B}) for n in range(3)) + "\n")
    process = subprocess.Popen([*MTCHECK, "scan", feed, "--format", "jsonl"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()  # the reader (`| head -0`) is gone before the first line
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=300) == 141
    assert "Traceback" not in stderr and "cannot write" not in stderr


# -- 12: Markdown suppression comments ------------------------------------------

def test_a_broader_disable_after_a_narrower_one_switches_everything_off() -> None:
    text = ("Before.\n\n<!-- mtcheck-disable MT201 -->\n\nNarrow.\n\n<!-- mtcheck-disable -->\n\nBroad.\n\n"
            "<!-- mtcheck-enable -->\n\nAfter.\n")
    document = parse_text(text, format="md")
    assert [(text[start:end].strip(), sorted(codes)) for start, end, codes in document.disabled] == [
        ("Narrow.", ["MT201"]), ("Broad.", [])]


def test_a_disable_comment_in_a_code_fence_is_an_example_not_a_switch() -> None:
    text = "How to switch checks off:\n\n```\n<!-- mtcheck-disable -->\n```\n\n" + A + "\n"
    document = parse_text(text, format="md")
    assert document.disabled == ()


# -- 13: the model cache is keyed by content, verified and repaired ---------------

def test_the_model_fingerprint_is_the_content_not_the_modification_time(tmp_path: Path) -> None:
    from mtcheck.lm.model import ModelSource, default_model_source

    installed = default_model_source()
    copy = tmp_path / installed.gguf_file
    copy.write_bytes((installed.directory / installed.gguf_file).read_bytes())
    os.utime(copy, (0, 0))  # another install: same bytes, another time
    second_install = ModelSource(tmp_path, installed.gguf_file, installed.name)
    assert second_install.fingerprint == installed.fingerprint
    with copy.open("r+b") as handle:  # one byte of the weights changed: another model
        handle.seek(-1, os.SEEK_END)
        last = handle.read(1)
        handle.seek(-1, os.SEEK_END)
        handle.write(bytes([last[0] ^ 1]))
    assert ModelSource(tmp_path, installed.gguf_file, installed.name).fingerprint != installed.fingerprint


@pytest.mark.parametrize("damage", ["truncated weights", "no weights"])
def test_a_damaged_model_cache_is_repaired(tmp_path: Path, monkeypatch, damage: str) -> None:
    from mtcheck.cache import cache_root
    from mtcheck.lm.model import MANIFEST, default_model_source, is_complete, load_model

    source = default_model_source()
    entry = cache_root() / "models" / source.fingerprint
    assert is_complete(entry)
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    damaged = tmp_path / "models" / source.fingerprint
    damaged.mkdir(parents=True)
    for file in entry.iterdir():
        if file.name != "model.safetensors":
            (damaged / file.name).write_bytes(file.read_bytes())
        elif damage == "truncated weights":
            (damaged / file.name).write_bytes(file.read_bytes()[:1000])
    assert not is_complete(damaged)
    repaired = load_model(source)
    assert not repaired.from_cache and is_complete(damaged) and (damaged / MANIFEST).is_file()
    assert load_model(source).from_cache
