"""The language model's opinion of a name repair.

The name check argues from spellings and lists; the scan's language model has
read the news, and knows that "French President Emmanuel" goes on "Macron".
For each repair the sentence that holds it (with up to 400 characters before
it, every mention of the spelling repaired) is scored twice; the nats
(summed negative log-likelihood) the repaired text saves join the repair's
other evidence in the decision model (decision.py): a right repair usually
saves a lot; a repair argued only by another spelling in the article must
save something to stand.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from mtcheck.checks.names.decision import LogisticModel, with_saving
from mtcheck.document import Document
from mtcheck.reading.sentences import sentence_spans

LEAD_CHARS = 400


class RepairVerifier:
    def __init__(self, scorer):
        self.scorer = scorer

    def verify(self, document: Document, repairs: Sequence, model: LogisticModel) -> list:
        """``repairs`` (name-check Repairs) with ``model``'s confidence given the saving, and the reason."""
        return [_with_opinion(repair, saved, model) for repair, saved in zip(repairs, self.savings(document, repairs))]

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


def _with_opinion(repair, saved: float, model: LogisticModel):
    if saved >= 0.5:
        reason = f"the language model reads the sentence {saved:.0f} nats more easily with it"
    elif saved <= -0.5:
        reason = f"the language model reads the sentence {-saved:.0f} nats more easily as written"
    else:
        reason = "the language model reads the sentence as easily either way"
    return replace(repair, confidence=model.probability(with_saving(repair.features, saved)),
                   reasons=(*repair.reasons, reason))
