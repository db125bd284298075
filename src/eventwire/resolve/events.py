"""Assemble an Event from a typed candidate: resolve its actors, place and date, attach its quantities."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from spacy.tokens import Span, Token

from eventwire import nlp
from eventwire.classify import mutual
from eventwire.classify.lexicon import lexicon, rule_word
from eventwire.extract.modality import REPORTING, foretold, reporter
from eventwire.extract.quantities import quantities
from eventwire.model import Argument, Article, Candidate, Entity, Event, Location
from eventwire.ontology import PLOVER_QUAD, cameo
from eventwire.resolve.actors import ActorResolver
from eventwire.resolve.dates import resolve as resolve_date
from eventwire.resolve.gazetteer import names_country
from eventwire.resolve.places import place_in_name, resolve_place

RECEIVED = {"ASSAULT", "COERCE", "AID"}  # what reaches the country where it happens
CROWD_NOUNS = {"protester", "demonstrator", "rioter", "mob", "crowd", "protestor"}
SPANS = {"since", "until", "till", "through", "throughout", "for"}  # a date they introduce is a span's bound
MEETING = {"CONSULT", "AGREE"}  # with the hosts where they met, when the text names no counterpart
# types whose recipient, when the text names none, is the country the story is about
HOME_TARGETED = {"SUPPORT", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "AID", "SANCTION"}


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
        elif arg.role != "reciprocal":
            doers = {e.country for e in role["actor"] if e.country} if arg.role == "recipient" else set()
            role[arg.role].extend(actors.resolve(arg.span, arg.role, doers))
    for key, found in role.items():  # an unresolvable phrase beside a resolved one is parser noise
        if any(e.country or e.sector for e in found):
            role[key] = [e for e in found if e.country or e.sector]
    if any(arg.role == "reciprocal" for arg in cand.args) and len(role["actor"]) > 1:
        role["recipient"] = list(role["actor"])  # "Canada and India expelled each other's diplomats": each the other
    else:  # "Canada's prime minister said Ottawa would ...": the doer is not its own counterpart
        codes = {a.code for a in role["actor"]}
        role["recipient"] = [r for r in role["recipient"] if not r.code or r.code not in codes]
    if (
        typ == "PROTEST"
        and rule_word(rule) == "protest"
        and role["actor"]
        and all(e.sector == "GOV" for e in role["actor"])
    ):
        typ, code_, rule = "ACCUSE", "114", rule + ">official"  # a government protests by lodging a complaint
    crowd = any(a.role == "actor" and a.span.root.lemma_.lower() in CROWD_NOUNS for a in cand.args)
    if code_[:3] in ("171", "190") and rule.startswith("lexicon") and crowd:
        typ, code_, rule = "PROTEST", "145", rule + ">riot"  # "protesters set fire to the parliament": a riot
    # an event usually happens in one of its parties' countries: that settles namesakes ("Khan Younis")
    context = list(dict.fromkeys(actors.story_countries + [e.country for e in role["actor"] + role["recipient"]
                                                           if e.country]))  # fmt: skip
    loc = _place(cand, typ, code_, places, context)
    when, source = _event_date(cand, article.date)
    cooperation = PLOVER_QUAD.get(typ, 0) <= 2
    if loc:
        actors.last_place = (cand.sent_index, loc, when, cooperation)
    # what a meeting goes on to agree happened there, the same day ("On Tuesday, the two men pledged ..." after
    # Monday's visit did not), but a pledge of aid after a battle was not made on the battlefield; a rebuttal in
    # a datelined story belongs to the dateline
    last = actors.last_place
    carry = last is not None and (last[3] if cooperation else dateline_loc is None)
    same_day = source not in ("explicit", "relative") or (last is not None and when == last[2])
    # and "struck hideouts in Paktika, killing 12 people" killed them there
    result = cand.head.tag_ == "VBG" and cand.head.dep_ in ("advcl", "xcomp", "conj")
    if loc is None and last and ((carry and 0 < cand.sent_index - last[0] <= 2 and same_day)
                                 or (result and last[0] == cand.sent_index)):  # fmt: skip
        loc = Location(**{**last[1].to_dict(), "resolution": "context"})
    # a victim without a nationality ("a hospital", "civilians") belongs where the violence happened,
    # a domestic party without one ("lawmakers") to the country of the other party
    # (without a place, the story's home country, not the attacker's)
    violent = PLOVER_QUAD.get(typ) == 4
    here: list[str | None] = [loc.country_code if loc else None]
    # whoever reports it places the parties it names without a country: "a Chinese spokesman said the navy had
    # dispatched a destroyer" (China's navy), "Pakistan said the strikes killed 26 civilians" (Pakistanis)
    sayer = _sayer_countries(cand, role["actor"] + (role["recipient"] if violent else []), actors)
    others = [r.country for r in role["recipient"]]
    for e in role["actor"]:  # "protesters set fire to the Swedish embassy in Baghdad" are Iraqis
        actors.fill_country(e, sayer + (here + others if violent else others + here), role["recipient"], doer=True)
    # "Pakistan's army chief met lawmakers" are Pakistani, but "the United States urged the government" is not
    # urging its own: a country named alone speaks to another's government; "Japan sent relief to flood victims
    # in Bangladesh": a party without a nationality belongs where the event happens
    own = [a.country for a in role["actor"] if a.sector or PLOVER_QUAD.get(typ) not in (1, 3)]
    named = [r.country for r in role["recipient"] if r.country]  # "release hostages if Israel frees ...": Israel's
    for e in role["recipient"]:
        actors.fill_country(e, here + sayer if violent else named + here + own, role["actor"])
    together = mutual(typ, code_, rule) and len({a.country for a in role["actor"]}) > 1  # each other's
    home = not together and not any(_addressed_at_large(a) for a in cand.args)
    _default_recipient(typ, role, actors, loc, loc or dateline_loc, home)
    if loc is None and dateline_loc is not None:
        loc = Location(**{**dateline_loc.to_dict(), "resolution": "dateline"})
    if code_.startswith("042") and not role["recipient"] and loc and loc.country_code:
        host = actors.country_entity(loc.text, loc.country_code)  # a visit's host is where it happens
        if all(a.country != host.country for a in role["actor"]):
            role["recipient"].append(host)
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


def _place(cand: Candidate, typ: str, code_: str, places: list[str], context: list[str]) -> Location | None:
    """Where it happened: a place named in its clause (see _clause_places); then, for strikes and visits, the
    place struck or visited; then where a local source speaks from ("a police commander in Mombasa said"), or
    the city a local body is named after ("Los Angeles police"). Carry-over and the dateline come after."""
    material = PLOVER_QUAD.get(typ) == 4 or code_[:3] in ("042", "043")
    # what was hit, not whose it is ("a tanker belonging to Greece")
    hit = [n for a in cand.args if a.role == "recipient" and not a.via.endswith(" held") for n in _names(a.span.root)]
    hit = hit if material else []
    at_sea: list[str] = []
    for name in places + _clause_places(cand, typ, material) + hit + _speaker_places(cand, typ):
        if any(name in sea for sea in at_sea):
            continue  # "Aden" in "the Gulf of Aden"
        loc = resolve_place(name, context) or place_in_name(name, context)
        if loc and not loc.country_code:  # at sea ("in the Red Sea") is no country's place, as in the gold
            at_sea.append(name)
        elif loc:
            return loc
    bodies = [a.span.root for a in cand.args if a.role == "actor" and a.span.root.lemma_.lower() in LOCAL_BODIES]
    return next((loc for b in bodies for n in _named_after(b) if (loc := place_in_name(n, context))), None)


def _sayer_countries(cand: Candidate, parties: list[Entity], actors: ActorResolver) -> list[str | None]:
    """The countries of the one who reports the act, looked up only when some of the `parties` have a sector
    but no country."""
    if not any(e.sector and not e.country for e in parties):
        return []
    said = reporter(cand.light if cand.light is not None else cand.head)
    sayer = actors.resolve(nlp.phrase(said[1]), "sayer") if said is not None and said[1] is not None else []
    return [s.country for s in sayer]


def _addressed_at_large(arg: Argument) -> bool:
    """ "appealed to donors", "asked other countries to contribute troops": the one addressed is a plural that
    names no one (not what an act is against: "warned against attempts to stage a revolution in Serbia")."""
    root = arg.span.root
    addressed = arg.role == "recipient" and arg.via in ("dobj", "dative", "to")
    return addressed and root.tag_ == "NNS" and not arg.span.ents and root.lemma_.lower() not in lexicon().nouns


def _default_recipient(typ: str, role: dict[str, list[Entity]], actors: ActorResolver, loc: Location | None,
                       held: Location | None, home: bool) -> None:  # fmt: skip
    """What an attack, a coercion or aid reaches without a named owner belongs to the country where it happens
    ("struck a power plant in Kharkiv", "dropped aid over Gaza"); protests target their own government; a foreign
    actor's praise, criticism or demand with no named target is about the story's home country; talks are with
    the hosts where they were `held` (the dateline counts), none if at home. The story's country is not a
    counterpart (`home` false) for parties named together in a reciprocal act, who are each other's, nor for
    what is addressed to a plural that names no one ("appealed to donors"). All are marked as inferred
    (resolved_by, confidence)."""
    if role["recipient"]:
        return
    countries = {a.country for a in role["actor"]}
    if typ in RECEIVED and loc and loc.country_code and loc.country_code not in countries:
        role["recipient"].append(actors.country_entity(loc.text, loc.country_code, "context:place", 0.5))
        return
    if not role["actor"]:
        return
    country = next(iter(countries)) if len(countries) == 1 else None
    if typ == "PROTEST" and country:
        role["recipient"].append(Entity("(government)", None, country, "GOV", [], 0.5, "context:protest"))
    elif typ in MEETING:
        # "the visiting minister held talks in Seoul": with the hosts; but "Germany and France held talks" with
        # each other, and talks at home with no one named or a body's own session have no counterpart
        alone = len({a.code for a in role["actor"]}) == 1 and country in actors.g.countries
        if alone and held and held.country_code and held.country_code != country:
            role["recipient"].append(actors.country_entity(held.text, held.country_code, "context:host", 0.5))
    elif typ in HOME_TARGETED and home and actors.topic and None not in countries and actors.topic not in countries:
        # also of several ("the U.S., Argentina and Peru refused to recognize the result")
        role["recipient"].append(actors.country_entity("(story country)", actors.topic, "context:home", 0.5))


def _clause_places(cand: Candidate, typ: str, material: bool) -> list[str]:
    """Place names in the predicate's clause, the ones hanging on the predicate itself first ("met in Kuala
    Lumpur"). Then, for violence, places inside its objects ("shelled a hospital in Kharkiv") before the
    places of a related word; for talk, the other way round: "met in Kuala Lumpur and urged a ceasefire in
    Myanmar" was urged in Kuala Lumpur. Related: the verb a conjunct shares its place with ("arrived in
    Pyongyang and met Kim"), the verb an eventive noun is subject of ("strikes killed 492 across Lebanon"), the
    noun a participle modifies, the verb a participle clause follows ("shelled a market in Kharkiv, killing
    two civilians"). Words are also placed by the occasion they were said on, wherever the parser
    hangs it: "..., in a speech at the climate summit in Sharm el-Sheikh"; and a "where" clause happens at the
    place it describes."""
    own = [t for t in (cand.head, cand.light) if t is not None]
    top = own[-1]
    shares = top.dep_ in ("conj", "amod", "acl") or (top.dep_ == "advcl" and top.tag_ == "VBG")  # ", killing two"
    related = [top.head] if shares or (top.pos_ == "NOUN" and top.dep_ == "nsubj") else []
    nested = [p for t in own for p in _clause(t, material) if p.dep_ == "pobj" and _place_prep(p, typ)]
    occasions = [p for t in own for p in t.subtree
                 if p.dep_ == "pobj" and p.head.lower_ in ("in", "at", "during") and p.lemma_.lower() in OCCASIONS]  # fmt: skip
    venues = [q for p in occasions for q in p.subtree if q is p or (q.dep_ == "pobj" and _place_prep(q, typ))]
    first = _direct(own, typ)
    if nlp.where_clause(top):
        # "hosted him outside Paris on Monday, where Ukraine signed ...": where the clause it hangs on happened
        holder = [top.head] if top.head.dep_ == "pobj" and _place_prep(top.head, typ) else []
        verb = nlp.clause_above(top)
        first = [*holder, *_direct([verb] if verb is not None else [], typ), *first]
    later = [nested, _direct(related, typ)] if material else [_direct(related, typ), venues, nested]
    return list(dict.fromkeys(n for group in [first, *later] for p in group for n in _names(p)))


def _clause(head: Token, material: bool = True) -> list[Token]:
    """The predicate's own clause. Not the clauses under it, which tell of other events ("protested after ships
    entered waters around the Senkakus"), except, for words, a bare participle that tells where they were
    said ("telling reporters in Washington"). For words, not what they are about either ("accused the RSF of
    killing civilians in Darfur", "praised peacekeepers serving in South Sudan") unless inside a place
    phrase ("in a statement released in Melbourne")."""
    out, todo = [], [(head, False)]
    while todo:
        t, in_place = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in OTHER_CLAUSES and (material or not _bare_participle(c)):
                continue
            if not (material or in_place) and (c.dep_ in ("pcomp", "acl") or c.lower_ in TOPIC_PREPS):
                continue
            todo.append((c, in_place or (c.dep_ == "prep" and c.lower_ in PLACE_PREPS)))
    return sorted(out, key=lambda t: t.i)


def _bare_participle(tok: Token) -> bool:
    """ "speaking at a news conference in Ankara": a participle with no subject or conjunction of its own."""
    return tok.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)


def _direct(heads: list[Token], typ: str) -> list[Token]:
    return [p for h in heads for c in h.children if c.dep_ == "prep" for p in c.children
            if p.dep_ == "pobj" and _place_prep(p, typ)]  # fmt: skip


def _place_prep(pobj: Token, typ: str) -> bool:
    """ "in / at / near ... X", "on the sidelines of X", "on Russian soil", and for a withdrawal "from X" (the
    place it left)."""
    prep = pobj.head.lower_
    leaving = typ == "RETREAT" or pobj.head.head.lemma_.lower() in ("withdraw", "pull", "evacuate")
    return (prep in PLACE_PREPS or (prep == "from" and leaving)
            or (prep == "on" and pobj.lemma_.lower() in TERRITORY | {"sideline", "sidelines", "margin"}))  # fmt: skip


def _speaker_places(cand: Candidate, typ: str) -> list[str]:
    """ "A police commander in Mombasa said officers arrested ... at the port": a local source speaks of a local
    clash or arrest, unless the clause places it elsewhere ("in a nearby village")."""
    head = cand.light if cand.light is not None else cand.head
    if typ not in LOCAL_NEWS or head.dep_ != "ccomp" or head.head.lemma_.lower() not in REPORTING:
        return []
    if any(p.dep_ == "pobj" and _place_prep(p, typ) and any(d.lower_ in ("a", "an") for d in p.children)
           for p in _clause(head)):  # fmt: skip
        return []
    speakers = [s for s in head.head.children if s.dep_ == "nsubj"]
    return [n for s in speakers for p in _direct([s], "") if p.head.lower_ in ("in", "at") for n in _names(p)]


def _named_after(body: Token) -> list[str]:
    """The proper-noun modifiers of a local body: "Los Angeles" in "Los Angeles police"."""
    mods = [c for c in body.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return [body.doc[m.left_edge.i : body.i + 1].text for m in mods]


PLACE_PREPS = {"in", "at", "near", "across", "inside", "outside", "throughout", "around", "into", "over", "through"}
# what may hang inside a place phrase: "a clash on the island of Cebu", "off the coast of X"; not "aid for Ukraine"
WITHIN_PLACE = PLACE_PREPS | {"of", "on", "off", "along", "within", "including"}
OTHER_CLAUSES = {"advcl", "ccomp", "parataxis"}
# occasions that place what was said on them ("in a statement released in Melbourne", "at a news conference in X")
OCCASIONS = {"statement", "speech", "address", "conference", "summit", "meeting", "ceremony", "briefing", "interview",
             "session", "forum", "rally", "talks", "visit", "communique", "declaration"}  # fmt: skip
# what words are about, not where they were said: "accused X of", "agreed on", "talked about", "warned against"
TOPIC_PREPS = {"of", "about", "against", "on"}
# incidents a local source reports from where it is
LOCAL_NEWS = {"ASSAULT", "COERCE", "PROTEST"}
# bodies that sit where they are named after ("a Moscow court"), unlike a government or army ("Moscow's army")
LOCAL_BODIES = {"police", "court", "judge", "prosecutor", "prosecutors", "mayor", "governor", "council"}
NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL"}  # not PERSON: the tagger calls "Ladakh" one
# "into Russian territory": the country an adjective names
TERRITORY = {"territory", "soil", "airspace", "waters"}


def _names(tok: Token) -> list[str]:
    """The proper names in a place phrase: its place-like entities, then runs of proper nouns the tagger
    missed. Not those under other prepositions ("military aid for Ukraine"), and not a country that only
    owns the place ("a U.S. air base in Qatar"); "into Russian territory" names Russia."""
    keep = _place_phrase(tok)
    ents = [e.text for e in tok.doc.ents
            if e.label_ in ("GPE", "LOC", "FAC", "ORG") and all(t.i in keep for t in e) and not _owner(e.text, e[-1])]  # fmt: skip
    tokens = [tok.doc[i] for i in sorted(keep) if tok.doc[i].ent_type_ not in NOT_PLACES]  # "began in March"
    runs = [list(g) for propn, g in groupby(tokens, key=lambda t: t.pos_ == "PROPN") if propn]
    texts = [(" ".join(t.text for t in run), run[-1]) for run in runs]
    names = ents + [r for r, last in texts if r not in ents and not _owner(r, last)]
    if tok.lemma_.lower() in TERRITORY:
        names += [c.text for c in tok.children if c.dep_ in ("amod", "compound")]
    return names


def _place_phrase(tok: Token) -> set[int]:
    """The token indices of a place phrase, leaving out what hangs on other prepositions and clauses."""
    keep, todo = set(), [tok]
    while todo:
        t = todo.pop()
        keep.add(t.i)
        todo.extend(c for c in t.children if not (c.dep_ == "prep" and c.lower_ not in WITHIN_PLACE)
                    and c.dep_ not in OTHER_CLAUSES | {"acl", "relcl"})  # fmt: skip
    return keep


def _owner(name: str, last: Token) -> bool:
    """A country name modifying a common noun owns it ("a U.S. air base"), and a name hyphened to a participle
    describes it ("a Marshall Islands-flagged tanker"); neither places it."""
    doc, i = last.doc, last.i
    if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].pos_ != "PROPN":
        return True
    if last.dep_ != "compound" or last.head.pos_ != "NOUN":
        return False
    return names_country(name)


def _date_children(tok: Token, own: bool = True) -> list[str]:
    """Dates hanging on a word; on a clause above the predicate, not the span of a state ("had not been able to
    reach the city since April and urged ...")."""
    out = []
    for c in tok.children:
        if not own and c.dep_ == "prep" and c.lower_ in SPANS:
            continue
        cands = [c] + ([p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else [])
        for t in cands:
            if t.ent_type_ in ("DATE", "TIME"):
                ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
                out.append(ent.text)
    return out


def _names_thing(date_ent: Span) -> bool:
    root = date_ent.root
    head = root.head  # "their 1951 treaty", but not "Thursday night"
    return root.dep_ in ("compound", "nummod", "amod") and head.pos_ in ("NOUN", "PROPN") and not head.ent_type_


def _aside(ent: Span, head: Token) -> bool:
    """ "Niger, where the commander met officials in March, said ...": a date in a relative clause the predicate is
    not in belongs to that clause."""
    clause = next((a for a in ent.root.ancestors if a.dep_ == "relcl"), None)
    return clause is not None and head not in clause.subtree


def _foretold_date(ent: Span) -> bool:
    """ "will meet on the sidelines of the summit in Gyeongju in October": a date of the future, however deep."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and foretold(verb)


def _event_date(cand: Candidate, published: date | None) -> tuple[date | None, str]:
    """The date tied to the predicate (or the clause above it, or its reporting verb), else publication."""
    tok: Token | None = cand.light if cand.light is not None else cand.head
    chain: list[Token] = []
    while tok is not None and len(chain) < 6:
        chain.append(tok)
        chain.extend(c for c in tok.children if c.lemma_.lower() in REPORTING and c.dep_ == "advcl")
        tok = None if tok.head == tok else tok.head
    for t in [cand.head, *chain]:
        if foretold(t):  # "will meet on Wednesday": when it is to happen; what happened is the saying
            continue
        for expr in _date_children(t, t in (cand.head, cand.light)):
            when, source = resolve_date(expr, published)
            if when is not None:
                return when, source
    # a single date anywhere in the sentence ("ordered residents to evacuate on Saturday") dates it too, unless it
    # names a thing ("under their 1951 defense treaty")
    stated = {resolve_date(e.text, published) for e in cand.sent.ents
              if e.label_ == "DATE" and not _names_thing(e) and e.root.head.lower_ not in SPANS
              and not _foretold_date(e) and not _aside(e, cand.head)}  # fmt: skip
    stated = {(w, s) for w, s in stated if w is not None}
    if len(stated) == 1:
        return stated.pop()
    return (published, "published") if published else (None, "none")
