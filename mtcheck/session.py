"""The application layer: settings in, a prepared scanner and a policy out.

The command line and Python users go through here alike, so a Python scan
applies what the config file says (accepted names, severities, thresholds,
the baseline) exactly as `mtcheck scan` does:

    import mtcheck
    results = mtcheck.scan(["articles/"], fail_on="warning")
    result = mtcheck.check_text("Voldimi Zelensky met the press on Monday.")

Settings are the config file's keys (``mtcheck config show`` lists them),
found upward from the working directory or named by ``config_file``;
keyword overrides use the same names with underscores
(``accepted_names=["Zelenskyy"]``) and are checked like the file's values.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator, Optional, Sequence

from mtcheck.checks.base import settings_from
from mtcheck.config import Config, ConfigFileError, load_config, with_overrides
from mtcheck.policy import BaselineError, Policy, apply_policy, read_baseline
from mtcheck.ray_scan import RayRun, RayUnavailable, ShardOutput
from mtcheck.results import DocumentResult
from mtcheck.scanner import Scanner, ScanOptions


class SettingsError(Exception):
    """A setting that cannot be used: a bad config file or value, a missing
    model, an unreadable gazetteer or baseline. The message names it (the
    command line exits 2)."""


def load_settings(config_file: Optional[str] = None, **overrides: Any) -> Config:
    """The config file's settings (``config_file``, else the one found upward
    from the working directory, else the defaults), ``overrides`` on top."""
    try:
        config = load_config(config_file)
        return with_overrides(config, {key.replace("_", "-"): value for key, value in overrides.items()})
    except ConfigFileError as error:
        raise SettingsError(str(error)) from None


def scan_options(settings: dict, stdin_format: Optional[str] = None,
                 stdin_filename: Optional[str] = None) -> ScanOptions:
    """How documents are read and checked, from the settings."""
    return ScanOptions(model_dir=settings["model"], text_field=settings["text-field"],
                       id_field=settings["id-field"], source_field=settings["source-field"],
                       gazetteers=tuple(settings["gazetteers"]),
                       check_settings=settings_from(settings),
                       stdin_format=stdin_format, stdin_filename=stdin_filename,
                       max_file_bytes=settings["max-file-size"], cache=settings["cache"],
                       cache_size_mb=settings["cache-size-mb"])


def policy_for(settings: dict, use_baseline: bool = True) -> Policy:
    """What the team decided about findings, with the baseline file read."""
    baseline = frozenset()
    if use_baseline and settings["baseline"]:
        try:
            baseline = read_baseline(settings["baseline"])
        except BaselineError as error:
            raise SettingsError(str(error)) from None
    return Policy.from_config(settings, baseline)


# A process may open many sessions (tests, embedding): load each model once.
# Keyed by the whole (frozen, hashable) ScanOptions: a Scanner serves one set.
@functools.lru_cache(maxsize=4)
def prepared_scanner(options: ScanOptions) -> Scanner:
    """A Scanner whose model is found, gazetteer loaded and grammar engine
    started, so a problem with any of them is raised before any output is
    written: SettingsError, or EngineUnavailable for a grammar server that
    does not answer. The model itself loads on the first text not in the cache."""
    from mtcheck.gazetteer import GazetteerError
    from mtcheck.lm.model import ModelNotFound

    scanner = Scanner(options)
    try:
        scanner.prepare()
    except (GazetteerError, ModelNotFound) as error:
        raise SettingsError(str(error)) from None
    return scanner


@dataclass(frozen=True)
class Session:
    settings: dict
    scanner: Scanner
    policy: Policy
    # Set when the settings name a Ray cluster: it checks the documents, in the scanner's stead.
    ray: Optional[RayRun] = None

    def scan(self, paths: Sequence[str], stdin: IO | None = None) -> Iterator[DocumentResult]:
        """Results in input order as each document finishes, the policy applied."""
        if self.ray is not None:
            return self.ray.scan_paths(paths, stdin)  # its workers apply the policy
        return (apply_policy(result, self.policy) for result in self.scanner.scan_paths(paths, stdin))

    def check_document(self, document) -> DocumentResult:
        (result,) = self.scanner.scan([document])
        return apply_policy(result, self.policy)


def open_session(settings: Config | dict, use_baseline: bool = True, shards: Optional[tuple[str, str]] = None,
                 **stdin: Optional[str]) -> Session:
    """A session for ``settings`` (a Config, or its values); ``shards``: the
    directory and format the Ray workers write results to; ``stdin``:
    stdin_format and stdin_filename, how standard input ("-") is read."""
    values = dict(settings.values if isinstance(settings, Config) else settings)
    scanner = prepared_scanner(scan_options(values, **stdin))
    policy = policy_for(values, use_baseline)
    shard_output = ShardOutput(os.path.abspath(shards[0]), shards[1]) if shards else None
    return Session(values, scanner, policy, ray_run(values, scanner.options, policy, shard_output))


def ray_run(settings: dict, options: ScanOptions, policy: Policy,
            shards: Optional[ShardOutput] = None) -> Optional[RayRun]:
    """A scan on Ray, connected, when the settings name a cluster; SettingsError
    when Ray is not installed or the cluster cannot be reached."""
    if not settings.get("ray"):
        return None
    run = RayRun(options, settings["ray"], settings["ray-actors"], read_on_workers=settings["ray-read"] == "workers",
                 shards=shards, policy=policy)
    try:
        run.connect()
    except RayUnavailable as error:
        raise SettingsError(str(error)) from None
    return run


def scan(paths: Sequence[str | Path], config_file: Optional[str] = None, **overrides: Any) -> list[DocumentResult]:
    """Scan files, directories and JSONL files as `mtcheck scan` does; one
    result per document (an unreadable input is a result with ``error``)."""
    session = open_session(load_settings(config_file, **overrides))
    return list(session.scan([str(path) for path in paths]))


def check_text(text: str, input_format: str = "txt", config_file: Optional[str] = None,
               **overrides: Any) -> DocumentResult:
    """Check one article held in memory (``input_format``: txt, md or html)."""
    from mtcheck.reading import parse_text

    session = open_session(load_settings(config_file, **overrides))
    return session.check_document(parse_text(text, format=input_format))
