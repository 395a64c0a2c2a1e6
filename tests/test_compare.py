"""`mtcheck compare`: aligned paragraphs, and exactly sacrebleu's numbers (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from cli_run import invoke

from mtcheck.reading import iter_inputs

ROOT = Path(__file__).resolve().parent.parent
CLEAN_SEED = next((ROOT / "seeds").glob("000_*.txt"))


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path, list[str], list[str]]:
    """A reference (the clean seed's first four paragraphs) and a hypothesis
    with one paragraph garbled and an unrelated paragraph inserted."""
    (document,) = iter_inputs([CLEAN_SEED])
    reference = [document.paragraph_text(p) for p in document.paragraphs[:4]]
    words = reference[2].split()
    garbled = " ".join(words[1::2] + words[0::2])  # same words, scrambled order
    inserted = "The weather service warned of heavy snow across the northern provinces on Friday night."
    hypothesis = [reference[0], inserted, reference[1], garbled, reference[3]]
    ref_path, hyp_path = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref_path.write_text("\n\n".join(reference) + "\n", encoding="utf-8")
    hyp_path.write_text("\n\n".join(hypothesis) + "\n", encoding="utf-8")
    return hyp_path, ref_path, hypothesis, reference


def test_json_matches_sacrebleu_api_on_the_aligned_paragraphs(pair) -> None:
    hyp_path, ref_path, hypothesis, reference = pair
    result = invoke("compare", hyp_path, "--reference", ref_path, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["schema"] == "mtcheck.compare/1"
    assert [(p["hypothesis"], p["reference"]) for p in report["paragraphs"]] == [(0, 0), (2, 1), (3, 2), (4, 3)]
    assert report["unaligned"] == {"hypothesis": [1], "reference": []}
    aligned_h = [hypothesis[i] for i in (0, 2, 3, 4)]
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("ter", TER())):
        assert report["document"][name] == round(metric.corpus_score(aligned_h, [reference]).score, 2)
        assert report["document"][f"{name}_signature"] == str(metric.get_signature())
    garbled = report["paragraphs"][2]
    assert garbled["chrf"] == round(CHRF().sentence_score(hypothesis[3], [reference[2]]).score, 2)
    assert garbled["bleu"] == round(BLEU(effective_order=True).sentence_score(hypothesis[3], [reference[2]]).score, 2)
    assert [p["flagged"] for p in report["paragraphs"]] == [False, False, True, False]


def test_text_report_names_the_flagged_paragraph_and_the_signatures(pair) -> None:
    hyp_path, ref_path, _, _ = pair
    text = invoke("compare", hyp_path, "--reference", ref_path).stdout
    assert "paragraph 4 ~ 3: BLEU" in text and "<- furthest from the reference" in text
    assert "unaligned hypothesis paragraphs: 2" in text
    assert "nrefs:1|case:mixed|eff:no|tok:13a" in text


def test_identical_articles_score_perfectly_and_flag_nothing(pair) -> None:
    _, ref_path, _, _ = pair
    report = json.loads(invoke("compare", ref_path, "--reference", ref_path, "--format", "json").stdout)
    assert (report["document"]["bleu"], report["document"]["chrf"], report["document"]["ter"]) == (100.0, 100.0, 0.0)
    assert not any(p["flagged"] for p in report["paragraphs"])


def test_a_feed_with_several_articles_is_a_usage_error(pair, tmp_path: Path) -> None:
    _, ref_path, _, _ = pair
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": 1, "text": "One article here."}\n{"id": 2, "text": "Another one here."}\n')
    result = invoke("compare", feed, "--reference", ref_path)
    assert result.exit_code == 2 and "one article per file, found 2" in result.stderr
