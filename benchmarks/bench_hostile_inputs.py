"""Work that grows with hostile input: linear now, and bounded per paragraph.

    .venv/bin/python benchmarks/bench_hostile_inputs.py

1. Duplicate detection on N near-identical lines (N = 1,000, 2,000, 4,000,
   8,000), the current detector against the one it replaced (every shingle
   remembered every paragraph holding it, duplicates included), interleaved
   in the same run, median of 3. Two kinds of lines: near copies of one of
   two sentences (mostly duplicates) and lines that share most of their
   words but stay below the near-copy threshold (none are duplicates: the
   case that made the old index compare every pair).
2. Whole scans (`mtcheck scan --format json`, the default model, a fresh
   process each) of the three inputs that did not finish in 10 minutes: a
   2 MB paragraph without a newline, 100,000 tiny paragraphs, 10,000
   near-duplicate lines. Wall time, and the largest peak memory of the scans
   so far (the operating system reports children's peaks only as a maximum).

Writes benchmarks/results/hostile_inputs.json.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.reading.boilerplate import (  # noqa: E402
    find_duplicates, is_near_copy, normalised_words, rule_text, shingles,
)

RESULTS = ROOT / "benchmarks" / "results" / "hostile_inputs.json"
A = "Retired Admiral James Stabridisdad told reporters in Brussels that the alliance must prepare for a long war."
B = "The defence ministers of the alliance met in Brussels on Thursday to discuss the supply of ammunition."
BASE = "The minister said on Tuesday that the talks with the delegation would continue next week in the capital"


def find_duplicates_unbounded(texts: Sequence[str]) -> list[bool]:
    """The detector before the bound: every paragraph indexed under every shingle."""
    seen_texts: set[str] = set()
    holders: dict[tuple[str, ...], list[int]] = {}
    sizes: list[int] = []
    duplicate = []
    for text in texts:
        words = normalised_words(text)
        key = " ".join(words)
        if not key or key in seen_texts:
            duplicate.append(bool(key))
            continue
        seen_texts.add(key)
        these = shingles(words)
        shared = Counter(other for shingle in these for other in holders.get(shingle, ()))
        duplicate.append(any(is_near_copy(count, len(these), sizes[other]) for other, count in shared.items()))
        for shingle in these:
            holders.setdefault(shingle, []).append(len(sizes))
        sizes.append(len(these))
    return duplicate


def near_copies(n: int) -> list[str]:
    return [rule_text(f"{A} Reported on day {i}." if i % 2 else f"{B} Filed from desk {i}.") for i in range(n)]


def shared_prefix_lines(n: int) -> list[str]:
    # Two words vary per line: 14 of 20 shingles shared, below the 0.8 Jaccard of a near copy.
    return [rule_text(f"{BASE} number {i} and {i * 7919 % 10007}.") for i in range(n)]


def timed(function, texts) -> tuple[float, list[bool]]:
    started = time.perf_counter()
    flags = function(texts)
    return time.perf_counter() - started, flags


def duplicate_detection() -> list[dict]:
    rows = []
    for kind, make in (("near copies", near_copies), ("shared prefix, not copies", shared_prefix_lines)):
        for n in (1_000, 2_000, 4_000, 8_000):
            texts = make(n)
            runs = {"bounded": [], "unbounded": []}
            for _ in range(3):
                for name, function in (("bounded", find_duplicates), ("unbounded", find_duplicates_unbounded)):
                    seconds, flags = timed(function, texts)
                    runs[name].append(seconds)
                    runs[f"{name} duplicates"] = sum(flags)
            row = {"lines": kind, "n": n, **{f"{name} s": round(statistics.median(runs[name]), 3)
                                               for name in ("bounded", "unbounded")},
                   "duplicates (bounded, unbounded)": [runs["bounded duplicates"], runs["unbounded duplicates"]]}
            rows.append(row)
            print(row, flush=True)
    return rows


def hostile_files(directory: Path) -> dict[str, Path]:
    files = {
        "2 MB paragraph, no newline": " ".join([A, B] * 10_000),
        "100,000 tiny paragraphs": "\n".join(f"Word{i}." for i in range(100_000)),
        "10,000 near-duplicate lines": "\n".join(near_copies(10_000)),
    }
    paths = {}
    for number, (name, text) in enumerate(files.items()):
        paths[name] = directory / f"hostile{number}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def whole_scans() -> list[dict]:
    mtcheck = Path(sys.executable).parent / "mtcheck"
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for name, path in hostile_files(Path(directory)).items():
            started = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            done = subprocess.run([str(mtcheck), "scan", str(path), "--format", "json", "--fail-on", "never"],
                                  capture_output=True, text=True, timeout=1800)
            seconds = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            report = json.loads(done.stdout)
            (document,) = report["documents"]
            scored = sum(p["skipped"] is None for p in document["paragraphs"])
            row = {"input": name, "bytes": path.stat().st_size, "exit": done.returncode, "seconds": round(seconds, 1),
                   "peak MB (max over scans so far)": round(max(before, peak) / 1024),
                   "paragraphs": len(document["paragraphs"]), "scored": scored}
            rows.append(row)
            print(row, flush=True)
    return rows


def main() -> None:
    results = {"duplicate detection": duplicate_detection(), "whole scans": whole_scans()}
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
