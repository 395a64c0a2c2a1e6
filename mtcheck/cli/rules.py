"""`mtcheck rules`: the finding codes, what each means and what to do about it."""

from __future__ import annotations

import json
import textwrap

import click

from mtcheck.checks.base import all_rules


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the findings table of docs/usage.md.")
def rules_command(output_format: str) -> None:
    """List every finding code with its category, default severity, what it
    means and how to act on it (for --select, --ignore and the config's
    severity table)."""
    if output_format == "markdown":
        click.echo(markdown_table())
        return
    if output_format == "json":
        click.echo(json.dumps([{"code": r.code, "title": r.title, "category": r.category,
                                "default_severity": r.default_severity, "fix": r.fix,
                                "summary": r.short, "help": r.help} for r in all_rules()], indent=2))
        return
    for rule in all_rules():
        fix = f", {FIX_LABELS[rule.fix]}" if rule.fix else ""
        click.echo(f"{rule.code}  {rule.title} ({rule.category}, {rule.default_severity}{fix})")
        for paragraph in (rule.short, rule.help):
            click.echo(textwrap.fill(paragraph, width=88, initial_indent="    ", subsequent_indent="    "))


FIX_LABELS = {"safe": "fixable", "unsafe": "fixable with --unsafe"}


def markdown_table() -> str:
    """One row per code (the texts are ours, never article text)."""
    rows = ["| code | title | category | default severity | `mtcheck fix` | what |", "| --- | --- | --- | --- | --- | --- |"]
    rows += [f"| {r.code} | {r.title} | {r.category} | {r.default_severity} | {FIX_LABELS.get(r.fix, 'no')} | {r.short} |"
             for r in all_rules()]
    return "\n".join(rows)
