"""The learned half of the classifier: a logistic-regression head over a sentence's MiniLM embedding,
its static token-vector average and its word uni/bigram TF-IDF, trained on the project's corpus
(classify/train.py) and shipped as classify/model.npz (about 3 MB). Inference needs only numpy, onnxruntime and tokenizers."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import numpy as np

from eventwire.classify.embed import DIM, embed, static_embed

MODEL_FILE = "model.npz"


WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def ngrams(text: str) -> list[str]:
    words = WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def tfidf_rows(texts: list[str], vocab: dict[str, int], idf: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Sublinear TF-IDF, L2-normalised, one sparse row (indices, values) per text: the same numbers as
    scikit-learn's TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) fitted on the training sentences."""
    rows = []
    for text in texts:
        counts = Counter(vocab[g] for g in ngrams(text) if g in vocab)
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        vals = np.array([(1.0 + math.log(n)) for n in counts.values()], dtype=np.float32) * idf[idx]
        norm = np.linalg.norm(vals)
        rows.append((idx, vals / norm if norm > 0 else vals))
    return rows


def tfidf(texts: list[str], vocab: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """The same as a dense matrix (for training)."""
    out = np.zeros((len(texts), len(vocab)), dtype=np.float32)
    for i, (idx, vals) in enumerate(tfidf_rows(texts, vocab, idf)):
        out[i, idx] = vals
    return out


# fast: static token vectors + TF-IDF (no transformer, near lexicon speed); full: a cascade, the fast head for the
# sentences it can decide (see decides) and MiniLM embedding + static + TF-IDF for the rest
KINDS = ("full", "fast")
# The fast head decides alone when this sure. On the corpus's held-out split 0.6 is as accurate as 0.9, but on
# news the fast head is overconfident: at 0.6 it calls "Nowak later criticised Hungary" no event. 0.8 costs 0.001
# of held-out F1 against 0.9 and spares the transformer a fifth of its sentences.
SURE = 0.8
# ... or when it agrees with the lexicon and is at least this sure: the transformer then rarely disagrees, and
# embeds 19% of the bundled samples' sentences instead of 60% (at 0.4: 23%, held-out F1 0.002 higher; 0.3 keeps
# classification within 30% of spaCy's time on a loaded machine)
AGREED = 0.3


@dataclass(frozen=True)
class Head:
    name: str  # what the features are, for decided_by
    labels: list[str]  # PLOVER types, STATEMENT, NONE
    weights: np.ndarray  # (n_labels, [384 MiniLM +] 384 static + len(vocab) TF-IDF)
    bias: np.ndarray  # (n_labels,)
    vocab: dict[str, int]
    idf: np.ndarray
    calibration: np.ndarray  # logistic calibration of a candidate's confidence (see confidence)
    backup: Head | None = None  # a costlier head for the sentences this one is unsure of

    def sentence_probabilities(
        self, sentences: list[str], found: list[set[str]] | None = None
    ) -> list[dict[str, float]]:
        """P(type | sentence) for each sentence. `found`: the event types the lexicon found each sentence
        asserting (classify.found_types), which let a cascade's fast head decide more sentences alone."""
        if not sentences:
            return []
        # the static vectors and the TF-IDF rows are computed once: a backup shares this head's vocabulary
        static, words = static_embed(sentences), tfidf_rows(sentences, self.vocab, self.idf)
        probs = self._probabilities(sentences, static, words)
        if self.backup is not None:
            found = found or [set() for _ in sentences]
            unsure = [i for i, p in enumerate(probs) if not decides(p, found[i])]
            if unsure:
                redone = self.backup._probabilities([sentences[i] for i in unsure], static[unsure],
                                                    [words[i] for i in unsure])  # fmt: skip
                for i, p in zip(unsure, redone, strict=True):
                    probs[i] = p
        return probs

    def _probabilities(self, sentences: list[str], static: np.ndarray,
                       words: list[tuple[np.ndarray, np.ndarray]]) -> list[dict[str, float]]:  # fmt: skip
        n_dense = self.weights.shape[1] - len(self.vocab)
        dense = np.hstack([embed(sentences), static]) if n_dense > DIM else static  # MiniLM only in the full head
        logits = np.tile(self.bias, (len(sentences), 1)) + dense @ self.weights[:, :n_dense].T
        vocab_weights = self.weights[:, n_dense:]  # sparse: a sentence touches a few dozen of the vocabulary's columns
        for i, (idx, vals) in enumerate(words):
            logits[i] += vocab_weights[:, idx] @ vals
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in p]

    def confidence(self, lexicon_match: bool, p_type: float, p_none: float, phrase: bool = False) -> float:
        """One calibrated confidence that a candidate's type is right, from the lexicon's vote (`phrase`: by a
        word with its cue, "lifted sanctions", not the word alone) and the model's probabilities (calibration
        fitted on out-of-fold predictions by classify/train.py)."""
        z = float(features(lexicon_match, p_type, p_none, phrase) @ self.calibration)
        return float(1.0 / (1.0 + np.exp(-z)))


NO_EVENT = {"NONE", "STATEMENT"}


def decides(probs: dict[str, float], found: set[str]) -> bool:
    """Whether a cascade's fast head decides a sentence alone: it is sure, or fairly sure of what the lexicon
    found there (a type it asserts, or no event beyond a statement)."""
    top = max(probs, key=lambda t: probs[t])
    agreed = top in found or (top in NO_EVENT and found <= NO_EVENT)
    return probs[top] >= SURE or (agreed and probs[top] >= AGREED)


@cache
def head(kind: str = "full") -> Head | None:
    """The trained head of a kind ("full" or "fast"), or None when no model file is installed."""
    f = resources.files(__package__).joinpath(MODEL_FILE)
    if kind not in KINDS or not f.is_file():
        return None
    with f.open("rb") as fh:
        z = np.load(fh, allow_pickle=False)
        labels, vocab = [str(x) for x in z["labels"]], {str(g): i for i, g in enumerate(z["vocab"])}
        fast = Head("static+tfidf", labels, z["fast_weights"], z["fast_bias"], vocab, z["idf"], z["fast_calibration"])
        if kind == "fast":
            return fast
        full = Head("minilm", labels, z["weights"], z["bias"], vocab, z["idf"], z["calibration"])
        return replace(fast, name="cascade", calibration=z["cascade_calibration"], backup=full)


def features(lexicon_match: bool, p_type: float, p_none: float, phrase: bool = False) -> np.ndarray:
    return np.array([1.0, float(lexicon_match), p_type, p_none, float(lexicon_match) * p_type, float(phrase)])
