"""Configuration: ``[tool.mtcheck]`` in pyproject.toml, or mtcheck.toml.

The file is found upward from the working directory (in each directory
mtcheck.toml first, then a pyproject.toml that has a ``[tool.mtcheck]``
table), or named with ``--config``. Command-line flags win over the file, the
file over the defaults. Every key is checked: an unknown key or a bad value
is a ``ConfigFileError`` naming the file and the key, which the CLI turns
into exit 2. Paths in the file are relative to the file's directory.

    # mtcheck.toml
    fail-on = "warning"
    gazetteers = ["newsroom.tsv"]
    accepted-names = ["Zelenskyy"]
    min-document-fluency = 60
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from mtcheck.cache import DEFAULT_SIZE_MB
from mtcheck.checks.fluency import GARBLED_BELOW
from mtcheck.document import InputError
from mtcheck.reading.files import MAX_FILE_BYTES, read_bytes

CONFIG_FILE = "mtcheck.toml"
PYPROJECT = "pyproject.toml"


class ConfigFileError(Exception):
    """A config file that cannot be used; the message names the file and key."""


Check = Callable[[Any, Path], Any]  # (value as parsed, config directory) -> value, or ValueError


def choice(*allowed: str) -> Check:
    def check(value, _base):
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return value
    return check


def format_choice() -> Check:
    from mtcheck.render import RENDERERS  # the formats that exist decide

    return choice(*RENDERERS)


def text(value, _base):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    return value


def boolean(value, _base):
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def path(value, base: Path):
    return str((base / text(value, base)).resolve())


def paths(value, base: Path):
    if not isinstance(value, list):
        raise ValueError("must be a list of paths")
    return tuple(path(item, base) for item in value)


SEVERITY_CHOICES = ("error", "warning", "info", "off")


def severities(value, _base):
    """{code: error | warning | info | off} for finding codes mtcheck has."""
    from mtcheck.checks.base import all_codes

    codes = all_codes()
    if not isinstance(value, dict):
        raise ValueError('must be a table of finding codes, e.g. {MT401 = "error"}')
    for code, level in value.items():
        if code not in codes:
            raise ValueError(f"has unknown finding code {code!r} (codes: {', '.join(codes)})")
        if level not in SEVERITY_CHOICES:
            raise ValueError(f"{code} must be one of {', '.join(SEVERITY_CHOICES)}")
    return dict(value)


def code_prefixes(value, _base):
    """Finding codes, or prefixes of them ("MT2": every name finding)."""
    from mtcheck.checks.base import all_codes

    codes = all_codes()
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise ValueError('must be a list of finding codes or prefixes, e.g. ["MT201", "MT3"]')
    for item in value:
        if not item.strip() or not any(code.startswith(item) for code in codes):
            raise ValueError(f"has {item!r}, which starts no finding code (codes: {', '.join(codes)})")
    return tuple(value)


def texts(value, base: Path):
    if not isinstance(value, list):
        raise ValueError("must be a list of strings")
    return tuple(text(item, base) for item in value)


def number(low: float, high: float, integer: bool = False) -> Check:
    def check(value, _base):
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            kind = "a whole number" if integer else "a number"
            raise ValueError(f"must be {kind} from {low:g} to {high:g}")
        return value
    return check


@dataclass(frozen=True)
class Setting:
    check: Check
    default: Any
    help: str


# The keys of mtcheck itself; each check adds its own (settings_table).
SETTINGS: dict[str, Setting] = {
    "fail-on": Setting(choice("error", "warning", "never"), "error",
                       "exit 1 when a document has a finding of this severity or worse"),
    "format": Setting(lambda value, base: format_choice()(value, base), "text", "report format (any --format choice)"),
    "model": Setting(path, None, "a local Hugging Face causal-LM directory"),
    "gazetteers": Setting(paths, (), "user gazetteers added to the bundled one"),
    "text-field": Setting(text, "text", "JSONL: the article text field"),
    "id-field": Setting(text, "id", "JSONL: the article id field"),
    "source-field": Setting(text, None, "JSONL/Parquet: the field naming an article's source (a publisher, a feed), "
                                        "for the report's fluency per source"),
    "baseline": Setting(path, None, "report only findings not in this baseline file"),
    "accepted-names": Setting(texts, (), "names never reported as corrupted (spelled as the publisher wants)"),
    "select": Setting(code_prefixes, ("MT",), "finding codes, or prefixes of them (MT2), to report"),
    "ignore": Setting(code_prefixes, (), "finding codes, or prefixes of them, never reported (wins over select)"),
    "severity": Setting(severities, {}, "per finding code: error, warning, info or off (e.g. MT401 = \"error\")"),
    "min-document-fluency": Setting(number(0, 100), None, "fail a document whose fluency is below this"),
    "min-paragraph-fluency": Setting(number(0, 100), None, "fail a document with a paragraph below this (MT104)"),
    "max-corrupted-names": Setting(number(0, 10**6, integer=True), None,
                                   "fail a document with more corrupted-name findings (MT201) than this"),
    "max-garbled-share": Setting(number(0, 1), None,
                                 "fail a document whose share of garbled paragraphs is above this (0-1)"),
    "max-file-size": Setting(number(1, 10**12, integer=True), MAX_FILE_BYTES,
                             "bytes: a larger file (or JSONL line) is reported as unreadable, not read"),
    "cache": Setting(boolean, True, "keep the model's scores and Harper's hits in the cache directory for re-scans"),
    "cache-size-mb": Setting(number(1, 10**7, integer=True), DEFAULT_SIZE_MB,
                             "the cache of scores stays under this size, least recently used entries evicted"),
    "garbled-below": Setting(number(0, 100), GARBLED_BELOW, "a scored paragraph below this fluency counts as garbled"),
    "ray": Setting(text, None, "check on Ray: \"local\" (a Ray for this scan), \"auto\" or a cluster address "
                               "(ray://HOST:PORT); needs mtcheck[ray]"),
    "ray-actors": Setting(number(1, 10_000, integer=True), 2, "with ray: actors in the pool, each with one scanner"),
    "ray-read": Setting(choice("workers", "driver"), "workers",
                        "with ray: who reads the articles: the workers (they must see the inputs at the same "
                        "paths) or this process, which then sends their text"),
}


def settings_table() -> dict[str, Setting]:
    """Every key the file may hold: mtcheck's, then each registered check's."""
    from mtcheck.checks.base import check_settings

    return {**SETTINGS, **{s.key: Setting(_validator(s), s.default, s.help) for s in check_settings()}}


def _validator(declared) -> Check:
    """How a check's setting (a CheckSetting) is checked, from its kind."""
    if declared.kind == "choice":
        return choice(*declared.choices)
    if declared.kind in ("number", "integer"):
        return number(*declared.range, integer=declared.kind == "integer")
    return {"text": text, "boolean": boolean, "texts": texts}[declared.kind]


@dataclass(frozen=True)
class Config:
    values: dict[str, Any]
    sources: dict[str, str]  # key -> "default", or the file (and table) it came from
    file: Optional[Path] = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def defaults() -> Config:
    table = settings_table()
    return Config({k: s.default for k, s in table.items()}, {k: "default" for k in table})


def load_config(explicit: Optional[str] = None, start: Optional[Path] = None) -> Config:
    """The config from ``explicit`` (a file that must exist), else the file
    found upward from ``start`` (the working directory), else the defaults."""
    file = Path(explicit) if explicit else find_config_file(start or Path.cwd())
    if file is None:
        return defaults()
    table, label = read_table(file)
    return merge(defaults(), table, file, label)


def find_config_file(start: Path) -> Optional[Path]:
    for directory in (start.resolve(), *start.resolve().parents):
        if (directory / CONFIG_FILE).is_file():
            return directory / CONFIG_FILE
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and "mtcheck" in _toml(pyproject).get("tool", {}):
            return pyproject
    return None


def read_table(file: Path) -> tuple[dict, str]:
    """The mtcheck table of ``file`` and how to name it in messages."""
    data = _toml(file)
    if file.name == PYPROJECT or "tool" in data:
        table = data.get("tool", {}).get("mtcheck")
        if not isinstance(table, dict):
            raise ConfigFileError(f"{file}: no [tool.mtcheck] table")
        return table, f"{file} [tool.mtcheck]"
    return data, str(file)


def merge(base: Config, table: dict, file: Path, label: str) -> Config:
    """``base`` with a file's table on top; its paths are relative to the file."""
    return _with_values(base, table, file.parent, label, source=label, file=file)


def with_overrides(config: Config, overrides: dict[str, Any], label: str = "keyword argument") -> Config:
    """``config`` with ``overrides`` (config keys) on top, each checked as a
    file's value is; paths are relative to the working directory. None
    leaves a setting that is unset by default unset."""
    return _with_values(config, overrides, Path.cwd(), label, source=label, file=config.file)


def _with_values(base: Config, table: dict, directory: Path, label: str, source: str,
                 file: Optional[Path]) -> Config:
    values, sources = dict(base.values), dict(base.sources)
    known = settings_table()
    for key, value in table.items():
        setting = known.get(key)
        if setting is None:
            raise ConfigFileError(f"{label}: unknown key {key!r} (known keys: {', '.join(known)})")
        try:
            values[key] = None if value is None and setting.default is None else setting.check(value, directory)
        except ValueError as error:
            raise ConfigFileError(f"{label}: {key!r} {error}, got {value!r}") from None
        sources[key] = source
    return Config(values, sources, file)


def _toml(file: Path) -> dict:
    data = read_bytes(str(file))  # a regular file of sane size: never a FIFO or /dev/zero
    if isinstance(data, InputError):
        raise ConfigFileError(data.describe())
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigFileError(f"{file}: not UTF-8 (byte 0x{data[error.start]:02x} at byte offset "
                              f"{error.start}); TOML files are UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(f"{file}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigFileError(f"{file}: invalid TOML: nested too deeply") from None


def describe(config: Config) -> str:
    """The merged config as TOML, each value with where it came from (`mtcheck config show`)."""
    lines = [f"# config file: {config.file}" if config.file else "# no config file found: defaults"]
    for key, setting in settings_table().items():
        value = config.values[key]
        assignment = f"{key} = {_toml_value(value)}" if value is not None else f"# {key} = (not set)"
        lines.append(f"{assignment}  # {config.sources[key]}: {setting.help}")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    return str(value)
