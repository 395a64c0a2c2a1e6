"""The gate: exit codes from results and --fail-on (pure logic, hand-made results)."""

from __future__ import annotations

import pytest

from mtcheck.document import InputError
from mtcheck.gate import ExitCode, exit_code, gate_failed
from mtcheck.results import DocumentResult


def document(verdict: str) -> DocumentResult:
    return DocumentResult(path=f"{verdict}.txt", verdict=verdict)


def unreadable() -> DocumentResult:
    return DocumentResult.from_error(InputError("missing.txt", "no such file or directory"))


@pytest.mark.parametrize(
    "verdicts, fail_on, expected",
    [
        (["pass", "pass"], "error", ExitCode.OK),
        (["pass", "warn"], "error", ExitCode.OK),
        (["pass", "fail"], "error", ExitCode.GATE_FAILED),
        (["pass", "pass"], "warning", ExitCode.OK),
        (["pass", "warn"], "warning", ExitCode.GATE_FAILED),
        (["fail"], "warning", ExitCode.GATE_FAILED),
        (["warn", "fail"], "never", ExitCode.OK),
        ([], "error", ExitCode.INPUT_ERROR),  # nothing was judged
    ],
)
def test_verdicts_decide_the_gate(verdicts: list[str], fail_on: str, expected: ExitCode) -> None:
    assert exit_code([document(v) for v in verdicts], fail_on) == expected


def test_exit_codes_have_the_documented_numbers() -> None:
    assert [int(code) for code in ExitCode] == [0, 1, 2, 3, 130, 141]


def test_default_fail_on_is_error() -> None:
    assert exit_code([document("warn")]) == ExitCode.OK
    assert exit_code([document("fail")]) == ExitCode.GATE_FAILED


@pytest.mark.parametrize("fail_on", ["error", "warning", "never"])
def test_unreadable_input_exits_3_whatever_the_gate(fail_on: str) -> None:
    assert exit_code([document("pass"), unreadable()], fail_on) == ExitCode.INPUT_ERROR
    assert exit_code([document("fail"), unreadable()], fail_on) == ExitCode.INPUT_ERROR


def test_unreadable_document_does_not_fail_the_gate_itself() -> None:
    """Its verdict is "fail" (it was not checked), but that is exit 3's business."""
    error = unreadable()
    assert error.verdict == "fail"
    assert not gate_failed([error, document("pass")], "error")


def test_results_may_be_a_one_shot_iterator() -> None:
    assert exit_code(iter([document("pass"), document("fail")])) == ExitCode.GATE_FAILED
