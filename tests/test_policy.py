"""Suppressions, baseline fingerprints and thresholds (pure functions, hand-made results)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.findings import Finding, fingerprints
from mtcheck.policy import (BaselineError, Policy, Thresholds, apply_policy, baseline_dict,
                            read_baseline)
from mtcheck.reading import parse_text
from mtcheck.results import DocumentResult, ParagraphResult

TEXT = "James Stabridisdad said the talks failed.\n\nVoldimi Zelensky replied on Friday evening."


def name_finding(document, word: str, severity: str = "error") -> Finding:
    start = document.text.index(word)
    paragraph = next(p.index for p in document.paragraphs if p.start <= start < p.end)
    return Finding(code="MT201", category="name", severity=severity, paragraph=paragraph, start=start,
                   end=start + len(word), text=word, message=f"{word} looks corrupted", suggestions=("X",))


def result_for(text: str, words=("Stabridisdad", "Voldimi"), fluencies=(80.0, 25.0), fmt="txt",
               path="a.txt") -> DocumentResult:
    document = parse_text(text, path=path, format=fmt)
    scored = [p for p in document.paragraphs if p.skipped is None]
    paragraphs = tuple(ParagraphResult(p, fluency) for p, fluency in zip(scored, fluencies))
    findings = tuple(name_finding(document, w) for w in words)
    return DocumentResult(path=path, document=document, paragraphs=paragraphs, findings=findings,
                          fluency=sum(fluencies) / len(fluencies), verdict="fail")


def test_no_policy_keeps_findings_and_verdict() -> None:
    result = apply_policy(result_for(TEXT), Policy())
    assert [f.text for f in result.findings] == ["Stabridisdad", "Voldimi"]
    assert (result.verdict, result.gate_failures) == ("fail", ())


def test_severities_raise_lower_or_switch_off_a_code() -> None:
    lowered = apply_policy(result_for(TEXT), Policy(severities=(("MT201", "info"),)))
    assert [f.severity for f in lowered.findings] == ["info", "info"] and lowered.verdict == "pass"
    assert apply_policy(result_for(TEXT), Policy(severities=(("MT201", "off"),))).findings == ()


def test_accepted_names_suppress_name_findings_case_and_accents_aside() -> None:
    result = apply_policy(result_for(TEXT), Policy(accepted_names=("STABRIDISDAD", "Voldimi Zelensky")))
    assert result.findings == () and result.verdict == "pass"


def test_inline_comments_switch_off_findings_in_markdown_and_html() -> None:
    markdown = ("James Stabridisdad said the talks failed.\n\n<!-- mtcheck-disable MT201 -->\n\n"
                "Voldimi Zelensky replied on Friday evening.\n\n<!-- mtcheck-enable -->\n")
    result = apply_policy(result_for(markdown, fmt="md"), Policy())
    assert [f.text for f in result.findings] == ["Stabridisdad"]
    # A disable naming other codes leaves MT201 alone.
    other = apply_policy(result_for(markdown.replace("MT201", "MT103"), fmt="md"), Policy())
    assert [f.text for f in other.findings] == ["Stabridisdad", "Voldimi"]
    html = ("<p>James Stabridisdad said the talks failed.</p><!-- mtcheck-disable -->"
            "<p>Voldimi Zelensky replied on Friday evening.</p>")
    assert [f.text for f in apply_policy(result_for(html, fmt="html"), Policy()).findings] == ["Stabridisdad"]


def test_fingerprints_ignore_moved_text_but_not_edited_words() -> None:
    before = result_for(TEXT)
    moved = result_for("An added opening paragraph about something else entirely.\n\n" + TEXT,
                       fluencies=(90.0, 80.0, 25.0))
    assert fingerprints(before.path, None, before.findings) == fingerprints(moved.path, None, moved.findings)
    edited = result_for(TEXT.replace("Voldimi", "Voldimir"), words=("Stabridisdad", "Voldimir"))
    old, new = fingerprints("a.txt", None, before.findings), fingerprints("a.txt", None, edited.findings)
    assert old[0] == new[0] and old[1] != new[1]
    assert fingerprints("b.txt", None, before.findings) != old  # another document


def test_repeated_flagged_words_get_distinct_fingerprints() -> None:
    text = "Voldimi spoke first on the call.\n\nLater Voldimi spoke again on the call."
    result = result_for(text, words=(), fluencies=(80.0, 80.0))
    document = result.document
    second = text.index("Voldimi", 10)
    findings = [name_finding(document, "Voldimi"),
                Finding("MT201", "name", "error", 1, second, second + 7, "Voldimi", "m")]
    first, again = fingerprints("a.txt", None, findings)
    assert first != again


def test_baseline_drops_known_findings_and_the_verdict_follows(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps(baseline_dict([result_for(TEXT)])), encoding="utf-8")
    known = read_baseline(str(base))
    assert apply_policy(result_for(TEXT), Policy(baseline=known)).findings == ()
    edited = apply_policy(result_for(TEXT.replace("Voldimi", "Voldimir"), words=("Stabridisdad", "Voldimir")),
                          Policy(baseline=known))
    assert [f.text for f in edited.findings] == ["Voldimir"] and edited.verdict == "fail"


@pytest.mark.parametrize("content, problem", [
    ("{not json", "invalid JSON"),
    ('{"schema": "something/else", "findings": []}', "expected schema 'mtcheck.baseline/1'"),
    ('{"schema": "mtcheck.baseline/1", "findings": [{"code": "MT201"}]}', "needs a fingerprint"),
])
def test_a_bad_baseline_names_the_file_and_problem(tmp_path: Path, content: str, problem: str) -> None:
    base = tmp_path / "b.json"
    base.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as raised:
        read_baseline(str(base))
    assert str(base) in str(raised.value) and problem in str(raised.value)


@pytest.mark.parametrize("thresholds, failures", [
    (Thresholds(min_document_fluency=60), ["document fluency 52.5 is below min-document-fluency 60"]),
    (Thresholds(min_document_fluency=50), []),
    (Thresholds(max_garbled_share=0.4), [
        "50% of paragraphs are garbled (fluency below 30), more than max-garbled-share 0.4"]),
    (Thresholds(max_garbled_share=0.5), []),
    (Thresholds(max_garbled_share=0.4, garbled_below=20), []),
])
def test_fluency_thresholds_fail_the_gate_with_a_reason(thresholds: Thresholds, failures: list[str]) -> None:
    result = apply_policy(result_for(TEXT, words=()), Policy(thresholds=thresholds))
    assert list(result.gate_failures) == failures
    assert result.verdict == ("fail" if failures else "pass")


def test_max_corrupted_names_counts_the_findings_left_after_suppression() -> None:
    at_most_one = Thresholds(max_corrupted_names=1)
    result = apply_policy(result_for(TEXT), Policy(thresholds=at_most_one))
    assert result.gate_failures == ("2 corrupted names, more than max-corrupted-names 1",)
    relaxed = apply_policy(result_for(TEXT), Policy(accepted_names=("Voldimi",), thresholds=at_most_one))
    assert relaxed.gate_failures == ()


def test_min_paragraph_fluency_adds_an_mt104_error_on_the_paragraph() -> None:
    result = apply_policy(result_for(TEXT), Policy(accepted_names=("Stabridisdad", "Voldimi"),
                                                   thresholds=Thresholds(min_paragraph_fluency=30)))
    (finding,) = result.findings
    paragraph = result.document.paragraphs[1]
    assert (finding.code, finding.severity, finding.start, finding.end) == ("MT104", "error", paragraph.start,
                                                                            paragraph.end)
    assert finding.message == "paragraph fluency 25 is below min-paragraph-fluency 30"
    assert result.verdict == "fail"


def test_unreadable_results_pass_through() -> None:
    from mtcheck.document import InputError

    error = DocumentResult.from_error(InputError("x.txt", "missing"))
    assert apply_policy(error, Policy(thresholds=Thresholds(min_document_fluency=99))) is error
