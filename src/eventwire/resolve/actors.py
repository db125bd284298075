"""Actors: noun phrases to country + sector codes, with surname, pronoun and "both nations" coreference."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Set as AbstractSet
from datetime import date
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from eventwire.classify.lexicon import lexicon
from eventwire.model import Entity, Location
from eventwire.nlp import phrase, pobjs
from eventwire.resolve.gazetteer import Entry, Gazetteer, gazetteer, norm
from eventwire.resolve.places import resolve_place

PAIR_PHRASES = {"both nations", "the two nations", "both countries", "the two countries", "both sides",
                "the two sides", "both leaders", "the two leaders", "both governments", "the two governments",
                "the allies", "both allies", "the two allies", "both", "the two", "both neighbors", "both neighbours",
                "the two neighbors", "the two neighbours"}  # fmt: skip
# the sides of the story's conflict or talks, not just two countries named last
SIDES = {"both sides", "the two sides", "both parties", "the two parties", "the warring parties", "the warring sides",
         "the warring factions", "the two warring parties"}  # fmt: skip
BLOC_SEATS = {"Brussels": "EUR"}  # in a story about the bloc, its seat is the bloc, not Belgium
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD"}
BLOC_NOUNS = {"bloc", "alliance", "grouping"}  # "the bloc": the international body named last
BODY_NOUNS = BLOC_NOUNS | {"agency", "council", "court", "commission", "organization", "organisation", "union",
                           "tribunal", "fund", "bank", "mission"}  # fmt: skip
GROUP_NOUNS = {"group", "movement", "militia", "organization", "organisation", "faction"}
NOMINALS = {
    "invitation": "invite",
    "proposal": "propose",
    "offer": "offer",
    "decision": "decide",
    "request": "request",
    "demand": "demand",
}  # acts named by their verb's noun
AGREEMENT = "(agreement)"  # one key for the names of an agreement
AGREEMENTS = {"agreement", "deal", "accord", "treaty", "pact", "truce", "ceasefire", "armistice"}
VIOLENT = {"ASSAULT", "COERCE"}
VIOLENCE = "(violence)"  # the key of the last violent act's doers
POSSESSIVES = {"his", "her", "their", "its", "our"}
PLURAL = {"they", "the two men", "the two women", "both men", "both women", "the pair", "the two delegations",
          "both delegations", "the two ministers", "both ministers"}  # fmt: skip
LEADING = {"lead", "head", "chair", "run", "command"}
HARMING = {"kill", "injure", "wound", "destroy", "damage", "hit"}  # what "the strikes" did
LANDS = {"country", "nation", "homeland"}
THE_COUNTRY = {"the country", "the nation", "the kingdom", "the republic", "the island", "the island nation"}
FOREIGN_OFFICES = {"minister", "ministers", "ministry", "office", "secretary", "affairs", "policy", "service"}
PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "we"}
DIVIDED = [("PRK", "KOR"), ("SDN", "SSD")]  # "the North" and "the South" of a story about both halves


def match(tokens: list[Token], g: Gazetteer, on: date | None,
          user: dict[str, Entry] | None = None) -> list[tuple[int, int, Entry]]:  # fmt: skip
    """Longest-first dictionary matches over a token list: (start, end, entry)."""
    out: list[tuple[int, int, Entry]] = []
    i, n = 0, len(tokens)
    while i < n:
        for size in range(min(g.longest, n - i), 0, -1):
            raw = " ".join(t.text for t in tokens[i : i + size])
            key = norm(raw)
            found = [user[key]] if user and key in user else (g.exact.get(raw) or g.phrases.get(key) or [])
            found = [e for e in found if e.kind != "person" or e.valid(on)]
            if found:
                out.append((i, i + size, found[0]))
                i += size
                break
        else:
            i += 1
    return out


class ActorResolver:
    """Resolves actor phrases of one document; keeps the document's coreference memory."""

    def __init__(self, doc: Doc, published: date | None, home: str | None, user: dict[str, Entry] | None = None):
        self.g = gazetteer()
        self.on = published
        self.doc = doc
        self.user = user
        self.surnames: dict[str, Entity] = {}
        self.last: Entity | None = None
        self.recent: list[Entity] = []  # the parties resolved so far, in order
        self.sides: Counter[tuple[str, str]] = Counter()  # pairs of parties named in one event, how often
        self.side_of: dict[str, Entity] = {}
        self.country_sides: Counter[tuple[str, str]] = Counter()
        self.sides_here: tuple[int, tuple[str, ...]] | None = None  # the pair of the last event, by sentence start
        self.doers: dict[str, list[Entity]] = {}  # by the word and the type of the acts told so far
        self.descriptors: dict[str, Entity] = {}  # words a named group was introduced with, as later used alone
        # (sentence, place, day, whether it was cooperation) of the last placed event
        self.last_place: tuple[int, Location, date | None, bool] | None = None
        self.blocs: set[str] = set()  # the international bodies the story names
        counts: Counter[str] = Counter()
        named: Counter[str] = Counter()  # also the home countries of groups ("Hamas") and of places ("Gaza")
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "ORG", "PERSON", "LOC"):
                found = match(list(ent), self.g, published, user)
                for _, _, e in found:
                    if e.code and e.kind in ("country", "seat", "person", "user"):
                        counts[e.code] += 1
                    elif e.kind == "igo" and e.code:
                        self.blocs.add(e.code)
                    elif e.code in self.g.countries and e.kind == "group":
                        named[e.code] += 1
                if not found and ent.label_ in ("GPE", "LOC") and (loc := resolve_place(ent.text, [])):
                    named[loc.country_code or ""] += 1
        self.salient = [c for c, _ in counts.most_common(2)]
        self.named = [c for c, _ in (counts + named).most_common() if c]
        self.home = home or (self.salient[0] if self.salient else None)
        # the country the story is about: the most named, the dateline's among equals ("DOHA, Qatar — ... Israel
        # ... Israeli ...": Israel)
        self.topic = max(counts, key=lambda c: (counts[c], c == self.home)) if counts else self.home
        # people introduced with a descriptor ("Polish Foreign Minister Jan Nowak") are known by surname later
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            # the descriptor may be the name's own phrase or stand in apposition to it: "her Polish
            # counterpart, Tomasz Wierzbicki" / "Wierzbicki, Poland's foreign minister,"
            root = ent.root
            relatives = (
                [root] + ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]
            )
            # "Elena Vasilescu, who leads the largest opposition group": what she leads describes her
            relatives += [o for c in root.children if c.dep_ == "relcl" and c.lemma_.lower() in LEADING
                          for o in c.children if o.dep_ == "dobj"]  # fmt: skip
            for tok in relatives:
                entity = self._from_dictionaries(phrase(tok))
                if entity.country or entity.sector:
                    self._remember(ent, entity, update_last=False)
                    break

    def pair(self, text: str, besides: AbstractSet[str] = frozenset()) -> list[Entity]:
        """The two parties "both nations" / "they" mean: the last two distinct countries named as parties, else
        the last two parties of one country ("Ruto met Odinga ... the two agreed"), else the story's two most
        mentioned countries; never one of `besides` ("Riyadh and Washington urged both sides": two others).
        Two bystanders named last are not the sides the story is about: "Germany and Norway pledged aid. The
        two sides exchanged prisoners" in a story about Russia and Ukraine."""
        recent = [e for e in reversed(self.recent) if e.country and e.country not in besides]
        countries = list(dict.fromkeys(e.country for e in recent if e.country))[:2]
        main = [c for c in self.salient if c not in besides]
        if len(countries) == 2 and len(main) == 2 and not set(countries) & set(main):
            countries = main
        if len(countries) < 2:
            latest: dict[str | None, Entity] = {}
            for e in recent:
                latest.setdefault(e.code, e)
            if len(latest) >= 2:
                return [self._copy(e, text, "context:pair") for e in list(latest.values())[:2]]
            countries = [c for c in self.salient if c not in besides][:2]
        return [self.country_entity(text, c, "context:pair", 0.7) for c in countries] if len(countries) == 2 else []

    def note_sides(self, parties: list[Entity], sentence: Span) -> None:
        """Parties named in one event (not inferred from context) are two sides of the story."""
        named = {e.code: e for e in parties if e.code and e.country and not e.resolved_by.startswith("context")}
        self.side_of.update(named)
        if len(named) == 2:
            self.sides_here = (sentence.start, tuple(sorted(named)))
        for a, ea in named.items():
            for b, eb in named.items():
                if a < b:
                    self.sides[(a, b)] += 1
                if ea.country and eb.country and ea.country < eb.country:
                    self.country_sides[(ea.country, eb.country)] += 1

    def note_act(self, words: list[Token], typ: str, doers: list[Entity]) -> None:
        """Who did what the story tells, by its words ("signed the deal": "sign", "deal") and by its type."""
        named = [e for e in doers if e.code]
        if named:
            self.doers[typ] = named
            self.doers.update({_act_word(w): named for w in words})
            if typ == "AGREE" and any(w.lemma_.lower() == "agree" for w in words):  # "agreed to a truce ... the
                self.doers[AGREEMENT] = named  # deal", not a pledge to go on talking
            if typ in VIOLENT:
                self.doers[VIOLENCE] = named

    def _doers_of(self, noun: Token, text: str) -> list[Entity]:
        """ "the raid" or "the offensive" as the object of a judgement: the doers of the story's last act of
        that word, else of its type."""
        rule = lexicon().nouns.get(noun.lemma_.lower())
        verb = NOMINALS.get(noun.lemma_.lower())  # "invited them to talks ... rejected the invitation"
        if rule is None and verb is None:
            return []
        typ = (rule.default or "").split(" ")[0] if rule else ""
        # "seized the airport ... condemned the offensive": the last violence
        known = (
            self.doers.get(_act_word(noun))
            or (self.doers.get(verb) if verb else None)
            or self.doers.get(typ)
            or (self.doers.get(VIOLENCE) if typ in VIOLENT else None)
        )
        return [self._copy(e, text, "coref:act") for e in known or []]

    def _sides(self, span: Span, text: str, besides: AbstractSet[str]) -> list[Entity]:
        """ "both sides": the two parties that met most often in the story's events so far, the first pair on ties
        ("the army and the RSF agreed to a truce ... Saudi mediators ... urged both sides")."""
        here = [self.sides_here[1]] if self.sides_here and self.sides_here[0] == span.sent.start else []
        for pair in here + [p for p, _ in self.sides.most_common()]:  # "spoke with Wang, and the two sides agreed"
            entities = [self.side_of[c] for c in pair]
            if not any(e.country in besides for e in entities):
                return [self._copy(e, text, "context:sides") for e in entities]
        return []

    def _two_countries(self, text: str, besides: AbstractSet[str]) -> list[Entity]:
        """ "both countries": two countries that met in at least two of the story's events, the most often first
        ("Congo accused Rwanda ... cut ties with Kigali ... Germany suspended aid to Rwanda ... invited the leaders
        of both countries")."""
        for pair, n in self.country_sides.most_common():
            if n >= 2 and not set(pair) & besides:
                return [self.country_entity(text, c, "context:pair", 0.7) for c in pair]
        return []

    @property
    def story_countries(self) -> list[str]:
        """The story's countries, the dateline's and the two most named first: they break ties between namesake
        places."""
        return list(dict.fromkeys(c for c in [self.home, *self.salient, *self.named] if c))

    def resolve(self, span: Span, role: str = "actor", besides: AbstractSet[str] = frozenset()) -> list[Entity]:
        """The parties a phrase names; a pair phrase ("both sides") means two parties other than `besides`."""
        text = span.text.strip()
        low = norm(text)
        if low in SIDES and (sides := self._sides(span, text, besides)):
            return sides
        pair_phrase = low in PAIR_PHRASES or low.removeprefix("the ") in PAIR_PHRASES
        if pair_phrase and (two := self._two_countries(text, besides)):
            return two
        plural = pair_phrase or (low in PLURAL and role == "actor")
        if plural and (pair := self.pair(text, besides)):
            return pair
        # "spoke with Abiy and Isaias and urged them to talk": two countries' parties just named
        both = self.pair(text, besides) if low == "them" else []
        if len({e.country for e in both}) == 2:
            return both
        # "sanctioned Niger, freezing the country's assets": the country last named, not the doer's
        owner = [t.lower_ for c in span.root.children if c.dep_ == "poss" for t in c.subtree if t.dep_ != "case"]
        if (low in THE_COUNTRY or " ".join(owner) in THE_COUNTRY) and (
            latest := next((e.country for e in reversed(self.recent) if e.country and e.country not in besides), None)
        ):
            return [self.country_entity(text, latest, "coref:country", 0.6)]
        if low in ("the north", "the south") and (half := self._half(low)):
            return [self.country_entity(text, half, "context:divided", 0.8)]
        # "Rebels said they had killed": with no two parties for "they", it is the last actor, like "it"
        if len(span) == 1 and span[0].lower_ in PRONOUNS:
            if role == "actor" and (act := _act_before(span[0])) is not None:
                return self._doers_of(act, text)  # "The deal was reached. It allows convoys": the deal's parties
            if role != "actor" or self.last is None:  # "attacked it": too often the actor's own country
                return []
            return [self._copy(self.last, text, "coref:pronoun")]
        entity = self._from_dictionaries(span)
        if BLOC_SEATS.get(text) in self.blocs:  # "the EU imposed tariffs ... urged Brussels to keep negotiating"
            entity = Entity(text, text, BLOC_SEATS[text], None, [], 0.8, "seat:bloc")
        if entity.country is None and span.root.lemma_.lower() == "peacekeeper" and "UNO" in self.blocs:
            entity = Entity(text, "United Nations", "UNO", None, [], 0.7, "context:mission")  # the UN mission's
        if entity.resolved_by == "group":  # "the paramilitary Rapid Support Forces" ... "the paramilitary", "the group"
            words = {t.lemma_.lower() for t in span if t.is_lower and t.pos_ in ("ADJ", "NOUN")}
            self.descriptors.update(dict.fromkeys(words, entity))
        elif entity.country is None and (
            known := (self.descriptors.get(span.root.lemma_.lower()) if len(span) <= 2 else None)
            or self._group_before(span)  # "the group", also "the paramilitary group"
        ):
            entity = self._copy(known, text, "coref:descriptor")
        elif entity.country is None and (body := self._body_before(span)):
            entity = body  # "ECOWAS suspended Niger ... The bloc also threatened", "the IAEA ... the agency"
        elif entity.country is None and entity.sector and low.startswith("the ") and (same := self._told(low)):
            entity = self._copy(same, text, "coref:same")  # "sanctions on the junta ... The junta accused France"
        possessive = any(t.dep_ == "poss" and t.lower_ in POSSESSIVES for t in span)
        if entity.country is None and entity.sector and self.last and possessive:  # "his government"
            entity.country, entity.resolved_by = self.last.country, entity.resolved_by + "+coref:possessive"
        elif entity.country is None and possessive and self.last and self.last.country and low.split()[-1] in LANDS:
            return [self.country_entity(text, self.last.country, "coref:possessive", 0.7)]  # "his country"
        if entity.country is None:  # a city or region stands for its country ("shelled Kherson", "police in Karachi")
            local = [p for p, _ in pobjs(span.root, {"in", "from"})] if entity.sector else []
            for ent in [*span.ents, *(e for p in local for e in p.doc.ents if e.root == p)]:
                loc = resolve_place(ent.text, self.story_countries) if ent.label_ in ("GPE", "LOC") else None
                if loc and loc.country_code:
                    entity.country, entity.confidence, entity.resolved_by = loc.country_code, 0.7, "place"
                    break
        if entity.country is None:  # a name seen before, also behind a title ("President Ruto" after "Ruto")
            for tok in span:
                if tok.text in self.surnames and (entity.sector is None or self.surnames[tok.text].country):
                    entity = self._copy(self.surnames[tok.text], text, "coref:surname")
                    break
        if entity.country is None and (sent_by := self._sent_by(span, role, besides)):
            return [dataclasses.replace(e, sector=e.sector or entity.sector, other_sectors=e.other_sectors or
                                        entity.other_sectors, text=text) for e in sent_by]  # fmt: skip
        if entity.country or entity.sector:
            self._remember(span, entity, update_last=role == "actor")
            self.recent.append(entity)  # a sector's country may be filled from its event later
        elif not any(e.label_ in ("PERSON", "ORG", "NORP", "GPE") for e in span.ents) and (
            role != "actor" or span.root.lemma_.lower() in lexicon().nouns
        ):
            # an abstract object ("praised the proposal") or an event ("a blast killed") is no party, but
            # "condemned the raid" judges whoever raided, and "the strikes killed 26" were the strikers'
            harmed = role == "actor" and span[0].lower_ == "the" and span.root.head.lemma_.lower() in HARMING
            return self._doers_of(span.root, text) if role == "recipient" or harmed else []
        # an unknown doer ("the group urged") keeps its text, with the low confidence of an unresolved name
        return [entity, *self._coordinated(span, entity)]

    def _half(self, low: str) -> str | None:
        """ "called on the North to stop provocations" in a story naming both Koreas: North Korea."""
        return next((pair[low == "the south"] for pair in DIVIDED if set(pair) <= set(self.named)), None)

    def _told(self, low: str) -> Entity | None:
        """The party a definite description named last time, once its country was known."""
        return next((e for e in reversed(self.recent) if e.country and norm(e.text) == low), None)

    @cached_property
    def _bodies(self) -> list[tuple[int, int, Entry]]:
        """The international bodies the document names, where (token start, end), also those the parser did not
        mark as names ("the regional bloc ECOWAS")."""
        return [m for m in match(list(self.doc), self.g, self.on, self.user) if m[2].kind == "igo"]

    def _body_before(self, span: Span) -> Entity | None:
        """ "the bloc": the international body named last; "the agency", "the council": the last one so named."""
        noun = span.root.lemma_.lower()
        if noun not in BODY_NOUNS or span.root.ent_type_:
            return None
        behind = [e for start, _, e in self._bodies if start == span.end]
        before = [e for _, end, e in reversed(self._bodies) if end <= span.start]
        for e in behind + before:  # first a name the parser cut off: "the regional bloc ECOWAS"
            if noun in BLOC_NOUNS or noun in e.name.lower().split():
                sectors = tuple(x for x in e.sectors if x not in ("IGO", e.code))
                return Entity(span.text.strip(), e.name, e.code, *_sectors(sectors), 0.8, "coref:body")
        return None

    def _group_before(self, span: Span) -> Entity | None:
        """ "Hezbollah did not respond ... the group would not disarm": the last non-state group named before."""
        if span.root.lemma_.lower() not in GROUP_NOUNS:
            return None
        for ent in reversed([e for e in span.doc.ents if e.end <= span.start and e.label_ in ("ORG", "NORP")]):
            named = self._from_dictionaries(ent)
            if named.resolved_by == "group" and named.sector not in STATE_SECTORS:
                return named
        return None

    def _sent_by(self, span: Span, role: str, besides: AbstractSet[str]) -> list[Entity]:
        """ "delegations from both sides", "the leaders of Armenia and Azerbaijan": the parties they come from."""
        owners = [p for o, _ in pobjs(span.root, {"from", "of"}) for p in (o, *o.conjuncts)]
        if not owners or span.root.ent_type_ or span.root.lemma_.lower() in lexicon().nouns:
            return []
        return [e for o in owners for e in self.resolve(phrase(o), role, besides) if e.country]

    def _coordinated(self, span: Span, entity: Entity) -> list[Entity]:
        """ "Chinese and Russian warships", "the embassies of France and Belgium": each coordinated country
        modifier names a party of its own, with the sectors the head noun gave the first."""
        out = []
        for mod in [*span.root.children, *(p for p, _ in pobjs(span.root, {"of"}))]:
            if mod.dep_ not in ("amod", "compound", "nmod", "pobj") or not entity.country or not mod.conjuncts:
                continue
            for conj in (mod, *mod.conjuncts):
                words = [t for t in conj.subtree if t == conj or t.dep_ in ("compound", "amod")]
                codes = [
                    e.code for _, _, e in match(words, self.g, self.on, self.user) if e.kind == "country" and e.code
                ]
                if codes and codes[0] != entity.country:
                    name = self.g.countries.get(codes[0], {}).get("name", codes[0])
                    out.append(dataclasses.replace(entity, name=name, country=codes[0],
                                                   resolved_by=entity.resolved_by + "+coordinated"))  # fmt: skip
        return out

    def _from_dictionaries(self, span: Span) -> Entity:
        tokens = [t for t in span if not t.is_punct or t.text in ("-", ".")]
        found = match(tokens, self.g, self.on, self.user)
        text = span.text.strip()
        head_i = next((k for k, t in enumerate(tokens) if t == span.root), len(tokens) - 1)
        user = [e for _, _, e in found if e.kind == "user"]
        persons = [e for _, _, e in found if e.kind in ("person", "group")]
        if user or persons:
            e = (user or persons)[0]
            return Entity(text, e.name, e.code, *_sectors(e.sectors), confidence=0.95, resolved_by=e.kind)
        places = [(s, end, e) for s, end, e in found if e.kind in ("country", "seat", "igo")]
        sectors: list[str] = []
        # the descriptor nearest the head decides the main sector ("Defense Minister" -> GOV, MIL)
        for start, end, e in sorted((m for m in found if m[2].kind == "sector"), key=lambda m: -m[0]):
            if tokens[start].ent_type_ == "CARDINAL" and end < len(tokens) and tokens[end].lower_ == "of":
                continue  # "thousands of farmers": a count of others
            sectors.extend(s for s in e.sectors if s not in sectors)
        if places:
            at_head = [p for p in places if p[0] <= head_i < p[1]]
            # the nearest modifier wins, as for sectors below; not a prepositional object ("Ambassador to Romania")
            before = [p for p in places if p[1] <= head_i and not (p[0] and tokens[p[0] - 1].pos_ == "ADP")]
            s, end, e = at_head[0] if at_head else before[-1] if before else places[0]
            # "Pakistan's Foreign Office": the owner's ministry, not the namesake seat of another state
            owners = [p for p in before if p[2].kind == "country" and p[1] < len(tokens) and tokens[p[1]].tag_ == "POS"]
            if e.kind == "seat" and owners:
                sectors = sectors or list(e.sectors)
                s, end, e = owners[-1]
            if e.kind == "seat" and not sectors and at_head:
                sectors = list(e.sectors)
            if e.kind == "igo":
                sectors = list(dict.fromkeys(x for x in (*e.sectors, *sectors) if x not in ("IGO", e.code)))
            name = e.name if at_head else text
            return Entity(text, name, e.code, *_sectors(tuple(sectors)), confidence=0.9,
                          resolved_by=f"{e.kind}+title" if sectors else e.kind)  # fmt: skip
        if sectors:
            return Entity(text, text, None, *_sectors(tuple(sectors)), confidence=0.5, resolved_by="title")
        return Entity(text, text, None, confidence=0.2, resolved_by="unknown")

    def _remember(self, span: Span, entity: Entity, update_last: bool = True) -> None:
        if update_last:
            self.last = entity
        for ent in span.ents:
            if ent.label_ == "PERSON":
                names = [t.text for t in ent if t.is_alpha]
                for key in {names[0], names[-1]} if names else set():
                    self.surnames[key] = entity

    def _copy(self, e: Entity | None, text: str, how: str) -> Entity:
        assert e is not None
        return Entity(text, e.name, e.country, e.sector, list(e.other_sectors), e.confidence * 0.9, how)

    def country_entity(self, text: str, iso3: str, how: str = "context:place", conf: float = 0.6) -> Entity:
        return Entity(text, self.g.countries.get(iso3, {}).get("name", iso3), iso3, None, [], conf, how)

    def fill_country(
        self, entity: Entity, candidates: list[str | None], others: list[Entity], doer: bool = False
    ) -> None:
        """A sector without a country ("lawmakers", "police") gets the first of the candidate countries the
        caller knows from the event, else the story's home country (dateline, else most mentioned), but never
        one that makes it the other side's party: "the government expelled two Russian diplomats" is not
        Russia's government expelling its own, nor is "the president thanked China" China's president. A `doer`
        is not part of a state it acts on by its capital's name either ("the junta accused Paris"), though a
        state may act on its own rebels ("Manila called off talks with the rebels")."""
        if entity.country or not entity.sector or entity.sector in ("IGO", "NGO") or _foreign(entity.text):
            return
        states = [o for o in others if not o.sector or (doer and o.resolved_by.startswith("seat"))]
        taken = {o.code for o in others} | {o.country for o in states}
        sectors = "".join(s for s in (entity.sector, *entity.other_sectors) if s)
        country = next((c for c in [*candidates, self.home] if c and c in self.g.countries
                        and c not in taken and c + sectors not in taken), None)  # fmt: skip
        if country:
            entity.country, entity.confidence, entity.resolved_by = (
                country,
                0.6,
                entity.resolved_by + "+context",
            )


def _foreign(text: str) -> bool:
    """ "accused foreign intelligence services": nobody of the story's countries (unlike "the foreign minister")."""
    words = text.lower().split()
    return any(w == "foreign" and i + 1 < len(words) and words[i + 1] not in FOREIGN_OFFICES
               for i, w in enumerate(words))  # fmt: skip


def _act_before(pronoun: Token) -> Token | None:
    """ "The deal was reached in Jeddah. It allows convoys ...": "it" opening a sentence after one about an act
    is that act."""
    if pronoun.lower_ != "it" or pronoun.i != pronoun.sent.start or pronoun.sent.start == 0:
        return None
    before = pronoun.doc[pronoun.sent.start - 1].sent
    subject = next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head == before.root), None)
    return (
        subject if subject is not None and not subject.ent_type_ and subject.lemma_.lower() in lexicon().nouns else None
    )


def _act_word(word: Token) -> str:
    """The key of an act's word: its lemma, one key for the names of an agreement ("signed the accord ...
    criticized the deal")."""
    lemma = word.lemma_.lower()
    return AGREEMENT if lemma in AGREEMENTS else lemma


def _sectors(sectors: tuple[str, ...]) -> tuple[str | None, list[str]]:
    return (sectors[0] if sectors else None), list(sectors[1:])
