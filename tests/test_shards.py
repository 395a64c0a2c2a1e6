"""Part files (``--shards``): each document once, whole, with the JSON a
``--format jsonl`` report gives it; and what `scan --shards` refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_run import invoke
from mtcheck.reading import iter_inputs
from mtcheck.render.jsonl_report import render_jsonl_line
from mtcheck.render.shards import remove_unfinished, write_shard

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list:
    from conftest import FakeScorer
    from mtcheck.scanner import Scanner, ScanOptions

    folder = tmp_path_factory.mktemp("articles")
    (folder / "unreadable.txt").write_bytes(b"\xff\xfe not UTF-8")
    (folder / "feed.jsonl").write_text(json.dumps({"id": "a1", "text": "Voldimi Zelensky met the press on Monday."})
                                       + "\n{broken\n", encoding="utf-8")
    scanner = Scanner(ScanOptions(cache=False))
    scanner.scorer = FakeScorer({})
    return list(scanner.scan(iter_inputs([ROOT / "seeds", folder])))


def test_a_jsonl_part_is_the_jsonl_report_of_its_documents(tmp_path, results) -> None:
    path = write_shard(str(tmp_path), 7, "jsonl", results)
    assert path == str(tmp_path / "part-000007.jsonl")
    assert Path(path).read_text(encoding="utf-8").splitlines() == [render_jsonl_line(r) for r in results]


def test_a_parquet_part_has_columns_to_filter_on_and_the_same_json(tmp_path, results) -> None:
    parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow comes with mtcheck[ray]")
    path = write_shard(str(tmp_path), 0, "parquet", results)
    rows = parquet.read_table(path).to_pylist()
    assert [row["document"] for row in rows] == [render_jsonl_line(r) for r in results]
    by_id = {row["id"]: row for row in rows}
    assert len(rows) == 8 and [row["status"] for row in rows].count("error") == 2
    article = by_id["a1"]
    assert (article["path"].endswith("feed.jsonl"), article["line"], article["status"], article["error"]) == (
        True, 1, "ok", None)
    assert article["findings"] == len(json.loads(article["document"])["findings"]) >= 1
    broken = next(row for row in rows if row["line"] == 2)
    assert broken["error"].startswith("malformed JSON") and broken["fluency"] is None


def test_a_part_written_again_replaces_the_first_whole(tmp_path, results) -> None:
    write_shard(str(tmp_path), 0, "jsonl", results)
    (tmp_path / ".part-000001.jsonl.4242.tmp").write_text("half a part")  # left by a writer that died
    write_shard(str(tmp_path), 0, "jsonl", results[:2])
    remove_unfinished(str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["part-000000.jsonl"]
    assert len((tmp_path / "part-000000.jsonl").read_text().splitlines()) == 2


def test_shards_need_ray_a_new_or_empty_directory_outside_the_scanned_ones(tmp_path) -> None:
    seeds = ROOT / "seeds"
    run = invoke("scan", seeds, "--shards", tmp_path / "parts")
    assert (run.exit_code, run.output.strip()) == (2, "mtcheck: error: --shards needs --ray: the Ray workers write "
                                                      "the parts (a local scan writes one report: --format jsonl "
                                                      "--output FILE)")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "part-000000.jsonl").write_text("{}\n")
    run = invoke("scan", seeds, "--ray", "--shards", tmp_path / "used")
    assert run.exit_code == 2 and "is not empty; name a new or empty directory" in run.output
    run = invoke("scan", tmp_path, "--ray", "--shards", tmp_path / "parts")
    assert run.exit_code == 2 and f"is in the scanned directory {tmp_path}" in run.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["used"]  # nothing made, nothing read
