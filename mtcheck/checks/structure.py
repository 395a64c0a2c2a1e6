"""Structure: what is wrong with an article as a whole, not with its words.

MT401: a document with no paragraph to score. An HTML page whose article
the extractor could not find, a file of boilerplate and one-line labels, an
empty JSONL text: the fluency and name checks saw nothing, so a silent
"pass" would claim a check that never happened.
"""

from __future__ import annotations

from mtcheck.document import Document
from mtcheck.findings import Finding

NO_TEXT = "MT401"


def structure_findings(document: Document) -> list[Finding]:
    if document.scored_paragraphs:
        return []
    listed = len(document.paragraphs)
    why = (f"all {listed} paragraphs found are skipped (boilerplate, duplicate or too short)" if listed
           else "the document has no text" if document.format != "html"
           else "no article text could be extracted from the page")
    # Pointed at the first paragraph found, or at the start of an empty text.
    first = document.paragraphs[0] if document.paragraphs else None
    start, end = (first.start, first.end) if first else (0, 0)
    return [Finding(
        code=NO_TEXT, category="structure", severity="warning", paragraph=0, start=start, end=end,
        text=document.text[start:end], message=f"no article text to check: {why}", confidence=1.0,
    )]
