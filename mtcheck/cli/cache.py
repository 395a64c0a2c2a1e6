"""`mtcheck cache info` and `mtcheck cache clear`: the cache directory.

    mtcheck cache info     # where it is, what it holds
    mtcheck cache clear    # forget every score and grammar hit (re-scans compute them)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Optional

import click

from mtcheck.cli.options import config_option, load_config_or_exit


@click.group()
def cache() -> None:
    """The cache of the model's scores and Harper's hits that makes re-scans fast."""


@cache.command("info")
@config_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(config_file: Optional[str], output_format: str) -> None:
    """Where the cache directory is and what it holds."""
    from mtcheck.cache import cache_root

    store = _store(config_file)
    facts = {"cache_directory": str(cache_root()), "results": store.info(),
             "converted_models_bytes": _size(cache_root() / "models"),
             "gazetteer_index_bytes": _size(cache_root() / "gazetteer")}
    store.close()
    if output_format == "json":
        click.echo(json.dumps(facts, indent=2))
        return
    results = facts["results"]
    click.echo(f"cache directory: {facts['cache_directory']}\n"
               f"scores and grammar hits: {results['entries']:,} entries, {_mb(results['bytes'])} "
               f"of at most {_mb(results['size_limit_bytes'])} ({results['directory']})\n"
               f"converted models: {_mb(facts['converted_models_bytes'])}\n"
               f"gazetteer index: {_mb(facts['gazetteer_index_bytes'])}")


@cache.command("clear")
@config_option
@click.option("--all", "everything", is_flag=True,
              help="Also remove the converted model and the gazetteer index (rebuilt on the next scan, ~30 s).")
def clear(config_file: Optional[str], everything: bool) -> None:
    """Forget every cached score and grammar hit."""
    from mtcheck.cache import cache_root

    store = _store(config_file)
    removed = store.clear()
    store.close()
    click.echo(f"removed {removed:,} cached results from {store.directory}")
    if everything:
        for part in ("models", "gazetteer"):
            shutil.rmtree(cache_root() / part, ignore_errors=True)
        click.echo(f"removed the converted models and the gazetteer index from {cache_root()}")


def _store(config_file: Optional[str]):
    from mtcheck.cache import ResultStore

    return ResultStore(size_mb=load_config_or_exit(config_file)["cache-size-mb"])


def _size(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) if directory.is_dir() else 0


def _mb(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"
