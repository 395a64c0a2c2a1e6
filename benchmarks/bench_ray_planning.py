"""What the driver of a Ray scan pays before any checking: reading every
article (``--ray-read driver``) vs planning pieces for the workers to read
(the default), on an archive large enough to show it.

Each mode runs in a new process, interleaved round after round: time to turn
the inputs into the Dataset rows, the process's peak resident memory, and the
bytes of the rows shipped to the workers. Both modes give the same batches
(tests/test_pieces.py); this measures what they cost. Then what Ray Data
itself costs per row (a batch of 8 articles): rows of the same size through
a pool of two actors that do nothing, as RayRun sends them (one block each).

    python benchmarks/bench_ray_planning.py [--copies 1000] [--rounds 3] [--ray-rows 2000]

The archive: fixtures/devsets/clean_news.jsonl (90 real news articles)
written --copies times into one JSONL file and once more as a directory of
text files. Results: benchmarks/results/ray_planning.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "fixtures" / "devsets" / "clean_news.jsonl"
MODES = ("driver reads", "workers read")

# Run in the child: build the rows as RayRun does, report time, peak memory, shipped bytes.
CHILD = """
import json, pickle, resource, sys, time
from mtcheck.reading.pieces import batch_pieces, plan_inputs
from mtcheck.scanner import ScanOptions, read_inputs, record_reading
mode, paths = sys.argv[1], sys.argv[2:]
options = ScanOptions()
started = time.perf_counter()
planned = read_inputs(paths, options) if mode == "driver reads" else plan_inputs(paths, **record_reading(options))
batches = list(batch_pieces(planned, options.batch_documents))  # as RayRun holds them
rows = [pickle.dumps(batch) for batch in batches]
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows": len(rows), "shipped_mb": sum(map(len, rows)) / 2**20}))
"""


def archive(folder: Path, copies: int) -> list[str]:
    lines = NEWS.read_text(encoding="utf-8").splitlines()
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for line in lines:
                record = json.loads(line)
                handle.write(json.dumps({**record, "id": f"{record['id']}-{copy}"}) + "\n")
    texts = folder / "texts"
    texts.mkdir()
    for number, line in enumerate(lines):
        (texts / f"{number:03d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    return [str(feed), str(texts)]


# Run in the child: rows through a do-nothing actor pool, one block per row.
RAY_CHILD = """
import logging, os, sys, time
os.environ.setdefault("RAY_AUTH_MODE", "disabled")
import ray
ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
ray.data.DataContext.get_current().enable_progress_bars = False
class Nothing:
    def __call__(self, row):
        return row
count = int(sys.argv[1])
rows = [{"row": i, "batches": bytes(int(sys.argv[2]))} for i in range(count)]
started = time.perf_counter()
done = sum(1 for _ in ray.data.from_items(rows, override_num_blocks=count).map(
    Nothing, concurrency=2, num_cpus=1).iter_rows())
print((time.perf_counter() - started) / done)
"""


def ray_row_seconds(rows: int, row_bytes: int) -> float:
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    done = subprocess.run([sys.executable, "-c", RAY_CHILD, str(rows), str(row_bytes)], capture_output=True,
                          text=True, check=True, env=env)
    return float(done.stdout.split()[-1])


def measure(mode: str, paths: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, mode, *paths], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ray-rows", type=int, default=2000)
    args = parser.parse_args()
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory() as folder:
        paths = archive(Path(folder), args.copies)
        archive_mb = sum(f.stat().st_size for p in paths for f in ([Path(p)] if Path(p).is_file()
                                                                     else Path(p).iterdir())) / 2**20
        for _ in range(args.rounds):
            for mode in MODES:
                runs[mode].append(measure(mode, paths))
    rows = {mode: {"median_s": round(statistics.median(r["seconds"] for r in done), 2),
                   "median_peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in done)),
                   "shipped_mb": round(done[0]["shipped_mb"], 2), "rows": done[0]["rows"]}
            for mode, done in runs.items()}
    documents = 90 * (args.copies + 1)
    row_bytes = round(rows["workers read"]["shipped_mb"] * 2**20 / rows["workers read"]["rows"])
    per_row = ray_row_seconds(args.ray_rows, row_bytes)
    result = {"documents": documents, "archive_mb": round(archive_mb, 1), "rounds": args.rounds, "modes": rows,
              "ray_data_ms_per_row": round(per_row * 1000, 2), "ray_data_rows": args.ray_rows}
    (ROOT / "benchmarks" / "results" / "ray_planning.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"{documents} documents, {archive_mb:.1f} MB, {args.rounds} rounds interleaved")
    for mode, row in rows.items():
        print(f"{mode:13} {row['median_s']:7.2f} s  peak {row['median_peak_rss_mb']:6d} MB  "
              f"shipped {row['shipped_mb']:8.2f} MB in {row['rows']} rows")
    print(f"Ray Data: {per_row * 1000:.1f} ms per row ({args.ray_rows} rows of {row_bytes} bytes, 2 actors doing nothing)")


if __name__ == "__main__":
    main()
