"""Structure: what is wrong with an article as a whole, not with its words.

MT401: a document with no paragraph to score. An HTML page whose article
the extractor could not find, a file of boilerplate and one-line labels, an
empty JSONL text: the fluency and name checks saw nothing, so a silent
"pass" would claim a check that never happened.
"""

from __future__ import annotations

from mtcheck.checks.base import Check, Rule, register
from mtcheck.document import Document
from mtcheck.findings import Finding

NO_TEXT = "MT401"
RULES = (
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


@register
class StructureCheck(Check):
    name = "structure"
    rules = RULES

    def check_document(self, document: Document) -> list[Finding]:
        return structure_findings(document)


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
