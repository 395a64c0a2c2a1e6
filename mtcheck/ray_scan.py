"""Scale-out on Ray: the scan's batches checked by a pool of actors.

The driver plans the inputs (``reading.pieces``): it lists directories and
finds where each JSONL line and Parquet row starts, without reading the
articles, and groups them into the batches a local scan makes. Each batch is
one row of a Ray Dataset; Ray Data maps the rows through an actor pool, each
actor holding one Scanner, so the model, the gazetteer and the grammar
engine load once per actor. An actor reads its batch's pieces itself and
checks them exactly as a local scan checks that batch: the same documents
batched together give the same numbers. Results come back as the actors
finish and leave in input order.

What is shipped to the workers: the scan options, the policy (applied where
each result is made) and each batch's pieces
(absolute paths, byte offsets and row numbers: the workers must see the
inputs at the same paths), or with ``read_on_workers`` off, the documents
themselves, read on the driver. Standard input is always read on the
driver. Checks registered in the driver beyond the built-in ones go with the
options, by value. The workers keep their scores (and the converted model)
in the cache directory the driver names with MTCHECK_CACHE_DIR (one store
for all when that is a shared path), else in their own machine's default.

Shards: with ``shards`` set, each Dataset row is a part of BATCHES_PER_PART
batches, and the actor that checks it writes the part's results under the
shard directory itself (``render.shards``); only
what the gate and the summary need comes back (the results without their
article text). Results then never pass through the driver in full.

Failures: Ray restarts an actor whose process dies and retries its row, up
to MAX_RETRIES times. A row that still fails is reported as its documents
not checked (exit 3; in its part file too, with shards), never dropped: the
run counts what came back against what went out, and ``RayRun.summary``
says so.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import pickle
import sys
import warnings
from dataclasses import dataclass, field
from typing import IO, Iterator, Sequence

from mtcheck.checks.base import BUILTIN_MODULES, Check, register, registered_checks
from mtcheck.document import Document, InputError
from mtcheck.policy import Policy, apply_policy
from mtcheck.reading.pieces import Piece, Planned, batch_pieces, plan_inputs, read_pieces
from mtcheck.render.labels import plural
from mtcheck.render.shards import remove_unfinished, shard_path, write_shard
from mtcheck.results import DocumentResult
from mtcheck.scanner import Scanner, ScanOptions, read_inputs, record_reading, stdin_reading

# Times Ray restarts a dead actor and retries the row it held.
MAX_RETRIES = 3
# Batches per part file when the workers write shards, at most (256 documents
# at 8 per batch); fewer while that leaves an actor fewer than PARTS_PER_ACTOR.
BATCHES_PER_PART = 32
PARTS_PER_ACTOR = 4
# `--ray` without an address: a Ray instance started for this scan alone.
LOCAL = "local"
INSTALL_HINT = "--ray needs Ray, an optional extra: pip install 'mtcheck[ray]'"


class RayUnavailable(Exception):
    """Ray is not installed, or the cluster cannot be reached; the message says which."""


@dataclass(frozen=True)
class ShardOutput:
    """Where the workers write each part's results."""

    directory: str  # absolute, and seen at that path by every worker
    format: str


class ScanActor:
    """One Scanner per actor; called with one row (a batch, or a part of
    several when it writes shards) at a time."""

    def __init__(self, options: ScanOptions, extra_checks: Sequence[type[Check]], policy: Policy,
                 shards: ShardOutput | None, cache_directory: str | None):
        if cache_directory:  # this process is the actor's alone
            os.environ["MTCHECK_CACHE_DIR"] = cache_directory
        known = {check.name for check in registered_checks()}
        for check in extra_checks:
            if check.name not in known:
                register(check)
        self.scanner = Scanner(options)
        self.policy = policy
        self.shards = shards

    def __call__(self, row: dict) -> dict:
        reading = record_reading(self.scanner.options)
        results = [apply_policy(result, self.policy) for batch in pickle.loads(row["batches"])
                   for result in self.scanner.scan_batch(list(read_pieces(batch, **reading)))]
        if self.shards is not None:
            results = _written(self.shards, row["row"], results)
        return {"row": row["row"], "results": pickle.dumps(results)}


@dataclass
class RayRun:
    """A scan on Ray: ``scan_paths`` streams the results; ``summary`` then tells what came back."""

    options: ScanOptions
    address: str = LOCAL
    actors: int = 2
    read_on_workers: bool = True  # off: the driver reads the articles and ships their text
    shards: ShardOutput | None = None  # set: the workers write the results (see the module's docstring)
    policy: Policy = Policy()  # applied by the workers, to each result as it is made
    sent_rows: int = 0
    sent_items: int = 0
    reported_items: int = 0  # differs from sent_items only when an input changed while the run read it
    failed_rows: list[int] = field(default_factory=list)
    repeated_rows: int = 0  # came back more than once (never expected): the repeats are dropped
    unwritten_parts: list[str] = field(default_factory=list)  # failed parts this process could not write either
    _connected_here: bool = field(default=False, init=False, repr=False)

    def connect(self) -> None:
        """Reach the cluster now (RayUnavailable when Ray is missing or the
        cluster does not answer); a scan disconnects when it ends, unless
        this process was connected before."""
        self._connected_here = _connect(_ray(), self.address, self.actors) or self._connected_here

    def scan_paths(self, paths: Sequence[str], stdin: IO | None = None) -> Iterator[DocumentResult]:
        ray = _ray()
        batches = list(batch_pieces(self._planned(paths, stdin), self.options.batch_documents))
        per_row = _batches_per_part(len(batches), self.actors) if self.shards else 1
        sent = [batches[start:start + per_row] for start in range(0, len(batches), per_row)]
        self.sent_rows = len(sent)
        self.sent_items = sum(item.count if isinstance(item, Piece) else 1
                              for row in sent for batch in row for item in batch)
        self.failed_rows, self.repeated_rows, self.unwritten_parts, self.reported_items = [], 0, [], 0
        self.connect()
        try:
            yield from self._in_order(sent, self._results(ray, sent) if sent else iter(()))
        finally:
            if self.shards is not None:
                remove_unfinished(self.shards.directory)
            if self._connected_here:  # its messages about this run stop with it
                with _ray_prints_to_stderr():  # shutting down flushes what Ray held back
                    ray.shutdown()
                self._connected_here = False

    def _planned(self, paths: Sequence[str], stdin: IO | None) -> Iterator[Planned]:
        if self.read_on_workers:
            return plan_inputs(paths, stdin=stdin, **stdin_reading(self.options), **record_reading(self.options))
        return read_inputs(paths, self.options, stdin)

    def _results(self, ray, sent: list[list[list[Planned]]]) -> Iterator[tuple[int, list[DocumentResult]]]:
        rows = [{"row": i, "batches": pickle.dumps(batches)} for i, batches in enumerate(sent)]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
        with warnings.catch_warnings():
            # Ray 2.60 deprecates passing actor options this way but offers no
            # other for bounded restarts (pyproject keeps Ray below 2.64).
            warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
            setup = (self.options, _extra_checks(), self.policy, self.shards, os.environ.get("MTCHECK_CACHE_DIR"))
            checked = dataset.map(ScanActor, fn_constructor_args=setup,
                                  concurrency=min(self.actors, len(rows)), num_cpus=1,
                                  max_restarts=MAX_RETRIES, max_task_retries=MAX_RETRIES)
        rows = iter(checked.iter_rows())
        while True:
            with _ray_prints_to_stderr():  # Ray works in this thread only while the next row is fetched
                row = next(rows, None)
            if row is None:
                return
            yield row["row"], pickle.loads(row["results"])

    def _in_order(self, sent: list[list[list[Planned]]], arriving) -> Iterator[DocumentResult]:
        """Each row's results once, in input order, as soon as the rows before it are in."""
        waiting: dict[int, list[DocumentResult]] = {}
        following = 0
        for index, results in arriving:
            if index < following or index in waiting:
                self.repeated_rows += 1
                continue
            waiting[index] = results
            while following in waiting:
                yield from self._reported(waiting.pop(following))
                following += 1
        for index in range(following, len(sent)):  # what never came back
            if index not in waiting:
                self.failed_rows.append(index)
            yield from self._reported(waiting.pop(index) if index in waiting else self._not_checked(index, sent[index]))

    def _reported(self, results: list[DocumentResult]) -> list[DocumentResult]:
        self.reported_items += len(results)
        return results

    def _not_checked(self, index: int, batches: list[list[Planned]]) -> list[DocumentResult]:
        # Read here to name each document; reading does not raise.
        items = [item for batch in batches for item in read_pieces(batch, **record_reading(self.options))]
        results = [DocumentResult.from_error(_not_checked(item)) for item in items]
        if self.shards:
            try:
                return _written(self.shards, index, results)
            except OSError as error:  # the reason the workers failed, likely: the run goes on
                self.unwritten_parts.append(f"{shard_path(self.shards.directory, index, self.shards.format)}: "
                                            f"{error.strerror or error}")
        return results

    @property
    def summary(self) -> str:
        unit = "part" if self.shards else "batch"
        line = (f"ray: {plural(self.sent_items, 'input')} in {plural(self.sent_rows, unit)} on "
                f"{plural(self.actors, 'actor')}; {plural(self.sent_rows - len(self.failed_rows), unit)} "
                f"reported once each")
        if self.failed_rows:
            line += (f"; {len(self.failed_rows)} failed after {MAX_RETRIES} retries "
                     f"and their documents are reported as not checked")
        if self.repeated_rows:
            line += f"; {plural(self.repeated_rows, 'repeated ' + unit)} dropped"
        if self.reported_items != self.sent_items:
            line += (f"; {plural(self.reported_items, 'document')} reported for the {self.sent_items} planned: "
                     "inputs changed while the run read them")
        if self.shards:
            written = self.sent_rows - len(self.unwritten_parts)
            line += f"; results in {plural(written, self.shards.format + ' file')} under {self.shards.directory}"
        if self.unwritten_parts:
            line += f"; not written: {'; '.join(self.unwritten_parts)}"
        return line


def _batches_per_part(batches: int, actors: int) -> int:
    return max(1, min(BATCHES_PER_PART, -(-batches // (actors * PARTS_PER_ACTOR))))


def _written(shards: ShardOutput, part: int, results: list[DocumentResult]) -> list[DocumentResult]:
    """Write the part; what the driver still needs of its results (all but the article text)."""
    write_shard(shards.directory, part, shards.format, results)
    return [result if result.document is None else
            dataclasses.replace(result, document=dataclasses.replace(result.document, text=""))
            for result in results]


def _ray():
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    # Ray's core worker logs, for one, that Ray Data's actors keep their
    # constructor in the object store (ray-project/ray#53727): not the
    # user's business. Failures still raise.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    try:
        import ray
        import ray.data  # noqa: F401 - the extra brings both
    except ImportError:
        raise RayUnavailable(INSTALL_HINT) from None
    return ray


def _connect(ray, address: str, actors: int) -> bool:
    """Join the cluster at ``address`` ("auto", "ray://host:port", "host:port"),
    or start a local Ray for this process (LOCAL), unless this process is
    connected already; True when this call connected."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.max_errored_blocks = -1  # a batch that fails every retry is reported; the rest go on
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    if ray.is_initialized():
        return False
    quiet = dict(logging_level=logging.ERROR, log_to_driver=False)
    try:
        if address == LOCAL:
            # Ray for this process alone: no cluster token to make (nor to leave in ~/.ray).
            os.environ.setdefault("RAY_AUTH_MODE", "disabled")
            ray.init(num_cpus=max(actors, os.cpu_count() or 1), include_dashboard=False, **quiet)
        else:
            ray.init(address=address, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as error:
        raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {error}") from None
    return True


def _ray_prints_to_stderr():
    """Ray prints its workers' troubles ("(raylet) Task ... failed, ... will be
    retried") to sys.stdout, from whichever thread handles them: while Ray
    works here, they go to standard error, so a report on standard output
    stays whole."""
    return contextlib.redirect_stdout(sys.stderr)


def _extra_checks() -> tuple[type[Check], ...]:
    """The checks registered here beyond the built-in ones, pickled by value
    so a worker need not be able to import the module that defines them."""
    extra = tuple(check for check in registered_checks() if check.__module__ not in BUILTIN_MODULES)
    if extra:
        from ray import cloudpickle

        for check in extra:
            cloudpickle.register_pickle_by_value(sys.modules[check.__module__])
    return extra


def _not_checked(item: Document | InputError) -> InputError:
    if isinstance(item, InputError):
        return item
    return InputError(item.path, f"not checked: the Ray worker failed {MAX_RETRIES + 1} times on its part of the work",
                      item.line, item.id)
