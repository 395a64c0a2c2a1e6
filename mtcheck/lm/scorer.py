"""Token surprisal from a causal LM, fast on a CPU.

What makes it fast (benchmarks/bench_scan.py measures it against the naive
one-call-per-paragraph loop):
- windows are sorted by length and batched under a token budget, so padding
  stays small;
- the decoder runs once per batch, and the vocabulary projection is applied
  only to real (non-padding) positions, in row chunks: the 49k-wide logits
  are never materialised for the whole batch, and no full log_softmax is built;
  the normaliser (logsumexp) and the target logit are all we need.
Long texts are scored in overlapping windows, so nothing is truncated: each
token is scored once, with at least ``context`` tokens of left context.
A text may come with a lead: the text before it (the previous paragraph),
whose last ``lead_tokens`` tokens the model reads first but which is not
scored. A paragraph opening "Part of that homework was..." is surprising on
its own and ordinary after the paragraph it refers to.
A scorer remembers the texts it has scored, with their leads (``memo_size``
of them), so an article scanned again in the same process costs nothing;
across processes the results store does that (lm/cached.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from mtcheck.lm.model import LoadedModel


@dataclass(frozen=True)
class TokenScores:
    """Per-token negative log-likelihood (nats) of one text."""

    # (start, end) char offsets of each token in the scored text.
    offsets: tuple[tuple[int, int], ...]
    nll: tuple[float, ...]

    @property
    def mean_nll(self) -> float:
        return sum(self.nll) / len(self.nll) if self.nll else 0.0


@dataclass(frozen=True)
class _Window:
    text_index: int
    start: int  # first position of the window in the prefixed token sequence
    end: int
    first_target: int  # first position whose token this window scores


@dataclass(frozen=True)
class ScorerSettings:
    """How texts are cut into windows and batched."""

    window: int = 512
    context: int = 128
    batch_tokens: int = 4096
    head_chunk: int = 512
    lead_tokens: int = 64

    @property
    def signature(self) -> dict:
        """The settings that decide the scores (batching only decides speed)."""
        return {"window": self.window, "context": self.context, "lead_tokens": self.lead_tokens}


def scorer_signature(source, settings: ScorerSettings) -> dict:
    """What decides a scorer's numbers: the model (name, content fingerprint) and the settings."""
    return {"model": source.name, "model_fingerprint": source.fingerprint, **settings.signature}


class LMScorer:
    def __init__(self, loaded: LoadedModel, settings: ScorerSettings = ScorerSettings(), *,
                 memo_size: int = 20_000, **overrides):
        """``overrides``: ScorerSettings fields (``window=2048``) on top of ``settings``."""
        settings = replace(settings, **overrides)
        if not 0 < settings.context < settings.window:
            raise ValueError("context must be positive and smaller than window")
        self.loaded = loaded
        self.settings = settings
        self.prefix_id = _document_start_id(loaded.tokenizer)
        self.memo_size = memo_size
        self._memo: dict[tuple[str, str], TokenScores] = {}
        # Tokens the decoder read (leads and window overlaps included) and
        # tokens scored: their ratio is what context costs (bench_scan.py).
        self.processed_tokens = 0
        self.scored_tokens = 0

    @property
    def signature(self) -> dict:
        return scorer_signature(self.loaded.source, self.settings)

    def score(self, texts: Sequence[str], leads: Sequence[str] | None = None) -> list[TokenScores]:
        """Each text's tokens scored after its lead (``leads[i]``, "" for none)."""
        keys = list(zip(leads or [""] * len(texts), texts))
        new = list(dict.fromkeys(k for k in keys if k not in self._memo))
        for key, scores in zip(new, self._score_new(new)):
            if len(self._memo) >= self.memo_size:
                self._memo.pop(next(iter(self._memo)))  # oldest first
            self._memo[key] = scores
        found = {k: self._memo[k] for k in keys if k in self._memo}
        # A batch larger than the memo: score what fell out again.
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        found.update(zip(missing, self._score_new(missing)))
        return [found[k] for k in keys]

    def _score_new(self, keys: Sequence[tuple[str, str]]) -> list[TokenScores]:
        if not keys:
            return []
        # A lead is usually the text before it in the same batch: encode each string once.
        encodings = {text: self._encode(text) for key in keys for text in key if text}
        encoded = [encodings[text] for _, text in keys]
        lead_ids = [encodings[lead][0][-self.settings.lead_tokens:] if lead else [] for lead, _ in keys]
        sequences = [[self.prefix_id] + lead + ids for lead, (ids, _) in zip(lead_ids, encoded)]
        nll: list[list[float]] = [[0.0] * (len(s) - 1) for s in sequences]
        firsts = [1 + len(lead) for lead in lead_ids]
        for batch in self._batches(self._windows(sequences, firsts)):
            self._score_batch(batch, sequences, nll)
        return [
            TokenScores(offsets=tuple(offsets), nll=tuple(values[len(lead):]))
            for (_, offsets), values, lead in zip(encoded, nll, lead_ids)
        ]

    def _encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        enc = self.loaded.tokenizer(
            text, add_special_tokens=False, return_offsets_mapping=True
        )
        return list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]

    def _windows(self, sequences: list[list[int]], firsts: list[int]) -> list[_Window]:
        """Windows over each sequence that together score every position from
        ``firsts[i]`` (after the prefix and the lead) on."""
        windows = []
        for i, (seq, first_target) in enumerate(zip(sequences, firsts)):
            start = 0
            while first_target < len(seq):
                end = min(start + self.settings.window, len(seq))
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

    def _score_batch(self, batch, sequences, nll) -> None:
        import torch

        model = self.loaded.model
        width = max(w.end - w.start for w in batch)
        ids = torch.zeros((len(batch), width), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, w in enumerate(batch):
            ids[row, : w.end - w.start] = torch.tensor(sequences[w.text_index][w.start : w.end])
            mask[row, : w.end - w.start] = 1
        # Position j predicts token j+1; pick only the positions whose next
        # token this window is responsible for.
        rows, cols = [], []
        for row, w in enumerate(batch):
            for pos in range(w.first_target, w.end):
                rows.append(row)
                cols.append(pos - w.start - 1)
        rows_t, cols_t = torch.tensor(rows), torch.tensor(cols)
        self.processed_tokens += sum(w.end - w.start for w in batch)
        self.scored_tokens += len(rows)
        with torch.inference_mode():
            hidden = model.base_model(input_ids=ids, attention_mask=mask).last_hidden_state
            picked = hidden[rows_t, cols_t]
            targets = ids[rows_t, cols_t + 1]
            values = self._target_nll(picked, targets).tolist()
        k = 0
        for row, w in enumerate(batch):
            for pos in range(w.first_target, w.end):
                nll[w.text_index][pos - 1] = values[k]
                k += 1

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
            out.append(torch.logsumexp(logits, dim=-1) - target)
        return torch.cat(out) if out else hidden.new_zeros(0)


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
