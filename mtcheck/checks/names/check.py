"""The name check: known, corrupted or unknown, for every word of every name.

Per article: the runs of capitalised words (runs.py) and what the article
says of them (context.py); an older spelling of a known name is an MT202
finding; each word no accepted spelling explains gets its candidate repairs
(candidates.py), each described by its evidence (evidence.py: read once per
name as the article writes it, and per mention what its paragraph adds) and
scored by the fitted spelling model; the decision (decision.py), with the
language model's opinion in a scan (verify.py), keeps the repairs that are
MT201 findings.
"""

from __future__ import annotations

import re
from typing import Optional

from mtcheck.checks.base import Check, Rule, register
from mtcheck.checks.names.candidates import CandidateFinder
from mtcheck.checks.names.context import ArticleNames, OpenWord, ParagraphContext
from mtcheck.checks.names.decision import NameDecision, Repair, load_decision
from mtcheck.checks.names.evidence import EvidenceReader, WordEvidence
from mtcheck.checks.names.runs import NameToken, name_runs
from mtcheck.checks.names.verify import RepairVerifier
from mtcheck.document import Document, Paragraph
from mtcheck.findings import Finding
from mtcheck.gazetteer import GEOGRAPHIC_TYPES, Entry, Gazetteer
from mtcheck.gazetteer.normalise import compact
from mtcheck.gazetteer.words import NameWords

# A word's candidate repairs, by how one article writes it (OpenWord.as_written),
# each with the evidence that holds at every mention (evidence.WordEvidence).
WordReadings = dict[tuple, list[tuple[str, Optional[Entry], WordEvidence]]]
# ", Texas" or ", Ontario" after a place name: which place is meant.
QUALIFYING_PLACE_RE = re.compile(r",\s+([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)")

RULES = (
    Rule(
        code="MT201",
        title="corrupted name",
        category="name",
        short="A name that looks corrupted, with the spelling to use.",
        full=(
            "A person's or place's name that is probably a damaged spelling of a known name (from the "
            "gazetteer or from elsewhere in the same article). An error from the confidence at which the "
            "fitted decision's findings were 98% right on the development sets, else a warning. Only a "
            "name the gazetteer or the article holds can be suggested: a damaged name that neither holds "
            "may be flagged with the wrong one. mtcheck fix applies the suggestion when the spelling "
            "evidence argues for it on its own ('is probably'), and one only the language model's "
            "opinion argues for ('may be') with --unsafe."
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
)


@register
class NameCheck(Check):
    name = "names"
    rules = RULES

    def __init__(self, gazetteer: Gazetteer, verifier: Optional[RepairVerifier] = None,
                 decision: Optional[NameDecision] = None):
        """``verifier``: the language model's second opinion on each repair (the scan
        gives it the fluency model); without it, the spelling evidence decides alone."""
        self.gazetteer = gazetteer
        self.verifier = verifier
        self._decision = decision
        self.words = NameWords(gazetteer)
        self.finder = CandidateFinder(self.words)
        self.evidence = EvidenceReader(self.words)

    @classmethod
    def build(cls, parts) -> "NameCheck":
        return cls(parts.gazetteer, RepairVerifier(parts.scorer))

    @property
    def decision(self) -> NameDecision:
        """The fitted models and thresholds (read on first use)."""
        return self._decision or load_decision()

    def is_name_part(self, word: str) -> bool:
        """A known given name or surname: "Trump" and "Jim" are names, however common."""
        return self.words.is_name_part(word)

    def check_document(self, document: Document) -> list[Finding]:
        findings, open_words = self._read(document)
        decision = self.decision
        return findings + [_corrupted_finding(document, paragraph, repair, severity,
                                              sure=decision.is_sure_of_suggestion(repair))
                           for paragraph, repair, severity in decision.decide(document, open_words, self.verifier)]

    def candidates(self, document: Document) -> list[tuple[Paragraph, NameToken, list[Repair]]]:
        """Every word no accepted spelling explains, with every repair
        considered for it and its evidence (what the decision model is fitted on)."""
        return self._read(document)[1]

    def _read(self, document: Document) -> tuple[list[Finding], list[tuple[Paragraph, NameToken, list[Repair]]]]:
        """The older spellings of known names (as findings), and the words no
        accepted spelling explains, with their candidate repairs."""
        # Short paragraphs (a headline, a byline) are evidence of how the
        # article spells a name, but like every skipped paragraph they get
        # no findings: "facebook" or "youtube" alone on a line is no name.
        paragraphs = [p for p in document.paragraphs if p.skipped in (None, "too-short")]
        runs = [(p, run) for p in paragraphs for run in name_runs(document, p, self.is_name_part)]
        article = ArticleNames(runs)
        contexts = {p.index: ParagraphContext(document.paragraph_text(p), p.start) for p in paragraphs}
        findings: list[Finding] = []
        open_words: list[tuple[Paragraph, NameToken, list[Repair]]] = []
        read: WordReadings = {}
        for paragraph, run in runs:
            if paragraph.skipped:
                continue
            context = contexts[paragraph.index]
            name = " ".join(t.text for t in run)
            deprecated = self.gazetteer.is_deprecated(name)
            if deprecated and self._qualified_as_another_place(run, deprecated[0], context):
                continue  # "Odessa, Texas" is not Ukraine's Odesa
            if deprecated:
                findings.append(_deprecated_finding(document, paragraph, run, deprecated[0]))
            elif not self.gazetteer.has_form(name):
                covered = self._covered_by_known_names(run)
                open_words += [(paragraph, token, self._repairs(word, read) if word else [])
                               for i, token in enumerate(run) if i not in covered
                               for word in [self.finder.open_word(run, i, article, context)]]
        return findings, open_words

    def _covered_by_known_names(self, run: list[NameToken]) -> set[int]:
        """Words of the run inside a known name of two or more words ("Isa Soares" in a longer run)."""
        covered: set[int] = set()
        for a in range(len(run)):
            for b in range(a + 2, len(run) + 1):
                if self.gazetteer.has_form(" ".join(t.text for t in run[a:b])):
                    covered.update(range(a, b))
        return covered

    def _qualified_as_another_place(self, run: list[NameToken], entry: Entry, context: ParagraphContext) -> bool:
        """The name is followed by ", Region" (a state, a country) that the
        entry's description does not mention: another place of that name."""
        match = QUALIFYING_PLACE_RE.match(context.text, run[-1].end - context.start)
        if not match or entry.type not in GEOGRAPHIC_TYPES:
            return False
        region = match.group(1)
        return self.words.is_place_word(compact(region)) and region.lower() not in entry.description.lower()

    def _repairs(self, word: OpenWord, read: WordReadings) -> list[Repair]:
        """Every candidate repair of ``word`` that no guard rules out, with the
        spelling model's confidence. The candidates and what argues for them
        wherever the article writes the name this way are found at its first
        mention and kept in ``read`` for the others."""
        written = word.as_written
        if written not in read:
            read[written] = [(target, entry, found) for target, entry in self.finder.candidates(word)
                             for found in [self.evidence.word_evidence(word, target, entry)] if found]
        model = self.decision.spelling.model
        return [Repair(word.token, target, probability, evidence.reasons, article_only=evidence.article_only,
                       features=evidence.features, spelling_confidence=probability)
                for target, entry, found in read[written]
                for evidence in [self.evidence.in_context(found, word, target, entry)] if evidence
                for probability in [model.probability(evidence.features)]]


def _corrupted_finding(document: Document, paragraph: Paragraph, repair: Repair, severity: str,
                       sure: bool) -> Finding:
    token = repair.token
    return Finding(
        code="MT201", category="name", severity=severity, paragraph=paragraph.index,
        start=token.start, end=token.end, text=document.text[token.start:token.end],
        message=_corrupted_message(repair, sure),
        suggestions=(repair.replacement,), confidence=round(min(repair.confidence, 0.99), 3),
        unsafe_fix=not sure, details={"spelling_confidence": round(min(repair.spelling_confidence, 0.99), 3)},
    )


def _corrupted_message(repair: Repair, sure: bool) -> str:
    """What the finding says. A suggestion only the language model's opinion
    argues for is put as a possibility: the model tells that a sentence reads
    better with a known name, not which name was meant, and on real MT such
    suggestions are more often wrong than right (docs/names.md)."""
    reasons = list(repair.reasons) or ["a near miss"]
    if not sure:
        reasons.append("its spelling alone would not be flagged: check the name")
    claim = "is probably" if sure else "may be"
    return f"name looks corrupted: '{repair.token.text}' {claim} '{repair.replacement}' ({'; '.join(reasons)})"


def _deprecated_finding(document: Document, paragraph: Paragraph, run, entry: Entry) -> Finding:
    start, end = run[0].start, run[-1].end
    return Finding(
        code="MT202", category="name", severity="info", paragraph=paragraph.index,
        start=start, end=end, text=document.text[start:end],
        message=f"'{document.text[start:end]}' is an older spelling: news style now uses '{entry.canonical}'",
        suggestions=(entry.canonical,), confidence=0.9,
    )
