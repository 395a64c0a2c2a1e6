"""The language model's opinion of a name repair.

The name check argues from spellings and lists; the scan's language model has
read the news, and knows that "French President Emmanuel" goes on "Macron".
For each repair the sentence that holds it (with up to 400 characters before
it, every mention of the spelling repaired) is scored twice; the repair's
case moves with how many nats (summed negative log-likelihood) the repaired
text saves. A right repair usually saves more than NEUTRAL_SAVING; one that
saves less ("Silveira" -> Silva, 6) is doubtful, and rejected when only
another spelling in the article argues for it.

The model also prefers short, common strings, so a repair to a rare or long
name ("Anggra" -> Anggraeni) may cost nats even when it is right: savings add
confidence, but a cost takes away at most MAX_DEMOTION, enough to decide a
borderline case and no more. Weights chosen on the dev set
(benchmarks/bench_name_opinion.py), checked once on held-out
(benchmarks/bench_names.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from mtcheck.document import Document
from mtcheck.reading.sentences import sentence_spans

WEIGHT = 0.01          # confidence per nat saved beyond NEUTRAL_SAVING
NEUTRAL_SAVING = 8.0   # nats a right repair saves as a matter of course
MAX_DEMOTION = 0.02
# Repairs from this confidence are put to the model: a saving of 20 nats or
# more lifts them over the name check's threshold.
CANDIDATE_CONFIDENCE = 0.4
LEAD_CHARS = 400


class RepairVerifier:
    def __init__(self, scorer):
        self.scorer = scorer

    def verify(self, document: Document, repairs: Sequence) -> list:
        """``repairs`` (name-check Repairs) with the model's confidence and reason."""
        return [_with_opinion(repair, saved) for repair, saved in zip(repairs, self.savings(document, repairs))]

    def savings(self, document: Document, repairs: Sequence) -> list[float]:
        """The nats each repair saves its window (written minus repaired NLL)."""
        if not repairs:
            return []
        pairs = [repair_windows(document.text, r.token.start, r.token.end, r.replacement) for r in repairs]
        scores = self.scorer.score([text for pair in pairs for text in pair])
        return [sum(scores[2 * i].nll) - sum(scores[2 * i + 1].nll) for i in range(len(pairs))]


def repair_windows(text: str, start: int, end: int, replacement: str) -> tuple[str, str]:
    """The sentence holding text[start:end], with up to LEAD_CHARS before it
    (from a word start), as written and with every mention of the spelling repaired."""
    spans = sentence_spans(text)
    sentence_start = max([0] + [s for s, _ in spans if s <= start])
    sentence_end = min([len(text)] + [e for _, e in spans if e >= end])
    window_start = max(0, sentence_start - LEAD_CHARS)
    if window_start:
        window_start = text.find(" ", window_start, sentence_start) + 1 or sentence_start
    window = text[window_start:sentence_end].rstrip()
    return window, mentions_of(text[start:end]).sub(lambda _: replacement, window)


def mentions_of(word: str) -> re.Pattern:
    """``word`` as a whole word ("Peskav's" holds it, "Peskavo" does not)."""
    return re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])")


def _with_opinion(repair, saved: float):
    change = max(-MAX_DEMOTION, WEIGHT * (saved - NEUTRAL_SAVING))
    if repair.article_only and saved < NEUTRAL_SAVING:
        # Another name of the article spelled alike is no evidence by itself:
        # a news story names many people and places ("Daniel Viegas" near the
        # town of Viera). Without a gazetteer entry the model must agree.
        change = -repair.confidence
    if saved >= NEUTRAL_SAVING:
        reason = f"the language model reads the sentence {saved:.0f} nats more easily with it"
    elif saved > 0:
        reason = f"the language model reads the sentence only {saved:.0f} nats more easily with it"
    else:
        reason = f"the language model reads the sentence {-saved:.0f} nats more easily as written"
    return replace(repair, confidence=repair.confidence + change, reasons=(*repair.reasons, reason))
