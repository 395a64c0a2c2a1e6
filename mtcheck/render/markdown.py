"""``--format markdown``: a scan summary for a pull request comment or $GITHUB_STEP_SUMMARY.

A heading and the summary line, a table of documents, then the findings of
every document that warns or fails, and the unreadable inputs.

Paths, messages and suggestions come from the articles and are untrusted:
``md_text`` puts them on one line and backslash-escapes Markdown's
punctuation, so none of them can open HTML, a link, an autolink
(``\\:`` and ``\\.`` break ``https://`` and ``www.``), emphasis, code, or a
new table cell.
"""

from __future__ import annotations

import re
from typing import Iterable

from mtcheck.findings import Finding
from mtcheck.render.corpus import corpus_view, spread_text, worth_showing
from mtcheck.render.labels import document_label
from mtcheck.render.positions import LineIndex
from mtcheck.render.summary import summarize
from mtcheck.render.text_report import summary_line
from mtcheck.results import DocumentResult

HEADING = "## mtcheck scan"
TABLE_HEADER = ("| document | verdict | fluency | errors | warnings | info |", "| --- | --- | ---: | ---: | ---: | ---: |")
# CommonMark lets any ASCII punctuation be backslash-escaped; these can open
# markup anywhere in a line (HTML, links, emphasis, code, table cells, math, entities).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|~&$!])")
# GFM autolinks "scheme://" and "www." as the parser meets them: an escaped
# ":" or "." cannot trigger them.
AUTOLINK_TRIGGERS = re.compile(r"(?i)(:(?=/)|(?<=www)\.)")
# Email autolinks, @mentions and #references are found in the rendered text,
# where escapes are gone: a word joiner (invisible) after "@" or "#" breaks them.
REFERENCE_SIGILS = re.compile("([@#])")
WORD_JOINER = "\u2060"
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def render_markdown(results: Iterable[DocumentResult], signature: dict) -> str:
    results = list(results)
    sections = [f"{HEADING}\n\n{md_text(summary_line(summarize(results)))}", documents_table(results)]
    if worth_showing(results):
        sections.append(corpus_section(corpus_view(results)))
    sections += [findings_section(result) for result in results if result.ok and result.verdict != "pass"]
    unreadable = [result for result in results if not result.ok]
    if unreadable:
        sections.append(unreadable_section(unreadable))
    sections.append(signature_line(signature))
    return "\n\n".join(sections) + "\n"


def md_text(text: str) -> str:
    """Untrusted text as inert Markdown on one line."""
    flat = " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
    escaped = AUTOLINK_TRIGGERS.sub(r"\\\1", MARKDOWN_SPECIAL.sub(r"\\\1", flat))
    return REFERENCE_SIGILS.sub(r"\1" + WORD_JOINER, escaped)


def documents_table(results: list[DocumentResult]) -> str:
    return "\n".join([*TABLE_HEADER, *(table_row(result) for result in results)])


def table_row(result: DocumentResult) -> str:
    label = md_text(document_label(result))
    if not result.ok:
        return f"| {label} | unreadable | n/a | - | - | - |"
    fluency = "n/a" if result.fluency is None else f"{result.fluency:.1f}"
    counts = " | ".join(str(sum(f.severity == s for f in result.findings)) for s in ("error", "warning", "info"))
    return f"| {label} | {result.verdict} | {fluency} | {counts} |"


def corpus_section(view: dict, names: int = 10) -> str:
    """The corpus view: names corrupted across articles, fluency per source, the worst documents."""
    parts = ["### Across the documents"]
    if view["names"]:
        rows = [f"| {md_text(n['name'])} | {md_text(n['suggestion'])} | {n['documents']} | {n['mentions']} | "
                f"{md_text(', '.join(n['in'][:3]) + (', ...' if len(n['in']) > 3 else ''))} |"
                for n in view["names"][:names]]
        parts.append("\n".join(["| corrupted name | suggestion | documents | mentions | in |",
                                 "| --- | --- | ---: | ---: | --- |", *rows]))
    parts.append("\n".join(["| source | documents | document fluency |", "| --- | ---: | --- |",
                             *(f"| {md_text(s['source'])} | {s['documents']} | {spread_text(s)} |"
                               for s in view["sources"])]))
    if view["worst"]:
        parts.append("Lowest fluency: " + "; ".join(f"{md_text(w['document'])} {w['fluency']:.1f} ({w['verdict']})"
                                                    for w in view["worst"]))
    return "\n\n".join(parts)


def findings_section(result: DocumentResult) -> str:
    index = LineIndex(result.document.text)
    items = [f"- gate failed: {md_text(reason)}" for reason in result.gate_failures]
    items += [finding_item(index, finding) for finding in result.findings]
    return f"### {md_text(document_label(result))} ({result.verdict})\n\n" + "\n".join(items)


def finding_item(index: LineIndex, finding: Finding) -> str:
    line, column = index.position(finding.start)
    item = f"- {line}:{column} **{md_text(finding.code)}** {finding.severity}: {md_text(finding.message)}"
    if finding.suggestions:
        item += f" (suggestion: {md_text(', '.join(finding.suggestions))})"
    return item


def unreadable_section(results: list[DocumentResult]) -> str:
    items = [f"- {md_text(result.error.describe())}" for result in results]
    return "### Unreadable inputs\n\n" + "\n".join(items)


def signature_line(signature: dict) -> str:
    pairs = ", ".join(f"{key} {value}" for key, value in signature.items())
    return f"Signature: {md_text(pairs)}"
