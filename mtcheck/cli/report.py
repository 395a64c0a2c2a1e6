"""`mtcheck report PATH... --output report.html`: the cleanup report."""

from __future__ import annotations

import click

from mtcheck.cli.options import required_output, scan_setup_options
from mtcheck.cli.output import opened_output, write_report
from mtcheck.cli.scanning import start_scan
from mtcheck.gate import exit_code


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@required_output("The HTML file to write.")
@scan_setup_options
@click.pass_context
def report(ctx: click.Context, paths: tuple[str, ...], output: str, **flags) -> None:
    """Scan PATH... and write one self-contained HTML page (no network, no
    script) to read and clean up: documents with verdicts and scores,
    paragraphs shaded by fluency, findings highlighted with their messages,
    charts of fluency. Same as `scan --format html --output FILE`, but it
    never fails the gate: exit 0, or 3 when some input could not be read."""
    from mtcheck.render.html_report import render_html

    _, session, results = start_scan(ctx, paths, flags)
    with opened_output(output, paths) as handle:
        results = list(results)
        page = render_html(results, session.scanner.signature, garbled_below=session.policy.thresholds.garbled_below)
        write_report(page, handle, output)
    click.echo(f"report: {len(results)} documents -> {output}", err=True)
    ctx.exit(exit_code(results, "never"))  # 0, or 3 when some input could not be read
