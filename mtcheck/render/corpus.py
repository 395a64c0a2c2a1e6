"""What a whole run found across its documents, for the reports' corpus view.

An archive or a feed repeats its damage: one machine-translated name is
corrupted the same way in many articles, one source sends worse text than
the others. Three views, shared by every report format that shows them:

- ``names``: each corrupted name with its suggestion, the articles it is in
  and how often, most widespread first;
- ``sources``: document fluency per source (a record's source field, else
  the JSONL or Parquet file it came in, else a file's directory), spread as
  quartiles;
- ``worst``: the documents with the lowest fluency.
"""

from __future__ import annotations

import os
import statistics
from collections import defaultdict
from typing import Optional, Sequence

from mtcheck.reading.files import RECORD_FORMATS
from mtcheck.render.labels import document_label
from mtcheck.results import DocumentResult

WORST_DOCUMENTS = 5
# Names in the view at most; the rest are counted.
MAX_NAMES = 50


def worth_showing(results: Sequence[DocumentResult]) -> bool:
    """A corpus view says something about two readable documents or more."""
    return sum(result.ok for result in results) >= 2


def spread_text(source: dict) -> str:
    """"min 62.1, quartiles 70.4 / 79.8 / 85.0, max 87.0" for a ``sources`` row."""
    if not source["scored"]:
        return "no fluency score"
    return (f"min {source['min']:.1f}, quartiles {source['q1']:.1f} / {source['median']:.1f} / "
            f"{source['q3']:.1f}, max {source['max']:.1f}")


def corpus_view(results: Sequence[DocumentResult]) -> dict:
    readable = [result for result in results if result.ok]
    names = repeated_names(readable)
    return {
        "names": names[:MAX_NAMES],
        "more_names": max(0, len(names) - MAX_NAMES),
        "sources": fluency_by_source(readable),
        "worst": worst_documents(readable),
    }


def repeated_names(results: Sequence[DocumentResult]) -> list[dict]:
    """Each (written, suggested) corrupted name: in how many documents, how
    many mentions, and which documents (in input order)."""
    documents: dict[tuple[str, str], list[str]] = defaultdict(list)
    mentions: dict[tuple[str, str], int] = defaultdict(int)
    for result in results:
        for finding in result.findings:
            if finding.code != "MT201" or not finding.suggestions:
                continue
            key = (finding.text, finding.suggestions[0])
            mentions[key] += 1
            label = document_label(result)
            if label not in documents[key]:
                documents[key].append(label)
    ranked = sorted(documents, key=lambda key: (-len(documents[key]), -mentions[key], key))
    return [{"name": written, "suggestion": suggestion, "documents": len(documents[(written, suggestion)]),
             "mentions": mentions[(written, suggestion)], "in": documents[(written, suggestion)]}
            for written, suggestion in ranked]


def fluency_by_source(results: Sequence[DocumentResult]) -> list[dict]:
    """Per source, in order of first appearance: documents, how many have a
    fluency score, and the scores' minimum, quartiles and maximum."""
    by_source: dict[str, list[DocumentResult]] = defaultdict(list)
    for result in results:
        by_source[document_source(result)].append(result)
    return [{"source": source, "documents": len(members), **spread([r.fluency for r in members])}
            for source, members in by_source.items()]


def spread(scores: Sequence[Optional[float]]) -> dict:
    scored = sorted(score for score in scores if score is not None)
    if not scored:
        return {"scored": 0, "min": None, "q1": None, "median": None, "q3": None, "max": None}
    q1, median, q3 = statistics.quantiles(scored, n=4, method="inclusive") if len(scored) > 1 else scored * 3
    return {"scored": len(scored), "min": scored[0], "q1": round(q1, 1), "median": round(median, 1),
            "q3": round(q3, 1), "max": scored[-1]}


def worst_documents(results: Sequence[DocumentResult], count: int = WORST_DOCUMENTS) -> list[dict]:
    """The ``count`` documents of lowest fluency, lowest first (input order breaks ties)."""
    scored = [(result.fluency, i, result) for i, result in enumerate(results) if result.fluency is not None]
    return [{"document": document_label(result), "fluency": fluency, "verdict": result.verdict,
             "findings": len(result.findings)}
            for fluency, _, result in sorted(scored)[:count]]


def document_source(result: DocumentResult) -> str:
    """Where a document came from: its record's source field (see --source-field),
    else the JSONL or Parquet file it is a record of, else its file's directory."""
    if result.document is not None and result.document.source is not None:
        return result.document.source
    if result.document is not None and result.document.format in RECORD_FORMATS:
        return result.path
    return os.path.dirname(result.path) or "."
