"""Retrain the learned head from the corpus, reproducibly: `python scripts/train_classifier.py`.

1. Featurise the train split (MiniLM embedding + static token-vector average + word uni/bigram TF-IDF for
   the full head, the last two for the fast head); fit multinomial logistic regressions (fixed solver, no
   randomness).
2. Calibrate: on out-of-fold probabilities of the train split, fit a small logistic regression that turns
   (lexicon vote, P(type), P(no event), a phrase's vote) into the probability that a candidate's type is right.
3. Cascade (the full kind): the fast head decides where it is sure, the full head elsewhere; the
   cascade's own calibration comes from the same out-of-fold probabilities.
4. Save labels, vocabulary, both heads' weights, biases and the three calibrations to classify/model.npz.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from eventwire.classify import corpus
from eventwire.classify.embed import embed, static_embed
from eventwire.classify.learned import MODEL_FILE, NO_EVENT, decides, features, tfidf

Lex = tuple[list[set[str]], list[set[str]]]  # per text: the types the lexicon found, and those found by a phrase


def lexicon_types(texts: list[str]) -> Lex:
    """The types of the events the lexicon finds happening in each text, as the pipeline tells the model, and
    those of them a word found with its cue."""
    from eventwire import nlp
    from eventwire.classify import found_types, lexicon_labels
    from eventwire.extract.predicates import candidates

    found, phrased = [], []
    for doc in nlp.parse_many(texts):
        cands = candidates(doc)
        labels = lexicon_labels(cands)
        found.append(found_types(cands, labels))
        phrased.append(found_types(cands, labels, phrase=True))
    return found, phrased


def calibration_rows(probs: np.ndarray, labels: list[str], gold: list[str], lex: Lex):
    x, y = [], []
    none_idx = [labels.index(n) for n in NO_EVENT if n in labels]
    for row, g, proposed, phrased in zip(probs, gold, *lex, strict=True):
        p_none = float(row[none_idx].sum())
        top = labels[int(np.argmax(row))]
        for t in proposed | ({top} - NO_EVENT):
            if t in labels:
                x.append(features(t in proposed, float(row[labels.index(t)]), p_none, t in phrased))
                y.append(int(t == g))
    return np.array(x), np.array(y)


def train(out: Path, c: float = 32.0) -> dict[str, float]:
    """Fit the full head (MiniLM + static + TF-IDF), the fast head (static + TF-IDF) and the cascade's calibration."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    examples = corpus.load("train")
    texts, gold = [e.text for e in examples], [e.event for e in examples]
    tf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2).fit(texts)
    vocab = {str(g): int(i) for g, i in tf.vocabulary_.items()}
    words = tfidf(texts, vocab, tf.idf_)
    lex = lexicon_types(texts)
    static = static_embed(texts)
    full = _fit(np.hstack([embed(texts), static, words]), gold, lex, c)
    fast = _fit(np.hstack([static, words]), gold, lex, c)
    cascade = _cascade(fast, full, gold, lex)
    grams = sorted(vocab, key=vocab.__getitem__)
    np.savez_compressed(out, labels=np.array(full["labels"]), vocab=np.array(grams), idf=tf.idf_.astype(np.float32),
                        weights=full["weights"], bias=full["bias"], calibration=full["calibration"],
                        fast_weights=fast["weights"], fast_bias=fast["bias"], fast_calibration=fast["calibration"],
                        cascade_calibration=cascade["calibration"])  # fmt: skip
    return {
        "train_sentences": len(texts),
        "out_of_fold_accuracy": full["accuracy"],
        "fast_out_of_fold_accuracy": fast["accuracy"],
        "cascade_out_of_fold_accuracy": cascade["accuracy"],
        "cascade_embedded_share": cascade["embedded"],
    }


def _cascade(fast: dict, full: dict, gold: list[str], lex: Lex) -> dict:
    """The full kind's cascade (the fast head's call where it decides alone, else the full head's) and its
    calibration, from the same out-of-fold probabilities."""
    labels = fast["labels"]
    unsure = np.array([not decides(dict(zip(labels, row, strict=True)), found)
                       for row, found in zip(fast["oof"], lex[0], strict=True)])  # fmt: skip
    probs = np.where(unsure[:, None], full["oof"], fast["oof"])
    return {**_calibrated(probs, labels, gold, lex), "embedded": round(float(unsure.mean()), 3)}


def _calibrated(oof: np.ndarray, labels: list[str], gold: list[str], lex: Lex) -> dict:
    """The calibration fitted on out-of-fold probabilities, and their accuracy."""
    from sklearn.linear_model import LogisticRegression

    x, y = calibration_rows(oof, labels, gold, lex)
    cal = LogisticRegression(C=10.0, max_iter=2000, fit_intercept=False).fit(x, y)
    accuracy = float(np.mean(np.array(labels)[oof.argmax(axis=1)] == np.array(gold)))
    return {"calibration": cal.coef_[0].astype(np.float64), "accuracy": round(accuracy, 3)}


def _fit(vectors: np.ndarray, gold: list[str], lex: Lex, c: float) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(vectors, gold)
    labels = [str(x) for x in clf.classes_]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    oof = cross_val_predict(LogisticRegression(C=c, max_iter=5000, class_weight="balanced"), vectors, gold,
                            cv=folds, method="predict_proba")  # fmt: skip
    return {"labels": labels, "weights": clf.coef_.astype(np.float32), "bias": clf.intercept_.astype(np.float32),
            "oof": oof, **_calibrated(oof, labels, gold, lex)}  # fmt: skip


def default_path() -> Path:
    return Path(__file__).with_name(MODEL_FILE)
