"""Paragraph fluency against professional judgements of real machine translation.

    .venv/bin/python benchmarks/bench_fluency_mqm.py                # dev: WMT21 TED talks
    .venv/bin/python benchmarks/bench_fluency_mqm.py --set check    # WMT23 news, looked at once

The data (fixtures/mqm/, tools/import_mqm_spans.py): Chinese-to-English
machine translations with the errors professional translators marked in
them (MQM: span, category, severity).
- dev: the WMT21 TED talks test suite, 13 systems, one rater per
  translation. The WMT20-22 news annotations the fluency issue names for
  development are each larger than this project can fetch (only their
  segment averages, without the texts, arrive), so the TED talks, the one
  earlier zh-en set with texts and spans at hand, stand in for them.
- check: the WMT23 general task's news, 10 systems, three raters per
  translation (the side-by-side release, attention checks left out).
  Kept out of development: measured once, for the record.

Each translation's target-visible penalty is what a reader of the English
alone can see: errors of category Fluency/*, Style/*, Locale convention/*,
source-language fragments and non-translations, weighted Major 5, Minor 1,
minor punctuation 0.1, non-translation 25, summed per rater and averaged
over the translation's raters. MQM sums grow with length, so correlations
are computed among the translations of the same source segment (Kendall's
tau-b, averaged over segments whose translations differ in penalty),
with 95% bootstrap intervals over segments (a measure that ties all the
translations of a segment counts 0 there), for:
- mtcheck: the paragraph fluency a scan reports (grammar findings counted in);
- raw mean NLL: the language model's mean token surprisal (`lm.mean_nll`);
- word NLL: its surprisal per word (`lm.word_nll`), the score's main input;
- SLOR: mean over ordinary words of LM surprisal minus unigram surprisal;
- max surprisal: the largest token surprisal;
- Harper: lints per word, every Harper rule on (the scan's default rules
  fire on almost none of these translations);
and the difference between mtcheck and the best of the others (paired
bootstrap). Two views: each translation alone, as a one-record JSONL would
be scanned, and after the previous segment of the same document (same
system) as its lead, as in an article.

Spans: of the fluency findings (MT101 words, MT103 sentences, MT102
paragraphs) on the translations alone, the share that overlap an error a
reader can see (marked by any rater), next to the share of words that do
(chance); and the share of Major target-visible errors that get a finding.

Writes benchmarks/results/fluency_mqm.json (one entry per set);
``--features FILE`` also writes each translation's numbers as JSONL, for
comparing candidate features (benchmarks/bench_fluency_features.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from scipy.stats import kendalltau

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.fluency import (FluencyCheck, badness, fluency_from_badness, paragraph_features,  # noqa: E402
                                    with_grammar)
from mtcheck.checks.grammar import GrammarCheck, GrammarSettings  # noqa: E402
from mtcheck.checks.words import scored_words, with_context_free_surprisal  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

SETS = {"dev": ROOT / "fixtures" / "mqm" / "mqm_ted_zhen.jsonl.gz",
        "check": ROOT / "fixtures" / "mqm" / "sxs_mqm_generalMT2023_zhen.3ratingsPerSegment.jsonl.gz"}
RESULTS = ROOT / "benchmarks" / "results" / "fluency_mqm.json"
VISIBLE_PREFIXES = ("Fluency/", "Style/", "Locale convention/")
VISIBLE_NAMES = ("Source language fragment", "Non-translation")
FLUENCY_CODES = ("MT101", "MT102", "MT103")
BOOTSTRAP = 1000
WORD = re.compile(r"\w+")
# Higher is worse for every measure.
MEASURES = ("mtcheck", "raw mean NLL", "word NLL", "SLOR", "max surprisal", "Harper")
BASELINES = MEASURES[1:]


def is_visible(category: str) -> bool:
    return category.startswith(VISIBLE_PREFIXES) or any(name in category for name in VISIBLE_NAMES)


def error_weight(category: str, severity: str) -> float:
    if "Non-translation" in category:
        return 25.0
    if severity == "Major":
        return 5.0
    return 0.1 if category == "Fluency/Punctuation" else 1.0


def visible_penalty(segment: dict) -> float:
    """The target-visible MQM penalty, averaged over the translation's raters."""
    total = sum(error_weight(category, severity) for _, _, category, severity, *_ in segment["errors"]
                if is_visible(category))
    return total / max(1, len(segment["raters"]))


def load_segments(path: Path) -> list[dict]:
    segments = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    # The previous segment of the same document from the same system: the lead.
    by_key = {(s["system"], s["doc"], s["seg"]): s for s in segments}
    for s in segments:
        previous = by_key.get((s["system"], s["doc"], s["seg"] - 1))
        s["lead"] = previous["target"] if previous else ""
    return segments


def candidate_features(words, scores) -> dict:
    """The score's features, and a candidate bench_fluency_features.py compares:
    the 90th percentile of token surprisal (kept out of the scan's hot path)."""
    nll = sorted(scores.nll)
    return {**paragraph_features(words, scores), "p90_nll": nll[int(0.9 * (len(nll) - 1))] if nll else 0.0}


class Measurer:
    """The numbers of each translation, from one LM scoring per view."""

    def __init__(self):
        self.scorer = load_scorer()
        self.fluency = FluencyCheck(self.scorer)
        self.grammar = GrammarCheck(GrammarSettings().make_engine())  # as a scan counts it in
        self.harper = GrammarCheck(GrammarSettings(picky=True).make_engine())  # every Harper rule: the baseline

    def alone(self, segments: list[dict]) -> list[dict]:
        """Each translation scanned as a one-paragraph article: the scan's
        score and findings, and the raw numbers it is made from."""
        documents = [parse_text(s["target"]) for s in segments]
        rows = []
        for document, result in zip(documents, self.fluency.check_document(documents)):
            if not result.paragraphs:
                rows.append(None)  # too short to be scored
                continue
            (index, (score, lm)), = result.paragraphs.items()
            text = document.paragraph_text(document.paragraphs[index])
            tokens = self.scorer.score([text])[0]  # from the scorer's memo
            grammar = [f for f in self.grammar.check_document(document) if f.paragraph == index]
            lints = [f for f in self.harper.check_document(document) if f.paragraph == index]
            words = scored_words(text, tokens)
            features = candidate_features(words, tokens)
            rows.append({"mtcheck": -with_grammar(score, len(grammar), lm["words"]),
                         **self._baselines(features, tokens, len(lints) / max(1, lm["words"])),
                         "features": features, "words": lm["words"], "grammar findings": len(grammar),
                         "findings": [(f.start, f.end, f.code) for f in result.findings if f.code in FLUENCY_CODES],
                         "offset": document.text.find(text)})
        return rows

    def after_lead(self, segments: list[dict], alone: list[dict]) -> list[dict]:
        """Each translation read after the previous segment, as the scan reads
        a paragraph after the one before it."""
        texts = [s["target"].strip() for s in segments]
        streams = [[s["lead"].strip(), text] if s["lead"].strip() else [text] for s, text in zip(segments, texts)]
        tokens = [stream[-1] for stream in self.scorer.score_streams(streams)]
        words = with_context_free_surprisal([scored_words(t, s) for t, s in zip(texts, tokens)], self.scorer)
        rows = []
        for base, scores, paragraph_words in zip(alone, tokens, words):
            if base is None or not paragraph_words:
                rows.append(None)
                continue
            features = candidate_features(paragraph_words, scores)
            score = fluency_from_badness(badness(features, self.fluency.calibration, len(paragraph_words)))
            rows.append({"mtcheck": -with_grammar(score, base["grammar findings"], len(paragraph_words)),
                         **self._baselines(features, scores, base["Harper"]),
                         "features": features, "words": len(paragraph_words),
                         "grammar findings": base["grammar findings"]})
        return rows

    @staticmethod
    def _baselines(features: dict, tokens, harper: float) -> dict:
        return {"raw mean NLL": features["mean_nll"], "word NLL": features["word_nll"],
                "SLOR": features["neg_slor"], "max surprisal": max(tokens.nll), "Harper": harper}


def grouped_taus(segments: list[dict], rows: list[dict], measure: str) -> dict[tuple, float]:
    """Kendall's tau-b of a measure against the penalty within each source segment."""
    groups: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for segment, row in zip(segments, rows):
        if row is not None:
            groups[(segment["doc"], segment["seg"])].append((row[measure], segment["penalty"]))
    taus = {}
    for key, pairs in groups.items():
        values, penalties = zip(*pairs)
        if len(pairs) >= 3 and len(set(penalties)) > 1:
            # A measure that ties every translation of a segment tells nothing there: 0.
            taus[key] = kendalltau(values, penalties).statistic if len(set(values)) > 1 else 0.0
    return taus


def agreement(segments: list[dict], rows: list[dict]) -> dict:
    """Grouped tau of every measure, with bootstrap intervals over segments,
    and the paired difference between mtcheck and the best other measure."""
    taus = {m: grouped_taus(segments, rows, m) for m in MEASURES}
    keys = sorted(set.intersection(*(set(t) for t in taus.values())))
    rng = random.Random(0)
    samples = [[rng.choice(keys) for _ in keys] for _ in range(BOOTSTRAP)]

    def interval(values) -> list[float]:
        ordered = sorted(values)
        return [round(ordered[int(0.025 * len(ordered))], 3), round(ordered[int(0.975 * len(ordered)) - 1], 3)]

    def mean_over(measure, sample):
        return statistics.fmean(taus[measure][k] for k in sample)

    report = {m: {"tau": round(mean_over(m, keys), 3), "interval": interval(mean_over(m, s) for s in samples)}
              for m in MEASURES}
    best = max(BASELINES, key=lambda m: report[m]["tau"])
    report["mtcheck minus best other"] = {
        "best other": best, "difference": round(report["mtcheck"]["tau"] - report[best]["tau"], 3),
        "interval": interval(mean_over("mtcheck", s) - mean_over(best, s) for s in samples)}
    report["segments"] = len(keys)
    return report


def span_precision(segments: list[dict], rows: list[dict]) -> dict:
    """Do fluency findings fall on errors a reader can see, and are Major ones found?"""
    by_code = defaultdict(lambda: [0, 0])  # code -> [findings, on a visible error]
    words = on_error = major = major_found = 0
    for segment, row in zip(segments, rows):
        if row is None:
            continue
        shift = row["offset"]
        visible = [(a, b, severity) for a, b, category, severity, *_ in segment["errors"]
                   if is_visible(category) and a < b]
        spans = [(a + shift, b + shift) for a, b, _ in visible]
        for start, end, code in row["findings"]:
            by_code[code][0] += 1
            by_code[code][1] += any(a < end and start < b for a, b in spans)
        for match in WORD.finditer(segment["target"]):
            words += 1
            on_error += any(a < match.end() and match.start() < b for a, b, _ in visible)
        for a, b, severity in visible:
            if severity == "Major":
                major += 1
                major_found += any(s < b + shift and a + shift < e for s, e, _ in row["findings"])
    findings = sum(n for n, _ in by_code.values())
    return {"precision": round(sum(h for _, h in by_code.values()) / findings, 3) if findings else None,
            "findings": findings,
            "by_code": {code: {"findings": n, "precision": round(h / n, 3)} for code, (n, h) in sorted(by_code.items())},
            "chance": round(on_error / words, 3) if words else None,
            "major_errors_found": [major_found, major], "major_recall": round(major_found / major, 3) if major else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=list(SETS), default="dev")
    parser.add_argument("--every", type=int, default=1, metavar="N",
                        help="only every N-th source segment (all its translations): a shorter run")
    parser.add_argument("--features", type=Path, help="also write each translation's numbers here (JSONL)")
    args = parser.parse_args()
    started = time.perf_counter()
    segments = load_segments(SETS[args.set])
    sources = sorted({(s["doc"], s["seg"]) for s in segments})
    kept = set(sources[::args.every])
    segments = [s for s in segments if (s["doc"], s["seg"]) in kept]
    for segment in segments:
        segment["penalty"] = visible_penalty(segment)
    measurer = Measurer()
    alone = measurer.alone(segments)
    print(f"{len(segments)} translations scored alone ({time.perf_counter() - started:.0f} s)", flush=True)
    lead = measurer.after_lead(segments, alone)
    print(f"... and after their lead ({time.perf_counter() - started:.0f} s)", flush=True)
    report = {"translations": len(segments), "every": args.every, "scored": sum(r is not None for r in alone),
              "with a previous segment": sum(bool(s["lead"]) for s in segments),
              "alone": agreement(segments, alone), "after the previous segment": agreement(segments, lead),
              "spans": span_precision(segments, alone)}
    for view in ("alone", "after the previous segment"):
        print(f"\n{view}: grouped Kendall tau-b with the target-visible MQM penalty "
              f"({report[view]['segments']} source segments)")
        for measure in MEASURES:
            r = report[view][measure]
            print(f"  {measure:15} {r['tau']:6.3f}  [{r['interval'][0]:.3f}, {r['interval'][1]:.3f}]")
        d = report[view]["mtcheck minus best other"]
        print(f"  mtcheck - {d['best other']}: {d['difference']:+.3f} [{d['interval'][0]:+.3f}, {d['interval'][1]:+.3f}]")
    spans = report["spans"]
    print(f"\nfluency findings on a visible error: {spans['precision']} of {spans['findings']} "
          f"(chance {spans['chance']}); Major visible errors found: {spans['major_recall']}")
    for code, r in spans["by_code"].items():
        print(f"  {code}: {r['findings']} findings, precision {r['precision']}")
    earlier = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(json.dumps({**earlier, args.set: report}, indent=2) + "\n")
    if args.features:
        with open(args.features, "w", encoding="utf-8") as out:
            for segment, a, b in zip(segments, alone, lead):
                if a is not None:
                    out.write(json.dumps({"doc": segment["doc"], "seg": segment["seg"], "system": segment["system"],
                                          "penalty": segment["penalty"], "alone": {k: v for k, v in a.items() if k != "findings"},
                                          "after the previous segment": b}) + "\n")
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
