"""Calibrate the fluency score on clean news paragraphs.

Writes mtcheck/data/fluency_calibration.json: the mean and spread of each
paragraph feature on clean text, and the per-word limits the garble detector
uses. Rerun after changing the model, the features or the reference set:

    .venv/bin/python benchmarks/calibrate_fluency.py

Reference set (clean English news, nothing machine-translated):
- fixtures/devsets/clean_news.jsonl: 90 paragraphs written for this project;
- the human-written seed articles 000, 001, 002 and 004 (their scored
  paragraphs). seeds/003, the machine-translated one, is never used here.
These set the paragraph scale (feature means and spreads), which the
fluency-ranking benchmark's weights were chosen against. The compound limit,
an extreme value that needs many compounds, also reads real published news:
the hand-made article bodies of the dev pages in fixtures/realpages/ (36
publishers; the held-out pages are never used here).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from statistics import fmean, pstdev

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.fluency import (  # noqa: E402
    FEATURES,
    FLUENCY_VERSION,
    GARBLED_BELOW,
    Calibration,
    badness,
    paragraph_features,
    article_streams,
)
from mtcheck.checks.words import scored_words, with_context_free_surprisal  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import iter_inputs, parse_text  # noqa: E402

HUMAN_SEEDS = ["000_aa7c4daef0468fce.txt", "001_86680a6c5b5a945d.txt",
               "002_f252a7db92a5f3d7.txt", "004_e213fecfa28b599e.txt"]
OUTPUT = ROOT / "mtcheck" / "data" / "fluency_calibration.json"


def reference_streams() -> list[list[str]]:
    """The scale's reference paragraphs, in the streams the scan reads them in."""
    lines = (ROOT / "fixtures" / "devsets" / "clean_news.jsonl").read_text().splitlines()
    records = [[json.loads(line)["text"]] for line in lines if line.strip()]  # one-paragraph records
    return records + article_streams(list(iter_inputs([ROOT / "seeds" / name for name in HUMAN_SEEDS])))


def real_news_streams() -> list[list[str]]:
    """The dev pages' article bodies, scored as articles."""
    pages = [json.loads(line) for line in (ROOT / "fixtures" / "realpages" / "pages.jsonl").open(encoding="utf-8")]
    return article_streams([parse_text(p["article_body"], path=p["file"]) for p in pages if p["split"] == "dev"])


def scored(scorer, streams: list[list[str]]) -> tuple[list, list]:
    texts = [text for stream in streams for text in stream]
    token_scores = [scores for stream in scorer.score_streams(streams) for scores in stream]
    words = [scored_words(text, scores) for text, scores in zip(texts, token_scores)]
    return token_scores, with_context_free_surprisal(words, scorer)


def compounds(paragraphs: list) -> list[float]:
    return [w.excess for words in paragraphs for w in words if w.is_two_part_compound and not w.paragraph_initial]


def main() -> None:
    scorer = load_scorer()
    token_scores, paragraphs = scored(scorer, reference_streams())
    _, real_news = scored(scorer, real_news_streams())
    features = [paragraph_features(words, scores) for scores, words in zip(token_scores, paragraphs)]
    lengths = [len(words) for words in paragraphs]
    unsupported = [w.text for words in paragraphs + real_news for w in words if w.context_gives_no_support]
    compound_excess = compounds(paragraphs) + compounds(real_news)
    means = {k: fmean(f[k] for f in features) for k in FEATURES}
    stds = {k: pstdev(f[k] for f in features) for k in FEATURES}
    partial = Calibration(means, stds, 0.0, 1.0, 0.0)
    print(f"{len(compound_excess)} compounds in the reference")
    raw = [badness(f, partial, n) for f, n in zip(features, lengths)]
    calibration = {
        "means": means,
        "stds": stds,
        "badness_mean": fmean(raw),
        "badness_std": pstdev(raw),
        # No compound of clean news may be flagged.
        "compound_excess_limit": round(max(compound_excess) + 1.0, 3),
        "warn_below": GARBLED_BELOW,
        "error_below": 10.0,
        "sentence_below": 35.0,
        "reference": f"{FLUENCY_VERSION}: {len(paragraphs)} clean paragraphs, "
                     f"{sum(lengths)} words (clean_news.jsonl, seeds 000/001/002/004); compounds also from "
                     f"{len(real_news)} paragraphs of real news (realpages dev bodies)",
    }
    OUTPUT.write_text(json.dumps(calibration, indent=2) + "\n")
    print(json.dumps(calibration, indent=2))
    print(f"unknown words the clean text's context does not support (false flags): {unsupported}")


if __name__ == "__main__":
    main()
