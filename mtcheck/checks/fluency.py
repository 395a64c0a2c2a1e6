"""Fluency: a 0-100 score per paragraph and findings on garbled spans.

A paragraph is described by three numbers from the language model, each
compared with the same number on clean news paragraphs (the calibration
file, written by benchmarks/calibrate_fluency.py):
- ``word_nll``: surprisal per word (all its tokens' surprisal over its
  words), the raw LM signal normalised by words rather than tokens, so a
  word the tokenizer splits in pieces does not count as several. On real MT
  judged by professionals it orders translations of one source better than
  the per-token mean (benchmarks/bench_fluency_features.py);
- ``neg_slor``: mean over ordinary words of (LM surprisal - unigram
  surprisal), i.e. how little the context helps; rare words and names do
  not raise it;
- ``spike_rate``: share of ordinary words the context makes *less* likely
  than their rarity alone (excess above SPIKE_EXCESS): words that do not fit.
Their z-scores are averaged into a badness z (re-standardised on the clean
set), and fluency = 100 * sigmoid(a - b*z), with a and b set so an average
clean paragraph scores 85 and one two standard deviations worse scores 50.
The two SLOR features keep the score comparable across articles, whose
names and topics move raw surprisal: weighed by the professional judgements
alone (a pairwise ranking fit in the same benchmark), the score leans almost
wholly on surprisal per word, which orders damage across articles no better
than raw NLL (benchmarks/bench_fluency_ranking.py, pooled). The JSON also
reports ``mean_nll``, the mean token surprisal.

Findings (MT101) mark words that do not fit: a hyphenated compound whose
excess is beyond every compound in clean news ("ramp-extensive"), or a
lowercase word no dictionary knows that its context does not support
("overtured"). A single ordinary word's excess is not reported: on real MT
annotated by professionals such words fell on an error no more often than a
word picked at random (benchmarks/bench_fluency_spans.py), while clean news
raised 1.5 of them per 1,000 words. Each sentence of six words or more is
scored like a paragraph, and one scoring below ``sentence_below`` gets MT103:
a garbled sentence inside an otherwise fine paragraph is what an editor needs
pointed out. A paragraph scoring below the warning line gets MT102 (and then
no MT103 for a sentence that is the whole paragraph). Both are info: on real
MT they fall on an annotated error only a little more often than chance
(benchmarks/bench_fluency_mqm.py), and real human-written news gets some
too, so they inform a reader and never fail a gate by themselves
(``severity`` raises them). An MT102 is an error only when the score is
strong evidence: below ``error_below`` over ERROR_MIN_WORDS words or more.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from statistics import fmean
from typing import Sequence

from mtcheck.checks.base import Check, CheckOutput, Rule, register
from mtcheck.checks.words import ScoredWord, scored_words, with_context_free_surprisal
from mtcheck.document import Document, Paragraph
from mtcheck.findings import Finding
from mtcheck.lm.scorer import TokenScores
from mtcheck.reading.sentences import sentence_spans

FLUENCY_VERSION = "word-slor-spike-v4"
SPIKE_EXCESS = 2.0
PRIOR_WORDS = 25
MIN_SENTENCE_WORDS = 6
HEADLINE_MAX_WORDS = 20
# A paragraph's score is an error (MT102 at error severity) only with this
# many words behind it: a short paragraph full of names can score as low as
# garble ("A half century on, The Doobie Brothers are still smoking.").
ERROR_MIN_WORDS = 40
# The features whose clean-news z-scores the score averages.
FEATURES = ("word_nll", "neg_slor", "spike_rate")
# Logistic mapping: clean mean (z=0) -> 85, z=2 -> 50.
_A = math.log(85 / 15)
_B = _A / 2
# Below this a paragraph reads as garbled: its MT102 finding, and what the
# gate's max-garbled-share counts unless garbled-below says otherwise.
GARBLED_BELOW = 30.0


# MT104 is raised by the policy (min-paragraph-fluency) on the scores this check gives.
RULES = (
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
)


@dataclass(frozen=True)
class Calibration:
    means: dict
    stds: dict
    badness_mean: float
    badness_std: float
    # Compound excess above every compound in the clean reference.
    compound_excess_limit: float
    warn_below: float = GARBLED_BELOW
    error_below: float = 10.0
    sentence_below: float = 35.0
    reference: str = ""

    @classmethod
    def bundled(cls) -> "Calibration":
        return _bundled_calibration()


@lru_cache(maxsize=1)
def _bundled_calibration() -> Calibration:
    data = json.loads(resources.files("mtcheck.data").joinpath("fluency_calibration.json").read_text())
    return Calibration(**data)


def paragraph_features(words: Sequence[ScoredWord], scores: TokenScores) -> dict:
    """The score's features, and the mean token NLL the JSON reports."""
    lexical = [w for w in words if w.is_lexical]
    excess = [max(-10.0, min(10.0, w.excess)) for w in lexical]
    return {
        "mean_nll": scores.mean_nll,
        "word_nll": sum(scores.nll) / max(1, len(words)),
        "neg_slor": fmean(excess) if excess else 0.0,
        "spike_rate": sum(e > SPIKE_EXCESS for e in excess) / len(excess) if excess else 0.0,
    }


def badness(features: dict, calibration: Calibration, words: int | None = None) -> float:
    """How far from clean news, in standard deviations of clean news.

    A short paragraph's features are noisy (one odd word in ten moves the
    spike rate by 10 points), so each is shrunk towards the clean mean with
    the weight of PRIOR_WORDS words: a headline is judged mostly on priors,
    a long paragraph on its own evidence.
    """
    weight = 1.0 if words is None else words / (words + PRIOR_WORDS)
    z = fmean(weight * (features[k] - calibration.means[k]) / calibration.stds[k] for k in FEATURES)
    return (z - calibration.badness_mean) / calibration.badness_std


def fluency_from_badness(z: float) -> float:
    return 100.0 / (1.0 + math.exp(-(_A - _B * z)))


# Each grammar finding per 100 words makes a paragraph this many standard
# deviations (of clean news) worse. Chosen on the dev set's graded damage
# (benchmarks/bench_fluency_ranking.py --set dev --sweep), measured on held-out.
GRAMMAR_WEIGHT = 0.1


def with_grammar(score: float, grammar_findings: int, words: int) -> float:
    """A paragraph's fluency with its grammar findings counted in: the LM's
    score turned back into badness, the grammar density added, and back."""
    if not grammar_findings:
        return score
    share = min(max(score / 100.0, 1e-6), 1 - 1e-6)
    z = (_A - math.log(share / (1 - share))) / _B
    z += GRAMMAR_WEIGHT * 100.0 * grammar_findings / max(words, 1)
    return round(fluency_from_badness(z), 1)


def document_score(paragraph_scores: dict) -> float:
    """The article's fluency from {index: (score, lm)}: per word of the
    article, so longer paragraphs weigh more."""
    weights = {index: max(1, lm["words"]) for index, (_, lm) in paragraph_scores.items()}
    total = sum(weights[index] * score for index, (score, _) in paragraph_scores.items())
    return round(total / sum(weights.values()), 1)


@register
class FluencyCheck(Check):
    """Paragraph scores (CheckOutput.paragraphs), the document's score and MT101-MT103."""

    name = "fluency"
    rules = RULES

    def __init__(self, scorer, calibration: Calibration | None = None):
        self.scorer = scorer
        self.calibration = calibration or Calibration.bundled()

    @classmethod
    def build(cls, parts) -> "FluencyCheck":
        return cls(parts.scorer)

    @property
    def signature(self) -> dict:
        return {**self.scorer.signature, "fluency": FLUENCY_VERSION}

    def check(self, documents: Sequence[Document]) -> list[CheckOutput]:
        jobs = [(d, p) for d in documents for p in d.scored_paragraphs]
        streams = article_streams(documents)
        texts = [text for stream in streams for text in stream]
        token_scores = [s for stream in self.scorer.score_streams(streams) for s in stream]
        words = [scored_words(text, scores) for text, scores in zip(texts, token_scores)]
        words = with_context_free_surprisal(words, self.scorer)
        by_document: dict[int, list] = {id(d): [] for d in documents}
        for (document, paragraph), scores, paragraph_words in zip(jobs, token_scores, words):
            by_document[id(document)].append(self._paragraph(document, paragraph, scores, paragraph_words))
        return [self._document(by_document[id(d)]) for d in documents]

    def _paragraph(self, document: Document, paragraph: Paragraph, scores, words):
        text = document.paragraph_text(paragraph)
        features = paragraph_features(words, scores)
        score = fluency_from_badness(badness(features, self.calibration, len(words)))
        lm = {
            "mean_nll": round(scores.mean_nll, 4),
            "word_nll": round(features["word_nll"], 4),
            "slor": round(-features["neg_slor"], 4),
            "spike_rate": round(features["spike_rate"], 4),
            "tokens": len(scores.nll),
            "words": len(words),
        }
        findings = self._word_findings(document, paragraph, words)
        if not looks_like_headline(text):
            # Headlinese (dropped articles, title case) reads as garble to an
            # LM trained on prose; only its words are judged.
            whole = self._paragraph_findings(document, paragraph, score, len(words))
            findings += [f for f in self._sentence_findings(document, paragraph, text, words, scores)
                         if not (whole and (f.start, f.end) == (paragraph.start, paragraph.end))]
            findings += whole
        return paragraph, round(score, 1), lm, findings

    def _document(self, paragraphs: list) -> CheckOutput:
        # The document's score is the scanner's: grammar findings lower paragraphs first.
        return CheckOutput(paragraphs={p.index: (s, lm) for p, s, lm, _ in paragraphs},
                           findings=tuple(f for *_, found in paragraphs for f in found))

    def _word_findings(self, document, paragraph, words) -> list[Finding]:
        findings = []
        for i, word in enumerate(words):
            reason = self._misfit_reason(word)
            if reason:
                first, last = _phrase_around(words, i)
                findings.append(_finding(
                    document, paragraph, "MT101", "warning",
                    paragraph.start + words[first].start, paragraph.start + words[last].end,
                    f"garbled wording: {reason}",
                    confidence=0.6, details={"surprisal": round(word.surprisal, 2)},
                ))
        return _merge_overlapping(findings)

    def _misfit_reason(self, word: ScoredWord) -> str | None:
        cal = self.calibration
        if word.is_two_part_compound and not word.paragraph_initial and word.excess > cal.compound_excess_limit:
            return (f"the language model finds the compound '{word.text}' far less likely "
                    f"here than its parts' frequencies predict (+{word.excess:.1f} nats)")
        if word.context_gives_no_support:
            return (f"'{word.text}' is not an English word, and its context makes it "
                    f"no likelier than it is out of context")
        return None

    def _sentence_findings(self, document, paragraph, text, words, scores) -> list[Finding]:
        findings = []
        for start, end in sentence_spans(text):
            inside = [w for w in words if start <= w.start < end]
            nll = [n for (a, _), n in zip(scores.offsets, scores.nll) if start <= a < end]
            if len(inside) < MIN_SENTENCE_WORDS or not nll:
                continue
            features = paragraph_features(inside, TokenScores(offsets=(), nll=tuple(nll)))
            score = fluency_from_badness(badness(features, self.calibration, len(inside)))
            if score < self.calibration.sentence_below:
                findings.append(_finding(
                    document, paragraph, "MT103", "info",
                    paragraph.start + start, paragraph.start + end,
                    f"sentence reads as garbled (fluency {score:.0f}/100)",
                    confidence=0.6, details={"fluency": round(score, 1)},
                ))
        return findings

    def _paragraph_findings(self, document, paragraph, score, words: int) -> list[Finding]:
        cal = self.calibration
        if score >= cal.warn_below:
            return []
        severity = "error" if score < cal.error_below and words >= ERROR_MIN_WORDS else "info"
        return [_finding(
            document, paragraph, "MT102", severity, paragraph.start, paragraph.end,
            f"paragraph reads as garbled (fluency {score:.1f}/100, below {cal.warn_below:g})",
            confidence=0.5,
        )]


def article_streams(documents: Sequence[Document]) -> list[list[str]]:
    """Each document's scored paragraphs in order: the stream the LM reads,
    so a paragraph is judged after the text before it, as a reader does."""
    return [[d.paragraph_text(p) for p in d.scored_paragraphs] for d in documents]


def looks_like_headline(text: str) -> bool:
    """Short and not closed by a full stop: a title, a crosshead, a kicker."""
    return len(text.split()) <= HEADLINE_MAX_WORDS and not text.rstrip("”\"’' ").endswith((".", "!", ":"))


def _phrase_around(words: Sequence[ScoredWord], i: int, reach: int = 2) -> tuple[int, int]:
    """Extend a misfit word over neighbours that also fit badly (excess > 0)."""
    first = last = i
    while first > max(0, i - reach) and words[first - 1].is_lexical and words[first - 1].excess > 0:
        first -= 1
    while last < min(len(words) - 1, i + reach) and words[last + 1].is_lexical and words[last + 1].excess > 0:
        last += 1
    return first, last


def _merge_overlapping(findings: list[Finding]) -> list[Finding]:
    merged: list[Finding] = []
    for f in findings:
        if merged and f.start <= merged[-1].end:
            continue  # the earlier finding already covers this phrase start
        merged.append(f)
    return merged


def _finding(document, paragraph, code, severity, start, end, message, *, confidence, details=None):
    category = "fluency"
    return Finding(
        code=code, category=category, severity=severity, paragraph=paragraph.index,
        start=start, end=end, text=document.text[start:end], message=message,
        confidence=confidence, details=details or {},
    )
