"""``--format html`` / ``mtcheck report``: one self-contained page for cleanup.

A summary table of the documents and a chart of their fluency, then each
article paragraph by paragraph: shaded by fluency (red garbled, green fluent),
findings highlighted in place with their message and suggestion shown on
hover or keyboard focus, skipped boilerplate dimmed, and a chart of paragraph
fluency along the article.

Article text is untrusted. Every piece of it goes through ``html.escape``;
the page has no script at all, and its Content-Security-Policy forbids any,
so even a mistake here could not run an article's ``<script>``. Nothing is
loaded from the network: styles and charts (SVG) are inline.
"""

from __future__ import annotations

from html import escape
from typing import Iterable, Optional, Sequence

from mtcheck.version import __version__
from mtcheck.checks.fluency import GARBLED_BELOW
from mtcheck.findings import Finding
from mtcheck.render.corpus import corpus_view, spread_text, worth_showing
from mtcheck.render.labels import document_label
from mtcheck.render.positions import LineIndex
from mtcheck.render.summary import summarize
from mtcheck.results import DocumentResult, ParagraphResult

CHART_WIDTH, CHART_HEIGHT = 640, 120

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; }
.verdict-fail { color: #b00020; font-weight: bold; } .verdict-warn { color: #a15c00; font-weight: bold; }
.verdict-pass { color: #1b6e20; font-weight: bold; }
.document { border-top: 2px solid #ddd; margin-top: 2rem; padding-top: 1rem; }
.paragraph { padding: .4rem .6rem; margin: .3rem 0; border-radius: 4px; }
.paragraph .score { float: right; font-size: 12px; color: #555; margin-left: 1rem; }
.skipped { opacity: .45; font-style: italic; background: #f3f3f3; }
mark.finding { position: relative; border-bottom: 2px solid; background: transparent; cursor: help; }
mark.severity-error { border-color: #b00020; background: #ffd6dc; }
mark.severity-warning { border-color: #c77800; background: #ffe9c7; }
mark.severity-info { border-color: #3567b0; background: #dde8fb; }
mark.finding .tip { display: none; position: absolute; left: 0; top: 1.6em; z-index: 2; width: 26rem;
  background: #fff; border: 1px solid #888; padding: .4rem; font-size: 13px; box-shadow: 0 2px 6px #0003; }
mark.finding:hover .tip, mark.finding:focus .tip, mark.finding:focus-within .tip { display: block; }
.notes { font-size: 13px; margin: 0 0 .6rem 1rem; color: #444; }
.gate { color: #b00020; }
svg text { font-size: 10px; fill: #555; }
"""


def render_html(results: Iterable[DocumentResult], signature: Optional[dict] = None,
                garbled_below: float = GARBLED_BELOW) -> str:
    """The page; ``garbled_below``: the configured line under which a paragraph is garbled."""
    results = list(results)
    summary = summarize(results)
    body = [
        "<h1>mtcheck report</h1>",
        f"<p>{summary['documents']} documents, mean fluency {_number(summary['mean_fluency'])}; "
        f"findings: {summary['findings']['error']} errors, {summary['findings']['warning']} warnings, "
        f"{summary['findings']['info']} info. mtcheck {escape(__version__)}.</p>",
        summary_table(results),
        distribution_chart([r.fluency for r in results if r.ok and r.fluency is not None]),
        corpus_section(results) if worth_showing(results) else "",
        *(document_section(number, result, garbled_below) for number, result in enumerate(results)),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<title>mtcheck report</title>"
        f"<style>{STYLE}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


# -- the summary ---------------------------------------------------------------

def summary_table(results: Sequence[DocumentResult]) -> str:
    rows = []
    for number, result in enumerate(results):
        counts = {s: sum(f.severity == s for f in result.findings) for s in ("error", "warning", "info")}
        verdict = result.verdict if result.ok else "unreadable"
        rows.append(
            f"<tr><td><a href=\"#doc-{number}\">{escape(document_label(result))}</a></td>"
            f"<td class=\"verdict-{escape(result.verdict)}\">{escape(verdict)}</td>"
            f"<td>{_number(result.fluency)}</td><td>{counts['error']}</td><td>{counts['warning']}</td>"
            f"<td>{counts['info']}</td></tr>")
    return ("<table id=\"summary\"><thead><tr><th>document</th><th>verdict</th><th>fluency</th><th>errors</th>"
            "<th>warnings</th><th>info</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def distribution_chart(scores: Sequence[float]) -> str:
    """A histogram of document fluency, in ten bands of 10 points."""
    bins = [0] * 10
    for score in scores:
        bins[min(int(score // 10), 9)] += 1
    tallest = max(bins) or 1
    width = CHART_WIDTH / 10
    bars = []
    for band, count in enumerate(bins):
        height = (CHART_HEIGHT - 20) * count / tallest
        bars.append(
            f"<rect x=\"{band * width + 2:.1f}\" y=\"{CHART_HEIGHT - 15 - height:.1f}\" width=\"{width - 4:.1f}\" "
            f"height=\"{height:.1f}\" fill=\"{_colour(band * 10 + 5, 45)}\"><title>fluency {band * 10}-{band * 10 + 10}: "
            f"{count} documents</title></rect>"
            f"<text x=\"{band * width + width / 2:.1f}\" y=\"{CHART_HEIGHT - 3}\" text-anchor=\"middle\">{band * 10}</text>")
    return (f"<svg id=\"distribution\" class=\"chart\" role=\"img\" width=\"{CHART_WIDTH}\" height=\"{CHART_HEIGHT}\" "
            f"aria-label=\"document fluency distribution\"><title>Document fluency across the scan</title>"
            + "".join(bars) + "</svg>")


def corpus_section(results: Sequence[DocumentResult]) -> str:
    """Names corrupted across articles, fluency per source (a table and a box chart), the worst documents."""
    view = corpus_view(results)
    anchors = {document_label(result): f"#doc-{number}" for number, result in enumerate(results)}

    def link(label: str) -> str:
        return f"<a href=\"{anchors[label]}\">{escape(label)}</a>"

    parts = ["<section id=\"corpus\"><h2>Across the documents</h2>"]
    if view["names"]:
        rows = "".join(f"<tr><td>{escape(n['name'])}</td><td>{escape(n['suggestion'])}</td><td>{n['documents']}</td>"
                       f"<td>{n['mentions']}</td><td>{', '.join(link(label) for label in n['in'])}</td></tr>"
                       for n in view["names"])
        parts.append("<table id=\"corpus-names\"><thead><tr><th>corrupted name</th><th>suggestion</th>"
                     f"<th>documents</th><th>mentions</th><th>in</th></tr></thead><tbody>{rows}</tbody></table>")
    rows = "".join(f"<tr><td>{escape(s['source'])}</td><td>{s['documents']}</td><td>{escape(spread_text(s))}</td></tr>"
                   for s in view["sources"])
    parts.append("<table id=\"corpus-sources\"><thead><tr><th>source</th><th>documents</th><th>document fluency"
                 f"</th></tr></thead><tbody>{rows}</tbody></table>")
    parts.append(source_chart(view["sources"]))
    if view["worst"]:
        items = "".join(f"<li>{link(w['document'])}: fluency {w['fluency']:.1f}, {escape(w['verdict'])}</li>"
                        for w in view["worst"])
        parts.append(f"<p>Lowest fluency:</p><ol id=\"corpus-worst\">{items}</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def source_chart(sources: Sequence[dict]) -> str:
    """Per source, a box of its documents' fluency: whiskers min to max, the box quartile to quartile."""
    scored = [s for s in sources if s["scored"]]
    if not scored:
        return ""
    row, left = 22, 160
    scale = (CHART_WIDTH - left - 10) / 100
    height = row * len(scored) + 20
    shapes = []
    for i, s in enumerate(scored):
        y = 10 + i * row + row / 2
        x = {key: left + s[key] * scale for key in ("min", "q1", "median", "q3", "max")}
        shapes.append(
            f"<g class=\"box\"><title>{escape(s['source'])}: {escape(spread_text(s))}</title>"
            f"<text x=\"{left - 6}\" y=\"{y + 3:.1f}\" text-anchor=\"end\">{escape(_clip(s['source'], 28))}</text>"
            f"<line x1=\"{x['min']:.1f}\" x2=\"{x['max']:.1f}\" y1=\"{y:.1f}\" y2=\"{y:.1f}\" stroke=\"#555\"/>"
            f"<rect x=\"{x['q1']:.1f}\" y=\"{y - 7:.1f}\" width=\"{max(x['q3'] - x['q1'], 1):.1f}\" height=\"14\" "
            f"fill=\"{_colour(s['median'], 45)}\" stroke=\"#555\"/>"
            f"<line x1=\"{x['median']:.1f}\" x2=\"{x['median']:.1f}\" y1=\"{y - 7:.1f}\" y2=\"{y + 7:.1f}\" "
            f"stroke=\"#222\" stroke-width=\"2\"/></g>")
    ticks = "".join(f"<text x=\"{left + v * scale:.1f}\" y=\"{height - 3}\" text-anchor=\"middle\">{v}</text>"
                    for v in range(0, 101, 20))
    return (f"<svg id=\"source-chart\" class=\"chart\" role=\"img\" width=\"{CHART_WIDTH}\" height=\"{height}\" "
            "aria-label=\"document fluency per source\"><title>Document fluency per source</title>"
            + "".join(shapes) + ticks + "</svg>")


# -- one document --------------------------------------------------------------

def document_section(number: int, result: DocumentResult, garbled_below: float = GARBLED_BELOW) -> str:
    label = escape(document_label(result))
    if not result.ok:
        return (f"<section class=\"document\" id=\"doc-{number}\"><h2>{label}</h2>"
                f"<p class=\"gate\">unreadable: {escape(result.error.message)}</p></section>")
    index = LineIndex(result.document.text)
    parts = [f"<section class=\"document\" id=\"doc-{number}\"><h2>{label}</h2>",
             f"<p>verdict <span class=\"verdict-{escape(result.verdict)}\">{escape(result.verdict)}</span>, "
             f"fluency {_number(result.fluency)}</p>"]
    parts += [f"<p class=\"gate\">gate failed: {escape(reason)}</p>" for reason in result.gate_failures]
    parts.append(paragraph_chart(number, result.paragraphs, garbled_below))
    parts += [paragraph_html(result, p, index) for p in result.paragraphs]
    parts.append("</section>")
    return "\n".join(parts)


def paragraph_chart(number: int, paragraphs: Sequence[ParagraphResult], garbled_below: float = GARBLED_BELOW) -> str:
    """Bars of paragraph fluency in article order, with the garbled line."""
    scored = [p for p in paragraphs if p.fluency is not None]
    if not scored:
        return ""
    width = CHART_WIDTH / max(len(scored), 1)
    scale = (CHART_HEIGHT - 10) / 100
    bars = [
        f"<rect class=\"bar\" x=\"{i * width + 1:.1f}\" y=\"{CHART_HEIGHT - p.fluency * scale:.1f}\" "
        f"width=\"{max(width - 2, 1):.1f}\" height=\"{p.fluency * scale:.1f}\" fill=\"{_colour(p.fluency, 45)}\">"
        f"<title>paragraph {p.paragraph.index + 1}: fluency {p.fluency:.0f}</title></rect>"
        for i, p in enumerate(scored)
    ]
    line_y = CHART_HEIGHT - garbled_below * scale
    return (f"<svg class=\"chart paragraph-chart\" id=\"chart-{number}\" role=\"img\" width=\"{CHART_WIDTH}\" "
            f"height=\"{CHART_HEIGHT}\" aria-label=\"paragraph fluency along the article\">"
            "<title>Paragraph fluency along the article</title>" + "".join(bars)
            + f"<line x1=\"0\" x2=\"{CHART_WIDTH}\" y1=\"{line_y:.1f}\" y2=\"{line_y:.1f}\" stroke=\"#b00020\" "
              f"stroke-dasharray=\"4 3\"/><text x=\"2\" y=\"{line_y - 2:.1f}\">garbled below {garbled_below:g}</text>"
              "</svg>")


def paragraph_html(result: DocumentResult, paragraph: ParagraphResult, index: LineIndex) -> str:
    p = paragraph.paragraph
    text = result.document.paragraph_text(p)
    if p.skipped is not None:
        return (f"<div class=\"paragraph skipped\" data-index=\"{p.index}\" title=\"skipped: {escape(p.skipped)}\">"
                f"<span class=\"score\">{escape(p.skipped)}</span>{escape(text)}</div>")
    inside = [f for f in result.findings if p.start <= f.start and f.end <= p.end]
    marked, notes = split_marked(inside, p.start, p.end)
    style = f" style=\"background:{_colour(paragraph.fluency, 92)}\"" if paragraph.fluency is not None else ""
    html = [f"<div class=\"paragraph\" data-index=\"{p.index}\" data-fluency=\"{_number(paragraph.fluency)}\"{style}>",
            f"<span class=\"score\">fluency {_number(paragraph.fluency)}</span>",
            highlighted(result.document.text, p.start, p.end, marked, index), "</div>"]
    if notes:
        items = "".join(f"<li>{_finding_summary(f, index)}: &ldquo;{escape(_clip(f.text))}&rdquo;</li>" for f in notes)
        html.append(f"<ul class=\"notes\">{items}</ul>")
    return "".join(html)


def split_marked(findings: Sequence[Finding], start: int, end: int) -> tuple[list[Finding], list[Finding]]:
    """Findings to highlight in place (shortest first, never overlapping) and
    the rest (sentences, whole paragraphs, overlaps), listed under the paragraph."""
    marked: list[Finding] = []
    notes: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.end - f.start, f.start)):
        whole = finding.start == start and finding.end == end
        if whole or any(finding.start < m.end and m.start < finding.end for m in marked):
            notes.append(finding)
        else:
            marked.append(finding)
    return sorted(marked, key=lambda f: f.start), sorted(notes, key=lambda f: f.start)


def highlighted(text: str, start: int, end: int, marked: Sequence[Finding], index: LineIndex) -> str:
    pieces, position = [], start
    for finding in marked:
        pieces.append(escape(text[position:finding.start]))
        tip = _finding_summary(finding, index)
        pieces.append(
            f"<mark class=\"finding severity-{escape(finding.severity)}\" tabindex=\"0\" "
            f"data-code=\"{escape(finding.code)}\" aria-label=\"{escape(finding.code)} {escape(finding.message)}\">"
            f"{escape(text[finding.start:finding.end])}<span class=\"tip\" role=\"tooltip\">{tip}</span></mark>")
        position = finding.end
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def _finding_summary(finding: Finding, index: LineIndex) -> str:
    line, column = index.position(finding.start)
    suggestion = (f" <b>Suggestion:</b> {escape(finding.suggestions[0])}" if finding.suggestions else "")
    return (f"<b>{escape(finding.code)}</b> {escape(finding.severity)} at {line}:{column} &mdash; "
            f"{escape(finding.message)}{suggestion}")


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _colour(fluency: Optional[float], lightness: int) -> str:
    """Red (0) through amber to green (100)."""
    hue = max(0.0, min(100.0, fluency or 0.0)) * 1.2
    return f"hsl({hue:.0f}, 70%, {lightness}%)"


def _number(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.1f}"
