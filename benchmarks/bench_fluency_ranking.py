"""Does the fluency score order renderings of the same content by how damaged they are?

    .venv/bin/python benchmarks/bench_fluency_ranking.py [--set heldout|dev] [--limit N] [--sweep]

Each clean paragraph (by default the held-out set, fixtures/devsets/heldout_news.jsonl,
which no fluency number was ever fitted on) is rendered at four graded levels
of machine-translation-like damage, deterministically:

  level 0  the clean paragraph
  level 1  one operation       level 2  three operations       level 3  six operations

The operations are what MT does to English: two neighbouring words swapped,
an article dropped, a word replaced by a wrong sense of its translation
("talks" -> "conversations", "strike" -> "blow"), a literal calque ("took
part in" -> "took participation in"). Each rendering also exists with the
paragraph's people renamed after other real people from the gazetteer
("Oleh Hryhorov" -> "Richard Rasi"): the same prose, as fluent to a reader,
but rarer or commoner names for the language model.

For every score it reports Kendall's tau-b between the score and the true
damage order:
- within paragraph: each paragraph's four versions, averaged over paragraphs
  (1.0: every paragraph's versions in the right order);
- within paragraph, names varied: each paragraph's eight versions (four
  levels, two sets of names; same level = tie): does the score follow the
  damage rather than the names?
- pooled: all renderings (original names) of all paragraphs at once: does a
  lower score mean more damage across articles, where topics and names move
  raw NLL? This is what a threshold relies on;
and, for each measure, a bootstrap 95% interval (paragraphs resampled) of
the lead of mtcheck's reported score (fluency with grammar) over each rival.
Scores, side by side:
- mtcheck's paragraph fluency (higher = more fluent, so its order is negated);
- raw mean token NLL from the same language model;
- its surprisal per word (`lm.word_nll`, one of the score's three features);
- Harper's lint density (lints per 100 words, every rule Harper runs by default);
- mtcheck's fluency with grammar (what the scan reports: fluency with the
  grammar findings' penalty, see mtcheck.checks.fluency.with_grammar).

Writes benchmarks/results/fluency_ranking_<set>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from statistics import mean

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = {"heldout": ROOT / "fixtures" / "devsets" / "heldout_news.jsonl",
        "dev": ROOT / "fixtures" / "devsets" / "clean_news.jsonl"}
RESULTS = ROOT / "benchmarks" / "results" / "fluency_ranking_{set}.json"
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


def other_names(record: dict, gazetteer) -> dict[str, str]:
    """Each person's given name and surname in the paragraph -> those of
    another real person from the gazetteer (deterministic per paragraph).
    A person here: a run of two capitalised words that are not ordinary
    English words and that the gazetteer does not know as a place."""
    from mtcheck.checks.names.runs import name_runs
    from mtcheck.gazetteer import GEOGRAPHIC_TYPES
    from mtcheck.reading import parse_text

    rng = random.Random(f"{record['id']}:names")
    document = parse_text(record["text"])
    people = [e for e in gazetteer.entries if e.type == "person" and len(e.canonical.split()) == 2
              and all(word.isalpha() for word in e.canonical.split())]
    mapping: dict[str, str] = {}
    for paragraph in document.paragraphs:
        for run in name_runs(document, paragraph):
            words = [token.text for token in run]
            places = [e for e, _ in gazetteer.forms(" ".join(words)) if e.type in GEOGRAPHIC_TYPES]
            if len(words) != 2 or places or any(word in mapping for word in words):
                continue
            mapping.update(zip(words, rng.choice(people).canonical.split()))
    return mapping


def with_names(text: str, mapping: dict[str, str]) -> str:
    """``text`` with each mapped name word replaced (also where a word swap moved it)."""
    if not mapping:
        return text
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: mapping[m.group()], text)


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


def kendall_tau(scores, levels) -> float:
    """Kendall's tau-b (ties in the scores counted as neither agreement nor disagreement)."""
    scores, levels = np.asarray(scores, dtype=float), np.asarray(levels, dtype=float)
    a = np.sign(scores[:, None] - scores[None, :])[np.triu_indices(len(scores), 1)]
    b = np.sign(levels[:, None] - levels[None, :])[np.triu_indices(len(levels), 1)]
    denominator = np.sqrt(np.count_nonzero(a) * np.count_nonzero(b))
    return float((a * b).sum() / denominator) if denominator else 0.0


def within(groups: list[dict], value, names: tuple[int, ...] = (0,)) -> float:
    """Mean tau over paragraphs: each paragraph's renderings (with the given name sets) in damage order."""
    taus = []
    for group in groups:
        rows = [r for r in group["rows"] if r["names"] in names]
        taus.append(kendall_tau([value(r) for r in rows], [r["level"] for r in rows]))
    return float(np.mean(taus))


def pooled(groups: list[dict], value) -> float:
    """Tau over every rendering (original names) of every paragraph at once."""
    rows = [r for group in groups for r in group["rows"] if r["names"] == 0]
    return kendall_tau([value(r) for r in rows], [r["level"] for r in rows])


MEASURES = {
    "within paragraph": within,
    "within paragraph, names varied": lambda groups, value: within(groups, value, names=(0, 1)),
    "pooled": pooled,
}


def bootstrap_lead(groups: list[dict], ours, theirs, measure, resamples: int = 1000) -> tuple[float, float]:
    """95% interval of (our tau - their tau), resampling paragraphs: is the lead more than luck of the draw?"""
    rng = np.random.default_rng(0)
    leads = []
    for _ in range(resamples):
        sample = [groups[i] for i in rng.integers(0, len(groups), len(groups))]
        leads.append(measure(sample, ours) - measure(sample, theirs))
    low, high = np.percentile(leads, [2.5, 97.5])
    return round(float(low), 3), round(float(high), 3)


def sweep(groups: list[dict]) -> dict:
    """Each measure of fluency with grammar for several GRAMMAR_WEIGHT values."""
    from mtcheck.checks import fluency

    results = {}
    saved = fluency.GRAMMAR_WEIGHT
    try:
        for weight in (0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0):
            fluency.GRAMMAR_WEIGHT = weight
            score = lambda r: -fluency.with_grammar(r["fluency"], r["grammar_findings"], r["words"])  # noqa: E731
            results[str(weight)] = {name: round(measure(groups, score), 3) for name, measure in MEASURES.items()}
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
    from mtcheck.gazetteer import load_gazetteer
    from mtcheck.reading import parse_text
    from mtcheck.scanner import ScanOptions, Scanner

    scanner = Scanner(ScanOptions(check_settings=(("grammar", GrammarSettings(engine="none")),)))  # the LM's fluency alone
    grammar = GrammarCheck(GrammarSettings().make_engine())  # mtcheck's grammar findings
    harper_all = HarperEngine()  # Harper with its default rules, style included: "Harper alone"
    gazetteer = load_gazetteer()
    groups = []
    for record in records:
        mapping = other_names(record, gazetteer)
        versions = [(names, level, with_names(text, mapping) if names else text)
                    for names in (0, 1) for level, text in enumerate(renderings(record))]
        documents = [parse_text(text, path=f"{record['id']}@{level}{'+names' * names}")
                     for names, level, text in versions]
        rows = []
        for (names, level, text), document, result in zip(versions, documents, scanner.scan(documents)):
            scored = [p for p in result.paragraphs if p.fluency is not None]
            rows.append({
                "level": level,
                "names": names,
                "fluency": mean(p.fluency for p in scored),
                "grammar_findings": len(grammar.check_document(document)),
                "words": sum(p.lm["words"] for p in scored),
                "mean_nll": mean(p.lm["mean_nll"] for p in scored),
                "word_nll": mean(p.lm["word_nll"] for p in scored),
                "slor": mean(p.lm["slor"] for p in scored),
                "spike_rate": mean(p.lm["spike_rate"] for p in scored),
                "harper_density": 100 * len(harper_all.check([text])[0]) / max(1, len(text.split())),
            })
        groups.append({"id": record["id"], "other_names": mapping, "rows": rows})
    scores = {
        "mtcheck fluency": lambda r: -r["fluency"],
        "mtcheck fluency with grammar": lambda r: -with_grammar(r["fluency"], r["grammar_findings"], r["words"]),
        "raw mean NLL": lambda r: r["mean_nll"],
        "word NLL": lambda r: r["word_nll"],
        "Harper lint density": lambda r: r["harper_density"],
    }
    report = {"set": args.set, "paragraphs": len(groups),
              "kendall_tau": {measure_name: {name: round(measure(groups, score), 3) for name, score in scores.items()}
                              for measure_name, measure in MEASURES.items()},
              "mtcheck_lead_95ci": {measure_name: {rival: bootstrap_lead(groups, scores["mtcheck fluency with grammar"],
                                                                         scores[rival], measure)
                                                   for rival in ("raw mean NLL", "Harper lint density")}
                                    for measure_name, measure in MEASURES.items()}}
    if args.sweep:
        report["sweep"] = sweep(groups)
    report["groups"] = groups
    output = Path(str(RESULTS).format(set=args.set))
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_report(report)


def print_report(report: dict) -> None:
    print(f"{report['paragraphs']} paragraphs x 4 damage levels ({report['set']} set); "
          "Kendall tau-b with the damage order")
    taus = report["kendall_tau"]
    print(f"  {'':30}" + "".join(f" {name:>31}" for name in taus))
    for score in next(iter(taus.values())):
        print(f"  {score:30}" + "".join(f" {taus[name][score]:31.3f}" for name in taus))
    for name, leads in report["mtcheck_lead_95ci"].items():
        print(f"  mtcheck's lead, {name}: " + ", ".join(f"over {rival} {low:+.3f} to {high:+.3f} (95%)"
                                                       for rival, (low, high) in leads.items()))
    for weight, taus in report.get("sweep", {}).items():
        print(f"  grammar weight {weight:>5}: " + "  ".join(f"{name} {tau:.3f}" for name, tau in taus.items()))


if __name__ == "__main__":
    main()
