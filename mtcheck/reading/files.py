"""Finding input files and turning their bytes into text, without raising.

Everything here reports a problem as a value (an ``InputError`` or an
``UnreadableText`` the caller converts) so one bad file never stops a scan.
"""

from __future__ import annotations

import os
from typing import Iterator

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
}
UTF8_BOM = "\ufeff"


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


def read_bytes(path: str) -> bytes | InputError:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return InputError(path, "no such file or directory")
    except IsADirectoryError:
        return InputError(path, "is a directory")
    except OSError as error:
        return InputError(path, f"cannot read: {error.strerror or error}")


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
