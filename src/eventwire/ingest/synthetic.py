"""A generated news corpus for benchmarks and crash tests: wire-style articles built from templates
(every PLOVER type, ~60 countries, named officials, places, dates) and from the bundled sample articles
with their countries swapped, plus the reprints and lightly edited copies that real wire traffic has.

Deterministic for a seed; nothing is downloaded.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

COUNTRIES = [
    "Germany",
    "France",
    "Poland",
    "Italy",
    "Spain",
    "Japan",
    "India",
    "Brazil",
    "Mexico",
    "Canada",
    "Australia",
    "Egypt",
    "Nigeria",
    "Kenya",
    "Ethiopia",
    "Sudan",
    "Turkey",
    "Iran",
    "Iraq",
    "Israel",
    "Jordan",
    "Lebanon",
    "Syria",
    "Ukraine",
    "Russia",
    "China",
    "Vietnam",
    "Indonesia",
    "Thailand",
    "Philippines",
    "Malaysia",
    "Pakistan",
    "Afghanistan",
    "Bangladesh",
    "Argentina",
    "Chile",
    "Colombia",
    "Peru",
    "Venezuela",
    "Morocco",
    "Algeria",
    "Tunisia",
    "Libya",
    "Ghana",
    "Senegal",
    "Mali",
    "Niger",
    "Somalia",
    "Uganda",
    "Tanzania",
    "Zimbabwe",
    "Greece",
    "Romania",
    "Hungary",
    "Serbia",
    "Georgia",
    "Armenia",
    "Azerbaijan",
    "Kazakhstan",
    "Qatar",
]
FIRST = [
    "Anna",
    "Tomas",
    "Maria",
    "Ahmed",
    "Li",
    "Kenji",
    "Priya",
    "Carlos",
    "Fatima",
    "Olga",
    "Samuel",
    "Ingrid",
    "Jonas",
    "Amina",
    "Pedro",
    "Leila",
    "Yusuf",
    "Elena",
]
LAST = [
    "Keller",
    "Novak",
    "Rossi",
    "Haddad",
    "Chen",
    "Sato",
    "Sharma",
    "Moreno",
    "Diallo",
    "Petrova",
    "Mensah",
    "Berg",
    "Lund",
    "Bello",
    "Silva",
    "Karimi",
    "Ozturk",
    "Ionescu",
]
ROLES = ("Foreign Minister", "Defence Minister", "Prime Minister", "President", "Interior Minister", "Trade Minister")
OUTLETS = ("Eventwire Wire", "Daily Courier", "Global Monitor", "The Evening Post", "Metro Herald", "Capital Times",
           "Regional Ledger", "World Desk")  # fmt: skip
TOPICS = ("border security", "energy supplies", "trade tariffs", "migration", "water rights", "a regional ceasefire",
          "grain exports", "cyber attacks", "fishing rights", "debt relief")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# one sentence per event type; {a}/{b} are countries, {pa}/{pb} officials, {city} a city, {day} a weekday
TEMPLATES = {
    "CONSULT": ["{pa} met {pb} in {city} on {day} to discuss {topic}.",
                "{A} and {B} held talks on {topic} in {city} on {day}."],
    "AGREE": ["{A} and {B} agreed on {day} to set up a joint commission on {topic}.",
              "{pa} promised to resume talks with {B} on {topic} next month."],
    "SUPPORT": ["{pa} praised {B} for its handling of {topic}.",
                "{A} and {B} signed a memorandum on {topic} in {city} on {day}."],
    "COOPERATE": ["{A} and {B} will share intelligence on {topic} under a deal signed on {day}."],
    "AID": ["{A} sent {n} tonnes of food aid to {B} on {day}, the aid agency said.",
            "{A} pledged {n} million dollars in humanitarian aid to {B} on {day}."],
    "RETREAT": ["{A} withdrew {n} troops from the border with {B} on {day}.",
                "{A} released {n} prisoners held on charges linked to {topic} on {day}."],
    "REQUEST": ["{pa} urged {B} to reopen talks on {topic}.",
                "{pa} demanded that {B} hand over the suspects."],
    "ACCUSE": ["{pa} accused {B} of violating the agreement on {topic}.",
               "{A} criticised {B} on {day} over its stance on {topic}."],
    "REJECT": ["{B} rejected a proposal by {A} on {topic} on {day}."],
    "THREATEN": ["{pa} warned {B} of serious consequences if it did not stop {topic} violations."],
    "PROTEST": ["Thousands of people protested in {city} on {day} against the government's policy on {topic}.",
                "Workers went on strike in {city} on {day} over {topic}."],
    "SANCTION": ["{A} imposed new sanctions on {B} on {day} over {topic}.",
                 "{A} expelled two {B_dem} diplomats on {day}."],
    "MOBILIZE": ["{A} deployed {n} troops to its border with {B} on {day}.",
                 "{A} put its air defences on high alert on {day}."],
    "COERCE": ["Police in {city} arrested {n} opposition activists on {day}.",
               "Authorities in {city} imposed a curfew on {day} after clashes."],
    "ASSAULT": ["{A_dem} forces shelled villages near {city} on {day}, killing {n} people, officials said.",
                "Gunmen attacked a police station in {city} on {day}, killing {n} officers."],
}  # fmt: skip
FILLER = (
    "The move comes amid rising tensions in the region.",
    "Analysts said the decision could have wide consequences for the economy.",
    "Officials did not give further details.",
    "The two countries have had close ties for decades.",
    "Markets in the region were little changed.",
    "The government has faced criticism over the issue for months.",
    "Diplomats said further meetings were expected later this year.",
    "Local media reported the news earlier in the day.",
)


@cache
def _countries() -> dict[str, dict[str, str]]:
    from eventwire.resolve.gazetteer import gazetteer

    by_name = {row["name"]: row for row in gazetteer().countries.values()}
    return {c: by_name[c] for c in COUNTRIES if c in by_name and by_name[c].get("capital")}


def _demonym(row: dict[str, str]) -> str:
    dem = [d for d in (row.get("demonyms") or "").split("|") if d]
    return dem[0] if dem else row["name"]


@cache
def _samples() -> list[dict[str, Any]]:
    text = resources.files("eventwire").joinpath("samples/articles.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _templated(rng: random.Random, i: int, published: date) -> dict[str, Any]:
    countries = _countries()
    a, b = rng.sample(sorted(countries), 2)
    ra, rb = countries[a], countries[b]
    city = rng.choice([ra, rb])["capital"]
    sentences = []
    types = rng.sample(sorted(TEMPLATES), rng.randint(2, 5))
    for typ in types:
        when = published - timedelta(days=rng.randint(0, 2))
        slots = {
            "A": a, "B": b, "A_dem": _demonym(ra), "B_dem": _demonym(rb), "city": city,
            "pa": f"{a}'s {rng.choice(ROLES).lower()} {rng.choice(FIRST)} {rng.choice(LAST)}",
            "pb": f"her {_demonym(rb)} counterpart {rng.choice(FIRST)} {rng.choice(LAST)}",
            "day": WEEKDAYS[when.weekday()], "topic": rng.choice(TOPICS), "n": rng.choice((12, 40, 150, 300, 2500)),
        }  # fmt: skip
        sentences.append(rng.choice(TEMPLATES[typ]).format(**slots))
        if rng.random() < 0.6:
            sentences.append(rng.choice(FILLER))
    dateline = f"{city.upper()}, {ra['name'] if city == ra['capital'] else rb['name']} ({rng.choice(('EW', 'AP', 'Reuters'))}) — "
    title = sentences[0].split(",")[0].rstrip(".")[:90]
    return {"id": f"gen-{i:06d}", "title": title, "date": published.isoformat(), "text": dateline + " ".join(sentences)}


def _swapped_sample(rng: random.Random, i: int, published: date) -> dict[str, Any]:
    """A bundled sample with one of its countries replaced throughout (names, demonyms, capitals)."""
    countries = _countries()
    sample = rng.choice(_samples())
    text, title = sample["text"], sample["title"]
    present = [row for name, row in countries.items() if name in text]
    spare = rng.sample([row for name, row in countries.items() if name not in text], len(present))
    for old, new in zip(present, spare, strict=True):  # every country in it becomes another one
        for x, y in ((_demonym(old), _demonym(new)), (old["name"], new["name"]), (old["capital"], new["capital"]),
                     (old["capital"].upper(), new["capital"].upper())):  # fmt: skip
            text, title = text.replace(x, y), title.replace(x, y)
    return {"id": f"gen-{i:06d}", "title": title, "date": published.isoformat(), "text": text}


def articles(n: int, seed: int = 0, copies: float = 0.08, near: float = 0.05) -> Iterator[dict[str, Any]]:
    """`n` JSONL-ready article records. A fraction `copies` are verbatim reprints of an earlier article in
    another outlet; a fraction `near` are reprints with a new headline and a trimmed or added sentence."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    made: list[dict[str, Any]] = []
    for i in range(n):
        outlet = rng.choice(OUTLETS)
        slug = outlet.lower().replace(" ", "-")
        r = rng.random()
        if made and r < copies:
            rec = {**rng.choice(made[-200:]), "id": f"gen-{i:06d}"}
        elif made and r < copies + near:
            orig = rng.choice(made[-200:])
            parts = orig["text"].split(". ")
            text = (
                ". ".join(parts[:-1]) + "."
                if len(parts) > 4 and rng.random() < 0.5
                else orig["text"] + " " + rng.choice(FILLER)
            )
            rec = {**orig, "id": f"gen-{i:06d}", "title": "UPDATE: " + orig["title"], "text": text}
        else:
            published = start + timedelta(days=rng.randint(0, 540))
            maker = _swapped_sample if rng.random() < 0.2 else _templated
            rec = maker(rng, i, published)
        rec = {**rec, "source": outlet, "url": f"https://{slug}.example/{i:06d}"}
        made.append(rec)
        yield rec


def write_jsonl(path: Any, n: int, seed: int = 0) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in articles(n, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n
