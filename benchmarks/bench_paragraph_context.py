"""What reading each paragraph in its article's stream costs and changes.

    .venv/bin/python benchmarks/bench_paragraph_context.py

The scan reads an article as one stream (mtcheck.lm.scorer): each paragraph
is scored after the text before it, which the decoder does not read again.
This scores the seeds' paragraphs alone and as article streams, in the same
process, interleaved, twice each, and prints the LM time, the tokens the
decoder processed per scored token, and each article's mean token NLL both
ways: context helps prose that follows on from what came before more than
it helps MT output whose sentences do not.
Writes benchmarks/results/paragraph_context.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from statistics import fmean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.fluency import article_streams  # noqa: E402
from mtcheck.lm.model import default_model_source, load_model  # noqa: E402
from mtcheck.lm.scorer import LMScorer  # noqa: E402
from mtcheck.reading import iter_inputs  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "paragraph_context.json"


def main() -> None:
    documents = list(iter_inputs(sorted((ROOT / "seeds").glob("*.txt"))))
    loaded = load_model(default_model_source())
    LMScorer(loaded).score(["A sentence to warm the model up."])
    streams = article_streams(documents)
    ways = {"alone": [[text] for stream in streams for text in stream], "stream": streams}
    report = {"paragraphs": len(ways["alone"]), "seconds": {way: [] for way in ways}, "processed_per_scored": {}}
    scores = {}
    for _ in range(2):
        for way, given in ways.items():
            scorer = LMScorer(loaded)  # a fresh scorer: nothing memoised
            started = time.perf_counter()
            scores[way] = [s for stream in scorer.score_streams(given) for s in stream]
            report["seconds"][way].append(round(time.perf_counter() - started, 2))
            report["processed_per_scored"][way] = round(scorer.processed_tokens / scorer.scored_tokens, 3)
            report["scored_tokens"] = scorer.scored_tokens
    report["articles"] = {}
    i = 0
    for document in documents:
        n = len(document.scored_paragraphs)
        report["articles"][Path(document.path).name] = {
            way: round(fmean(s.mean_nll for s in scores[way][i:i + n]), 3) for way in scores}
        i += n
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{report['paragraphs']} paragraphs, {report['scored_tokens']} tokens scored; "
          f"processed per scored {report['processed_per_scored']}; LM time {report['seconds']}")
    for name, nll in report["articles"].items():
        print(f"  {name}: mean NLL {nll['alone']:.3f} alone, {nll['stream']:.3f} in its article "
              f"({nll['stream'] - nll['alone']:+.3f})")


if __name__ == "__main__":
    main()
