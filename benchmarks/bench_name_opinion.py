"""How the language model's opinion of name repairs was tuned, and what was tried.

    .venv/bin/python benchmarks/bench_name_opinion.py [--set dev] [--proposals]

For every repair the spelling evidence argues with confidence 0.4 or more on
a garbled-names set (bundled gazetteer, and bundled plus the clean archive),
on the damaged and on the clean text, it records whether the repair is right,
a wrong name for a damaged mention, or a false flag, and the nats the
repaired sentence saves (checks/names/verify.py). It then prints, for a grid
of weights, neutral savings and demotion caps, the right repairs, wrong ones
and false flags that would reach the 0.6 threshold, both for the plain saving
and for the saving minus the same two spellings' saving out of context (a
PMI). verify.py's weights (0.01 per nat beyond 8, demotion capped at 0.02)
were chosen from the dev grid.

--proposals also tries the model as a source of candidates: for each
unflagged, unknown name word, five beam continuations after the lead and the
word's first letter, kept when they are a gazetteer word spelled alike. Slow
(about 15 minutes on dev).

Writes benchmarks/results/name_opinion_{set}.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_names import SETS, archive_gazetteer, is_right_repair, load_set  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier, name_runs  # noqa: E402
from mtcheck.checks.names.runs import compact  # noqa: E402
from mtcheck.checks.names.similarity import SIMILARITY_FLOOR, spelling_similarity  # noqa: E402
from mtcheck.checks.names.verify import mentions_of, repair_windows  # noqa: E402
from mtcheck.gazetteer import Gazetteer, fold_ascii, load_gazetteer  # noqa: E402
from mtcheck.lm.model import default_model_source, load_model  # noqa: E402
from mtcheck.lm.scorer import LMScorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

LABELS = ("right", "wrong", "false_flag_clean", "false_flag_damaged")


def gazetteers(records: list[dict]) -> dict[str, Gazetteer]:
    bundled = load_gazetteer()
    return {"bundled": bundled, "bundled+archive": archive_gazetteer(bundled, records)}


class Recorder(RepairVerifier):
    """A verifier that records what it is asked (every repair from
    CANDIDATE_CONFIDENCE) with the savings, and changes nothing."""

    def __init__(self, scorer: LMScorer):
        super().__init__(scorer)
        self.asked = []

    def verify(self, document, repairs):
        self.asked += [(document, repair, saved) for repair, saved in zip(repairs, self.savings(document, repairs))]
        return list(repairs)


def label(repair, record: dict, kind: str) -> str:
    if kind == "clean":
        return "false_flag_clean"
    token = repair.token
    over = [g for g in record["garbles"] if token.start < g["end"] and g["start"] < token.end]
    if not over:
        return "false_flag_damaged"
    finding = SimpleNamespace(start=token.start, end=token.end, text=token.text, suggestions=(repair.replacement,))
    return "right" if any(is_right_repair(finding, g) for g in over) else "wrong"


def candidate_repairs(gazetteer: Gazetteer, records: list[dict], scorer: LMScorer) -> list[dict]:
    """Every repair put to the model, with its label, the nats it saves, and
    that saving less the same two spellings' saving read out of context
    (once per mention the window repairs): a PMI."""
    recorder = Recorder(scorer)
    check = NameCheck(gazetteer, recorder)
    rows = []
    for record in records:
        for kind, text in (("damaged", record["text"]), ("clean", record["clean_text"])):
            recorder.asked.clear()
            check.check(parse_text(text))
            for document, repair, saved in recorder.asked:
                token = repair.token
                written, _ = repair_windows(document.text, token.start, token.end, repair.replacement)
                alone = scorer.score([token.text, repair.replacement])
                rows.append({"id": record["id"], "text": token.text, "suggestion": repair.replacement,
                             "confidence": round(repair.confidence, 3), "label": label(repair, record, kind),
                             "saving": round(saved, 2),
                             "pmi_saving": round(saved - len(mentions_of(token.text).findall(written))
                                                 * (sum(alone[0].nll) - sum(alone[1].nll)), 2)})
    return rows


def reaching_threshold(rows: list[dict], measure: str, weight: float, neutral: float, cap: float) -> dict:
    counts = dict.fromkeys(LABELS, 0)
    for row in rows:
        if row["confidence"] + max(-cap, weight * (row[measure] - neutral)) >= 0.6:
            counts[row["label"]] += 1
    return counts


def grid(rows_by_gazetteer: dict[str, list[dict]]) -> list[dict]:
    settings = [("none", 0.0, 0.0, 1.0)] + [
        (measure, weight, neutral, cap) for measure in ("saving", "pmi_saving") for cap in (0.02, 1.0)
        for weight in (0.005, 0.01, 0.02) for neutral in ((4, 6, 8, 10) if measure == "saving" else (0, 2, 4))]
    table = []
    for measure, weight, neutral, cap in settings:
        result = {name: reaching_threshold(rows, measure if measure != "none" else "saving", weight, neutral, cap)
                  for name, rows in rows_by_gazetteer.items()}
        table.append({"measure": measure, "weight": weight, "neutral": neutral, "cap": cap, **result})
    return table


def proposals(check: NameCheck, records: list[dict], scorer: LMScorer) -> dict:
    """The model proposes the name (beam continuations after the damaged word's first letter)."""
    import torch

    tokenizer, model = scorer.loaded.tokenizer, scorer.loaded.model
    counts = dict.fromkeys(LABELS, 0)
    asked = 0
    for record in records:
        for kind, text in (("damaged", record["text"]), ("clean", record["clean_text"])):
            document = parse_text(text)
            flagged = {(f.start, f.end) for f in check.check(document) if f.code == "MT201"}
            for paragraph in document.scored_paragraphs:
                for token in (t for run in name_runs(document, paragraph, check.is_name_part) for t in run):
                    if (len(token.key) < 4 or (token.start, token.end) in flagged
                            or check.gazetteer.is_known_token(token.key) or check.gazetteer.has_form(token.text)):
                        continue
                    asked += 1
                    written, _ = repair_windows(document.text, token.start, token.end, token.text)
                    lead = written[:written.rindex(token.text)].rstrip() + " " + token.text[0]
                    ids = [scorer.prefix_id] + tokenizer(lead, add_special_tokens=False)["input_ids"]
                    with torch.inference_mode():
                        beams = model.generate(torch.tensor([ids]), max_new_tokens=4, num_beams=5,
                                               num_return_sequences=5, do_sample=False,
                                               pad_token_id=tokenizer.eos_token_id or 0)
                    for beam in beams:
                        word = re.match(r"[\w'’\-]*", token.text[0] + tokenizer.decode(beam[len(ids):],
                                                                                    skip_special_tokens=True)).group()
                        key = compact(re.sub(r"['’]s$", "", word))
                        if (key and key != token.key and check.gazetteer.is_known_token(key)
                                and spelling_similarity(token.key, key) >= SIMILARITY_FLOOR):
                            gold = [g for g in record["garbles"] if g["start"] == token.start] if kind == "damaged" else []
                            right = gold and fold_ascii(key) == fold_ascii(compact(gold[0]["expected"]))
                            counts["right" if right else "wrong" if gold else f"false_flag_{kind}"] += 1
    return {"words_asked": asked, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--proposals", action="store_true")
    args = parser.parse_args()
    records = load_set(args.set)
    scorer = LMScorer(load_model(default_model_source()))
    by_name = gazetteers(records)
    rows = {name: candidate_repairs(g, records, scorer) for name, g in by_name.items()}
    report = {"set": args.set, "grid": grid(rows), "repairs": rows}
    print(f"{'measure':10} {'weight':>6} {'neutral':>7} {'cap':>4}  " + "  ".join(
        f"{name}: right/wrong/false clean/false damaged" for name in rows))
    for line in report["grid"]:
        cells = "  ".join(f"{'/'.join(str(line[name][k]) for k in LABELS):>38}" for name in rows)
        print(f"{line['measure']:10} {line['weight']:6} {line['neutral']:7} {line['cap']:4}  {cells}")
    if args.proposals:
        report["proposals"] = proposals(NameCheck(by_name["bundled"]), records, scorer)
        print("model proposals (bundled):", report["proposals"])
    out = ROOT / "benchmarks" / "results" / f"name_opinion_{args.set.replace('-', '')}.json"
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
