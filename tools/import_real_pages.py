"""Copy real English news pages from the Zyte (Scrapinghub) article-extraction
benchmark into fixtures/realpages/, with their ground-truth article bodies.

    git clone https://github.com/scrapinghub/article-extraction-benchmark
    python tools/import_real_pages.py article-extraction-benchmark

The benchmark (MIT licence, (c) 2020 Scrapinghub) holds 181 pages fetched
from 126 sites, with each page's article body written out by hand. The
pages' text belongs to their publishers; it is kept here, as there, only as
test data. Taken: the first page (by the benchmark's key) of each English
news publisher below, so no publisher counts twice. A publisher whose name's
SHA-1 ends in a digit divisible by 3 is held out: its pages are measured once,
after choices are made on the dev pages.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
from pathlib import Path
from urllib.parse import urlparse

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "realpages"
# English-language news and magazine publishers among the benchmark's sites
# (blogs, shops and non-English sites left out).
PUBLISHERS = (
    "www.wsj.com", "www.nytimes.com", "www.ctpost.com", "www.cbssports.com", "www.latimes.com",
    "www.sciencealert.com", "thehill.com", "www.cbsnews.com", "www.wired.com", "www.deccanherald.com",
    "www.livescience.com", "www.aljazeera.com", "nypost.com", "www.nbcnews.com", "www.sfgate.com",
    "gizmodo.com", "www.express.co.uk", "www.detroitnews.com", "www.space.com", "www.bbc.com",
    "www.usatoday.com", "www.foxnews.com", "hosted.ap.org", "www.washingtonexaminer.com", "www.politifact.com",
    "www.cnn.com", "www.businessinsider.com", "www.cnbc.com", "venturebeat.com", "www.vox.com",
    "techcrunch.com", "www.polygraph.info", "www.twincities.com", "www.cleveland.com", "www.cityam.com",
    "www.indiewire.com", "www.nj.com", "www.reuters.com", "www.theguardian.com", "www.zdnet.com",
    "www.newsweek.com", "www.hollywoodreporter.com", "slate.com", "www.oregonlive.com", "www.telegraph.co.uk",
    "news.sky.com", "www.therepublic.com", "www.billboard.com", "www.forbes.com", "www.rollingstone.com",
    "www.ctvnews.ca", "www.spokesman.com", "www.floridatoday.com", "spacenews.com", "phys.org",
    "www.jpost.com", "www.smithsonianmag.com", "www.hawaiinewsnow.com", "www.nationalreview.com", "www.barrons.com",
)


def split_of(publisher: str) -> str:
    return "held-out" if int(hashlib.sha1(publisher.encode()).hexdigest()[-1], 16) % 3 == 0 else "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", type=Path, help="a checkout of scrapinghub/article-extraction-benchmark")
    args = parser.parse_args()
    truth = json.loads((args.benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    chosen: dict[str, str] = {}
    for key in sorted(truth):
        publisher = urlparse(truth[key]["url"]).netloc
        if publisher in PUBLISHERS and publisher not in chosen:
            chosen[publisher] = key
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "pages.jsonl", "w", encoding="utf-8") as manifest:
        for publisher in PUBLISHERS:
            key = chosen[publisher]
            name = f"{publisher.removeprefix('www.').replace('.', '-')}.html.gz"
            shutil.copyfile(args.benchmark / "html" / f"{key}.html.gz", OUT / name)
            with gzip.open(OUT / name) as page:
                page.read()  # a truncated copy fails here, not in a benchmark
            record = {"file": name, "publisher": publisher, "split": split_of(publisher), "url": truth[key]["url"],
                      "benchmark_key": key, "article_body": truth[key]["articleBody"]}
            manifest.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(PUBLISHERS)} pages from {len(PUBLISHERS)} publishers written to {OUT}")


if __name__ == "__main__":
    main()
