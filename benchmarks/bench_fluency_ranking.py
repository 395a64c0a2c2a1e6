"""Does the fluency score order renderings of the same content by how damaged they are?

    .venv/bin/python benchmarks/bench_fluency_ranking.py [--set heldout|dev] [--limit N]

Each clean paragraph (by default the held-out set, fixtures/devsets/heldout_news.jsonl,
which no fluency number was ever fitted on) is rendered at four graded levels
of machine-translation-like damage, deterministically:

  level 0  the clean paragraph
  level 1  one operation       level 2  three operations       level 3  six operations

The operations are what MT does to English: two neighbouring words swapped,
an article dropped, a word replaced by a wrong sense of its translation
("talks" -> "conversations", "strike" -> "blow"), a literal calque ("took
part in" -> "took participation in"). For every score it reports Kendall's
tau-b between the score and the true damage order, averaged over paragraphs
(1.0: every paragraph's four versions in the right order), and pooled over
all renderings of all paragraphs (does a lower score mean more damage across
articles, where rare names and topics move raw NLL?), side by side:

- mtcheck's paragraph fluency (higher = more fluent, so its order is negated);
- raw mean token NLL from the same language model;
- Harper's lint density (lints per 100 words, every rule Harper runs by default);
- mtcheck's fluency with grammar (what the scan reports: fluency with the
  grammar findings' penalty, see mtcheck.checks.fluency.with_grammar).

Writes benchmarks/results/fluency_ranking.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = {"heldout": ROOT / "fixtures" / "devsets" / "heldout_news.jsonl",
        "dev": ROOT / "fixtures" / "devsets" / "clean_news.jsonl"}
RESULTS = ROOT / "benchmarks" / "results" / "fluency_ranking.json"
OPERATIONS_PER_LEVEL = {0: 0, 1: 1, 2: 3, 3: 6}

# A translation's wrong sense: the word a dictionary gives for the other meaning.
WRONG_SENSES = {
    "talks": "conversations", "said": "told", "strike": "blow", "strikes": "blows", "forces": "powers",
    "leaders": "heads", "agreement": "accord", "plant": "factory", "state": "condition", "charges": "loads",
    "fire": "shooting", "run": "race", "case": "box", "bill": "account", "court": "yard", "party": "feast",
    "minister": "servant", "government": "governance", "officials": "functionaries", "meeting": "encounter",
    "warned": "cautioned", "killed": "murdered", "attack": "assault", "support": "backing",
    "election": "choosing", "deal": "trade", "troops": "crowds", "rescue": "salvation", "power": "force",
    "country": "land", "city": "town", "announced": "declared", "week": "sennight", "after": "behind",
}
CALQUES = [
    (r"\btook part in\b", "took participation in"), (r"\btake part in\b", "take participation in"),
    (r"\bmade a decision\b", "took a decision"), (r"\bin the meantime\b", "in the mean time period"),
    (r"\bon Monday\b", "in the Monday"), (r"\bon Tuesday\b", "in the Tuesday"), (r"\bon Friday\b", "in the Friday"),
    (r"\bat least\b", "at the less"), (r"\bas well as\b", "so well how"), (r"\baccording to\b", "according with"),
]
ARTICLES = re.compile(r"\b(the|a|an) ", re.IGNORECASE)


def swap_words(text: str, rng: random.Random) -> str | None:
    words = text.split(" ")
    places = [i for i in range(len(words) - 1) if words[i].isalpha() and words[i + 1].isalpha()]
    if not places:
        return None
    i = rng.choice(places)
    words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def drop_article(text: str, rng: random.Random) -> str | None:
    found = list(ARTICLES.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    return text[:m.start()] + text[m.end():]


def wrong_sense(text: str, rng: random.Random) -> str | None:
    found = [m for m in re.finditer(r"\b[a-z]+\b", text) if m.group() in WRONG_SENSES]
    if not found:
        return None
    m = rng.choice(found)
    return text[:m.start()] + WRONG_SENSES[m.group()] + text[m.end():]


def calque(text: str, rng: random.Random) -> str | None:
    usable = [(pattern, replacement) for pattern, replacement in CALQUES if re.search(pattern, text)]
    if not usable:
        return None
    pattern, replacement = rng.choice(usable)
    return re.sub(pattern, replacement, text, count=1)


OPERATIONS = [swap_words, drop_article, wrong_sense, calque]


def renderings(record: dict) -> list[str]:
    """The clean paragraph and three levels of damage. Cumulative: each level
    adds operations to the one below, so the true order is certain."""
    versions, text, done = [], record["text"], 0
    for level, total in sorted(OPERATIONS_PER_LEVEL.items()):
        text = damage(text, total - done, f"{record['id']}:{level}")
        done = total
        versions.append(text)
    return versions


def damage(text: str, operations: int, seed: str) -> str:
    rng = random.Random(seed)
    for _ in range(operations):
        for operation in rng.sample(OPERATIONS, len(OPERATIONS)):
            damaged = operation(text, rng)
            if damaged is not None and damaged != text:
                text = damaged
                break
    return text


def kendall_tau(scores: list[float], levels: list[int]) -> float:
    """Kendall's tau-b (ties in the scores counted as neither agreement nor disagreement)."""
    concordant = discordant = ties_score = ties_level = 0
    for i in range(len(scores)):
        for j in range(i + 1, len(scores)):
            a, b = scores[i] - scores[j], levels[i] - levels[j]
            if a == 0 and b == 0:
                continue
            if a == 0:
                ties_score += 1
            elif b == 0:
                ties_level += 1
            elif (a > 0) == (b > 0):
                concordant += 1
            else:
                discordant += 1
    denominator = ((concordant + discordant + ties_score) * (concordant + discordant + ties_level)) ** 0.5
    return (concordant - discordant) / denominator if denominator else 0.0


def sweep(groups: list[dict], levels: list[int]) -> dict:
    """Tau (within paragraphs and pooled) of fluency with grammar for several GRAMMAR_WEIGHT values."""
    from mtcheck.checks import fluency

    results = {}
    saved = fluency.GRAMMAR_WEIGHT
    try:
        for weight in (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0):
            fluency.GRAMMAR_WEIGHT = weight
            score = lambda r: -fluency.with_grammar(r["fluency"], r["grammar_findings"], r["words"])  # noqa: E731
            within = mean(kendall_tau([score(r) for r in g["rows"]], levels) for g in groups)
            rows = [r for g in groups for r in g["rows"]]
            pooled = kendall_tau([score(r) for r in rows], [r["level"] for r in rows])
            results[str(weight)] = {"within": round(within, 3), "pooled": round(pooled, 3)}
    finally:
        fluency.GRAMMAR_WEIGHT = saved
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="heldout")
    parser.add_argument("--limit", type=int, default=0, help="only the first N paragraphs")
    parser.add_argument("--sweep", action="store_true", help="also try other grammar weights (to choose one)")
    args = parser.parse_args()
    records = [json.loads(line) for line in SETS[args.set].read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[:args.limit] if args.limit else records

    from mtcheck.checks.fluency import with_grammar
    from mtcheck.checks.grammar import GrammarCheck, GrammarSettings
    from mtcheck.checks.grammar.harper_engine import HarperEngine
    from mtcheck.reading import parse_text
    from mtcheck.scan import ScanOptions, Scanner

    scanner = Scanner(ScanOptions(grammar=GrammarSettings(engine="none")))  # the LM's fluency alone
    grammar = GrammarCheck(GrammarSettings().make_engine())  # mtcheck's grammar findings
    harper_all = HarperEngine()  # Harper with its default rules, style included: "Harper alone"
    groups = []
    for record in records:
        versions = renderings(record)
        documents = [parse_text(text, path=f"{record['id']}@{level}") for level, text in enumerate(versions)]
        rows = []
        for level, (text, document, result) in enumerate(zip(versions, documents, scanner.scan(documents))):
            scored = [p for p in result.paragraphs if p.fluency is not None]
            rows.append({
                "level": level,
                "fluency": mean(p.fluency for p in scored),
                "grammar_findings": len(grammar.check(document)),
                "words": sum(p.lm["words"] for p in scored),
                "mean_nll": mean(p.lm["mean_nll"] for p in scored),
                "slor": mean(p.lm["slor"] for p in scored),
                "spike_rate": mean(p.lm["spike_rate"] for p in scored),
                "harper_density": 100 * len(harper_all.check([text])[0]) / max(1, len(text.split())),
            })
        groups.append({"id": record["id"], "rows": rows})
    combined = lambda r: -with_grammar(r["fluency"], r["grammar_findings"], r["words"])  # noqa: E731
    levels = [0, 1, 2, 3]
    measures = {
        "mtcheck fluency": lambda r: -r["fluency"],
        "mtcheck fluency with grammar": combined,
        "raw mean NLL": lambda r: r["mean_nll"],
        "Harper lint density": lambda r: r["harper_density"],
    }
    report = {"set": args.set, "paragraphs": len(groups), "kendall_tau": {}, "pooled_kendall_tau": {}}
    rows = [r for group in groups for r in group["rows"]]
    for name, value in measures.items():
        taus = [kendall_tau([value(r) for r in group["rows"]], levels) for group in groups]
        report["kendall_tau"][name] = round(mean(taus), 3)
        report["pooled_kendall_tau"][name] = round(kendall_tau([value(r) for r in rows], [r["level"] for r in rows]), 3)
    report["groups"] = groups
    if args.sweep:
        report["sweep"] = sweep(groups, levels)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{len(groups)} paragraphs x 4 damage levels ({args.set} set); Kendall tau-b with the damage order,")
    print(f"  {'':30} {'within paragraph':>16} {'pooled':>8}")
    for name, tau in report["kendall_tau"].items():
        print(f"  {name:30} {tau:16.3f} {report['pooled_kendall_tau'][name]:8.3f}")
    for weight, tau in report.get("sweep", {}).items():
        print(f"  grammar weight {weight:>5}: {tau['within']:16.3f} {tau['pooled']:8.3f}")


if __name__ == "__main__":
    main()
