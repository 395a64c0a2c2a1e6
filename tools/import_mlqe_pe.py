"""Turn MLQE-PE's post-edited machine translation into English into
fixtures/mlqe_pe/mt_pe.jsonl.gz: each MT output with its professional post-edit.

    git clone https://github.com/sheffieldnlp/mlqe-pe
    python tools/import_mlqe_pe.py mlqe-pe

MLQE-PE (Fomicheva et al. 2020, "MLQE-PE: A Multilingual Quality Estimation
and Post-Editing Dataset"; CC0 1.0) holds Wikipedia sentences translated by
neural MT systems and post-edited by professional translators. Only the
directions into English are read (Estonian, Nepali, Romanian, Russian,
Sinhala), and only the dev and test20 splits: a damaged name the
post-editor corrected is real MT damage whose original is known. Output
lines: {"lang", "split", "line", "mt", "pe"}, the MT and post-edit as the
dataset tokenised them (Moses-style: "Tskhinvali ." with the stop apart).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "mlqe_pe" / "mt_pe.jsonl.gz"
LANGUAGES = ("et", "ne", "ro", "ru", "si")
SPLITS = ("dev", "test")


def read_split(archive: Path) -> tuple[list[str], list[str]]:
    """The MT and post-edit lines of one split's archive (its *.mt and *.pe members)."""
    texts = {}
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            suffix = Path(member.name).suffix
            if suffix in (".mt", ".pe"):
                texts[suffix] = io.TextIOWrapper(tar.extractfile(member), encoding="utf-8").read().splitlines()
    if len(texts.get(".mt", ())) != len(texts.get(".pe", ())) or not texts.get(".mt"):
        raise SystemExit(f"{archive}: no MT and post-edit lines of the same count")
    return texts[".mt"], texts[".pe"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", type=Path, help="a clone of github.com/sheffieldnlp/mlqe-pe")
    args = parser.parse_args()
    rows = []
    for lang in LANGUAGES:
        for split in SPLITS:
            archive = args.repository / "data" / "post-editing" / split / f"{lang}-en-{split}.tar.gz"
            mt, pe = read_split(archive)
            name = "test20" if split == "test" else split
            rows += [{"lang": lang, "split": name, "line": i, "mt": m, "pe": p}
                     for i, (m, p) in enumerate(zip(mt, pe))]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime 0: the same input gives the same bytes.
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8"))
    print(f"{len(rows)} post-edited translations -> {OUT}")


if __name__ == "__main__":
    main()
