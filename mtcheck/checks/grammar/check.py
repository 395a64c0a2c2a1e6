"""Grammar findings for a document, from whichever engine the settings choose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from mtcheck.checks.base import Check, Rule, register, setting
from mtcheck.checks.grammar.engine import GrammarEngine, GrammarHit
from mtcheck.checks.lexicon import word_zipf
from mtcheck.document import Document
from mtcheck.findings import Finding

ENGINES = ("harper", "languagetool", "none")
# The English a publication writes: Harper's dialect and LanguageTool's
# language code for each. American is the default.
DIALECTS = {"american": ("AMERICAN", "en-US"), "british": ("BRITISH", "en-GB"),
            "australian": ("AUSTRALIAN", "en-AU"), "canadian": ("CANADIAN", "en-CA")}
# The Harper lint kinds reported by default; every kind with picky = true.
# Measured by benchmarks/bench_grammar_rules.py: on machine translations that
# professionals annotated (WMT21 TED zh->en), the hits of every other kind
# (Agreement, Grammar, Spelling, Miscellaneous, Capitalization...) fall on an
# annotated error about as often as a word picked at random does (0.04-0.10
# against 0.06), while on real human-written news they raise 0.1-1.4 false
# alarms per 1,000 words each. A repeated word ("the the") is on an error
# 71% of the time.
HARPER_DEFAULT_KINDS = ("Repetition",)
# A "misspelled" word that English text uses this often (wordfreq Zipf) is a
# real word the engine's dictionary lacks: "flashpoint", "détente".
ATTESTED_WORD_ZIPF = 2.0
MUCH_COMMONER = 2.0  # Zipf points: a hundred times as frequent


@dataclass(frozen=True)
class GrammarSettings:
    engine: str = setting("grammar", "harper", "grammar engine: harper (embedded), languagetool (a server), none",
                          "choice", choices=ENGINES)
    languagetool_url: Optional[str] = setting("languagetool-url", None,
                                              "LanguageTool server URL, e.g. http://localhost:8081", "text")
    dialect: str = setting("dialect", "american", "grammar and spelling: the English the articles are written in",
                           "choice", choices=tuple(DIALECTS))
    picky: bool = setting("picky", False, "grammar: report style and opinion rules too", "boolean")
    disabled_rules: tuple[str, ...] = setting("disabled-rules", (),
                                              "grammar rule ids (or Harper lint kinds) never reported", "texts")
    accepted_words: tuple[str, ...] = setting("accepted-words", (), "words the spelling check accepts", "texts")

    def __post_init__(self) -> None:
        # A LanguageTool URL means LanguageTool, unless grammar is switched off.
        if self.languagetool_url and self.engine != "none":
            object.__setattr__(self, "engine", "languagetool")
        for name in ("disabled_rules", "accepted_words"):  # a config list arrives as a list
            object.__setattr__(self, name, tuple(getattr(self, name)))

    def make_engine(self, store=None) -> Optional[GrammarEngine]:
        """The engine; Harper's hits kept in ``store`` (a ResultStore) when given.
        A LanguageTool server's are not: its rules change with no version we can see."""
        options = dict(picky=self.picky, disabled_rules=self.disabled_rules, accepted_words=self.accepted_words)
        if self.engine == "harper":
            from mtcheck.checks.grammar.cached import CachedEngine
            from mtcheck.checks.grammar.harper_engine import HarperEngine

            harper = HarperEngine(**options, dialect=DIALECTS[self.dialect][0],
                                  kinds=None if self.picky else HARPER_DEFAULT_KINDS)
            return CachedEngine(harper, store) if store is not None else harper
        if self.engine == "languagetool":
            from mtcheck.checks.grammar.languagetool import LanguageToolEngine

            engine = LanguageToolEngine(self.languagetool_url, language=DIALECTS[self.dialect][1], **options)
            engine.ping()
            return engine
        return None


RULES = (
    Rule(
        code="MT301",
        title="grammar",
        category="grammar",
        short="Grammar or usage the grammar engine (Harper or LanguageTool) flags.",
        full="A grammar or usage error found by the configured grammar engine: agreement, repeated "
             "words, a missing word. The engine and its rule id are in the message.",
        help="Apply the suggestion if it fits, or rephrase; disable a rule with `disabled-rules` in the config.",
        help_markdown="Apply the suggestion if it fits, or rephrase; disable a rule with `disabled-rules` "
        "in the config.",
        default_severity="warning",
    ),
    Rule(
        code="MT302",
        title="misspelled word",
        category="grammar",
        short="An ordinary word the grammar engine's dictionary and English usage do not know.",
        full="A lower-case word that is neither in the grammar engine's dictionary nor common in English "
             "text, often a word machine translation made up (overtured). Capitalised words are names: "
             "the name check judges those.",
        help="Use the suggested spelling or the word the source meant; add real words to `accepted-words`.",
        help_markdown="Use the suggested spelling or the word the source meant; add real words to "
        "`accepted-words`.",
        default_severity="warning",
    ),
)


@register
class GrammarCheck(Check):
    name = "grammar"
    rules = RULES
    settings = GrammarSettings

    def __init__(self, engine: Optional[GrammarEngine]):
        self.engine = engine

    @classmethod
    def build(cls, parts) -> "GrammarCheck":
        """Starting LanguageTool's client pings the server: EngineUnavailable when it does not answer."""
        return cls(parts.settings_for(cls.name).make_engine(parts.store))

    def check_document(self, document: Document) -> list[Finding]:
        """MT301/MT302 findings on the scored paragraphs (headlines included:
        a wrong word is wrong anywhere; skipped paragraphs never)."""
        if self.engine is None:
            return []
        paragraphs = document.scored_paragraphs
        texts = [document.paragraph_text(p) for p in paragraphs]
        results = self.engine.check(texts, markdown=document.format == "md")
        findings = []
        for paragraph, text, hits in zip(paragraphs, texts, results):
            findings += [self._finding(document, paragraph, text, hit) for hit in hits
                         if not is_name(text, hit) and not is_attested_word(text, hit)
                         and not is_grammatical_repeat(text, hit)]
        return findings

    def _finding(self, document: Document, paragraph, text: str, hit: GrammarHit) -> Finding:
        start, end = paragraph.start + hit.start, paragraph.start + hit.end
        code, kind = ("MT302", "spelling") if hit.spelling else ("MT301", "grammar")
        return Finding(
            code=code, category="grammar", severity="warning", paragraph=paragraph.index, start=start, end=end,
            text=document.text[start:end], message=f"{kind}: {hit.message} [{self.engine.name}: {hit.rule}]",
            suggestions=hit.suggestions, confidence=0.7, details={"engine": self.engine.name, "rule": hit.rule},
        )


def is_attested_word(text: str, hit: GrammarHit) -> bool:
    """A spelling hit on a word English text commonly uses ("flashpoint",
    "détente") is the engine's dictionary's gap, unless a suggestion is far
    commoner ("teh" -> "the", "recieve" -> "receive": a typo the web repeats)
    or only capitalises it ("kyiv" -> "Kyiv")."""
    word = text[hit.start:hit.end]
    if not hit.spelling or word_zipf(word) < ATTESTED_WORD_ZIPF:
        return False
    if any(s == word.capitalize() for s in hit.suggestions):
        return False
    return not any(word_zipf(s) >= word_zipf(word) + MUCH_COMMONER for s in hit.suggestions)


# Words English doubles correctly: "she had had enough", "he said that that
# was wrong" (repeated-word rules keep the same exceptions).
GRAMMATICAL_REPEATS = frozenset({"had had", "that that"})


def is_grammatical_repeat(text: str, hit: GrammarHit) -> bool:
    return " ".join(text[hit.start:hit.end].lower().split()) in GRAMMATICAL_REPEATS


def is_name(text: str, hit: GrammarHit) -> bool:
    """A spelling hit on a capitalised word: the name check's business."""
    word = text[hit.start:hit.end]
    return hit.spelling and word[:1].isupper()
