"""A grammar engine's hits from the disk cache, the engine asked only on a miss.

Harper takes about 3.5 s to load its dictionary: a re-scan of articles
linted before reads their hits from the results store and never builds it.
The key is the engine's signature (its version and every setting that
changes what it reports) and the text, as linted (plain or Markdown).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Sequence

from mtcheck.cache import ResultStore, entry_key
from mtcheck.checks.grammar.engine import GrammarEngine, GrammarHit


class CachedEngine:
    def __init__(self, engine: GrammarEngine, store: ResultStore):
        self.engine = engine
        self.name = engine.name
        self.store = store

    def check(self, texts: Sequence[str], markdown: bool = False) -> list[list[GrammarHit]]:
        signature = {**self.engine.signature, "markdown": markdown}
        keys = [entry_key(signature, text) for text in texts]
        return self.store.get_or_compute(
            keys, lambda missing: self.engine.check([texts[i] for i in missing], markdown), _encode, _decode)


def _encode(hits: list[GrammarHit]) -> bytes:
    return json.dumps([asdict(hit) for hit in hits], ensure_ascii=False).encode("utf-8", "surrogatepass")


def _decode(data: bytes) -> list[GrammarHit]:
    return [GrammarHit(**{**hit, "suggestions": tuple(hit["suggestions"])})
            for hit in json.loads(data.decode("utf-8", "surrogatepass"))]
