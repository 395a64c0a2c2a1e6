"""The CLI's small helpers that need no model: progress counting, error lines, standard output kept for the report."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import click
from click.testing import CliRunner

from mtcheck.cli.errors import ConfigError
from mtcheck.cli.output import MainThreadStdout
from mtcheck.cli.scanning import advance_per_file, input_file_count
from mtcheck.reading import iter_inputs
from mtcheck.results import DocumentResult

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


class CountingBar:
    def __init__(self):
        self.done = 0

    def update(self, steps: int) -> None:
        self.done += steps


def test_progress_advances_once_per_file_not_per_jsonl_line() -> None:
    results = [DocumentResult(path=path) for path in ["a.jsonl", "a.jsonl", "a.jsonl", "b.txt", "c.md"]]
    bar = CountingBar()
    assert list(advance_per_file(results, bar)) == results  # passes everything through, in order
    assert bar.done == 3


def test_input_file_count_walks_directories_like_the_reader() -> None:
    # The files the reader reads (notes.log, of unknown format, is not one of them).
    read = {item.path for item in iter_inputs([str(INPUTS)])}
    assert input_file_count([str(INPUTS)]) == len(read) and str(INPUTS / "notes.log") not in read
    assert input_file_count([str(INPUTS / "bom.txt"), "-", "no/such/file.txt"]) == 3


def test_config_error_is_one_line_on_stderr_with_exit_2() -> None:
    @click.command()
    def fails() -> None:
        raise ConfigError("the model is missing")

    result = CliRunner().invoke(fails)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "mtcheck: error: the model is missing\n")


def test_jsonl_lines_are_written_as_each_document_finishes(tmp_path: Path) -> None:
    import json

    from mtcheck.cli.output import opened_output, stream_jsonl

    output = tmp_path / "stream.jsonl"
    seen_before_second: list[str] = []

    def results():
        yield DocumentResult(path="first.txt")
        # The pipeline can already read the first document's line.
        seen_before_second.extend(output.read_text(encoding="utf-8").splitlines())
        yield DocumentResult(path="second.txt")

    with opened_output(str(output)) as handle:
        done = stream_jsonl(results(), handle, str(output))
    assert [r.path for r in done] == ["first.txt", "second.txt"]
    assert [json.loads(line)["path"] for line in seen_before_second] == ["first.txt"]
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [(line["schema"], line["path"]) for line in lines] == [("mtcheck.document/1", "first.txt"),
                                                                  ("mtcheck.document/1", "second.txt")]


def test_while_a_ray_scan_runs_only_the_main_thread_writes_to_standard_output() -> None:
    out, err = io.StringIO(), io.StringIO()
    stream = MainThreadStdout(out, err)
    worker = threading.Thread(target=lambda: print("(raylet) A worker died", file=stream))
    worker.start()
    worker.join()
    print('{"documents": []}', file=stream)
    assert out.getvalue() == '{"documents": []}\n' and err.getvalue() == "(raylet) A worker died\n"
