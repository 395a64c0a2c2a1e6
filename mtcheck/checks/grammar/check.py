"""Grammar findings for a document, from whichever engine the settings choose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from mtcheck.checks.grammar.engine import GrammarEngine, GrammarHit
from mtcheck.document import Document
from mtcheck.findings import Finding

ENGINES = ("harper", "languagetool", "none")
# Harper's lint kinds that are house style or opinion rather than errors
# (sentence length, "very good" -> "excellent", the Oxford comma, compound
# spellings such as "hardliners" -> "hard liners"), or that repeat another
# check (WordChoice: Kiev -> Kyiv is MT202). On with --picky.
HARPER_STYLE_KINDS = ("Readability", "Enhancement", "Style", "WordChoice", "Formatting", "Punctuation", "Typo")
# A "misspelled" word that English text uses this often (wordfreq Zipf) is a
# real word the engine's dictionary lacks: "flashpoint", "détente".
ATTESTED_WORD_ZIPF = 2.0
MUCH_COMMONER = 2.0  # Zipf points: a hundred times as frequent


@dataclass(frozen=True)
class GrammarSettings:
    engine: str = "harper"
    languagetool_url: Optional[str] = None
    picky: bool = False
    disabled_rules: tuple[str, ...] = ()
    accepted_words: tuple[str, ...] = ()

    def make_engine(self) -> Optional[GrammarEngine]:
        options = dict(picky=self.picky, disabled_rules=self.disabled_rules, accepted_words=self.accepted_words)
        if self.engine == "harper":
            from mtcheck.checks.grammar.harper_engine import HarperEngine

            style = () if self.picky else HARPER_STYLE_KINDS
            return HarperEngine(**{**options, "disabled_rules": (*self.disabled_rules, *style)})
        if self.engine == "languagetool":
            from mtcheck.checks.grammar.languagetool import LanguageToolEngine

            engine = LanguageToolEngine(self.languagetool_url, **options)
            engine.ping()
            return engine
        return None


class GrammarCheck:
    def __init__(self, engine: Optional[GrammarEngine]):
        self.engine = engine

    def check(self, document: Document) -> list[Finding]:
        """MT301/MT302 findings on the scored paragraphs (headlines included:
        a wrong word is wrong anywhere)."""
        if self.engine is None:
            return []
        paragraphs = [p for p in document.paragraphs if p.skipped in (None, "too-short")]
        texts = [document.paragraph_text(p) for p in paragraphs]
        results = self.engine.check(texts, markdown=document.format == "md")
        findings = []
        for paragraph, text, hits in zip(paragraphs, texts, results):
            findings += [self._finding(document, paragraph, text, hit) for hit in hits
                         if not is_name(text, hit) and not is_attested_word(text, hit)]
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
    from mtcheck.checks.names.runs import word_zipf

    word = text[hit.start:hit.end]
    if not hit.spelling or word_zipf(word) < ATTESTED_WORD_ZIPF:
        return False
    if any(s == word.capitalize() for s in hit.suggestions):
        return False
    return not any(word_zipf(s) >= word_zipf(word) + MUCH_COMMONER for s in hit.suggestions)


def is_name(text: str, hit: GrammarHit) -> bool:
    """A spelling hit on a capitalised word: the name check's business."""
    word = text[hit.start:hit.end]
    return hit.spelling and word[:1].isupper()
