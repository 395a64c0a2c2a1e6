"""The engine: documents in, DocumentResults out (the library's main entry).

    scanner = Scanner()
    for result in scanner.scan_paths(["seeds/"]):
        print(result.path, result.fluency, result.verdict)

Documents are checked in small groups so the language model can batch
paragraphs across documents, and results stream out in input order. Each
group goes through every registered check (mtcheck.checks.base) in order;
two rules cross checks: a paragraph's grammar findings lower its fluency
(``_with_grammar``), and a word the grammar engine calls misspelled is not
also reported as garbled wording (``without_repeats``). The
model loads lazily: a scan of only unreadable files, or of texts whose
scores are all in the cache directory, never loads it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import IO, Any, Iterable, Iterator, Optional, Sequence

from mtcheck.version import __version__
from mtcheck.cache import DEFAULT_SIZE_MB, ResultStore
from mtcheck.document import Document, InputError
from mtcheck.findings import Finding
from mtcheck.checks.base import Check, CheckOutput, registered_checks
from mtcheck.reading.files import MAX_FILE_BYTES
from mtcheck.results import DocumentResult, ParagraphResult, verdict_for


@dataclass(frozen=True)
class ScanOptions:
    # A local Hugging Face causal-LM directory; None means the bundled SmolLM2.
    model_dir: Optional[str] = None
    # Documents per model batch: bigger batches pad less, but delay streaming.
    batch_documents: int = 8
    text_field: str = "text"
    id_field: str = "id"
    # The JSONL/Parquet field naming an article's source (for the corpus view), if any.
    source_field: Optional[str] = None
    # How standard input ("-") is read: a format (txt, md, html, jsonl), or a
    # file name whose extension decides and which names it in reports.
    stdin_format: Optional[str] = None
    stdin_filename: Optional[str] = None
    # A larger file (or JSONL line) is an input error, not an article.
    max_file_bytes: int = MAX_FILE_BYTES
    # User gazetteers (TSV, CSV, JSON, TXT) added to the bundled one.
    gazetteers: tuple[str, ...] = ()
    # (check name, its settings dataclass) pairs; a check not named here
    # runs with its defaults (mtcheck.checks.base.settings_from).
    check_settings: tuple[tuple[str, Any], ...] = ()
    # Keep the model's scores and Harper's hits in the cache directory, so a
    # re-scan of the same texts computes neither (and loads neither).
    cache: bool = True
    cache_size_mb: int = DEFAULT_SIZE_MB


class Scanner:
    def __init__(self, options: ScanOptions = ScanOptions()):
        self.options = options

    @cached_property
    def store(self) -> Optional[ResultStore]:
        return ResultStore(size_mb=self.options.cache_size_mb) if self.options.cache else None

    @cached_property
    def scorer(self):
        """The language model's scorer over the results store; finding the
        model raises ModelNotFound, and it loads on the first text not in the cache."""
        from mtcheck.lm.cached import CachedScorer
        from mtcheck.lm.model import load_model, model_source
        from mtcheck.lm.scorer import ScorerSettings

        return CachedScorer(model_source(self.options.model_dir), ScorerSettings(), self.store, load_model)

    @cached_property
    def gazetteer(self):
        """The bundled gazetteer with the user's files added."""
        from mtcheck.gazetteer import load_gazetteer

        return load_gazetteer(self.options.gazetteers)

    @cached_property
    def checks(self) -> dict[str, Check]:
        """The registered checks, built from this scanner's parts, in the order they run."""
        return {check.name: check.build(self) for check in registered_checks()}

    def settings_for(self, check: str) -> Any:
        """The named check's settings: as the options give them, else its defaults."""
        given = dict(self.options.check_settings)
        if check in given:
            return given[check]
        settings_type = next(c.settings for c in registered_checks() if c.name == check)
        return settings_type() if settings_type else None

    @property
    def fluency(self):
        return self.checks["fluency"]

    @property
    def names(self):
        return self.checks["names"]

    def prepare(self) -> None:
        """Load the gazetteer, find the model and build every check now, so
        that a bad gazetteer file (GazetteerError), a missing model
        (ModelNotFound) or a grammar server that does not answer
        (EngineUnavailable) is raised before any output is written. The
        model itself loads on the first text whose scores are not in the cache."""
        _ = self.gazetteer, self.scorer, self.checks

    @property
    def signature(self) -> dict:
        """What produced the numbers, so two reports can be compared."""
        signature = {"mtcheck": __version__, "grammar": self.settings_for("grammar").engine}
        if "checks" in self.__dict__:  # only describe a model that was asked for
            for check in self.checks.values():
                signature.update(check.signature)
        return signature

    def scan_paths(self, paths: Sequence[str], stdin: IO | None = None) -> Iterator[DocumentResult]:
        return self.scan(read_inputs(paths, self.options, stdin))

    def scan(self, items: Iterable[Document | InputError]) -> Iterator[DocumentResult]:
        for batch in batches(items, self.options):
            yield from self.scan_batch(batch)

    def scan_batch(self, batch: list[Document | InputError]) -> Iterator[DocumentResult]:
        """One batch (see ``batches``): its documents go through each check together."""
        documents = [item for item in batch if isinstance(item, Document)]
        # One output per check for each document, in document order.
        outputs = zip(*(check.check(documents) for check in self.checks.values())) if documents else iter(())
        for item in batch:
            if isinstance(item, InputError):
                yield DocumentResult.from_error(item)
                continue
            document_outputs = next(outputs)
            unavailable = next((o.unavailable for o in document_outputs if o.unavailable), None)
            if unavailable:
                # A grammar server gone mid-scan: this document could not be
                # judged (exit 3); the others still are.
                yield DocumentResult.from_error(InputError(item.path, f"not checked: {unavailable}", item.line, item.id))
            else:
                yield _document_result(item, document_outputs)


def read_inputs(paths: Sequence[str], options: ScanOptions, stdin: IO | None = None) -> Iterator[Document | InputError]:
    """The documents (and unreadable inputs) of ``paths``, in input order, read as ``options`` say."""
    from mtcheck.reading import iter_inputs

    return iter_inputs(paths, stdin=stdin, **stdin_reading(options), **record_reading(options))


def record_reading(options: ScanOptions) -> dict:
    """How ``options`` say an article is read from its file or record (the readers' keyword arguments)."""
    return dict(text_field=options.text_field, id_field=options.id_field, source_field=options.source_field,
                max_bytes=options.max_file_bytes)


def stdin_reading(options: ScanOptions) -> dict:
    return dict(stdin_format=options.stdin_format, stdin_filename=options.stdin_filename)


def batches(items: Iterable[Document | InputError], options: ScanOptions) -> Iterator[list[Document | InputError]]:
    """``items`` in groups of ``batch_documents``, in order: the groups the
    model batches across. A scan on Ray plans its batches with the same
    function (``batch_pieces``), so it checks the same groups and computes
    the same numbers."""
    from mtcheck.reading.pieces import batch_pieces

    return batch_pieces(items, options.batch_documents)


def _document_result(document: Document, outputs: Sequence[CheckOutput]) -> DocumentResult:
    from mtcheck.checks.fluency import document_score

    findings = [f for output in outputs for f in output.findings]
    scores = _with_grammar({i: s for output in outputs for i, s in output.paragraphs.items()}, findings)
    paragraphs = tuple(
        ParagraphResult(p, *scores.get(p.index, (None, None)))
        for p in document.paragraphs
    )
    findings = tuple(sorted(without_repeats(findings), key=lambda f: (f.start, f.end, f.code)))
    return DocumentResult(
        path=document.path,
        id=document.id,
        document=document,
        paragraphs=paragraphs,
        findings=findings,
        fluency=document_score(scores) if scores else None,
        verdict=verdict_for(findings),
    )


def _with_grammar(paragraph_scores: dict, findings: Iterable[Finding]) -> dict:
    """Paragraph fluency with each paragraph's grammar findings counted in."""
    from mtcheck.checks.fluency import with_grammar

    grammar = Counter(f.paragraph for f in findings if f.category == "grammar")
    return {index: (with_grammar(score, grammar[index], lm["words"]), lm)
            for index, (score, lm) in paragraph_scores.items()}


def without_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per word: a misspelled word the grammar engine names
    (MT302, with suggestions) is not also reported as garbled wording (MT101)."""
    spelled = {(f.start, f.end) for f in findings if f.code == "MT302"}
    return [f for f in findings if not (f.code == "MT101" and (f.start, f.end) in spelled)]

