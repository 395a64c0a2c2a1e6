"""The command line: parse, open a session, render, choose the exit code.

One module per command; the options they share are in ``options``, report
output in ``output``, the scan that `scan`, `report` and `baseline create`
share in ``scanning``. The work happens in modules a Python user can call
(mtcheck.session, mtcheck.render, mtcheck.gate). Nothing heavy is imported
at module level: `mtcheck --help` must answer at once, and torch and
transformers load only when a scan needs the model.
"""

from __future__ import annotations

import contextlib
import os
import sys

import click

from mtcheck.version import __version__
from mtcheck.cli.baseline import baseline
from mtcheck.cli.cache import cache
from mtcheck.cli.compare import compare
from mtcheck.cli.config import config
from mtcheck.cli.errors import ConfigError
from mtcheck.cli.fix import fix
from mtcheck.cli.gazetteer import gazetteer
from mtcheck.cli.report import report
from mtcheck.cli.rules import rules_command
from mtcheck.cli.scan import scan_command
from mtcheck.gate import ExitCode


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


for command in (scan_command, rules_command, gazetteer, baseline, config, fix, report, compare, cache):
    mtcheck.add_command(command)


def main() -> None:
    mtcheck(prog_name="mtcheck")
