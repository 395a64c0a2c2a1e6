"""`mtcheck fix`: replace corrupted names with their canonical spelling.

    mtcheck fix content/                 # a unified diff of what would change (files untouched)
    mtcheck fix content/ --write         # write it (atomically, keeping PATH.bak)

It applies what a scan reports: the name check, with the language model's
opinion of each repair (no fluency or grammar scoring).
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from typing import Iterator

import click

from mtcheck.cli.errors import reported_setup_errors
from mtcheck.cli.options import (config_option, gazetteer_option, id_field_option, model_option, resolve_settings,
                                 text_field_option)
from mtcheck.gate import ExitCode


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--diff/--write", "dry_run", default=True, show_default=True,
              help="Print a unified diff and leave files untouched, or write the fixes.")
@click.option("--unsafe", is_flag=True,
              help="Also replace older spellings (MT202, Kiev -> Kyiv), which quotes and history may use on purpose, "
                   "and names only the language model's opinion argues for (see the JSON report's \"fix\").")
@click.option("--no-backup", is_flag=True, help="With --write: do not keep a backup (PATH.bak).")
@gazetteer_option
@model_option
@text_field_option
@id_field_option
@config_option
@click.pass_context
def fix(ctx: click.Context, paths: tuple[str, ...], dry_run: bool, unsafe: bool, no_backup: bool, **flags) -> None:
    """Apply the name check's suggestions to PATH... (files or directories):
    by default the corrupted names (MT201) that the spelling evidence argues
    for on its own. Plain text, Markdown and JSONL (the text field of each
    article); HTML is reported, not fixed. Nothing outside
    the replaced names changes, and running fix again changes nothing.

    \b
    Exit codes: 0 done, 2 usage or configuration error, 3 some file (or
    JSONL line) could not be read, fixed or written (the others still are).

    With --write: a link is fixed through to its target; mode, owner and
    hard links are kept; a read-only file is refused; PATH.bak (else
    PATH.bak.1, ...) is always a new file.
    """
    from mtcheck.checks.names import NameCheck
    from mtcheck.scanner import Scanner
    from mtcheck.session import policy_for, scan_options

    settings = resolve_settings(ctx, flags)
    # The scan's name check, language model included: fix applies what a scan reports.
    with reported_setup_errors():
        scanner = Scanner(scan_options(settings))
        _ = scanner.gazetteer, scanner.scorer  # a bad gazetteer file, then a missing model: exit 2
        check = NameCheck.build(scanner)
        policy = policy_for(settings, use_baseline=False)
    problems = 0
    for path in files_under(paths):
        problems += not fix_file(path, check, policy, settings, dry_run, unsafe, backup=not no_backup)
    ctx.exit(ExitCode.INPUT_ERROR if problems else ExitCode.OK)


def files_under(paths: tuple[str, ...]) -> Iterator[str]:
    from mtcheck.reading.files import iter_files

    for path in paths:
        if os.path.isdir(path):
            for found in iter_files(path):
                yield found if isinstance(found, str) else found.path
        else:
            yield path


def fix_file(path: str, check, policy, settings: dict, dry_run: bool, unsafe: bool, backup: bool) -> bool:
    """Fix (or diff) one file; False when it could not be done (or a JSONL
    line could not be read), with the reason on stderr."""
    from mtcheck.fix import FixError, change_scores, write_plan
    from mtcheck.reading.files import printable_path

    shown = printable_path(path)
    try:
        plan, unreadable, held_back = plan_for(path, check, policy, settings, unsafe)
        for error in unreadable:
            click.echo(f"mtcheck: {error.describe()}", err=True)
        if plan is None or not plan.changed:
            click.echo(f"{shown}: nothing to fix{held_back_note(held_back)}", err=True)
            return not unreadable
        if dry_run:
            click.echo(unified_diff(plan), nl=False)
        else:
            backup_path = write_plan(plan, backup=backup)
    except FixError as error:
        click.echo(f"mtcheck: {shown}: {error}", err=True)
        return False
    except OSError as error:
        click.echo(f"mtcheck: {shown}: {error.strerror or error}", err=True)
        return False
    scores = change_scores(plan.before_text, plan.after_text)
    verb = "would replace" if dry_run else "replaced"
    names = ", ".join(f"{e.old} -> {e.new}" for e in plan.edits)
    kept = f"; original kept as {printable_path(backup_path)}" if not dry_run and backup_path else ""
    click.echo(f"{shown}: {verb} {len(plan.edits)} name{'s' if len(plan.edits) != 1 else ''} ({names}); "
               f"chrF {scores['chrf']:.1f}, TER {scores['ter']:.1f} against the original{kept}"
               f"{held_back_note(held_back)}", err=True)
    return not unreadable


def held_back_note(edits: list) -> str:
    """What --unsafe would also replace, so that a scan's suggestion missing from the fix is explained."""
    if not edits:
        return ""
    counted = Counter(f"{e.old} -> {e.new}" for e in edits)
    listed = ", ".join(f"{change} {count} times" if count > 1 else change for change, count in counted.items())
    return f"; {len(edits)} more only with --unsafe ({listed})"


def plan_for(path: str, check, policy, settings: dict, unsafe: bool):
    """(the FilePlan for one file or None when it holds no article text, the
    JSONL lines that could not be read: they are left as they are, the edits
    only --unsafe would make)."""
    from mtcheck.document import Document, InputError
    from mtcheck.fix import FixError, edits_for, plan_jsonl_file, plan_text_file
    from mtcheck.policy import is_suppressed
    from mtcheck.reading import documents_from_bytes
    from mtcheck.reading.files import RECORD_FORMATS, format_for, printable_path, read_bytes

    original = read_bytes(path, settings["max-file-size"])
    if isinstance(original, InputError):
        raise FixError(original.message)
    file_format = format_for(path) or "txt"
    # Named as reports name it: an unreadable line's message carries this name.
    items = list(documents_from_bytes(original, path=printable_path(path), format=file_format,
                                      text_field=settings["text-field"],
                                      id_field=settings["id-field"], max_bytes=settings["max-file-size"]))
    documents = [item for item in items if isinstance(item, Document)]
    unreadable = [item for item in items if isinstance(item, InputError)]
    if file_format not in RECORD_FORMATS and unreadable:
        raise FixError(unreadable[0].message)
    findings = {document.line: [f for f in check.check_document(document) if not is_suppressed(f, document, policy)]
                for document in documents}
    edits = {line: edits_for(found, unsafe) for line, found in findings.items()}
    if file_format == "html":
        if any(edits.values()):
            raise FixError("HTML is not fixed in place (finding offsets are in the extracted text); "
                           "fix the source the page is made from")
        return None, [], []  # nothing here is fixed in place, --unsafe or not
    if file_format == "parquet":
        if any(edits.values()):
            raise FixError("Parquet tables are not fixed in place; the JSON report lists each row's "
                           "findings with their suggestions")
        return None, unreadable, []  # nothing here is fixed in place, --unsafe or not
    held_back = [] if unsafe else [edit for line, found in findings.items() for edit in edits_for(found, unsafe=True)
                                   if edit not in edits[line]]
    if file_format == "jsonl":
        return plan_jsonl_file(path, original, documents, edits, settings["text-field"]), unreadable, held_back
    (document,) = documents
    return plan_text_file(path, original, document, edits[document.line]), [], held_back


def unified_diff(plan) -> str:
    from mtcheck.reading.files import printable_path

    # A JSONL file may hold unreadable lines, left as they are: shown as U+FFFD.
    before = plan.original.decode("utf-8", "replace").splitlines(keepends=True)
    after = plan.fixed.decode("utf-8", "replace").splitlines(keepends=True)
    shown = printable_path(plan.path)
    lines = difflib.unified_diff(before, after, fromfile=f"a/{shown}", tofile=f"b/{shown}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
