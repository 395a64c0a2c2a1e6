"""Two more places for name repairs to come from, against the shipped candidate search.

    .venv/bin/python benchmarks/bench_name_candidate_sources.py

On the first generator's dev set a third of the reachable damaged mentions
the check misses have no right candidate at all (`bench_names.py --misses
dev`): the decision never sees the original. Two kinds stand out:

- a given name damaged in a person the gazetteer lacks ("Stya Nadella",
  "Eduardet Paes", "Emmanuilez Macrezul"): a word before another name word
  is repaired only through the persons that other word names;
- a short place name with its vowels dropped ("the Denbe" for Danube):
  it shares no trigram with its original, and is two edits away.

Each is tried as one more source of candidates, in the same run as the
shipped search:

- "+ near given names": for an unknown word of four letters or more before
  another word of the name, the two closest given names of the gazetteer
  (no entry behind them: the person is unknown);
- "+ sound-alike spellings": the two closest surnames and place words that
  share a Double Metaphone key with the word (vowels aside, it keeps the
  consonants), beside the closest by spelling.

Measured on both generators' dev sets: how many reachable mentions have
their original among the candidates (the ceiling of any decision), and the
check as a scan runs it (bundled gazetteer, the language model's opinion,
the shipped decision): recall and top-1 on reachable mentions, false flags
per 1,000 words of the clean copies; and the name findings (above info) on
other human-written news (bench_names_clean_news.py's dev split), those a
variant adds listed. Writes benchmarks/results/name_candidate_sources.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_names import evaluate, is_reachable, load_set  # noqa: E402
from bench_names_clean_news import load_texts  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.checks.names.candidates import CandidateFinder  # noqa: E402
from mtcheck.checks.names.similarity import is_plausible_repair, spelling_similarity  # noqa: E402
from mtcheck.gazetteer import fold_ascii, load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "name_candidate_sources.json"
SETS = ("dev", "realnews dev")
EXTRA = 2  # candidates each variant adds per word, at most


class NearGivenNames(CandidateFinder):
    def candidates(self, word):
        found = super().candidates(word)
        if word.last or word.known or len(word.key) < 4:
            return found
        have = {target.lower() for target, _ in found}
        for spelling in self.closest_spellings(word.key, "given", EXTRA):
            target = next((w for person in self.gazetteer.by_given(spelling)
                           for w in self.words.canonical_words(person) if w.lower() == spelling), None)
            if target and target.lower() not in have:
                found.append((target, None))
        return found


class SoundAlikeSpellings(CandidateFinder):
    def closest_spellings(self, key, part, count):
        found = super().closest_spellings(key, part, count)
        if part == "users":
            return found
        alike = sorted((spelling_similarity(key, token), token) for token in self.gazetteer.sound_alike_tokens(key)
                       if token not in found and is_plausible_repair(key, token) and self._is_part(token, part))
        return found + [token for _, token in reversed(alike[-EXTRA:])]

    def _is_part(self, token: str, part) -> bool:
        """``token`` is a known word of that part of names (a near-spelling search lists a known token itself)."""
        return any(hit == token for hit, _ in self.gazetteer.near_tokens(token, limit=1, min_score=1.0, part=part))


VARIANTS = {"shipped": CandidateFinder, "+ near given names": NearGivenNames,
            "+ sound-alike spellings": SoundAlikeSpellings}


def with_finder(check: NameCheck, finder_class) -> NameCheck:
    check.finder = finder_class(check.words)
    return check


def ceiling(check: NameCheck, records: list[dict]) -> dict:
    """Reachable damaged mentions with their original among the candidates, and candidates per clean word."""
    reachable = right = candidates = words = 0
    for record in records:
        options = {token.start: repairs for _, token, repairs in check.candidates(parse_text(record["text"]))}
        for gold in record["garbles"]:
            if is_reachable(check.gazetteer, record, gold):
                reachable += 1
                wanted = fold_ascii(gold["expected"]).lower()
                right += any(fold_ascii(o.replacement).lower() == wanted for o in options.get(gold["start"], ()))
        candidates += sum(len(repairs) for _, _, repairs in check.candidates(parse_text(record["clean_text"])))
        words += len(record["clean_text"].split())
    return {"reachable": reachable, "original_among_candidates": round(right / reachable, 3),
            "candidates_per_clean_word": round(candidates / words, 3)}


def clean_news_findings(check: NameCheck, texts: list[dict]) -> list[str]:
    return [f"{f.text} -> {f.suggestions[0]}" for record in texts
            for f in check.check_document(parse_text(record["text"])) if f.code == "MT201" and f.severity != "info"]


def main() -> None:
    gazetteer, scorer = load_gazetteer(), load_scorer()
    texts = load_texts("dev")
    report: dict = {}
    for name, finder_class in VARIANTS.items():
        spelling_only = with_finder(NameCheck(gazetteer), finder_class)
        as_scanned = with_finder(NameCheck(gazetteer, RepairVerifier(scorer)), finder_class)
        row = {}
        for set_name in SETS:
            records = load_set(set_name)
            scan = evaluate(as_scanned, records)
            row[set_name] = {**ceiling(spelling_only, records),
                             **{key: scan[key] for key in ("recall_reachable", "top1_reachable", "precision",
                                                           "false_flags_per_1000_clean_words", "clean_false_flags")}}
        row["clean news dev"] = clean_news_findings(as_scanned, texts)
        report[name] = row
        print_row(name, row, report["shipped"]["clean news dev"])
    RESULTS.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def print_row(name: str, row: dict, shipped_findings: list[str]) -> None:
    for set_name in SETS:
        r = row[set_name]
        print(f"{name:24} {set_name:13} original among candidates {r['original_among_candidates']:.3f} "
              f"({r['candidates_per_clean_word']:.3f} per clean word); recall {r['recall_reachable']:.3f}, "
              f"top-1 {r['top1_reachable']:.3f}, false flags {r['clean_false_flags']} "
              f"({r['false_flags_per_1000_clean_words']:.3f} /1,000)", flush=True)
    added = sorted(set(row["clean news dev"]) - set(shipped_findings))
    print(f"{name:24} clean news dev: {len(row['clean news dev'])} findings; added: {added}", flush=True)


if __name__ == "__main__":
    main()
