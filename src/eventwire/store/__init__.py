"""The embedded event store (DuckDB): articles, events, mentions. Each article is written in one
transaction, so a crash never leaves an article half-stored."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from eventwire.model import Article, Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, source VARCHAR, title VARCHAR, published DATE,
    fetched TIMESTAMP, text_hash VARCHAR, language VARCHAR, status VARCHAR, error VARCHAR, text VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, event VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    date DATE, date_source VARCHAR,
    actor_code VARCHAR, actor_country VARCHAR, actor_text VARCHAR,
    recipient_code VARCHAR, recipient_country VARCHAR, recipient_text VARCHAR,
    place VARCHAR, lat DOUBLE, lon DOUBLE, place_country VARCHAR,
    confidence DOUBLE, num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
    first_seen TIMESTAMP, last_seen TIMESTAMP, record JSON
);
CREATE TABLE IF NOT EXISTS mentions (
    event_id VARCHAR, article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, text VARCHAR, confidence DOUBLE, source VARCHAR,
    PRIMARY KEY (event_id, article_id, sentence, trigger_start)
);
"""


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class Store:
    """A DuckDB file holding coded articles and events. Use as a context manager."""

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False):
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def has_article(self, article: Article) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM articles WHERE id = ? OR text_hash = ? OR (url IS NOT NULL AND url = ?) LIMIT 1",
            [article.id, text_hash(article.text), article.url],
        ).fetchone()
        return row is not None

    def add(self, article: Article, events: Iterable[Event], error: str | None = None) -> None:
        """Store one article and its events atomically."""
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article.id, article.url, article.source, article.title, article.date, now,
                 text_hash(article.text), "en", "error" if error else "coded", error, article.text],
            )  # fmt: skip
            for ev in events:
                self._add_event(ev, now)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _add_event(self, ev: Event, now: datetime) -> None:
        rec = ev.to_dict()
        a = ev.actor[0] if ev.actor else None
        r = ev.recipient[0] if ev.recipient else None
        loc = ev.event_loc
        self.con.execute(
            "INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?, ?, ?)",
            [ev.id, ev.event, ev.cameo, rec["quad_class"], rec["goldstein"], ev.date, ev.date_source,
             a and a.code, a and a.country, a and a.text, r and r.code, r and r.country, r and r.text,
             loc and loc.name, loc and loc.lat, loc and loc.lon, loc and loc.country_code,
             ev.confidence, now, now, json.dumps(rec)],
        )  # fmt: skip
        self.con.execute(
            "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [ev.id, ev.doc_id, ev.sentence, ev.start, ev.end, ev.trigger_span[0], ev.trigger_span[1],
             ev.text, ev.confidence, ev.source],
        )  # fmt: skip

    def events(self, limit: int = 100) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT date, event, cameo, actor_code, recipient_code, place, confidence, id, record "
            "FROM events ORDER BY date, id LIMIT ?",
            [limit],
        )
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                for t in ("articles", "events", "mentions")}  # fmt: skip
