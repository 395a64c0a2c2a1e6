"""`mtcheck fix`: apply name suggestions to the files they came from.

Safe by default: only corrupted names (MT201), whose suggestion is the
canonical spelling the name check argued for. ``unsafe`` adds older
spellings (MT202: Kiev -> Kyiv), which a quote or a historical reference may
use on purpose. Every edit replaces exactly a finding's span; after applying
them the fixer checks that the text outside the spans is unchanged, so a bug
here can never rewrite an article.

Plain text and Markdown are fixed in the file's text; JSONL articles field by
field (only the text field of the lines that change is rewritten). HTML is
not fixed: finding offsets point into the extracted text, not the markup.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.reading.files import UTF8_BOM

SAFE_CODES = frozenset({"MT201"})
UNSAFE_CODES = frozenset({"MT202"})


class FixError(Exception):
    """A file the fixer will not touch; the message names it and says why."""


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    old: str
    new: str
    code: str


def edits_for(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """Non-overlapping edits from findings with a suggestion, in text order
    (of two overlapping findings the first one wins)."""
    codes = SAFE_CODES | (UNSAFE_CODES if unsafe else frozenset())
    edits: list[Edit] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if finding.code not in codes or not finding.suggestions or finding.suggestions[0] == finding.text:
            continue
        if edits and finding.start < edits[-1].end:
            continue
        edits.append(Edit(finding.start, finding.end, finding.text, finding.suggestions[0], finding.code))
    return edits


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with each edit's span replaced; raises if anything else moved."""
    pieces, position = [], 0
    for edit in edits:
        if text[edit.start:edit.end] != edit.old:
            raise FixError(f"the text at {edit.start} is not {edit.old!r} any more")
        pieces += [text[position:edit.start], edit.new]
        position = edit.end
    pieces.append(text[position:])
    fixed = "".join(pieces)
    _check_only_spans_changed(text, fixed, edits)
    return fixed


def _check_only_spans_changed(original: str, fixed: str, edits: Sequence[Edit]) -> None:
    """Walk both texts: between edits they must be identical character for character."""
    shift, position = 0, 0
    for edit in edits:
        if original[position:edit.start] != fixed[position + shift:edit.start + shift]:
            raise FixError("a character outside the replaced spans changed")
        shift += len(edit.new) - len(edit.old)
        position = edit.end
    if original[position:] != fixed[position + shift:]:
        raise FixError("a character outside the replaced spans changed")


@dataclass
class FilePlan:
    """What fixing one file does: its bytes as read and as they would be written."""

    path: str
    original: bytes
    fixed: bytes
    edits: list[Edit]
    before_text: str  # the article text(s), for chrF/TER
    after_text: str

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def plan_text_file(path: str, original: bytes, document: Document, edits: list[Edit]) -> FilePlan:
    text = original.decode("utf-8")
    bom = UTF8_BOM if text.startswith(UTF8_BOM) else ""
    fixed_text = apply_edits(document.text, edits)
    return FilePlan(path, original, (bom + fixed_text).encode("utf-8"), edits, document.text, fixed_text)


def plan_jsonl_file(path: str, original: bytes, documents: Sequence[Document],
                    edits_by_line: dict[int, list[Edit]], text_field: str) -> FilePlan:
    """Rewrite only the lines with edits, and in them only the text field."""
    lines = original.split(b"\n")
    before, after, all_edits = [], [], []
    for document in documents:
        edits = edits_by_line.get(document.line, [])
        if not edits:
            continue
        record = json.loads(lines[document.line - 1].decode("utf-8"))
        fixed_text = apply_edits(document.text, edits)
        record[text_field] = fixed_text
        lines[document.line - 1] = json.dumps(record, ensure_ascii=False).encode("utf-8")
        before.append(document.text)
        after.append(fixed_text)
        all_edits += edits
    return FilePlan(path, original, b"\n".join(lines), all_edits, "\n\n".join(before), "\n\n".join(after))


def write_plan(plan: FilePlan, backup: bool = True) -> Optional[str]:
    """Write the fixed bytes atomically (a temporary file renamed over the
    original), after a backup copy; refuse when the file changed since it
    was read. Returns the backup's path."""
    with open(plan.path, "rb") as handle:
        if handle.read() != plan.original:
            raise FixError(f"{plan.path}: changed since it was read; not written (run fix again)")
    backup_path = None
    if backup:
        backup_path = plan.path + ".bak"
        shutil.copy2(plan.path, backup_path)
    directory = os.path.dirname(os.path.abspath(plan.path))
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".mtcheck-fix-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(plan.fixed)
        shutil.copymode(plan.path, temporary)
        os.replace(temporary, plan.path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return backup_path


def change_scores(before: str, after: str) -> dict:
    """How much the fix changed, as sacrebleu chrF and TER of the cleaned text
    against the original (chrF 100 and TER 0 = unchanged)."""
    from sacrebleu.metrics import CHRF, TER

    return {"chrf": round(CHRF().sentence_score(after, [before]).score, 2),
            "ter": round(TER().sentence_score(after, [before]).score, 2)}
