"""`mtcheck scan PATH...`: the report and the gate."""

from __future__ import annotations

import contextlib

from typing import Optional

import click

from mtcheck.cli.options import existing_parent_directory, scan_setup_options
from mtcheck.cli.output import (COLOR_CHOICES, opened_output, stdout_for_the_report_alone, stream_jsonl,
                                write_report)
from mtcheck.cli.scanning import start_scan
from mtcheck.gate import FAIL_ON_CHOICES, exit_code
from mtcheck.render import RENDERERS, render, render_text
from mtcheck.render.shards import SHARD_FORMATS
from mtcheck.render.text_report import overview_lines


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format", "output_format", type=click.Choice(list(RENDERERS)), default="text", show_default=True,
    help="Report format.",
)
@click.option(
    "--output", metavar="FILE", type=click.Path(dir_okay=False), callback=existing_parent_directory,
    help="Write the report to FILE (never coloured) instead of standard output.",
)
@click.option(
    "--fail-on", type=click.Choice(FAIL_ON_CHOICES), default="error", show_default=True,
    help="Exit 1 when a document has a finding of this severity or worse.",
)
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Colour the text report: on a terminal unless NO_COLOR is set (auto), always, or never.")
@click.option("-q", "--quiet", is_flag=True,
              help="Text report: only unreadable inputs, gate failures and findings (no overview, no summary); "
                   "no progress bar.")
@click.option("--baseline", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="Report only findings not in this baseline (made by `mtcheck baseline create`).")
@click.option("--min-document-fluency", type=click.FloatRange(0, 100), metavar="N",
              help="Fail a document whose fluency is below N.")
@click.option("--min-paragraph-fluency", type=click.FloatRange(0, 100), metavar="N",
              help="Fail a document with a scored paragraph below N (finding MT104).")
@click.option("--max-corrupted-names", type=click.IntRange(min=0), metavar="N",
              help="Fail a document with more than N corrupted names (MT201).")
@click.option("--max-garbled-share", type=click.FloatRange(0, 1), metavar="X",
              help="Fail a document whose share of garbled paragraphs (see garbled-below) is above X.")
@click.option("--shards", metavar="DIR", type=click.Path(file_okay=False),
              help="With --ray: the workers write each document's result into part files under DIR (new or "
                   "empty), in input order; standard output gets the overview and the summary alone.")
@click.option("--shard-format", type=click.Choice(SHARD_FORMATS), default="jsonl", show_default=True,
              help="With --shards: part files as JSON lines (as --format jsonl) or Parquet tables.")
@scan_setup_options
@click.pass_context
def scan_command(ctx: click.Context, paths: tuple[str, ...], output: Optional[str], color: str, quiet: bool,
                 shards: Optional[str], shard_format: str, **flags) -> None:
    """Score fluency and find damage in PATH... (files, directories searched
    recursively, or - for standard input).

    Settings come from flags, then the config file ([tool.mtcheck] in
    pyproject.toml or mtcheck.toml, found upward from here, or --config),
    then the defaults: `mtcheck config show` prints them.

    \b
    Exit codes: 0 the gate passed, 1 the gate failed (see --fail-on and the
    thresholds), 2 usage or configuration error, 3 some input could not be
    read (everything else is still scanned and reported), 130 interrupted,
    141 the reader of standard output went away.
    """
    settings, session, results = start_scan(ctx, paths, flags, progress=not quiet,
                                            shards=(shards, shard_format) if shards else None)
    keep_stdout = stdout_for_the_report_alone() if session.ray else contextlib.nullcontext()
    with opened_output(output, paths) as handle, keep_stdout:
        if shards:  # the documents are in the parts
            results = list(results)
            write_report("\n".join(overview_lines(results)), handle, output, color)
        elif settings["format"] == "jsonl":
            results = stream_jsonl(results, handle, output)
        else:
            results = list(results)
            if quiet and settings["format"] == "text":
                report = render_text(results, quiet=True)
            else:
                report = render(settings["format"], results, session.scanner.signature,
                                garbled_below=session.policy.thresholds.garbled_below)
            if report or not quiet:
                write_report(report, handle, output, color)
    if not results:
        click.echo(f"mtcheck: error: no articles found in {', '.join(paths)}", err=True)
    ctx.exit(exit_code(results, settings["fail-on"]))
