"""How problems found after parsing leave the command line: one line on
stderr and the documented exit code, never a traceback."""

from __future__ import annotations

import contextlib
from typing import Iterator

import click

from mtcheck.gate import ExitCode


class ConfigError(click.ClickException):
    """A configuration problem found after parsing: one line on stderr, exit 2."""

    exit_code = ExitCode.USAGE_ERROR

    def show(self, file=None) -> None:
        click.echo(f"mtcheck: error: {self.format_message()}", err=True)


class EngineError(ConfigError):
    """A checking engine that cannot run (a LanguageTool server that does not answer): exit 3."""

    exit_code = ExitCode.INPUT_ERROR


@contextlib.contextmanager
def reported_setup_errors() -> Iterator[None]:
    """The application layer's errors as the CLI reports them: a setting that
    cannot be used is exit 2, a grammar engine that does not answer exit 3."""
    from mtcheck.checks.grammar import EngineUnavailable
    from mtcheck.gazetteer import GazetteerError
    from mtcheck.lm.model import ModelNotFound
    from mtcheck.session import SettingsError

    try:
        yield
    except (SettingsError, GazetteerError, ModelNotFound) as error:
        raise ConfigError(str(error)) from None
    except EngineUnavailable as error:
        raise EngineError(str(error)) from None
