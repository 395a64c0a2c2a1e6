"""Token scores from the disk cache, and the model loaded only on a miss.

A CachedScorer answers like an LMScorer (``score``, ``signature``), but asks
the results store first: a re-scan of articles scored before reads every
paragraph's scores from disk and never imports torch or loads the model.
The key of a text's scores is everything that decides them: the model's
content fingerprint and the scorer's settings (its signature), the package
versions that compute them, the text and its lead.
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
SCORES_VERSION = 1


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

    def score(self, texts: Sequence[str], leads: Sequence[str] | None = None) -> list[TokenScores]:
        leads = list(leads or [""] * len(texts))
        if self.store is None:
            return self.scorer.score(texts, leads)
        keys = [entry_key(self._key_signature, lead, text) for lead, text in zip(leads, texts)]
        return self.store.get_or_compute(
            keys, lambda missing: self.scorer.score([texts[i] for i in missing], [leads[i] for i in missing]),
            encode, decode)

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
