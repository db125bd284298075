"""Assemble an Event from a typed candidate: resolve its actors, place and date, attach its quantities."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from spacy.tokens import Token

from eventwire import nlp
from eventwire.extract.modality import REPORTING
from eventwire.extract.quantities import quantities
from eventwire.model import Article, Candidate, Entity, Event, Location
from eventwire.ontology import PLOVER_QUAD, cameo
from eventwire.resolve.actors import ActorResolver
from eventwire.resolve.dates import resolve as resolve_date
from eventwire.resolve.places import resolve_place

# types whose recipient, when the text names none, is the country the story is about
HOME_TARGETED = {"SUPPORT", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "AID", "SANCTION", "CONSULT", "AGREE"}


def dateline_location(text: str) -> Location | None:
    """ "TRIPOLI, Lebanon (AP) —": the city, read in the country the dateline names."""
    place, _ = nlp.dateline(text)
    if not place:
        return None
    city, _, country = (p.strip() for p in place.partition(","))
    named = resolve_place(country, []) if country else None
    story = [named.country_code] if named and named.country_code else []
    return resolve_place(city.title(), story, "dateline") or named


def build_event(cand: Candidate, typ: str, code_: str, rule: str, article: Article, actors: ActorResolver,
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
    # where it happened: a place named in its clause; then, for strikes and visits, the city struck or
    # visited; then the place of the sentence before ("At the talks, they agreed ..."); then the dateline.
    material = PLOVER_QUAD.get(typ) == 4 or code_[:3] in ("042", "043")
    hit = [n for a in cand.args if a.role == "recipient" for n in _names(a.span.root)] if material else []
    for name in places + _subtree_places(cand) + hit:
        loc = resolve_place(name, actors.story_countries)
        if loc:
            actors.last_place = (cand.sent_index, loc)
            break
    # what a meeting goes on to agree happened there; a rebuttal in a datelined story belongs to the dateline
    carry = PLOVER_QUAD.get(typ, 0) <= 2 or dateline_loc is None
    if loc is None and carry and actors.last_place and 0 < cand.sent_index - actors.last_place[0] <= 2:
        loc = Location(**{**actors.last_place[1].to_dict(), "resolution": "context"})
    # a victim without a nationality ("a hospital", "civilians") belongs where the violence happened,
    # a domestic party without one ("lawmakers") to the country of the other party
    # (without a place, the story's home country, not the attacker's)
    violent = PLOVER_QUAD.get(typ) == 4
    here: list[str | None] = [loc.country_code if loc else None]
    for e in role["actor"]:
        actors.fill_country(e, [r.country for r in role["recipient"]] + here)
    for e in role["recipient"]:
        actors.fill_country(e, here if violent else [a.country for a in role["actor"]])
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
    if role["recipient"] or not role["actor"] or len({a.country for a in role["actor"]}) > 1:
        return  # "Germany and France held talks": each is the other's counterpart
    country = role["actor"][0].country
    if typ == "PROTEST" and country:
        role["recipient"].append(Entity("(government)", None, country, "GOV", [], 0.5, "context:protest"))
    elif typ in HOME_TARGETED and actors.home and country and country != actors.home:
        role["recipient"].append(actors.country_entity("(story country)", actors.home, "context:home", 0.5))


def _subtree_places(cand: Candidate) -> list[str]:
    """Place names in the predicate's clause: objects of "in / at / near / across ..." ("in the Egyptian resort
    of Sharm el-Sheikh", "in Russia's Belgorod region")."""
    head = cand.light if cand.light is not None else cand.head
    return [
        name for tok in head.subtree if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS for name in _names(tok)
    ]


PLACE_PREPS = {"in", "at", "near", "across", "inside", "outside", "throughout", "around", "into", "over", "through"}


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
