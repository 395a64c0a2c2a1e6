"""Reading gazetteer files and loading the indexed gazetteer through a disk cache.

Two kinds of file:

- the bundled gazetteer, ``mtcheck/data/gazetteer.jsonl.gz``: gzipped JSON
  lines, the first line a metadata header (sources, licences, counts), then
  one entry per line (``Entry.to_json``). Built by ``tools/build_gazetteer.py``.
- user gazetteers: TSV or CSV with a header row (columns ``canonical``,
  ``type``, ``aliases``, ``deprecated``, ``description``, and optionally
  ``given``, ``surname``, ``country``; only ``canonical`` is required; lists
  are ``|``-separated), JSON (a list of objects with the same keys; lists may
  be JSON arrays), or ``.txt`` (one name per line, type "other"). ``#``
  starts a comment line in TSV and TXT files. A bad file raises
  ``GazetteerError`` naming the file and line.

Building the index takes a few seconds; ``load_gazetteer`` does it once per
distinct set of input files (keyed by a hash of their bytes) and pickles the
result under ``cache_root()/gazetteer``, so later loads take a fraction of a
second. Within a process, the loaded gazetteer is memoised.
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import io
import json
import os
import pickle
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from mtcheck.document import InputError
from mtcheck.gazetteer.entry import ENTRY_TYPES, Entry, with_derived_forms
from mtcheck.gazetteer.index import Gazetteer
from mtcheck.gazetteer.normalise import normalise
from mtcheck.reading.files import read_bytes

BUNDLED_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.jsonl.gz"
# Part of the cache key, with the source code of the modules that shape the
# index: editing any of them (or bumping this) invalidates old pickles.
INDEX_FORMAT = "gazetteer-index/1"
_INDEX_MODULES = ("entry.py", "index.py", "normalise.py", "person.py", "store.py")
_CACHE_KEEP = 6
# A blake2b digest of the pickle leads each cache file: a corrupt file is rebuilt, never unpickled.
_DIGEST_SIZE = 32
USER_COLUMNS = ("canonical", "type", "aliases", "deprecated", "description", "given", "surname", "country")
LIST_SEPARATOR = "|"

_memo: dict[str, Gazetteer] = {}


class GazetteerError(Exception):
    """A gazetteer file could not be read; the message names the file and line."""

    def __init__(self, path: os.PathLike | str, line: Optional[int], problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


# -- loading -------------------------------------------------------------------

def load_gazetteer(extra_files: Iterable[os.PathLike | str] = (), *, bundled: Optional[Path] = BUNDLED_PATH,
                   use_cache: bool = True) -> Gazetteer:
    """The bundled gazetteer plus the user files, indexed (cached on disk and in memory).

    ``bundled=None`` loads the user files alone. User entries whose canonical
    form and type equal a bundled entry's extend it (aliases, deprecated forms,
    description); others are added. Raises ``GazetteerError`` for unreadable
    or malformed files.
    """
    paths = ([Path(bundled)] if bundled is not None else []) + [Path(p) for p in extra_files]
    contents = [_read_bytes(path) for path in paths]
    key = _cache_key(paths, contents)
    if key in _memo:
        return _memo[key]
    cache_file = _cache_dir() / f"{key}.pickle"
    with _gc_paused():
        gazetteer = _read_cache(cache_file) if use_cache else None
        if gazetteer is None:
            gazetteer = _build(paths, contents, bundled is not None)
            if use_cache:
                _write_cache(cache_file, gazetteer)
    _memo[key] = gazetteer
    return gazetteer


def timed_load(extra_files: Iterable[os.PathLike | str] = (), **kwargs) -> tuple[Gazetteer, float]:
    """``load_gazetteer`` and the seconds it took (for benchmarks and reports)."""
    started = time.perf_counter()
    gazetteer = load_gazetteer(extra_files, **kwargs)
    return gazetteer, time.perf_counter() - started


def clear_memo() -> None:
    """Forget gazetteers loaded in this process (tests use it to time cold loads)."""
    _memo.clear()


def _build(paths: Sequence[Path], contents: Sequence[bytes], has_bundled: bool) -> Gazetteer:
    metadata, entries = {}, []
    if has_bundled:
        metadata, entries = parse_bundled(paths[0], contents[0])
        paths, contents = paths[1:], contents[1:]
    user_entries = [entry for path, data in zip(paths, contents) for entry in parse_user_file(path, data)]
    entries = merge_user_entries(entries, user_entries)
    metadata = {**metadata, "user_files": [str(p) for p in paths]}
    return Gazetteer(entries, metadata)


def _read_bytes(path: Path) -> bytes:
    data = read_bytes(str(path))  # a regular file of sane size: never a FIFO or /dev/zero
    if isinstance(data, InputError):
        raise GazetteerError(path, None, data.message)
    return data


def _cache_key(paths: Sequence[Path], contents: Sequence[bytes]) -> str:
    digest = hashlib.sha256(INDEX_FORMAT.encode())
    package = Path(__file__).resolve().parent
    for module in _INDEX_MODULES:
        digest.update((package / module).read_bytes())
    for path, data in zip(paths, contents):
        # The suffix matters (it picks the parser); the directory does not.
        digest.update(path.suffix.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:24]


def _cache_dir() -> Path:
    # Imported lazily: mtcheck.lm.model is light, but the package is not.
    from mtcheck.cache import cache_root

    return cache_root() / "gazetteer"


@contextmanager
def _gc_paused():
    # The cyclic garbage collector would scan the half-million new objects
    # again and again while the index is built or unpickled (none of them
    # form cycles): pausing it nearly halves the cached load time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read_cache(cache_file: Path) -> Optional[Gazetteer]:
    """The cached index, or None (then it is rebuilt) when the file is
    missing, stale or corrupt: its content must match the digest in front of
    it before it is unpickled."""
    try:
        data = cache_file.read_bytes()
        digest, pickled = data[:_DIGEST_SIZE], data[_DIGEST_SIZE:]
        if digest != hashlib.blake2b(pickled, digest_size=_DIGEST_SIZE).digest():
            return None
        gazetteer = pickle.loads(pickled)
    except Exception:  # noqa: BLE001 - any failure to read or unpickle means: rebuild
        return None
    return gazetteer if isinstance(gazetteer, Gazetteer) else None


def _write_cache(cache_file: Path, gazetteer: Gazetteer) -> None:
    # Write then rename, so a concurrent reader never sees half a pickle. A
    # read-only cache directory only costs speed, never correctness.
    pickled = pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache_file.parent, delete=False) as handle:
            handle.write(hashlib.blake2b(pickled, digest_size=_DIGEST_SIZE).digest())
            handle.write(pickled)
        os.replace(handle.name, cache_file)
        _prune_cache(cache_file.parent)
    except OSError:
        pass


def _prune_cache(directory: Path) -> None:
    # Every new gazetteer, user file set or code version gets a new pickle of
    # about 17 MB; keep the most recently written few.
    pickles = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in pickles[_CACHE_KEEP:]:
        stale.unlink(missing_ok=True)


# -- the bundled file ----------------------------------------------------------

def parse_bundled(path: Path, data: Optional[bytes] = None) -> tuple[dict, list[Entry]]:
    """(metadata, entries) of a gzipped JSON-lines gazetteer."""
    if data is None:
        data = _read_bytes(path)
    try:
        lines = gzip.decompress(data).decode("utf-8").splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise GazetteerError(path, None, f"not a gzipped UTF-8 gazetteer: {error}") from None
    metadata: dict = {}
    entries = []
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
            if number == 1 and "canonical" not in record:
                metadata = record
                continue
            entries.append(Entry.from_json(record))
        except (ValueError, KeyError, TypeError) as error:
            raise GazetteerError(path, number, f"bad entry: {error}") from None
    return metadata, entries


def write_bundled(path: Path, metadata: dict, entries: Sequence[Entry]) -> None:
    """Write a gazetteer byte-for-byte reproducibly (no timestamp in the gzip header)."""
    lines = [json.dumps(metadata, ensure_ascii=False, sort_keys=True)]
    lines += [json.dumps(entry.to_json(), ensure_ascii=False) for entry in entries]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(payload)


# -- user files ----------------------------------------------------------------

def read_user_file(path: os.PathLike | str) -> list[Entry]:
    """Entries of a user gazetteer (TSV, CSV, JSON or TXT, by suffix)."""
    path = Path(path)
    return parse_user_file(path, _read_bytes(path))


def parse_user_file(path: Path, data: bytes, derive: bool = True) -> list[Entry]:
    """Entries of a user gazetteer given its bytes; ``derive=False`` skips ``with_derived_forms``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise GazetteerError(path, line, "not UTF-8 text") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        records = _json_records(path, text)
    elif suffix in (".tsv", ".tab"):
        records = _table_records(path, text, "\t")
    elif suffix == ".csv":
        records = _table_records(path, text, ",")
    elif suffix in (".txt", ".lst", ".list"):
        records = _txt_records(text)
    else:
        raise GazetteerError(path, None, "unknown gazetteer format (use .tsv, .csv, .json or .txt)")
    source = f"user:{path.name}"
    entries = [_record_to_entry(path, line, record, source) for line, record in records]
    return [with_derived_forms(entry) for entry in entries] if derive else entries


def write_user_file(path: os.PathLike | str, entries: Sequence[Entry]) -> None:
    """Write ``entries`` as a user gazetteer that ``read_user_file`` reads back:
    TSV, CSV or JSON by suffix. Written to a temporary file and renamed, so a
    failed write never leaves half a gazetteer behind."""
    path = Path(path)
    suffix = path.suffix.lower()
    records = [{column: _cell(getattr(entry, column)) for column in USER_COLUMNS} for entry in entries]
    if suffix == ".json":
        text = json.dumps([{k: v for k, v in r.items() if v} for r in records], ensure_ascii=False, indent=1) + "\n"
    elif suffix in (".tsv", ".tab", ".csv"):
        if suffix != ".csv" and any("\t" in v or "\n" in v for r in records for v in r.values()):
            raise GazetteerError(path, None, "a name contains a tab or newline; write .csv or .json instead")
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if suffix == ".csv" else "\t", lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL if suffix == ".csv" else csv.QUOTE_NONE, escapechar=None)
        writer.writerow(USER_COLUMNS)
        writer.writerows([r[column] for column in USER_COLUMNS] for r in records)
        text = out.getvalue()
    else:
        raise GazetteerError(path, None, "unknown gazetteer format (use .tsv, .csv or .json)")
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                     delete=False) as handle:
        handle.write(text)
    os.replace(handle.name, path)


def _cell(value) -> str:
    return LIST_SEPARATOR.join(value) if isinstance(value, tuple) else str(value or "")


def _txt_records(text: str) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.strip()
        if name and not name.startswith("#"):
            yield number, {"canonical": name, "type": "other"}


def _table_records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, dict]]:
    # CSV cells may be quoted ("CNN, London"); TSV cells are taken literally.
    quoting = csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
    # strict: an unterminated quote is an error, not a cell running to the end of the file.
    rows = csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting, strict=True)
    header: Optional[list[str]] = None
    number = 0
    try:
        for row in rows:
            number = rows.line_num
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = _check_header(path, number, row)
                continue
            if len(row) > len(header):
                raise GazetteerError(path, number, f"{len(row)} columns, the header has {len(header)}")
            yield number, {column: cell.strip() for column, cell in zip(header, row)}
    except csv.Error as error:  # named by the line its row starts on (an unclosed quote runs to the end)
        raise GazetteerError(path, number + 1, f"malformed row: {error}") from None
    if header is None:
        raise GazetteerError(path, 1, "no header row (expected columns: canonical, type, aliases, ...)")


def _check_header(path: Path, number: int, row: list[str]) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    unknown = [column for column in header if column not in USER_COLUMNS]
    if unknown or "canonical" not in header:
        problem = f"unknown column {unknown[0]!r}" if unknown else "no 'canonical' column"
        raise GazetteerError(path, number, f"bad header: {problem} (columns: {', '.join(USER_COLUMNS)})")
    return header


def _json_records(path: Path, text: str) -> Iterator[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GazetteerError(path, error.lineno, f"invalid JSON: {error.msg}") from None
    except RecursionError:
        raise GazetteerError(path, None, "invalid JSON: nested too deeply") from None
    if not isinstance(data, list):
        raise GazetteerError(path, 1, "expected a JSON list of objects")
    for index, record in enumerate(data):
        # JSON gives no line per object; the item number is the useful locator.
        if not isinstance(record, dict):
            raise GazetteerError(path, None, f"item {index}: expected an object, got {type(record).__name__}")
        unknown = [key for key in record if key not in USER_COLUMNS]
        if unknown:
            raise GazetteerError(path, None, f"item {index}: unknown key {unknown[0]!r}")
        yield -(index + 1), record


def _record_to_entry(path: Path, line: int, record: dict, source: str) -> Entry:
    where = (None, f"item {-line - 1}: ") if line < 0 else (line, "")
    try:
        canonical = _text_field(record, "canonical")
        if not canonical:
            raise ValueError("empty canonical name")
        kind = _text_field(record, "type") or "other"
        if kind not in ENTRY_TYPES:
            raise ValueError(f"unknown type {kind!r} (expected one of {', '.join(ENTRY_TYPES)})")
        entry = Entry(
            canonical=canonical, type=kind,
            aliases=_list_field(record, "aliases"), deprecated=_list_field(record, "deprecated"),
            description=_text_field(record, "description"), source=source,
            given=_text_field(record, "given"), surname=_text_field(record, "surname"),
            country=_text_field(record, "country").upper(),
        )
    except (ValueError, TypeError) as error:
        raise GazetteerError(path, where[0], f"{where[1]}{error}") from None
    return entry


def _text_field(record: dict, key: str) -> str:
    value = record.get(key) or ""
    if not isinstance(value, str):
        raise TypeError(f"{key!r} must be a string")
    return " ".join(value.split())


def _list_field(record: dict, key: str) -> tuple[str, ...]:
    value = record.get(key) or ()
    if isinstance(value, str):
        value = value.split(LIST_SEPARATOR)
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"{key!r} must be a {LIST_SEPARATOR!r}-separated string or a list of strings")
    return tuple(" ".join(item.split()) for item in value if item.strip())


# -- merging -------------------------------------------------------------------

def merge_user_entries(entries: Sequence[Entry], user_entries: Sequence[Entry]) -> list[Entry]:
    """``entries`` extended by ``user_entries``; same canonical and type = same entry."""
    merged = list(entries)
    if not user_entries:
        return merged
    position = {(normalise(entry.canonical), entry.type): i for i, entry in enumerate(merged)}
    for entry in user_entries:
        key = (normalise(entry.canonical), entry.type)
        if key in position:
            merged[position[key]] = merge_two(merged[position[key]], entry)
        else:
            position[key] = len(merged)
            merged.append(entry)
    return merged


def merge_two(base: Entry, extra: Entry) -> Entry:
    """``base`` with ``extra``'s forms added; ``extra``'s description wins when it has one.

    ``base``'s canonical form stays; ``extra``'s becomes an alias if it differs.
    """
    deprecated = tuple(dict.fromkeys(base.deprecated + extra.deprecated))
    blocked = {normalise(form) for form in deprecated}
    candidates = base.aliases + (extra.canonical,) + extra.aliases
    aliases = [alias for alias in dict.fromkeys(candidates)
               if alias != base.canonical and normalise(alias) not in blocked]
    sources = ",".join(dict.fromkeys((base.source + "," + extra.source).strip(",").split(",")))
    return replace(
        base, aliases=tuple(aliases), deprecated=deprecated,
        description=extra.description or base.description, source=sources,
        given=base.given or extra.given, surname=base.surname or extra.surname,
        country=base.country or extra.country, population=max(base.population, extra.population),
        refs=tuple(sorted(set(base.refs + extra.refs))),
    )
