"""Find event predicates (verbs and eventive nouns) and their arguments in a parsed document."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from eventwire.classify.lexicon import Rule, amount_of, cues, lexicon, particle, prep_objects
from eventwire.extract.modality import OCCURRING, OFFERED, SCHEDULED, sets_condition
from eventwire.model import Argument, Candidate
from eventwire.nlp import clause_above, head_of, phrase, pobjs
from eventwire.ontology import quad_class
from eventwire.resolve.gazetteer import names_country

RECIPIENT_PREPS = {"on", "against", "to", "with", "toward", "towards", "upon", "into", "for"}
PLACE_ARG_PREPS = {"in", "at", "near", "outside", "inside", "across", "from"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
OWNER_PREPS = {"from", "with", "by"}
OBJECT_OWNERS = OWNER_PREPS | {"to", "toward", "towards"}
PERCEPTION = {"detect", "see", "watch", "observe", "spot", "notice", "witness", "film", "photograph", "hear"}
REPORTING_VERBS = {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "note"}
BANS = {"ban", "bar", "suspend", "halt", "block"}
HOLDING = {"use", "own", "operate", "run", "belong", "man", "house", "occupy"}
DUTIES = {"tariff", "duty", "levy"}  # "tariffs on steel from Canada": what comes from a country is taxed at it
BROKERING = {"mediate", "broker", "facilitate", "host", "launch", "arrange", "convene"}
AUDIENCE = {"reporter", "journalist", "press", "medium", "media", "correspondent", "newspaper", "broadcaster", "audience",
            "crowd", "rally", "supporter", "listener", "viewer", "interviewer"}  # fmt: skip
DOCUMENTS = {
    "resolution",
    "statement",
    "letter",
    "report",
    "declaration",
    "communique",
    "decree",
    "motion",
    "bill",
    "law",
}
AGREEING = {"agree", "consent"}
PLEDGING = {"pledge", "promise", "vow", "offer", "threaten"}
WARNING = {"warn", "threaten"}
APPEALS = {"demand", "urge", "ask", "insist", "request", "call", "appeal", "press", "seek"}
NOT_PARTIES = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
CROWDS = {"thousands", "hundreds", "dozens"}
RESULT_VERBS = {"kill", "injure", "wound", "die", "hurt"}  # what an attack did, not an attack of their own
# their object is the doer's own, sent to the recipient
MOVING = {"deploy", "send", "dispatch", "station", "rush", "move", "mass", "amass", "withdraw", "pull", "recall",
          "reinforce", "bolster"}  # fmt: skip
MEANS = {"phone", "telephone", "video", "videolink", "videoconference", "link", "call"}  # of talking at a distance
FIRING = {"fire", "launch", "lob", "hurl", "throw", "drop"}  # not "shoot": "shot down Russian drones" hits them
PROJECTILES = {"missile", "rocket", "drone", "shell", "bomb", "mortar", "grenade", "gas", "cannon", "bullet", "round",
               "shot", "stone", "rock", "projectile", "munition", "salvo", "barrage", "flare", "firework", "cocktail",
               "canister"}  # fmt: skip
SWAPPING = {"exchange", "swap", "trade"}  # their object changes hands between the doers ("swapped the bodies")
# a noun that is the topic or reason of another event ("thanked X for its mediation") is not a new event
REASON_PREPS = {"for", "of", "on", "about", "over", "against", "regarding", "to"}
TOPIC_PREPS = {"about", "regarding"}
CAPTIVITY = {"hold", "detain", "jail", "imprison", "keep", "capture", "kidnap", "abduct", "seize"}
BLAMED_FOR = {"responsible", "accountable", "culpable", "behind"}
SUBJECTS = {"nsubj", "csubj"}


def conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _with_conj(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        out.extend(c for c in conjuncts(t) if c not in out)
    return out


def subjects(verb: Token, depth: int = 0) -> tuple[list[Token], str]:
    """The doer(s) of a verb: its own subject, the agent of a passive, or one inherited from the clause
    it hangs on (control verbs, coordinated verbs, participial modifiers)."""
    own = [c for c in verb.children if c.dep_ in SUBJECTS and c.pos_ not in ("SCONJ",)]
    if verb.dep_ == "relcl" and [c.tag_ for c in own] in (["WDT"], ["WP"]):  # "Israel, which has threatened"
        return _with_conj([verb.head]), "relative"
    if verb.dep_ == "conj" and len(own) == 1 and own[0].lower_ in ("it", "they", "he", "she"):
        # "Russia did not attack Kyiv, but it shelled Kharkiv": the pronoun goes on with the first subject's name
        first, _ = subjects(verb.head, depth + 1) if verb.head.pos_ in ("VERB", "AUX") else ([], "")
        if first and all(t.pos_ == "PROPN" or t.ent_type_ in PARTY_ENTS for t in first):
            return first, "conj"
    if own and (sayers := _themselves(verb, own)):
        return sayers, "sayer"
    if own:
        return _with_conj(own), own[0].dep_
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return _with_conj(agents), "agent"
    if depth > 3 or verb.head == verb:
        return [], ""
    if verb.dep_ == "advcl" and any(c.dep_ == "nsubjpass" for c in verb.children):
        return [], ""  # "fighting continued as the document was signed": not signed by the fighting
    head = head_of(verb)
    if verb.dep_ == "xcomp":  # object control ("urged lawmakers to approve") else subject control
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        # or a passive's subject: "Putin is expected to visit", "the ministers were scheduled to meet"
        objs = objs or [c for c in head.children if c.dep_ == "nsubjpass"]
        return (_with_conj(objs), "control") if objs else subjects(head, depth + 1)
    if verb.dep_ in ("advcl", "ccomp") and head.lemma_.lower() in PERCEPTION:  # "saw troops crossing"
        objs = [c for c in head.children if c.dep_ == "dobj"]
        if objs:
            return _with_conj(objs), "perceived"
    if verb.dep_ == "conj" and (stray := _stray_subject(verb)) is not None:
        return [stray], "conj"
    if verb.dep_ == "conj" and _said_and_did(verb):
        return subjects(head.head, depth + 1)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth + 1)
    if verb.dep_ == "ccomp" and verb.tag_ == "VBD" and head.pos_ == "VERB":  # "said ... but warned that": a past
        return subjects(head, depth + 1)  # tense with no subject is the parser's misplaced conjunct
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subjects(verb.head.head, depth + 1)  # "met without reaching a deal", "responded by shelling the town"
    if verb.dep_ == "acomp":  # "Seoul is ready to resume talks": the adjective's subject controls its infinitive
        return subjects(head, depth + 1)
    if misread_first_predicate(verb):
        return [head], "acl"
    if verb.dep_ in ("acl", "ccomp") and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
        if head.lemma_.lower() in DOCUMENTS and head.dep_ == "dobj":
            # its author: "a G7 statement condemning", else whoever "adopted a resolution demanding"
            owner = [c for c in head.children if c.dep_ in ("poss", "compound") and c.ent_type_ in PARTY_ENTS]
            return (owner, "author") if owner else subjects(head.head, depth + 1)
        return [head], "acl"
    return [], ""


def misread_first_predicate(verb: Token) -> bool:
    """ "China, which has invested there, called for restraint and said ...": the parser hung the first of two
    coordinated predicates on the subject, as if it were a participle."""
    head = verb.head
    return verb.dep_ == "acl" and head.dep_ == "nsubj" and any(c.dep_ == "cc" and c.i > verb.i for c in head.children)


def _themselves(verb: Token, own: list[Token]) -> list[Token]:
    """ "Aid agencies said they had suspended operations", "the Baltic states barred officials they held
    responsible": "they" in what a plural subject says, or in a relative clause on its verb's words, is that
    subject."""
    if len(own) != 1 or own[0].lower_ not in ("they", "we"):
        return []
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        outer: Token | None = verb.head
    elif verb.dep_ == "relcl":
        outer = clause_above(verb)
    else:
        return []
    doers = _with_conj([c for c in outer.children if c.dep_ == "nsubj"]) if outer is not None else []
    plural = len(doers) > 1 or (len(doers) == 1 and doers[0].tag_ in ("NNS", "NNPS"))
    return doers if plural else []


def _several(subjects_: list[Token]) -> bool:
    """ "Hungary and Romania", "the two nations", "both sides": parties that agree with each other."""
    return len(subjects_) > 1 or any(c.lower_ in ("two", "both") for s in subjects_ for c in s.subtree)


def _said_and_did(verb: Token) -> bool:
    """ "Ruto said the protesters had been infiltrated by criminals and ordered the army to help": the parser hangs
    the sayer's next act on the reported clause; an active past verb with an object of its own is not the
    passive's, and a simple past is not the reported past perfect's ("said Eritrea had moved tanks and
    warned that ...")."""
    head = verb.head
    if head.dep_ != "ccomp" or head.head.lemma_.lower() not in REPORTING_VERBS or verb.tag_ != "VBD":
        return False
    passive = any(c.dep_ == "nsubjpass" for c in head.children)
    perfect = head.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children)
    state = head.lemma_ == "be"  # "said 1,800 people were still behind bars and called on the government"
    # "said the strikes killed 26 civilians and vowed to retaliate": strikes make no vows
    eventive = any(c.dep_ == "nsubj" and not c.ent_type_ and c.lemma_.lower() in lexicon().nouns for c in head.children)
    speaking = verb.lemma_.lower() in PLEDGING | WARNING | APPEALS | REPORTING_VERBS
    return perfect or state or (eventive and speaking) or (passive and any(c.dep_ == "dobj" for c in verb.children))


def _stray_subject(verb: Token) -> Token | None:
    """ "released prisoners on Tuesday and Ukraine freed ...": the parser hung "Ukraine" on "Tuesday"; a named
    party right before a subjectless conjunct verb, after "and", is its subject."""
    doc = verb.doc
    prev = doc[verb.i - 1] if verb.i >= 2 else None
    if prev is None or prev.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") or prev.head == verb:
        return None
    first = prev.left_edge
    return prev if prev.dep_ == "conj" and first.i > 0 and doc[first.i - 1].lower_ == "and" else None


def _noun_actor_fallback(noun: Token) -> list[Token]:
    # "After talks with X, Hegseth said ..." -> the clause subject did the talking
    tok = noun
    for _ in range(4):
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            # "Iran confirmed talks with the U.S.", "Japan announced $33 million in aid": what one confirms (a
            # statement verb) or a verb that is no event governs, one does; not what one condemns or welcomes (a
            # verb that is an event of its own)
            rule = lexicon().verbs.get(tok.head.lemma_.lower())
            own = rule is None or rule.default is None or rule.default.startswith("STATEMENT")
            return subjects(tok.head)[0] if own else []
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            return []
        tok = tok.head.head
        if tok.pos_ in ("VERB", "AUX"):  # "talks between X and Y ended without an agreement": X and Y
            return [x for s in subjects(tok)[0] for x in _parties(s) or [s]]
    return []


def _parties(noun: Token) -> list[Token]:
    """Who an event noun is between: "talks between Egypt and Ethiopia", "a new round of talks between ..."."""
    nouns = [noun, *(p for p, _ in pobjs(noun, {"of"}))]
    return [x for n in nouns for p, _ in pobjs(n, {"between", "among"}) for x in conjuncts(p)]


def _args(cand: Candidate) -> None:
    head, light = cand.head, cand.light
    args = cand.args
    verb = light if light is not None else (head if cand.kind == "verb" else None)
    if verb is not None:
        subj, via = subjects(verb)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if (
            via == "nsubj"
            and verb.tag_ == "VBN"
            and verb.dep_ in ("pcomp", "advcl")
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        ):
            # "with 2,500 people injured": a participle's own subject is the one it happened to
            args.extend(Argument(phrase(o), "recipient", "participle") for o in subj)
            subj, via = [], ""
        if _to_blame(verb):  # "X was to blame for Y", "X was behind Y": X is blamed, by whoever says so
            args.extend(Argument(phrase(s), "recipient", "to blame") for s in subjects(verb.head)[0])
            subj, via = subjects(verb.head.head) if verb.head.dep_ == "ccomp" else ([], "")
        args.extend(Argument(phrase(s), "actor", via) for s in subj)
        if not subj and verb.tag_ == "VBG":  # "fighting between Hezbollah and Israeli forces intensified"
            args.extend(
                Argument(phrase(x), "actor", p) for q, p in pobjs(verb, {"between", "among"}) for x in conjuncts(q)
            )
        # "condemned the raid", "dismissed the criticism": a judgement of an act is about its doers, whom the
        # resolver knows from the story
        rule = lexicon().verbs.get(verb.lemma_.lower())
        judging = rule is not None and (rule.default or "").startswith(("ACCUSE", "SUPPORT", "REJECT"))
        judging = judging or any(c.dep_ == "oprd" for c in verb.children)  # "called the raid a provocation"
        for c in verb.children:
            if c.dep_ == "dobj" and _each_other(c):  # "accused each other", "expelled each other's diplomats"
                args.append(Argument(phrase(c), "reciprocal", "each other"))
                continue
            if c.dep_ == "dobj" and verb.lemma_.lower() in SWAPPING:
                continue
            if (c.dep_ in ("dobj", "dative") or (c.dep_ == "nsubjpass" and passive)) and c != head:
                if c.dep_ == "dobj" and (aimed_act := _target_of_act(verb, c)):
                    args.extend(Argument(phrase(p), "recipient", f"dobj {prep}") for p, prep in aimed_act)
                    continue
                args.extend(Argument(phrase(o), "recipient", c.dep_) for o in conjuncts(c)
                            if (judging or not _bare_act(o)) and not _no_party(verb, o))  # fmt: skip
                # whose the object is: "turned down a proposal from Tokyo", "ruled out talks with Maduro"; the
                # verb's "to" the parser hung on it: "donated vaccines to Paraguay"; or whom the act it names is
                # for: "expressed support for the Philippines"
                args.extend(Argument(phrase(p), "recipient", f"{c.dep_} {prep}") for o in conjuncts(c)
                            for p, prep in pobjs(o, OBJECT_OWNERS | _for_act(verb, o)))  # fmt: skip
                args.extend(
                    Argument(phrase(p), "recipient", f"{c.dep_} held") for o in conjuncts(c) for p in _held_by(o)
                )
                # "pledged $50 million in aid to Sudan": to whom the amount's aid goes
                args.extend(Argument(phrase(p), "recipient", f"in {prep}")
                            for a in amount_of(c) for p, prep in pobjs(a, {"to", "for"}))  # fmt: skip
                if c.dep_ == "dobj" and verb.lemma_.lower() in BROKERING:  # "brokered talks between X and Y"
                    args.extend(Argument(phrase(p), "recipient", "between") for p in _parties(c))
        if _object_of_relative(verb, subj):  # "officials they held responsible": the noun is the clause's object
            args.append(Argument(phrase(verb.head), "recipient", "relcl"))
        if verb.dep_ == "acl" and via == "agent" and verb.lemma_.lower() not in BROKERING:
            args.append(Argument(phrase(verb.head), "recipient", "acl"))  # "prisoners freed by Israel": the freed
        if verb.dep_ == "acl" and verb.lemma_.lower() in BROKERING:
            # "X and Y swapped prisoners in a deal brokered by Z": Z mediated between the deal's parties
            sides = _parties(verb.head) or _noun_actor_fallback(verb.head)
            args.extend(Argument(phrase(p), "recipient", "brokered") for p in sides)
        rule = lexicon().verbs.get(verb.lemma_.lower())
        for key, act in prep_objects(verb):  # "pulled out of talks with Pakistan": the talks' other side
            if rule and key in rule.refine:
                args.extend(Argument(phrase(q), "recipient", f"{key} {w}") for q, w in pobjs(act, {"with"}))
        for c in verb.children:  # "agreed to hold talks with the IAEA": the other side of what is agreed to
            if c.dep_ == "xcomp" and verb.lemma_.lower() in AGREEING and not _several(subj):
                acts = [c, *(o for o in c.children if o.dep_ == "dobj")]
                args.extend(Argument(phrase(p), "recipient", f"to:{c.lemma_.lower()} with") for a in acts
                            for p, _ in pobjs(a, {"with"}))  # fmt: skip
        # "warned they would act unless Iran resumed cooperation": Iran is warned; "would release four hostages if
        # Israel freed prisoners" is offered to Israel
        clauses = verb.subtree if verb.lemma_.lower() in WARNING else verb.children
        args.extend(Argument(phrase(x), "recipient", "condition") for t in clauses if sets_condition(t)
                    for x in t.children if x.dep_ == "nsubj")  # fmt: skip
        for c in verb.children:  # "voted to impeach the president": the purpose's object; "pledged to defend Niger"
            pledged = c.dep_ == "xcomp" and verb.lemma_.lower() in PLEDGING
            if pledged or (c.dep_ in ("xcomp", "advcl") and rule and f"to:{c.lemma_.lower()}" in rule.refine):
                if c.lemma_.lower() in MOVING:  # "pledged to send police to Haiti": Haiti receives its own police
                    objs = [p for p, _ in pobjs(c, {"to"})]
                    objs += [p for d in c.children if d.dep_ == "dative" for p in d.children if p.dep_ == "pobj"]
                else:  # "pledged to work with Britain", "to expand cooperation with Japan": its partner
                    acts = [o for o in c.children if o.dep_ == "dobj"]
                    partners = [p for a in [c, *acts] for p, _ in pobjs(a, {"with"})] if pledged else []
                    objs = [o for o in acts if not _bare_act(o) and not pobjs(o, {"with"})] + partners
                args.extend(Argument(phrase(o), "recipient", f"to:{c.lemma_.lower()}") for o in objs)
        aimed = RECIPIENT_PREPS | ({"at"} if rule and _aims_at(rule) else set())  # "fired at" but "met at"
        aimed |= {"between"} if verb.lemma_.lower() in BROKERING else set()  # "mediate between Kabul and Islamabad"
        # "spoke by video with Wang": the parser hangs the counterpart on the means
        means = [m for m, _ in pobjs(verb, {"by", "via", "over"}) if m.lemma_.lower() in MEANS]
        for p, prep in pobjs(verb, aimed | _from_party(verb)) + [x for m in means for x in pobjs(m, {"with"})]:
            if not _bare_act(p):  # "thanked Washington for the package of aid": the aid is the reason
                args.extend(Argument(phrase(q), "recipient", prep) for q in conjuncts(p))  # "with Abiy and Isaias"
                args.extend(Argument(phrase(h), "recipient", f"{prep} held") for q in conjuncts(p) for h in _held_by(q))
            if prep == "for" and verb.lemma_.lower() in APPEALS:  # "called for talks with Maduro": he is asked
                args.extend(Argument(phrase(q), "recipient", f"for {w}") for q, w in pobjs(p, OWNER_PREPS))
        if verb.lemma_.lower() in APPEALS:  # "demanded that the government resign": the government is asked
            for c in verb.children:
                if c.dep_ == "ccomp":
                    args.extend(Argument(phrase(s), "recipient", "ccomp") for s in subjects(c)[0])
    happens = None
    if cand.kind == "noun":
        for c in head.children:
            if c.dep_ == "poss":
                args.append(Argument(phrase(c), "actor", "poss"))
            elif c.dep_ in ("compound", "amod") and (c.ent_type_ in ("GPE", "NORP", "ORG") or c.pos_ == "PROPN"):
                words = head.doc[c.left_edge.i : c.i + 1]
                # "U.S. sanctions" name a party, "the Istanbul talks" a venue
                venue = c.ent_type_ == "GPE" and not names_country(words.text)
                args.append(Argument(words, "place" if venue else "actor", c.dep_))
        for p, _ in pobjs(head, {"by"}):
            args.append(Argument(phrase(p), "actor", "by"))
        # "talks between X and Y", or "the talks took place in Geneva between X and Y"
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in OCCURRING:
            happens = head.head
        parties = pobjs(head, {"between", "among"}) + (pobjs(happens, {"between"}) if happens is not None else [])
        for p, prep in parties:
            args.extend(Argument(phrase(x), "actor", prep) for x in conjuncts(p))
        if head.dep_ == "nsubjpass" and not parties:  # "no agreement was reached at the talks between X and Y"
            args.extend(Argument(phrase(x), "actor", "between") for p, _ in pobjs(head.head, {"at", "in", "during"})
                        for x in _parties(p))  # fmt: skip
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in RESULT_VERBS:  # "bombings killed 13 soldiers"
            args.extend(Argument(phrase(o), "recipient", "harmed") for c in head.head.children if c.dep_ == "dobj"
                        for o in conjuncts(c))  # fmt: skip
        for p, prep in pobjs(head, RECIPIENT_PREPS - _topic_preps(head) | _from_party(head)):
            if _bare_act(p):  # "a halt to its aid to Niger": the aid's recipient is the halt's
                args.extend(Argument(phrase(q), "recipient", f"{prep} {w}") for q, w in pobjs(p, RECIPIENT_PREPS))
            else:  # "sanctions on Iran and Syria"
                args.extend(Argument(phrase(q), "recipient", prep) for q in conjuncts(p))
        missed = head.dep_ == "pobj" and head.head.lower_ == "without"  # "ended without a deal": whose deal it was not
        if light is None and not any(a.role == "actor" for a in args) and (args or missed):
            args.extend(Argument(phrase(s), "actor", "clause") for s in _noun_actor_fallback(head))
    for tok in dict.fromkeys((head, verb, happens)):
        if tok is None:
            continue
        for p, prep in pobjs(tok, PLACE_ARG_PREPS - _from_party(tok)):
            if p.ent_type_ in PLACE_ENTS:
                args.append(Argument(phrase(p), "place", prep))
    # dates and numbers are not parties ("released prisoners on Tuesday"), but counted people are ("thousands of
    # demonstrators")
    args = [a for a in args if a.role == "place" or a.span.root.ent_type_ not in NOT_PARTIES or _counted(a.span.root)]
    # "recalled its ambassador from Paris", "withdrew their troops from Mali": the doer's own people are what it
    # moves; the other party named is the one acted on
    # ("recalled its ambassador to Niger": where it was posted)
    posts = [Argument(phrase(p), "recipient", f"own {prep}") for a in args if a.role == "recipient" and _own(a.span.root)
             for p, prep in pobjs(a.span.root, {"to", "in"})]  # fmt: skip
    others = [a for a in args + posts if a.role == "recipient" and not _moved(a, verb)]
    sending = verb is not None and verb.lemma_.lower() in MOVING  # troops sent are never the ones acted on
    cand.args = [a for a in args if not ((others or sending) and a.role == "recipient" and _moved(a, verb))] + posts
    if others and sending and not any(a.role == "actor" for a in args):
        # "a Kenyan contingent was deployed to Haiti": what is sent stands for whoever sent it
        cand.args += [dataclasses.replace(a, role="actor") for a in args if a.via == "nsubjpass"]


def _object_of_relative(verb: Token, subj: list[Token]) -> bool:
    """ "the officials they held responsible", "the town the rebels seized": a relative clause with a subject and
    no object of its own acts on the noun it describes; not "the city in which they fought", "the country he
    travelled to"."""
    own = {c.dep_ for c in verb.children}
    return (verb.dep_ == "relcl" and bool(subj) and verb.head.pos_ in ("NOUN", "PROPN")
            and not own & {"dobj", "nsubjpass", "prep"})  # fmt: skip


def _for_act(verb: Token, obj: Token) -> set[str]:
    """ "for" when the object names an act, alone or with its verb ("expressed support")."""
    rule = lexicon().verbs.get(verb.lemma_.lower())
    act = _noun_lemma(obj) in lexicon().nouns or (rule is not None and obj.lemma_.lower() in rule.refine)
    return {"for"} if act else set()


def _no_party(verb: Token, obj: Token) -> bool:
    """ "told reporters", "briefed journalists": whom words are told is no party to them; nor is what is fired
    ("fired a missile into the sea", "fired tear gas at protesters")."""
    lemma, obj_lemma = verb.lemma_.lower(), obj.lemma_.lower()
    return (lemma in REPORTING_VERBS | {"brief"} and obj_lemma in AUDIENCE) or (
        lemma in FIRING and obj_lemma in PROJECTILES
    )


def _moved(arg: Argument, verb: Token | None) -> bool:
    """The doer's own people, which it moves: "recalled its ambassador", "deployed troops to Haiti"."""
    sends = verb is not None and verb.lemma_.lower() in MOVING and arg.via in ("dobj", "nsubjpass", "acl", "with")
    return arg.role == "recipient" and (sends or _own(arg.span.root))


def _target_of_act(verb: Token, obj: Token) -> list[tuple[Token, str]]:
    """The target of an act the verb promises, threatens or acts on: "threatened sanctions against Moldova",
    "lifted sanctions on Venezuela's oil company" (not of what it judges: "condemned the attack on X")."""
    noun = _noun_lemma(obj)
    if noun not in lexicon().nouns or not (verb.lemma_.lower() in OFFERED or _phrased_by_verb(obj)):
        return []
    return pobjs(obj, RECIPIENT_PREPS)


def _own(tok: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children)


def _claimed(noun: Token) -> bool:
    """ "claimed responsibility for the bombing": the claim is the event (a statement, CAMEO 015)."""
    owned = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
    return owned is not None and owned.lemma_.lower() == "responsibility"


def _each_other(tok: Token) -> bool:
    """ "each other", or a noun it possesses ("each other's diplomats")."""
    other = tok if tok.lower_ == "other" else next((c for c in tok.children if c.dep_ == "poss"), None)
    return other is not None and other.lower_ == "other" and any(c.lower_ == "each" for c in other.children)


def _held_by(obj: Token) -> list[Token]:
    """ "a base used by Kenyan police", "a tanker belonging to Iran": whose the object is."""
    held = [c for c in obj.children if c.dep_ == "acl" and c.lemma_.lower() in HOLDING]
    return [p for c in held for a in c.children if a.dep_ == "agent" or a.lower_ == "to"
            for p in a.children if p.dep_ == "pobj"]  # fmt: skip


def _topic_preps(noun: Token) -> set[str]:
    """ "talks on the return of refugees", "an agreement on Ukraine": what talk is about, not with whom."""
    rule = lexicon().nouns.get(_noun_lemma(noun))
    return {"on"} if rule is not None and (rule.default or "").startswith(("CONSULT", "AGREE", "COOPERATE")) else set()


def _from_party(tok: Token) -> set[str]:
    """ "sought help from Britain", "banned imports from Japan", "tariffs from Canada": "from" names a party,
    not a place."""
    return {"from"} if tok.lemma_.lower() in APPEALS | BANS | DUTIES else set()


def _bare_act(obj: Token) -> bool:
    """ "sought military assistance", "praised the Istanbul talks": an act named without a party in it (a city
    names its venue) is what is done or asked, not to whom."""
    if _noun_lemma(obj) not in lexicon().nouns:
        return False
    ents = phrase(obj).ents
    return not any(e.label_ in PARTY_ENTS and (e.label_ != "GPE" or names_country(e.text)) for e in ents)


def _counted(tok: Token) -> bool:
    """ "thousands of demonstrators", a bare crowd ("Thousands marched") or "the two": people, though numbers."""
    if tok.lower_ in CROWDS or (tok.lower_ == "two" and any(c.lower_ == "the" for c in tok.children)):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" for p in c.children)
               for c in tok.children)  # fmt: skip


def _phrased_by_verb(noun: Token) -> bool:
    """ "lifted sanctions", "pulled out of the talks": the noun is a cue of its verb's rule."""
    verb = noun.head if noun.dep_ == "dobj" else next((v for v in noun.ancestors if v.pos_ == "VERB"), None)
    rule = lexicon().verbs.get(verb.lemma_.lower()) if verb is not None and verb.pos_ == "VERB" else None
    if verb is None or rule is None:
        return False
    if noun.dep_ == "dobj":  # "called off the talks": "off:talk"
        lemma = _noun_lemma(noun)
        return any(k in rule.refine for k in (lemma, *(f"{c.lower_}:{lemma}" for c in verb.children if particle(c))))
    return any(obj == noun and key in rule.refine for key, obj in prep_objects(verb))


def _light_verb(noun: Token) -> Token | None:
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        rule = lexicon().verbs.get(head.lemma_.lower())
        if rule is not None and rule.light:
            return head
    return None


def candidates(doc: Doc) -> list[Candidate]:
    """Every verb or event noun the lexicon knows, with its arguments. Typing happens in classify."""
    lex = lexicon()
    out: list[Candidate] = []
    for si, sent in enumerate(doc.sents):
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma in lex.verbs and (tok.pos_ == "VERB" or _to_blame(tok)):
                if tok.dep_ == "amod" or (tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in CAPTIVITY):
                    continue  # "rescued 30 kidnapped villagers", "hostages held by Hamas": a participle describing
                    # a noun recalls its act or state
                rule = lex.verbs[lemma]
                objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
                if rule.light and any(_noun_lemma(o) in lex.nouns for o in objs):
                    continue  # the event noun carries it, with this verb as its light verb
                cand = Candidate(sent, si, tok, None, "verb", cues(tok))
            elif tok.pos_ in ("NOUN", "PROPN") and _noun_lemma(tok) in lex.nouns and tok.dep_ != "compound":
                light = _light_verb(tok)
                if light is None and _phrased_by_verb(tok):
                    continue  # "lifted sanctions": the verb and its object name one event, the verb's
                cand = Candidate(sent, si, tok, light, "noun", cues(tok) + (cues(light) if light is not None else []))
            else:
                continue
            _args(cand)
            parties = [a for a in cand.args if a.role != "place"]
            if cand.kind == "noun" and cand.light is None and (not parties or _topic_of_event(tok) or _claimed(tok)):
                continue  # "the talks" with nobody attached refers back to an event already coded; a claimed one
                # is the claim's
            out.append(cand)
    return out


def candidates_by_sentence(doc: Doc) -> list[list[Candidate]]:
    """`candidates(doc)`, one list per sentence of the doc, in order."""
    out: list[list[Candidate]] = [[] for _ in doc.sents]
    for cand in candidates(doc):
        out[cand.sent_index].append(cand)
    return out


def _topic_of_event(noun: Token) -> bool:
    if noun.dep_ != "pobj" or noun.head.lower_ not in REASON_PREPS:
        return False
    if noun.head.lower_ in TOPIC_PREPS:  # "worried about the attacks": what is talked or felt about
        return True
    gov = noun.head.head
    lex = lexicon()
    return gov.lemma_.lower() in lex.verbs or gov.lemma_.lower() in lex.nouns


def _noun_lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_.lower() in lexicon().nouns else tok.text.lower()


def _aims_at(rule: Rule) -> bool:
    """ "fired at X", and the phrasal criticisms "lashed out at X", "pointed the finger at X" (a verb that is no
    criticism alone, so "criticised the plan at a news conference" keeps its venue)."""
    return "at" in rule.refine or (
        rule.default is None and any(v and v.startswith("ACCUSE") for v in rule.refine.values())
    )


def _to_blame(word: Token) -> bool:
    """ "was to blame for", "was responsible for the attack", "was behind the bombing": blame laid on the subject
    of "be" (not "is responsible for security")."""
    if word.head.lemma_.lower() != "be" or word.dep_ not in ("xcomp", "acomp", "prep"):
        return False
    if word.lemma_.lower() == "blame":
        return word.dep_ == "xcomp"
    if word.lower_ not in BLAMED_FOR:
        return False
    lex = lexicon()
    preps = [word] if word.dep_ == "prep" else [c for c in word.children if c.dep_ == "prep" and c.lower_ == "for"]
    acts = [lex.lookup(lex.nouns, _noun_lemma(p), []) for c in preps for p in c.children if p.dep_ == "pobj"]
    return any(a and quad_class(a[1]) == 4 for a in acts)


def root_candidate(sent: Span, sent_index: int, spoken: bool = False) -> Candidate | None:
    """A candidate for the sentence's main verb, for the learned model to type when the lexicon cannot.
    `spoken`: the model's type is a verbal act ("X said Y must withdraw" is X's demand), done by the sayer."""
    root = main_verb(sent, spoken)
    if root is None:
        return None
    cand = Candidate(sent, sent_index, root, None, "verb", cues(root))
    _args(cand)
    # "Seoul said Pyongyang's launch was a provocation"; not when a bare "spokesman" may speak for the party named
    if (
        spoken
        and root.lemma_.lower() in REPORTING_VERBS
        and any(t.ent_type_ in PARTY_ENTS for c in root.children if c.dep_ == "nsubj" for t in c.subtree)
    ):
        cand.args += [Argument(phrase(s), "recipient", "spoken of") for s in _spoken_of(root)]
    # a misparse ("Ukrainian recruits" read as a verb) or a subject that names nobody ("A joint venture between
    # Baykar and Ukrainian firms started ..."): the sentence's named parties stand in
    if not any(a.role == "actor" and any(t.ent_type_ in PARTY_ENTS for t in a.span) for a in cand.args):
        cand.args += _named_parties(sent, root, {a.span.root for a in cand.args})
    return cand


PARTY_ENTS = {"GPE", "NORP", "ORG", "PERSON"}


def main_verb(sent: Span, spoken: bool = False) -> Token | None:
    """The sentence's main verb; of "Officials said clashes erupted", the reported clause's unless `spoken`."""
    root = sent.root
    if root.lemma_.lower() in REPORTING_VERBS and not spoken:
        root = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), root)
    if root.lemma_.lower() in SCHEDULED:  # "are set to hold drills": the act planned, which has not happened yet
        root = next((c for c in root.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), root)
    return root if root.pos_ in ("VERB", "AUX") else None


def _spoken_of(said: Token) -> list[Token]:
    """Whom a reported judgement is about: the reported clause's subject ("said the United States was plotting a
    coup"), or the owner of the act it judges ("said Pyongyang's launch was a provocation")."""
    subjects_ = [s for c in said.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    owners = [p for s in subjects_ for p in s.children if p.dep_ == "poss"]
    return [p for p in owners if p.tag_ != "PRP$"] or subjects_


def _named_parties(sent: Span, root: Token, taken: set[Token]) -> list[Argument]:
    """The sentence's first named party before its main verb as the actor, the first after it as the recipient.
    Not the place an event noun happened in ("a strike on a building in Ternopil killed nine"), and no one who
    reports it is its recipient ("..., governor Vyacheslav Negoda said")."""
    sayers = {t for s in root.head.children if root.dep_ == "ccomp" and s.dep_ == "nsubj" for t in s.subtree}
    ents = [e for e in sent.ents if e.label_ in PARTY_ENTS and e.root not in taken and not _where_it_happened(e)]
    before = [e for e in ents if e.end <= root.i]
    after = [e for e in ents if e.start > root.i and e.root not in sayers]

    def first(found: list[Span]) -> list[Span]:  # with its conjuncts: "Mali and Burkina Faso, both ruled by ..."
        return [found[0], *(e for e in found if e.root in found[0].root.conjuncts)] if found else []

    return [Argument(e, "actor", "sentence") for e in first(before)] + [
        Argument(e, "recipient", "sentence") for e in first(after)
    ]


def _where_it_happened(ent: Span) -> bool:
    """A place inside an event noun's phrase: "a strike on a building in Ternopil" (not "a jury in Manhattan")."""
    tok = ent.root
    if ent.label_ != "GPE" or tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_ARG_PREPS - {"from"}:
        return False
    return any(a.pos_ == "NOUN" and a.lemma_.lower() in lexicon().nouns for a in tok.ancestors)
