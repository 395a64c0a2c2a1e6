"""Copy the hand-made article bodies of every page of the real-pages
publishers into fixtures/realpages/bodies.jsonl: human-written news text,
for the second garbled-names sets (tools/make_name_devset2.py).

    git clone https://github.com/scrapinghub/article-extraction-benchmark
    python tools/import_real_bodies.py article-extraction-benchmark

Same source, licence and publishers as tools/import_real_pages.py (Zyte's
article-extraction benchmark, MIT, (c) 2020 Scrapinghub), but every page of
those publishers, not only the first, and only its article body (no HTML).
The split is the publisher's, as for the pages: held-out publishers stay
held out.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from urllib.parse import urlparse

from import_real_pages import OUT, PUBLISHERS, split_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", type=Path, help="a checkout of scrapinghub/article-extraction-benchmark")
    args = parser.parse_args()
    truth = json.loads((args.benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    written = 0
    with open(OUT / "bodies.jsonl", "w", encoding="utf-8") as out:
        for key in sorted(truth):
            publisher = urlparse(truth[key]["url"]).netloc
            if publisher not in PUBLISHERS:
                continue
            record = {"id": key[:12], "publisher": publisher, "split": split_of(publisher),
                      "url": truth[key]["url"], "benchmark_key": key, "text": truth[key]["articleBody"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    print(f"{written} article bodies written to {OUT / 'bodies.jsonl'}")


if __name__ == "__main__":
    main()
