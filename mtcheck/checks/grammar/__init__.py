"""Grammar: findings from a grammar engine, behind one interface.

Engines (``engine.GrammarEngine``):

- ``harper``: Harper through harper-py, embedded and offline (the default);
- ``languagetool``: a LanguageTool server by URL (what pipelines run), or a
  local install through language-tool-python;
- ``none``: no grammar check.

Every hit becomes a Finding of category "grammar": MT301 for grammar and
usage, MT302 for a misspelled ordinary word. A spelling hit on a capitalised
word is a name: the name check judges those (with the gazetteer and the
article), so users do not hear about a name twice, and engines' suggestions
for names ("Stavridis" -> "Starvings") never reach them.
"""

from mtcheck.checks.grammar.check import GrammarCheck, GrammarSettings
from mtcheck.checks.grammar.engine import EngineUnavailable, GrammarEngine, GrammarHit

__all__ = ["EngineUnavailable", "GrammarCheck", "GrammarEngine", "GrammarHit", "GrammarSettings"]
