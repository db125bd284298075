"""The learned half of the classifier: a logistic-regression head over a sentence's MiniLM embedding
and its word uni/bigram TF-IDF, trained on the project's corpus (classify/train.py) and shipped as
classify/model.npz (about a megabyte). Inference needs only numpy, onnxruntime and tokenizers."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from eventwire.classify.embed import embed

MODEL_FILE = "model.npz"


WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def ngrams(text: str) -> list[str]:
    words = WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def tfidf(texts: list[str], vocab: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """Sublinear TF-IDF, L2-normalised: the same numbers as scikit-learn's TfidfVectorizer(ngram_range=(1, 2),
    sublinear_tf=True) fitted on the training sentences."""
    out = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for i, text in enumerate(texts):
        for gram, n in Counter(g for g in ngrams(text) if g in vocab).items():
            out[i, vocab[gram]] = (1.0 + math.log(n)) * idf[vocab[gram]]
        norm = np.linalg.norm(out[i])
        if norm > 0:
            out[i] /= norm
    return out


@dataclass(frozen=True)
class Head:
    labels: list[str]  # PLOVER types, STATEMENT, NONE
    weights: np.ndarray  # (n_labels, 384 + len(vocab))
    bias: np.ndarray  # (n_labels,)
    vocab: dict[str, int]
    idf: np.ndarray
    calibration: np.ndarray  # logistic calibration of a candidate's confidence (see combine)

    def features(self, texts: list[str]) -> np.ndarray:
        return np.hstack([embed(texts), tfidf(texts, self.vocab, self.idf)])

    def probabilities(self, texts: list[str]) -> np.ndarray:
        logits = self.features(texts) @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)


@cache
def head() -> Head | None:
    """The trained head, or None when no model file is installed (the lexicon then decides alone)."""
    f = resources.files(__package__).joinpath(MODEL_FILE)
    if not f.is_file():
        return None
    with f.open("rb") as fh:
        z = np.load(fh, allow_pickle=False)
        vocab = {str(g): i for i, g in enumerate(z["vocab"])}
        return Head([str(x) for x in z["labels"]], z["weights"], z["bias"], vocab, z["idf"], z["calibration"])


def sentence_probabilities(sentences: list[str]) -> list[dict[str, float]]:
    """P(type | sentence) for each sentence; empty dicts when there is no model."""
    h = head()
    if h is None:
        return [{} for _ in sentences]
    probs = h.probabilities(sentences)
    return [dict(zip(h.labels, map(float, row), strict=True)) for row in probs]


def features(lexicon_match: bool, p_type: float, p_none: float) -> np.ndarray:
    return np.array([1.0, float(lexicon_match), p_type, p_none, float(lexicon_match) * p_type])


def combine(lexicon_match: bool, p_type: float, p_none: float) -> float:
    """One calibrated confidence that the candidate's type is right, from the lexicon's vote and the
    model's probabilities (weights fitted on the held-out split by classify/train.py)."""
    h = head()
    if h is None:
        return 0.75 if lexicon_match else 0.0
    z = float(features(lexicon_match, p_type, p_none) @ h.calibration)
    return 1.0 / (1.0 + np.exp(-z))
