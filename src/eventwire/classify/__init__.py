"""Decide what happened: the PLOVER type and CAMEO code of a candidate predicate."""

from __future__ import annotations

from eventwire.classify.learned import combine
from eventwire.classify.lexicon import lexicon
from eventwire.extract.modality import REPORTING
from eventwire.model import Candidate
from eventwire.ontology import STATEMENT, default_cameo

MUTUAL = {"CONSULT", "AGREE", "COOPERATE"}
MODEL_MIN = 0.35  # the model codes a sentence on its own only when it is at least this sure
OVERRULE = 0.6  # ... and retypes a lexicon match only when at least this sure


Label = tuple[str, str, str]  # (type, cameo, decided_by)


def classify_sentence(cands: list[Candidate], probs: dict[str, float]) -> list[Label | None]:
    """Type every candidate of one sentence. The learned model's probabilities are about the sentence as a
    whole, so they inform only a main-clause event (the root, or what the root reports: "X said Y attacked"):
    its confidence combines lexicon and model (learned.combine), and when it is the sentence's only event word
    the model may retype it. Subordinate events ("After talks with X, Y said ...") keep the lexicon's confidence."""
    labels = [classify(c) for c in cands]
    events = [i for i, label in enumerate(labels) if label and label[0] != STATEMENT]
    for i in events if probs else []:
        label = labels[i]
        assert label is not None
        if not _main_clause(cands[i]):
            continue
        if len(events) == 1:
            label = _overrule(cands[i], label, probs)
        cands[i].confidence = combine(label[2].startswith("lexicon"), probs.get(label[0], 0.0), no_event(probs))
        labels[i] = label
    return labels


def _main_clause(cand: Candidate) -> bool:
    tok = cand.light or cand.head
    if tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "ROOT":
        return True
    return tok.dep_ in ("ccomp", "xcomp") and tok.head.dep_ == "ROOT" and tok.head.lemma_.lower() in REPORTING


def classify(cand: Candidate) -> Label | None:
    """(type, cameo, decided_by) from the lexicon; None when the predicate is not an event."""
    lex = lexicon()
    head = cand.head.lemma_.lower()
    if cand.kind == "verb":
        label = lex.lookup(lex.verbs, head, cand.cues)
        cand.confidence = 0.8 if label and "+" in label[2] else 0.75
    else:
        noun = head if head in lex.nouns else cand.head.lower_
        label = None
        if cand.light is not None:  # "reached an agreement", "opened fire": the verb may refine the noun
            rule = lex.verbs.get(cand.light.lemma_.lower())
            if rule is not None and noun in rule.refine:
                label = lex.lookup(lex.verbs, cand.light.lemma_.lower(), [noun])
                if label is None:
                    return None
        label = label or lex.lookup(lex.nouns, noun, cand.cues)
        cand.confidence = 0.8 if cand.light is not None else 0.65
    if label is None:
        return None
    cand.mutual = cand.mutual or label[0] in MUTUAL  # retyping keeps the word's own reciprocity
    return label


def _overrule(cand: Candidate, label: Label, probs: dict[str, float]) -> Label:
    """The model retypes the sentence's main predicate when it is sure and the lexicon's type is, to it,
    implausible ("ordered the ambassador to leave" is an expulsion, not a demand)."""
    top = max(probs, key=lambda t: probs[t])
    if top not in (label[0], "NONE", STATEMENT) and probs[top] >= OVERRULE and probs.get(label[0], 0) < 0.05:
        return top, default_cameo(top), f"model:minilm (over {label[2]})"
    return label


def no_event(probs: dict[str, float]) -> float:
    return probs.get("NONE", 0.0) + probs.get(STATEMENT, 0.0)


def model_label(probs: dict[str, float]) -> tuple[str, str, str, float] | None:
    """The model's own call for a sentence the lexicon found nothing in: (type, cameo, rule, confidence)."""
    if not probs:
        return None
    typ = max(probs, key=lambda t: probs[t])
    if typ in ("NONE", STATEMENT) or probs[typ] < MODEL_MIN:
        return None
    return typ, default_cameo(typ), "model:minilm", combine(False, probs[typ], no_event(probs))
