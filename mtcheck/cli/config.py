"""`mtcheck config show`: the merged settings and where each comes from."""

from __future__ import annotations

import json
from typing import Optional

import click

from mtcheck.cli.options import config_option, load_config_or_exit


@click.group()
def config() -> None:
    """Inspect mtcheck's configuration."""


@config.command("show")
@config_option
@click.option("--format", "output_format", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
def show(config_file: Optional[str], output_format: str) -> None:
    """Print the merged settings and where each comes from (the config file
    found upward from the working directory, or the default)."""
    from mtcheck.config import describe

    merged = load_config_or_exit(config_file)
    if output_format == "json":
        click.echo(json.dumps({"file": str(merged.file) if merged.file else None,
                               "settings": {key: {"value": value, "source": merged.sources[key]}
                                            for key, value in merged.values.items()}}, indent=2))
    else:
        click.echo(describe(merged))
