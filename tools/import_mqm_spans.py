"""Turn a WMT MQM annotation file into fixtures/mqm/*.jsonl.gz: each machine
translation once, with the error spans professional raters marked in it.

    git clone https://github.com/google/wmt-mqm-human-evaluation
    python tools/import_mqm_spans.py wmt-mqm-human-evaluation/ted/zhen/mqm_ted_zhen.tsv
    tar xzf wmt-mqm-human-evaluation/generalMT2023/zhen/sxs_mqm_generalMT2023_zhen.3ratingsPerSegment.tsv.tar.gz
    python tools/import_mqm_spans.py sxs_mqm_generalMT2023_zhen.3ratingsPerSegment.tsv

The annotations (Freitag et al. 2021, "Experts, Errors, and Context", and the
WMT23 general task's MQM; Apache-2.0, Google) have one row per error: the
target with the error's span between <v> and </v>, its category, severity
and rater; "No-error" rows mark a translation a rater found no error in.
The WMT23 file also holds attention checks (severity "HOTW-test": errors
planted to see whether a rater notices them), which are left out, as are
human references (systems "ref", "refB"): this is the machine-translation
side. Output lines: {"system", "doc", "seg", "target", "raters", "errors":
[[start, end, category, severity, rater], ...]} with str offsets into
``target``; an error marked on no span has start == end.
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
ATTENTION_CHECK = "HOTW-test"


def spans(marked: str) -> tuple[str, int, int]:
    """The target without <v> marks, and the marked span's offsets in it."""
    start = marked.find("<v>")
    if start < 0:
        return marked, 0, 0
    end = marked.find("</v>", start)
    plain = marked.replace("<v>", "").replace("</v>", "")
    return plain, start, (end - 3 if end >= 0 else start)


def read_rows(path: Path):
    """The rows of a machine translation's annotations, as dicts with the
    column names of both releases ("seg_id" in 2021, "docSegId" in 2023)."""
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["system"] not in HUMAN_SYSTEMS and row["severity"] != ATTENTION_CHECK:
                yield {**row, "seg": int(row.get("seg_id") or row["docSegId"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path)
    parser.add_argument("--out", type=Path, default=OUT, help=f"directory to write to (default: {OUT.name}/)")
    args = parser.parse_args()
    segments: dict[tuple, dict] = {}
    for row in read_rows(args.tsv):
        target, start, end = spans(row["target"])
        key = (row["system"], row["doc"], row["seg"])
        segment = segments.setdefault(key, {"system": key[0], "doc": key[1], "seg": key[2],
                                            "target": target, "raters": [], "errors": []})
        if row["rater"] not in segment["raters"]:
            segment["raters"].append(row["rater"])
        if row["category"] != "No-error":
            # Raters' copies of a target can differ in trailing space: a span
            # marked on it (an omission at the end) is kept at the end.
            length = len(segment["target"])
            segment["errors"].append([min(start, length), min(end, length), row["category"], row["severity"],
                                      row["rater"]])
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / (args.tsv.name.removesuffix(".tsv") + ".jsonl.gz")
    # mtime 0: the same input gives the same bytes.
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        for key in sorted(segments):
            segment = segments[key]
            segment["raters"].sort()
            raw.write((json.dumps(segment, ensure_ascii=False) + "\n").encode("utf-8"))
    print(f"{len(segments)} translations -> {out}")


if __name__ == "__main__":
    main()
