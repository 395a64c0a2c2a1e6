"""Extract the main text of an HTML page as paragraphs.

``Document.text`` for an HTML file is the extracted text, not the markup:
paragraphs joined by a blank line ("\\n\\n"), inline whitespace collapsed,
entities unescaped. The rules:

* Elements that never hold article prose are dropped with their content:
  ``DROPPED_ELEMENTS`` (scripts, styles, page chrome such as nav, header,
  footer, aside, forms) and elements marked ``hidden`` or
  ``aria-hidden="true"``.
* If the page has an ``<article>``, only the article with the most text is
  kept (pages often wrap related-story cards in small articles too); else the
  ``<main>`` with the most text; else the whole body.
* Block elements (``BLOCK_ELEMENTS``) and ``<br>`` end a paragraph.
* Each table row is a paragraph, its cells joined by spaces. Rows are not
  marked non-prose: old sites lay whole articles out in tables, and numeric
  rows are caught by the boilerplate rules anyway. Only ``<pre><code>``
  (a code listing) becomes kind "code", which is not scored.

Malformed HTML never raises: ``html.parser`` is lenient, unmatched end tags
are ignored, unclosed elements end with the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from mtcheck.reading.paragraphs import Span

DROPPED_ELEMENTS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "head", "nav",
        "header", "footer", "aside", "form", "iframe", "button", "select",
        "canvas", "object", "dialog", "title",
    }
)
BLOCK_ELEMENTS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "blockquote", "br", "hr", "tr", "table", "section",
        "article", "main", "pre", "figure", "figcaption", "caption", "address",
        "details", "summary", "body", "html", "center",
    }
)
# Elements that never have content or an end tag.
VOID_ELEMENTS = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param"}
)
# Table cells stay on their row's line, separated by a space.
CELL_ELEMENTS = frozenset({"td", "th"})
# Kind of the paragraph a block element makes; anything else is prose.
BLOCK_KINDS = {"li": "list-item", **{f"h{n}": "heading" for n in range(1, 7)}}
CONTAINERS = ("article", "main")
PARAGRAPH_SEPARATOR = "\n\n"
# The inside of <!-- mtcheck-disable MT201 MT103 --> / <!-- mtcheck-enable -->.
INLINE_SWITCH_RE = re.compile(r"mtcheck-(disable|enable)((?:\s+MT\d{3})*)")


@dataclass
class _Block:
    text: str
    kind: str
    # Ids of the enclosing <article> and <main> elements, outermost first.
    containers: tuple[tuple[str, int], ...]
    # Inside <!-- mtcheck-disable [codes] -->: the codes switched off (empty = all).
    disabled: frozenset[str] | None = None


@dataclass
class _Open:
    tag: str
    dropped: bool
    container: tuple[str, int] | None


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Open] = []
        self.blocks: list[_Block] = []
        self.parts: list[str] = []
        # Kind and containers of the block being collected, taken where its
        # first text appears (a </code> may close before the block ends).
        self.context: tuple[str, tuple[tuple[str, int], ...]] | None = None
        self.dropping = 0
        self.container_count = 0
        self.disabled: frozenset[str] | None = None

    # -- the parser's callbacks -------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self.flush()
        elif tag in CELL_ELEMENTS:
            self.parts.append(" ")
        if tag in VOID_ELEMENTS:
            return
        if tag == "body":
            # Browsers end an unclosed <head> at <body>; do the same, or the
            # whole page would be dropped with it.
            self.handle_endtag("head")
        self.push(tag, is_hidden(attrs))

    def handle_endtag(self, tag: str) -> None:
        if not any(element.tag == tag for element in self.stack):
            return  # an end tag nothing opened: ignore it
        if tag in BLOCK_ELEMENTS:
            self.flush()
        while self.stack:
            element = self.stack.pop()
            self.dropping -= element.dropped
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.context is None and data.strip():
            self.context = (self.current_kind(), self.containers())
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        match = INLINE_SWITCH_RE.fullmatch(data.strip())
        if match:
            self.flush()  # the switch applies from the next text on
            self.disabled = frozenset(match.group(2).split()) if match.group(1) == "disable" else None

    # -- helpers ----------------------------------------------------------
    def push(self, tag: str, hidden: bool) -> None:
        dropped = tag in DROPPED_ELEMENTS or hidden
        container = None
        if tag in CONTAINERS:
            self.container_count += 1
            container = (tag, self.container_count)
        self.stack.append(_Open(tag, dropped, container))
        self.dropping += dropped

    def flush(self) -> None:
        text = collapse_whitespace("".join(self.parts))
        if text and self.context is not None:
            self.blocks.append(_Block(text, *self.context, self.disabled))
        self.parts, self.context = [], None

    def current_kind(self) -> str:
        """The kind the innermost open block element gives its text."""
        tags = [element.tag for element in self.stack]
        if "pre" in tags and "code" in tags:
            return "code"
        for tag in reversed(tags):
            if tag in BLOCK_ELEMENTS or tag in CELL_ELEMENTS:
                return BLOCK_KINDS.get(tag, "prose")
        return "prose"

    def containers(self) -> tuple[tuple[str, int], ...]:
        return tuple(element.container for element in self.stack if element.container)


def is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    names = dict(attrs)
    return "hidden" in names or (names.get("aria-hidden") or "").lower() == "true"


def collapse_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main_blocks(blocks: list[_Block]) -> list[_Block]:
    """The blocks of the biggest <article>, else of the biggest <main>, else all."""
    for tag in CONTAINERS:
        sizes: dict[tuple[str, int], int] = {}
        for block in blocks:
            for container in block.containers:
                if container[0] == tag:
                    sizes[container] = sizes.get(container, 0) + len(block.text)
        if sizes:
            # max() keeps the first of equal sizes: the outermost element.
            best = max(sizes, key=sizes.__getitem__)
            return [block for block in blocks if best in block.containers]
    return blocks


def parse_blocks(markup: str) -> list[_Block]:
    extractor = _Extractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except Exception:  # noqa: BLE001 - html.parser can assert on odd markup
        # Keep what was extracted up to the point the parser gave up.
        pass
    extractor.flush()
    return extractor.blocks


def extract_html(markup: str) -> tuple[str, list[Span], list[tuple[int, int, frozenset[str]]]]:
    """The main text of an HTML page, its paragraph spans, and the spans that
    ``<!-- mtcheck-disable [codes] -->`` comments switch off (with the codes)."""
    pieces, spans, disabled, position = [], [], [], 0
    for block in main_blocks(parse_blocks(markup)):
        if pieces:
            position += len(PARAGRAPH_SEPARATOR)
        spans.append(Span(position, position + len(block.text), block.kind))
        if block.disabled is not None:
            disabled.append((position, position + len(block.text), block.disabled))
        pieces.append(block.text)
        position += len(block.text)
    return PARAGRAPH_SEPARATOR.join(pieces), spans, disabled
