"""Wires the stages: text -> spaCy Doc -> candidates -> typed, resolved Event records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from spacy.tokens import Doc, Token

from eventwire import nlp
from eventwire.classify import MUTUAL, Label, classify, classify_sentence, main_clause, model_label
from eventwire.classify.learned import sentence_probabilities
from eventwire.classify.lexicon import lexicon
from eventwire.extract.modality import NEGATING_VERBS, REPORTING, assess
from eventwire.extract.predicates import candidates, root_candidate
from eventwire.extract.quantities import quantities
from eventwire.model import Article, Candidate, Entity, Event, Location
from eventwire.ontology import PLOVER_QUAD, STATEMENT, cameo
from eventwire.resolve.actors import ActorResolver
from eventwire.resolve.dates import resolve as resolve_date
from eventwire.resolve.gazetteer import Entry
from eventwire.resolve.places import resolve_place

RESULT_VERBS = {"kill", "injure", "wound", "die", "hurt"}
# types whose recipient, when the text names none, is the country the story is about
HOME_TARGETED = {"SUPPORT", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "AID", "SANCTION", "CONSULT", "AGREE"}


@dataclass
class Options:
    statements: bool = False  # emit CAMEO 01x statements as event "STATEMENT"
    keep_unrealized: bool = False  # emit negated / hypothetical / future / historical events, marked
    model: bool = True  # combine the learned sentence model with the lexicon (off: lexicon only, faster)
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
    """Code a parsed article. With `trace`, every candidate's decision is appended to it (for explain)."""
    dateline_loc = _dateline_location(article.text)
    home = dateline_loc.country_code if dateline_loc else None
    actors = ActorResolver(doc, article.date, home, opts.user_dictionary)
    sents = list(doc.sents)
    probs = sentence_probabilities([s.text.strip() for s in sents]) if opts.model else [{} for _ in sents]
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates(doc):
        by_sentence.setdefault(cand.sent_index, []).append(cand)
    events: list[Event] = []
    for si, sent in enumerate(sents):
        cands = by_sentence.get(si, [])
        steps: list[tuple[Candidate, Label | None]] = list(zip(cands, classify_sentence(cands, probs[si]), strict=True))
        main = [c for c, label in steps if label and label[0] != STATEMENT and main_clause(c)]
        if not main and (call := model_label(probs[si])):
            root = root_candidate(sent, si)  # the lexicon knows no event word here; the model decides
            said = root is not None and (
                ((lex := classify(root)) is not None and lex[0] == STATEMENT)
                or root.head.lemma_.lower() in NEGATING_VERBS  # "stopped short of imposing": not done
            )
            if root is not None and not said:  # a sentence whose main verb is "noted" is a statement
                root.confidence = call[3]
                steps.append((root, call[:3]))
        for cand, label in steps:
            event, verdict = _decide(cand, label, article, actors, dateline_loc, opts)
            if event is not None and verdict == "emitted":
                events.append(event)
            if trace is not None:
                trace.append({"candidate": cand, "label": label, "event": event, "verdict": verdict})
    return [pair for ev in _merge_same_sentence(events) for pair in _pairs(ev)]


MAX_PAIRS = 6


def _dateline_location(text: str) -> Location | None:
    """ "TRIPOLI, Lebanon (AP) —": the city, read in the country the dateline names."""
    place, _ = nlp.dateline(text)
    if not place:
        return None
    city, _, country = (p.strip() for p in place.partition(","))
    named = resolve_place(country, []) if country else None
    story = [named.country_code] if named and named.country_code else []
    return resolve_place(city.title(), story, "dateline") or named


def _pairs(ev: Event) -> list[Event]:
    """One event per actor-recipient pair: "Hungary and Romania condemned Serbia" is two events; with a
    mutual verb and no recipient ("Hungary and Romania agreed"), each actor is the other's recipient."""
    actors, recipients = ev.actor or [], ev.recipient or []
    if len(actors) <= 1 and len(recipients) <= 1:
        return [ev]
    if ev.event in MUTUAL and len(actors) >= 2 and not recipients:
        pairs = [(a, b) for a in actors for b in actors if a is not b and a.code != b.code]
    else:
        pairs = [(a, r) for a in actors or [None] for r in recipients or [None]]  # type: ignore[list-item]
        # "the U.S. and South Korea explored ways to ... South Korean forces": no one acts on itself
        pairs = [(a, r) for a, r in pairs if not (a and r and a.code == r.code)] or pairs[:1]
    if not pairs:
        return [ev]
    return [dataclasses.replace(ev, actor=[a] if a else [], recipient=[r] if r else []) for a, r in pairs[:MAX_PAIRS]]


def _decide(cand: Candidate, label: Label | None, article: Article, actors: ActorResolver,
            dateline_loc: Location | None, opts: Options) -> tuple[Event | None, str]:  # fmt: skip
    if label is None:
        return None, "not an event word here"
    typ, code_, rule = label
    cand.modality = assess(cand, article.date)
    if cand.modality.future and typ == "CONSULT":  # "will hold talks": an intent to meet
        typ, code_, rule, cand.modality.future = "AGREE", "036", rule + ">future", False
    if not cand.modality.realized and not opts.keep_unrealized:
        return None, f"did not happen ({cand.modality.reason})"
    if typ != STATEMENT and cand.confidence < opts.min_confidence and cand.modality.realized:
        return None, f"too unsure ({cand.confidence:.2f})"
    if any(a.role == "actor" and a.span.root.lemma_.lower() in lexicon().natural_forces for a in cand.args):
        return None, "the doer is a natural force"
    event = _event(cand, typ, code_, rule, article, actors, dateline_loc)
    if event.date and article.date and event.date_source == "explicit" and event.date.year < article.date.year - 1:
        event.modality.historical, event.modality.reason = True, "historical"  # "in 1991", wherever it hangs
        if not opts.keep_unrealized:
            return None, "did not happen (historical)"
    if typ == STATEMENT and not opts.statements:
        return event, "statement (emitted with --statements)"  # resolved all the same: its speaker is who
        # "he" and "his government" refer to next
    if rule.startswith("model") and not any(e.country for e in event.actor + event.recipient):
        return event, "the model's call names no party"
    if typ == "ASSAULT" and cand.head.lemma_.lower() in RESULT_VERBS and not event.actor:
        return event, "a casualty report without a perpetrator"  # the attack is coded from its own words
    return event, "emitted"


def _merge_same_sentence(events: list[Event]) -> list[Event]:
    """One event per (sentence, type, actors): "shelled the city, killing two" is one assault whose
    quantities come from both predicates; "held talks on her visit" is one consultation."""
    kept: dict[tuple[int, str, frozenset[str | None]], Event] = {}
    for ev in events:
        key = (ev.sentence, ev.event, frozenset(a.country for a in ev.actor))
        first = kept.get(key)
        if first is None:
            kept[key] = ev
            continue
        first.quantities += [q for q in ev.quantities if q not in first.quantities]
        first.recipient += [r for r in ev.recipient if r.code not in {x.code for x in first.recipient}]
    return list(kept.values())


def _event(cand: Candidate, typ: str, code_: str, rule: str, article: Article, actors: ActorResolver,
           dateline_loc: Location | None) -> Event:  # fmt: skip
    sent = cand.sent
    start = next((t.idx for t in sent if not t.is_space), sent.start_char)
    end = sent.end_char
    while end > start and article.text[end - 1].isspace():
        end -= 1
    role: dict[str, list[Entity]] = {"actor": [], "recipient": []}
    places = []
    for arg in cand.args:
        if arg.role == "place":
            places.append(arg.span.text)
        else:
            role[arg.role].extend(actors.resolve(arg.span, arg.role))
    for key, found in role.items():  # an unresolvable phrase beside a resolved one is parser noise
        if any(e.country or e.sector for e in found):
            role[key] = [e for e in found if e.country or e.sector]
    loc = None
    for name in places + _subtree_places(cand, role["recipient"]):
        loc = resolve_place(name, actors.story_countries)
        if loc:
            break
    # a victim without a nationality ("a hospital", "civilians") belongs where the violence happened,
    # a domestic party without one ("lawmakers") to the country of the other party
    here: list[str | None] = [loc.country_code] if loc and loc.country_code and PLOVER_QUAD.get(typ) == 4 else []
    for e in role["actor"]:
        actors.fill_country(e, [r.country for r in role["recipient"]])
    for e in role["recipient"]:
        actors.fill_country(e, here or [a.country for a in role["actor"]])
    _default_recipient(typ, role, actors)
    if loc is None and dateline_loc is not None:
        loc = Location(**{**dateline_loc.to_dict(), "resolution": "dateline"})
    if code_.startswith("042") and not role["recipient"] and loc and loc.country_code:
        host = actors.country_entity(loc.text, loc.country_code)  # a visit's host is where it happens
        if all(a.country != host.country for a in role["actor"]):
            role["recipient"].append(host)
    when, source = _event_date(cand, article.date)
    info = cameo(code_)
    head = cand.head if cand.light is None else cand.light
    region = cand.sent.doc[head.left_edge.i : head.right_edge.i + 1]
    confidence = cand.confidence * (1.0 if role["actor"] and role["actor"][0].country else 0.8)
    trig = cand.trigger_tokens
    return Event(
        doc_id=article.id, event=typ, cameo=code_, text=article.text[start:end], start=start, end=end,
        sentence=cand.sent_index, trigger=" ".join(t.text for t in trig),
        trigger_span=(trig[0].idx, trig[-1].idx + len(trig[-1].text)),
        actor=role["actor"], recipient=role["recipient"], mode=info.mode, context=[c for c in [info.context] if c],
        date=when, date_source=source, event_loc=loc, modality=cand.modality, quantities=quantities(region),
        confidence=confidence, decided_by=rule, url=article.url, title=article.title, source=article.source,
    )  # fmt: skip


def _default_recipient(typ: str, role: dict[str, list[Entity]], actors: ActorResolver) -> None:
    """Protests target their own government; a foreign actor's praise, criticism or demand with no named
    target is about the story's home country. Both are marked as inferred (resolved_by, confidence)."""
    if role["recipient"] or not role["actor"]:
        return
    country = role["actor"][0].country
    if typ == "PROTEST" and country:
        role["recipient"].append(Entity("(government)", None, country, "GOV", [], 0.5, "context:protest"))
    elif typ in HOME_TARGETED and actors.home and country and country != actors.home:
        role["recipient"].append(actors.country_entity("(story country)", actors.home, "context:home", 0.5))


def _subtree_places(cand: Candidate, recipients: list[Entity]) -> list[str]:
    """Place names in the predicate's clause: objects of "in / at / near / across ..." ("in the Egyptian resort
    of Sharm el-Sheikh", "in Russia's Belgorod region"), then a struck or visited city named as recipient."""
    head = cand.light if cand.light is not None else cand.head
    out = []
    for tok in head.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
            out.extend(_names(tok))
    out.extend(r.text for r in recipients if r.country)
    return out


PLACE_PREPS = {"in", "at", "near", "across", "inside", "outside", "throughout", "around", "into", "over"}


def _names(tok: Token) -> list[str]:
    """The proper names in a phrase: its place-like entities, then runs of proper nouns the tagger missed."""
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    ents = [e.text for e in tok.doc.ents if lo <= e.start and e.end <= hi and e.label_ in ("GPE", "LOC", "FAC", "ORG")]
    runs = [
        " ".join(t.text for t in g) for propn, g in groupby(tok.doc[lo:hi], key=lambda t: t.pos_ == "PROPN") if propn
    ]
    return ents + [r for r in runs if r not in ents]


def _date_children(tok: Token) -> list[str]:
    out = []
    for c in tok.children:
        cands = [c] + ([p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else [])
        for t in cands:
            if t.ent_type_ in ("DATE", "TIME"):
                ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
                out.append(ent.text)
    return out


def _event_date(cand: Candidate, published: date | None) -> tuple[date | None, str]:
    """The date tied to the predicate (or the clause above it, or its reporting verb), else publication."""
    tok: Token | None = cand.light if cand.light is not None else cand.head
    chain: list[Token] = []
    while tok is not None and len(chain) < 6:
        chain.append(tok)
        chain.extend(c for c in tok.children if c.lemma_.lower() in REPORTING and c.dep_ == "advcl")
        tok = None if tok.head == tok else tok.head
    for t in [cand.head, *chain]:
        for expr in _date_children(t):
            when, source = resolve_date(expr, published)
            if when is not None:
                return when, source
    # a single date anywhere in the sentence ("ordered residents to evacuate on Saturday") dates it too
    stated = {resolve_date(e.text, published) for e in cand.sent.ents if e.label_ == "DATE"}
    stated = {(w, s) for w, s in stated if w is not None}
    if len(stated) == 1:
        return stated.pop()
    return (published, "published") if published else (None, "none")
