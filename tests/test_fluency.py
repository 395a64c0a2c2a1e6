"""Fluency with the real model: exact scoring, windows, the seeds, clean text.

What matters to users: the machine-translated seed scores lower than the
human-written ones, garbled words are pointed at exactly, and clean news
raises few findings.
"""

from __future__ import annotations

import json
from pathlib import Path
from statistics import fmean

import pytest

from mtcheck.checks.fluency import FluencyCheck
from mtcheck.session import prepared_scanner
from mtcheck.cache import cache_root
from mtcheck.lm.model import default_model_source
from mtcheck.lm.scorer import LMScorer
from mtcheck.reading import iter_inputs, parse_text
from mtcheck.scanner import ScanOptions

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLEAN_NEWS = ROOT / "fixtures" / "devsets" / "clean_news.jsonl"


@pytest.fixture(scope="module")
def loaded(real_scanner):
    return real_scanner.fluency.scorer.scorer.loaded  # the LMScorer behind the cache


@pytest.fixture(scope="module")
def seed_results(real_scanner):
    return {Path(r.path).name[:3]: r for r in real_scanner.scan_paths([str(SEEDS)])}


def seed_paragraphs(prefix: str) -> list[str]:
    (document,) = iter_inputs([next(SEEDS.glob(f"{prefix}_*.txt"))])
    return [document.paragraph_text(p) for p in document.scored_paragraphs]


def naive_nll(loaded, text: str, prefix_id: int) -> list[float]:
    """The obvious way: one call, full logits, log_softmax over the vocabulary."""
    import torch

    ids = [prefix_id] + loaded.tokenizer(text, add_special_tokens=False)["input_ids"]
    with torch.inference_mode():
        logits = loaded.model(torch.tensor([ids])).logits[0, :-1].float()
        logprobs = torch.log_softmax(logits, dim=-1)
    return (-logprobs.gather(1, torch.tensor(ids[1:])[:, None])[:, 0]).tolist()


def test_batched_scorer_gives_the_naive_scores(loaded) -> None:
    texts = seed_paragraphs("003")[:6]
    scorer = LMScorer(loaded, batch_tokens=1024)
    for text, scores in zip(texts, scorer.score(texts)):
        expected = naive_nll(loaded, text, scorer.prefix_id)
        assert len(scores.nll) == len(expected)
        assert max(abs(a - b) for a, b in zip(scores.nll, expected)) < 1e-3


def test_long_text_is_scored_in_windows_not_truncated(loaded) -> None:
    text = " ".join(seed_paragraphs("000"))  # about 650 tokens
    whole = LMScorer(loaded, window=2048, context=64).score([text])[0]
    windowed = LMScorer(loaded, window=128, context=48).score([text])[0]
    assert len(whole.nll) > 400
    assert windowed.offsets == whole.offsets  # every token scored, once
    assert windowed.nll[:127] == pytest.approx(whole.nll[:127], abs=1e-3)  # first window: same context
    assert windowed.mean_nll == pytest.approx(whole.mean_nll, abs=0.25)  # later: 48+ tokens of context
    assert text[slice(*windowed.offsets[-1])] in text[-12:]


def test_an_article_is_one_stream_each_paragraph_scored_after_those_before_it(loaded) -> None:
    import torch

    paragraphs = seed_paragraphs("004")
    i = next(k for k, text in enumerate(paragraphs) if text.startswith("Part of that homework"))
    stream = paragraphs[i - 2 : i + 1]
    scorer = LMScorer(loaded, batch_tokens=1024)
    (alone,), in_stream = scorer.score_streams([[stream[-1]], stream])
    # Only the paragraphs' tokens are scored, the breaks are read.
    assert scorer.scored_tokens == len(alone.nll) + sum(len(s.nll) for s in in_stream)
    assert [s.offsets for s in in_stream] == [s.offsets for s in scorer.score(stream)]
    # What the decoder reads: the start, each paragraph, a blank line between them.
    encode = lambda text: loaded.tokenizer(text, add_special_tokens=False)["input_ids"]  # noqa: E731
    ids = [scorer.prefix_id] + encode(stream[0]) + encode("\n\n") + encode(stream[1]) + encode("\n\n") + encode(stream[2])
    with torch.inference_mode():
        logprobs = torch.log_softmax(loaded.model(torch.tensor([ids])).logits[0, :-1].float(), dim=-1)
    expected = (-logprobs.gather(1, torch.tensor(ids[1:])[:, None])[:, 0]).tolist()
    assert in_stream[0].nll == pytest.approx(expected[: len(encode(stream[0]))], abs=1e-3)
    assert in_stream[2].nll == pytest.approx(expected[-len(encode(stream[2])):], abs=1e-3)
    # The paragraph refers back ("that homework"): its context makes it ordinary.
    assert in_stream[2].mean_nll < alone.mean_nll - 1.0


def test_a_long_stream_is_cut_in_windows_with_each_token_scored_once(loaded) -> None:
    stream = seed_paragraphs("000")[:8]
    whole = LMScorer(loaded, window=2048, context=64).score_streams([stream])[0]
    windowed_scorer = LMScorer(loaded, window=128, context=48)
    windowed = windowed_scorer.score_streams([stream])[0]
    assert [s.offsets for s in windowed] == [s.offsets for s in whole]
    assert windowed_scorer.scored_tokens == sum(len(s.nll) for s in whole) > 400
    assert len(whole[0].nll) < 100  # inside the first window: the same context
    assert windowed[0].nll == pytest.approx(whole[0].nll, abs=1e-3)
    flat = lambda scores: [x for s in scores for x in s.nll]  # noqa: E731
    assert fmean(flat(windowed)) == pytest.approx(fmean(flat(whole)), abs=0.25)  # later: 48+ tokens of context


def test_a_scorer_without_a_memo_scores_every_call(loaded) -> None:
    text = seed_paragraphs("003")[0]
    scorer = LMScorer(loaded, memo_size=0)
    first, second = scorer.score([text]), scorer.score([text])
    assert scorer.scored_tokens == 2 * len(first[0].nll) > 0
    assert second[0].nll == pytest.approx(first[0].nll, abs=1e-5)


def test_machine_translated_seed_scores_below_every_human_one(seed_results) -> None:
    garbled = seed_results["003"].fluency
    for human in ("000", "001", "002", "004"):
        assert seed_results[human].fluency > garbled, human


def test_scores_are_0_to_100_and_only_for_scored_paragraphs(seed_results) -> None:
    for result in seed_results.values():
        assert 0 <= result.fluency <= 100
        for paragraph in result.paragraphs:
            if paragraph.paragraph.skipped:
                assert paragraph.fluency is None and paragraph.lm is None
            else:
                assert 0 <= paragraph.fluency <= 100 and paragraph.lm["mean_nll"] > 0


def test_word_nll_is_the_paragraphs_surprisal_over_its_words(seed_results) -> None:
    # The score's main input: the same surprisal as the token mean, counted per word.
    for paragraph in seed_results["003"].paragraphs:
        if paragraph.lm:
            lm = paragraph.lm
            assert lm["word_nll"] * lm["words"] == pytest.approx(lm["mean_nll"] * lm["tokens"], abs=0.01 * lm["words"])
            assert lm["word_nll"] > lm["mean_nll"]  # more tokens than words


def test_garbled_words_are_found_with_exact_spans(seed_results) -> None:
    result = seed_results["003"]
    fluency = [f for f in result.findings if f.category == "fluency"]
    for finding in fluency:
        assert result.document.text[finding.start : finding.end] == finding.text
    # A non-word the grammar engine also names is reported once, as its spelling (MT302, with suggestions).
    words = {f.text for f in result.findings if f.code in ("MT101", "MT302")}
    assert {"overtured", "ramp-extensive"} <= words
    sentences = [f.text for f in fluency if f.code == "MT103"]
    assert any("now that he has spurred Trump’s conditions" in s for s in sentences)


def test_clean_news_raises_few_fluency_findings(real_scanner) -> None:
    lines = CLEAN_NEWS.read_text(encoding="utf-8").splitlines()
    documents = [parse_text(json.loads(line)["text"], path=str(CLEAN_NEWS), format="jsonl", line=i + 1)
                 for i, line in enumerate(lines)]
    results = list(real_scanner.scan(documents))
    words = sum(len(d.text.split()) for d in documents)
    findings = [f for r in results for f in r.findings if f.category == "fluency"]
    assert words > 10_000
    assert len(findings) / words * 1000 < 1.0  # fewer than 1 per 1,000 clean words
    assert all(f.severity != "error" for f in findings)


def test_a_local_hugging_face_model_directory_works_as_model(real_scanner, loaded, seed_results) -> None:
    # The converted cache of the bundled model is a plain Hugging Face
    # directory (config.json + safetensors + tokenizer): use it as --model.
    model_dir = cache_root() / "models" / default_model_source().fingerprint
    other = prepared_scanner(ScanOptions(model_dir=str(model_dir)))
    (result,) = other.scan_paths([str(next(SEEDS.glob("003_*.txt")))])
    assert result.fluency == pytest.approx(seed_results["003"].fluency, abs=0.05)
    assert other.signature["model"] == model_dir.name


def test_fluency_check_signature_names_model_and_method(real_scanner) -> None:
    signature = real_scanner.fluency.signature
    assert signature["model"] == "SmolLM2-135M-Instruct" and signature["fluency"]
    assert isinstance(real_scanner.fluency, FluencyCheck)
