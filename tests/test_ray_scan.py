"""Scans on a real Ray cluster of two nodes, started here on 127.0.0.1 (`ray
start --head`, and a second node joining it) and stopped afterwards: the
same JSON as a local scan, every document once, also when a worker process
dies in the middle of the run; and how a run accounts for its batches."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.ray_scan import RayRun, ShardOutput
from mtcheck.reading import parse_text
from mtcheck.results import DocumentResult
from mtcheck.scanner import ScanOptions

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
CLEAN_NEWS = ROOT / "fixtures" / "devsets" / "clean_news.jsonl"
RAY = Path(sys.executable).parent / "ray"
needs_ray = pytest.mark.skipif(not RAY.exists(), reason="Ray is not installed (make test installs mtcheck[ray])")
# What makes tests/dying_check.py's check exit its worker (not imported here:
# importing it registers the check in this process too).
KILL_MARK = "KILL-THE-WORKER"
START_TIMEOUT_S = 120
# A test cluster on this machine alone: no token (which Ray would otherwise keep in ~/.ray).
CLUSTER_ENV = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
SCAN_TIMEOUT_S = 900


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def cluster():
    """A Ray cluster of two nodes on this machine, one CPU each, so the two
    actors of a scan run on different nodes (their own raylets and object
    stores, as on two machines); its address."""
    port = free_port()
    temp = tempfile.mkdtemp(prefix="ray", dir="/tmp")  # Ray's socket paths must stay short
    ray, address = str(RAY), f"127.0.0.1:{port}"
    common = ["--block", "--node-ip-address=127.0.0.1", "--num-cpus=1", "--disable-usage-stats"]
    head_node = [ray, "start", "--head", f"--port={port}", "--include-dashboard=false", f"--temp-dir={temp}"]
    nodes = [start_node([*head_node, *common])]
    try:
        wait_for_nodes(address, 1, nodes)
        nodes.append(start_node([ray, "start", f"--address={address}", *common]))
        wait_for_nodes(address, 2, nodes)
        yield address
    finally:
        for node in reversed(nodes):  # `ray start --block` stops the processes it started
            os.killpg(node.pid, 15)
            try:
                node.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(node.pid, 9)
        shutil.rmtree(temp, ignore_errors=True)


def start_node(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CLUSTER_ENV,
                            start_new_session=True)


def wait_for_nodes(address: str, count: int, nodes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        status = subprocess.run([str(RAY), "status", f"--address={address}"], capture_output=True, text=True,
                                env=CLUSTER_ENV)
        if status.returncode == 0 and status.stdout.split("Pending:")[0].count(" node_") == count:
            return
        assert all(node.poll() is None for node in nodes) and time.monotonic() < deadline, \
            f"the Ray cluster did not reach {count} nodes"
        time.sleep(1)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """Thirteen inputs in two batches: news articles and a bad line in a JSONL
    feed, the machine-translated seed, an unreadable file, a Parquet table of two."""
    folder = tmp_path_factory.mktemp("inputs")
    lines = CLEAN_NEWS.read_text(encoding="utf-8").splitlines()[:8]
    lines[5] = json.dumps({**json.loads(lines[5]), "text": json.loads(lines[5])["text"] + f"\n\n{KILL_MARK} here."})
    # A bad line and a blank one: a worker reading its batch from the middle must count lines as a local read does.
    feed = lines[:2] + [" "] + lines[2:4] + ['{"id": "broken", "text": '] + lines[4:]
    (folder / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    shutil.copy(next((ROOT / "seeds").glob("003_*.txt")), folder / "seed.txt")
    (folder / "unreadable.txt").write_bytes(b"\x80\x81\x00 not text")
    if RAY.exists():  # pyarrow comes with Ray
        import pyarrow
        import pyarrow.parquet

        rows = [{"id": "p1", "text": "Olaf Sholz and Emmanuel Makron met in Berlin on Monday to discuss the budget."},
                {"id": "p2", "text": json.loads(lines[7])["text"]}]
        pyarrow.parquet.write_table(pyarrow.Table.from_pylist(rows), folder / "archive.parquet")
    return folder


def scan(*args, died_file: Path | None = None, cache: Path | None = None) -> subprocess.CompletedProcess:
    """`mtcheck scan --format json` in a new process (the dying check registered), its own cache."""
    env = {**CLUSTER_ENV, "MTCHECK_CACHE_DIR": str(cache or tempfile.mkdtemp(prefix="mtcheck-cache-"))}
    if died_file:
        env["MTCHECK_TEST_DIED_FILE"] = str(died_file)
    code = f"import sys; sys.path.insert(0, {str(TESTS)!r}); import dying_check; from mtcheck.cli import main; main()"
    # A threshold, so the policy's part (applied by the workers on Ray) is compared too.
    return subprocess.run([sys.executable, "-c", code, "scan", *map(str, args), "--format", "json",
                           "--fail-on", "never", "--min-document-fluency", "80"], capture_output=True, text=True,
                          env=env, timeout=SCAN_TIMEOUT_S)


@pytest.fixture(scope="module")
def local(inputs) -> dict:
    run = scan(inputs)
    assert run.returncode == 3, run.stderr  # the unreadable inputs
    return json.loads(run.stdout)


@pytest.mark.model
@needs_ray
@pytest.mark.parametrize("reader", ["workers", "driver"])
def test_a_ray_scan_reports_what_a_local_scan_does(cluster, inputs, local, reader, tmp_path) -> None:
    run = scan(inputs, f"--ray={cluster}", "--ray-actors", 2, "--ray-read", reader, cache=tmp_path)
    assert run.returncode == 3, run.stderr
    assert json.loads(run.stdout) == local
    assert "ray: 13 inputs in 2 batches on 2 actors; 2 batches reported once each" in run.stderr
    # The workers kept their scores where the driver's MTCHECK_CACHE_DIR says, not where their node's does.
    info = subprocess.run([sys.executable, "-m", "mtcheck", "cache", "info", "--format", "json"], capture_output=True,
                          text=True, env={**CLUSTER_ENV, "MTCHECK_CACHE_DIR": str(tmp_path)}, check=True)
    assert json.loads(info.stdout)["results"]["entries"] > 0
    documents = local["documents"]
    assert len(documents) == 13 and sum(d["status"] == "error" for d in documents) == 2
    assert any(d["gate_failures"] for d in documents)  # the threshold bites
    assert {f["text"] for d in documents if d["path"].endswith(".parquet") for f in d["findings"]} >= {"Sholz", "Makron"}


@pytest.mark.model
@needs_ray
def test_with_no_cluster_named_the_scan_starts_a_ray_of_its_own(inputs, local, tmp_path) -> None:
    run = scan(inputs / "seed.txt", "--ray", "local", "--ray-actors", 1, cache=tmp_path)
    assert run.returncode == 0, run.stderr
    (document,) = json.loads(run.stdout)["documents"]
    assert document == next(d for d in local["documents"] if d["path"].endswith("seed.txt"))
    assert "ray: 1 input in 1 batch on 1 actor; 1 batch reported once each" in run.stderr


@pytest.mark.model
@needs_ray
def test_a_worker_that_dies_is_replaced_and_no_document_is_lost_or_repeated(cluster, inputs, local,
                                                                            tmp_path) -> None:
    died = tmp_path / "died"
    run = scan(inputs, f"--ray={cluster}", died_file=died)
    assert died.exists(), "the worker never died: the test proves nothing"
    assert int(died.read_text()) != os.getpid()
    assert run.returncode == 3, run.stderr
    assert json.loads(run.stdout) == local
    assert "ray: 13 inputs in 2 batches on 2 actors; 2 batches reported once each\n" in run.stderr


@pytest.mark.model
@needs_ray
def test_workers_write_each_document_into_one_part_also_when_one_dies(cluster, inputs, local, tmp_path) -> None:
    died, parts = tmp_path / "died", tmp_path / "parts"
    run = scan(inputs, f"--ray={cluster}", "--shards", parts, died_file=died)
    assert died.exists(), "the worker never died: the test proves nothing"
    assert run.returncode == 3, run.stderr
    written = [json.loads(line) for part in sorted(parts.iterdir()) for line in part.read_text().splitlines()]
    assert [{k: v for k, v in d.items() if k != "schema"} for d in written] == local["documents"]
    assert [part.name for part in sorted(parts.iterdir())] == ["part-000000.jsonl", "part-000001.jsonl"]
    assert (f"ray: 13 inputs in 2 parts on 2 actors; 2 parts reported once each; results in 2 jsonl files "
            f"under {parts}\n") in run.stderr
    summary = local["summary"]
    assert run.stdout.splitlines()[-1].startswith(f"{summary['documents']} documents ({summary['errors']} unreadable): ")
    assert "across the documents:" in run.stdout


def test_without_ray_the_flag_exits_2_and_says_how_to_install_it(inputs) -> None:
    code = ("import sys; sys.modules['ray'] = None; from mtcheck.cli import main; main()")
    run = subprocess.run([sys.executable, "-c", code, "scan", str(inputs), "--ray"], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].endswith("--ray needs Ray, an optional extra: "
                                                        "pip install 'mtcheck[ray]'")
    assert "Traceback" not in run.stderr


def rows_of_two_articles(rows: int) -> list[list[list[Document]]]:
    """What a run sends: rows of one batch, of two articles each (a{row}{article}.txt)."""
    return [[[parse_text(f"Article {i}{j} said the talks would resume.", path=f"a{i}{j}.txt") for j in range(2)]]
            for i in range(rows)]


def passed(row: list[list[Document]]) -> list[DocumentResult]:
    """What a worker sends back for ``row``: every document checked, and passing."""
    return [DocumentResult(path=d.path, document=d, fluency=80.0, verdict="pass") for batch in row for d in batch]


def test_batches_leave_in_input_order_once_each_and_a_lost_one_is_reported_not_checked() -> None:
    sent = rows_of_two_articles(4)
    checked = [passed(row) for row in sent]
    run = RayRun(ScanOptions(), sent_rows=4, sent_items=8)
    # Batch 2 arrives first and twice; batch 1 never comes back.
    arriving = [(2, checked[2]), (0, checked[0]), (2, checked[2]), (3, checked[3])]
    results = list(run._in_order(sent, iter(arriving)))
    assert [r.path for r in results] == ["a00.txt", "a01.txt", "a10.txt", "a11.txt", "a20.txt", "a21.txt",
                                         "a30.txt", "a31.txt"]
    assert [r.ok for r in results] == [True, True, False, False, True, True, True, True]
    assert results[2].error.message == "not checked: the Ray worker failed 4 times on its part of the work"
    assert run.summary == ("ray: 8 inputs in 4 batches on 2 actors; 3 batches reported once each; 1 failed after "
                           "3 retries and their documents are reported as not checked; 1 repeated batch dropped")


def test_with_shards_a_lost_part_is_written_not_checked_by_the_driver_or_named_when_it_cannot_be(tmp_path) -> None:
    sent = rows_of_two_articles(2)
    checked = passed(sent[0])
    run = RayRun(ScanOptions(), shards=ShardOutput(str(tmp_path), "jsonl"), sent_rows=2, sent_items=4)
    results = list(run._in_order(sent, iter([(0, checked)])))
    assert [r.ok for r in results] == [True, True, False, False]
    assert [p.name for p in tmp_path.iterdir()] == ["part-000001.jsonl"]  # part 0 is its worker's to write
    written = [json.loads(line) for line in (tmp_path / "part-000001.jsonl").read_text().splitlines()]
    assert [(d["path"], d["status"]) for d in written] == [("a10.txt", "error"), ("a11.txt", "error")]
    assert run.summary.endswith("; results in 2 jsonl files under " + str(tmp_path))

    not_a_directory = tmp_path / "part-000001.jsonl"
    run = RayRun(ScanOptions(), shards=ShardOutput(str(not_a_directory), "jsonl"), sent_rows=2,
                 sent_items=4)
    assert [r.ok for r in run._in_order(sent, iter([(0, checked)]))] == [True, True, False, False]
    assert run.summary.endswith(f"; results in 1 jsonl file under {not_a_directory}; not written: "
                                f"{not_a_directory}/part-000001.jsonl: Not a directory")


def test_a_run_that_gets_back_fewer_documents_than_it_planned_says_so() -> None:
    sent = rows_of_two_articles(1)
    shrunk = passed(sent[0])[:1]  # a01.txt vanished
    run = RayRun(ScanOptions(), sent_rows=1, sent_items=2)
    assert len(list(run._in_order(sent, iter([(0, shrunk)])))) == 1
    assert run.summary == ("ray: 2 inputs in 1 batch on 2 actors; 1 batch reported once each; 1 document reported "
                           "for the 2 planned: inputs changed while the run read them")
