"""Finding input files and turning their bytes into text, without raising.

Everything here reports a problem as a value (an ``InputError`` or an
``UnreadableText`` the caller converts) so one bad file never stops a scan.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import stat
from typing import BinaryIO, Callable, Iterator

from mtcheck.document import InputError

# Formats by file extension (compared lower-case). Directories are searched
# for these only; a file named explicitly with another extension is read as
# plain text.
FORMAT_BY_EXTENSION = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".parquet": "parquet",
}
# Formats whose file holds many articles, one per record (a line, a row).
RECORD_FORMATS = ("jsonl", "parquet")
UTF8_BOM = "\ufeff"
# The largest file (and JSONL line) read as an article: news articles are tens
# of kilobytes and saved web pages a few megabytes, so anything bigger is a
# dump or a mistake, and reading it whole could exhaust memory. A JSONL file is
# read line by line, so only its lines are held to this.
MAX_FILE_BYTES = 10_000_000


class UnreadableText(ValueError):
    """Bytes that are not UTF-8 text; the message says where and why."""


def format_for(path: str) -> str | None:
    return FORMAT_BY_EXTENSION.get(os.path.splitext(path)[1].lower())


def decode_text(data: bytes, *, offset: int = 0, name_line: bool = True) -> str:
    """Decode UTF-8 (dropping a BOM) or raise UnreadableText.

    ``offset`` is where ``data`` starts in its file, so the byte offset in the
    message is the file's. ``name_line`` adds the 1-based line of the bad byte
    (JSONL errors carry their line separately).
    """
    nul = data.find(b"\0")
    if nul >= 0:
        raise UnreadableText(f"binary file (NUL byte at byte offset {offset + nul}); expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = f"byte offset {offset + error.start}"
        if name_line:
            line = data.count(b"\n", 0, error.start) + 1
            where += f", line {line}"
        raise UnreadableText(
            f"not valid UTF-8: byte 0x{data[error.start]:02x} at {where}; "
            "convert the file to UTF-8 first (e.g. iconv -f latin1 -t utf-8)"
        ) from None
    return text.removeprefix(UTF8_BOM)


# The byte-order marks browsers honour (WHATWG: UTF-8, UTF-16 LE and BE).
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# looked for where browsers look: the first 1,024 bytes (we allow 4,096).
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
META_WINDOW = 4096
# Browsers read these labels as Windows-1252 (the WHATWG Encoding Standard).
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "iso8859-1", "l1", "us-ascii", "ascii", "cp1252"})


def decode_html(data: bytes) -> str:
    """Decode a web page as a browser would: a byte-order mark, else the
    charset its <meta> declares, else UTF-8 if the bytes are valid UTF-8,
    else the encoding charset-normalizer detects. Bytes a declared encoding
    cannot map become U+FFFD, as in a browser."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = declared_charset(data[:META_WINDOW])
    if declared:
        return data.decode(declared, errors="replace")
    try:
        return decode_text(data)
    except UnreadableText:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableText("not text in any encoding charset detection knows; expected an HTML page")
    return str(best)


def declared_charset(head: bytes) -> str | None:
    """The Python codec of the page's <meta> charset, or None if it names none we know."""
    match = META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def printable_path(path: str) -> str:
    """``path`` as reports name it: bytes of a file name that are not UTF-8
    (which Python hands over as surrogate escapes, and no report could
    encode) are shown as \\xNN."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def open_regular_file(path: str) -> BinaryIO | InputError:
    """``path`` opened for reading if it is a regular file, else an InputError.

    Opened without blocking and checked on the open descriptor, so a FIFO
    (which would wait for a writer forever) or a device (/dev/zero never
    ends) is refused, even one swapped in after a directory was listed.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return InputError(path, "no such file or directory")
    except OSError as error:
        return InputError(path, f"cannot read: {error.strerror or error}")
    handle = os.fdopen(descriptor, "rb")
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISREG(mode):
        return handle
    handle.close()
    if stat.S_ISDIR(mode):
        return InputError(path, "is a directory")
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return InputError(path, f"not a regular file ({kind}); only regular files are read (use - for standard input)")


def read_limited(handle: BinaryIO, path: str, max_bytes: int) -> bytes | InputError:
    """All of ``handle``, or an InputError when it holds more than ``max_bytes``."""
    try:
        data = handle.read(max_bytes + 1)
    except OSError as error:
        return InputError(path, f"cannot read: {error.strerror or error}")
    if len(data) > max_bytes:
        return too_large(path, max_bytes)
    return data


def from_regular_file(path: str, name: str, read: Callable[[BinaryIO], Iterator]) -> Iterator:
    """What ``read`` makes of the regular file at ``path``, then, if the file
    cannot be opened or read to its end, the InputError saying so (named
    ``name``, as reports name the file)."""
    opened = open_regular_file(path)
    if isinstance(opened, InputError):
        yield dataclasses.replace(opened, path=name)
        return
    with opened as handle:
        try:
            yield from read(handle)
        except OSError as error:  # a disk error part-way through a JSONL feed
            yield InputError(name, f"cannot read: {error.strerror or error}")


def too_large(path: str, max_bytes: int, line: int | None = None) -> InputError:
    what = "line" if line else "file"
    return InputError(path, f"{what} larger than max-file-size ({max_bytes:,} bytes); not read "
                            "(raise max-file-size in the config to read it)", line=line)


def read_bytes(path: str, max_bytes: int = MAX_FILE_BYTES) -> bytes | InputError:
    """A regular file's bytes, at most ``max_bytes`` of them, or an InputError."""
    opened = open_regular_file(path)
    if isinstance(opened, InputError):
        return opened
    with opened as handle:
        return read_limited(handle, path, max_bytes)


def iter_files(directory: str, _seen: set[str] | None = None) -> Iterator[str | InputError]:
    """Files of known formats under ``directory``, recursively, sorted by name.

    Hidden files and directories (name starting with ".") are skipped. A
    directory that cannot be listed yields an InputError; the walk goes on.
    Symlinked directories are followed once (a loop is not walked twice).
    """
    seen = set() if _seen is None else _seen
    real = os.path.realpath(directory)
    if real in seen:
        return
    seen.add(real)
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(directory, f"cannot list directory: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        if is_directory(entry):
            yield from iter_files(path, seen)
        elif format_for(entry.name) is not None:
            yield path


def is_directory(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
