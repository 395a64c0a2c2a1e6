"""Turn a WMT MQM annotation file into fixtures/mqm/*.jsonl.gz: each machine
translation once, with the error spans professional raters marked in it.

    git clone https://github.com/google/wmt-mqm-human-evaluation
    python tools/import_mqm_spans.py wmt-mqm-human-evaluation/ted/zhen/mqm_ted_zhen.tsv

The annotations (Freitag et al. 2021, "Experts, Errors, and Context";
Apache-2.0, Google) have one row per error: the target with the error's span
between <v> and </v>, its category and severity; "No-error" rows mark a
translation with none. Human references (systems "ref", "refB") are left out:
this is the machine-translation side. Output lines: {"system", "doc",
"seg", "target", "errors": [[start, end, category, severity], ...]} with
str offsets into ``target``; an error marked on no span has start == end.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "mqm"
HUMAN_SYSTEMS = {"ref", "refB"}


def spans(marked: str) -> tuple[str, int, int]:
    """The target without <v> marks, and the marked span's offsets in it."""
    start = marked.find("<v>")
    if start < 0:
        return marked, 0, 0
    end = marked.find("</v>", start)
    plain = marked.replace("<v>", "").replace("</v>", "")
    return plain, start, (end - 3 if end >= 0 else start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path)
    args = parser.parse_args()
    csv.field_size_limit(sys.maxsize)
    segments: dict[tuple, dict] = {}
    with open(args.tsv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["system"] in HUMAN_SYSTEMS:
                continue
            target, start, end = spans(row["target"])
            key = (row["system"], row["doc"], int(row["seg_id"]))
            segment = segments.setdefault(key, {"system": key[0], "doc": key[1], "seg": key[2],
                                                "target": target, "errors": []})
            if row["category"] != "No-error":
                segment["errors"].append([start, end, row["category"], row["severity"]])
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / (args.tsv.name.removesuffix(".tsv") + ".jsonl.gz")
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        for key in sorted(segments):
            handle.write(json.dumps(segments[key], ensure_ascii=False) + "\n")
    print(f"{len(segments)} translations -> {out}")


if __name__ == "__main__":
    main()
