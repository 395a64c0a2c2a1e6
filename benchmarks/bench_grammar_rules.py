"""Which grammar rules are right more often than wrong, on real MT and real news.

    .venv/bin/python benchmarks/bench_grammar_rules.py

For every Harper lint kind (all rules on, as with picky = true), after the
grammar check's own filters (names go to the name check; words English text
commonly uses are not misspellings):

- on real machine translation judged by professionals (fixtures/mqm/,
  WMT21 TED talks zh->en, 13 systems, MQM error spans): how many hits, and
  the share that overlap an error a reader of the English can see (Fluency,
  Style, Locale convention, Terminology) or any annotated error. "chance" is
  the same share for a word picked at random in those translations;
- on real, human-written news (the dev pages' hand-made article bodies,
  fixtures/realpages/, never the held-out ones): hits per 1,000 words,
  nearly all of them false alarms.

Prints one line per kind and writes benchmarks/results/grammar_rules.json;
the grammar check's defaults (checks/grammar/check.py) come from it.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.grammar.check import is_attested_word, is_name  # noqa: E402
from mtcheck.checks.grammar.harper_engine import HarperEngine  # noqa: E402

MQM = ROOT / "fixtures" / "mqm" / "mqm_ted_zhen.jsonl.gz"
PAGES = ROOT / "fixtures" / "realpages" / "pages.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "grammar_rules.json"
VISIBLE = ("Fluency/", "Style/", "Locale convention/", "Terminology/")
WORD = re.compile(r"\w+")


def reported_hits(engine: HarperEngine, texts: list[str]) -> list[list]:
    """Each text's hits as a scan reports them."""
    return [[hit for hit in hits if not is_name(text, hit) and not is_attested_word(text, hit)]
            for text, hits in zip(texts, engine.check(texts))]


def overlaps(start: int, end: int, spans: list) -> bool:
    # A zero-width hit (a missing word) counts where it touches a span.
    return any(a <= end and start <= b if start == end else a < end and start < b for a, b in spans)


def mt_side(engine: HarperEngine) -> tuple[dict, dict]:
    segments = [json.loads(line) for line in gzip.open(MQM, "rt", encoding="utf-8")]
    texts = [s["target"] for s in segments]
    stats: dict = defaultdict(Counter)
    chance = Counter()
    for segment, hits in zip(segments, reported_hits(engine, texts)):
        visible = [(a, b) for a, b, category, *_ in segment["errors"] if category.startswith(VISIBLE)]
        every = [(a, b) for a, b, *_ in segment["errors"]]
        for word in WORD.finditer(segment["target"]):
            chance["words"] += 1
            chance["visible"] += overlaps(word.start(), word.end(), visible)
            chance["any"] += overlaps(word.start(), word.end(), every)
        for hit in hits:
            stats[hit.rule]["mt_hits"] += 1
            stats[hit.rule]["mt_visible"] += overlaps(hit.start, hit.end, visible)
            stats[hit.rule]["mt_any"] += overlaps(hit.start, hit.end, every)
    return stats, chance


def news_side(engine: HarperEngine, stats: dict) -> int:
    pages = [json.loads(line) for line in open(PAGES, encoding="utf-8")]
    texts = [line for p in pages if p["split"] == "dev" for line in p["article_body"].splitlines() if line.strip()]
    for hits in reported_hits(engine, texts):
        for hit in hits:
            stats[hit.rule]["news_hits"] += 1
    return sum(len(WORD.findall(text)) for text in texts)


def main() -> None:
    engine = HarperEngine(picky=True)
    stats, chance = mt_side(engine)
    news_words = news_side(engine, stats)
    rows = {}
    print(f"chance: a random word of the MT overlaps a visible error {chance['visible'] / chance['words']:.2f}, "
          f"any error {chance['any'] / chance['words']:.2f}; clean news: {news_words} words")
    print(f"{'kind':18} {'MT hits':>8} {'visible':>8} {'any':>6} {'news/1k words':>14}")
    for kind, s in sorted(stats.items(), key=lambda item: -item[1]["mt_hits"]):
        row = {"mt_hits": s["mt_hits"],
               "mt_visible_share": round(s["mt_visible"] / s["mt_hits"], 3) if s["mt_hits"] else None,
               "mt_any_share": round(s["mt_any"] / s["mt_hits"], 3) if s["mt_hits"] else None,
               "news_per_1000_words": round(1000 * s["news_hits"] / news_words, 3)}
        rows[kind] = row
        shares = (f"{row['mt_visible_share']:8.2f} {row['mt_any_share']:6.2f}" if s["mt_hits"] else f"{'-':>8} {'-':>6}")
        print(f"{kind:18} {s['mt_hits']:8} {shares} {row['news_per_1000_words']:14.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"chance": {k: round(v / chance["words"], 3) for k, v in chance.items()
                                              if k != "words"},
                                   "news_words": news_words, "kinds": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
