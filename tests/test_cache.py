"""The results cache: re-scans read the model's scores and Harper's hits
from disk, load neither, and give the same report byte for byte.

The subprocess tests use a fresh cache directory whose converted model and
gazetteer index are links to the ones the test session uses, so only the
results store starts empty.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.cache import ResultStore, cache_root, entry_key
from mtcheck.lm.cached import decode, encode
from mtcheck.lm.scorer import TokenScores

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "000_aa7c4daef0468fce.txt"
GARBLED = next((ROOT / "seeds").glob("003_*.txt"))
GATE_OFF = ("--fail-on", "never")  # 003 fails the gate; these tests compare reports

# Runs the CLI in a new process, then says which heavy modules it imported.
RUN_AND_REPORT_IMPORTS = """
import json, sys
from mtcheck.cli import main
try:
    main()
except SystemExit as done:
    code = done.code
print(json.dumps({"exit": code, "imported": sorted({"torch", "transformers", "harper"} & set(sys.modules))}),
      file=sys.stderr)
"""


def run_scan(cache_dir: Path, *args) -> tuple[int, list[str]]:
    process = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT_IMPORTS, "scan", *map(str, args)],
        env={**os.environ, "MTCHECK_CACHE_DIR": str(cache_dir)}, capture_output=True, text=True, cwd=ROOT,
        timeout=600,
    )
    facts = json.loads(process.stderr.strip().splitlines()[-1])
    return facts["exit"], facts["imported"]


@pytest.fixture
def fresh_cache(tmp_path: Path) -> Path:
    """A cache directory with no results, sharing the session's converted
    model and gazetteer index (made first on a machine that has neither)."""
    from mtcheck.gazetteer import load_gazetteer
    from mtcheck.lm.model import default_model_source, is_complete

    if not is_complete(cache_root() / "models" / default_model_source().fingerprint):
        convert = "from mtcheck.lm.model import *; load_model(default_model_source())"
        subprocess.run([sys.executable, "-c", convert], check=True, timeout=600)
    load_gazetteer()
    directory = tmp_path / "cache"
    directory.mkdir()
    for part in ("models", "gazetteer"):
        (directory / part).symlink_to(cache_root() / part)
    return directory


@pytest.mark.model
def test_a_rescan_in_a_new_process_loads_no_model_and_reports_the_same_bytes(fresh_cache: Path,
                                                                              tmp_path: Path) -> None:
    cold, warm = tmp_path / "cold.json", tmp_path / "warm.json"
    exit_cold, imported_cold = run_scan(fresh_cache, GARBLED, *GATE_OFF, "--format", "json", "--output", cold)
    exit_warm, imported_warm = run_scan(fresh_cache, GARBLED, *GATE_OFF, "--format", "json", "--output", warm)
    assert (exit_cold, exit_warm) == (0, 0)
    assert {"torch", "harper"} <= set(imported_cold)
    assert imported_warm == []
    assert warm.read_bytes() == cold.read_bytes()
    report = json.loads(warm.read_text())
    assert "overtured" in {f["text"] for d in report["documents"] for f in d["findings"]}


@pytest.mark.model
def test_no_cache_neither_reads_nor_writes_the_store(fresh_cache: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    run_scan(fresh_cache, ARTICLE, "--format", "json", "--output", report)
    store = ResultStore(fresh_cache / "results")
    entries = store.info()["entries"]
    store.close()
    exit_code, imported = run_scan(fresh_cache, ARTICLE, "--no-cache", "--format", "json", "--output", report)
    store = ResultStore(fresh_cache / "results")
    assert exit_code == 0 and "torch" in imported and store.info()["entries"] == entries > 0
    store.close()


@pytest.mark.model
def test_two_concurrent_scans_leave_one_consistent_cache(fresh_cache: Path, tmp_path: Path) -> None:
    outputs = [tmp_path / f"scan{i}.json" for i in range(2)]
    env = {**os.environ, "MTCHECK_CACHE_DIR": str(fresh_cache)}
    scans = [subprocess.Popen([sys.executable, "-m", "mtcheck", "scan", str(ARTICLE), str(GARBLED), *GATE_OFF,
                               "--format", "json", "--output", str(output)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for output in outputs]
    for scan in scans:
        assert scan.wait(timeout=600) == 0, scan.stderr.read()
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    rescan = tmp_path / "rescan.json"
    exit_code, imported = run_scan(fresh_cache, ARTICLE, GARBLED, *GATE_OFF, "--format", "json", "--output", rescan)
    assert exit_code == 0 and imported == []
    assert rescan.read_bytes() == outputs[0].read_bytes()


def test_token_scores_survive_the_store_exactly() -> None:
    scores = TokenScores(offsets=((0, 3), (3, 9), (9, 10)), nll=(0.1, 12.345678901234567, 1e-9))
    assert decode(encode(scores)) == scores
    assert decode(encode(TokenScores(offsets=(), nll=()))) == TokenScores(offsets=(), nll=())


def test_a_key_holds_the_signature_and_every_text() -> None:
    signature = {"model_fingerprint": "abc", "window": 512}
    key = entry_key(signature, "", "Text.")
    assert key == entry_key(dict(reversed(signature.items())), "", "Text.")
    assert len({key, entry_key({**signature, "window": 256}, "", "Text."), entry_key(signature, "Lead.", "Text."),
                entry_key(signature, "", "Text!")}) == 4


def test_the_store_evicts_the_least_recently_used_beyond_its_size(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "results", size_mb=1)
    payload = b"x" * 50_000
    store.set_many({"kept": payload})
    for i in range(60):
        store.get_many(["kept"])  # used all along
        store.set_many({f"filler{i}": payload})
    assert store.info()["bytes"] <= 2**20 + len(payload)
    assert store.get_many(["kept"]) == {"kept": payload}
    assert store.get_many(["filler0"]) == {}
    store.close()


def test_a_store_that_cannot_be_written_is_only_a_miss(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the store would go")
    store = ResultStore(blocker / "results")
    store.set_many({"key": b"value"})
    assert store.get_many(["key"]) == {}
    assert store.info()["entries"] == 0
    assert store.problem  # what the CLI's warning line says


def test_cache_info_and_clear(fresh_cache: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import mtcheck

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(fresh_cache))
    store = ResultStore()
    store.set_many({"a": b"1", "b": b"2"})
    store.close()
    info = CliRunner().invoke(mtcheck, ["cache", "info", "--format", "json"])
    facts = json.loads(info.stdout)
    assert info.exit_code == 0 and facts["cache_directory"] == str(fresh_cache)
    assert facts["results"]["entries"] == 2 and facts["results"]["size_limit_bytes"] == 1024 * 2**20
    cleared = CliRunner().invoke(mtcheck, ["cache", "clear"])
    assert cleared.exit_code == 0 and cleared.stdout.startswith("removed 2 cached results from ")
    assert (fresh_cache / "models").exists()  # only --all removes the converted model
    assert json.loads(CliRunner().invoke(mtcheck, ["cache", "info", "--format", "json"]).stdout
                      )["results"]["entries"] == 0


def test_a_damaged_store_is_only_a_miss(tmp_path: Path) -> None:
    directory = tmp_path / "results"
    directory.mkdir()
    (directory / "cache.db").write_bytes(b"not a database, " * 1000)
    store = ResultStore(directory)
    store.set_many({"key": b"value"})
    assert store.get_many(["key"]) == {} and store.problem


@pytest.mark.model
def test_a_scan_with_a_damaged_store_says_so_once_and_reports_all(fresh_cache: Path, tmp_path: Path) -> None:
    (fresh_cache / "results").mkdir()
    (fresh_cache / "results" / "cache.db").write_bytes(b"not a database, " * 1000)
    article = tmp_path / "article.txt"
    article.write_text("The council approved the budget on Tuesday after a long debate about schools.\n")
    process = subprocess.run([sys.executable, "-m", "mtcheck", "scan", str(article), "--format", "json"],
                             env={**os.environ, "MTCHECK_CACHE_DIR": str(fresh_cache)}, capture_output=True,
                             text=True, cwd=ROOT, timeout=600)
    assert process.returncode == 0
    assert json.loads(process.stdout)["documents"][0]["status"] == "ok"
    (warning,) = process.stderr.splitlines()
    assert warning.startswith(f"mtcheck: warning: the results cache in {fresh_cache / 'results'} could not be used (")
    assert warning.endswith("); every score was computed")
