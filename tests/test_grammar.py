"""Grammar findings: Harper embedded, and the LanguageTool adapter against a stand-in server."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.checks.grammar import EngineUnavailable, GrammarCheck, GrammarSettings
from mtcheck.checks.grammar.languagetool import LanguageToolEngine, chunks, utf16_index
from mtcheck.cli import mtcheck
from mtcheck.reading import iter_inputs, parse_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def harper() -> GrammarCheck:
    return GrammarCheck(GrammarSettings().make_engine())


@pytest.fixture(scope="module")
def picky() -> GrammarCheck:
    return GrammarCheck(GrammarSettings(picky=True).make_engine())


def findings(check: GrammarCheck, text: str) -> dict[str, tuple]:
    return {f.text: (f.code, f.suggestions) for f in check.check_document(parse_text(text))}


def test_by_default_only_rules_measured_to_find_damage_report(harper, picky) -> None:
    # Agreement hits fall on annotated MT errors at chance rate
    # (benchmarks/bench_grammar_rules.py); a repeated word is usually real.
    text = "She go to the the market every day before work."
    assert findings(harper, text) == {"the the": ("MT301", ("the",))}
    assert findings(picky, text)["go"] == ("MT301", ("goes",))


def test_brand_capitals_and_abbreviations_of_news_style_are_not_corrected(harper) -> None:
    text = "Julian Assange founded WikiLeaks in 2006, and the site published the cables on Dec. 5 this year."
    assert findings(harper, text) == {}


def test_spelling_of_names_is_left_to_the_name_check_and_common_words_pass(picky) -> None:
    found = findings(picky, "Retired admiral James Stabridisdad said the flashpoint had overtured the talks.")
    assert "Stabridisdad" not in found and "flashpoint" not in found
    code, suggestions = found["overtured"]
    assert code == "MT302" and "overture" in suggestions


def test_a_lowercased_place_is_a_spelling_error(picky) -> None:
    assert findings(picky, "Officials in kyiv said the talks would resume next week.")["kyiv"][0] == "MT302"


def test_the_dialect_reaches_harper() -> None:
    text = "Drivers queued for petrol at every station in the city on Monday morning."
    american = GrammarCheck(GrammarSettings(picky=True).make_engine())
    british = GrammarCheck(GrammarSettings(picky=True, dialect="british").make_engine())
    assert "petrol" in findings(american, text) and "petrol" not in findings(british, text)


def test_style_rules_stay_off_unless_picky(picky) -> None:
    long_sentence = ("The minister said that the talks, which had been postponed twice because of the weather and "
                     "the strikes at the airport and the illness of the chief negotiator, would resume on Monday in "
                     "the capital with the same delegations and the same agenda as before.")
    quiet = GrammarCheck(GrammarSettings().make_engine())
    assert quiet.check_document(parse_text(long_sentence)) == []
    assert any("Readability" in f.message for f in picky.check_document(parse_text(long_sentence)))


def test_disabled_rules_and_accepted_words() -> None:
    text = "She go to the market and bought a mindmeld gadget yesterday."
    settings = GrammarSettings(picky=True, disabled_rules=("Agreement",), accepted_words=("mindmeld",))
    assert [f.text for f in GrammarCheck(settings.make_engine()).check_document(parse_text(text))] == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_clean_seeds_get_no_grammar_findings(harper, prefix: str) -> None:
    (document,) = iter_inputs([next(SEEDS.glob(f"{prefix}_*.txt"))])
    assert harper.check_document(document) == []


def test_picky_grammar_finds_the_machine_translated_seeds_non_word(picky) -> None:
    (document,) = iter_inputs([next(SEEDS.glob("003_*.txt"))])
    assert ("MT302", "overtured") in {(f.code, f.text) for f in picky.check_document(document)}


# -- LanguageTool, against a server speaking the documented /v2/check shape ------

class StandIn(BaseHTTPRequestHandler):
    """Answers /v2/check like LanguageTool: matches with UTF-16 offsets."""

    script: list = []  # statuses to answer first (503, 429), then 200
    requests: list = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        StandIn.requests.append(form)
        if StandIn.script:
            status = StandIn.script.pop(0)
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "7")
            self.end_headers()
            return
        text = form["text"][0]
        matches = []
        for word, rule, issue in (("teh", "MORFOLOGIK_RULE_EN_US", "misspelling"), ("go", "HE_VERB_AGR", "grammar")):
            position = text.find(f" {word} ")
            if position >= 0:
                utf16 = len(text[:position + 1].encode("utf-16-le")) // 2
                matches.append({"message": f"bad {word}", "offset": utf16, "length": len(word),
                                "replacements": [{"value": "the" if word == "teh" else "goes"}],
                                "rule": {"id": rule, "issueType": issue, "category": {"id": "TYPOS"
                                                                                      if issue == "misspelling"
                                                                                      else "GRAMMAR"}}})
        body = json.dumps({"software": {"name": "LanguageTool"}, "matches": matches}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - /v2/languages, the ping
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    StandIn.script, StandIn.requests = [], []
    httpd = HTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_languagetool_matches_become_findings_with_python_offsets(server) -> None:
    text = "Crowds 🎉 cheered as she said teh team go home now."
    check = GrammarCheck(LanguageToolEngine(server))
    found = {f.text: (f.code, f.suggestions, f.details["rule"]) for f in check.check_document(parse_text(text))}
    assert found == {"teh": ("MT302", ("the",), "MORFOLOGIK_RULE_EN_US"), "go": ("MT301", ("goes",), "HE_VERB_AGR")}


def test_long_texts_go_in_chunks_at_sentence_ends_and_offsets_come_back(server) -> None:
    text = ("This is fine. " * 10) + "Then teh end came. " + ("All is well. " * 10)
    engine = LanguageToolEngine(server, max_chars=60)
    (hits,) = engine.check([text])
    assert len(StandIn.requests) == len(chunks(text, 60)) > 3
    assert all(len(r["text"][0]) <= 60 for r in StandIn.requests)
    assert [text[h.start:h.end] for h in hits] == ["teh"]


def test_settings_reach_the_server(server) -> None:
    LanguageToolEngine(server, picky=True, disabled_rules=("EN_QUOTES", "WHITESPACE_RULE")).check(["A text."])
    (form,) = StandIn.requests
    assert form["level"] == ["picky"] and form["disabledRules"] == ["EN_QUOTES,WHITESPACE_RULE"]
    assert form["language"] == ["en-US"]


def test_server_errors_are_retried_and_429_waits_as_told(server) -> None:
    StandIn.script = [503, 429]
    waits: list[float] = []
    (hits,) = LanguageToolEngine(server, sleep=waits.append).check(["and so teh end."])
    assert [h.rule for h in hits] == ["MORFOLOGIK_RULE_EN_US"]
    assert waits == [0.5, 7.0] and len(StandIn.requests) == 3


def test_a_server_that_keeps_failing_is_unavailable(server) -> None:
    StandIn.script = [503] * 10
    with pytest.raises(EngineUnavailable, match="did not answer: HTTP 503"):
        LanguageToolEngine(server, retries=2, sleep=lambda seconds: None).check(["Text."])


def test_scan_with_an_unreachable_server_exits_3_with_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A short article about nothing in particular at all.\n")
    result = CliRunner().invoke(mtcheck, ["scan", str(article), "--languagetool-url", "http://127.0.0.1:9"])
    assert result.exit_code == 3
    assert result.stderr.startswith("mtcheck: error: LanguageTool at http://127.0.0.1:9 did not answer")


def test_utf16_offsets_map_to_python_indices() -> None:
    assert utf16_index("a🎉b") == [0, 1, 1, 2, 3]
