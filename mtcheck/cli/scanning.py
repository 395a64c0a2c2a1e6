"""What `scan`, `report` and `baseline create` share, so they judge alike:
settings from the config file and the flags, a session, results as each
document finishes (a progress bar on a terminal)."""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, Optional, Sequence

import click

from mtcheck.cli.errors import ConfigError, reported_setup_errors
from mtcheck.cli.output import prepared_shard_directory
from mtcheck.cli.options import resolve_settings


def start_scan(ctx: click.Context, paths: Sequence[str], flags: dict, use_baseline: bool = True,
               progress: bool = True, shards: Optional[tuple[str, str]] = None):
    """(settings, session, results as each document finishes, policy applied);
    ``progress``: a progress bar on a terminal; ``shards``: the directory
    and format for the Ray workers to write the results to."""
    from mtcheck.session import open_session

    settings = resolve_settings(ctx, flags)
    if shards:
        if not settings.get("ray"):
            raise ConfigError("--shards needs --ray: the Ray workers write the parts (a local scan writes one "
                              "report: --format jsonl --output FILE)")
        prepared_shard_directory(shards[0], paths)
    with reported_setup_errors():
        session = open_session(settings, use_baseline, shards=shards, stdin_format=settings.get("stdin-format"),
                               stdin_filename=settings.get("stdin-filename"))
    return settings, session, scanned(session, paths, progress)


def scanned(session, paths: Sequence[str], progress: bool = True) -> Iterator:
    """The session's results in input order, with a progress bar on stderr
    for many files on a terminal, and a warning when the cache could not be used."""
    results = session.scan(paths)
    total = input_file_count(paths) if progress and sys.stderr.isatty() else 0
    if total <= 1:
        yield from results
    else:
        with click.progressbar(length=total, label="Scanning", file=sys.stderr) as bar:
            yield from advance_per_file(results, bar)
    if session.ray is not None:
        click.echo(session.ray.summary, err=True)  # every batch accounted for, or which were not
    store = session.scanner.store
    if store is not None and store.problem:
        click.echo(f"mtcheck: warning: the results cache in {store.directory} could not be used "
                   f"({store.problem}); every score was computed", err=True)


def input_file_count(paths: Iterable[str]) -> int:
    from mtcheck.reading.files import iter_files

    return sum(sum(1 for _ in iter_files(path)) if os.path.isdir(path) else 1 for path in paths)


def advance_per_file(results: Iterable, bar) -> Iterator:
    # A JSONL file yields many results with one path: the bar counts files.
    previous_path = None
    for result in results:
        if result.path != previous_path:
            bar.update(1)
            previous_path = result.path
        yield result
