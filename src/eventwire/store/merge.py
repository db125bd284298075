"""When two mentions report the same real-world event: the merge rules (documented in docs/store.md).

A mention joins an existing event when all of these hold:
1. same family: the PLOVER type; REQUEST is split into appeals (CAMEO 02x) and demands (10x); an
   unrealized mention (negated, hypothetical, future, historical) only joins unrealized ones;
2. same dyad: the first actor's and first recipient's country (else their code, e.g. a bare sector);
   for mutual types (CONSULT, COOPERATE, AGREE) the order of the two sides does not matter;
3. dates at most `window` days apart (default 1: reports of an event straddle midnight and time zones);
4. same place: when both name a precise place (a city or province tied to the event, not a dateline
   guess) it must be the same place; otherwise their place countries must agree when both are known.
A mention with no date, or with neither a country on either side nor a precise place, never merges:
there is too little to tell one event from another. Among several matching events the closest in
date wins, then the oldest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
WINDOW_DAYS = 1


@dataclass(frozen=True)
class Key:
    family: str
    dyad: str
    date: date | None
    place_key: str | None  # a precise place, else None
    place_country: str | None
    mergeable: bool


def _party(entities: list[dict[str, Any]]) -> str:
    if not entities:
        return ""
    e = entities[0]
    return str(e.get("country") or e.get("code") or "")


def family(rec: dict[str, Any]) -> str:
    fam = str(rec["event"])
    if fam == "REQUEST":
        fam += "/appeal" if int(str(rec["cameo"])[:2]) <= 2 else "/demand"
    mod = rec.get("modality") or {}
    if any(mod.get(k) for k in ("negated", "hypothetical", "future", "historical")):
        fam += "/unrealized"
    return fam


def key(rec: dict[str, Any]) -> Key:
    """The merge key of one mention's PLOVER record."""
    a, r = _party(rec.get("actor") or []), _party(rec.get("recipient") or [])
    dyad = "~".join(sorted((a, r))) if rec["event"] in SYMMETRIC else f"{a}>{r}"
    loc = rec.get("event_loc") or {}
    precise = bool(loc) and loc.get("resolution") != "dateline" and loc.get("feature") != "country"
    place_key = str(loc.get("geonameid") or (loc.get("name") or "").lower()) if precise else None
    when = date.fromisoformat(rec["date"]) if rec.get("date") else None
    countries = [e.get("country") for e in (rec.get("actor") or [])[:1] + (rec.get("recipient") or [])[:1]]
    mergeable = when is not None and (any(countries) or bool(place_key))
    return Key(family(rec), dyad, when, place_key or None, loc.get("country_code"), mergeable)


def same_event(new: Key, old: Key, window: int = WINDOW_DAYS) -> bool:
    """Whether `new` reports the event whose first mention had key `old` (rules 1-4 above)."""
    if not (new.mergeable and old.mergeable) or new.family != old.family or new.dyad != old.dyad:
        return False
    assert new.date is not None and old.date is not None
    if abs((new.date - old.date).days) > window:
        return False
    if new.place_key and old.place_key:
        return new.place_key == old.place_key
    return not (new.place_country and old.place_country and new.place_country != old.place_country)
