"""Extract the main text of an HTML page as paragraphs, through trafilatura.

``Document.text`` for an HTML file is the extracted text, not the markup:
paragraphs joined by a blank line ("\\n\\n"), inline whitespace collapsed,
entities unescaped, soft hyphens removed. Offsets are into that text.

Finding the article in a page (dropping navigation, teasers, share bars,
captions, comment sections) is trafilatura's job: it is the best-measured
open extractor on news pages. This module turns the XML tree it returns into
paragraph spans with kinds:

* ``<head>`` is a heading, ``<item>`` a list item, ``<p>`` and loose text
  prose; ``<lb/>`` (a ``<br>`` in the page) ends a paragraph.
* A table row (``<row>``) is one paragraph, its cells joined by spaces, of
  kind "table"; ``<code>`` is kind "code". Neither is scored.
* Elements marked ``hidden`` or ``aria-hidden="true"`` are dropped.

``<!-- mtcheck-disable [codes] -->`` / ``<!-- mtcheck-enable -->`` comments
are read from the page itself (trafilatura drops comments): a paragraph whose
text lies inside a disabled region is switched off.

Malformed HTML never raises: lxml's HTML parser recovers, and markup that
yields no tree is an empty document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from mtcheck.reading.paragraphs import Span

PARAGRAPH_SEPARATOR = "\n\n"
# Kind of the paragraph each of trafilatura's block elements makes.
BLOCK_KINDS = {"p": "prose", "head": "heading", "item": "list-item", "row": "table", "code": "code", "quote": "prose"}
CELL = "cell"
LINE_BREAK = "lb"
# The inside of <!-- mtcheck-disable MT201 MT103 --> / <!-- mtcheck-enable -->.
INLINE_SWITCH_RE = re.compile(r"mtcheck-(disable|enable)((?:\s+MT\d{3})*)")
# Characters a browser does not show: the soft hyphen (left "tional" behind
# when kept) and zero-width spaces and joiners.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))

Region = tuple[int, int, frozenset[str]]


def extract_html(markup: str) -> tuple[str, list[Span], list[Region]]:
    """The main text of an HTML page, its paragraph spans, and the spans that
    ``<!-- mtcheck-disable [codes] -->`` comments switch off (with the codes)."""
    tree = parse_tree(markup)
    if tree is None:
        return "", [], []
    switched_off = disabled_texts(tree)
    pieces, spans, disabled, position = [], [], [], 0
    for text, kind in main_blocks(tree):
        if pieces:
            position += len(PARAGRAPH_SEPARATOR)
        spans.append(Span(position, position + len(text), kind))
        codes = next((codes for region, codes in switched_off if text in region), None)
        if codes is not None:
            disabled.append((position, position + len(text), codes))
        pieces.append(text)
        position += len(text)
    return PARAGRAPH_SEPARATOR.join(pieces), spans, disabled


def parse_tree(markup: str):
    """The page as an lxml tree with <html> and <body>, or None when empty.

    Parsed here rather than by trafilatura, which rejects fragments and
    pages whose tree is small ("<p>One paragraph.</p>").
    """
    from lxml import etree, html

    if not markup.strip():
        return None
    try:
        return html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


@lru_cache(maxsize=1)
def _extraction_config():
    from trafilatura.settings import use_config

    config = use_config()
    # Keep short articles (a 60-word brief is still news), and never use the
    # SIGALRM timeout: it only works in a process's main thread.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def main_blocks(tree) -> list[tuple[str, str]]:
    """(text, kind) of each paragraph of the article trafilatura finds."""
    import trafilatura

    # trafilatura prunes the tree it is given; keep ours for the comments.
    extracted = trafilatura.bare_extraction(
        copy_tree(tree), include_comments=False, include_tables=True, with_metadata=False,
        config=_extraction_config(),
    )
    if extracted is None or extracted.body is None:
        return []
    return list(blocks_of(extracted.body))


def copy_tree(tree):
    from copy import deepcopy

    return deepcopy(tree)


def blocks_of(body) -> Iterator[tuple[str, str]]:
    """Walk trafilatura's XML body in document order, cutting paragraphs at
    block elements and line breaks."""
    from lxml import etree

    parts: list[str] = []
    kinds: list[str] = ["prose"]
    hidden_depth = 0

    def flush() -> Iterator[tuple[str, str]]:
        text = collapse_whitespace("".join(parts))
        parts.clear()
        if text:
            yield text, kinds[-1]

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if hidden_depth or is_hidden(element):
                hidden_depth += 1
                continue
            if tag in BLOCK_KINDS or tag == LINE_BREAK:
                yield from flush()
            if tag in BLOCK_KINDS:
                # A <p> in a table cell is prose (old sites lay whole articles
                # out in tables); anything inside a code listing is code.
                kinds.append("code" if kinds[-1] == "code" else BLOCK_KINDS[tag])
            elif tag == CELL:
                parts.append(" ")
            parts.append(element.text or "")
        else:
            if hidden_depth:
                hidden_depth -= 1
                if hidden_depth:
                    continue
            elif tag in BLOCK_KINDS:
                yield from flush()
                kinds.pop()
            if element is not body:
                parts.append(element.tail or "")
    yield from flush()


def is_hidden(element) -> bool:
    return element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true"


def collapse_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(INVISIBLE)).strip()


def disabled_texts(tree) -> list[tuple[str, frozenset[str]]]:
    """The text of each region between mtcheck-disable and mtcheck-enable
    comments (collapsed like paragraphs are), with the codes it switches off."""
    regions: list[tuple[str, frozenset[str]]] = []
    parts: list[str] = []
    codes: frozenset[str] | None = None
    for kind, value in page_events(tree):
        if kind == "text":
            if codes is not None:
                parts.append(value)
            continue
        match = INLINE_SWITCH_RE.fullmatch(value.strip())
        if not match:
            continue
        if codes is not None:
            regions.append((collapse_whitespace(" ".join(parts)), codes))
        parts = []
        codes = frozenset(match.group(2).split()) if match.group(1) == "disable" else None
    if codes is not None:
        regions.append((collapse_whitespace(" ".join(parts)), codes))
    return regions


def page_events(tree) -> Iterator[tuple[str, str]]:
    """("comment", data) and ("text", data) in document order (iteratively:
    a hostile page may nest elements deeper than Python recursion allows)."""
    from lxml import etree

    for event, element in etree.iterwalk(tree, events=("start", "end", "comment")):
        if event == "comment":
            yield "comment", element.text or ""
        elif event == "start" and element.tag not in ("script", "style"):
            yield "text", element.text or ""
        if event != "start" and element is not tree:
            yield "text", element.tail or ""
