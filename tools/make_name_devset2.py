"""A second garbled-names generator, independent of the first, on real articles.

    .venv/bin/python tools/make_name_devset2.py

The first generator (tools/make_name_devset.py) damages one or two people's
names per paragraph of text written for this project, with transliteration
swaps, added syllables and new endings. This one takes real, human-written
news (the 88 article bodies of fixtures/realpages/bodies.jsonl, Zyte's
article-extraction benchmark, MIT) and damages what those articles name,
places and organisations as often as people:

- the names: runs of capitalised words the bundled gazetteer knows (people,
  places, regions, countries, organisations; a person's later surname-only
  mentions count too), and capitalised words an article repeats mid-sentence
  that are not common English words (the people, companies and places no
  gazetteer has, whose only evidence is the article itself);
- the damage (one operation per damaged word, drawn per word): a suffix
  added as MT leaves inflections ("Manchesterin", "Berlinu", "Sanchezin"),
  the ending replaced by another (-is, -us, -ov, -ez, -ae), a letter dropped
  ("Edinburg"), a vowel swapped ("Sydnay"), a letter doubled, two letters
  transposed; given names and the first word of two-word names as well as
  surnames; names of 3-4 letters included;
- the mentions: for a third of the names only one mention is damaged (the
  article keeps the right spelling elsewhere), for a third every mention the
  same way, for a third every mention independently (spelled differently);
  at most 4 mentions of a name are damaged (the others stay right);
- words of 3 letters or more with a lower-case letter (no acronyms).

The split is the publisher's (fixtures/realpages): dev articles ->
fixtures/devsets/realnews_garbled.jsonl, held-out ->
fixtures/devsets/realnews_heldout_garbled.jsonl. Records have the first
generator's shape: {"id", "text" (garbled), "clean_text", "garbles": [{"start",
"end", "text", "expected", "canonical", "type", "ops", "all_mentions"}]}.
Deterministic: seeded by each article's id.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.gazetteer import load_gazetteer  # noqa: E402

BODIES = ROOT / "fixtures" / "realpages" / "bodies.jsonl"
OUT = {"dev": ROOT / "fixtures" / "devsets" / "realnews_garbled.jsonl",
       "held-out": ROOT / "fixtures" / "devsets" / "realnews_heldout_garbled.jsonl"}
CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)*(?![\w-])")
SENTENCE_START = re.compile(r"(^|[.!?:]\s+|[\"“‘(]\s*|\n\s*)$")
SUFFIXES = ("in", "u", "us", "is", "ae", "ov", "ez", "a", "e", "on")
ENDINGS = ("is", "us", "ov", "ez", "ae", "a", "o")
VOWELS = "aeiou"
# One damaged name per this many words, within these bounds per article.
WORDS_PER_NAME, MIN_NAMES, MAX_NAMES = 120, 2, 8
# A name mentioned more often keeps its other mentions right: no name weighs more than this.
MAX_DAMAGED_MENTIONS = 4
# A single capitalised word this common in English is a word, not a name ("Since", "Police").
COMMON_WORD_ZIPF = 4.0
GAZETTEER_KINDS = {"person": "person", "place": "place", "region": "place", "country": "place", "org": "org"}


# -- damage ---------------------------------------------------------------------

def add_suffix(word: str, rng: random.Random) -> str:
    return word + rng.choice(SUFFIXES)


def new_ending(word: str, rng: random.Random) -> str | None:
    if len(word) < 5:
        return None
    stem = word[:-1] if word[-1].lower() in VOWELS + "y" else word
    return stem + rng.choice([e for e in ENDINGS if not word.lower().endswith(e)])


def drop_letter(word: str, rng: random.Random) -> str | None:
    return None if len(word) < 4 else (lambda i: word[:i] + word[i + 1:])(rng.randrange(1, len(word)))


def swap_vowel(word: str, rng: random.Random) -> str | None:
    places = [i for i in range(1, len(word)) if word[i] in VOWELS + "y"]
    if not places:
        return None
    i = rng.choice(places)
    return word[:i] + rng.choice([v for v in VOWELS if v != word[i]]) + word[i + 1:]


def double_letter(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + word[i] + word[i:]


def transpose(word: str, rng: random.Random) -> str | None:
    places = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
    if not places:
        return None
    i = rng.choice(places)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


OPERATIONS = {"suffix": add_suffix, "ending": new_ending, "drop": drop_letter, "vowel": swap_vowel,
              "double": double_letter, "transpose": transpose}


def damaged(word: str, rng: random.Random, gazetteer) -> tuple[str, str] | None:
    """(the damaged word, the operation's name), or None. Never the word
    itself, a name the gazetteer knows ("Zelenskiy" -> "Zelensky" is a
    variant, not damage) or a word English text uses ("Reuters" -> "Routers")."""
    from wordfreq import zipf_frequency

    for _ in range(50):
        name = rng.choice(list(OPERATIONS))
        result = OPERATIONS[name](word, rng)
        if (result and result.lower() != word.lower() and zipf_frequency(result.lower(), "en") < 2.0
                and not gazetteer.has_form(result) and not gazetteer.is_known_token(result)):
            return result, name
    return None


# -- the names an article mentions ---------------------------------------------

def capitalised_runs(text: str) -> list[list[re.Match]]:
    """Capitalised words, grouped into runs separated by single spaces."""
    runs: list[list[re.Match]] = []
    for match in CAPITALISED.finditer(text):
        if runs and text[runs[-1][-1].end():match.start()] == " ":
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def known_entities(text: str, gazetteer) -> dict[str, dict]:
    """canonical -> {"type", "words", "written"}: the gazetteer names an
    article spells out (longest run first; a person by two words or more, a
    single-word place only when it is no common English word, unless a
    country, a region or a city of a million: "China", not "Police")."""
    found: dict[str, dict] = {}
    for run in capitalised_runs(text):
        words = [m.group() for m in run]
        start = 0
        while start < len(words):
            for end in range(len(words), start, -1):
                written = " ".join(words[start:end])
                entries = [e for e in gazetteer.exact(written) if e.type in GAZETTEER_KINDS]
                if entries and (end - start > 1 or is_single_word_name(written, entries[0])):
                    found.setdefault(entries[0].canonical, {"type": GAZETTEER_KINDS[entries[0].type],
                                                            "words": words[start:end], "written": written})
                    start = end - 1
                    break
            start += 1
    return found


def is_single_word_name(word: str, entry) -> bool:
    from wordfreq import zipf_frequency

    if entry.type == "person":
        return False
    return (entry.type in ("country", "region") or entry.population >= 1_000_000
            or zipf_frequency(word.lower(), "en") < COMMON_WORD_ZIPF)


def article_names(text: str, taken: set[str]) -> dict[str, dict]:
    """Capitalised words the article repeats mid-sentence that are not
    common English words: names only the article itself attests."""
    from wordfreq import zipf_frequency

    counts = Counter(m.group() for m in CAPITALISED.finditer(text)
                     if not SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]))
    return {word: {"type": "article", "words": [word], "written": word} for word, count in counts.items()
            if count >= 2 and len(word) >= 3 and "-" not in word and word not in taken
            and zipf_frequency(word.lower(), "en") < 3.0}


def damageable(word: str) -> bool:
    return len(word) >= 3 and any(c.islower() for c in word)


def word_mentions(text: str, entity: dict, word: str) -> list[tuple[int, int]]:
    """Where ``word`` of the entity is written: anywhere for a person's name
    (the surname alone is them too), inside the whole name for a place or an
    organisation ("House" only in "White House")."""
    spans = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    if entity["type"] in ("person", "article"):
        return spans
    wholes = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(entity['written'])}(?![\w-])", text)]
    return [s for s in spans if any(a <= s[0] and s[1] <= b for a, b in wholes)]


# -- one article ------------------------------------------------------------------

def garble(record: dict, gazetteer) -> dict | None:
    rng = random.Random(f"gen2:{record['id']}")
    text = record["text"]
    entities = known_entities(text, gazetteer)
    taken = {word for entity in entities.values() for part in entity["words"] for word in part.split()}
    entities.update(article_names(text, taken))
    by_kind: dict[str, list[str]] = {}
    for canonical, entity in sorted(entities.items()):
        by_kind.setdefault(entity["type"], []).append(canonical)
    wanted = max(MIN_NAMES, min(MAX_NAMES, len(text.split()) // WORDS_PER_NAME))
    chosen = []
    while len(chosen) < wanted and any(by_kind.values()):
        kind = rng.choice(sorted(kind for kind, names in by_kind.items() if names))  # kinds equally often
        chosen.append(by_kind[kind].pop(rng.randrange(len(by_kind[kind]))))
    edits: dict[tuple[int, int], dict] = {}
    for canonical in chosen:
        entity = entities[canonical]
        words = [w for w in entity["words"] if damageable(w)]
        if not words:
            continue
        # The last word mostly (a surname), the first (a given name) a third of the time.
        index = 0 if len(words) > 1 and rng.random() < 1 / 3 else len(words) - 1
        word = words[index]
        spans = [s for s in word_mentions(text, entity, word) if not any(s[0] < e and b < s[1] for (b, e) in edits)]
        policy = rng.choice(["one", "all-same", "all-different"])
        spans = rng.sample(spans, min(len(spans), 1 if policy == "one" else MAX_DAMAGED_MENTIONS))
        same = damaged(word, rng, gazetteer)
        for span in spans:
            damage = same if policy != "all-different" else damaged(word, rng, gazetteer)
            if damage is None:
                continue
            edits[span] = {"new": damage[0], "expected": word, "canonical": canonical, "type": entity["type"],
                           "ops": [damage[1], policy], "all_mentions": policy != "one"}
    if not edits:
        return None
    return {"id": record["id"], "publisher": record["publisher"], **apply(text, edits)}


def apply(text: str, edits: dict[tuple[int, int], dict]) -> dict:
    """The garbled text and each damaged span's record, in text order."""
    pieces, garbles, position, shift = [], [], 0, 0
    for (start, end), edit in sorted(edits.items()):
        pieces += [text[position:start], edit["new"]]
        garbles.append({"start": start + shift, "end": start + shift + len(edit["new"]), "text": edit["new"],
                        **{key: edit[key] for key in ("expected", "canonical", "type", "ops", "all_mentions")}})
        shift += len(edit["new"]) - (end - start)
        position = end
    pieces.append(text[position:])
    return {"text": "".join(pieces), "clean_text": text, "garbles": garbles}


def main() -> None:
    gazetteer = load_gazetteer()
    records = [json.loads(line) for line in BODIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split, path in OUT.items():
        garbled = [g for r in records if r["split"] == split and (g := garble(r, gazetteer)) is not None]
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(g, ensure_ascii=False) + "\n" for g in garbled)
        kinds = Counter(g["type"] for record in garbled for g in record["garbles"])
        print(f"{split}: {len(garbled)} articles, {sum(kinds.values())} damaged mentions {dict(kinds)} -> "
              f"{path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
