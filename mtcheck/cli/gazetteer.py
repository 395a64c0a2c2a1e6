"""`mtcheck gazetteer`: learn a publisher's names from trusted articles, look names up.

    mtcheck gazetteer build archive/ --output newsroom.tsv
    mtcheck scan incoming/ --gazetteer newsroom.tsv
    mtcheck gazetteer lookup "Voldimi Zelensky"
"""

from __future__ import annotations

import json
from typing import Optional

import click

from mtcheck.cli.errors import ConfigError, reported_setup_errors
from mtcheck.cli.options import gazetteer_option, id_field_option, required_output, text_field_option
from mtcheck.gate import ExitCode

# Weaker matches than this are noise to a reader ("Xyzzyq" sounds like "Zoran Žižić").
MIN_SHOWN_SIMILARITY = 0.5


@click.group()
def gazetteer() -> None:
    """Build and query gazetteers: the names the name check accepts."""


@gazetteer.command()
@click.argument("corpus", nargs=-1, required=True, metavar="CORPUS...")
@required_output("The gazetteer to write: .tsv, .csv or .json.")
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(min=1),
              help="Keep only names used in at least this many articles.")
@text_field_option
@id_field_option
@click.pass_context
def build(ctx: click.Context, corpus: tuple[str, ...], output: str, min_articles: int,
          text_field: str, id_field: str) -> None:
    """Learn the names that trusted articles use (CORPUS: files, directories,
    JSONL, or - for standard input) and write them as a user gazetteer for
    `scan --gazetteer`. Their spellings are then accepted, and near misses of
    them repaired. Unreadable inputs are reported and skipped (exit 3).
    """
    from mtcheck.checks.names import learn_names
    from mtcheck.document import InputError
    from mtcheck.gazetteer import GazetteerError, load_gazetteer, write_user_file
    from mtcheck.reading import iter_inputs

    documents, unreadable = [], 0
    for item in iter_inputs(corpus, text_field=text_field, id_field=id_field):
        if isinstance(item, InputError):
            click.echo(f"mtcheck: {item.describe()}", err=True)
            unreadable += 1
        else:
            documents.append(item)
    # The bundled gazetteer tells a famous surname ("Gandhi") from a title word,
    # and what the names it lists are.
    with reported_setup_errors():
        known = load_gazetteer(())
    entries = learn_names(documents, known, min_articles=min_articles)
    try:
        write_user_file(output, entries)
    except GazetteerError as error:
        raise ConfigError(str(error)) from None
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(f"learned {len(entries)} names from {len(documents)} articles -> {output}", err=True)
    ctx.exit(ExitCode.INPUT_ERROR if unreadable else ExitCode.OK)


def one_paragraph(text: str):
    """``text`` as a document of one checked paragraph, however short (a
    name alone would be a too-short paragraph, which no check reports on)."""
    from mtcheck.document import Document, Paragraph
    from mtcheck.reading.paragraphs import trim

    line = trim(text, 0, len(text))
    return Document(path="<lookup>", text=text, paragraphs=(Paragraph(0, line.start, line.end),) if line else ())


@gazetteer.command()
@click.argument("name")
@gazetteer_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1), help="Show at most this many entries.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def lookup(ctx: click.Context, name: str, gazetteers: tuple[str, ...], limit: int, output_format: str) -> None:
    """Show the entries NAME may refer to and why, and what the name check
    makes of NAME on its own. Exit 1 when no entry matches."""
    from mtcheck.checks.names import NameCheck
    from mtcheck.gazetteer import load_gazetteer

    with reported_setup_errors():
        index = load_gazetteer(gazetteers)
    matches = [(entry, reason) for entry, reason in index.explain(name, limit)
               if reason.similarity >= MIN_SHOWN_SIMILARITY]
    check, document = NameCheck(index), one_paragraph(name)
    findings = [f for f in check.check_document(document) if f.category == "name"]
    # Without its context and the language model a scan asks, a damaged name
    # is often no finding: what the check would repair it to still says who is meant.
    likeliest = None if findings else likeliest_repair(check, document)
    if output_format == "json":
        click.echo(json.dumps({
            "name": name,
            "matches": [{**entry.to_json(), "reason": str(reason), "similarity": reason.similarity}
                        for entry, reason in matches],
            "check": [{"code": f.code, "severity": f.severity, "text": f.text, "suggestions": list(f.suggestions),
                       "confidence": f.confidence, "message": f.message} for f in findings],
            "likeliest_repair": likeliest,
        }, ensure_ascii=False, indent=2))
    else:
        click.echo(format_lookup(name, matches, findings, likeliest))
    ctx.exit(ExitCode.OK if matches else ExitCode.GATE_FAILED)


def likeliest_repair(check, document) -> Optional[dict]:
    """The check's most probable repair of any word of ``document`` on
    spelling alone, and the probability a finding needs; None when no
    repair is likely enough for a scan to ask the language model about."""
    repairs = [repair for _, _, found in check.candidates(document) for repair in found]
    best = max(repairs, key=lambda repair: repair.confidence, default=None)
    if best is None or best.confidence < check.decision.ask_model_threshold:
        return None
    return {"text": best.token.text, "suggestion": best.replacement, "confidence": round(best.confidence, 3),
            "finding_threshold": check.decision.spelling.finding_threshold}


def format_lookup(name: str, matches, findings, likeliest: Optional[dict] = None) -> str:
    if not matches:
        lines = [f"no gazetteer entry matches {name!r}"]
    else:
        lines = [f"{len(matches)} entr{'y' if len(matches) == 1 else 'ies'} for {name!r}:"]
        for entry, reason in matches:
            lines.append(f"  {entry.canonical} [{entry.type}] - {reason}")
            details = [entry.description, _listed("also", entry.aliases), _listed("deprecated", entry.deprecated),
                       f"source: {entry.source}" if entry.source else None]
            lines.append("      " + "; ".join(d for d in details if d))
    for finding in findings:
        lines.append(f"name check: {finding.code} {finding.severity}: {finding.message}")
    if matches and not findings:
        lines.append("name check: nothing to report" + (
            f" (likeliest repair '{likeliest['text']}' -> '{likeliest['suggestion']}' at {likeliest['confidence']:.2f},"
            f" below the {likeliest['finding_threshold']:.2f} a finding needs without the language model a scan asks)"
            if likeliest else ""))
    return "\n".join(lines)


def _listed(label: str, forms: tuple[str, ...], shown: int = 5) -> Optional[str]:
    if not forms:
        return None
    more = f" (+{len(forms) - shown} more)" if len(forms) > shown else ""
    return f"{label}: {', '.join(forms[:shown])}{more}"
