"""Two more sources of repair candidates, measured and not used by the name check.

    .venv/bin/python benchmarks/bench_name_sources.py [--set dev]

With the bundled gazetteer alone, a third of the dev set's damaged mentions
are of people and places no list here has. Two broad lexicons could stand in
for the missing entries. For each, over the name words the check cannot
place (not a known name part, a spelling English text does not use, four
letters or more), it counts the damaged mentions whose candidate is right
(and of those, the ones the check misses today), those whose candidate is
wrong, and the words of the clean text that would get one (each a false flag
unless something else vetoes it):

- given names: the first word of a name of two or more words, repaired to
  the closest given name at least three gazetteer persons share
  ("Eduerdo" -> Eduardo);
- English text's vocabulary: any such word, repaired to the closest word
  wordfreq knows with Zipf 2 to 4.5 ("Nrmandy" -> Normandy).

Both at a spelling similarity of at least 0.8, with the same first letter or
sound. Writes benchmarks/results/name_sources_{set}.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import JaroWinkler  # noqa: E402

from bench_names import SETS, load_set  # noqa: E402
from mtcheck.checks.names import NameCheck, name_runs  # noqa: E402
from mtcheck.checks.lexicon import word_zipf  # noqa: E402
from mtcheck.checks.names.similarity import same_start, spelling_similarity  # noqa: E402
from mtcheck.gazetteer import fold_ascii, load_gazetteer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

MIN_SIMILARITY = 0.8
SHARED_GIVEN_NAME = 3
VOCABULARY_ZIPF = (2.0, 4.5)


def given_name_candidate(check: NameCheck, run, i: int):
    if i != 0 or len(run) < 2:
        return None
    key = run[0].key
    near = [s for s in check.finder.closest_spellings(key, "given", 3)
            if spelling_similarity(key, s) >= MIN_SIMILARITY and check.gazetteer.given_name_count(s) >= SHARED_GIVEN_NAME]
    return near[0] if near else None


def vocabulary_lookup():
    from wordfreq import iter_wordlist, zipf_frequency

    low, high = VOCABULARY_ZIPF
    vocabulary = [w for w in iter_wordlist("en") if w.isalpha() and len(w) >= 4
                  and low <= zipf_frequency(w, "en") <= high]

    def candidate(check: NameCheck, run, i: int):
        key = run[i].key
        near = [(w, spelling_similarity(key, w)) for w, _, _ in
                process.extract(key, vocabulary, scorer=JaroWinkler.normalized_similarity, limit=30)]
        near = [(w, s) for w, s in near if s >= MIN_SIMILARITY and w != key and same_start(key, w)]
        return max(near, key=lambda pair: pair[1])[0] if near else None
    return candidate


def measure(check: NameCheck, records: list[dict], candidate) -> dict:
    counts = {"right": 0, "right_where_the_check_has_none": 0, "wrong": 0, "clean_words_with_a_candidate": 0}
    for record in records:
        damaged = {g["start"]: g for g in record["garbles"]}
        flagged = {f.start for f in check.check_document(parse_text(record["text"])) if f.severity != "info"}
        for field in ("text", "clean_text"):
            document = parse_text(record[field])
            for paragraph in document.paragraphs:
                for run in name_runs(document, paragraph, check.is_name_part):
                    for i, token in enumerate(run):
                        if field == "text" and token.start not in damaged:
                            continue  # only the damaged words of the garbled text
                        if check.words.is_known_word(token.key) or word_zipf(token.text) >= 1 or len(token.key) < 4:
                            continue
                        found = candidate(check, run, i)
                        if not found:
                            continue
                        if field == "clean_text":
                            counts["clean_words_with_a_candidate"] += 1
                        else:
                            right = found == fold_ascii(damaged[token.start]["expected"]).lower()
                            counts["right" if right else "wrong"] += 1
                            counts["right_where_the_check_has_none"] += right and token.start not in flagged
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    args = parser.parse_args()
    records = load_set(args.set)
    check = NameCheck(load_gazetteer())
    clean_words = sum(len(r["clean_text"].split()) for r in records)
    report = {"set": args.set, "clean_words": clean_words,
              "given_names": measure(check, records, given_name_candidate),
              "english_vocabulary": measure(check, records, vocabulary_lookup())}
    for source in ("given_names", "english_vocabulary"):
        print(f"{source:20} " + ", ".join(f"{k} {v}" for k, v in report[source].items()) + f" (of {clean_words})")
    out = ROOT / "benchmarks" / "results" / f"name_sources_{args.set.replace('-', '')}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
