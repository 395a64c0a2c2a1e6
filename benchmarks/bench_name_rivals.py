"""Should the language model choose between a word's two likeliest repairs?

    .venv/bin/python benchmarks/bench_name_rivals.py

A scan puts one repair per word to the language model: the spelling model's
likeliest. When the spelling cannot tell two near spellings apart ("Lagos,
Nigeriaon": Nigerian 0.91, Nigeria 0.81), the sentence could. Three ways,
with the shipped models and thresholds, as a scan runs the check (the
language model's opinion), in the same run on the same records:

- "likeliest" (shipped): the likeliest repair, judged by the second model;
- "rivals, likeliest after the opinion": the likeliest and the likeliest
  repair with another suggestion (when it reaches the asking threshold)
  are both put to the language model, and the one the second model finds
  likelier after its opinion is kept;
- "rivals, the one read most easily": of the two, the one whose sentence
  the language model reads most easily is judged by the second model.

Measured on both generators' dev sets, with the bundled gazetteer and with
an archive: recall and top-1 on reachable mentions, false flags per 1,000
words of the clean copies, and how many repairs were put to the model.
Writes benchmarks/results/name_rivals.json.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_names import archive_gazetteer, counting, evaluate, load_set  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.checks.names.decision import (NameDecision, _as_strong_as, _best_repair_per_spelling,  # noqa: E402
                                           load_decision)
from mtcheck.checks.names.verify import _with_opinion  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "name_rivals.json"
SETS = ("dev", "realnews dev")


@dataclass(frozen=True)
class RivalsDecision(NameDecision):
    """The shipped decision, but a word's runner-up with another suggestion
    is put to the language model too; ``pick``: "probability" keeps the
    likelier after the opinion, "reading" the one read most easily."""
    pick: str = "probability"

    def decide(self, document, open_words, verifier=None):
        # As the shipped decision: a spelling's best argued repair holds at its other mentions.
        best = _best_repair_per_spelling(max(repairs, key=lambda r: r.confidence, default=None)
                                         for _, _, repairs in open_words)
        chosen = []
        for paragraph, token, repairs in open_words:
            ranked = sorted(repairs, key=lambda r: r.confidence, reverse=True)
            first = _as_strong_as(ranked[0] if ranked else None, best.get(token.key), token)
            if not first or first.confidence < self.ask_model_threshold:
                continue
            rival = next((r for r in ranked if first is ranked[0] and r.replacement != first.replacement
                          and r.confidence >= self.ask_model_threshold), None)
            chosen.append((paragraph, [first] + ([rival] if rival else [])))
        saved = iter(verifier.savings(document, [r for _, group in chosen for r in group]))
        found = []
        for paragraph, group in chosen:
            judged = [(_with_opinion(r, s, self.with_model.model), s) for r, s in zip(group, saved)]
            key = (lambda pair: pair[0].confidence) if self.pick == "probability" else (lambda pair: pair[1])
            repair = max(judged, key=key)[0]  # the likeliest on a tie
            severity = self.with_model.severity(repair.confidence)
            if severity:
                found.append((paragraph, repair, severity))
        return found


def main() -> None:
    shipped = load_decision()
    fields = (shipped.spelling, shipped.with_model, shipped.ask_model_threshold)
    decisions = {"likeliest (shipped)": shipped,
                 "rivals, likeliest after the opinion": RivalsDecision(*fields, pick="probability"),
                 "rivals, the one read most easily": RivalsDecision(*fields, pick="reading")}
    bundled, scorer = load_gazetteer(), load_scorer()
    report: dict = {}
    for set_name in SETS:
        records = load_set(set_name)
        gazetteers = {"bundled": bundled, "+archive": archive_gazetteer(bundled, records)}
        for gazetteer_name, gazetteer in gazetteers.items():
            for name, decision in decisions.items():
                put: list[int] = []
                check = NameCheck(gazetteer, counting(RepairVerifier(scorer), put), decision=decision)
                r = evaluate(check, records)
                row = {k: r[k] for k in ("recall_reachable", "top1_reachable", "precision",
                                         "false_flags_per_1000_clean_words", "clean_false_flags")}
                row["repairs_put_to_model"] = sum(put)
                report.setdefault(set_name, {}).setdefault(gazetteer_name, {})[name] = row
                print(f"{set_name:13} {gazetteer_name:9} {name:38} {row}", flush=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
