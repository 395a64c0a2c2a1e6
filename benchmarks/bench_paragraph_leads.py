"""What reading the previous paragraph first costs and changes.

    .venv/bin/python benchmarks/bench_paragraph_leads.py

The scan scores each paragraph after a lead: the last ScorerSettings.lead_tokens
tokens of the scored paragraph before it (see mtcheck.lm.scorer). This
scores the seeds' paragraphs with and without leads, in the same process,
twice each, and prints the LM time, the tokens read, and each article's mean
token NLL both ways: the lead helps prose that follows on from its context
more than it helps MT output whose sentences do not.
Writes benchmarks/results/paragraph_leads.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from statistics import fmean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.fluency import paragraphs_with_leads  # noqa: E402
from mtcheck.lm.model import default_model_source, load_model  # noqa: E402
from mtcheck.lm.scorer import LMScorer  # noqa: E402
from mtcheck.reading import iter_inputs  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "paragraph_leads.json"


def main() -> None:
    documents = list(iter_inputs(sorted((ROOT / "seeds").glob("*.txt"))))
    loaded = load_model(default_model_source())
    warm_up = LMScorer(loaded)
    warm_up.score(["A sentence to warm the model up."])
    lead_tokens = warm_up.settings.lead_tokens
    texts, leads = paragraphs_with_leads(documents)
    count = lambda text: len(loaded.tokenizer(text, add_special_tokens=False)["input_ids"])  # noqa: E731
    report = {"paragraphs": len(texts), "text_tokens": sum(map(count, texts)),
              "lead_tokens": sum(min(lead_tokens, count(lead)) for lead in leads if lead),
              "seconds": {"no leads": [], "leads": []}}
    scores = {}
    for _ in range(2):
        for name, given in (("no leads", None), ("leads", leads)):
            started = time.perf_counter()
            scores[name] = LMScorer(loaded).score(texts, given)  # a fresh scorer: nothing memoised
            report["seconds"][name].append(round(time.perf_counter() - started, 2))
    report["articles"] = {}
    i = 0
    for document in documents:
        n = len(document.scored_paragraphs)
        report["articles"][Path(document.path).name] = {
            name: round(fmean(s.mean_nll for s in scores[name][i:i + n]), 3) for name in scores}
        i += n
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    slower = min(report["seconds"]["leads"]) / min(report["seconds"]["no leads"]) - 1
    print(f"{report['paragraphs']} paragraphs, {report['text_tokens']} tokens scored, "
          f"{report['lead_tokens']} lead tokens read; LM time {report['seconds']} ({slower:+.0%} with leads)")
    for name, nll in report["articles"].items():
        print(f"  {name}: mean NLL {nll['no leads']:.3f} alone, {nll['leads']:.3f} after its lead "
              f"({nll['leads'] - nll['no leads']:+.3f})")


if __name__ == "__main__":
    main()
