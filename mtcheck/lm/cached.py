"""Token scores from the disk cache, and the model loaded only on a miss.

A CachedScorer answers like an LMScorer (``score``, ``signature``), but asks
the results store first: a re-scan of articles scored before reads every
paragraph's scores from disk and never imports torch or loads the model.
The key of a paragraph's scores is everything that decides them: the
model's content fingerprint and the scorer's settings (its signature), the
package versions that compute them, the paragraph and every paragraph read
before it in its stream (chained: each key covers the one before).
"""

from __future__ import annotations

from array import array
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from typing import Callable, Optional, Sequence

from mtcheck.cache import ResultStore, entry_key
from mtcheck.lm.model import ModelSource
from mtcheck.lm.scorer import LMScorer, ScorerSettings, TokenScores, scorer_signature

# Raise when what the scorer computes changes without a change of settings.
SCORES_VERSION = 2


class CachedScorer:
    def __init__(self, source: ModelSource, settings: ScorerSettings, store: Optional[ResultStore],
                 load: Callable[[ModelSource], object]):
        self.source = source
        self.settings = settings
        self.store = store
        self._load = load

    @property
    def signature(self) -> dict:
        return scorer_signature(self.source, self.settings)

    @cached_property
    def scorer(self) -> LMScorer:
        """The model, loaded on the first text the cache does not hold."""
        return LMScorer(self._load(self.source), settings=self.settings)

    def score(self, texts: Sequence[str]) -> list[TokenScores]:
        return [scores for scores, in self.score_streams([[text] for text in texts])]

    def score_streams(self, streams: Sequence[Sequence[str]]) -> list[tuple[TokenScores, ...]]:
        """As LMScorer.score_streams; a stream with any paragraph missing from
        the store is scored whole (its paragraphs depend on those before)."""
        if self.store is None:
            return self.scorer.score_streams(streams)
        places = [(i, j) for i, stream in enumerate(streams) for j in range(len(stream))]
        keys = [key for stream in streams for key in self._stream_keys(stream)]

        def compute(missing: list[int]) -> list[TokenScores]:
            wanted = list(dict.fromkeys(places[k][0] for k in missing))
            scored = dict(zip(wanted, self.scorer.score_streams([streams[i] for i in wanted])))
            return [scored[places[k][0]][places[k][1]] for k in missing]

        flat = iter(self.store.get_or_compute(keys, compute, encode, decode))
        return [tuple(next(flat) for _ in stream) for stream in streams]

    def _stream_keys(self, stream: Sequence[str]) -> list[str]:
        keys, before = [], ""
        for text in stream:
            before = entry_key(self._key_signature, before, text)
            keys.append(before)
        return keys

    @cached_property
    def _key_signature(self) -> dict:
        return {**self.signature, "scores": SCORES_VERSION,
                **{package: _version(package) for package in ("torch", "transformers", "tokenizers")}}


def encode(scores: TokenScores) -> bytes:
    """Token count, then the offsets and the NLL values as doubles (exact)."""
    flat = array("q", [len(scores.nll)] + [x for pair in scores.offsets for x in pair])
    return flat.tobytes() + array("d", scores.nll).tobytes()


def decode(data: bytes) -> TokenScores:
    count = array("q", data[:8])[0]
    split = 8 * (1 + 2 * count)
    flat = array("q", data[8:split])
    return TokenScores(offsets=tuple(zip(flat[0::2], flat[1::2])), nll=tuple(array("d", data[split:])))


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return ""
