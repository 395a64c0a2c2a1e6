"""Copy the English news texts WikinewsSum collected into
fixtures/newssources/texts.jsonl.gz: 166 human-written texts of 2004-2005,
152,000 words, for measuring false name findings on clean text at scale.

    git clone https://github.com/airKlizz/WikinewsSum
    git -C WikinewsSum show 1d985031625909c908766812e8a18d0c88116ec8:cleaned_endataset.json > cleaned_endataset.json
    python tools/import_news_sources.py cleaned_endataset.json

WikinewsSum (Calizzano et al., MIT licence, (c) 2022 Remi Calizzano) pairs
English Wikinews articles with the sources they cite, as news-please
extracted them from the Wayback Machine: BBC, Reuters, CNN, the Japan
Times, the Guardian, press releases, blogs. Only those sources are kept, not
the Wikinews articles (whose cleaning dropped every linked name). Their text
belongs to the publishers and is kept here, as there, only as test data.
Each text once, 150 words or more. The split is by publisher, with the rule
of the real-pages fixtures (tools/import_real_pages.py).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

from import_real_pages import split_of

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "newssources" / "texts.jsonl.gz"
MIN_WORDS = 150


def english_sources(dataset: Path):
    for line in dataset.read_text(encoding="utf-8").splitlines():
        if line.strip():
            article = json.loads(line)
            for source in article["sources"]:
                if source["language"] == "en" and len((source.get("maintext") or "").split()) >= MIN_WORDS:
                    yield article["title"], source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, help="WikinewsSum's cleaned_endataset.json")
    args = parser.parse_args()
    seen: set[str] = set()
    records = []
    for title, source in english_sources(args.dataset):
        text = source["maintext"]
        if text in seen:
            continue
        seen.add(text)
        publisher = urlparse(source["url"]).netloc
        records.append({"id": hashlib.sha1(source["url"].encode()).hexdigest()[:12], "publisher": publisher,
                        "split": split_of(publisher), "url": source["url"], "wikinews_title": title, "text": text})
    # mtime=0: the same input gives the same bytes.
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8"))
    words = sum(len(r["text"].split()) for r in records)
    print(f"{len(records)} texts, {words} words, written to {OUT}")


if __name__ == "__main__":
    main()
