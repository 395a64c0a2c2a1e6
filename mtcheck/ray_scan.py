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

What is shipped to the workers: the scan options and each batch's pieces
(absolute paths, byte offsets and row numbers: the workers must see the
inputs at the same paths), or with ``read_on_workers`` off, the documents
themselves, read on the driver. Standard input is always read on the
driver. Checks registered in the driver beyond the built-in ones go with the
options, by value. Each worker keeps its scores in its own machine's cache
directory (MTCHECK_CACHE_DIR, shared when that is a shared path), as a local
scan does.

Failures: Ray restarts an actor whose process dies and retries its batch, up
to MAX_RETRIES times. A batch that still fails is reported as its documents
not checked (exit 3), never dropped: the run counts what came back against
what went out, and ``RayRun.summary`` says so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import sys
import warnings
from dataclasses import dataclass, field
from typing import IO, Iterator, Sequence

from mtcheck.checks.base import BUILTIN_MODULES, Check, register, registered_checks
from mtcheck.document import Document, InputError
from mtcheck.reading.pieces import Piece, Planned, batch_pieces, plan_inputs, read_pieces
from mtcheck.results import DocumentResult
from mtcheck.scanner import Scanner, ScanOptions, read_inputs, record_reading, stdin_reading

# Times Ray restarts a dead actor and retries the batch it held.
MAX_RETRIES = 3
# `--ray` without an address: a Ray instance started for this scan alone.
LOCAL = "local"
INSTALL_HINT = "--ray needs Ray, an optional extra: pip install 'mtcheck[ray]'"


class RayUnavailable(Exception):
    """Ray is not installed, or the cluster cannot be reached; the message says which."""


class ScanActor:
    """One Scanner per actor; called with one batch (a Dataset row) at a time."""

    def __init__(self, options: ScanOptions, extra_checks: Sequence[type[Check]]):
        known = {check.name for check in registered_checks()}
        for check in extra_checks:
            if check.name not in known:
                register(check)
        self.scanner = Scanner(options)

    def __call__(self, row: dict) -> dict:
        items = list(read_pieces(pickle.loads(row["items"]), **record_reading(self.scanner.options)))
        results = list(self.scanner.scan_batch(items))
        return {"batch": row["batch"], "results": pickle.dumps(results)}


@dataclass
class RayRun:
    """A scan on Ray: ``scan_paths`` streams the results; ``summary`` then tells what came back."""

    options: ScanOptions
    address: str = LOCAL
    actors: int = 2
    read_on_workers: bool = True  # off: the driver reads the articles and ships their text
    sent_batches: int = 0
    sent_items: int = 0
    failed_batches: list[int] = field(default_factory=list)
    repeated_batches: int = 0  # came back more than once (never expected): the repeats are dropped
    _connected_here: bool = field(default=False, init=False, repr=False)

    def connect(self) -> None:
        """Reach the cluster now (RayUnavailable when Ray is missing or the
        cluster does not answer); a scan disconnects when it ends, unless
        this process was connected before."""
        self._connected_here = _connect(_ray(), self.address, self.actors) or self._connected_here

    def scan_paths(self, paths: Sequence[str], stdin: IO | None = None) -> Iterator[DocumentResult]:
        ray = _ray()
        sent = list(batch_pieces(self._planned(paths, stdin), self.options.batch_documents))
        self.sent_batches = len(sent)
        self.sent_items = sum(item.count if isinstance(item, Piece) else 1 for batch in sent for item in batch)
        self.failed_batches, self.repeated_batches = [], 0
        self.connect()
        try:
            yield from self._in_order(sent, self._results(ray, sent) if sent else iter(()))
        finally:
            if self._connected_here:  # its messages about this run stop with it
                with _ray_prints_to_stderr():  # shutting down flushes what Ray held back
                    ray.shutdown()
                self._connected_here = False

    def _planned(self, paths: Sequence[str], stdin: IO | None) -> Iterator[Planned]:
        if self.read_on_workers:
            return plan_inputs(paths, stdin=stdin, **stdin_reading(self.options), **record_reading(self.options))
        return read_inputs(paths, self.options, stdin)

    def _results(self, ray, sent: list[list[Planned]]) -> Iterator[tuple[int, list[DocumentResult]]]:
        rows = [{"batch": i, "items": pickle.dumps(batch)} for i, batch in enumerate(sent)]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
        with warnings.catch_warnings():
            # Ray 2.60 deprecates passing actor options this way but offers no
            # other for bounded restarts (pyproject keeps Ray below 2.64).
            warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
            checked = dataset.map(ScanActor, fn_constructor_args=(self.options, _extra_checks()),
                                  concurrency=self.actors, num_cpus=1,
                                  max_restarts=MAX_RETRIES, max_task_retries=MAX_RETRIES)
        rows = iter(checked.iter_rows())
        while True:
            with _ray_prints_to_stderr():  # Ray works in this thread only while the next row is fetched
                row = next(rows, None)
            if row is None:
                return
            yield row["batch"], pickle.loads(row["results"])

    def _in_order(self, sent: list[list[Planned]], arriving) -> Iterator[DocumentResult]:
        """Each batch's results once, in input order, as soon as the batches before it are in."""
        waiting: dict[int, list[DocumentResult]] = {}
        following = 0
        for index, results in arriving:
            if index < following or index in waiting:
                self.repeated_batches += 1
                continue
            waiting[index] = results
            while following in waiting:
                yield from waiting.pop(following)
                following += 1
        for index in range(following, len(sent)):  # what never came back
            if index in waiting:
                yield from waiting.pop(index)
            else:
                self.failed_batches.append(index)
                # Read here to name each document; reading does not raise.
                unchecked = read_pieces(sent[index], **record_reading(self.options))
                yield from (DocumentResult.from_error(_not_checked(item)) for item in unchecked)

    @property
    def summary(self) -> str:
        line = (f"ray: {self.sent_items} inputs in {self.sent_batches} batches on {self.actors} actors; "
                f"{self.sent_batches - len(self.failed_batches)} batches reported once each")
        if self.failed_batches:
            line += (f"; {len(self.failed_batches)} failed after {MAX_RETRIES} retries "
                     f"and their documents are reported as not checked")
        if self.repeated_batches:
            line += f"; {self.repeated_batches} repeated batch results dropped"
        return line


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
    return InputError(item.path, f"not checked: the Ray worker failed {MAX_RETRIES + 1} times on its batch",
                      item.line, item.id)
