"""Build the garbled-names development set from the clean news paragraphs.

    .venv/bin/python tools/make_name_devset.py   # writes both garbled sets below

Two sets: the development set (clean_news.jsonl -> garbled_names.jsonl), which
the name check's weights were chosen on, and the held-out set
(heldout_news.jsonl -> heldout_garbled.jsonl: other paragraphs, other people),
which only measures them.

Each clean paragraph (fixtures/devsets/clean_news.jsonl) gets one or two of
its names damaged the way machine translation and transliteration damage
them: consonants swapped for another script's rendering (v/b, ts/c, kh/h,
zh/j, y/i), a vowel lost, a syllable added ("Stavridis" -> "Stabridisdad"),
an ending rewritten ("Sprūds" -> "Spruez"), a word cut short. Half the time
only the first mention is damaged, so the article itself still holds the
right spelling; otherwise every mention is. Deterministic (seeded by the
paragraph id): rerunning gives the same file.

A record: {"id", "text" (garbled), "clean_text", "garbles": [{"start", "end",
"text" (damaged token), "expected" (the original token), "canonical"
(full canonical name), "type", "ops", "all_mentions"}]}.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = ROOT / "fixtures" / "devsets"
# clean source -> garbled output
SETS = {DEVSETS / "clean_news.jsonl": DEVSETS / "garbled_names.jsonl",
        DEVSETS / "heldout_news.jsonl": DEVSETS / "heldout_garbled.jsonl"}

# Renderings one script's transliteration swaps for another's.
SWAPS = [("v", "b"), ("w", "v"), ("y", "i"), ("i", "y"), ("k", "c"), ("c", "k"), ("ts", "c"),
         ("z", "s"), ("s", "z"), ("sh", "sch"), ("kh", "h"), ("zh", "j"), ("ch", "tch"),
         ("j", "y"), ("ph", "f"), ("th", "t"), ("ou", "u"), ("u", "ou"), ("ie", "ye"),
         ("dr", "d"), ("yr", "i"), ("o", "a"), ("e", "i"), ("a", "e")]
ADDED_SYLLABLES = ["dad", "as", "ov", "ez", "ini", "o", "en", "ul"]
NEW_ENDINGS = ["ez", "is", "as", "e", "a", "o", "et", "in"]
VOWELS = "aeiouy"


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def swap(token: str, rng: random.Random) -> str | None:
    places = [(i, a, b) for a, b in SWAPS for i in range(1, len(token)) if token.lower().startswith(a, i)]
    if not places:
        return None
    i, a, b = rng.choice(places)
    return token[:i] + b + token[i + len(a):]


def drop_vowel(token: str, rng: random.Random) -> str | None:
    places = [i for i in range(1, len(token) - 1) if token[i].lower() in VOWELS]
    if not places:
        return None
    i = rng.choice(places)
    return token[:i] + token[i + 1:]


def add_syllable(token: str, rng: random.Random) -> str:
    return token + rng.choice(ADDED_SYLLABLES)


def new_ending(token: str, rng: random.Random) -> str | None:
    if len(token) < 5:
        return None
    return token[: -rng.choice([1, 2])] + rng.choice(NEW_ENDINGS)


def cut_short(token: str, rng: random.Random) -> str | None:
    if len(token) < 7:
        return None
    return token[: -rng.choice([2, 3])]


OPERATIONS = {"swap": swap, "drop_vowel": drop_vowel, "add_syllable": add_syllable,
              "new_ending": new_ending, "cut_short": cut_short}


def garble(token: str, rng: random.Random) -> tuple[str, list[str]] | None:
    """Damage a token with one or two operations; None if nothing plausible."""
    from wordfreq import zipf_frequency

    for _ in range(20):
        ops = rng.sample(sorted(OPERATIONS), rng.choice([1, 1, 2]))
        result = fold(token) if rng.random() < 0.5 else token  # MT often drops diacritics too
        for op in ops:
            result = OPERATIONS[op](result, rng) or result
        result = result[:1].upper() + result[1:]
        if fold(result) != fold(token) and len(result) >= 3 and zipf_frequency(result.lower(), "en") < 2.5:
            return result, ops
    return None


def candidate_tokens(name: dict) -> list[str]:
    """Tokens of a person's or place's name worth damaging: 5+ letters and
    not an ordinary English word ("Black" in "Black Sea" is prose to MT)."""
    from wordfreq import zipf_frequency

    if name["type"] not in ("person", "place") or name.get("rare"):
        return []
    return [t for t in name["text"].split()
            if len(t) >= 5 and t[0].isupper() and t.isalpha() and zipf_frequency(t.lower(), "en") < 3.5]


def garble_paragraph(record: dict) -> dict:
    rng = random.Random(record["id"])
    text = record["text"]
    options = [(token, name) for name in record["names"] for token in candidate_tokens(name)]
    seen, chosen = set(), []
    for token, name in rng.sample(options, len(options)):
        if token not in seen and len(chosen) < rng.choice([1, 2]):
            seen.add(token)
            chosen.append((token, name))
    replacements = []  # (start, end, new, token, name, ops, all_mentions)
    for token, name in chosen:
        damaged = garble(token, rng)
        if not damaged:
            continue
        all_mentions = rng.random() < 0.5
        matches = list(re.finditer(rf"\b{re.escape(token)}\b", text))
        for m in matches if all_mentions else matches[:1]:
            replacements.append((m.start(), m.end(), damaged[0], token, name, damaged[1], all_mentions))
    return rebuild(record, sorted(replacements))


def rebuild(record: dict, replacements: list) -> dict:
    text, out, garbles, last = record["text"], [], [], 0
    for start, end, new, token, name, ops, all_mentions in replacements:
        if start < last:
            continue  # overlapping choices: keep the first
        out.append(text[last:start])
        position = sum(map(len, out))
        out.append(new)
        garbles.append({"start": position, "end": position + len(new), "text": new, "expected": token,
                        "canonical": name["canonical"], "type": name["type"], "ops": ops,
                        "all_mentions": all_mentions})
        last = end
    out.append(text[last:])
    return {"id": record["id"], "text": "".join(out), "clean_text": text, "garbles": garbles}


def main() -> None:
    for source, output in SETS.items():
        records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        garbled = [garble_paragraph(r) for r in records]
        for g in garbled:
            for item in g["garbles"]:
                assert g["text"][item["start"]:item["end"]] == item["text"]
        output.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in garbled), encoding="utf-8")
        total = sum(len(g["garbles"]) for g in garbled)
        print(f"{len(garbled)} paragraphs, {total} damaged mentions -> {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
