"""Local scan vs a scan on Ray with 1 and 2 actors, on the same corpus.

Each run is a new `mtcheck scan --no-cache --format json` process (every
score computed, the model loaded in each process or actor), timed from start
to exit; the modes run interleaved, round after round, so a busy machine
slows them alike. Reported per mode: median wall time, documents per second,
the ratio to the local scan, and whether the JSON equals the local scan's
(with --shards: whether the parts hold the local scan's documents). The Ray
modes read on the workers, except the one marked "driver reads".
A run on one tiny article gives each mode's fixed cost (starting Ray, the
actors, loading the model), which the corpus runs also pay once.

    python benchmarks/bench_ray.py [--rounds 2] [PATH...]

Default corpus: the 90 clean news articles of fixtures/devsets/clean_news.jsonl
and seeds/. Results: benchmarks/results/ray.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [ROOT / "fixtures" / "devsets" / "clean_news.jsonl", ROOT / "seeds"]
MODES = {"local": [], "ray, 1 actor": ["--ray", "--ray-actors", "1"], "ray, 2 actors": ["--ray", "--ray-actors", "2"],
         "ray, 2 actors, driver reads": ["--ray", "--ray-actors", "2", "--ray-read", "driver"],
         "ray, 2 actors, shards": ["--ray", "--ray-actors", "2", "--shards"]}  # run() names the directory
TINY = "The finance minister said on Tuesday that the government would cut spending next year."


def run(paths: list[str], extra: list[str]) -> tuple[float, dict]:
    """Seconds, and the report's documents (from the parts, with --shards)."""
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        report, parts = Path(out) / "report.json", Path(out) / "parts"
        extra = [*extra, str(parts)] if extra[-1:] == ["--shards"] else extra
        env = {**os.environ, "MTCHECK_CACHE_DIR": cache, "RAY_AUTH_MODE": "disabled"}
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "mtcheck", "scan", *paths, *extra, "--no-cache",
                               "--format", "json", "--fail-on", "never", "--output", str(report)],
                              env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 3):
            raise SystemExit(f"mtcheck {' '.join(extra)} failed ({done.returncode}): {done.stderr[-2000:]}")
        if parts.exists():
            lines = [json.loads(line) for part in sorted(parts.iterdir()) for line in part.read_text().splitlines()]
            return elapsed, [{k: v for k, v in line.items() if k != "schema"} for line in lines]
        return elapsed, json.loads(report.read_text(encoding="utf-8"))["documents"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(p) for p in DEFAULT_PATHS])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text(TINY + "\n", encoding="utf-8")
        fixed = {mode: run([str(tiny)], extra)[0] for mode, extra in MODES.items()}
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    reports: dict[str, dict] = {}
    for _ in range(args.rounds):
        for mode, extra in MODES.items():
            elapsed, reports[mode] = run(args.paths, extra)
            times[mode].append(elapsed)
    documents = len(reports["local"])
    local = statistics.median(times["local"])
    rows = {mode: {"median_s": round(statistics.median(t), 1), "runs_s": [round(x, 1) for x in t],
                   "documents_per_s": round(documents / statistics.median(t), 2),
                   "time_vs_local": round(statistics.median(t) / local, 2),
                   "fixed_cost_s": round(fixed[mode], 1),
                   "documents_equal_local": reports[mode] == reports["local"]}
            for mode, t in times.items()}
    result = {"documents": documents, "rounds": args.rounds, "cpus": os.cpu_count(), "modes": rows}
    out = ROOT / "benchmarks" / "results" / "ray.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{documents} documents, {args.rounds} rounds interleaved, {os.cpu_count()} CPUs")
    for mode, row in rows.items():
        print(f"{mode:28} median {row['median_s']:6.1f} s  {row['documents_per_s']:5.2f} docs/s  "
              f"x{row['time_vs_local']:.2f} local  fixed cost {row['fixed_cost_s']:5.1f} s  "
              f"same documents: {row['documents_equal_local']}")


if __name__ == "__main__":
    main()
