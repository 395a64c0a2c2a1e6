"""The check contract, the rules a check declares, and the registry.

A check is a class with a ``name``, the ``rules`` (finding codes) it emits,
declared beside the code that emits them, a ``build(parts)`` that makes it
from what the scan shares (its options, results store, language-model
scorer, gazetteer), and a batch ``check(documents)`` with one CheckOutput
per document. A check that reads one document at a time implements
``check_document`` instead. A check with settings names a frozen dataclass
as its ``settings``, each field declared with ``setting(...)``: the config
file accepts and validates its keys, `config show` lists them, and
``build`` gets the values from ``parts.settings_for(name)``. Registering it
is all it takes:

    @register
    class ShoutingCheck(Check):
        name = "shouting"
        rules = (Rule("MT901", "shouting", "style", ...),)

        def check_document(self, document):
            return [...]  # Findings

The scanner runs the registered checks in order; `mtcheck rules`, the
config's code checks, --select and --ignore, the fixer and every report
format read the rules from here.
"""

from __future__ import annotations

import importlib
from abc import ABC
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, ClassVar, Literal, Mapping, Optional, Protocol, Sequence

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    title: str  # a few lowercase words: "corrupted name"
    category: str
    short: str
    full: str
    help: str
    help_markdown: str  # the texts here are ours, never article text, so they may carry Markdown
    default_severity: Severity
    # Whether `mtcheck fix` applies the suggestion: "safe" by default,
    # "unsafe" only with --unsafe, None never.
    fix: Optional[Literal["safe", "unsafe"]] = None

    @property
    def name(self) -> str:
        """An identifier-like name (SARIF reportingDescriptor.name): "CorruptedName"."""
        return "".join(word.capitalize() for word in self.title.split())


@dataclass(frozen=True)
class CheckOutput:
    """What one check found in one document."""

    findings: tuple[Finding, ...] = ()
    # paragraph index -> (fluency 0-100, raw LM numbers): a check that scores paragraphs.
    paragraphs: dict = field(default_factory=dict)
    # Why the check could not judge this document (a grammar server gone
    # mid-scan): the document is reported as not checked (exit 3).
    unavailable: Optional[str] = None


# What a check setting holds, and so how the config file's value is checked.
SettingKind = Literal["text", "boolean", "texts", "choice", "number", "integer"]


def setting(key: str, default: Any, help: str, kind: SettingKind, *, choices: Sequence[str] = (),
            low: float = 0, high: float = 0) -> Any:
    """A field of a check's settings dataclass, read from config key ``key``
    ("dialect") and checked as ``kind`` (a ``choice`` among ``choices``, a
    ``number`` or ``integer`` from ``low`` to ``high``); None as the default
    means unset."""
    metadata = {"key": key, "help": help, "kind": kind, "choices": tuple(choices), "range": (low, high)}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class CheckSetting:
    """One config key of a check, as the config file reads it."""

    key: str
    default: Any
    help: str
    kind: SettingKind
    choices: tuple[str, ...]
    range: tuple[float, float]


class CheckUnavailable(Exception):
    """A check that cannot judge a document now; the message says why."""


class CheckParts(Protocol):
    """What the scan shares with the checks it builds (the Scanner)."""

    options: Any  # ScanOptions
    store: Any  # the results store, or None
    scorer: Any  # the language model's (cached) scorer; finding it raises ModelNotFound
    gazetteer: Any  # the bundled gazetteer with the user's files

    def settings_for(self, check: str) -> Any:
        """The check's settings (its ``settings`` dataclass), as configured."""


class Check(ABC):
    name: ClassVar[str]
    rules: ClassVar[tuple[Rule, ...]]
    # A frozen dataclass whose fields are declared with ``setting``, or None.
    settings: ClassVar[Optional[type]] = None

    @classmethod
    def build(cls, parts: CheckParts) -> "Check":
        return cls()

    @property
    def signature(self) -> dict:
        """What decides this check's findings, for reports (a model, a method version)."""
        return {}

    def check(self, documents: Sequence[Document]) -> list[CheckOutput]:
        return [self._output(document) for document in documents]

    def check_document(self, document: Document) -> list[Finding]:
        raise NotImplementedError(f"{type(self).__name__} implements neither check nor check_document")

    def _output(self, document: Document) -> CheckOutput:
        try:
            return CheckOutput(findings=tuple(self.check_document(document)))
        except CheckUnavailable as error:
            return CheckOutput(unavailable=str(error))


# -- the registry ------------------------------------------------------------------

# The built-in checks, in the order they run and their rules are listed. They
# are imported on first use, so listing the commands imports none of them.
BUILTIN_MODULES = ("mtcheck.checks.fluency", "mtcheck.checks.names.check", "mtcheck.checks.grammar.check",
                   "mtcheck.checks.structure")
_registered: dict[str, type[Check]] = {}
# Bumped by every change to the registry: what is derived from it is kept per generation.
_generation = 0


def register(check: type[Check]) -> type[Check]:
    """Add ``check`` to the scan (a class decorator); its codes must be new."""
    if check.__module__ not in BUILTIN_MODULES:
        registered_checks()  # the built-in codes are taken first
    taken = {rule.code for other in _registered.values() if other is not check for rule in other.rules}
    clash = taken & {rule.code for rule in check.rules}
    if clash:
        raise ValueError(f"check {check.name!r} declares codes another check has: {', '.join(sorted(clash))}")
    _registered[check.name] = check
    _changed()
    return check


def unregister(name: str) -> None:
    if _registered.pop(name, None):
        _changed()


def _changed() -> None:
    global _generation
    _generation += 1


def registered_checks() -> list[type[Check]]:
    """The built-in checks first, in BUILTIN_MODULES order, then the others as registered."""
    for module in BUILTIN_MODULES:
        importlib.import_module(module)  # each registers its check when first imported
    rank = {module: i for i, module in enumerate(BUILTIN_MODULES)}
    return sorted(_registered.values(), key=lambda check: rank.get(check.__module__, len(rank)))


def all_rules() -> tuple[Rule, ...]:
    return tuple(rule for check in registered_checks() for rule in check.rules)


def all_codes() -> list[str]:
    return [rule.code for rule in all_rules()]


def check_settings() -> list[CheckSetting]:
    """Every registered check's config keys, in check order."""
    return [CheckSetting(f.metadata["key"], f.default, f.metadata["help"], f.metadata["kind"], f.metadata["choices"],
                         f.metadata["range"])
            for check in registered_checks() if check.settings for f in fields(check.settings)]


def settings_from(values: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Each check's settings from config values (key -> value, validated):
    (check name, settings instance) pairs, hashable as ScanOptions must be."""
    return tuple((check.name, check.settings(**{f.name: values[f.metadata["key"]] for f in fields(check.settings)}))
                 for check in registered_checks() if check.settings)


def rule_for(code: str) -> Rule:
    """The code's rule; a code no registered check declares gets a plain stand-in."""
    registered_checks()  # the built-in checks registered first
    known = _rules_by_code(_generation)
    if code in known:
        return known[code]
    return Rule(
        code=code, title="finding", category="other", short=f"mtcheck finding {code}.",
        full=f"mtcheck finding {code}.", help="See the finding's message.",
        help_markdown="See the finding's message.", default_severity="warning",
    )


@lru_cache(maxsize=1)
def _rules_by_code(generation: int) -> dict[str, Rule]:
    return {rule.code: rule for rule in all_rules()}


def finding_title(code: str) -> str:
    """"MT201 corrupted name": how annotations title a finding."""
    return f"{code} {rule_for(code).title}"


def fix_applicability(finding: Finding) -> Optional[Literal["safe", "unsafe"]]:
    """Whether `mtcheck fix` applies the finding's suggestion: "safe" by
    default, "unsafe" only with --unsafe, None never. Its rule says, unless
    the finding itself is less sure of its suggestion."""
    fix = rule_for(finding.code).fix if finding.suggestions else None
    return "unsafe" if fix and finding.unsafe_fix else fix
