"""Where a report goes: the file named by --output (checked before any work
is done) or standard output, and write failures as one line."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Sequence

import click

from mtcheck.cli.errors import ConfigError


@contextlib.contextmanager
def opened_output(output: Optional[str], inputs: Sequence[str] = ()) -> Iterator[Optional[IO[str]]]:
    """The report's file (None: standard output), opened before any work is
    done, so an unwritable one costs no scan; one that is or would become an
    input, or is read-only, is refused, never overwritten."""
    if output is None:
        yield None
        return
    clash = output_clash(output, inputs)
    if clash is not None:
        raise ConfigError(f"--output {output} {clash}")
    if os.path.isfile(output) and not os.stat(output).st_mode & 0o222:
        raise ConfigError(f"--output {output} is read-only; not overwritten")
    try:
        handle = open(output, "w", encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot write the report to {output}: {error.strerror or error}") from None
    with handle:
        yield handle


def output_clash(output: str, inputs: Sequence[str]) -> Optional[str]:
    """Why writing ``output`` would destroy an input (the same file, also
    through a link) or be read back as one (a new file of an article format
    in a scanned directory), or None."""
    from mtcheck.reading.files import format_for, iter_files

    if os.path.exists(output):
        target = os.stat(output)
        for path in inputs:
            for candidate in iter_files(path) if os.path.isdir(path) else [path]:
                if isinstance(candidate, str) and same_file(candidate, target):
                    return f"is the input {candidate}; the report would overwrite it (write it to another file)"
    elif format_for(output) is not None:
        scanned = scanned_directory_holding(output, inputs)
        if scanned is not None:
            return (f"is in the scanned directory {scanned} and would be read back as an article "
                    "(write it elsewhere, or give it a name starting with a dot)")
    return None


def scanned_directory_holding(path: str, inputs: Sequence[str]) -> Optional[str]:
    """The scanned directory among ``inputs`` whose walk would reach ``path`` (not hidden in it), or None."""
    parent = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    for directory in filter(os.path.isdir, inputs):
        inside = os.path.relpath(os.path.join(parent, os.path.basename(path)), os.path.realpath(directory))
        if not inside.startswith(os.pardir) and not any(part.startswith(".") for part in Path(inside).parts):
            return directory
    return None


def prepared_shard_directory(directory: str, inputs: Sequence[str]) -> str:
    """``directory``, made if new, for --shards: refused (ConfigError) when it
    holds files already, whose parts would mix with this run's, or lies in a
    scanned directory, where a later scan would read the parts as articles."""
    scanned = scanned_directory_holding(directory, inputs)
    if scanned is not None:
        raise ConfigError(f"--shards {directory} is in the scanned directory {scanned}; its parts would be read "
                          "back as articles (write them elsewhere)")
    try:
        os.makedirs(directory, exist_ok=True)
        if os.listdir(directory):
            raise ConfigError(f"--shards {directory} is not empty; name a new or empty directory (parts of "
                              "another run would mix with this one's)")
    except OSError as error:
        raise ConfigError(f"cannot write shards to {directory}: {error.strerror or error}") from None
    return directory


def same_file(path: str, status: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.stat(path), status)
    except OSError:
        return False


COLOR_CHOICES = ("auto", "always", "never")


class MainThreadStdout(io.TextIOBase):
    """Standard output for the main thread alone: what other threads print
    (Ray's driver prints its workers' errors from one) goes to standard
    error, so a report on standard output stays whole."""

    def __init__(self, stdout: IO[str], stderr: IO[str]):
        self.stdout, self.stderr = stdout, stderr

    def _target(self) -> IO[str]:
        return self.stdout if threading.current_thread() is threading.main_thread() else self.stderr

    def write(self, text: str) -> int:
        return self._target().write(text)

    def flush(self) -> None:
        self._target().flush()

    def isatty(self) -> bool:
        return self.stdout.isatty()

    def fileno(self) -> int:
        return self.stdout.fileno()

    @property
    def encoding(self) -> str:
        return self.stdout.encoding


@contextlib.contextmanager
def stdout_for_the_report_alone():
    """sys.stdout as MainThreadStdout while the block runs."""
    saved = sys.stdout
    sys.stdout = MainThreadStdout(saved, sys.stderr)
    try:
        yield
    finally:
        sys.stdout = saved


def write_report(report: str, handle: Optional[IO[str]], output: Optional[str], color: str = "auto") -> None:
    """``report`` to ``handle`` (from ``opened_output``: never coloured), or
    to standard output, coloured as ``color`` says: "auto" on a terminal
    unless the NO_COLOR environment variable is set (no-color.org)."""
    use_color = {"always": True, "never": False}.get(color, False if os.environ.get("NO_COLOR") else None)
    with reported_write_errors(output):
        click.echo(report, file=handle, color=False if handle is not None else use_color)


def stream_jsonl(results: Iterable, handle: Optional[IO[str]], output: Optional[str]) -> list:
    """Write each document's line as soon as it is scanned (a pipeline can
    consume the stream while the scan goes on); return the results."""
    from mtcheck.render.jsonl_report import render_jsonl_line

    done = []
    with reported_write_errors(output):
        for result in results:
            click.echo(render_jsonl_line(result), file=handle, color=False)
            if handle is not None:
                handle.flush()
            done.append(result)
    return done


@contextlib.contextmanager
def reported_write_errors(output: Optional[str]):
    """A failed write to the report file (disk full) is one line and exit 2;
    a closed standard output is left to the command group (a quiet exit)."""
    try:
        yield
    except BrokenPipeError:
        if output is not None:
            raise ConfigError(f"cannot write the report to {output}: broken pipe") from None
        raise
    except OSError as error:
        raise ConfigError(f"cannot write the report to {output or 'standard output'}: "
                          f"{error.strerror or error}") from None
