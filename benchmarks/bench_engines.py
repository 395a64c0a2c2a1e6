"""Other ways to run the model on a CPU, against the scan's fp32 eager torch.

    .venv/bin/python benchmarks/bench_engines.py            # ~15 min on 2 cores
    .venv/bin/python benchmarks/bench_engines.py --compile  # adds torch.compile (minutes to compile)

Each engine scores the same article streams (the seeds' scored paragraphs,
read as the scan reads them) in one process, interleaved round by round, so
load from other processes hits them alike. Printed per engine: the median
time, its speed relative to fp32 eager (the ratio of medians), and how far
it moves the numbers the score is made from: the largest and the mean
change of a paragraph's mean token NLL (nats). An engine is only a
candidate if it is faster and moves no paragraph by more than about 0.01
nats (the score's features are means over a few dozen tokens; clean news
paragraphs spread by about 0.65 nats in surprisal per word).

Engines that need other packages (CTranslate2, ONNX Runtime) are not
installed by the project; issue 17 reports them: CTranslate2 fp32 0.93-1.08x,
ONNX Runtime fp32 0.91-1.02x, CTranslate2 int8 1.3-1.5x but moving paragraph
mean NLL by 0.13-0.48 nats.
Writes benchmarks/results/engines.json.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from statistics import fmean, median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.fluency import article_streams  # noqa: E402
from mtcheck.lm.model import default_model_source, load_model  # noqa: E402
from mtcheck.lm.scorer import LMScorer  # noqa: E402
from mtcheck.reading import iter_inputs  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "engines.json"
WARM_UP = [["The committee met on Tuesday and agreed to publish its report next month."]]


def engines(loaded, with_compile: bool) -> dict:
    """name -> (LoadedModel, context manager factory the scoring runs in)."""
    import torch

    int8 = torch.ao.quantization.quantize_dynamic(copy.deepcopy(loaded.model), {torch.nn.Linear}, dtype=torch.qint8)
    found = {
        "fp32 eager (the scan)": (loaded, contextlib.nullcontext),
        "bf16 autocast": (loaded, lambda: torch.autocast("cpu", dtype=torch.bfloat16)),
        "int8 dynamic (torch)": (replace(loaded, model=int8), contextlib.nullcontext),
    }
    if with_compile:
        compiled = copy.deepcopy(loaded.model)
        compiled.model = torch.compile(compiled.model, dynamic=True)  # the decoder LMScorer calls
        found["torch.compile fp32"] = (replace(loaded, model=compiled), contextlib.nullcontext)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compile", action="store_true", help="also torch.compile (slow to compile)")
    args = parser.parse_args()
    streams = article_streams(list(iter_inputs([str(ROOT / "seeds")])))
    loaded = load_model(default_model_source())
    candidates = engines(loaded, args.compile)
    seconds = {name: [] for name in candidates}
    means = {}
    for name, (model, context) in candidates.items():  # warm-up (and compilation), not timed
        with context():
            LMScorer(model).score_streams(WARM_UP)
    for _ in range(args.rounds):
        for name, (model, context) in candidates.items():
            scorer = LMScorer(model)  # fresh: nothing memoised
            with context():
                started = time.perf_counter()
                scores = scorer.score_streams(streams)
                seconds[name].append(time.perf_counter() - started)
            means[name] = [p.mean_nll for stream in scores for p in stream]
    baseline = next(iter(candidates))
    report = {}
    for name in candidates:
        moved = [abs(a - b) for a, b in zip(means[name], means[baseline])]
        report[name] = {"seconds": round(median(seconds[name]), 2),
                        "speed": round(median(seconds[baseline]) / median(seconds[name]), 2),
                        "max_paragraph_nll_change": round(max(moved), 4),
                        "mean_paragraph_nll_change": round(fmean(moved), 4)}
        r = report[name]
        print(f"{name:<24} {r['seconds']:>7.1f} s  {r['speed']:.2f}x  paragraph mean NLL moved "
              f"max {r['max_paragraph_nll_change']:.4f}, mean {r['mean_paragraph_nll_change']:.4f} nats")
    RESULTS.write_text(json.dumps({"rounds": args.rounds, "paragraphs": len(means[baseline]),
                                   "engines": report}, indent=2) + "\n")


if __name__ == "__main__":
    main()
