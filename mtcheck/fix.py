"""`mtcheck fix`: apply name suggestions to the files they came from.

Safe by default: only corrupted names (MT201) whose suggestion the
spelling evidence argues for on its own. ``unsafe`` adds the names only the
language model's opinion argues for (a famous near spelling reads better
almost anywhere) and older spellings (MT202: Kiev -> Kyiv), which a quote
or a historical reference may use on purpose. Every edit replaces exactly a
finding's span; after applying them the fixer checks that the text outside
the spans is unchanged, so a bug here can never rewrite an article.

Plain text and Markdown are fixed in the file's text; JSONL inside the
string literal of each line's text field, so only the bytes of the replaced
names change (escapes, spacing, number spelling and line ends stay). HTML is
not fixed: finding offsets point into the extracted text, not the markup.
Writing (``write_plan``) never follows a link to a backup, never overwrites
a backup, and keeps the file's mode, owner and hard links.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.reading.files import UTF8_BOM
from mtcheck.checks.base import fix_applicability

# Backups are never overwritten: PATH.bak, then PATH.bak.1 ... up to this.
MAX_BACKUPS = 100
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
JSON_SPACE = " \t\r\n"


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
    applied = ("safe", "unsafe") if unsafe else ("safe",)
    edits: list[Edit] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if fix_applicability(finding) not in applied or finding.suggestions[0] == finding.text:
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
    """Rewrite only the lines with edits, and in them only the bytes of the
    replaced spans inside the text field's string (escapes, number spelling,
    spacing, other fields and line ends stay as they were)."""
    lines = original.split(b"\n")
    before, after, all_edits = [], [], []
    for document in documents:
        edits = edits_by_line.get(document.line, [])
        if not edits:
            continue
        line = lines[document.line - 1].decode("utf-8")
        lines[document.line - 1] = edited_json_line(line, text_field, document.text, edits).encode("utf-8")
        before.append(document.text)
        after.append(apply_edits(document.text, edits))
        all_edits += edits
    return FilePlan(path, original, b"\n".join(lines), all_edits, "\n\n".join(before), "\n\n".join(after))


def edited_json_line(line: str, field: str, text: str, edits: Sequence[Edit]) -> str:
    """``line`` (one JSON object) with ``edits`` made inside the string
    literal of its top-level ``field``, whose decoded value is ``text``."""
    start, end = string_literal_span(line, field)
    literal = line[start:end]
    offsets = decoded_offsets(literal)
    if len(offsets) != len(text) + 1:
        raise FixError(f"the {field!r} field does not decode to the text that was checked")
    escape = functools.partial(json.dumps, ensure_ascii=line.isascii())  # keep an all-ASCII line ASCII
    pieces, position = [], 0
    for edit in edits:
        pieces += [literal[position:offsets[edit.start]], escape(edit.new)[1:-1]]
        position = offsets[edit.end]
    edited = line[:start] + "".join(pieces) + literal[position:] + line[end:]
    _check_only_field_changed(line, edited, field, apply_edits(text, edits))
    return edited


def string_literal_span(line: str, field: str) -> tuple[int, int]:
    """(start, end) of the characters between the quotes of the top-level
    ``field`` of the JSON object ``line`` (the last one, as json.loads reads
    duplicate keys)."""
    decoder = json.JSONDecoder()
    position = _skip_space(line, 1 if line.startswith("\ufeff") else 0)
    if line[position:position + 1] != "{":
        raise FixError("not a JSON object")
    found = None
    position = _skip_space(line, position + 1)
    while line[position:position + 1] == '"':
        key, position = json.decoder.scanstring(line, position + 1)
        position = _skip_space(line, _skip_space(line, position) + 1)  # past the colon
        value_start = position
        _, position = decoder.raw_decode(line, position)
        if key == field and line[value_start] == '"':
            found = (value_start + 1, position - 1)
        position = _skip_space(line, position)
        if line[position:position + 1] == ",":
            position = _skip_space(line, position + 1)
    if found is None:
        raise FixError(f"no {field!r} string in the line")
    return found


def _skip_space(line: str, position: int) -> int:
    while position < len(line) and line[position] in JSON_SPACE:
        position += 1
    return position


def decoded_offsets(literal: str) -> list[int]:
    """For each character of the decoded JSON string ``literal``, where it
    starts in ``literal``; then ``len(literal)``. A surrogate pair written as
    two \\u escapes is one character, as json.loads decodes it."""
    offsets, position = [], 0
    while position < len(literal):
        offsets.append(position)
        if literal[position] != "\\":
            position += 1
        elif literal[position + 1] != "u":
            position += 2
        else:
            high = 0xD800 <= int(literal[position + 2:position + 6], 16) < 0xDC00
            position += 12 if high and literal[position + 6:position + 8] == "\\u" else 6
    offsets.append(position)
    return offsets


def _check_only_field_changed(line: str, edited: str, field: str, fixed_text: str) -> None:
    before, after = json.loads(line.removeprefix("\ufeff")), json.loads(edited.removeprefix("\ufeff"))
    before.pop(field)
    if after.pop(field) != fixed_text or after != before:
        raise FixError("the edited line does not decode to the fixed text with its other fields unchanged")


def write_plan(plan: FilePlan, backup: bool = True) -> Optional[str]:
    """Write the fixed bytes over the file the path names (through a symbolic
    link, to its target), keeping its mode, owner and hard links; first a
    backup copy next to the path, created new (never over an existing file
    or through a link). Refuses a read-only file and one that changed since
    it was read. Returns the backup's path.

    The file is locked (advisory, where the platform has flock) and compared
    with what was read once more immediately before it is replaced; an
    editor that writes without locking in that last instant can still lose
    its write, which no POSIX rename can rule out.
    """
    target = os.path.realpath(plan.path)
    with open(target, "rb") as handle:
        _lock(handle)
        status = os.fstat(handle.fileno())
        _check_writable(target, status)
        _check_unchanged(plan, target, status)
        backup_path = make_backup(plan.path, plan.original, status.st_mode) if backup else None
        if status.st_nlink > 1 or not _replace(plan, target, status):
            _overwrite_in_place(plan, target, status)
    return backup_path


def _lock(handle) -> None:
    try:
        import fcntl
    except ImportError:  # no advisory locks on this platform
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise FixError("locked by another process; not written") from None


def _check_writable(target: str, status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise FixError("not a regular file; not written")
    # Write bits, not os.access: run as root, access() allows everything.
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise FixError("read-only; not written (make it writable to fix it)")


def _check_unchanged(plan: FilePlan, target: str, status: os.stat_result) -> None:
    """``target`` still is the file locked (an editor that saved by renaming
    a new file over it made another) and still holds what was read."""
    with open(target, "rb") as current:
        unchanged = os.path.samestat(os.fstat(current.fileno()), status) and current.read() == plan.original
    if not unchanged:
        raise FixError("changed since it was read; not written (run fix again)")


def make_backup(path: str, content: bytes, mode: int) -> str:
    """A new file PATH.bak (else PATH.bak.1, .2, ...) holding ``content``:
    created exclusively, so an existing file or a link there is never
    written through."""
    for candidate in [f"{path}.bak", *(f"{path}.bak.{n}" for n in range(1, MAX_BACKUPS))]:
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, stat.S_IMODE(mode))
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        return candidate
    raise FixError(f"{path}.bak and {MAX_BACKUPS - 1} numbered backups exist; not written "
                   "(remove old backups, or use --no-backup)")


def _replace(plan: FilePlan, target: str, status: os.stat_result) -> bool:
    """Write a temporary file with the original's mode and owner and rename
    it over ``target`` (atomic); False, having changed nothing, when the
    owner cannot be kept."""
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".mtcheck-fix-")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(plan.fixed)
            out.flush()
            os.fsync(out.fileno())
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.chown(temporary, status.st_uid, status.st_gid)
                except PermissionError:
                    os.unlink(temporary)
                    return False
        _check_unchanged(plan, target, status)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


def _overwrite_in_place(plan: FilePlan, target: str, status: os.stat_result) -> None:
    """Rewrite ``target``'s own bytes (keeping its inode: hard links and
    owner). Not atomic: a crash part-way leaves the backup to restore from."""
    _check_unchanged(plan, target, status)
    with open(target, "r+b") as out:
        out.write(plan.fixed)
        out.truncate()
        out.flush()
        os.fsync(out.fileno())


def change_scores(before: str, after: str) -> dict:
    """How much the fix changed, as sacrebleu chrF and TER of the cleaned text
    against the original (chrF 100 and TER 0 = unchanged)."""
    from sacrebleu.metrics import CHRF, TER

    return {"chrf": round(CHRF().sentence_score(after, [before]).score, 2),
            "ter": round(TER().sentence_score(after, [before]).score, 2)}
