"""The plain baseline the name check must beat: a naive fuzzy matcher.

Every capitalised word of three letters or more that is neither a word of a
gazetteer name nor a common English word (wordfreq Zipf frequency 3.5 or
more, lower-cased) is compared, with rapidfuzz's ``fuzz.ratio``, against the
words of the gazetteer's names and the article's other capitalised words;
the best match scoring 75 or more is the suggestion and the word is flagged
(a warning, as MT201). No context, no sentence starts, no model: what a
person would write in an afternoon, and what the careful check has to do
better than on recall and on false flags at once. A stricter cutoff
(``min_ratio``) trades its recall for fewer false flags: the benchmark
measures 90 too, to compare at false-flag rates nearer the check's.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.gazetteer import Gazetteer

CAPITALISED = re.compile(r"(?<![\w-])[A-Z][^\W\d_]{2,}(?![\w-])")
MIN_RATIO = 75
COMMON_ZIPF = 3.5


class NaiveFuzzy:
    def __init__(self, gazetteer: Gazetteer, min_ratio: int = MIN_RATIO):
        self.gazetteer = gazetteer
        self.min_ratio = min_ratio
        words = {word for entry in gazetteer.entries for form in (entry.canonical, *entry.aliases)
                 for word in form.split() if CAPITALISED.fullmatch(word)}
        self.known = words
        # By length: a ratio of 75 needs lengths within a factor of 5/3, so
        # only those buckets are compared (the same answers, much faster).
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(words):
            self.by_length[len(word)].append(word)

    def check_document(self, document: Document) -> list[Finding]:
        from wordfreq import zipf_frequency

        text = document.text
        capitalised = [m for m in CAPITALISED.finditer(text)]
        article_words = {m.group() for m in capitalised}
        findings = []
        for match in capitalised:
            word = match.group()
            if word in self.known or zipf_frequency(word.lower(), "en") >= COMMON_ZIPF:
                continue
            choices = [w for n in range(len(word) * 3 // 5, len(word) * 5 // 3 + 1) for w in self.by_length.get(n, ())]
            choices += sorted(article_words - {word})
            best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=self.min_ratio)
            if best is None:
                continue
            findings.append(Finding(code="MT201", category="name", severity="warning", paragraph=0,
                                    start=match.start(), end=match.end(), text=word,
                                    message=f"{word!r} is close to {best[0]!r}", suggestions=(best[0],)))
        return findings
