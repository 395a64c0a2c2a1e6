"""The corpus view: what a whole run found across its documents, in JSON, text,
Markdown and HTML (article text escaped in every one)."""

from __future__ import annotations

import json

from mtcheck.findings import Finding
from mtcheck.reading import iter_inputs, parse_text
from mtcheck.render import render
from mtcheck.render.corpus import corpus_view
from mtcheck.results import DocumentResult, ParagraphResult


def result(path: str, text: str, fluency: float, names: dict[str, str] = {}, line: int | None = None,
           verdict: str = "pass") -> DocumentResult:
    document = parse_text(text, path=path, format="jsonl" if line else "txt", line=line, id=None)
    findings = tuple(Finding("MT201", "name", "error", 0, text.index(written), text.index(written) + len(written),
                             written, f"'{written}' is probably '{canonical}'", suggestions=(canonical,),
                             confidence=0.9)
                     for written, canonical in names.items())
    paragraphs = tuple(ParagraphResult(p, fluency) for p in document.paragraphs)
    return DocumentResult(path=path, document=document, paragraphs=paragraphs, findings=findings,
                          fluency=fluency, verdict=verdict)


RESULTS = [
    result("wire/a.txt", "Voldimi Zelensky met James Stabridisdad in Kyiv on Monday.", 61.0,
           {"Voldimi": "Volodymyr", "Stabridisdad": "Stavridis"}, verdict="fail"),
    result("wire/b.txt", "Voldimi Zelensky spoke in Brussels on Tuesday evening.", 70.0, {"Voldimi": "Volodymyr"},
           verdict="fail"),
    result("feed.jsonl", "Voldimi Zelensky thanked the allies, and Voldimi left.", 90.0,
           {"Voldimi": "Volodymyr"}, line=3, verdict="fail"),
    result("feed.jsonl", "The finance minister said the budget would pass this week.", 88.0, line=4),
]


def test_the_same_corrupted_name_is_grouped_with_its_articles_most_widespread_first() -> None:
    names = corpus_view(RESULTS)["names"]
    assert [(n["name"], n["suggestion"], n["documents"], n["mentions"]) for n in names] == [
        ("Voldimi", "Volodymyr", 3, 3), ("Stabridisdad", "Stavridis", 1, 1)]
    assert names[0]["in"] == ["wire/a.txt", "wire/b.txt", "feed.jsonl:3"]


def test_fluency_is_spread_per_source_and_the_worst_documents_come_first() -> None:
    view = corpus_view(RESULTS)
    assert view["sources"] == [
        {"source": "wire", "documents": 2, "scored": 2, "min": 61.0, "q1": 63.2, "median": 65.5, "q3": 67.8,
         "max": 70.0},
        {"source": "feed.jsonl", "documents": 2, "scored": 2, "min": 88.0, "q1": 88.5, "median": 89.0, "q3": 89.5,
         "max": 90.0}]
    assert [(w["document"], w["fluency"]) for w in view["worst"]] == [
        ("wire/a.txt", 61.0), ("wire/b.txt", 70.0), ("feed.jsonl:4", 88.0), ("feed.jsonl:3", 90.0)]


def test_every_format_that_summarises_shows_the_view() -> None:
    report = json.loads(render("json", RESULTS, {}))
    assert report["corpus"]["names"][0]["documents"] == 3
    text = render("text", RESULTS, {})
    assert "    'Voldimi' -> 'Volodymyr': 3 documents, 3 mentions (wire/a.txt, wire/b.txt, feed.jsonl:3)" in text
    assert "    wire: 2 documents, min 61.0, quartiles 63.2 / 65.5 / 67.8, max 70.0" in text
    assert "| Voldimi | Volodymyr | 3 | 3 | wire/a.txt, wire/b.txt, feed.jsonl:3 |" in render("markdown", RESULTS, {})
    html = render("html", RESULTS, {})
    assert "<td>Voldimi</td><td>Volodymyr</td><td>3</td><td>3</td>" in html and 'id="source-chart"' in html
    assert '<a href="#doc-0">wire/a.txt</a>: fluency 61.0, fail' in html


def test_one_document_has_no_view_in_text_and_a_hostile_name_is_escaped() -> None:
    assert "across the documents" not in render("text", RESULTS[:1], {})
    hostile = [result("x/a.txt", "Then <script>x</script> spoke.", 50.0, {"<script>x</script>": "<b>y</b>"}),
               RESULTS[1]]
    html = render("html", hostile, {})
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>y</b>" not in render("markdown", hostile, {})


def test_a_records_source_field_names_its_source(tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"a{i}", "publisher": publisher, "text": f"Article {i} said so."})
                              for i, publisher in enumerate(["wire", "daily", "wire", None])) + "\n", encoding="utf-8")
    documents = list(iter_inputs([feed], source_field="publisher"))
    assert [d.source for d in documents] == ["wire", "daily", "wire", None]
    results = [DocumentResult(path=d.path, id=d.id, document=d, fluency=score, verdict="pass")
               for d, score in zip(documents, [60.0, 80.0, 70.0, 90.0])]
    assert [(s["source"], s["documents"], s["median"]) for s in corpus_view(results)["sources"]] == [
        ("wire", 2, 65.0), ("daily", 1, 80.0), (str(feed), 1, 90.0)]
