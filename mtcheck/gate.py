"""The gate: the process exit code, from the scan results and --fail-on.

A pure function of the results, so CI behaviour can be tested without a model.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Iterable, Literal

from mtcheck.results import DocumentResult

FailOn = Literal["error", "warning", "never"]
FAIL_ON_CHOICES: tuple[FailOn, ...] = ("error", "warning", "never")

# Document verdicts that fail the gate, per --fail-on level.
FAILING_VERDICTS: dict[FailOn, frozenset[str]] = {
    "error": frozenset({"fail"}),
    "warning": frozenset({"warn", "fail"}),
    "never": frozenset(),
}


class ExitCode(IntEnum):
    OK = 0  # the gate passed
    GATE_FAILED = 1  # a readable document has a failing verdict
    USAGE_ERROR = 2  # bad arguments or configuration (the CLI decides this one)
    INPUT_ERROR = 3  # some input could not be read; the rest was still judged
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it
    BROKEN_PIPE = 141  # the reader of standard output went away (128 + SIGPIPE)


def gate_failed(results: Iterable[DocumentResult], fail_on: FailOn) -> bool:
    """Whether any *readable* document's verdict fails the gate at ``fail_on``."""
    failing = FAILING_VERDICTS[fail_on]
    return any(result.verdict in failing for result in results if result.ok)


def exit_code(results: Iterable[DocumentResult], fail_on: FailOn = "error") -> ExitCode:
    """The exit code for a finished scan.

    Precedence: INPUT_ERROR (3) > GATE_FAILED (1) > OK (0).
    An unreadable input wins over a failed gate, even with ``fail_on="never"``:
    the gate could not judge everything, and CI must not read that as a plain
    pass or fail. An unreadable document carries verdict "fail" (it was not
    checked), so the gate itself is decided on the readable documents only;
    otherwise every unread file would also count as a failed gate.
    A scan with no documents at all judged nothing: INPUT_ERROR too.
    USAGE_ERROR (2) is never returned here: it happens before there are results.
    """
    results = list(results)
    if not results or any(not result.ok for result in results):
        return ExitCode.INPUT_ERROR
    if gate_failed(results, fail_on):
        return ExitCode.GATE_FAILED
    return ExitCode.OK
