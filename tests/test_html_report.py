"""The HTML report, opened in a real headless Chromium (Debian's chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.cli import mtcheck
from mtcheck.findings import Finding
from mtcheck.reading import parse_text
from mtcheck.render.html_report import render_html
from mtcheck.results import DocumentResult, ParagraphResult

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        # `make test` installs Debian's chromium; only a bare pytest elsewhere may lack it.
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make test installs it)")
        pytest.skip("chromium is not installed (make test installs it)")
    return found


def browse(chromium: str, page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra,
                           page.as_uri()], capture_output=True, text=True, timeout=120, check=True)


class Elements(HTMLParser):
    """Every element of a DOM dump: (tag, attributes, text directly inside)."""

    def __init__(self, markup: str):
        super().__init__()
        self.elements: list[tuple[str, dict, list[str]]] = []
        self.open: list[tuple[str, dict, list[str]]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.elements.append(element)
        if tag not in ("meta", "link", "br", "img", "input", "line", "rect"):
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)

    def find(self, tag: str, **attributes) -> list[tuple[str, dict, list[str]]]:
        return [e for e in self.elements if e[0] == tag and all(
            value in (e[1].get(name) or "").split() or e[1].get(name) == value for name, value in attributes.items())]


@pytest.mark.model
def test_seeds_report_in_chromium_shows_findings_charts_and_dimmed_boilerplate(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = CliRunner().invoke(mtcheck, ["report", str(ROOT / "seeds"), "--output", str(page)])
    assert result.exit_code == 0, result.output
    markup = browse(chromium, page, tmp_path, "--dump-dom").stdout
    dom = Elements(markup)
    summary = re.search(r'<table id="summary">.*?</table>', markup, re.S).group()
    assert summary.count("<tr>") == 1 + 5  # header + the five seeds
    assert len(dom.find("section", **{"class": "document"})) == 5
    marks = {"".join(m[2]).strip(): m for m in dom.find("mark", **{"class": "finding"})}
    assert {"Stabridisdad", "Voldimi", "Spruez", "overtured"} <= set(marks)
    stavridis = marks["Stabridisdad"]
    assert stavridis[1]["data-code"] == "MT201" and stavridis[1]["tabindex"] == "0"
    tip = next(e for e in dom.elements if e[0] == "span" and e[1].get("role") == "tooltip"
               and any("Stabridisdad" in t for t in e[2]))
    assert "Stavridis" in "".join(tip[2])
    assert len(dom.find("svg", **{"class": "chart"})) == 2 + 5  # distribution, per source, one per article
    assert "Stabridisdad" in "".join(t for e in dom.find("td") for t in e[2])  # the corpus view's names
    assert dom.find("svg", id="distribution") and len(dom.find("rect", **{"class": "bar"})) > 50
    skipped = dom.find("div", **{"class": "skipped"})
    assert skipped and all(e[1]["title"].startswith("skipped: ") for e in skipped)
    shot = tmp_path / "report.png"
    browse(chromium, page, tmp_path, "--window-size=1200,2400", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


HOSTILE = ('He said "<script>alert(1)</script>" & left. <img src=x onerror=alert(2)> '
           "Then James Stabridisdad\"><script>alert(3)</script> spoke to reporters in the capital.")


def hostile_result() -> DocumentResult:
    document = parse_text(HOSTILE, path="<b>evil</b>.txt")
    (paragraph,) = document.paragraphs
    start = HOSTILE.index("Stabridisdad")
    end = HOSTILE.index("spoke")
    finding = Finding(code="MT201", category="name", severity="error", paragraph=0, start=start, end=end,
                      text=HOSTILE[start:end], message='looks corrupted: "<i>x</i>"',
                      suggestions=("<script>alert(4)</script>",), confidence=0.9)
    return DocumentResult(path=document.path, document=document, paragraphs=(ParagraphResult(paragraph, 12.0),),
                          findings=(finding,), fluency=12.0, verdict="fail")


def test_a_hostile_article_is_rendered_as_text(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(render_html([hostile_result()]), encoding="utf-8")
    dom = Elements(browse(chromium, page, tmp_path, "--dump-dom").stdout)
    assert dom.find("script") == [] and dom.find("img") == [] and dom.find("i") == []
    paragraph = next(e for e in dom.find("div", **{"class": "paragraph"}))
    assert 'He said "<script>alert(1)</script>" & left. <img src=x onerror=alert(2)>' in "".join(paragraph[2])
    (mark,) = dom.find("mark", **{"class": "finding"})
    assert "".join(mark[2]) == 'Stabridisdad"><script>alert(3)</script> '
    assert "<b>evil</b>.txt" in "".join(text for e in dom.find("a") for text in e[2])


def test_the_page_needs_no_network_and_allows_no_script() -> None:
    markup = render_html([hostile_result()])
    assert "default-src 'none'" in markup
    assert "http://" not in markup and "https://" not in markup and "<script" not in markup.lower()


@pytest.mark.model
@pytest.mark.parametrize("command", [["report"], ["scan", "--format", "html"]])
def test_the_paragraph_chart_draws_the_configured_garbled_line(command: list[str], tmp_path: Path) -> None:
    (tmp_path / "mtcheck.toml").write_text("garbled-below = 45\n", encoding="utf-8")
    page = tmp_path / "report.html"
    args = [*command, str(ROOT / "seeds" / "003_3eaee8b3c4068dbe.txt"), "--output", str(page), "--config", str(tmp_path / "mtcheck.toml")]
    result = CliRunner().invoke(mtcheck, [*args, "--fail-on", "never"] if command[0] == "scan" else args)
    assert result.exit_code == 0, result.output
    markup = page.read_text(encoding="utf-8")
    assert "garbled below 45</text>" in markup and "garbled below 30" not in markup
