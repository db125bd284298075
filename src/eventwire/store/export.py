"""Exports of the stored events: PLOVER JSONL, GDELT 2.0 event table, Parquet, CSV.

Rows stream from DuckDB in pages, so an export of millions of events runs in flat memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

import duckdb

from eventwire.ontology import gdelt_quad_class

FORMATS = ("plover-jsonl", "gdelt", "parquet", "csv")
PAGE = 2000

# flat columns of the CSV and Parquet exports (the events table, with the PLOVER record last)
FLAT = ["id", "date", "event", "cameo", "quad_class", "goldstein", "actor_code", "actor_country", "actor_sector", "actor_text", "recipient_code", "recipient_country", "recipient_sector", "recipient_text", "place", "lat", "lon", "place_country", "place_feature", "confidence", "num_mentions", "num_articles", "num_sources", "num_stories", "date_source", "first_seen", "last_seen"]  # fmt: skip

GDELT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    + " ".join(f"Actor{i}Code Actor{i}Name Actor{i}CountryCode Actor{i}KnownGroupCode Actor{i}EthnicCode "
               f"Actor{i}Religion1Code Actor{i}Religion2Code Actor{i}Type1Code Actor{i}Type2Code Actor{i}Type3Code"
               for i in (1, 2))
    + " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    + " ".join(f"{g}_Type {g}_FullName {g}_CountryCode {g}_ADM1Code {g}_ADM2Code {g}_Lat {g}_Long {g}_FeatureID"
               for g in ("Actor1Geo", "Actor2Geo", "ActionGeo"))
    + " DATEADDED SOURCEURL"
).split()  # fmt: skip
assert len(GDELT_COLUMNS) == 61


@dataclass
class Filters:
    since: date | None = None  # event date on or after
    until: date | None = None  # event date on or before
    types: list[str] = field(default_factory=list)  # PLOVER types
    countries: list[str] = field(default_factory=list)  # actor or recipient country (ISO3)
    min_confidence: float | None = None
    min_sources: int | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        conds: list[str] = ["TRUE"]
        params: list[Any] = []
        if self.since:
            conds.append("e.date >= ?")
            params.append(self.since)
        if self.until:
            conds.append("e.date <= ?")
            params.append(self.until)
        if self.types:
            conds.append(f"e.event IN ({', '.join('?' * len(self.types))})")
            params += [t.upper() for t in self.types]
        if self.countries:
            marks = ", ".join("?" * len(self.countries))
            conds.append(f"(e.actor_country IN ({marks}) OR e.recipient_country IN ({marks}))")
            params += [c.upper() for c in self.countries] * 2
        if self.min_confidence is not None:
            conds.append("e.confidence >= ?")
            params.append(self.min_confidence)
        if self.min_sources is not None:
            conds.append("e.num_sources >= ?")
            params.append(self.min_sources)
        sql = " AND ".join(conds) + " ORDER BY e.date NULLS LAST, e.id"
        if self.limit is not None:
            sql += f" LIMIT {int(self.limit)}"
        return sql, params


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: IO[str] | Path, filters: Filters | None = None) -> int:
    """Write the events matching `filters`; returns how many. Parquet needs a file path; the others
    write to a text stream (or a path)."""
    f = filters or Filters()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet is binary: give a file with --output")
        return _parquet(con, out, f)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return export(con, fmt, fh, f)
    if fmt == "plover-jsonl":
        return _plover(con, out, f)
    if fmt == "gdelt":
        return _gdelt(con, out, f)
    return _csv(con, out, f)


def _pages(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> Iterator[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    while rows := cur.fetchmany(PAGE):
        for row in rows:
            yield dict(zip(cols, row, strict=True))


MENTIONS = """(SELECT list({'article_id': m.article_id, 'url': a.url, 'source': m.source, 'sentence': m.sentence,
                 'start': m.start_char, 'end': m.end_char, 'mention_id': m.mention_id} ORDER BY m.added, m.article_id, m.sentence)
        FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id)"""


def _plover(con: duckdb.DuckDBPyConnection, out: IO[str], f: Filters) -> int:
    where, params = f.where()
    sql = (f"SELECT e.record, e.num_mentions, e.num_articles, e.num_sources, e.num_stories, e.first_seen, "
           f"e.last_seen, {MENTIONS} AS mentions FROM events e WHERE {where}")  # fmt: skip
    n = 0
    for row in _pages(con, sql, params):
        rec = json.loads(row["record"])
        for k in ("num_mentions", "num_articles", "num_sources", "num_stories"):
            rec[k] = row[k]
        rec["first_seen"], rec["last_seen"] = _iso(row["first_seen"]), _iso(row["last_seen"])
        rec["mentions"] = row["mentions"] or []
        out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def _flat_sql(f: Filters) -> tuple[str, list[Any]]:
    where, params = f.where()
    return f"SELECT {', '.join('e.' + c for c in FLAT)}, e.record FROM events e WHERE {where}", params


def _csv(con: duckdb.DuckDBPyConnection, out: IO[str], f: Filters) -> int:
    sql, params = _flat_sql(f)
    w = csv.writer(out)
    w.writerow([*FLAT, "record"])
    n = 0
    for row in _pages(con, sql, params):
        w.writerow(["" if v is None else v for v in row.values()])
        n += 1
    return n


def _parquet(con: duckdb.DuckDBPyConnection, path: Path, f: Filters) -> int:
    sql, params = _flat_sql(f)
    n = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]  # type: ignore[index]
    con.execute(f"COPY ({sql}) TO '{_quote(str(path))}' (FORMAT parquet)", params)
    return int(n)


def _quote(s: str) -> str:
    return s.replace("'", "''")


def _iso(v: Any) -> str | None:
    return v.isoformat() if isinstance(v, (date, datetime)) else v


# -- GDELT 2.0 event table ---------------------------------------------------------------------------------


@cache
def _countries() -> dict[str, dict[str, str]]:
    from eventwire.resolve.gazetteer import gazetteer

    return gazetteer().countries


def _fips(iso3: str | None) -> str:
    row = _countries().get(iso3 or "")
    return (row or {}).get("fips", "") or ""


def global_event_id(event_id: str) -> int:
    """GDELT wants an integer id: 60 bits of the event's hash id (stable across exports)."""
    digits = event_id.removeprefix("ev-")
    try:
        return int(digits[:15], 16)
    except ValueError:
        import hashlib

        return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


def _actor(e: dict[str, Any] | None) -> list[str]:
    if not e:
        return [""] * 10
    country = e.get("country") or ""
    is_country = country in _countries()
    others = list(e.get("other_sectors") or [])
    sectors = [s for s in [e.get("sector"), *others] if s][:3]
    return [
        e.get("code") or "", (e.get("name") or e.get("text") or "").upper(), country if is_country else "",
        "" if is_country else country, "", "", "", *(sectors + ["", "", ""])[:3],
    ]  # fmt: skip


AREAS = {"province", "region", "zone", "sea", "strait"}  # GDELT's state/ADM1 types; bases, islands, reefs are points


def _geo(loc: dict[str, Any] | None) -> list[str]:
    if not loc:
        return ["0", "", "", "", "", "", "", ""]
    iso3 = loc.get("country_code")
    fips = _fips(iso3)
    feature = loc.get("feature") or ""
    us = iso3 == "USA"
    typ = 1 if feature == "country" else (2 if us else 5) if feature in AREAS else (3 if us else 4)
    country_name = (_countries().get(iso3 or "") or {}).get("name", "")
    name = loc.get("name") or ""
    full = name if feature == "country" or not country_name or name == country_name else f"{name}, {country_name}"
    feature_id = fips if feature == "country" else str(loc.get("geonameid") or "")
    return [str(typ), full, fips, fips, "", _num(loc.get("lat")), _num(loc.get("lon")), feature_id]


def _num(v: Any) -> str:
    return "" if v is None else f"{float(v):.4f}"


def gdelt_row(rec: dict[str, Any], counts: dict[str, Any]) -> list[str]:
    """One event as the 61 fields of a GDELT 2.0 event record."""
    d = date.fromisoformat(rec["date"]) if rec.get("date") else None
    cameo = str(rec["cameo"])
    actor = (rec.get("actor") or [None])[0]
    recipient = (rec.get("recipient") or [None])[0]
    added = counts.get("first_seen")
    return [
        str(global_event_id(rec["id"])),
        d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "", str(d.year) if d else "",
        f"{d.year + (d.month * 30 + d.day) / 365:.4f}" if d else "",
        *_actor(actor), *_actor(recipient),
        "1" if (counts.get("first_sentence") or 0) <= 1 else "0",
        cameo, cameo[:3], cameo[:2], str(gdelt_quad_class(cameo)), _gold(rec.get("goldstein")),
        str(counts.get("num_mentions") or 1), str(counts.get("num_sources") or 1), str(counts.get("num_articles") or 1),
        "",  # AvgTone: eventwire does not score tone
        *_geo(None), *_geo(None), *_geo(rec.get("event_loc")),
        added.strftime("%Y%m%d%H%M%S") if isinstance(added, datetime) else "",
        counts.get("url") or "",
    ]  # fmt: skip


def _gold(v: Any) -> str:
    return "" if v is None else f"{float(v):g}"


def _gdelt(con: duckdb.DuckDBPyConnection, out: IO[str], f: Filters) -> int:
    where, params = f.where()
    sql = (
        "SELECT e.record, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, "
        "(SELECT min(m.sentence) FROM mentions m WHERE m.event_id = e.id) AS first_sentence, "
        "(SELECT first(a.url ORDER BY m.added, m.article_id) FROM mentions m JOIN articles a ON a.id = m.article_id "
        " WHERE m.event_id = e.id AND a.url IS NOT NULL) AS url "
        f"FROM events e WHERE {where}"
    )
    n = 0
    for row in _pages(con, sql, params):
        fields = gdelt_row(json.loads(row["record"]), row)
        out.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in fields) + "\n")
        n += 1
    return n
