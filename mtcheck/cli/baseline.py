"""`mtcheck baseline create`: adopting the gate on content that already has findings.

    mtcheck baseline create content/ --output .mtcheck-baseline.json
    mtcheck scan content/ --baseline .mtcheck-baseline.json   # only new findings
"""

from __future__ import annotations

import json

import click

from mtcheck.cli.options import required_output, scan_setup_options
from mtcheck.cli.output import opened_output, write_report
from mtcheck.cli.scanning import start_scan
from mtcheck.gate import exit_code


@click.group()
def baseline() -> None:
    """Record today's findings so a pipeline reports only new ones."""


@baseline.command("create")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@required_output("The baseline file to write (JSON).")
@scan_setup_options
@click.pass_context
def create(ctx: click.Context, paths: tuple[str, ...], output: str, **flags) -> None:
    """Scan PATH... and write every finding's fingerprint to FILE, for
    `scan --baseline FILE`. Run both from the same directory with the same
    paths: a fingerprint holds the document's path, the finding's code and
    flagged text, not its offset, so edits elsewhere in an article keep it.
    Unreadable inputs are reported and skipped (exit 3)."""
    from mtcheck.policy import baseline_dict

    _, _, results = start_scan(ctx, paths, flags, use_baseline=False)
    with opened_output(output, paths) as handle:
        results = list(results)
        for result in results:
            if not result.ok:
                click.echo(f"mtcheck: {result.error.describe()}", err=True)
        data = baseline_dict(results)
        write_report(json.dumps(data, ensure_ascii=False, indent=1), handle, output)
    click.echo(f"baseline: {len(data['findings'])} findings in {sum(r.ok for r in results)} documents -> {output}",
               err=True)
    ctx.exit(exit_code(results, "never"))  # 0, or 3 when some input could not be read
