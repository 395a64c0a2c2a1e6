"""What each finding code means: for `mtcheck rules`, the config's code
checks, the fixer (which codes it may apply) and the formats that describe
their rules (SARIF) or title findings.

The texts here are ours, never article text, so they may carry Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from mtcheck.findings import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    title: str  # a few lowercase words: "corrupted name"
    category: str
    short: str
    full: str
    help: str
    help_markdown: str
    default_severity: Severity
    # Whether `mtcheck fix` applies the suggestion: "safe" by default,
    # "unsafe" only with --unsafe, None never.
    fix: Optional[Literal["safe", "unsafe"]] = None

    @property
    def name(self) -> str:
        """An identifier-like name (SARIF reportingDescriptor.name): "CorruptedName"."""
        return "".join(word.capitalize() for word in self.title.split())


RULES: tuple[Rule, ...] = (
    Rule(
        code="MT101",
        title="garbled wording",
        category="fluency",
        short="A word or short phrase that does not fit its context.",
        full=(
            "The language model finds a word far less likely in its context than its frequency alone "
            "predicts, or a word no dictionary knows gets no help from its context: the trace of a "
            "translation that picked a wrong word or made one up."
        ),
        help="Reread the phrase against the source and rewrite it in plain English. "
        "The message gives the excess surprisal in nats.",
        help_markdown="Reread the phrase against the source and rewrite it in plain English. "
        "The message gives the *excess surprisal* in nats.",
        default_severity="warning",
    ),
    Rule(
        code="MT102",
        title="garbled paragraph",
        category="fluency",
        short="A paragraph whose fluency is below 30 (info; an error below 10 over 40 words or more).",
        full=(
            "Fluency (0-100, an average clean news paragraph scores 85) compares each word's "
            "language-model surprisal with its frequency. A paragraph below 30 reads as garbled "
            "throughout, not just in one word."
        ),
        help="Rewrite the paragraph; machine translation of a whole paragraph is often best redone from the source.",
        help_markdown="Rewrite the paragraph; machine translation of a whole paragraph is often best "
        "redone from the source. Fluency is on a **0-100** scale, clean news averages **85**.",
        default_severity="info",
    ),
    Rule(
        code="MT103",
        title="garbled sentence",
        category="fluency",
        short="A sentence of six or more words whose fluency is below 35 (info).",
        full=(
            "One sentence scores far below clean news prose (fluency under 35 on a 0-100 scale where an "
            "average clean paragraph scores 85), inside a paragraph that may read well otherwise."
        ),
        help="Rewrite the sentence; check it against the source for a mistranslated word or a scrambled word order.",
        help_markdown="Rewrite the sentence; check it against the source for a mistranslated word or a "
        "scrambled word order.",
        default_severity="info",
    ),
    Rule(
        code="MT104",
        title="paragraph below minimum fluency",
        category="fluency",
        short="A paragraph below the configured min-paragraph-fluency.",
        full=(
            "The pipeline's policy sets a minimum paragraph fluency (min-paragraph-fluency); this paragraph "
            "scores below it. Raised only when that threshold is configured, always as an error."
        ),
        help="Rewrite the paragraph, or lower min-paragraph-fluency if the threshold is too strict for this content.",
        help_markdown="Rewrite the paragraph, or lower `min-paragraph-fluency` if the threshold is too strict "
        "for this content.",
        default_severity="error",
    ),
    Rule(
        code="MT201",
        title="corrupted name",
        category="name",
        short="A name that looks corrupted, with the spelling to use.",
        full=(
            "A person's or place's name that is probably a damaged spelling of a known name (from the "
            "gazetteer or from elsewhere in the same article). An error when the repair is well "
            "corroborated (confidence 0.8 or more), else a warning."
        ),
        help="Replace the name with the suggested spelling after checking the message's evidence; "
        "the suggestion replaces exactly the flagged text.",
        help_markdown="Replace the name with the suggested spelling after checking the message's "
        "evidence; the suggestion replaces **exactly** the flagged text.",
        default_severity="warning",
        fix="safe",
    ),
    Rule(
        code="MT202",
        title="older spelling",
        category="name",
        short="An older spelling of a known name (Kiev for Kyiv).",
        full="A known name in a spelling news style no longer uses; the current spelling is suggested.",
        help="Use the current spelling unless the older one is quoted or historical.",
        help_markdown="Use the current spelling unless the older one is quoted or historical "
        "(*Kiev* becomes *Kyiv*).",
        default_severity="info",
        fix="unsafe",
    ),
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
    Rule(
        code="MT401",
        title="no article text",
        category="structure",
        short="A document with no paragraph to check.",
        full=(
            "No paragraph of the document could be scored: a web page whose article text could not be "
            "extracted, or a text of only boilerplate, repeats and short labels. Nothing in it was checked."
        ),
        help="Open the document: if it holds an article, save its text as .txt or .md and scan that.",
        help_markdown="Open the document: if it holds an article, save its text as `.txt` or `.md` and scan that.",
        default_severity="warning",
    ),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def rule_for(code: str) -> Rule:
    """The code's rule; a code this module does not know (a newer check) gets a plain stand-in."""
    if code in RULES_BY_CODE:
        return RULES_BY_CODE[code]
    return Rule(
        code=code, title="finding", category="other", short=f"mtcheck finding {code}.",
        full=f"mtcheck finding {code}.", help="See the finding's message.",
        help_markdown="See the finding's message.", default_severity="warning",
    )


def finding_title(code: str) -> str:
    """"MT201 corrupted name": how annotations title a finding."""
    return f"{code} {rule_for(code).title}"


def fixable_codes(unsafe: bool = False) -> frozenset[str]:
    """The codes whose suggestion `mtcheck fix` applies (``unsafe``: with --unsafe)."""
    return frozenset(rule.code for rule in RULES if rule.fix == "safe" or (unsafe and rule.fix == "unsafe"))
