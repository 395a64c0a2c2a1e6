"""The cache directory, and the persistent store of results a scan computes.

Everything mtcheck caches lives under one directory: ``$MTCHECK_CACHE_DIR``,
else ``$XDG_CACHE_HOME/mtcheck``, else ``~/.cache/mtcheck``. In it:
- ``models/``: the default model converted once from GGUF (lm/model.py);
- ``gazetteer/``: the gazetteer index in its fast-loading form;
- ``results/``: what the language model and the grammar engine said about
  each text (this module), so a second scan of the same articles neither
  scores nor lints them again, and loads neither the model nor Harper.

The results store is a diskcache.Cache: SQLite underneath, so several
processes may read and write it at once; bounded in size, the least
recently used entries evicted first. Each entry's key is a hash of
everything that decides its value (the producer's signature and the input
text), so a changed model, setting or engine version never reads an old
value. A store that cannot be opened or written (a read-only or full
disk, a damaged database) costs only speed: the scan computes the values.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, TypeVar

Value = TypeVar("Value")

RESULTS_DIR = "results"
DEFAULT_SIZE_MB = 1024


def cache_root() -> Path:
    explicit = os.environ.get("MTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mtcheck"


def entry_key(signature: dict, *texts: str) -> str:
    """A key for the value a producer with ``signature`` gives ``texts``."""
    payload = json.dumps([signature, texts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


class ResultStore:
    """Bytes by key, on disk, shared by processes; a failure reads as a miss."""

    def __init__(self, directory: Optional[Path] = None, size_mb: int = DEFAULT_SIZE_MB):
        self.directory = Path(directory or cache_root() / RESULTS_DIR)
        self.size_mb = size_mb
        self._cache = None
        # Why the store could not be used (None while it can): the scan goes
        # on computing every value, and the CLI says so once.
        self.problem: Optional[str] = None

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        cache = self._open()
        found = {}
        if cache is None:
            return found
        try:
            # One transaction: each read also records its use (for eviction),
            # and one commit is far cheaper than one per key.
            with cache.transact(retry=True):
                for key in keys:
                    value = cache.get(key, retry=True)
                    if value is not None:
                        found[key] = value
        except Exception as error:  # noqa: BLE001 - sqlite3.DatabaseError, OSError...: compute instead
            self._give_up(error)
        return found

    def set_many(self, items: dict[str, bytes]) -> None:
        cache = self._open()
        if cache is None or not items:
            return
        try:
            with cache.transact(retry=True):
                for key, value in items.items():
                    cache.set(key, value, retry=True)
        except Exception as error:  # noqa: BLE001 - a full or read-only disk only costs speed
            self._give_up(error)

    def get_or_compute(self, keys: Sequence[str], compute: Callable[[list[int]], list[Value]],
                       encode: Callable[[Value], bytes], decode: Callable[[bytes], Value]) -> list[Value]:
        """The value of each key: from the store, or ``compute(indices)`` for
        the keys it lacks (one call, in key order), which are then stored."""
        found = {key: decode(value) for key, value in self.get_many(dict.fromkeys(keys)).items()}
        missing = [i for i, key in enumerate(keys) if key not in found]
        if missing:
            fresh = dict(zip((keys[i] for i in missing), compute(missing)))
            self.set_many({key: encode(value) for key, value in fresh.items()})
            found.update(fresh)
        return [found[key] for key in keys]

    def info(self) -> dict:
        """Where the store is, how many entries and bytes it holds, its bound
        (without creating it when there is none yet)."""
        cache = self._open() if self.directory.is_dir() else None
        entries, size = (len(cache), cache.volume()) if cache is not None else (0, 0)
        return {"directory": str(self.directory), "entries": entries, "bytes": size,
                "size_limit_bytes": self.size_mb * 2**20}

    def clear(self) -> int:
        """Remove every entry; how many there were."""
        cache = self._open() if self.directory.is_dir() else None
        return cache.clear(retry=True) if cache is not None else 0

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def _open(self):
        if self._cache is None and self.problem is None:
            try:
                import diskcache

                self._cache = diskcache.Cache(
                    str(self.directory), size_limit=self.size_mb * 2**20,
                    eviction_policy="least-recently-used", timeout=60,
                )
            except Exception as error:  # noqa: BLE001 - unwritable directory, damaged database
                self._give_up(error)
        return None if self.problem is not None else self._cache

    def _give_up(self, error: Exception) -> None:
        self.problem = " ".join(str(error).split()) or type(error).__name__

