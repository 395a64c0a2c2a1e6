"""Token surprisal from a causal LM, fast on a CPU.

What makes it fast (benchmarks/bench_scan.py measures it against the naive
one-call-per-paragraph loop):
- windows are sorted by length and batched under a small token budget
  (1,024): padding stays small, a window of an article's length runs alone
  (no padding, so attention needs no mask and takes its causal fast path),
  and each layer's activations stay in the CPU's caches. A 4,096 budget was
  1.5x slower on seeds/ read as streams (bench_scan.py's sweep);
- the decoder runs once per batch, and the vocabulary projection is applied
  only to real (non-padding) positions, in row chunks: the 49k-wide logits
  are never materialised for the whole batch, and no full log_softmax is built;
  the normaliser (logsumexp) and the target logit are all we need.
An article is read as one stream: its paragraphs in order, a blank line
between them, so each paragraph is scored in the context of the text before
it ("Part of that homework was..." is surprising alone and ordinary after the
paragraph it refers to) without that text being read again for it. Where a
stream is longer than ``window`` tokens it is cut into overlapping windows,
so nothing is truncated: each token is scored once, with at least
``context`` tokens of left context; the separators are read, never scored.
A scorer remembers the streams it has scored (``memo_size`` of them), so an
article scanned again in the same process costs nothing; across processes
the results store does that (lm/cached.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Sequence

from mtcheck.lm.model import LoadedModel, load_model, model_source


@dataclass(frozen=True)
class TokenScores:
    """Per-token negative log-likelihood (nats) of one text."""

    # (start, end) char offsets of each token in the scored text.
    offsets: tuple[tuple[int, int], ...]
    nll: tuple[float, ...]

    @property
    def mean_nll(self) -> float:
        return sum(self.nll) / len(self.nll) if self.nll else 0.0


# What separates an article's paragraphs in the stream the model reads.
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class _Window:
    sequence: int
    start: int  # first position of the window in the sequence
    end: int
    first_target: int  # first position whose token this window scores


@dataclass(frozen=True)
class ScorerSettings:
    """How streams are cut into windows and batched."""

    window: int = 2048
    context: int = 256
    batch_tokens: int = 1024
    head_chunk: int = 512

    @property
    def signature(self) -> dict:
        """The settings that decide the scores (batching only decides speed)."""
        return {"window": self.window, "context": self.context, "stream": PARAGRAPH_BREAK}


def load_scorer(model_dir: Optional[str] = None, **overrides) -> "LMScorer":
    """The scorer a scan uses, with its model loaded now and no results cache
    (for benchmarks and tools); ``overrides`` as for LMScorer."""
    return LMScorer(load_model(model_source(model_dir)), **overrides)


def scorer_signature(source, settings: ScorerSettings) -> dict:
    """What decides a scorer's numbers: the model (name, content fingerprint) and the settings."""
    return {"model": source.name, "model_fingerprint": source.fingerprint, **settings.signature}


@dataclass
class _Sequence:
    """A stream as token ids: the document start, then its texts' tokens with
    the paragraph break's between them; ``nll[pos]`` is filled for the
    positions that hold a text's token (the start and the breaks are not scored)."""

    ids: list[int]
    spans: list[tuple[int, int]]  # each text's token positions [start, end)
    nll: list[float]


class LMScorer:
    def __init__(self, loaded: LoadedModel, settings: ScorerSettings = ScorerSettings(), *,
                 memo_size: int = 1_000, **overrides):
        """``overrides``: ScorerSettings fields (``window=512``) on top of ``settings``."""
        settings = replace(settings, **overrides)
        if not 0 < settings.context < settings.window:
            raise ValueError("context must be positive and smaller than window")
        self.loaded = loaded
        self.settings = settings
        self.prefix_id = _document_start_id(loaded.tokenizer)
        self.break_ids = self._encode(PARAGRAPH_BREAK)[0]
        self.memo_size = memo_size
        self._memo: dict[tuple[str, ...], tuple[TokenScores, ...]] = {}
        # Tokens the decoder read (breaks and window overlaps included) and
        # tokens scored: their ratio is what context costs (bench_scan.py).
        self.processed_tokens = 0
        self.scored_tokens = 0

    @property
    def signature(self) -> dict:
        return scorer_signature(self.loaded.source, self.settings)

    def score(self, texts: Sequence[str]) -> list[TokenScores]:
        """Each text's tokens, scored on its own."""
        return [scores for scores, in self.score_streams([[text] for text in texts])]

    def score_streams(self, streams: Sequence[Sequence[str]]) -> list[tuple[TokenScores, ...]]:
        """Each stream's texts read in order as one document, each text's
        tokens scored in the context of the texts before it."""
        keys = [tuple(stream) for stream in streams]
        found = {k: self._memo[k] for k in keys if k in self._memo}
        new = [k for k in dict.fromkeys(keys) if k not in found]
        found.update(zip(new, self._score_new(new)))
        for key in new if self.memo_size > 0 else ():
            if len(self._memo) >= self.memo_size:
                self._memo.pop(next(iter(self._memo)))  # oldest first
            self._memo[key] = found[key]
        return [found[k] for k in keys]

    def _score_new(self, streams: Sequence[tuple[str, ...]]) -> list[tuple[TokenScores, ...]]:
        if not streams:
            return []
        encodings = {text: self._encode(text) for stream in streams for text in stream}
        sequences = [self._sequence([encodings[text][0] for text in stream]) for stream in streams]
        for batch in self._batches(self._windows(sequences)):
            self._score_batch(batch, sequences)
        return [
            tuple(TokenScores(offsets=tuple(encodings[text][1]), nll=tuple(seq.nll[a:b]))
                  for text, (a, b) in zip(stream, seq.spans))
            for stream, seq in zip(streams, sequences)
        ]

    def _sequence(self, texts_ids: list[list[int]]) -> _Sequence:
        ids, spans = [self.prefix_id], []
        for i, text_ids in enumerate(texts_ids):
            if i:
                ids += self.break_ids
            spans.append((len(ids), len(ids) + len(text_ids)))
            ids += text_ids
        return _Sequence(ids, spans, [0.0] * len(ids))

    def _encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        enc = self.loaded.tokenizer(
            text, add_special_tokens=False, return_offsets_mapping=True
        )
        return list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]

    def _windows(self, sequences: list[_Sequence]) -> list[_Window]:
        """Windows over each sequence that together score every position after the start."""
        windows = []
        for i, seq in enumerate(sequences):
            start, first_target = 0, 1
            while first_target < len(seq.ids):
                end = min(start + self.settings.window, len(seq.ids))
                windows.append(_Window(i, start, end, first_target))
                first_target = end
                start = end - self.settings.context
        return windows

    def _batches(self, windows: list[_Window]) -> list[list[_Window]]:
        # Longest first, so the first batch shows the peak memory at once.
        ordered = sorted(windows, key=lambda w: w.end - w.start, reverse=True)
        batches, current = [], []
        for w in ordered:
            longest = current[0].end - current[0].start if current else w.end - w.start
            if current and (len(current) + 1) * longest > self.settings.batch_tokens:
                batches.append(current)
                current = []
            current.append(w)
        if current:
            batches.append(current)
        return batches

    def _score_batch(self, batch: list[_Window], sequences: list[_Sequence]) -> None:
        import torch

        model = self.loaded.model
        width = max(w.end - w.start for w in batch)
        ids = torch.zeros((len(batch), width), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, w in enumerate(batch):
            ids[row, : w.end - w.start] = torch.tensor(sequences[w.sequence].ids[w.start : w.end])
            mask[row, : w.end - w.start] = 1
        # Position j predicts token j+1; pick only the text tokens whose
        # score this window is responsible for.
        targets = [(row, w.sequence, pos) for row, w in enumerate(batch)
                   for a, b in sequences[w.sequence].spans
                   for pos in range(max(a, w.first_target), min(b, w.end))]
        rows_t = torch.tensor([row for row, _, _ in targets], dtype=torch.long)
        cols_t = torch.tensor([pos - batch[row].start - 1 for row, _, pos in targets], dtype=torch.long)
        self.processed_tokens += sum(w.end - w.start for w in batch)
        self.scored_tokens += len(targets)
        with torch.inference_mode():
            hidden = model.base_model(input_ids=ids, attention_mask=mask).last_hidden_state
            values = self._target_nll(hidden[rows_t, cols_t], ids[rows_t, cols_t + 1]).tolist()
        for (_, sequence, pos), value in zip(targets, values):
            sequences[sequence].nll[pos] = value

    def _target_nll(self, hidden, targets):
        """-log p(target) from hidden states, one row chunk at a time."""
        import torch

        head = self.loaded.model.get_output_embeddings()
        softcap = getattr(self.loaded.model.config, "final_logit_softcapping", None)
        out = []
        for s in range(0, hidden.shape[0], self.settings.head_chunk):
            logits = head(hidden[s : s + self.settings.head_chunk]).float()
            if softcap:
                logits = torch.tanh(logits / softcap) * softcap
            target = logits.gather(1, targets[s : s + self.settings.head_chunk, None])[:, 0]
            out.append(_logsumexp_in_place(logits) - target)
        return torch.cat(out) if out else hidden.new_zeros(0)


def _logsumexp_in_place(logits):
    """torch.logsumexp over the last axis, overwriting ``logits``: a row chunk
    of the 49k-wide vocabulary is big, and not allocating two more of them
    makes this step about twice as fast (the same numbers to 1e-5)."""
    top = logits.amax(dim=-1, keepdim=True)
    return logits.sub_(top).exp_().sum(dim=-1).log_() + top[:, 0]


def _document_start_id(tokenizer) -> int:
    """The token a document starts after: <|endoftext|> where the vocabulary has
    it (GPT-2 style and SmolLM2 base training), else BOS, else EOS."""
    vocab_id = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    # An unknown token maps to the UNK id, so check that the id round-trips.
    if isinstance(vocab_id, int) and tokenizer.convert_ids_to_tokens(vocab_id) == "<|endoftext|>":
        return vocab_id
    for candidate in (tokenizer.bos_token_id, tokenizer.eos_token_id):
        if candidate is not None:
            return candidate
    raise ValueError("the tokenizer has no BOS, EOS or <|endoftext|> token to start a text with")
