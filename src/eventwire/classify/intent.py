"""Saying what one will or will not do is an event of its own, and asking another to do it is refined by it: a stated intention to cooperate is AGREE
(CAMEO 03), to hurt is THREATEN (13), and a refusal to cooperate is REJECT (12). "Said it would resume
loans", "plans to reopen the crossing", "vowed to strike back", "declined to release the detainees". Saying
what another must do is a demand (REQUEST 10): "the EU said Russia must withdraw its troops".

The intended act's CAMEO code picks the intention's code: CAMEO gives most cooperative and hostile
categories a twin among the intents, threats and refusals (072 military aid -> 0332 intent to provide
military aid -> 1222 reject request for military aid)."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.classify.lexicon import lexicon
from eventwire.extract.modality import reporter, sets_condition
from eventwire.model import Argument, Candidate, Modality
from eventwire.nlp import phrase
from eventwire.ontology import cameo, cameo_table, quad_class

# verbs whose subject commits itself to its complement ("plans to reopen"); not appeals ("urged X to ..."),
# nor "agreed to", an event of its own whose complement may be any kind of act ("agreed to demonstrate")
SELF_COMMITTING = {
    "plan", "intend", "aim", "prepare", "seek", "want", "decide", "promise", "pledge", "vow", "commit",
    "resolve", "offer", "threaten", "move", "ready", "willing", "prepared", "eager", "determined", "keen", "poised",
}  # fmt: skip
REFUSING = {"decline", "refuse", "unwilling"}
OFFERING = {"offer", "promise", "pledge", "volunteer"}  # what one offers is no threat
INTENTION, REFUSAL, DEMAND, DISAGREEMENT = "intention", "refusal", "demand", "disagreement"
RESTATED = (f">{INTENTION}", f">{REFUSAL}", f">{DEMAND}")  # how a restated candidate's rule ends
# how an agreement fails to happen: "failed to reach a deal", "were unable to agree", "ended without an accord",
# "no agreement was reached", "did not agree"
FAILING = {"neg:fail", "intent:unable", "without", "neg:no"}

# by CAMEO root: (general code, {subcategory digit: specific code})
INTENTIONS = {
    "04": ("036", {}),
    "05": ("032", {"7": "030"}),
    "06": ("031", {"1": "0311", "2": "0312", "3": "0313", "4": "0314"}),
    "07": ("033", {"1": "0331", "2": "0332", "3": "0333", "4": "0334"}),
    "08": ("035", {"1": "0351", "2": "0352", "3": "034", "4": "0353", "5": "0354", "6": "0355", "7": "0356"}),
    "14": ("133", {}),
    "15": ("138", {}),
    "16": ("131", {"1": "1313", "2": "1311", "3": "1312", "4": "134", "5": "135", "6": "136"}),
    "17": ("137", {}),
    "18": ("138", {}),
    "19": ("138", {"2": "1382"}),
    "20": ("1383", {}),
}
REFUSALS = {
    "03": ("120", {}),
    "04": ("125", {}),
    "05": ("120", {"7": "127"}),
    "06": ("121", {"1": "1211", "2": "1212"}),
    "07": ("122", {"1": "1221", "2": "1222", "3": "1223", "4": "1224"}),
    "08": ("124", {"1": "1241", "2": "1242", "3": "123", "4": "1243", "5": "1244", "6": "1245", "7": "1246"}),
}


def _twin(table: dict[str, tuple[str, dict[str, str]]], code: str) -> str | None:
    general, specific = table.get(code[:2], (None, {}))
    return specific.get(code[2:3], general)


def _intention(code: str) -> str | None:
    if cameo(code).plover in ("AGREE", "THREATEN"):
        return code  # "will sign the accord", "plans to threaten": already an intention or a threat
    return _twin(INTENTIONS, code)


def restate(cand: Candidate, code: str, main: bool) -> tuple[str, str, str] | None:
    """(type, cameo, note) when the candidate is an act its own doer says it will, or will not, do;
    None otherwise. `main`: the candidate is what the sentence asserts (the root, or what it reports)."""
    m = cand.modality
    if m.historical or m.reason == "conditional" or _alleged(cand):
        return None
    if _failed(cand) and (cameo(code).plover == "AGREE" or code.startswith("057")):
        return "REJECT", "120", DISAGREEMENT  # the parties disagreed: a rejection each of the other
    if main and demanded(cand):
        return "REQUEST", "100" if m.negated else requested("100", code), DEMAND
    if main and m.reason in ("modal:could", "modal:might") and _on_condition(cand) and not m.negated:
        twin = _intention(code)  # "said it might restrict exports to Japan if Tokyo joined": a threat
        return ("THREATEN", twin, INTENTION) if twin and cameo(twin).plover == "THREATEN" else None
    direct = _own_intention(cand, code)
    if _refused(m, main, direct) and (twin := _twin(REFUSALS, code)):
        return "REJECT", twin, REFUSAL
    if not m.negated and _intended(m, main, direct) and (twin := _intention(code)):
        if cameo(twin).plover == "THREATEN" and (m.reason or "").removeprefix("intent:") in OFFERING:
            twin = "031"  # "offered to send troops to help": an offer of material cooperation, not a threat
        return cameo(twin).plover, twin, INTENTION
    return None


def _alleged(cand: Candidate) -> bool:
    """ "accused Ethiopia of seeking to seize the port": what one party says another intends is its accusation, no
    intention anyone expressed."""
    tok = cand.light if cand.light is not None else cand.head
    while tok.dep_ not in ("ROOT", "conj"):  # "condemned the sanctions and vowed to retaliate" vows all the same
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in ALLEGING:
            return True
    return False


def _failed(cand: Candidate) -> bool:
    """The act did not come about, as a past fact ("did not agree"), not a pending one ("have not yet agreed")."""
    if cand.modality.reason in FAILING:
        return True
    words = {c.lower_ for c in (cand.light if cand.light is not None else cand.head).children}
    return cand.modality.reason in ("neg:not", "neg:n't", "neg:never") and "did" in words and "yet" not in words


def _sayer_and_doers(cand: Candidate) -> tuple[Token | None, list[Token]]:
    said = reporter(cand.light if cand.light is not None else cand.head)
    return (said[1] if said else None), [a.span.root for a in cand.args if a.role == "actor"]


def _doer_is(sayer: Token, doer: Token) -> bool:
    return doer.tag_ == "PRP" or doer.lower_ == sayer.lower_  # "Tokyo said it ...", "the ministry said the ministry"


ALLEGING = {"accuse", "blame", "allege", "suspect", "charge", "condemn", "criticize", "criticise", "denounce"}
DEMANDING = {"modal:must", "modal:should"}  # "said Russia must withdraw", "said Washington should stop"


def demanded(cand: Candidate) -> bool:
    """Someone says another party must or should do the act: their demand of that party."""
    return cand.modality.reason in DEMANDING and _demander(cand) is not None


def _demander(cand: Candidate) -> Token | None:
    """Who says another must act: "the EU said Russia must withdraw" (not "China said it must defend itself",
    an obligation it sets itself)."""
    sayer, doers = _sayer_and_doers(cand)
    return sayer if sayer is not None and doers and not any(_doer_is(sayer, d) for d in doers) else None


def _on_condition(cand: Candidate) -> bool:
    """The sayer's own act, on a condition put to another: "said it could pull its staff out if ..."."""
    sayer, doers = _sayer_and_doers(cand)
    verb = cand.light if cand.light is not None else cand.head
    conditioned = any(sets_condition(c) for c in verb.children)
    return conditioned and sayer is not None and bool(doers) and all(_doer_is(sayer, d) for d in doers)


def address(cand: Candidate) -> None:
    """A demand is its sayer's, made of the one who must act."""
    sayer = _demander(cand)
    assert sayer is not None
    doers = [a for a in cand.args if a.role == "actor"]
    cand.args = [Argument(phrase(sayer), "actor", "demander"), *(Argument(a.span, "recipient", "must") for a in doers)]


def _own_intention(cand: Candidate, code: str) -> bool:
    """The predicate is the committing verb's complement ("vowed to strike back"), or lies inside a
    complement of the same kind ("pledged to provide loans"), not inside an act of the other kind
    ("threatened to suspend the talks": the talks are what is threatened, not a promise to talk)."""
    if cand.kind == "noun" and any(c.dep_ == "poss" and c.pos_ != "PRON" for c in cand.head.children):
        return False  # "pledged to counter North Korea's growing threat": another's act, no intention of the pledger
    tok = cand.light if cand.light is not None else cand.head
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    if tok.dep_ in ("xcomp", "ccomp"):
        return True
    for _ in range(6):
        if tok.dep_ in ("xcomp", "ccomp", "ROOT"):
            break
        tok = tok.head
    particles = [c.lemma_.lower() for c in tok.children if c.dep_ in ("prt", "prep")]  # "walk out of the talks"
    act = lexicon().lookup(lexicon().verbs, tok.lemma_.lower(), particles)
    return act is None or (quad_class(act[1]) >= 3) == (quad_class(code) >= 3)


def _intended(m: Modality, main: bool, direct: bool) -> bool:
    reason = m.reason or ""
    if reason.startswith("intent:"):
        return direct and reason.removeprefix("intent:") in SELF_COMMITTING
    return main and (m.future or reason == "modal:would")


def _refused(m: Modality, main: bool, direct: bool) -> bool:
    reason = m.reason or ""
    if reason.removeprefix("neg:").removeprefix("intent:") in REFUSING:
        return direct
    return main and will_not(m)


def will_not(m: Modality) -> bool:
    """ "said it will not withdraw", "would not bow to pressure": a refusal in the doer's own words."""
    return m.negated and (m.future or m.reason == "modal:would")


def stance(cand: Candidate) -> str | None:
    """A clause that is a refusal (REFUSAL: "said it will not withdraw") or a demand of another party (DEMAND:
    "said Russia must withdraw") by its modality alone, whatever its verb; else None."""
    if will_not(cand.modality):
        return REFUSAL
    return DEMAND if demanded(cand) else None


def expressed(m: Modality, note: str) -> None:
    """The saying happened, whatever the act's own modality: a promise, a threat or a refusal."""
    m.negated = m.hypothetical = m.future = False
    m.reason = f"{note} expressed"


def requested(request_code: str, act_code: str) -> str:
    """The code of an appeal (02x) or demand (10x) refined by the act asked for: CAMEO mirrors its intents
    there ("urged Israel to release" 0353 -> 0253, "demanded the release" -> 1053)."""
    twin = _intention(act_code) if request_code[:2] in ("02", "10") else None
    if twin is None or not twin.startswith("03"):  # no appeal twin for hostile acts
        return request_code
    code = request_code[:2] + twin[2:]
    return code if code in cameo_table() else request_code


def intended(code: str, act_code: str) -> str:
    """The code of a plain promise or threat refined by the act it commits to: CAMEO's intent twin ("pledged
    military aid" 072 -> 0332, "agreed to hold talks" 040 -> 036, "threatened sanctions" 163 -> 1312)."""
    twin = _intention(act_code) if code in ("030", "130") else None
    return twin if twin is not None and twin[:2] == code[:2] and twin in cameo_table() else code


def rejected(reject_code: str, act_code: str) -> str:
    """The code of a plain rejection refined by what it turns down: CAMEO's refusal twin of the act
    ("ruled out talks" 040 -> 125, "rejected the ceasefire" 0871 -> 1246)."""
    twin = _twin(REFUSALS, act_code) if reject_code == "120" else None
    return twin if twin is not None and twin in cameo_table() else reject_code
