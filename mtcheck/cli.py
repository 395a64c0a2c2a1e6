"""The command line: parse, call the Scanner, render, choose the exit code.

The work happens in modules a Python user can call (mtcheck.scan,
mtcheck.render, mtcheck.gate). Nothing heavy is imported at module level:
`mtcheck --help` must answer at once, and torch and transformers load only
when a scan needs the model.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Sequence

import click

from mtcheck import __version__
from mtcheck.checks.grammar.check import DIALECTS, ENGINES as GRAMMAR_ENGINES
from mtcheck.gate import FAIL_ON_CHOICES, ExitCode, exit_code
from mtcheck.reading.files import FORMAT_BY_EXTENSION
from mtcheck.render import RENDERERS, render


class EngineError(click.ClickException):
    """A checking engine that cannot run (a LanguageTool server that does not answer): exit 3."""

    exit_code = ExitCode.INPUT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"mtcheck: error: {self.format_message()}", err=True)


class ConfigError(click.ClickException):
    """A configuration problem found after parsing: one line on stderr, exit 2."""

    exit_code = ExitCode.USAGE_ERROR

    def show(self, file=None) -> None:
        click.echo(f"mtcheck: error: {self.format_message()}", err=True)


class MtcheckGroup(click.Group):
    """The command group; it turns Ctrl-C and a closed pipe into the exit
    codes shells use (click would exit 1, which reads as "gate failed"), and
    a model that fails to load, whenever it is first needed, into exit 2."""

    def invoke(self, ctx: click.Context):
        from mtcheck.lm.model import ModelNotFound

        try:
            return super().invoke(ctx)
        except ModelNotFound as error:
            raise ConfigError(str(error)) from None
        except KeyboardInterrupt:
            click.echo("\nmtcheck: interrupted", err=True)
            raise click.exceptions.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # `mtcheck scan ... | head`: stop quietly, as Unix tools do, and
            # keep Python from complaining when it flushes stdout at exit.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(ExitCode.BROKEN_PIPE) from None


@click.group(cls=MtcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mtcheck")
def mtcheck() -> None:
    """Find the damage machine translation leaves in English news articles."""


gazetteer_option = click.option(
    "--gazetteer", "gazetteers", multiple=True, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
    help="A user gazetteer (TSV, CSV, JSON or TXT) of accepted names, added to the bundled one. Repeatable.",
)
config_option = click.option(
    "--config", "config_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
    help="Read settings from FILE (mtcheck.toml, or a pyproject.toml with [tool.mtcheck]) instead of the one "
         "found upward from the working directory.",
)
text_field_option = click.option("--text-field", default="text", show_default=True, metavar="NAME",
                                 help="JSONL: the article text field.")
id_field_option = click.option("--id-field", default="id", show_default=True, metavar="NAME",
                               help="JSONL: the article id field.")

stdin_format_option = click.option(
    "--stdin-format", type=click.Choice(sorted(set(FORMAT_BY_EXTENSION.values()))), metavar="FORMAT",
    help="Read standard input (-) as txt, md, html or jsonl (default: as --stdin-filename's extension says, "
         "else txt).",
)
stdin_filename_option = click.option(
    "--stdin-filename", metavar="NAME",
    help="The name standard input (-) has in reports; its extension decides the format unless --stdin-format.",
)

model_option = click.option("--model", "model_dir", metavar="DIR",
                            help="A local Hugging Face causal-LM directory to score fluency and weigh name repairs "
                                 "with (default: the bundled SmolLM2-135M).")


def scan_setup_options(command):
    """The options that decide how documents are read and checked (shared by
    `scan` and `baseline create`, whose fingerprints must match)."""
    for option in reversed((
        model_option,
        click.option("--grammar", type=click.Choice(GRAMMAR_ENGINES), default="harper",
                     show_default=True, help="Grammar engine: Harper (embedded, offline), a LanguageTool server, "
                                             "or none."),
        click.option("--languagetool-url", metavar="URL",
                     help="The LanguageTool server to use with --grammar languagetool (e.g. http://localhost:8081)."),
        click.option("--dialect", type=click.Choice(list(DIALECTS)), default="american", show_default=True,
                     help="The English the articles are written in, for grammar and spelling."),
        gazetteer_option, text_field_option, id_field_option, stdin_format_option, stdin_filename_option,
        click.option("--cache/--no-cache", "cache", default=None,
                     help="Read and keep the model's scores and Harper's hits in the cache directory, so a re-scan "
                          "computes them only for changed text (default: on; see `mtcheck cache info`)."),
        config_option,
    )):
        command = option(command)
    return command


def existing_parent_directory(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    # Checked before scanning, so a typo does not cost a whole scan.
    if value is not None:
        parent = os.path.dirname(os.path.abspath(value))
        if not os.path.isdir(parent):
            raise click.BadParameter(f"directory {parent!r} does not exist")
    return value


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
        parent = os.path.realpath(os.path.dirname(os.path.abspath(output)))
        for path in filter(os.path.isdir, inputs):
            inside = os.path.relpath(os.path.join(parent, os.path.basename(output)), os.path.realpath(path))
            if not inside.startswith(os.pardir) and not any(part.startswith(".") for part in Path(inside).parts):
                return (f"is in the scanned directory {path} and would be read back as an article "
                        "(write it elsewhere, or give it a name starting with a dot)")
    return None


def same_file(path: str, status: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.stat(path), status)
    except OSError:
        return False


@mtcheck.command()
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
@scan_setup_options
@click.pass_context
def scan(ctx: click.Context, paths: tuple[str, ...], output: Optional[str], **flags) -> None:
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
    settings, scanner, results = start_scan(ctx, paths, flags)
    with opened_output(output, paths) as handle:
        if settings["format"] == "jsonl":
            results = stream_jsonl(results, handle, output)
        else:
            results = list(results)
            write_report(render(settings["format"], results, scanner.signature), handle, output)
    if not results:
        click.echo(f"mtcheck: error: no articles found in {', '.join(paths)}", err=True)
    ctx.exit(exit_code(results, settings["fail-on"]))


def start_scan(ctx: click.Context, paths: Sequence[str], flags: dict, use_baseline: bool = True):
    """(settings, prepared scanner, results as each document finishes): what
    `scan`, `report` and `baseline create` share, so they judge alike."""
    settings = resolve_settings(ctx, flags)
    scanner = prepared_scanner(scan_options(settings))
    return settings, scanner, scanned(scanner, paths, policy_for(settings, use_baseline))


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


def scan_options(settings: dict):
    from mtcheck.scan import ScanOptions

    from mtcheck.checks.grammar import GrammarSettings

    # A LanguageTool URL means LanguageTool, unless grammar is switched off.
    engine = "languagetool" if settings["languagetool-url"] and settings["grammar"] != "none" else settings["grammar"]
    grammar = GrammarSettings(engine=engine, languagetool_url=settings["languagetool-url"],
                              picky=settings["picky"], disabled_rules=tuple(settings["disabled-rules"]),
                              accepted_words=tuple(settings["accepted-words"]), dialect=settings["dialect"])
    return ScanOptions(model_dir=settings["model"], text_field=settings["text-field"],
                       id_field=settings["id-field"], gazetteers=tuple(settings["gazetteers"]), grammar=grammar,
                       stdin_format=settings.get("stdin-format"), stdin_filename=settings.get("stdin-filename"),
                       max_file_bytes=settings["max-file-size"], cache=settings["cache"],
                       cache_size_mb=settings["cache-size-mb"])


def policy_for(settings: dict, use_baseline: bool = True):
    from mtcheck.policy import BaselineError, Policy, read_baseline

    baseline = frozenset()
    if use_baseline and settings["baseline"]:
        try:
            baseline = read_baseline(settings["baseline"])
        except BaselineError as error:
            raise ConfigError(str(error)) from None
    return Policy.from_config(settings, baseline)


# Command-line parameter -> config key, for every setting a flag can override.
FLAG_SETTINGS = {
    "output_format": "format", "fail_on": "fail-on", "model_dir": "model", "gazetteers": "gazetteers",
    "text_field": "text-field", "id_field": "id-field", "baseline": "baseline",
    "min_document_fluency": "min-document-fluency", "min_paragraph_fluency": "min-paragraph-fluency",
    "max_corrupted_names": "max-corrupted-names", "max_garbled_share": "max-garbled-share",
    "grammar": "grammar", "languagetool_url": "languagetool-url", "dialect": "dialect",
    "cache": "cache",
    # Per invocation, never in a config file.
    "stdin_format": "stdin-format", "stdin_filename": "stdin-filename",
}


def load_config_or_exit(config_file: Optional[str]):
    """The merged config (``config_file``, else the one found upward); a bad one is exit 2."""
    from mtcheck.config import ConfigFileError, load_config

    try:
        return load_config(config_file)
    except ConfigFileError as error:
        raise ConfigError(str(error)) from None


def resolve_settings(ctx: click.Context, flags: dict) -> dict:
    """The config file's settings, with every flag given on the command line on top."""
    settings = dict(load_config_or_exit(flags.pop("config_file", None)).values)
    for name, value in flags.items():
        if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE:
            settings[FLAG_SETTINGS[name]] = value
    return settings


# main() may run many times in one process (tests, CliRunner, embedding): load
# each model once. Keyed by the whole (frozen, hashable) ScanOptions, because
# a Scanner is built for one set of options.
@functools.lru_cache(maxsize=4)
def prepared_scanner(options):
    """A Scanner with its gazetteer loaded and its engines found.

    A missing model, gazetteer file or grammar engine is a configuration
    error (exit 2) whatever the inputs, reported before any output is
    written. The model and Harper load on the first text not in the cache.
    """
    from mtcheck.scan import Scanner

    from mtcheck.checks.grammar import EngineUnavailable

    scanner = Scanner(options)
    load_gazetteer_or_exit(options.gazetteers)
    try:
        scanner.grammar
    except EngineUnavailable as error:
        raise EngineError(str(error)) from None
    find_model_or_exit(scanner)
    return scanner


def find_model_or_exit(scanner) -> None:
    """Find the scanner's language model; a missing one is a configuration
    error. It loads on the first text whose scores are not in the cache, and
    a broken one is a configuration error then (MtcheckGroup)."""
    from mtcheck.lm.model import ModelNotFound

    try:
        scanner.fluency
    except ModelNotFound as error:
        raise ConfigError(str(error)) from None


def load_gazetteer_or_exit(files: Sequence[str]):
    """The bundled gazetteer plus ``files``; a bad file is a configuration error."""
    from mtcheck.gazetteer import GazetteerError, load_gazetteer

    try:
        return load_gazetteer(files)
    except GazetteerError as error:
        raise ConfigError(str(error)) from None


def scanned(scanner, paths: Sequence[str], policy) -> Iterator:
    """Results as each document finishes, in input order, with the policy
    applied; a progress bar on stderr for many files on a terminal."""
    from mtcheck.policy import apply_policy

    results = scanner.scan_paths(paths)
    total = input_file_count(paths) if sys.stderr.isatty() else 0
    if total <= 1:
        yield from (apply_policy(result, policy) for result in results)
    else:
        with click.progressbar(length=total, label="Scanning", file=sys.stderr) as bar:
            yield from (apply_policy(result, policy) for result in advance_per_file(results, bar))
    if scanner.store is not None and scanner.store.problem:
        click.echo(f"mtcheck: warning: the results cache in {scanner.store.directory} could not be used "
                   f"({scanner.store.problem}); every score was computed", err=True)


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


def write_report(report: str, handle: Optional[IO[str]], output: Optional[str]) -> None:
    """``report`` to ``handle`` (from ``opened_output``), or to standard output
    (coloured only on a terminal) when it is None."""
    with reported_write_errors(output):
        click.echo(report, file=handle, color=False if handle is not None else None)


@contextlib.contextmanager
def reported_write_errors(output: Optional[str]):
    """A failed write to the report file (disk full) is one line and exit 2;
    a closed standard output is left to MtcheckGroup (a quiet exit)."""
    try:
        yield
    except BrokenPipeError:
        if output is not None:
            raise ConfigError(f"cannot write the report to {output}: broken pipe") from None
        raise
    except OSError as error:
        raise ConfigError(f"cannot write the report to {output or 'standard output'}: "
                          f"{error.strerror or error}") from None


def main() -> None:
    mtcheck(prog_name="mtcheck")


# Registered last: the groups' modules use the helpers above.
from mtcheck.cli_gazetteer import gazetteer  # noqa: E402
from mtcheck.cli_compare import compare  # noqa: E402
from mtcheck.cli_fix import fix  # noqa: E402
from mtcheck.cli_policy import baseline, config  # noqa: E402
from mtcheck.cli_report import report  # noqa: E402
from mtcheck.cli_cache import cache  # noqa: E402

for command in (gazetteer, baseline, config, fix, report, compare, cache):
    mtcheck.add_command(command)
