"""Wires the stages: text -> spaCy Doc -> candidates -> typed, resolved Event records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire import nlp
from eventwire.classify import (
    Label,
    asserted,
    classify,
    classify_sentence,
    found_types,
    judges,
    lexicon_labels,
    main_clause,
    model_label,
    mutual,
    no_event,
)
from eventwire.classify.intent import DEMAND, REFUSAL, RESTATED, address, expressed, stance
from eventwire.classify.learned import Head, head
from eventwire.classify.lexicon import lexicon, rule_word
from eventwire.extract.modality import ASSESSING, DENIAL_VERBS, NEGATING_VERBS, assess
from eventwire.extract.predicates import (
    BROKERING,
    PARTY_ENTS,
    REPORTING_VERBS,
    RESULT_VERBS,
    candidates_by_sentence,
    main_verb,
    root_candidate,
)
from eventwire.model import Argument, Article, Candidate, Entity, Event, Location
from eventwire.ontology import STATEMENT, quad_class
from eventwire.resolve.actors import ActorResolver
from eventwire.resolve.events import build_event, dateline_location
from eventwire.resolve.gazetteer import Entry

POSSIBLE = {"could", "might", "may"}
COMMITTING = {"AGREE", "THREATEN", "REJECT"}  # types of "pledged", "vowed", "refused"


@dataclass
class Options:
    statements: bool = False  # emit CAMEO 01x statements as event "STATEMENT"
    keep_unrealized: bool = False  # emit negated / hypothetical / future / historical events, marked
    model: str = "full"  # the sentence model beside the lexicon: full (MiniLM + TF-IDF), fast (TF-IDF), none
    min_confidence: float = 0.1  # candidates the lexicon and model together trust less are dropped
    user_dictionary: dict[str, Entry] = field(default_factory=dict)


@dataclass
class Coded:
    """The outcome for one input record: its events, or the error that stopped it."""

    article: Article | None
    events: list[Event]
    error: str | None = None
    record: str = ""  # where the record came from (file:line), for error messages


def code(text: str, date: date | str | None = None, options: Options | None = None, **meta: str) -> list[Event]:
    """Code one text into events. `date` is the publication date (relative dates resolve against it)."""
    published = _as_date(date)
    article = Article(text=text, date=published, **meta)
    return code_doc(nlp.parse(text), article, options or Options())


def code_many(articles: Iterable[Article], options: Options | None = None, batch_size: int = 32) -> Iterator[Coded]:
    """Code a stream of articles, parsing them in batches; yields one `Coded` per article, in order."""
    opts = options or Options()
    buffer: list[Article] = []
    for article in articles:
        buffer.append(article)
        if len(buffer) >= batch_size:
            yield from _code_batch(buffer, opts)
            buffer = []
    if buffer:
        yield from _code_batch(buffer, opts)


def _code_batch(batch: list[Article], opts: Options) -> Iterator[Coded]:
    for article, doc in zip(batch, nlp.parse_many(a.text for a in batch), strict=True):
        try:
            yield Coded(article, code_doc(doc, article, opts))
        except Exception as exc:  # one bad article never sinks the batch
            yield Coded(article, [], f"{type(exc).__name__}: {exc}")


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def code_doc(doc: Doc, article: Article, opts: Options, trace: list[dict] | None = None) -> list[Event]:
    """Code a parsed article. With `trace`, each sentence's model probabilities and every candidate's decision
    are appended to it (for explain)."""
    dateline_loc = dateline_location(article.text)
    home = dateline_loc.country_code if dateline_loc else None
    actors = ActorResolver(doc, article.date, home, opts.user_dictionary)
    sents = list(doc.sents)
    by_sentence = candidates_by_sentence(doc)
    labels = [lexicon_labels(cands, article.date) for cands in by_sentence]
    model = head(opts.model)
    found = [found_types(cands, labs) for cands, labs in zip(by_sentence, labels, strict=True)]
    probs = model.sentence_probabilities([s.text.strip() for s in sents], found) if model else [{} for _ in sents]
    events: list[Event] = []
    for si, sent in enumerate(sents):
        cands = by_sentence[si]
        if trace is not None and model:
            trace.append({"sentence": si, "probabilities": probs[si]})
        steps = list(zip(cands, classify_sentence(cands, labels[si], probs[si], model), strict=True))
        carriers = _carriers(steps)
        decided = [
            (c, lab, None, "coded on its complement (a promise, threat or refusal)")
            if c in carriers
            else (c, lab, *_decide(c, lab, article, actors, dateline_loc, opts))
            for c, lab in steps
        ]
        # a refusal or demand in words the lexicon does not know stands beside what else the sentence says
        known = main_verb(sent) in {c.head for c, lab in steps if lab is not None}  # then no such words
        if not known and (stance := _plain_stance(sent, si, probs[si], model, article.date)) is not None:
            decided.append((*stance, *_decide(*stance, article, actors, dateline_loc, opts)))
        # the lexicon finds no event word in the main clause, or its word was no event here: the model decides
        elif not any(v == "emitted" and lab and asserted(c, lab) for c, lab, _, v in decided) and (
            model and (call := model_label(probs[si], model, opts.statements))
        ):
            spoken = call[0] == STATEMENT or quad_class(call[1]) in (1, 3)
            root = root_candidate(sent, si, spoken)
            if root is not None and _model_may_code(root, spoken, call[0]) and not _weighed(root, call[0], decided):
                root.confidence, root.modality = call[3], assess(root, article.date)
                decided.append((root, call[:3], *_decide(root, call[:3], article, actors, dateline_loc, opts)))
        for cand, label, event, verdict in decided:
            if event is not None and verdict == "emitted":
                events.append(event)
            if trace is not None:
                trace.append({"candidate": cand, "label": label, "event": event, "verdict": verdict})
    return [pair for ev in _merge_same_sentence(events) for pair in _pairs(ev)]


def _carriers(steps: list[tuple[Candidate, Label | None]]) -> list[Candidate]:
    """ "pledged to provide loans to Sri Lanka": the promise is coded on "provide", which holds its arguments;
    the committing verb gives way."""
    verbs = [c.light if c.light is not None else c.head for c, label in steps if label and label[2].endswith(RESTATED)]
    heads = {v.head for v in verbs if v.dep_ == "xcomp"}
    return [c for c, label in steps if c.head in heads and label and label[0] in COMMITTING]


REFUSED: Label = ("REJECT", "120", "rule:refusal")
DEMANDED: Label = ("REQUEST", "100", "rule:demand")


def _plain_stance(sent: Span, si: int, probs: dict[str, float], model: Head | None,
                  published: date | None) -> tuple[Candidate, Label] | None:  # fmt: skip
    """What a party says it will not do is a refusal (REJECT 120), and what it says another must or should do is
    a demand (REQUEST 100), even when the lexicon does not know the verb: "Ankara said it would not abandon the
    S-400", "Beijing said Washington should stop interfering"."""
    root = root_candidate(sent, si)
    if root is None or classify(root) is not None or not main_clause(root):  # the lexicon's words restate
        return None
    root.modality = assess(root, published)
    note = stance(root)
    if note == REFUSAL:
        label = REFUSED
        if any(a.via == "nsubjpass" for a in root.args):  # "said the island would not be intimidated by China"
            turned = {"nsubjpass": "actor", "agent": "recipient"}
            root.args = [Argument(a.span, turned[a.via], a.via) for a in root.args if a.via in turned]
    elif note == DEMAND:
        label = DEMANDED
        address(root)
    else:
        return None
    root.confidence = model.confidence(True, probs.get(label[0], 0.0), no_event(probs)) if model else 0.6
    expressed(root.modality, note)
    return root, label


def _weighed(root: Candidate, typ: str, decided: list[tuple[Candidate, Label | None, Event | None, str]]) -> bool:
    """Whether the lexicon already weighed the root's own word as the model's type and let it go for what it
    means ("visited the flood-hit areas": a visit to no one), not for a party the model's fallback may find."""
    return any(lab and lab[0] == typ and c.head == root.head and not v.endswith(NO_PARTY) for c, lab, _, v in decided)


def _model_may_code(root: Candidate, spoken: bool, typ: str) -> bool:
    """Not when the main verb undoes its complement ("stopped short of imposing", "dismissed speculation that
    X would"), nor when it judges the act the model sees ("welcomed the withdrawal": the withdrawal is not the
    welcomer's), nor when it says something ("noted", "stressed": a statement), unless it reports what the model
    calls a verbal act ("said Y was to blame") that is neither denied nor a mere possibility ("said talks
    could open"), nor when it states what something that names no party is ("Modernizing the alliance is a key
    issue", unlike "Russia's strikes are war crimes")."""
    verb = root.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    subject = [*subjects, *(t for c in subjects for t in c.children if t.dep_ in ("poss", "compound", "amod"))]
    if verb.lemma_ == "be" and not any(t.ent_type_ in PARTY_ENTS for t in subject):
        return False
    lex = classify(root)
    if lex is None or lex[0] != STATEMENT:
        judged = lex is not None and judges(lex, verb, typ)
        return not judged and verb.lemma_.lower() not in NEGATING_VERBS | DENIAL_VERBS
    said = [c for c in verb.children if c.dep_ == "ccomp"] if verb.lemma_.lower() in REPORTING_VERBS else []
    return spoken and any(not any(_only_possible(a) for a in c.children) for c in said)


def _only_possible(word: Token) -> bool:
    """A negation, a modal of possibility, or an assessment of an act ("said talks could open", "said it was
    difficult to negotiate"; but "said it was ready to talk" states an intention)."""
    return word.dep_ == "neg" or word.lower_ in POSSIBLE or (word.dep_ == "acomp" and word.lemma_ in ASSESSING)


NO_PARTY = "names no party"
MAX_PAIRS = 6
CHALLENGERS = {"REB", "OPP"}  # a country's rebels or opposition are a party of their own beside its state


def _challenger(e: Entity) -> bool:
    return bool(CHALLENGERS.intersection([e.sector, *e.other_sectors]))


def _same_party(actor: Entity, recipient: Entity) -> bool:
    """The same code, or a recipient inferred from the story that is the actor's own state ("Egypt and Qatar will
    host a new round of negotiations" after Qatar's talks: not with Qatar's government); a country's rebels and
    its army stay two parties, and a named one of the actor's country is another ("Pakistan's army chief met
    lawmakers")."""
    if actor.code == recipient.code:
        return True
    inferred = recipient.resolved_by.startswith(("coref", "context"))
    return inferred and actor.country == recipient.country and _challenger(actor) == _challenger(recipient)


def _one_per_country(entities: list[Entity]) -> list[Entity]:
    """ "the city of Kherson" and "two civilians" are both Ukraine: keep the most specific code per country;
    "Colombia and the ELN" stay two parties."""
    best: dict[tuple[str | None, bool], Entity] = {}
    for e in entities:
        key = (e.country or e.text, _challenger(e))
        if key not in best or len(e.code or "") > len(best[key].code or ""):
            best[key] = e
    return list(best.values())


def _pairs(ev: Event) -> list[Event]:
    """One event per actor-recipient pair: "Hungary and Romania condemned Serbia" is two events; with a
    mutual verb and no recipient ("Hungary and Romania agreed"), each actor is the other's recipient."""
    actors, recipients = _one_per_country(ev.actor), _one_per_country(ev.recipient)
    if len(actors) <= 1 and len(recipients) <= 1:
        return [dataclasses.replace(ev, actor=actors, recipient=recipients)]
    # but two mediators ("Qatar and Turkey offered to mediate") do not mediate between themselves
    reciprocal = mutual(ev.event, ev.cameo, ev.decided_by) and rule_word(ev.decided_by) not in BROKERING
    pairs: list[tuple[Entity | None, Entity | None]]
    if reciprocal and len(actors) >= 2 and not recipients:
        pairs = [(a, b) for a in actors for b in actors if a is not b and a.code != b.code]
    else:
        nobody: list[Entity | None] = [None]
        pairs = [(a, r) for a in actors or nobody for r in recipients or nobody]
        # "the U.S. and South Korea explored ways to ... South Korean forces": no one acts on itself
        kept = [(a, r) for a, r in pairs if not (a and r and _same_party(a, r))]
        # an actor whose only counterpart the story suggested was itself acts on no one named
        alone = [a for a, r in pairs if a and r and a.code != r.code and _same_party(a, r)]
        kept += [(a, None) for a in alone if not any(x is a for x, _ in kept)]
        pairs = kept or pairs[:1]
    if not pairs:
        return [ev]
    return [dataclasses.replace(ev, actor=[a] if a else [], recipient=[r] if r else []) for a, r in pairs[:MAX_PAIRS]]


def _decide(cand: Candidate, label: Label | None, article: Article, actors: ActorResolver,
            dateline_loc: Location | None, opts: Options) -> tuple[Event | None, str]:  # fmt: skip
    if label is None:
        return None, "not an event word here"
    typ, code_, rule = label
    m = cand.modality
    if not m.realized and not opts.keep_unrealized:
        return None, f"did not happen ({m.reason})"
    if typ != STATEMENT and cand.confidence < opts.min_confidence and m.realized:
        return None, f"too unsure ({cand.confidence:.2f})"
    if any(a.role == "actor" and a.span.root.lemma_.lower() in lexicon().natural_forces for a in cand.args):
        return None, "the doer is a natural force"
    event = build_event(cand, typ, code_, rule, article, actors, dateline_loc)
    if event.date and article.date and event.date_source == "explicit" and event.date.year < article.date.year - 1:
        event.modality.historical, event.modality.reason = True, "historical"  # "in 1991", wherever it hangs
        if not opts.keep_unrealized:
            return None, "did not happen (historical)"
    if typ == STATEMENT and not opts.statements:
        return event, "statement (emitted with --statements)"  # resolved all the same: its speaker is who
        # "he" and "his government" refer to next
    if rule.startswith("model") and not any(e.country for e in event.actor + event.recipient):
        return event, f"the model's call {NO_PARTY}"
    if not event.actor and not event.recipient:
        return event, NO_PARTY  # "while negotiating contracts": nobody a user could look up
    if rule == REFUSED[2] and not any(e.code for e in event.actor):
        return event, "a refusal needs a party that refuses"  # "said the sanctions would not affect trade"
    if code_.startswith("042") and not event.recipient:
        return event, "a visit to no one (a memorial, one's own country)"
    if typ == "ASSAULT" and cand.head.lemma_.lower() in RESULT_VERBS and not any(a.code for a in event.actor):
        return event, "a casualty report without a perpetrator"  # the attack is coded from its own words
    # what later words refer to: "the two sides", "condemned the raid" (also later in this sentence)
    actors.note_sides(event.actor + event.recipient, cand.sent)
    actors.note_act([t for t in (cand.head, cand.light) if t is not None], event.event, event.actor)
    return event, "emitted"


def _merge_same_sentence(events: list[Event]) -> list[Event]:
    """One event per sentence, type and doers: "shelled the city, killing two" is one assault carrying both
    numbers; "approved a loan for Kenya" is one aid event whether the verb or the noun named the lender."""

    def doers(ev: Event) -> set[tuple[str | None, bool]]:  # a country's rebels are not its warplanes
        return {(a.country or a.code, _challenger(a)) for a in ev.actor}

    def nameless(ev: Event) -> bool:  # the model's reading of a sentence whose doer it cannot name
        return ev.decided_by.startswith("model") and not any(a.country or a.code for a in ev.actor)

    kept: list[Event] = []
    for ev in events:
        # one doer set within the other: "talks between Ethiopia and Egypt collapsed" read twice, once with Ethiopia
        same = next((k for k in kept if k.sentence == ev.sentence and k.event == ev.event
                     and (nameless(ev) or doers(ev) <= doers(k) or doers(k) <= doers(ev))), None)  # fmt: skip
        if same is None:
            kept.append(ev)
            continue
        same.event_loc = same.event_loc or ev.event_loc  # "arrived in Paris for a summit": the summit's place
        same.quantities += [q for q in ev.quantities if q not in same.quantities]
        if nameless(ev):  # "followed a meeting between X and Y": the meeting's parties, not the model's guesses
            continue
        if doers(same) < doers(ev):
            same.actor = ev.actor
        # a recipient only inferred ("met Hamas ... to discuss the deal": the story's country) adds nothing to a named one
        named, taken = bool(same.recipient), {x.code for x in same.recipient + same.actor}
        same.recipient += [r for r in ev.recipient
                           if r.code not in taken and not (named and r.resolved_by.startswith("context:"))]  # fmt: skip
    return kept
