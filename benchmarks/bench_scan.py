"""Speed of `mtcheck scan` against a naive scoring loop, on a fixed corpus.

    .venv/bin/python benchmarks/bench_scan.py           # full run, ~35 min on 2 cores (--no-sweep)
    .venv/bin/python benchmarks/bench_scan.py --quick   # smoke run on one seed, ~5 min
    .venv/bin/python benchmarks/bench_scan.py --sweep-only --rounds 2   # the batch-size sweep on seeds/, ~8 min

Corpus: seeds/ plus fixtures/devsets/clean_news.jsonl; the texts scored are
their scored (non-skipped) paragraphs, exactly what Scanner scores.

What it measures (every timing in fresh subprocesses, repeated; medians shown):
- load: load_model() cold (GGUF conversion into an empty temporary
  MTCHECK_CACHE_DIR) and cached (safetensors from that cache): "load s" is
  load_model's own time, "process s" the whole subprocess including Python
  start and the torch/transformers imports. Also `import mtcheck.cli` and
  `mtcheck --help` as whole-process wall times.
- scan: Scanner().scan_paths(corpus) end to end (reading and every check the
  Scanner runs: LM fluency, names);
  lmscorer: LMScorer.score on all paragraph texts in one call; naive: one
  `model(ids)` call per paragraph with full logits and a full-vocabulary
  log_softmax, on the same token sequences. Each runs after the model is
  loaded and warmed up on a short text, so one-off costs are not counted.
  tokens = scored tokens (text tokens, not the start-of-document prefix);
  peak MB = ru_maxrss of the process; loaded MB = the same just before the
  timed run (model loaded, warmed up), so peak - loaded is the scoring cost.
- speedup = scan tokens/s / naive tokens/s (the issue asks for >= 3x), and
  agreement: max |LMScorer - naive| of per-token NLL and of paragraph mean NLL
  (nats; they should agree to about 1e-4).
- sweep: LMScorer tokens/s on the corpus read as article streams (as the
  scan reads it) for each batch_tokens x head_chunk, all in one
  process, configurations interleaved in every round so load from other
  processes on this shared machine hits them alike.
- context cost: tokens the decoder processes (paragraph breaks and window
  overlaps included) per scored token when each document's scored
  paragraphs are read as one stream, as the scan's fluency check reads
  them: on seeds/ (the aim: at most 1.1) and on the corpus;
- ceiling: tokens/s if the model's linear layers ran at the fp32 GEMM speed
  torch reaches at their shapes (measured here, rows of one batch, each
  shape's fastest run) and nothing else cost anything; the share of it
  lmscorer reaches on paragraphs, and on article streams (seeds/, the
  corpus) against a ceiling measured in the same process before each round
  (median of the rounds' ratios); and
  where the scorer's time goes on seeds/ (matrix multiplies, attention, the
  rest), from torch's profiler;
- re-scan: `mtcheck scan` of the corpus as a user runs it, in a new process
  with an empty results cache (cold), then again in another (warm): wall
  times, peak memory, whether the JSON reports are byte-identical and
  whether the warm one imported torch. The scan timings above run without
  the results cache (every score computed).

Results go to benchmarks/results/scan.json (scan-quick.json for --quick).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = [ROOT / "seeds", ROOT / "fixtures" / "devsets" / "clean_news.jsonl"]
QUICK_CORPUS = [ROOT / "seeds" / "000_aa7c4daef0468fce.txt"]
BATCH_TOKENS = (512, 1024, 2048, 4096)
HEAD_CHUNKS = (128, 256, 512)
WARM_UP = "The committee met on Tuesday and agreed to publish its report next month."


# ---------------------------------------------------------------- workers
# Each runs in its own subprocess (`--worker NAME`) and prints one JSON line.

def paragraph_texts(paths) -> list[str]:
    from mtcheck.reading import iter_inputs

    docs = list(iter_inputs([str(p) for p in paths]))
    return [d.paragraph_text(p) for d in docs for p in d.scored_paragraphs]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker_stats(args) -> dict:
    from mtcheck.lm.model import default_model_source, load_model
    from mtcheck.reading import iter_inputs

    texts = paragraph_texts(args.paths)
    # LMScorer memoises texts: duplicates would make it skip work the naive loop does.
    assert len(set(texts)) == len(texts), "duplicate paragraphs in the corpus"
    tokenizer = load_model(default_model_source()).tokenizer
    lengths = [len(tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts]
    return {"documents": sum(1 for _ in iter_inputs(map(str, args.paths))),
            "paragraphs": len(texts), "tokens": sum(lengths), "longest_tokens": max(lengths)}


def worker_load(_args) -> dict:
    from mtcheck.lm.model import default_model_source, load_model

    loaded = load_model(default_model_source())
    return {"load_s": loaded.load_seconds, "from_cache": loaded.from_cache}


def naive_nll(loaded, prefix_id: int, texts: list[str], window: int) -> list[list[float]]:
    """What a first attempt looks like: full logits, full log_softmax."""
    import torch

    out = []
    with torch.inference_mode():
        for text in texts:
            ids = [prefix_id] + loaded.tokenizer(text, add_special_tokens=False)["input_ids"]
            assert len(ids) <= window, "a paragraph longer than the window: not comparable"
            ids = torch.tensor([ids])
            logp = torch.log_softmax(loaded.model(ids).logits[0, :-1].float(), dim=-1)
            out.append((-logp.gather(1, ids[0, 1:, None])[:, 0]).tolist())
    return out


def worker_run(args) -> dict:
    """Time one method on the corpus; optionally save per-token NLL."""
    import torch

    from mtcheck.lm.scorer import load_scorer

    paths = [str(p) for p in args.paths]
    texts = paragraph_texts(paths)
    if args.method == "scan":
        from mtcheck.scanner import ScanOptions, Scanner

        scanner = Scanner(ScanOptions(cache=False))  # every score computed: the cold path
        scorer = scanner.fluency.scorer.scorer  # loads the model (not timed)
        with tempfile.TemporaryDirectory() as tmp:  # warm-up: torch, wordfreq, calibration
            warm = Path(tmp) / "warm.txt"
            warm.write_text(WARM_UP + "\n")
            list(scanner.scan_paths([str(warm)]))
    else:
        scorer = load_scorer()
    naive_nll(scorer.loaded, scorer.prefix_id, [WARM_UP], scorer.settings.window)  # warm-up
    rss_loaded = peak_mb()

    started = time.perf_counter()
    nll = None
    if args.method == "scan":
        assert all(r.ok for r in scanner.scan_paths(paths)), "input errors in the corpus"
    elif args.method == "lmscorer":
        nll = [list(s.nll) for s in scorer.score(texts)]
    else:
        nll = naive_nll(scorer.loaded, scorer.prefix_id, texts, scorer.settings.window)
    seconds = time.perf_counter() - started
    if args.nll_out and nll is not None:
        Path(args.nll_out).write_text(json.dumps(nll))
    return {"seconds": seconds, "peak_mb": peak_mb(), "loaded_mb": rss_loaded,
            "threads": torch.get_num_threads()}


def warm_scorer_and_streams(paths):
    """A fresh scorer on a warmed-up model, and the documents' scored
    paragraphs as the scan's fluency check reads them: one stream each."""
    from mtcheck.checks.fluency import article_streams
    from mtcheck.lm.model import default_model_source, load_model
    from mtcheck.lm.scorer import LMScorer
    from mtcheck.reading import iter_inputs

    loaded = load_model(default_model_source())
    LMScorer(loaded).score([WARM_UP])
    return LMScorer(loaded), article_streams(list(iter_inputs([str(p) for p in paths])))


def worker_streams(args) -> dict:
    """The scan's own LM reading: each document's scored paragraphs as one
    stream. Tokens the decoder processes per scored token, the speed, and its
    share of the GEMM ceiling measured in the same process right before each
    round (the machine is shared: a ceiling measured minutes apart in another
    process can differ by a quarter)."""
    from mtcheck.lm.scorer import LMScorer

    warmed, streams = warm_scorer_and_streams(args.paths)
    rounds = []
    for _ in range(args.rounds):
        ceiling = gemm_ceiling(warmed.loaded.model.config)["ceiling_tokens_per_s"]
        scorer = LMScorer(warmed.loaded)
        started = time.perf_counter()
        scorer.score_streams(streams)
        tokens_per_s = scorer.scored_tokens / (time.perf_counter() - started)
        rounds.append((tokens_per_s, ceiling))
    return {"processed_per_scored": scorer.processed_tokens / scorer.scored_tokens,
            "tokens_per_s": median(t for t, _ in rounds), "ceiling_tokens_per_s": median(c for _, c in rounds),
            "share": median(t / c for t, c in rounds)}


def worker_gemm(args) -> dict:
    from mtcheck.lm.model import default_model_source, load_model

    return gemm_ceiling(load_model(default_model_source()).model.config, repeats=args.rounds * 10)


def gemm_ceiling(config, repeats: int = 20) -> dict:
    """The fp32 GEMM ceiling: tokens/s if the model's linear layers (each
    decoder layer's projections, and the vocabulary head) ran at the speed
    torch's matmul reaches at their shapes, and nothing else cost anything.
    Rows per GEMM: a batch of the scorer's size (batch_tokens) in the
    layers, a chunk (head_chunk) in the head, as the scorer runs them. Each
    shape's fastest of ``repeats`` runs: a ceiling is the best the machine does."""
    import torch

    from mtcheck.lm.scorer import ScorerSettings

    hidden, inner = config.hidden_size, config.intermediate_size
    kv = hidden * config.num_key_value_heads // config.num_attention_heads
    layer = [(hidden, hidden), (hidden, kv), (hidden, kv), (hidden, hidden),
             (hidden, inner), (hidden, inner), (inner, hidden)]
    settings = ScorerSettings()
    seconds = {}
    for k, n in set(layer) | {(hidden, config.vocab_size)}:
        rows = settings.head_chunk if n == config.vocab_size else settings.batch_tokens
        x, w = torch.randn(rows, k), torch.randn(n, k)
        torch.nn.functional.linear(x, w)  # warm-up
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            torch.nn.functional.linear(x, w)
            timings.append(time.perf_counter() - started)
        seconds[k, n] = min(timings) / rows  # per token
    per_token = config.num_hidden_layers * sum(seconds[shape] for shape in layer) + seconds[hidden, config.vocab_size]
    flops = 2 * (config.num_hidden_layers * sum(k * n for k, n in layer) + hidden * config.vocab_size)
    return {"ceiling_tokens_per_s": 1 / per_token, "gflops": flops / per_token / 1e9,
            "mflop_per_token": flops / 1e6, "threads": torch.get_num_threads()}


def worker_sweep(args) -> dict:
    """The corpus read as the scan reads it (article streams) with each
    batch_tokens x head_chunk, interleaved in every round."""
    from mtcheck.lm.scorer import LMScorer

    warmed, streams = warm_scorer_and_streams(args.paths)
    times: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for bt in BATCH_TOKENS:
            for hc in HEAD_CHUNKS:
                scorer = LMScorer(warmed.loaded, batch_tokens=bt, head_chunk=hc)
                started = time.perf_counter()
                scorer.score_streams(streams)
                times.setdefault(f"{bt},{hc}", []).append(time.perf_counter() - started)
    return {"times": times}


def worker_profile(args) -> dict:
    """Where the scorer's time goes on seeds/ read as streams: shares of
    torch's self CPU time, matrix multiplies (what the ceiling counts),
    attention, and everything else (norms, activations, the softmax
    normaliser, copies)."""
    from torch.profiler import ProfilerActivity, profile

    scorer, streams = warm_scorer_and_streams(args.paths)
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        scorer.score_streams(streams)
    shares = {"matrix multiplies": 0.0, "attention": 0.0, "other": 0.0}
    for event in prof.key_averages():
        kind = ("matrix multiplies" if event.key in ("aten::mm", "aten::addmm", "aten::bmm")
                else "attention" if "scaled_dot_product" in event.key else "other")
        shares[kind] += event.self_cpu_time_total
    total = sum(shares.values())
    return {kind: value / total for kind, value in shares.items()}


WORKERS = {"stats": worker_stats, "load": worker_load, "run": worker_run, "sweep": worker_sweep,
           "gemm": worker_gemm, "streams": worker_streams, "profile": worker_profile}

# `mtcheck scan` in a process that then prints its peak memory and heavy imports.
SCAN_AND_REPORT = """
import json, resource, sys
from mtcheck.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "model_loaded": "torch" in sys.modules}))
"""


# ---------------------------------------------------------------- driver

def spawn(argv: list[str], cache: str | None = None) -> tuple[float, str]:
    """Run a subprocess; return its wall time and stdout."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if cache:
        env["MTCHECK_CACHE_DIR"] = cache
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"failed (exit {proc.returncode}): {' '.join(argv)}\n{proc.stderr}")
    return wall, proc.stdout


def worker(name: str, cache: str, *extra: str) -> tuple[float, dict]:
    wall, out = spawn([sys.executable, __file__, "--worker", name, *extra], cache)
    return wall, json.loads(out.strip().splitlines()[-1])


def measure_load(cache_parent: Path, rounds: int) -> dict:
    cold, cached = [], []
    shared_cache = None
    for r in range(rounds):
        fresh = tempfile.mkdtemp(dir=cache_parent, prefix=f"cold{r}-")
        wall, res = worker("load", fresh)
        assert not res["from_cache"]
        cold.append((wall, res["load_s"]))
        shared_cache = shared_cache or fresh  # later processes reuse the first
    for _ in range(rounds):
        wall, res = worker("load", shared_cache)
        assert res["from_cache"]
        cached.append((wall, res["load_s"]))
    summary = lambda xs: {"load_s": median(x[1] for x in xs), "process_s": median(x[0] for x in xs)}
    return {"cold": summary(cold), "cached": summary(cached), "cache_dir": shared_cache}


def measure_cli(rounds: int) -> dict:
    script = Path(sys.executable).with_name("mtcheck")
    helper = [str(script)] if script.exists() else [sys.executable, "-m", "mtcheck"]
    check = "import sys, mtcheck.cli; print(sorted({'torch', 'transformers'} & set(sys.modules)))"
    imports, helps, heavy = [], [], None
    for _ in range(rounds):
        wall, out = spawn([sys.executable, "-c", check])
        imports.append(wall)
        heavy = json.loads(out.replace("'", '"'))
        helps.append(spawn(helper + ["--help"])[0])
    return {"import_cli_s": median(imports), "help_s": median(helps), "heavy_modules_imported": heavy}


def measure_rescan(paths, cache: str, rounds: int, tmp: Path) -> dict:
    """`mtcheck scan` cold (empty results cache) and again in a new process
    (warm), on the same files: wall times, peak memory, same report bytes."""
    shared = Path(cache)
    spawn([sys.executable, "-c", "from mtcheck.gazetteer import load_gazetteer; load_gazetteer()"], cache)
    rows = []
    for r in range(rounds):
        fresh = tmp / f"rescan{r}"
        fresh.mkdir()
        for part in ("models", "gazetteer"):
            (fresh / part).symlink_to(shared / part)
        row = {}
        for kind in ("cold", "warm"):
            argv = [sys.executable, "-c", SCAN_AND_REPORT, "scan", *map(str, paths), "--fail-on", "never",
                    "--format", "json", "--output", str(fresh / f"{kind}.json")]
            wall, out = spawn(argv, str(fresh))
            row[kind] = {"seconds": wall, **json.loads(out.strip().splitlines()[-1])}
        row["identical"] = (fresh / "cold.json").read_bytes() == (fresh / "warm.json").read_bytes()
        rows.append(row)
    summary = {kind: {key: median(row[kind][key] for row in rows) for key in ("seconds", "peak_mb")}
               for kind in ("cold", "warm")}
    return {**summary, "ratio": median(row["cold"]["seconds"] / row["warm"]["seconds"] for row in rows),
            "identical": all(row["identical"] for row in rows),
            "warm_loaded_model": any(row["warm"]["model_loaded"] for row in rows)}


def corpus_stats(paths, cache: str) -> dict:
    return worker("stats", cache, *map(str, paths))[1]


def measure_methods(paths, cache: str, rounds: int, stats: dict, tmp: Path) -> dict:
    runs: dict[str, list[dict]] = {"scan": [], "lmscorer": [], "naive": []}
    for r in range(rounds):  # interleaved, so a busy spell hits all three
        for method in runs:
            out = tmp / f"{method}.json" if r == 0 else None
            extra = ["--method", method, *([f"--nll-out={out}"] if out else []), *map(str, paths)]
            runs[method].append(worker("run", cache, *extra)[1])
    table = {}
    for method, rs in runs.items():
        seconds = median(r["seconds"] for r in rs)
        table[method] = {
            "seconds": seconds, "all_seconds": [r["seconds"] for r in rs],
            "paragraphs_per_s": stats["paragraphs"] / seconds,
            "tokens_per_s": stats["tokens"] / seconds,
            "peak_mb": median(r["peak_mb"] for r in rs),
            "loaded_mb": median(r["loaded_mb"] for r in rs),
        }
    table["threads"] = runs["scan"][0]["threads"]
    return table


def measure_streams(cache: str, quick: bool, rounds: int) -> dict:
    """Article streams as the scan reads them: seeds/ (the issue's aim) and the corpus."""
    sets = {"seeds": QUICK_CORPUS if quick else [ROOT / "seeds"]}
    if not quick:
        sets["corpus"] = CORPUS
    return {name: worker("streams", cache, f"--rounds={rounds}", *map(str, paths))[1] for name, paths in sets.items()}


def agreement(tmp: Path) -> dict:
    fast = json.loads((tmp / "lmscorer.json").read_text())
    naive = json.loads((tmp / "naive.json").read_text())
    assert [len(a) for a in fast] == [len(b) for b in naive], "token counts differ"
    per_token = max(abs(x - y) for a, b in zip(fast, naive) for x, y in zip(a, b))
    mean = lambda v: sum(v) / len(v) if v else 0.0
    per_paragraph = max(abs(mean(a) - mean(b)) for a, b in zip(fast, naive))
    return {"max_token_nll_diff": per_token, "max_paragraph_mean_nll_diff": per_paragraph}


def measure_sweep(paths, cache: str, rounds: int, tokens: int) -> list[dict]:
    times = worker("sweep", cache, f"--rounds={rounds}", *map(str, paths))[1]["times"]
    rows = []
    for key, ts in times.items():
        bt, hc = map(int, key.split(","))
        rows.append({"batch_tokens": bt, "head_chunk": hc, "seconds": median(ts),
                     "tokens_per_s": tokens / median(ts)})
    return rows


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "torch": version("torch"), "transformers": version("transformers"),
            "load_average": os.getloadavg()}


def report(res: dict) -> str:
    m, c, ld, cli, meth = res["machine"], res["corpus"], res["load"], res["cli"], res["methods"]
    lines = [
        f"CPU {m['cpu']} ({m['cores']} cores), torch threads {meth['threads']}, "
        f"torch {m['torch']}, transformers {m['transformers']}, python {m['python']}",
        f"corpus: {c['documents']} documents, {c['paragraphs']} paragraphs, {c['tokens']} tokens "
        f"(longest {c['longest_tokens']}); medians of {res['rounds']} runs",
        "load average at start %.1f, at end %.1f (this benchmark itself adds about 2)"
        % (m["load_average"][0], m["load_average_after"][0]),
        "",
        f"{'model load':<28}{'load s':>9}{'process s':>11}",
        f"{'  cold (GGUF conversion)':<28}{ld['cold']['load_s']:>9.2f}{ld['cold']['process_s']:>11.2f}",
        f"{'  cached (safetensors)':<28}{ld['cached']['load_s']:>9.2f}{ld['cached']['process_s']:>11.2f}",
        f"import mtcheck.cli {cli['import_cli_s']:.2f} s, mtcheck --help {cli['help_s']:.2f} s "
        f"(torch/transformers imported: {cli['heavy_modules_imported'] or 'none'})",
        "",
        f"{'method':<12}{'seconds':>9}{'para/s':>9}{'tokens/s':>10}{'peak MB':>9}{'loaded MB':>11}",
    ]
    for name in ("scan", "lmscorer", "naive"):
        r = meth[name]
        lines.append(f"{name:<12}{r['seconds']:>9.2f}{r['paragraphs_per_s']:>9.1f}"
                     f"{r['tokens_per_s']:>10.0f}{r['peak_mb']:>9.0f}{r['loaded_mb']:>11.0f}")
    ag, ceiling, rescan = res["agreement"], res["ceiling"], res["rescan"]
    lines += [
        "",
        f"speedup scan/naive {res['speedup']['scan']:.2f}x, lmscorer/naive {res['speedup']['lmscorer']:.2f}x",
        f"agreement: max |dNLL| per token {ag['max_token_nll_diff']:.2e}, "
        f"per paragraph mean {ag['max_paragraph_mean_nll_diff']:.2e} nats",
        "tokens the decoder processes per scored token, articles read as streams: " + ", ".join(
            f"{name} {r['processed_per_scored']:.3f} ({r['tokens_per_s']:.0f} tokens/s)"
            for name, r in res["streams"].items()),
        f"fp32 GEMM ceiling at the model's shapes: {ceiling['ceiling_tokens_per_s']:.0f} tokens/s "
        f"({ceiling['gflops']:.0f} GFLOPS, {ceiling['mflop_per_token']:.0f} MFLOP per token); "
        f"lmscorer reaches {ceiling['lmscorer_share']:.0%} of it on paragraphs (ceiling and scorer measured in "
        "separate processes)",
        "articles read as streams, share of the ceiling measured beside them in the same process: " + ", ".join(
            f"{name} {r['share']:.0%} ({r['tokens_per_s']:.0f} of {r['ceiling_tokens_per_s']:.0f} tokens/s)"
            for name, r in res["streams"].items()),
        "the scorer's time on seeds/ (torch profiler): " + ", ".join(
            f"{kind} {share:.0%}" for kind, share in res["profile"].items()),
        f"scan cold {rescan['cold']['seconds']:.1f} s (peak {rescan['cold']['peak_mb']:.0f} MB), "
        f"re-scan in a new process {rescan['warm']['seconds']:.2f} s (peak {rescan['warm']['peak_mb']:.0f} MB): "
        f"{rescan['ratio']:.1f}x faster; same report bytes: {'yes' if rescan['identical'] else 'NO'}; "
        f"model loaded by the re-scan: {'yes' if rescan['warm_loaded_model'] else 'no'}",
    ]
    if "sweep" in res:
        lines += ["", *sweep_lines(res)]
    return "\n".join(lines)


def sweep_lines(res: dict) -> list[str]:
    lines = [
        "LMScorer sweep, tokens/s (rows batch_tokens, columns head_chunk):",
        f"{'':>8}" + "".join(f"{hc:>8}" for hc in HEAD_CHUNKS),
    ]
    by = {(r["batch_tokens"], r["head_chunk"]): r["tokens_per_s"] for r in res["sweep"]}
    for bt in BATCH_TOKENS:
        lines.append(f"{bt:>8}" + "".join(f"{by[bt, hc]:>8.0f}" for hc in HEAD_CHUNKS))
    best = res["best"]
    lines.append(f"best: batch_tokens={best['batch_tokens']}, head_chunk={best['head_chunk']} "
                 f"({best['tokens_per_s']:.0f} tokens/s)")
    return lines


def sweep_only(rounds: int) -> None:
    """The sweep alone, on seeds/ read as streams: long articles, where the
    batch budget decides whether a window runs alone or padded beside others."""
    paths = [ROOT / "seeds"]
    res = {"rounds": rounds, "machine": machine(), "corpus_paths": ["seeds"]}
    res["sweep"] = measure_sweep(paths, None, rounds, corpus_stats(paths, None)["tokens"])
    res["best"] = max(res["sweep"], key=lambda r: r["tokens_per_s"])
    res["machine"]["load_average_after"] = os.getloadavg()
    print("\n".join(sweep_lines(res)))
    out = ROOT / "benchmarks" / "results" / "scan-sweep.json"
    out.write_text(json.dumps(res, indent=1) + "\n")
    print(f"\nwritten to {out.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, one run each: a smoke test")
    parser.add_argument("--worker", choices=WORKERS, help=argparse.SUPPRESS)
    parser.add_argument("--method", choices=("scan", "lmscorer", "naive"), help=argparse.SUPPRESS)
    parser.add_argument("--nll-out", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help="repeats per measurement (median)")
    parser.add_argument("--no-sweep", action="store_true", help="skip the batch-size sweep (the slow part)")
    parser.add_argument("--sweep-only", action="store_true",
                        help="only the batch-size sweep, on seeds/ read as streams (results/scan-sweep.json)")
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args)))
        return
    if args.sweep_only:
        sweep_only(args.rounds)
        return

    paths = QUICK_CORPUS if args.quick else CORPUS
    rounds = 1 if args.quick else args.rounds
    res = {"quick": args.quick, "rounds": rounds, "machine": machine(),
           "corpus_paths": [str(p.relative_to(ROOT)) for p in paths]}
    out = ROOT / "benchmarks" / "results" / ("scan-quick.json" if args.quick else "scan.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mtcheck-bench-") as tmp:
        tmp = Path(tmp)

        def step(what):  # progress on stderr; partial results kept if a later stage fails
            out.write_text(json.dumps(res, indent=1) + "\n")
            print(f"... {what}", file=sys.stderr, flush=True)

        step("model load, cold and cached")
        res["load"] = measure_load(tmp, rounds)
        cache = res["load"].pop("cache_dir")
        step("CLI start-up")
        res["cli"] = measure_cli(max(rounds, 3))
        res["corpus"] = corpus_stats(paths, cache)
        step("scan, lmscorer and naive")
        res["methods"] = measure_methods(paths, cache, rounds, res["corpus"], tmp)
        res["agreement"] = agreement(tmp)
        step("article streams")
        res["streams"] = measure_streams(cache, args.quick, rounds)
        step("fp32 GEMM ceiling at the model's shapes")
        res["ceiling"] = worker("gemm", cache, f"--rounds={rounds}")[1]
        res["profile"] = worker("profile", cache, *map(str, QUICK_CORPUS if args.quick else [ROOT / "seeds"]))[1]
        step("cold scan and warm re-scan")
        res["rescan"] = measure_rescan(paths, cache, rounds, tmp)
        if not args.no_sweep:
            step("batch_tokens x head_chunk sweep")
            res["sweep"] = measure_sweep(paths, cache, rounds, res["corpus"]["tokens"])
    naive = res["methods"]["naive"]["tokens_per_s"]
    res["speedup"] = {k: res["methods"][k]["tokens_per_s"] / naive for k in ("scan", "lmscorer")}
    ceiling = res["ceiling"]
    ceiling["lmscorer_share"] = res["methods"]["lmscorer"]["tokens_per_s"] / ceiling["ceiling_tokens_per_s"]
    if "sweep" in res:
        res["best"] = max(res["sweep"], key=lambda r: r["tokens_per_s"])
    res["machine"]["load_average_after"] = os.getloadavg()

    print(report(res))
    out.write_text(json.dumps(res, indent=1) + "\n")
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
