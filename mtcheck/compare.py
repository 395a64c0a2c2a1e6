"""Compare a translation with a reference (an original, or a human translation).

Paragraphs are aligned in order (monotonic, allowing a paragraph on either
side to have no partner: an added caption, a dropped sentence), choosing the
alignment with the highest total chrF. Each aligned pair gets sentence-level
BLEU, chrF and TER from sacrebleu; the document gets corpus-level scores over
the aligned pairs, with sacrebleu's signatures, so the numbers are exactly
what sacrebleu's own API gives for the same inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# Below this chrF two paragraphs are not renderings of the same text: unrelated
# English paragraphs score 20-35 against each other. Both stay unaligned.
MIN_ALIGNED_CHRF = 35.0
# The share of aligned paragraphs flagged as furthest from the reference (at least one).
FLAGGED_SHARE = 0.2


@dataclass(frozen=True)
class PairScore:
    hypothesis: int  # paragraph positions among the compared paragraphs
    reference: int
    bleu: float
    chrf: float
    ter: float
    flagged: bool = False


def metrics(sentence: bool) -> dict:
    from sacrebleu.metrics import BLEU, CHRF, TER

    # Sentence BLEU uses effective order, as sacrebleu recommends, so a short
    # paragraph is not zeroed by a missing 4-gram; the document's is standard corpus BLEU.
    return {"bleu": BLEU(effective_order=sentence), "chrf": CHRF(), "ter": TER()}


def align(hypotheses: Sequence[str], references: Sequence[str]) -> list[tuple[int, int]]:
    """Monotonic alignment maximising total chrF; pairs below MIN_ALIGNED_CHRF are not aligned."""
    chrf = metrics(sentence=True)["chrf"]
    similarity = [[chrf.sentence_score(h, [r]).score for r in references] for h in hypotheses]
    rows, cols = len(hypotheses), len(references)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            match = similarity[i][j] + best[i + 1][j + 1] if similarity[i][j] >= MIN_ALIGNED_CHRF else -1.0
            best[i][j] = max(match, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < rows and j < cols:
        if similarity[i][j] >= MIN_ALIGNED_CHRF and best[i][j] == similarity[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def furthest(scored: list[PairScore]) -> list[PairScore]:
    """The lowest-chrF share of the pairs that differ at all (at least one, if any does)."""
    differing = sorted((s for s in scored if s.chrf < 100), key=lambda s: (s.chrf, s.hypothesis))
    return differing[:max(1, round(len(scored) * FLAGGED_SHARE))]


def compare(hypotheses: Sequence[str], references: Sequence[str]) -> dict:
    """Scores per aligned paragraph and for the document (a dict, as JSON shows it)."""
    scorers = metrics(sentence=True)
    pairs = align(hypotheses, references)
    scored = [PairScore(i, j, *(round(scorers[name].sentence_score(hypotheses[i], [references[j]]).score, 2)
                                for name in ("bleu", "chrf", "ter"))) for i, j in pairs]
    flagged = {(s.hypothesis, s.reference) for s in furthest(scored)}
    scored = [PairScore(**{**s.__dict__, "flagged": (s.hypothesis, s.reference) in flagged}) for s in scored]
    aligned_h = [hypotheses[i] for i, _ in pairs]
    aligned_r = [references[j] for _, j in pairs]
    document = {}
    for name, scorer in metrics(sentence=False).items():
        score = scorer.corpus_score(aligned_h, [aligned_r]) if pairs else None
        document[name] = round(score.score, 2) if score else None
        document[f"{name}_signature"] = str(scorer.get_signature())
    return {
        "document": document,
        "paragraphs": [s.__dict__ for s in scored],
        "unaligned": {"hypothesis": [i for i in range(len(hypotheses)) if i not in {p[0] for p in pairs}],
                      "reference": [j for j in range(len(references)) if j not in {p[1] for p in pairs}]},
    }
