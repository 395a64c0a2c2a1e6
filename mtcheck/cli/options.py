"""The options several commands share, and how flags meet the config file."""

from __future__ import annotations

import os
from typing import Optional

import click

from mtcheck.checks.grammar.check import DIALECTS, ENGINES as GRAMMAR_ENGINES
from mtcheck.cli.errors import ConfigError
from mtcheck.reading.files import FORMAT_BY_EXTENSION

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


def code_list(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[tuple[str, ...]]:
    """--select MT201,MT3: finding codes or prefixes, checked as the config's are."""
    from mtcheck.config import code_prefixes

    if value is None:
        return None
    try:
        return code_prefixes([item.strip() for item in value.split(",")], None)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


select_options = (
    click.option("--select", metavar="CODES", callback=code_list,
                 help="Report only these finding codes or prefixes, comma-separated (MT201,MT3); "
                      "see `mtcheck rules`."),
    click.option("--ignore", metavar="CODES", callback=code_list,
                 help="Never report these finding codes or prefixes, comma-separated (wins over --select)."),
)


def scan_setup_options(command):
    """The options that decide how documents are read and checked (shared by
    `scan`, `report` and `baseline create`, whose fingerprints must match)."""
    for option in reversed((
        model_option,
        click.option("--grammar", type=click.Choice(GRAMMAR_ENGINES), default="harper",
                     show_default=True, help="Grammar engine: Harper (embedded, offline), a LanguageTool server, "
                                             "or none."),
        click.option("--languagetool-url", metavar="URL",
                     help="The LanguageTool server to use with --grammar languagetool (e.g. http://localhost:8081)."),
        click.option("--dialect", type=click.Choice(list(DIALECTS)), default="american", show_default=True,
                     help="The English the articles are written in, for grammar and spelling."),
        *select_options,
        gazetteer_option, text_field_option, id_field_option,
        click.option("--source-field", metavar="NAME",
                     help="JSONL/Parquet: the field naming an article's source (a publisher, a feed); the report's "
                          "corpus view groups fluency by it (default: by file or directory)."),
        stdin_format_option, stdin_filename_option,
        click.option("--ray", "ray", metavar="[ADDRESS]", is_flag=False, flag_value="local", default=None,
                     help="Check the documents on Ray (pip install 'mtcheck[ray]'): alone, a Ray started for this "
                          "scan; with ADDRESS (auto, ray://HOST:PORT), that cluster. Put it after the paths or "
                          "write --ray=ADDRESS."),
        click.option("--ray-actors", type=click.IntRange(1, 10_000), metavar="N",
                     help="With --ray: actors in the pool, each holding one scanner (default 2)."),
        click.option("--ray-read", type=click.Choice(["workers", "driver"]),
                     help="With --ray: who reads the articles: the workers (default; they must see the inputs at "
                          "the same paths, as on one machine or a shared file system) or this process, which "
                          "sends their text."),
        click.option("--cache/--no-cache", "cache", default=None,
                     help="Read and keep the model's scores and Harper's hits in the cache directory, so a re-scan "
                          "computes them only for changed text (default: on; see `mtcheck cache info`)."),
        config_option,
    )):
        command = option(command)
    return command


def required_output(help: str):
    """--output FILE for a command that writes only a file; its directory must exist."""
    return click.option("--output", required=True, metavar="FILE", type=click.Path(dir_okay=False),
                        callback=existing_parent_directory, help=help)


def existing_parent_directory(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    # Checked before scanning, so a typo does not cost a whole scan.
    if value is not None:
        parent = os.path.dirname(os.path.abspath(value))
        if not os.path.isdir(parent):
            raise click.BadParameter(f"directory {parent!r} does not exist")
    return value


# Command-line parameter -> config key, for every setting a flag can override.
FLAG_SETTINGS = {
    "output_format": "format", "fail_on": "fail-on", "model_dir": "model", "gazetteers": "gazetteers",
    "text_field": "text-field", "id_field": "id-field", "source_field": "source-field", "baseline": "baseline",
    "min_document_fluency": "min-document-fluency", "min_paragraph_fluency": "min-paragraph-fluency",
    "max_corrupted_names": "max-corrupted-names", "max_garbled_share": "max-garbled-share",
    "grammar": "grammar", "languagetool_url": "languagetool-url", "dialect": "dialect",
    "cache": "cache", "select": "select", "ignore": "ignore", "ray": "ray", "ray_actors": "ray-actors",
    "ray_read": "ray-read",
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
