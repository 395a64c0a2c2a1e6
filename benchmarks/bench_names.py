"""Name-corruption detection on the garbled-names development set.

    .venv/bin/python benchmarks/bench_names.py

fixtures/devsets/garbled_names.jsonl and heldout_garbled.jsonl (made by
tools/make_name_devset.py from clean paragraphs), and realnews_garbled.jsonl
and realnews_heldout_garbled.jsonl (tools/make_name_devset2.py, another
generator, on real articles) hold each text twice: with names damaged the
way MT damages them, and clean. For each set, next to the naive fuzzy
matcher of benchmarks/naive_names.py on the same records, and for two
gazetteers -- the bundled one alone, and
the bundled one plus names learned from the clean archive (what
`mtcheck gazetteer build` makes of the clean paragraphs) -- each with the
spelling evidence alone and with the language model's opinion of each repair
as a scan has it ("+LM", checks/names/verify.py) -- it prints:
- recall: damaged mentions covered by a name finding (warning or error);
- top-1: damaged mentions whose finding's first suggestion restores the name
  (see is_right_repair);
- both again among the reachable mentions (whose right spelling the
  gazetteer or the article has), and per entity type and damage operation;
- false flags per 1,000 words of clean text (name findings above info);
- precision on the garbled text (findings that hit a damaged mention);
- speed: paragraphs per second of the name check alone (no LM), and what
  the model's opinion adds to a scan of seeds/ (``--speed-only``: the
  former alone).
``--misses SET`` instead lists the reachable mentions of SET that a scan's
name check misses, each with the step that lost it; ``--first-sight`` times
one first-sight pass over the news-source texts and writes nothing, for a
profiler (``py-spy record -- python benchmarks/bench_names.py --first-sight``).
Writes benchmarks/results/names.json.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.checks.names import NameCheck, RepairVerifier, learn_names  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.gazetteer import Gazetteer, fold_ascii, load_gazetteer  # noqa: E402
from mtcheck.gazetteer.store import clear_memo, merge_user_entries  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402 - imports no model: loading it does
from mtcheck.reading import iter_inputs, parse_text  # noqa: E402
from bench_names_clean_news import load_texts  # noqa: E402
from naive_names import NaiveFuzzy  # noqa: E402

# "dev": the name check's weights were chosen on it; "held-out": other
# paragraphs and people, looked at only to measure. Both from the first
# generator (tools/make_name_devset.py); "realnews ...": the second generator
# (tools/make_name_devset2.py) on real articles, split by publisher.
SETS = {"dev": ROOT / "fixtures" / "devsets" / "garbled_names.jsonl",
        "held-out": ROOT / "fixtures" / "devsets" / "heldout_garbled.jsonl",
        "realnews dev": ROOT / "fixtures" / "devsets" / "realnews_garbled.jsonl",
        "realnews held-out": ROOT / "fixtures" / "devsets" / "realnews_heldout_garbled.jsonl"}
RESULTS = ROOT / "benchmarks" / "results" / "names.json"


def load_set(name: str) -> list[dict]:
    """The records of one garbled-names set ("dev" or "held-out")."""
    return [json.loads(line) for line in SETS[name].read_text(encoding="utf-8").splitlines() if line.strip()]


def flagged(findings):
    return [f for f in findings if f.category == "name" and f.severity != "info"]


def overlaps(span, gold: dict) -> bool:
    """A finding's or token's span (``start``, ``end``) overlaps the damaged mention ``gold``."""
    return span.start < gold["end"] and gold["start"] < span.end


def damage_class(gold: dict) -> str:
    """The damaged mention's entity type and first damage operation: "place/suffix"."""
    return f"{gold['type']}/{gold['ops'][0]}"


def is_right_repair(finding, gold) -> bool:
    """Does applying the finding's first suggestion restore the name? Its span
    is the damaged word, or a hyphenated word holding it ("Hangzh-based" ->
    "Hangzhou-based"), and the suggestion is the original spelling or the
    canonical one, with nothing else in the span changed."""
    if not finding.suggestions or not (finding.start <= gold["start"] and gold["end"] <= finding.end):
        return False
    before = finding.text[:gold["start"] - finding.start]
    after = finding.text[gold["end"] - finding.start:]
    wanted = {gold["expected"], *gold["canonical"].split()}
    return fold_ascii(finding.suggestions[0]).lower() in {fold_ascii(before + w + after).lower() for w in wanted}


def is_reachable(gazetteer: Gazetteer, record: dict, gold: dict) -> bool:
    """Could any checker know the right spelling? Only if the gazetteer has
    the name (or the damaged word's original as a name part) or the article
    spells it right elsewhere. The ceiling for recall and top-1."""
    expected = gold["expected"]
    in_gazetteer = (gazetteer.has_form(gold["canonical"]) or gazetteer.has_form(expected)
                    or gazetteer.is_known_token(expected, "surname") or gazetteer.is_known_token(expected, "given"))
    return in_gazetteer or re.search(rf"\b{re.escape(expected)}\b", record["text"]) is not None


def archive_gazetteer(bundled: Gazetteer, records: list[dict]) -> Gazetteer:
    """The bundled gazetteer plus what `gazetteer build` learns from the records'
    clean text, merged as `scan --gazetteer` merges a user's file."""
    learned = learn_names([parse_text(r["clean_text"]) for r in records], bundled)
    return Gazetteer(merge_user_entries(list(bundled.entries), learned), bundled.metadata)


def evaluate(check: NameCheck, records: list[dict]) -> dict:
    hits = flags = clean_flags = clean_words = 0
    outcomes = []  # (reachable, found, right, class) per damaged mention
    for record in records:
        findings = flagged(check.check_document(parse_text(record["text"])))
        flags += len(findings)
        for gold in record["garbles"]:
            over = [f for f in findings if overlaps(f, gold)]
            outcomes.append((is_reachable(check.gazetteer, record, gold), bool(over),
                             any(is_right_repair(f, gold) for f in over), damage_class(gold)))
        hits += sum(any(overlaps(f, g) for g in record["garbles"]) for f in findings)
        clean_flags += len(flagged(check.check_document(parse_text(record["clean_text"]))))
        clean_words += len(record["clean_text"].split())
    reachable = [o for o in outcomes if o[0]]
    return {
        "damaged_mentions": len(outcomes),
        "reachable": share(outcomes, 0),
        "recall": share(outcomes, 1),
        "top1": share(outcomes, 2),
        # The aims are set on the mentions any checker could repair.
        "recall_reachable": share(reachable, 1),
        "top1_reachable": share(reachable, 2),
        "precision": round(hits / flags, 3) if flags else None,
        "false_flags_per_1000_clean_words": round(clean_flags / clean_words * 1000, 3),
        "clean_false_flags": clean_flags,
        "clean_words": clean_words,
        # Entity type / damage operation: where the misses are.
        "by_class": {name: {"mentions": len(group), "recall": share(group, 1), "top1": share(group, 2)}
                     for name in sorted({o[3] for o in outcomes}) for group in [[o for o in outcomes if o[3] == name]]},
    }


def share(outcomes: list[tuple], field: int) -> float | None:
    return round(sum(o[field] for o in outcomes) / len(outcomes), 3) if outcomes else None


# One pass over a corpus takes a fraction of a second: a single one moves by a
# quarter on a shared machine.
STEADY_PASSES = 5


def speed(gazetteer: Gazetteer, warm_up: list[dict], dense: list[dict]) -> dict:
    """Paragraphs per second of the name check alone, for two kinds of text:
    the dev set's name-dense paragraphs (about 12 names each) and real
    articles (seeds/, and human-written news). "unseen": the first pass
    over them (after a warm-up pass over other paragraphs, which loads
    wordfreq and the like); "steady":
    the median of STEADY_PASSES passes over the same articles again, with
    the spellings and entries looked up the first time memoised, as in a
    long scan where names recur."""
    check = warmed_check(gazetteer, warm_up)
    corpora = {
        "dev_set": [parse_text(r["clean_text"]) for r in dense] + [parse_text(r["text"]) for r in dense],
        "seed_articles": [d for d in iter_inputs(sorted((ROOT / "seeds").glob("*.txt")))],
        # 88 clean human-written news articles (fixtures/realpages/), denser in unknown names than seeds/.
        "real_page_bodies": list(iter_inputs([str(ROOT / "fixtures" / "realpages" / "bodies.jsonl")])),
        "news_source_texts": news_source_texts(),
    }
    report = {"cached_load_s": cached_load_seconds()}
    for name, documents in corpora.items():
        paragraphs = sum(1 for d in documents for p in d.paragraphs if p.skipped in (None, "too-short"))
        words = sum(len(d.text.split()) for d in documents)
        timings = []
        for _ in range(1 + STEADY_PASSES):
            started = time.perf_counter()
            for document in documents:
                check.check_document(document)
            timings.append(time.perf_counter() - started)
        report[name] = {"paragraphs": paragraphs, "words_per_paragraph": round(words / paragraphs),
                        "unseen_paragraphs_per_s": round(paragraphs / timings[0]),
                        "steady_paragraphs_per_s": round(paragraphs / statistics.median(timings[1:]))}
    return report


def warmed_check(gazetteer: Gazetteer, warm_up: list[dict]) -> NameCheck:
    """A name check that has read the clean articles of ``warm_up`` (which loads wordfreq and the like)."""
    check = NameCheck(gazetteer)
    all(gazetteer.entries)  # a cached gazetteer builds its entries on first access: a long scan's cost
    for record in warm_up:
        check.check_document(parse_text(record["clean_text"]))
    return check


def news_source_texts() -> list[Document]:
    # 166 human-written news texts (fixtures/newssources/): a first sight long enough to time on a shared machine.
    return [parse_text(record["text"]) for record in load_texts("all")]


def first_sight(gazetteer: Gazetteer) -> None:
    """One first-sight pass over the news-source texts, as ``speed`` times it,
    and nothing else: the pass to run under a profiler."""
    check = warmed_check(gazetteer, load_set("held-out"))
    documents = news_source_texts()
    paragraphs = sum(1 for d in documents for p in d.paragraphs if p.skipped in (None, "too-short"))
    started = time.perf_counter()
    for document in documents:
        check.check_document(document)
    print(f"first sight of the news-source texts: {paragraphs / (time.perf_counter() - started):.0f} paragraphs/s")


def cached_load_seconds(repeats: int = 5) -> float:
    """Median time to load the bundled gazetteer's index from its cached form
    (the pickle a first load wrote), as a new process does."""
    timings = []
    for _ in range(repeats):
        clear_memo()
        started = time.perf_counter()
        load_gazetteer()
        timings.append(time.perf_counter() - started)
    return round(statistics.median(timings), 2)


def verification_cost(scorer, gazetteer: Gazetteer) -> dict:
    """What the model's opinion adds to a scan of seeds/: the name check with
    and without it, against the paragraphs' own LM scoring (article streams)."""
    from mtcheck.checks.fluency import article_streams
    from mtcheck.lm.scorer import LMScorer

    documents = list(iter_inputs(sorted((ROOT / "seeds").glob("*.txt"))))
    put: list[int] = []
    plain, verified = NameCheck(gazetteer), NameCheck(gazetteer, counting(RepairVerifier(scorer), put))
    timings = {}
    for name, run in (("names_alone", lambda: [plain.check_document(d) for d in documents]),
                      ("names_with_model", lambda: [verified.check_document(d) for d in documents]),
                      ("paragraph_scoring", lambda: LMScorer(scorer.loaded).score_streams(article_streams(documents)))):
        started = time.perf_counter()
        run()
        timings[name + "_s"] = round(time.perf_counter() - started, 2)
    return {**timings, "repairs_put_to_model": sum(put)}


def counting(verifier: RepairVerifier, put: list[int]) -> RepairVerifier:
    """``verifier``, appending to ``put`` how many repairs each call puts to the language model."""
    ask = verifier.savings
    verifier.savings = lambda document, repairs: put.append(len(repairs)) or ask(document, repairs)
    return verifier


def misses(check: NameCheck, records: list[dict]) -> list[tuple[str, str, str, str]]:
    """Each reachable damaged mention the check does not flag, with why:
    (reason, entity type/operation, the damaged word, the original), where
    the reason is the first step that lost it: the word was no open word,
    its original was no candidate, another candidate was likelier, or the
    original was the likeliest but below the threshold."""
    found = []
    for record in records:
        document = parse_text(record["text"])
        findings = flagged(check.check_document(document))
        repairs = {token.start: options for _, token, options in check.candidates(document)}
        for gold in record["garbles"]:
            if not is_reachable(check.gazetteer, record, gold) or any(overlaps(f, gold) for f in findings):
                continue
            options = repairs.get(gold["start"])
            right = [o for o in options or [] if fold_ascii(o.replacement).lower() == fold_ascii(gold["expected"]).lower()]
            if options is None:
                reason = "not an open word"
            elif not right:
                reason = "the original is no candidate"
            elif max(options, key=lambda o: o.confidence) in right:
                reason = "the original is the likeliest, below the threshold"
            else:
                reason = "another candidate is likelier"
            found.append((reason, damage_class(gold), document.text[gold["start"]:gold["end"]], gold["expected"]))
    return found


def save(report: dict) -> None:
    """Merge ``report`` into the results file: sets not measured keep their rows."""
    RESULTS.parent.mkdir(exist_ok=True)
    earlier = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    RESULTS.write_text(json.dumps({**earlier, **report}, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS),
                        help="the sets to measure (default: all; a held-out set is measured once, at the end)")
    parser.add_argument("--speed-only", action="store_true", help="measure only the name check's speed")
    parser.add_argument("--first-sight", action="store_true",
                        help="time one first-sight pass over the news-source texts and write nothing "
                             "(to run under a profiler)")
    parser.add_argument("--misses", choices=list(SETS), metavar="SET",
                        help="list the reachable mentions a scan's name check (bundled gazetteer, with the LM's "
                             "opinion) misses on SET, and why; measure nothing else")
    args = parser.parse_args()
    bundled = load_gazetteer()
    if args.first_sight:
        first_sight(bundled)
        return
    if args.misses:
        print_misses(misses(NameCheck(bundled, RepairVerifier(load_scorer())), load_set(args.misses)))
        return
    # First, before the model runs: its idle threads spin for a while after each use.
    report: dict = {"speed": speed(bundled, warm_up=load_set("held-out"), dense=load_set("dev"))}
    if args.speed_only:
        save(report)
        print_speed(report["speed"])
        return

    scorer = load_scorer()
    print(f"{'set':17} {'gazetteer':24} {'mentions':>8} {'reachable':>9} {'recall':>7} {'top-1':>7} "
          f"{'of reachable':>13} {'precision':>9} {'false/1k':>9}")
    for set_name in args.sets:
        records = load_set(set_name)
        with_archive = archive_gazetteer(bundled, records)
        settings = {
            # The plain baseline, in the same run on the same records.
            "naive fuzzy, bundled": NaiveFuzzy(bundled),
            "naive fuzzy, +archive": NaiveFuzzy(with_archive),
            "naive fuzzy 90, bundled": NaiveFuzzy(bundled, min_ratio=90),
            "naive fuzzy 90, +archive": NaiveFuzzy(with_archive, min_ratio=90),
            "bundled": NameCheck(bundled),
            "bundled+archive": NameCheck(with_archive),
            # As a scan runs it: the language model's opinion of each repair.
            "bundled +LM": NameCheck(bundled, RepairVerifier(scorer)),
            "bundled+archive +LM": NameCheck(with_archive, RepairVerifier(scorer)),
        }
        report[set_name] = {name: evaluate(check, records) for name, check in settings.items()}
        for name, r in report[set_name].items():
            print(f"{set_name:17} {name:24} {r['damaged_mentions']:8} {r['reachable']:9.3f} {r['recall']:7.3f} "
                  f"{r['top1']:7.3f} {r['recall_reachable'] or 0:6.3f}/{r['top1_reachable'] or 0:6.3f} "
                  f"{r['precision'] or 0:9.3f} {r['false_flags_per_1000_clean_words']:9.3f}")
        save(report)  # after each set: a long run cut short keeps what it measured
    report["model_opinion_cost"] = verification_cost(scorer, bundled)
    save(report)
    print_speed(report["speed"])
    cost = report["model_opinion_cost"]
    print(f"seeds/: name check {cost['names_alone_s']} s alone, {cost['names_with_model_s']} s with the model's "
          f"opinion ({cost['repairs_put_to_model']} repairs put to it); the paragraphs' LM scoring "
          f"{cost['paragraph_scoring_s']} s")


def print_misses(found: list[tuple[str, str, str, str]]) -> None:
    for reason, count in Counter(reason for reason, *_ in found).most_common():
        print(f"{count:4} {reason}")
    for reason, kind, written, original in sorted(set(found)):
        print(f"  {reason}: {kind} {written!r} for {original!r}")


def print_speed(speeds: dict) -> None:
    speeds = dict(speeds)
    print(f"gazetteer index, cached load: {speeds.pop('cached_load_s')} s (median of 5)")
    for name, sp in speeds.items():
        print(f"name check alone, {name} ({sp['paragraphs']} paragraphs of {sp['words_per_paragraph']} words): "
              f"{sp['unseen_paragraphs_per_s']} paragraphs/s unseen, {sp['steady_paragraphs_per_s']} steady")


if __name__ == "__main__":
    main()
