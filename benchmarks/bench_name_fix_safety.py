"""Which name suggestions may `mtcheck fix` apply unasked? Right fixes, safe and unsafe.

    .venv/bin/python benchmarks/bench_name_fix_safety.py                    # dev sets
    .venv/bin/python benchmarks/bench_name_fix_safety.py --split held-out   # checked once

A name finding (MT201) can be right that a name is damaged and still
suggest the wrong name: the language model's opinion tells that a sentence
reads better with another spelling, not which one was meant, and a famous
near spelling reads better almost anywhere. So `mtcheck fix` applies by
default only the suggestions the spelling evidence argues for on its own
(the finding's "fix" is "safe"); the others ("unsafe") only with --unsafe.
This measures, with the check as a scan runs it (bundled gazetteer and the
language model), how often an applied suggestion is right, both ways:

- generators: both damage generators' sets, damaged and clean copies
  (right: the suggestion restores the damaged name, bench_names.py);
- post-edits: MLQE-PE real MT (bench_names_postedit.py; right: the
  post-editor's spelling, or judged right in
  benchmarks/verdicts/names_postedit.jsonl, since editors leave some
  damage: "Mikronesia"; a finding on a word the editor kept and no one
  judged is counted wrong);
- clean news: other human-written news (bench_names_clean_news.py; right:
  an author's slip judged true; unjudged findings counted apart);
- held-out only, WMT23 Chinese-to-English MT (bench_names_mqm.py's check
  set; right: judged "right" in benchmarks/verdicts/names_mqm.jsonl).

Writes benchmarks/results/name_fix_safety.<split>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_names import is_right_repair, load_set, overlaps  # noqa: E402
from bench_names_clean_news import load_texts, load_verdicts  # noqa: E402
from bench_names_mqm import SETS as MQM_SETS, VERDICTS as MQM_VERDICTS, articles  # noqa: E402
from bench_names_postedit import DATA as POSTEDITS, aligned, token_start, verdict  # noqa: E402
from bench_names_postedit import load_verdicts as load_postedit_verdicts  # noqa: E402
from mtcheck.checks.base import fix_applicability  # noqa: E402
from mtcheck.checks.names import NameCheck, RepairVerifier  # noqa: E402
from mtcheck.gazetteer import load_gazetteer  # noqa: E402
from mtcheck.lm.scorer import load_scorer  # noqa: E402
from mtcheck.reading import parse_text  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SPLITS = {"dev": {"generators": ("dev", "realnews dev"), "post-edits": "dev", "clean news": "dev"},
          "held-out": {"generators": ("held-out", "realnews held-out"), "post-edits": "test20",
                       "clean news": "held-out", "WMT23 MT": "check"}}


def name_findings(check: NameCheck, text: str) -> list:
    return [f for f in check.check_document(parse_text(text)) if f.code == "MT201"]


def generator_outcomes(check: NameCheck, set_names: tuple[str, ...]):
    """(finding, right) on both generators' damaged and clean copies."""
    for record in (r for name in set_names for r in load_set(name)):
        for finding in name_findings(check, record["text"]):
            yield finding, any(is_right_repair(finding, g) for g in record["garbles"] if overlaps(finding, g))
        for finding in name_findings(check, record["clean_text"]):
            yield finding, False


def postedit_outcomes(check: NameCheck, split: str):
    """(finding, right) on the damaged names the post-editor corrected, the
    findings judged, and the words the editor kept."""
    verdicts = load_postedit_verdicts(split)
    for row in map(json.loads, gzip.open(POSTEDITS, "rt", encoding="utf-8")):
        if row["split"] != split:
            continue
        mt = row["mt"]
        damaged, kept, _ = aligned(mt, row["pe"])
        for finding in name_findings(check, mt):
            judged = verdict(finding, damaged, verdicts)
            if judged != "unreviewed":
                yield finding, judged == "right"
            elif token_start(mt, finding.start) in kept:
                yield finding, False


def clean_news_outcomes(check: NameCheck, split: str):
    """(finding, right or None when unjudged) on human-written news."""
    verdicts = load_verdicts()
    for record in load_texts(split):
        for finding in name_findings(check, record["text"]):
            verdict = verdicts.get((record["id"], finding.text, finding.suggestions[0]))
            yield finding, (verdict["verdict"] == "true") if verdict else None


def mqm_outcomes(check: NameCheck, set_name: str):
    """(finding, right or None when unjudged) on WMT23 MT, each system's document read as one article."""
    verdicts = {(row["text"], row["suggestion"]): row["verdict"]
                for row in map(json.loads, MQM_VERDICTS.read_text(encoding="utf-8").splitlines())
                if row["set"] == set_name}
    for segments in articles(MQM_SETS[set_name]):
        text = "".join(segment["target"] + "\n\n" for segment in segments)
        for finding in name_findings(check, text):
            verdict = verdicts.get((finding.text, finding.suggestions[0]))
            yield finding, (verdict == "right") if verdict else None


def tally(outcomes) -> dict:
    """Fixes applied by default and with --unsafe: how many, how many right, and the examples unsafe holds back."""
    counts, held_back = Counter(), []
    for finding, right in outcomes:
        if right is None:
            counts["unjudged"] += 1
            continue
        safe = fix_applicability(finding) == "safe"
        counts.update({"unsafe fixes": 1, "unsafe right": right, "safe fixes": safe, "safe right": safe and right})
        if not safe:
            held_back.append(f"{finding.text} -> {finding.suggestions[0]}: {'right' if right else 'wrong'}")

    def precision(kind: str) -> float | None:
        return round(counts[f"{kind} right"] / counts[f"{kind} fixes"], 3) if counts[f"{kind} fixes"] else None
    return {"default (safe)": {"fixes": counts["safe fixes"], "right": counts["safe right"],
                               "precision": precision("safe")},
            "with --unsafe": {"fixes": counts["unsafe fixes"], "right": counts["unsafe right"],
                              "precision": precision("unsafe")},
            "unjudged findings": counts["unjudged"], "held_back": held_back}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=list(SPLITS), default="dev")
    split = parser.parse_args().split
    check = NameCheck(load_gazetteer(), RepairVerifier(load_scorer()))
    readers = {"generators": generator_outcomes, "post-edits": postedit_outcomes,
               "clean news": clean_news_outcomes, "WMT23 MT": mqm_outcomes}
    report = {"split": split}
    for source, sets in SPLITS[split].items():
        report[source] = tally(readers[source](check, sets))
        print(source, json.dumps({k: v for k, v in report[source].items() if k != "held_back"}), flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"name_fix_safety.{split}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                                           encoding="utf-8")


if __name__ == "__main__":
    main()
