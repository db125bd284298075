"""Actor dictionaries: countries, capitals as metonyms, IGOs, sector descriptors and dated persons.

Loaded once per process from the project's TSV files in resolve/data/ (plus any user dictionaries).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    kind: str  # country, seat, igo, group, sector, person, user
    code: str | None  # ISO3 or IGO code
    sectors: tuple[str, ...] = ()
    name: str = ""
    valid_from: date | None = None
    valid_to: date | None = None

    def valid(self, on: date | None) -> bool:
        if on is None:
            return self.valid_to is None  # without a date, only current office holders
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@dataclass
class Gazetteer:
    phrases: dict[str, list[Entry]]  # normalised phrase -> entries
    exact: dict[str, list[Entry]]  # case-sensitive phrases (acronyms: "US", "UN")
    countries: dict[str, dict[str, str]]  # ISO3 -> row
    longest: int = 6

    def add(self, phrase: str, entry: Entry) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        # a one-word name of an organisation or person is a proper name: "Amnesty", not "the amnesty bill"
        name = entry.kind in ("igo", "group", "person") and " " not in phrase and phrase[:1].isupper()
        if name or _case_sensitive(phrase):
            self.exact.setdefault(phrase, []).append(entry)
        else:
            self.phrases.setdefault(norm(phrase), []).append(entry)
        self.longest = max(self.longest, len(phrase.split()))


def norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").replace("-", " - ").split())


def _case_sensitive(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) <= 4 and all(c.isupper() for c in letters)


def _date(s: str) -> date | None:
    s = (s or "").strip()
    return date.fromisoformat(s) if s else None


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(s: str | None) -> list[str]:
    return [p.strip() for p in (s or "").split("|") if p.strip()]


# "seven Latin American countries" are no Americans: these name a region, no one country
REGIONAL_DEMONYMS = ("Latin American", "Latin Americans", "North American", "North Americans", "Central American",
                     "Central Americans", "South American", "South Americans", "Pan-American")  # fmt: skip


@cache
def gazetteer() -> Gazetteer:
    g = Gazetteer({}, {}, {})
    for row in _rows("countries.tsv"):
        iso3 = row["iso3"]
        g.countries[iso3] = row
        for phrase in [row["name"], *_split(row["aliases"]), *_split(row["demonyms"])]:
            g.add(phrase, Entry("country", iso3, (), row["name"]))
        for seat in _split(row["seats"]):
            place, _, sector = seat.partition(":")
            g.add(place, Entry("seat", iso3, (sector or "GOV",), row["name"]))
    for phrase in REGIONAL_DEMONYMS:  # longer than the demonym inside them, so they win the match
        g.add(phrase, Entry("region", None, (), phrase))
    for row in _rows("igos.tsv"):
        for phrase in [row["name"], *_split(row["aliases"])]:
            g.add(phrase, Entry("igo", row["code"], tuple(_split(row["sector"])), row["name"]))
    for row in _rows("groups.tsv"):  # armed groups, agencies and cartels: a country and a sector
        for phrase in [row["name"], *_split(row["aliases"])]:
            g.add(phrase, Entry("group", row["country"], tuple(_split(row["sectors"])), row["name"]))
    for row in _rows("sectors.tsv"):
        g.add(row["pattern"], Entry("sector", None, tuple(_split(row["sectors"])), row["pattern"]))
    for row in _rows("persons.tsv"):
        entry = Entry("person", row["country"], tuple(_split(row["sectors"])), row["name"],
                      _date(row["valid_from"]), _date(row["valid_to"]))  # fmt: skip
        for phrase in [row["name"], *_split(row["aliases"])]:
            g.add(phrase, entry)
    return g


def names_country(text: str) -> bool:
    """The text is a country's name, alias or demonym ("U.S.", "the Philippines", "Chinese")."""
    g = gazetteer()
    entries = g.phrases.get(norm(text.removeprefix("the ")), []) + g.exact.get(text, [])
    return any(e.kind == "country" for e in entries)


def load_user_dictionary(path: Path) -> list[tuple[str, Entry]]:
    """A user dictionary overrides everything: TSV/CSV with `phrase, code` (country+sectors, e.g. USAGOVMIL)
    and optional `name, valid_from, valid_to`; or YAML, a list of mappings with the same keys."""
    if path.suffix in (".yaml", ".yml"):
        import yaml

        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    else:
        delim = "\t" if path.suffix == ".tsv" else ","
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter=delim))
    out = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("phrase") or not row.get("code"):
            raise ValueError(f"{path}: entry {i} needs 'phrase' and 'code'")
        code = str(row["code"]).upper()
        sectors = tuple(code[i : i + 3] for i in range(3, len(code), 3))
        out.append((str(row["phrase"]), Entry("user", code[:3], sectors, str(row.get("name") or row["phrase"]),
                                              _date(str(row.get("valid_from") or "")),
                                              _date(str(row.get("valid_to") or "")))))  # fmt: skip
    return out
