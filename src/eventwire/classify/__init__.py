"""Decide what happened: the PLOVER type and CAMEO code of a candidate predicate."""

from __future__ import annotations

from eventwire.classify.lexicon import lexicon
from eventwire.model import Candidate

MUTUAL = {"CONSULT", "AGREE", "COOPERATE"}


def classify(cand: Candidate) -> tuple[str, str, str] | None:
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
    cand.mutual = cand.mutual or label[0] in MUTUAL
    return label
