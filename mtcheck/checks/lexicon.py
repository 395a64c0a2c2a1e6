"""How common an English word is, from wordfreq: the one place the checks ask.

Two views of the same list: the name check and the grammar filter think in
Zipf (log10 of frequency per billion words, 0 = unseen), the fluency check
in unigram surprisal (-ln p), which it sets against the language model's.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Optional


@lru_cache(maxsize=262144)
def word_zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale, 0 = unseen)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


@lru_cache(maxsize=200_000)
def unigram_surprisal(word: str) -> Optional[float]:
    """-ln p(word) in English text, or None when wordfreq does not know it."""
    from wordfreq import word_frequency

    # For a compound the list lacks ("fog-covered") wordfreq combines the
    # parts' frequencies; see ScoredWord.is_compound for how that is used.
    frequency = word_frequency(word.replace("’", "'").lower(), "en")
    if frequency > 0:
        return -math.log(frequency)
    return None
