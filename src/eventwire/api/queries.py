"""Read-only SQL over the event store, shared by the API, alerts and briefings.

Every value from a user travels as a bound parameter; the only SQL text chosen at run time comes from
fixed tables in this module (sort orders, time buckets, network levels), picked by validated keys.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import duckdb

from eventwire.ontology import PLOVER_TYPES, STATEMENT

CODE = re.compile(r"^[A-Z]{3}$")  # ISO3 / IGO country codes and sector codes
TYPES = frozenset(PLOVER_TYPES) | {STATEMENT}
CONFLICT = (3, 4)
COOPERATION = (1, 2)


class QueryError(ValueError):
    """A filter that cannot be applied; the API answers 400 with this message."""


class QueryTimeout(RuntimeError):
    """A query ran past the time limit and was interrupted."""


class Reader:
    """A read-only DuckDB connection with a per-query time limit. Thread-safe: each query gets a cursor."""

    def __init__(self, path: str | Path, timeout: float = 5.0, con: duckdb.DuckDBPyConnection | None = None):
        if con is None:
            if not Path(path).exists():
                raise FileNotFoundError(f"no store at {path}; run `eventwire ingest` first")
            con = duckdb.connect(str(path), read_only=True)
        self.con = con
        self.timeout = timeout
        cols = self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('events', 'mentions')"
        ).fetchall()
        self.columns = {f"{t}.{c}" for t, c in cols}

    def close(self) -> None:
        self.con.close()

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.cursor()
        timer = threading.Timer(self.timeout, cur.interrupt)  # the time limit: DuckDB aborts the query
        timer.start()
        try:
            cur.execute(sql, params or [])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        except duckdb.InterruptException:
            raise QueryTimeout(f"query exceeded the {self.timeout:g}s time limit; narrow the filters") from None
        finally:
            timer.cancel()
            cur.close()

    def one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None


@dataclass
class Filter:
    """Event filters. Countries and sectors are 3-letter codes; `dyad` is 'AAA-BBB'; bbox is lon/lat."""

    country: str | None = None  # actor or recipient
    actor_country: str | None = None
    recipient_country: str | None = None
    sector: str | None = None  # actor or recipient
    actor_sector: str | None = None
    recipient_sector: str | None = None
    dyad: str | None = None
    directed: bool = False  # dyad AAA-BBB means actor AAA -> recipient BBB only
    types: list[str] = field(default_factory=list)
    quads: list[int] = field(default_factory=list)
    cameo: str | None = None  # code prefix, e.g. 19 or 190
    start: date | None = None
    end: date | None = None
    place: str | None = None  # place name or its country code
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    q: str | None = None  # words in the evidence sentence, actor, recipient or place
    min_confidence: float | None = None
    involving: str | None = None  # actor, recipient or place country (a country's situation)

    def validate(self) -> Filter:
        codes = (
            "country",
            "actor_country",
            "recipient_country",
            "sector",
            "actor_sector",
            "recipient_sector",
            "involving",
        )
        for name in codes:
            value = getattr(self, name)
            if value is not None:
                value = value.strip().upper()
                if not CODE.match(value):
                    raise QueryError(f"{name} must be a 3-letter code such as KOR or GOV, got {value!r}")
                setattr(self, name, value)
        if self.dyad is not None:
            parts = self.dyad.strip().upper().replace(">", "-").split("-")
            if len(parts) != 2 or not all(CODE.match(p) for p in parts):
                raise QueryError(f"dyad must be two country codes joined by '-', such as KOR-PRK, got {self.dyad!r}")
            self.dyad = "-".join(parts)
        self.types = [t.strip().upper() for t in self.types if t.strip()]
        if bad := [t for t in self.types if t not in TYPES]:
            raise QueryError(f"unknown event type {bad[0]!r}; choose from {', '.join(sorted(TYPES))}")
        if bad_q := [q for q in self.quads if q not in range(5)]:
            raise QueryError(f"quad must be 0-4, got {bad_q[0]}")
        if self.cameo is not None and not re.fullmatch(r"\d{2,4}", self.cameo):
            raise QueryError(f"cameo must be a 2-4 digit CAMEO code prefix, got {self.cameo!r}")
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"start ({self.start}) is after end ({self.end})")
        if self.bbox is not None:
            w, s, e, n = self.bbox
            if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
                raise QueryError("bbox must be min_lon,min_lat,max_lon,max_lat within -180..180 and -90..90")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise QueryError("min_confidence must be between 0 and 1")
        if self.q is not None:
            self.q = self.q.strip().lower() or None
        return self

    def where(self, alias: str = "") -> tuple[str, list[Any]]:
        """The WHERE clause (always starting with 'WHERE') and its parameters."""
        p = alias + "." if alias else ""
        sql: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            sql.append(clause.replace("@", p))
            params.extend(values)

        if self.country:
            add("(@actor_country = ? OR @recipient_country = ?)", self.country, self.country)
        if self.involving:
            add("(@actor_country = ? OR @recipient_country = ? OR @place_country = ?)", *[self.involving] * 3)
        if self.actor_country:
            add("@actor_country = ?", self.actor_country)
        if self.recipient_country:
            add("@recipient_country = ?", self.recipient_country)
        # a sector is any 3-letter chunk of the CAMEO-style code after the country (USA|GOV|MIL)
        sector_sql = "regexp_matches(substr(coalesce(@{0}_code, ''), length(coalesce(@{0}_country, '')) + 1), ?)"
        if self.sector:
            pat = f"^(?:[A-Z]{{3}})*?{self.sector}"
            add(f"({sector_sql.format('actor')} OR {sector_sql.format('recipient')})", pat, pat)
        if self.actor_sector:
            add(sector_sql.format("actor"), f"^(?:[A-Z]{{3}})*?{self.actor_sector}")
        if self.recipient_sector:
            add(sector_sql.format("recipient"), f"^(?:[A-Z]{{3}})*?{self.recipient_sector}")
        if self.dyad:
            a, b = self.dyad.split("-")
            if self.directed:
                add("(@actor_country = ? AND @recipient_country = ?)", a, b)
            else:
                add("((@actor_country = ? AND @recipient_country = ?) OR (@actor_country = ? AND @recipient_country = ?))",
                    a, b, b, a)  # fmt: skip
        if self.types:
            add("list_contains(?::VARCHAR[], @event)", self.types)
        if self.quads:
            add("list_contains(?::INTEGER[], @quad_class)", self.quads)
        if self.cameo:
            add("starts_with(@cameo, ?)", self.cameo)
        if self.start:
            add("@date >= ?", self.start)
        if self.end:
            add("@date <= ?", self.end)
        if self.place:
            add("(lower(@place) = lower(?) OR @place_country = upper(?))", self.place, self.place)
        if self.bbox:
            w, s, e, n = self.bbox
            add("@lat BETWEEN ? AND ?", s, n)
            if w <= e:
                add("@lon BETWEEN ? AND ?", w, e)
            else:  # the box crosses the antimeridian
                add("(@lon >= ? OR @lon <= ?)", w, e)
        if self.q:  # ILIKE with the user's % and _ escaped: a substring match, and the fastest DuckDB has here
            like = "%" + self.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            add("(@actor_text ILIKE ? ESCAPE '\\' OR @recipient_text ILIKE ? ESCAPE '\\' OR @place ILIKE ? ESCAPE '\\' "
                "OR @id IN (SELECT event_id FROM mentions WHERE text ILIKE ? ESCAPE '\\'))", like, like, like, like)  # fmt: skip
        if self.min_confidence is not None:
            add("@confidence >= ?", self.min_confidence)
        return ("WHERE " + " AND ".join(sql)) if sql else "WHERE TRUE", params


Sort = Literal["date", "-date", "goldstein", "-goldstein", "confidence", "-confidence", "mentions", "-mentions",
               "event", "actor", "recipient", "place"]  # fmt: skip
SORTS: dict[str, str] = {
    "date": "date ASC NULLS LAST, id",
    "-date": "date DESC NULLS LAST, id",
    "goldstein": "goldstein ASC, date DESC, id",
    "-goldstein": "goldstein DESC, date DESC, id",
    "confidence": "confidence ASC, id",
    "-confidence": "confidence DESC, id",
    "mentions": "num_mentions ASC, id",
    "-mentions": "num_mentions DESC, date DESC, id",
    "event": "event, date DESC, id",
    "actor": "actor_code NULLS LAST, date DESC, id",
    "recipient": "recipient_code NULLS LAST, date DESC, id",
    "place": "place NULLS LAST, date DESC, id",
}
BUCKETS = {
    "day": "date",
    "week": "CAST(date_trunc('week', date) AS DATE)",
    "month": "CAST(date_trunc('month', date) AS DATE)",
}
LEVELS = {"country": ("actor_country", "recipient_country"), "actor": ("actor_code", "recipient_code")}

LIST_COLUMNS = """id, date, event, cameo, quad_class, goldstein, actor_code, actor_country, actor_text,
    recipient_code, recipient_country, recipient_text, place, place_country, lat, lon, confidence,
    num_mentions, num_articles, num_sources, json_extract_string(record, '$.text') AS text,
    json_extract_string(record, '$.event_text') AS trigger"""


def events(db: Reader, f: Filter, sort: str = "-date", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    where, params = f.where()
    total = db.one(f"SELECT count(*) AS n FROM events {where}", params)
    rows = db.rows(f"SELECT {LIST_COLUMNS} FROM events {where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
                   [*params, limit, offset])  # fmt: skip
    return {"total": total["n"] if total else 0, "limit": limit, "offset": offset, "sort": sort, "events": rows}


def event(db: Reader, event_id: str) -> dict[str, Any] | None:
    found = db.one("SELECT * FROM events WHERE id = ?", [event_id])
    if found is None:
        return None
    row = plain(found)
    record = json.loads(row.pop("record") or "{}")
    own = ", m.record AS mention_record" if "mentions.record" in db.columns else ""
    mentions = db.rows(
        f"SELECT m.article_id, m.sentence, m.start_char, m.end_char, m.trigger_start, m.trigger_end, m.text, "
        f"m.confidence, m.source, a.title, a.url, a.published, a.source AS outlet{own} "
        "FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? "
        "ORDER BY a.published NULLS LAST, m.article_id, m.sentence",
        [event_id],
    )
    for m in mentions:
        own_record = json.loads(m.pop("mention_record", None) or "null") or record
        m["spans"] = spans(m["text"] or "", m["start_char"], m["trigger_start"], m["trigger_end"], own_record)
    return {**row, "record": record, "mentions": mentions}


def plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row without binary columns (the store keeps e.g. MinHash signatures), so it serialises as JSON."""
    return {k: v for k, v in row.items() if not isinstance(v, bytes | bytearray | memoryview)}


def spans(sentence: str, start: int | None, trig_start: int | None, trig_end: int | None,
          record: dict[str, Any]) -> list[dict[str, Any]]:  # fmt: skip
    """Character spans to highlight in a sentence: the predicate (from offsets) and the actor and recipient
    texts (found in the sentence, as the record gives no offsets for them). Spans never overlap."""
    found: list[dict[str, Any]] = []
    if start is not None and trig_start is not None and trig_end is not None:
        s, e = trig_start - start, trig_end - start
        if 0 <= s < e <= len(sentence):
            found.append({"start": s, "end": e, "role": "trigger"})
    lower = sentence.lower()
    for role in ("actor", "recipient"):
        for ent in record.get(role) or []:
            text = (ent.get("text") or "").strip()
            if not text:
                continue
            pos = lower.find(text.lower())
            while pos >= 0:
                cand = {"start": pos, "end": pos + len(text), "role": role, "code": ent.get("code")}
                if not any(c["start"] < cand["end"] and cand["start"] < c["end"] for c in found):
                    found.append(cand)
                    break
                pos = lower.find(text.lower(), pos + 1)
    for c in found:
        c["text"] = sentence[c["start"] : c["end"]]
    return sorted(found, key=lambda c: c["start"])


def article(db: Reader, article_id: str) -> dict[str, Any] | None:
    found = db.one("SELECT * FROM articles WHERE id = ?", [article_id])
    if found is None:
        return None
    row = plain(found)
    row.pop("text_hash", None)
    row["events"] = db.rows(
        "SELECT m.event_id, m.sentence, m.start_char, m.end_char, m.trigger_start, m.trigger_end, "
        "e.event, e.cameo, e.quad_class, e.date, e.actor_code, e.recipient_code "
        "FROM mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = ? ORDER BY m.start_char, m.event_id",
        [article_id],
    )
    return row


def timeline(db: Reader, f: Filter, interval: str = "day") -> dict[str, Any]:
    """Counts per period and quad class; interval 'auto' picks day, week or month from the events' span."""
    where, params = f.where()
    if interval == "auto":
        span = db.one(f"SELECT date_diff('day', min(date), max(date)) AS days FROM events {where}", params)
        days = (span or {}).get("days") or 0
        interval = "day" if days <= 120 else "week" if days <= 1100 else "month"
    rows = db.rows(
        f"SELECT {BUCKETS[interval]} AS period, quad_class, count(*) AS count, round(sum(goldstein), 2) AS goldstein "
        f"FROM events {where} AND date IS NOT NULL GROUP BY ALL ORDER BY period, quad_class",
        params,
    )
    return {"interval": interval, "series": rows}


def dyads(db: Reader, f: Filter, level: str = "country", limit: int = 100, domestic: bool = False) -> dict[str, Any]:
    a, r = LEVELS[level]
    where, params = f.where()
    rows = db.rows(
        f"SELECT {a} AS source, {r} AS target, count(*) AS count, round(sum(goldstein), 2) AS goldstein, "
        f"round(avg(goldstein), 2) AS mean_goldstein, count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
        f"count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation FROM events {where} "
        f"AND {a} IS NOT NULL AND {r} IS NOT NULL AND (? OR {a} <> {r}) "
        "GROUP BY ALL ORDER BY count DESC, source, target LIMIT ?",
        [*params, domestic, limit],
    )
    weight: dict[str, int] = {}
    for e in rows:
        for key in (e["source"], e["target"]):
            weight[key] = weight.get(key, 0) + e["count"]
    nodes = [{"id": k, "count": v} for k, v in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"level": level, "nodes": nodes, "edges": rows}


def places(db: Reader, f: Filter, limit: int = 2000) -> dict[str, Any]:
    """Event locations, binned to 0.1 degree so a big store stays a few thousand points."""
    where, params = f.where()
    rows = db.rows(
        "SELECT round(lat, 1) AS lat, round(lon, 1) AS lon, mode(place) AS place, count(*) AS count, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, round(sum(goldstein), 2) AS goldstein "
        f"FROM events {where} AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY 1, 2 ORDER BY count DESC LIMIT ?",
        [*params, limit],
    )
    return {"places": rows}


def meta(db: Reader) -> dict[str, Any]:
    counts = db.one(
        "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events, "
        "(SELECT count(*) FROM mentions) AS mentions, (SELECT min(date) FROM events) AS first_date, "
        "(SELECT max(date) FROM events) AS last_date"
    )
    countries = db.rows(
        "SELECT c AS code, count(*) AS count FROM (SELECT actor_country AS c FROM events UNION ALL "
        "SELECT recipient_country FROM events WHERE recipient_country IS DISTINCT FROM actor_country) "
        "WHERE c IS NOT NULL GROUP BY c ORDER BY count DESC, code"
    )
    types = db.rows("SELECT event AS type, count(*) AS count FROM events GROUP BY event ORDER BY count DESC")
    return {**(counts or {}), "countries": countries, "types": types}
