"""``--format text``: the report a person reads in a terminal.

    seeds/003.txt: warn, fluency 79.9, 25 paragraphs (1 skipped), 1 finding
      paragraph fluency: 1:85 2:80 3-4:(boilerplate) 5:77 ...
    seeds/003.txt:5:12: warning MT101 garbled phrase [suggestion: X]
    feed.jsonl:2: error: malformed JSON: ...
    6 documents (1 unreadable): 4 pass, 1 warn, 0 fail; ...

Styles are always added (click.style); click.echo strips them when the output
is not a terminal, so files and pipes get plain text. Text that comes from
the documents is made printable first: an article must not be able to send
escape sequences to the reader's terminal.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from typing import Iterable, Iterator, Optional, Sequence

import click

from mtcheck.findings import Finding
from mtcheck.render.corpus import corpus_view, spread_text, worth_showing
from mtcheck.render.labels import document_label, plural
from mtcheck.render.positions import LineIndex
from mtcheck.render.summary import SEVERITIES, VERDICTS, summarize
from mtcheck.results import DocumentResult, ParagraphResult

VERDICT_COLOURS = {"pass": "green", "warn": "yellow", "fail": "red"}
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
PARAGRAPH_LINE_WIDTH = 100
QUOTE_WIDTH = 96
# C0 and C1 control characters and DEL (newlines included: one item, one line).
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")


def render_text(results: Iterable[DocumentResult], signature: Optional[dict] = None, quiet: bool = False) -> str:
    """The whole report; ``signature`` is accepted for a uniform renderer
    interface. ``quiet``: only what asks for action (unreadable inputs, gate
    failures, findings), without each document's overview and the summary."""
    results = list(results)
    lines = [line for result in results for line in document_lines(result, quiet)]
    if not quiet:
        lines += overview_lines(results)
    return "\n".join(lines)


def overview_lines(results: Sequence[DocumentResult]) -> list[str]:
    """What the run found across its documents: the corpus view (from two
    readable documents) and the summary line."""
    lines = corpus_lines(corpus_view(results)) if worth_showing(results) else []
    return lines + [summary_line(summarize(results))]


def corpus_lines(view: dict, names: int = 10) -> list[str]:
    """The corpus view: names corrupted across articles, fluency per source, the worst documents."""
    lines = ["across the documents:"]
    if view["names"]:
        lines.append("  corrupted names, most widespread first:")
        lines += [f"    '{printable(n['name'])}' -> '{printable(n['suggestion'])}': {plural(n['documents'], 'document')}, "
                  f"{plural(n['mentions'], 'mention')} ({printable(', '.join(n['in'][:3]))}"
                  f"{', ...' if len(n['in']) > 3 else ''})" for n in view["names"][:names]]
        hidden = len(view["names"]) - names + view["more_names"]
        if hidden > 0:
            lines.append(f"    and {plural(hidden, 'other name')} (see the JSON report)")
    lines.append("  document fluency by source:")
    lines += [f"    {printable(s['source'])}: {plural(s['documents'], 'document')}, {spread_text(s)}"
              for s in view["sources"]]
    if view["worst"]:
        lines.append("  lowest fluency:")
        lines += [f"    {w['fluency']:5.1f} {printable(w['document'])} ({w['verdict']})" for w in view["worst"]]
    return lines


def printable(text: str) -> str:
    return CONTROL_CHARACTERS.sub(lambda match: repr(match.group())[1:-1], text)


def document_lines(result: DocumentResult, quiet: bool = False) -> list[str]:
    label = printable(document_label(result))
    if not result.ok:
        error = click.style("error", fg="red", bold=True)
        return [f"{label}: {error}: {printable(result.error.message)}"]
    overview = [] if quiet else [header_line(label, result), paragraph_fluency_line(result.paragraphs)]
    gate = [f"{label}: {click.style('gate failed', fg='red', bold=True)}: {reason}" for reason in result.gate_failures]
    return [*overview, *gate, *finding_lines(label, result)]


def header_line(label: str, result: DocumentResult) -> str:
    verdict = click.style(result.verdict, fg=VERDICT_COLOURS[result.verdict], bold=True)
    fluency = "n/a" if result.fluency is None else f"{result.fluency:.1f}"
    skipped = sum(p.paragraph.skipped is not None for p in result.paragraphs)
    counts = f"{plural(len(result.paragraphs), 'paragraph')} ({skipped} skipped), {plural(len(result.findings), 'finding')}"
    return f"{click.style(label, bold=True)}: {verdict}, fluency {fluency}, {counts}"


def paragraph_fluency_line(paragraphs: Sequence[ParagraphResult]) -> str:
    """Each paragraph as ``number:score``, 1-based like lines and columns.

    Skipped paragraphs show their reason; a run of them with one reason is one
    item (``44-75:(boilerplate)``): scraped pages end in long blocks of it.
    """
    if not paragraphs:
        return "  no paragraphs"
    return textwrap.fill(
        " ".join(paragraph_items(paragraphs)),
        width=PARAGRAPH_LINE_WIDTH,
        initial_indent="  paragraph fluency: ",
        subsequent_indent="    ",
        break_on_hyphens=False,
    )


def paragraph_items(paragraphs: Sequence[ParagraphResult]) -> Iterator[str]:
    for reason, group in itertools.groupby(paragraphs, key=lambda p: p.paragraph.skipped):
        group = list(group)
        if reason is None:
            yield from (f"{p.paragraph.index + 1}:{score_text(p.fluency)}" for p in group)
        else:
            first, last = group[0].paragraph.index + 1, group[-1].paragraph.index + 1
            numbers = str(first) if first == last else f"{first}-{last}"
            yield f"{numbers}:({reason})"


def score_text(fluency: Optional[float]) -> str:
    return "n/a" if fluency is None else f"{fluency:.0f}"


def finding_lines(label: str, result: DocumentResult) -> list[str]:
    if not result.findings:
        return []
    index = LineIndex(result.document.text)
    return [finding_line(label, index, finding) for finding in result.findings]


def finding_line(label: str, index: LineIndex, finding: Finding) -> str:
    line, column = index.position(finding.start)
    severity = click.style(finding.severity, fg=SEVERITY_COLOURS[finding.severity])
    text = f"{label}:{line}:{column}: {severity} {finding.code} {printable(finding.message)}"
    if finding.suggestions:
        name = "suggestion" if len(finding.suggestions) == 1 else "suggestions"
        text += f" [{name}: {printable(', '.join(finding.suggestions))}]"
    return text + "\n    " + click.style(quoted_span(finding.text), fg="magenta")


def quoted_span(text: str) -> str:
    """The flagged text, on one line and at most QUOTE_WIDTH characters."""
    flat = " ".join(text.split())
    if len(flat) > QUOTE_WIDTH:
        flat = flat[: QUOTE_WIDTH - 1] + "…"
    return f"> {printable(flat)}"


def summary_line(summary: dict) -> str:
    documents = plural(summary["documents"], "document")
    if summary["errors"]:
        documents += f" ({summary['errors']} unreadable)"
    verdicts = ", ".join(f"{summary['verdicts'][v]} {v}" for v in VERDICTS)
    total = sum(summary["findings"].values())
    by_severity = ", ".join(plural(summary["findings"][s], s) for s in SEVERITIES if s != "info")
    by_severity += f", {summary['findings']['info']} info"
    mean = summary["mean_fluency"]
    fluency = "n/a" if mean is None else f"{mean:.1f}"
    return f"{documents}: {verdicts}; {plural(total, 'finding')} ({by_severity}); mean fluency {fluency}"
