"""Harper (harper-py): an embedded, offline grammar checker.

Building a Linter loads Harper's dictionary (about 3.5 s): one per process,
reused, and built on the first text to lint. Harper reports a lint kind
("Agreement", "Repetition", "Spelling"), which serves as the rule id;
``disabled_rules`` may name kinds or Harper's rule keys
(``harper.Linter().get_lint_descriptions()``).
"""

from __future__ import annotations

import importlib.util
from functools import cached_property, lru_cache
from importlib.metadata import version
from typing import Sequence

from mtcheck.checks.grammar.engine import EngineUnavailable, GrammarHit

MAX_SUGGESTIONS = 3


@lru_cache(maxsize=4)
def _linter(dialect: str, picky: bool, disabled: tuple[str, ...], words: tuple[str, ...]):
    try:
        from harper import Dialect, Linter
    except ImportError as error:
        raise EngineUnavailable(f"harper-py is not installed ({error})") from None
    linter = Linter(dialect=getattr(Dialect, dialect))
    config = linter.get_lint_config()
    if picky:  # every rule, including those Harper leaves off by default
        config = {rule: True for rule in config}
    known = set(config)
    config.update({rule: False for rule in disabled if rule in known})
    linter.set_lint_config(config)
    if words:
        linter.import_words(list(words))
    return linter


class HarperEngine:
    name = "harper"

    def __init__(self, *, picky: bool = False, disabled_rules: Sequence[str] = (), accepted_words: Sequence[str] = (),
                 dialect: str = "AMERICAN", kinds: Sequence[str] | None = None):
        """``dialect``: a harper.Dialect name (AMERICAN, BRITISH, AUSTRALIAN,
        CANADIAN); ``kinds``: the lint kinds to report (None: every kind)."""
        if importlib.util.find_spec("harper") is None:  # found without loading the dictionary
            raise EngineUnavailable("harper-py is not installed (pip install harper-py)")
        self.dialect = dialect
        self.picky = picky
        self.disabled = tuple(sorted(disabled_rules))
        self.accepted_words = tuple(sorted(accepted_words))
        self.kinds = None if kinds is None else frozenset(kinds)

    @cached_property
    def linter(self):
        """Built on the first text to lint (a re-scan may read every hit from the cache)."""
        return _linter(self.dialect, self.picky, self.disabled, self.accepted_words)

    @property
    def signature(self) -> dict:
        """Everything that decides the hits reported for a text."""
        return {"engine": self.name, "version": version("harper-py"), "dialect": self.dialect,
                "picky": self.picky, "disabled": self.disabled, "accepted_words": self.accepted_words,
                "kinds": sorted(self.kinds) if self.kinds is not None else None}

    def check(self, texts: Sequence[str], markdown: bool = False) -> list[list[GrammarHit]]:
        from harper import Language

        language = Language.MARKDOWN if markdown else Language.PLAINTEXT
        return [[self._hit(lint) for lint in self.linter.lint(text, language=language) if self._reports(lint)]
                for text in texts]

    def _reports(self, lint) -> bool:
        return lint.lint_kind not in self.disabled and (self.kinds is None or lint.lint_kind in self.kinds)

    @staticmethod
    def _hit(lint) -> GrammarHit:
        suggestions = tuple(s.replacement_text for s in lint.suggestions[:MAX_SUGGESTIONS] if s.replacement_text)
        return GrammarHit(lint.span.start, lint.span.end, lint.lint_kind, lint.lint_kind == "Spelling",
                          lint.message, suggestions)
