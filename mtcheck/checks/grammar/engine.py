"""The grammar engine interface and what an engine reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from mtcheck.checks.base import CheckUnavailable


@dataclass(frozen=True)
class GrammarHit:
    start: int  # offsets into the text the engine was given
    end: int
    rule: str  # the engine's rule id ("Agreement", "MORFOLOGIK_RULE_EN_US")
    spelling: bool  # a spelling (unknown word) hit, as opposed to grammar or usage
    message: str
    suggestions: tuple[str, ...] = ()


class EngineUnavailable(CheckUnavailable):
    """The engine cannot be used (server unreachable, package missing); the message says why."""


class GrammarEngine(Protocol):
    name: str

    def check(self, texts: Sequence[str], markdown: bool = False) -> list[list[GrammarHit]]:
        """Hits for each text, offsets relative to that text."""
