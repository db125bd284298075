"""Decide what happened: the PLOVER type and CAMEO code of a candidate predicate."""

from __future__ import annotations

import dataclasses
from datetime import date

from spacy.tokens import Token

from eventwire.classify.intent import (
    DEMAND,
    DISAGREEMENT,
    REFUSAL,
    RESTATED,
    address,
    expressed,
    intended,
    rejected,
    requested,
    restate,
    stance,
)
from eventwire.classify.learned import NO_EVENT, Head
from eventwire.classify.lexicon import amount_of, cues, lexicon
from eventwire.extract.modality import OCCURRING, REPORTING, assess, negation, to_infinitive
from eventwire.extract.predicates import DOCUMENTS, misread_first_predicate
from eventwire.model import Candidate
from eventwire.nlp import clause_above, head_of, where_clause
from eventwire.ontology import STATEMENT, default_cameo, quad_class

MUTUAL = {"CONSULT", "AGREE", "COOPERATE"}  # reciprocal: "X and Y agreed" is X->Y and Y->X
MUTUAL_CODES = ("057",)  # and, of the other types, signing an agreement (SUPPORT 057)
MODEL_MIN = 0.35  # the model codes a sentence on its own only when it is at least this sure
OVERRULE = 0.6  # ... and retypes a lexicon match only when at least this sure
IMPLAUSIBLE = 0.05  # ... and gives the lexicon's type less than this
SUBORDINATE = 0.1  # confidence factor of events outside the main clause when the model is sure of another
BACKGROUND = 0.5  # ... and of events a relative clause tells beside a main-clause event


def mutual(typ: str, code_: str | None, decided_by: str) -> bool:
    """Whether an act is reciprocal between parties named together: its type, a signing, a lexicon rule's
    mutual act ("restored ties", "swapped prisoners"), an agreement that failed."""
    return (typ in MUTUAL or (code_ or "").startswith(MUTUAL_CODES) or lexicon().mutual(decided_by)
            or decided_by.endswith(DISAGREEMENT))  # fmt: skip


Label = tuple[str, str, str]  # (type, cameo, decided_by)


def lexicon_labels(cands: list[Candidate], published: date | None = None) -> list[Label | None]:
    """The lexicon's label of every candidate of one sentence, its modality assessed."""
    return _refined_by_object(cands, [typed(c, published) for c in cands])


def found_types(cands: list[Candidate], labels: list[Label | None], phrase: bool = False) -> set[str]:
    """The types of the events the lexicon found a sentence asserting (what the sentence model is told);
    with `phrase`, those a word found with its cue ("lifted sanctions")."""
    return {label[0] for c, label in zip(cands, labels, strict=True)
            if label and c.modality.realized and asserted(c, label) and (not phrase or _phrase(label))}  # fmt: skip


def _relative(cand: Candidate) -> bool:
    tok = cand.light or cand.head
    return any(t.dep_ == "relcl" for t in (tok, *tok.ancestors))


def _phrase(label: Label) -> bool:
    return label[2].startswith("lexicon") and "+" in label[2]


def classify_sentence(
    cands: list[Candidate], labels: list[Label | None], probs: dict[str, float], model: Head | None
) -> list[Label | None]:
    """Weigh the lexicon's labels of one sentence's candidates with the learned model. Its probabilities are
    about the sentence's main event, so they inform main-clause candidates (the root, or what the root reports:
    "X said Y attacked"): their confidence combines lexicon and model (Head.confidence), and a sure model
    retypes one whose type it finds implausible. Subordinate events of another type than the model's yield
    to the main one."""
    labels = list(labels)
    if not probs or model is None:
        return labels
    top = model_top(probs)
    main = {i: lab[0] for i, lab in enumerate(labels) if lab and lab[0] != STATEMENT and asserted(cands[i], lab)}
    # a sentence asserting two events ("condemned the arrests and called for a release") splits the model's
    # belief between their types: each is as likely as either
    shared = sum(probs.get(t, 0.0) for t in set(main.values()))
    alone = len(set(main.values())) == 1  # with two asserted types, the model sees one and misses the other
    for i, label in enumerate(labels):
        if label is None or label[0] == STATEMENT:
            continue
        if i not in main:
            # "released them after a visit by X"; but a setting the sentence opens with stands when only the
            # model sees the main event; and "condemned the strikes" judges an act the strikes' own report codes
            sure = top and top[1] >= OVERRULE and label[0] != top[0] and (main or not _setting(cands[i]))
            if main and _relative(cands[i]):  # "X, who had travelled to Y, was deported": background, ranked below
                cands[i].confidence *= BACKGROUND
            if sure or any(_judges_noun(cands[j], labels[j], cands[i]) for j in main):
                cands[i].confidence *= SUBORDINATE
            continue
        about = _about(cands, labels, i) - {label[0]}
        if top and top[0] not in main.values() and any(lab and lab[0] == top[0] for lab in labels):
            about.add(top[0])  # the model sees a subordinate event the lexicon found, not this one in disguise:
            # the protest of "fired tear gas at demonstrators protesting against taxes"
        if top and top[0] != label[0] and _stance_elsewhere(cands, labels, i, top[0]):
            about.add(top[0])
        if top and top[0] != label[0] and top[1] >= OVERRULE and _reversed(cands[i], label, top[0]):
            continue  # the model reads what the lexicon's words rule out: it does not weigh in on them
        if (alone and top and top[0] != label[0] and top[1] >= OVERRULE and probs.get(label[0], 0.0) < IMPLAUSIBLE
                and top[0] not in about):  # fmt: skip
            label = top[0], _own_code(cands[i], top[0]), f"model:{model.name} (over {label[2]})"
        lexical = label[2].startswith("lexicon")
        # what the model sees of the act asked for, judged or beside it speaks for a lexicon label
        p_type = shared + sum(probs.get(t, 0.0) for t in about) if lexical else probs.get(label[0], 0.0)
        cands[i].confidence = model.confidence(lexical, p_type, no_event(probs), _phrase(label))
        labels[i] = label
    return labels


STANCES = {"REJECT": REFUSAL, "REQUEST": DEMAND}  # the type of what a stance (intent.stance) says


def _stance_elsewhere(cands: list[Candidate], labels: list[Label | None], i: int, typ: str) -> bool:
    """The refusal or demand the model sees may be another clause's, in words the lexicon does not know: "said
    Tehran would not accept any change, but he congratulated both neighbors" congratulated them all the same."""
    if (wanted := STANCES.get(typ)) is None:
        return False
    for j, cand in enumerate(cands):
        if j == i or labels[j] is not None or cand.head.pos_ != "VERB":
            continue
        if stance(dataclasses.replace(cand, modality=assess(cand, None))) == wanted:
            return True
    return False


def _reversed(cand: Candidate, label: Label, typ: str) -> bool:
    """The model would turn a phrase the lexicon knows, an intention or refusal read from one, or what a document
    says to the other side ("lifted its ban on imports" is no ban, "would impose counter-tariffs" no agreement,
    "adopted a statement condemning the coup" no support: the model reads the adoption), or a violent act into
    words ("killed dozens of 'terrorists'" is no accusation)."""
    side = {1: "coop", 2: "coop", 3: "conflict", 4: "conflict"}
    tok = cand.light or cand.head
    told = "+" in label[2] or ">" in label[2] or (tok.dep_ == "acl" and tok.head.lemma_.lower() in DOCUMENTS)
    turned = told and side.get(quad_class(label[1])) != side.get(quad_class(default_cameo(typ)))
    return turned or (label[0] == "ASSAULT" and quad_class(default_cameo(typ)) in (1, 3))


def _about(cands: list[Candidate], labels: list[Label | None], i: int) -> set[str]:
    """The types of the acts candidate i asks for or judges. "Pressed Israel to accept a truce plan" asks for
    an AGREE, "thanked Washington for the package of military aid" judges an AID: that is what the model then
    sees in the sentence, while the pressing stays a REQUEST and the thanks SUPPORT."""
    verb, label = cands[i].head, labels[i]
    named = _cue_act(label) if label else set()  # "invited X to talks" (lexicon:invite+to:talk): the talks
    return {lab[0] for lab in _asked_labels(cands, labels, verb)} | (_judged(label, verb) if label else set()) | named


def _cue_act(label: Label) -> set[str]:
    """The type of the event noun in the cue a lexicon label was refined by ("lexicon:invite+to:talk": CONSULT)."""
    noun = label[2].partition("+")[2].split(">")[0].rpartition(":")[2]
    rule = lexicon().nouns.get(noun) if label[2].startswith("lexicon") else None
    return {rule.default.split()[0]} if rule and rule.default else set()


def _own_code(cand: Candidate, typ: str) -> str:
    """The code of a retyped candidate: its word's own code when that word is of the model's type ("signed a
    ceasefire" retyped as SUPPORT: signing, 057), else the type's generic one."""
    lex = lexicon()
    words = [(lex.verbs if cand.kind == "verb" else lex.nouns, cand.head)]
    if cand.light is not None:
        words.append((lex.verbs, cand.light))
    for table, tok in words:
        rule = table.get(tok.lemma_.lower())
        if rule and rule.default and rule.default.split()[0] == typ:
            return rule.default.split()[1]
    return default_cameo(typ)


def _setting(cand: Candidate) -> bool:
    """ "After talks with X in Seoul, Y said ...": an event fronted as the time of the main clause has happened."""
    tok = cand.light or cand.head
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in ("after", "following")
        and prep.head.dep_ == "ROOT"
        and prep.i < prep.head.i
    )


def _refined_by_object(cands: list[Candidate], labels: list[Label | None]) -> list[Label | None]:
    """An appeal or demand takes the code of what it asks for ("called on X to release Y": 0253; "demanded
    the release of Y": 1053), a rejection that of what it turns down ("ruled out talks": 125), a promise or threat
    that of what it commits to ("pledged military aid": 0332), whether the act is a candidate of its own or only the
    verb's object."""
    refine = {"REQUEST": requested, "REJECT": rejected, "AGREE": intended, "THREATEN": intended}
    for i, label in enumerate(labels):
        if label is None or label[0] not in refine or cands[i].kind != "verb":
            continue
        verb = cands[i].head
        acts = [lab[1] for lab in _asked_labels(cands, labels, verb)] + [act[1] for act in _object_acts(verb)]
        if acts:
            labels[i] = label[0], refine[label[0]](label[1], acts[0]), label[2]
    return labels


# verbs that judge an act ("welcomed the withdrawal", "condemned the raid"), unlike those that make it happen
# ("ordered a curfew", "declared a ceasefire")
JUDGING = {"SUPPORT", "ACCUSE"}


def judges(label: Label, verb: Token, typ: str) -> bool:
    """The verb judges an act of type `typ` that is its object: "welcomed the withdrawal of Russian troops" is
    no withdrawal by the welcomer, however sure the model is of a withdrawal in the sentence."""
    return typ in _judged(label, verb)


def _judged(label: Label, verb: Token) -> set[str]:
    """The types of the acts a judging verb takes as its object."""
    return {act[0] for act in _object_acts(verb)} if label[0] in JUDGING else set()


def _asked_labels(cands: list[Candidate], labels: list[Label | None], verb: Token) -> list[Label]:
    """The labels of the sentence's candidates that the verb asks for ("urged X to release": the release)."""
    return [lab for c, lab in zip(cands, labels, strict=True) if lab and _asks(c.light or c.head, verb)]


def _judges_noun(judge: Candidate, label: Label | None, cand: Candidate) -> bool:
    """The candidate is an event noun that a praising or condemning verb takes as its object."""
    if label is None or label[0] not in JUDGING or cand.kind != "noun":
        return False
    return cand.head.dep_ == "dobj" and cand.head.head == (judge.light or judge.head)


def _object_acts(verb: Token) -> list[Label]:
    """The lexicon's labels of the event nouns a verb takes as its object ("demanded the release", "welcomed
    the withdrawal", "called for talks")."""
    lex = lexicon()
    fors = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children if p.dep_ == "pobj"]
    nouns = [t for t in verb.children if t.dep_ == "dobj" and t.pos_ == "NOUN"] + [p for p in fors if p.pos_ == "NOUN"]
    # "thanked Washington for the package of military aid", "pledged $50 million in aid": the aid is the act
    nouns += [p for t in nouns for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]  # fmt: skip
    nouns += [p for t in verb.children if t.dep_ == "dobj" for p in amount_of(t)]
    return [act for t in nouns if (act := lex.lookup(lex.nouns, t.lemma_.lower(), cues(t)))]


def _asks(tok: Token, verb: Token) -> bool:
    return tok.head == verb and (tok.dep_ in ("xcomp", "ccomp", "dobj") or to_infinitive(tok))


def asserted(cand: Candidate, label: Label) -> bool:
    """What the sentence asserts: its main clause, or a promise that "pledged to" makes."""
    return main_clause(cand) or label[2].endswith(RESTATED)


def typed(cand: Candidate, published: date | None) -> Label | None:
    """The lexicon's label with the candidate's modality assessed; what its doer only says it will (not) do
    becomes that saying: a promise, a threat or a refusal (classify/intent.py)."""
    label = classify(cand)
    m = cand.modality = assess(cand, published)
    if label and not m.realized and (restated := restate(cand, label[1], main_clause(cand))):
        typ, code, note = restated
        label = typ, code, f"{label[2]}>{note}"
        if note == DEMAND:
            address(cand)
        expressed(m, note)
    return label


def model_top(probs: dict[str, float]) -> tuple[str, float] | None:
    """The model's most likely event type for the sentence, if it thinks there is an event at all."""
    typ = max(probs, key=lambda t: probs[t]) if probs else None
    return None if typ is None or typ in NO_EVENT else (typ, probs[typ])


def main_clause(cand: Candidate) -> bool:
    """The root's predicate (or a conjunct of it), or the clause a reporting root reports."""
    tok = cand.light or cand.head
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in tok.children):
        tok = tok.head  # "the army refused, while the RSF accused it of looting": both are asserted
    if where_clause(tok):  # "met in Geneva, where they agreed": told as the meeting is
        tok = clause_above(tok) or tok
    if tok.dep_ == "conj":
        first = head_of(tok)
        if negation(first) and not negation(tok):
            return False  # "did not sign a deal, but agreed to meet": the model reads the sentence as the denial
        tok = first
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in OCCURRING:  # "the talks took place"
        tok = tok.head
    if tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.head.dep_ == "ROOT":
        return True  # "retaliated by expelling diplomats": the means is what the main clause did
    if tok.dep_ == "ROOT" or misread_first_predicate(tok):
        return True
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in DOCUMENTS and tok.head.dep_ == "dobj":
        return tok.head.head.dep_ == "ROOT"  # "issued a statement condemning the strikes": the statement says it
    said = tok.head if tok.head.dep_ != "conj" else head_of(tok.head)  # "sent an envoy but said it would not ..."
    return tok.dep_ in ("ccomp", "xcomp") and said.dep_ == "ROOT" and tok.head.lemma_.lower() in REPORTING


def classify(cand: Candidate) -> Label | None:
    """(type, cameo, decided_by) from the lexicon; None when the predicate is not an event."""
    lex = lexicon()
    head = cand.head.lemma_.lower()
    if cand.kind == "verb":
        label = lex.lookup(lex.verbs, head, cand.cues)
        cand.confidence = 0.8 if label and _phrase(label) else 0.75
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
    return label


def no_event(probs: dict[str, float]) -> float:
    return sum(probs.get(t, 0.0) for t in NO_EVENT)


def model_label(probs: dict[str, float], model: Head, statements: bool = False) -> tuple[str, str, str, float] | None:
    """The model's own call for a sentence with no main-clause event word: (type, cameo, rule, confidence).
    With `statements`, also a statement ("Seoul stressed that ..." when the lexicon does not know "stressed")."""
    rule = f"model:{model.name}"
    if statements and probs and max(probs, key=lambda t: probs[t]) == STATEMENT and probs[STATEMENT] >= MODEL_MIN:
        return STATEMENT, default_cameo(STATEMENT), rule, probs[STATEMENT]  # calibration is fitted on event types
    top = model_top(probs)
    if top is None or top[1] < MODEL_MIN:
        return None
    return top[0], default_cameo(top[0]), rule, model.confidence(False, top[1], no_event(probs))
