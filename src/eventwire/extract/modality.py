"""Did it happen? Negation, denial and speculation, conditionals, intent and future, reports, history."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Token

from eventwire.classify.lexicon import amount_of
from eventwire.model import Candidate, Modality
from eventwire.nlp import head_of, infinitive

MODALS = {"would", "could", "might", "may", "should", "can", "must"}
FUTURE = {"will", "shall", "'ll"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
# verbs whose complement has not happened (yet): intent, appeal, proposal, attempt, denial
# "are set to hold drills", "is expected to sign": planned, not done ("slat": the lemmatizer's "slated")
SCHEDULED = {"set", "due", "poised", "schedule", "slate", "slat", "expect"}
IRREALIS_VERBS = SCHEDULED | {
    "want", "plan", "seek", "intend", "aim", "hope", "agree", "promise", "pledge", "vow", "urge", "ask",
    "call", "demand", "propose", "threaten", "warn", "consider", "prepare", "try", "attempt",
    "decide", "offer", "refuse", "fail", "deny", "allow", "enable", "help", "push", "press", "encourage",
    "invite", "order", "authorize", "need", "wish", "prefer", "mull", "weigh", "discuss", "debate",
    "appeal", "request", "insist", "commit", "resolve", "tend", "fear", "dispel", "dismiss", "rule",
    "approve", "vote", "recommend", "suggest", "advocate", "seem", "appear", "accuse", "blame", "allege",
    "refrain", "avoid", "stop", "threat", "respond",
}  # fmt: skip
# verbs whose event-noun object has not happened (yet): "promised assistance", "threatened sanctions"
OFFERED = {
    "promise", "pledge", "offer", "propose", "demand", "seek", "request", "want", "plan", "threaten", "consider",
    "discuss", "debate", "mull", "weigh", "fear", "expect", "vow", "agree", "urge", "recommend",
}  # fmt: skip
# adjectives whose infinitive has not happened: "ready to resume talks", "unlikely to attend", "it is important
# to hold talks"; the assessing ones judge whether an act can or should happen, not whether anyone means to do it
ASSESSING = {"likely", "unlikely", "important", "necessary", "essential", "vital", "crucial", "difficult", "hard",
             "impossible", "possible", "easy"}  # fmt: skip
IRREALIS_ADJECTIVES = ASSESSING | SCHEDULED | {"ready", "willing", "unwilling", "prepared", "eager", "determined",
                                               "keen", "able", "unable", "reluctant"}  # fmt: skip
IRREALIS_NOUNS = {
    "plan", "proposal", "commitment", "intention", "effort", "bid", "attempt", "call", "demand",
    "request", "threat", "ability", "capability", "readiness", "right", "aim", "goal", "need",
    "willingness", "decision", "push", "pledge", "promise", "speculation", "rumor", "rumour", "claim",
    "possibility", "prospect", "idea", "risk", "fear", "option", "allegation", "report", "reports",
    "chance", "hope", "way", "approach", "strategy", "agreement", "deal", "appeal", "order", "warning",
    "concern", "importance", "significance", "reliance", "focus", "role", "pressure", "vote",
}  # fmt: skip
SPECULATION = {
    "speculation",
    "rumor",
    "rumour",
    "rumors",
    "rumours",
    "report",
    "reports",
    "claim",
    "claims",
    "allegation",
    "allegations",
    "suggestion",
    "suggestions",
    "possibility",
    "idea",
}
DENIAL_VERBS = {"deny", "dispel", "dismiss", "reject", "refute", "rule"}
CHARGING_VERBS = {"accuse", "suspect", "charge"}  # "accused Rwanda of sending troops": the sending is a claim
BLOCKING_VERBS = {"veto", "block"}  # "vetoed a statement condemning X", "blocked aid deliveries": neither came about
REPORTING = {
    "say",
    "recall",
    "insist",
    "tell",
    "report",
    "announce",
    "claim",
    "state",
    "add",
    "confirm",
    "allege",
    "write",
    "quote",
    "cite",
    "disclose",
    "reveal",
    "note",
    "accord",
}
NEGATING_VERBS = {"fail", "refrain", "avoid", "decline", "neglect", "stop"}  # "stopped short of imposing"
# an event that would happen to the thing, or would make it happen ("the proposed sanctions", "any attack")
POSSIBLE_EVENT = {"any", "possible", "potential", "proposed", "prospective", "hypothetical", "eventual"}
# what an eventive subject does when it happens: "the strike did not take place", "the truce never took hold"
OCCURRING = {"take", "happen", "occur", "materialise", "materialize", "begin", "start", "resume", "go", "proceed",
             "hold", "come", "open", "end", "conclude", "continue", "intensify", "escalate", "erupt", "rage", "flare",
             "spread"}  # fmt: skip
CHARTERS = {"treaty", "agreement", "accord", "pact", "deal", "alliance", "law", "constitution", "charter",
            "resolution", "decree", "convention", "protocol"}  # fmt: skip
ORDINALS = {"first", "second", "third", "last", "only", "latest"}
INVERTED_CONDITIONAL = {"had", "were", "should"}  # "Had the IMF agreed", "Were Washington to withdraw"
GENERIC = {"previous", "past", "prior", "earlier", "former", "similar", "such", "frequent", "regular", "repeated"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "should", "lest"}
AWAITING_MARKS = {"until", "till", "once", "before"}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")


def _awaited(clause: Token, main: Token) -> bool:
    """ "will not disarm until the army withdraws", "will lift sanctions once Iran complies": the clause is what the
    main act waits on, not something that happened."""
    marked = any(c.dep_ == "mark" and c.lower_ in AWAITING_MARKS for c in clause.children)
    return marked and (negation(main) is not None or bool(_aux(main) & (MODALS | FUTURE)))


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def negation(tok: Token) -> str | None:
    """The word that negates a verb ("not", "never", "neither"), as a reason; None when nothing does."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in NEGATORS):
            return f"neg:{c.lower_}"
    return None


def _unreal(m: Modality, auxiliaries: set[str], future_cue: str, modal_cue: str) -> None:
    """What a verb's auxiliaries make of an act that depends on it: future ("will"), else hypothetical ("could")."""
    word = sorted(auxiliaries)[0]
    if word in FUTURE:
        m.future, m.reason = True, f"{future_cue}:{word}"
    else:
        m.hypothetical, m.reason = True, f"{modal_cue}:{word}"


def assess(cand: Candidate, published: date | None) -> Modality:
    """Walk from the predicate up to the sentence root, collecting the cues that make it unreal."""
    m = Modality()
    head = cand.light if cand.light is not None else cand.head
    for tok in {head, cand.head}:
        if reason := negation(tok):
            m.negated, m.reason = True, reason
    if head.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" for c in [*head.head.children, *head.children]):
        m.negated, m.reason = True, "neg:nor"  # "did not expel the diplomats, nor did it recall its ambassador"
    aux = _aux(head)
    if aux & MODALS:
        m.hypothetical, m.reason = True, f"modal:{sorted(aux & MODALS)[0]}"
    if foretold(head):
        m.future, m.reason = True, "future"
    conditional = False
    tok, child = head_of(head), head
    path = [head]
    for _ in range(8):
        if child.dep_ == "ROOT" or tok == child or _trailing(tok, child):
            break
        lemma = tok.lemma_.lower()
        if tok.lower_ == "without" or (tok.dep_ == "prep" and tok.lower_ in ("instead",)):
            m.negated, m.reason = True, "without"
        elif tok.pos_ == "VERB" and lemma in NEGATING_VERBS and child.dep_ in ("xcomp", "prep", "pcomp", "advmod"):
            m.negated, m.reason = True, f"neg:{lemma}"
        elif (
            tok.pos_ in ("VERB", "AUX")
            and cand.kind == "noun"
            and child.dep_ in ("dobj", "prep", "pobj", "nsubjpass")
            and (unreal := {c.lower_ for c in tok.children if c.dep_ == "aux"} & (MODALS | FUTURE))
        ):  # "could respond with drills", "will meet at the summit in October": the noun's event is as unreal as its verb
            _unreal(m, unreal, "future", "modal")
        elif child.dep_ == "advcl" and (
            any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in child.children)
            or _inverted(child)
            or _awaited(child, tok)
        ):
            conditional = True
        elif (
            cand.kind == "noun"
            and child == cand.head
            and child.dep_ in ("nsubj", "nsubjpass")
            and ((lemma in OCCURRING and negation(tok)) or lemma in NEGATING_VERBS)
        ):
            m.negated, m.reason = True, f"neg:{lemma}"
        elif cand.kind == "noun" and _terms(tok):
            m.historical, m.reason = True, "terms"  # "its defense treaty covers attacks on vessels": no act
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in SPECULATION:
            m.hypothetical, m.reason = True, f"speculation:{lemma}"
        elif tok.pos_ == "VERB" and lemma in DENIAL_VERBS and child.dep_ in ("ccomp", "xcomp", "dobj", "prep", "pcomp"):
            m.negated, m.reason = True, f"denied:{lemma}"
        elif tok.pos_ == "VERB" and lemma in CHARGING_VERBS and child.dep_ == "prep" and child.lower_ == "of":
            if not any(t.dep_ in ("relcl", "advcl") for t in path):  # "rebels who seized the town": the reporter's
                m.hypothetical, m.reason = True, f"alleged:{lemma}"
        elif tok.pos_ == "VERB" and lemma in BLOCKING_VERBS and child.dep_ == "dobj":
            m.negated, m.reason = True, f"blocked:{lemma}"
        elif cand.kind == "noun" and child.dep_ == "dobj" and lemma in OFFERED and head in (child, *amount_of(child)):
            m.hypothetical, m.reason = True, f"offered:{lemma}"  # "promised humanitarian assistance", "$5m in aid"
        elif word := _irrealis(tok, child):
            m.hypothetical, m.reason = True, f"intent:{word}"
        elif (child.dep_ == "xcomp" or to_infinitive(child)) and (unreal := _aux(tok) & (FUTURE | MODALS)):
            _unreal(m, unreal, "purpose", "purpose")  # "will meet on Wednesday to discuss the launch"
        if reason := negation(tok) if child.dep_ in ("xcomp",) else None:
            m.negated, m.reason = True, reason
        if (
            child.dep_ == "xcomp"
            and tok.lemma_.lower() in ("have", "be")
            and any(c.lower_ == "yet" for c in tok.children)
        ):
            m.negated, m.reason = True, "neg:yet"  # "has yet to sign", "is yet to respond"
        child, tok = tok, head_of(tok)
        path.append(child)
    if (said := reporter(head)) is not None:
        verb, subj = said
        m.reported_by = " ".join(t.text for t in subj.subtree) if subj is not None else verb.lemma_.lower()
    if conditional:  # "threatened to strike unless the government agreed": whatever wraps the condition
        m.hypothetical, m.reason = True, "conditional"
    if _historical(cand, published):
        m.historical, m.reason = True, "historical"
    elif _since_when(cand.light or cand.head):
        m.historical, m.reason = True, "background"
    modifiers = {c.lower_ for c in cand.head.children if c.dep_ in ("amod", "det")} if cand.kind == "noun" else set()
    if modifiers & GENERIC:
        m.historical, m.reason = True, "generic"  # "after previous exercises by the U.S.": background
    elif modifiers & POSSIBLE_EVENT:
        m.hypothetical, m.reason = True, f"possible:{sorted(modifiers & POSSIBLE_EVENT)[0]}"
    return m


def _irrealis(tok: Token, child: Token) -> str | None:
    """The word by which `child` is what `tok` intends, asks, plans or proposes ("agreed to withdraw", "a plan to
    withdraw", "is ready to withdraw", "it is important to withdraw"), if it is."""
    lemma = tok.lemma_.lower()
    complement = child.dep_ in ("xcomp", "ccomp", "acl", "pcomp") or to_infinitive(child)
    if complement and tok.pos_ in ("VERB", "AUX") and lemma in IRREALIS_VERBS:
        return lemma
    if child.dep_ == "xcomp" and tok.pos_ == "ADJ" and lemma in IRREALIS_ADJECTIVES:
        return lemma
    if child.dep_ == "xcomp" and lemma == "be":  # the parser may hang the infinitive on the copula
        return next((c.lemma_.lower() for c in tok.children
                     if c.dep_ == "acomp" and c.lemma_.lower() in IRREALIS_ADJECTIVES), None)  # fmt: skip
    if (
        child.dep_ in ("acl", "relcl", "pcomp", "prep")
        and lemma in IRREALIS_NOUNS
        and child.tag_ != "VBN"
        and (child.dep_ != "prep" or child.lower_ in ("to", "for", "of", "regarding", "about", "on"))
    ):
        return lemma
    # "the deployment of the military to support the police": what a thing is for (but "the first country to
    # recognize Palestine" did)
    if (
        child.dep_ == "acl"
        and infinitive(child)
        and tok.pos_ == "NOUN"
        and not any(m.lower_ in ORDINALS for m in tok.children)
    ):
        return "purpose"
    return None


def sets_condition(tok: Token) -> bool:
    """A clause that sets another a condition: "unless Iran resumed cooperation", "if Manila continued"."""
    return tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in tok.children)


def to_infinitive(tok: Token) -> bool:
    """ "called on Moscow to release": an infinitive the parser hung as an adverbial clause."""
    return tok.dep_ == "advcl" and infinitive(tok)


def reporter(head: Token) -> tuple[Token, Token | None] | None:
    """(reporting verb, its subject) of the nearest report the predicate is the content of ("X said Y ...")."""
    tok, child = head_of(head), head
    for _ in range(8):
        if child.dep_ == "ROOT" or tok == child:
            return None
        if child.dep_ == "ccomp" and tok.lemma_.lower() in REPORTING:
            return tok, next((c for c in tok.children if c.dep_ == "nsubj"), None)
        child, tok = tok, head_of(tok)
    return None


def _inverted(verb: Token) -> bool:
    """ "Had the IMF agreed", "Were Washington to withdraw": a conditional without "if"."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    auxes = [verb] if verb.pos_ == "AUX" else [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return subj is not None and any(a.lower_ in INVERTED_CONDITIONAL and a.i < subj.i for a in auxes)


def _terms(verb: Token) -> bool:
    """What a standing agreement or law provides, told in the present ("the treaty covers attacks", "the law bans
    protests"): neither the document nor what it names is an act of now."""
    stative = verb.tag_ in ("VBZ", "VBP") and not _aux(verb) and verb.lemma_.lower() not in OCCURRING
    return stative and any(c.dep_ == "nsubj" and c.lemma_.lower() in CHARTERS for c in verb.children)


def _trailing(verb: Token, clause: Token) -> bool:
    """ "accused Kabul of sheltering the group, a charge Kabul denies": the parser hangs the clause on the verb
    of a trailing remark about it, which has an object of its own; the clause itself is asserted."""
    return clause.dep_ == "ccomp" and clause.i < verb.i and any(c.dep_ == "dobj" for c in verb.children)


def foretold(verb: Token) -> bool:
    """ "will meet", "is going to meet": told in the future tense."""
    going_to = verb.dep_ == "xcomp" and verb.head.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)
    return going_to or bool(_aux(verb) & FUTURE)


def _historical(cand: Candidate, published: date | None) -> bool:
    """A predicate dated to a past year or decade ("withdrawn in the 1990s"); an event noun also by the verb
    it hangs on ("the war ended in 1999 with the Kumanovo agreement")."""
    if published is None:  # an undated text's years cannot be judged (an archive is not history to itself)
        return False
    heads, tok = [cand.head], cand.head
    while cand.kind == "noun" and tok.dep_ in ("pobj", "prep"):  # up the prepositions to the verb
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            heads.append(tok)
    return any(_dated_before(h, published.year - 1) for h in heads)


def _since_when(verb: Token) -> bool:
    """ "has been at war since 2014, when the Houthis seized Sanaa": what a "since" date recalls is background."""
    while verb.dep_ == "conj":
        verb = head_of(verb)
    date_ = verb.head
    return (
        verb.dep_ == "relcl"
        and any(c.lower_ == "when" for c in verb.children)
        and date_.ent_type_ == "DATE"
        and date_.head.lower_ == "since"
    )


def _dated_before(head: Token, year: int) -> bool:
    for tok in head.subtree:
        if tok.ent_type_ == "DATE" and (tok.head in (head, *head.children) or tok.head.head == head):
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            m = YEAR.search(ent.text) if ent is not None else None
            if m and int(m.group(1)) < year:
                return True
    return False
