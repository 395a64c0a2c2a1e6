"""The pre-commit hook definitions point at the real CLI with the files they match."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner

from mtcheck.cli import mtcheck
from mtcheck.reading import FORMAT_BY_EXTENSION

ROOT = Path(__file__).resolve().parent.parent


def hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_every_hook_has_what_pre_commit_requires() -> None:
    for hook in hooks():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] in ("system", "python")


def test_hooks_run_an_existing_command_on_exactly_the_readable_files() -> None:
    for hook in hooks():
        program, *args = shlex.split(hook["entry"])
        assert program == "mtcheck"
        assert CliRunner().invoke(mtcheck, [*args, "--help"]).exit_code == 0
        pattern = re.compile(hook["files"])
        assert all(pattern.search(f"story{extension}") for extension in FORMAT_BY_EXTENSION)
        assert not pattern.search("image.png") and not pattern.search("script.py")
