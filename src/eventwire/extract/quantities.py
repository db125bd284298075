"""Quantities tied to an event: percentages and what they modify, money, people, troops, weapons."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from eventwire.model import Quantity

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}  # fmt: skip
SCALE = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mln": 1e6,
    "bln": 1e9,
    "m": 1e6,
    "bn": 1e9,
    "k": 1e3,
}
CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
    "₹": "INR",
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "yen": "JPY",
    "won": "KRW",
    "yuan": "CNY",
    "rouble": "RUB",
    "ruble": "RUB",
    "rupee": "INR",
    "hryvnia": "UAH",
    "shekel": "ILS",
    "riyal": "SAR",
}
NUM = re.compile(r"(\d[\d,]*(?:\.\d+)?)")
TROOPS = {"troop", "soldier", "marine", "sailor", "personnel", "reservist", "paratrooper", "peacekeeper"}
WEAPONS = {
    "missile",
    "rocket",
    "drone",
    "tank",
    "warship",
    "ship",
    "jet",
    "aircraft",
    "plane",
    "helicopter",
    "shell",
    "bomb",
    "vessel",
    "submarine",
    "howitzer",
    "artillery",
    "launcher",
    "round",
    "warhead",
}
PEOPLE = {
    "people",
    "person",
    "civilian",
    "protester",
    "demonstrator",
    "villager",
    "resident",
    "child",
    "prisoner",
    "militant",
    "fighter",
    "rebel",
    "student",
    "worker",
    "migrant",
    "refugee",
    "officer",
    "journalist",
    "activist",
    "man",
    "woman",
    "member",
    "passenger",
    "police",
    "policeman",
}
DEAD = {"kill", "die", "dead", "death", "killed", "slay", "execute", "massacre", "behead", "fatality"}
INJURED = {"injure", "wound", "hurt", "injured", "wounded", "injury", "casualty"}
ARRESTED = {"arrest", "detain", "jail", "imprison", "round", "apprehend", "arrested", "detained", "custody"}
CHANGE = {
    "hike",
    "increase",
    "rise",
    "raise",
    "boost",
    "cut",
    "reduction",
    "jump",
    "growth",
    "decrease",
    "drop",
}
BUDGET = {"budget", "spending", "expenditure", "outlay"}


def number(text: str) -> float | None:
    t = text.lower().replace(",", "")
    m = NUM.search(t)
    if m:
        value = float(m.group(1))
        for word, mult in SCALE.items():
            if re.search(rf"\d\s*{word}\b|\b{word}\b", t[m.end() :][:12]):
                return value * mult
        return value
    words = [NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", t) if w in NUMBER_WORDS]
    if not words:
        return None
    value = float(words[0])
    for w in re.findall(r"[a-z]+", t):
        if w in SCALE and w not in ("m", "k"):
            value *= SCALE[w]
    return value


def _context_lemmas(tok: Token) -> set[str]:
    """Lemmas around a number: what it counts and what happened to it."""
    lemmas = {tok.head.lemma_.lower(), tok.head.head.lemma_.lower()}
    lemmas |= {c.lemma_.lower() for c in tok.head.children}
    lemmas |= {c.lemma_.lower() for c in tok.head.head.children}
    for anc in list(tok.ancestors)[:4]:
        lemmas.add(anc.lemma_.lower())
        lemmas |= {c.lemma_.lower() for c in anc.children if c.dep_ in ("prep", "amod", "compound", "pobj")}
        # "an increase in next year's defense budget": what the change is in
        lemmas |= {p.lemma_.lower() for c in anc.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"}
    return lemmas


def _casualty(tok: Token) -> str | None:
    """dead / injured / arrested from the nearest verb or noun above a number ("killing 12 and injuring 30")."""
    for anc in [tok.head, *list(tok.head.ancestors)[:3]]:
        near = {anc.lemma_.lower(), anc.lower_} | {c.lemma_.lower() for c in anc.children if c.dep_ in ("amod", "acl")}
        for kind, words in (("dead", DEAD), ("injured", INJURED), ("arrested", ARRESTED)):
            if near & words:
                return kind
    return None


def _kind(tok: Token, counted: str) -> tuple[str, str]:
    casualty = _casualty(tok)
    if casualty and counted not in WEAPONS:
        return casualty, "people"
    if counted in TROOPS:
        return "troops", "troops"
    if counted in WEAPONS:
        return "weapons", counted
    if counted in PEOPLE:
        return "people", "people"
    return "count", counted or "items"


def quantities(region: Span) -> list[Quantity]:
    """Quantities stated inside a token region (the predicate's clause)."""
    out: list[Quantity] = []
    doc = region.doc
    for ent in doc.ents:
        if ent.start < region.start or ent.end > region.end:
            continue
        value = number(ent.text)
        if value is None:
            continue
        if ent.label_ == "PERCENT":
            ctx = _context_lemmas(ent.root)
            kind = "budget_change" if ctx & BUDGET and ctx & CHANGE else "change" if ctx & CHANGE else "share"
            out.append(Quantity(ent.text, value, "percent", kind))
        elif ent.label_ == "MONEY":
            low = ent.text.lower()
            nxt = doc[ent.end].lower_ if ent.end < len(doc) else ""
            unit = next((c for s, c in CURRENCY.items() if s in low or nxt.startswith(s)), "unknown")
            out.append(Quantity(ent.text, value, unit, "money"))
        elif ent.label_ == "CARDINAL":
            counted = ent.root.head.lemma_.lower() if ent.root.dep_ == "nummod" else ent.root.lemma_.lower()
            if ent.root.dep_ != "nummod" and counted not in PEOPLE | TROOPS | WEAPONS:
                counted = ""
            kind, unit = _kind(ent.root, counted)
            if kind == "count" and not counted:
                continue  # a bare number with nothing counted: a score, an id, a year fragment
            out.append(Quantity(ent.text, value, unit, kind))
    return out
