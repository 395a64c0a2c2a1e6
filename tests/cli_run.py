"""Running the real CLI in-process, for the command tests."""

from __future__ import annotations

from click.testing import CliRunner, Result

from mtcheck.cli import mtcheck


def invoke(*args) -> Result:
    """``mtcheck ARGS...`` in this process; an exception other than the exit itself would be a user's traceback."""
    result = CliRunner().invoke(mtcheck, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result
