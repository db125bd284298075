"""The embedded event store (DuckDB): articles, events, mentions (schema in docs/store.md).

Writes come in batches of coded articles (`Outcome`s), each batch in one transaction: a crash leaves
the store as it was after the last committed batch, never half-written. Every write is idempotent
(an article already stored by id, URL or text is skipped), so a re-run after a crash resumes cleanly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from eventwire.model import Article, Event, content_id
from eventwire.store import dedup, merge

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
CREATE TABLE IF NOT EXISTS article_lsh (band SMALLINT, bucket UBIGINT, article_id VARCHAR);
CREATE TABLE IF NOT EXISTS ingest_errors (record VARCHAR, message VARCHAR, logged TIMESTAMP);
"""

# columns added after the first release; applied to older store files on open
ADDED = {
    "articles": "story_id VARCHAR, copy_of VARCHAR, similarity DOUBLE, origin VARCHAR, n_mentions INTEGER, minhash BLOB",
    "events": "actor_sector VARCHAR, recipient_sector VARCHAR, place_feature VARCHAR, num_stories INTEGER, "
    "family VARCHAR, dyad VARCHAR, place_key VARCHAR",
    "mentions": "mention_id VARCHAR, story_id VARCHAR, cameo VARCHAR, date DATE, added TIMESTAMP, record JSON",
}

ARTICLE_COLS = ["id", "url", "source", "title", "published", "fetched", "text_hash", "language", "status", "error", "text", "story_id", "copy_of", "similarity", "origin", "n_mentions", "minhash"]  # fmt: skip
EVENT_COLS = ["id", "event", "cameo", "quad_class", "goldstein", "date", "date_source", "actor_code", "actor_country", "actor_sector", "actor_text", "recipient_code", "recipient_country", "recipient_sector", "recipient_text", "place", "lat", "lon", "place_country", "place_feature", "confidence", "num_mentions", "num_articles", "num_sources", "num_stories", "first_seen", "last_seen", "family", "dyad", "place_key", "record"]  # fmt: skip
MENTION_COLS = ["event_id", "article_id", "sentence", "start_char", "end_char", "trigger_start", "trigger_end", "text", "confidence", "source", "mention_id", "story_id", "cameo", "date", "added", "record"]  # fmt: skip


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def outlet(article: Article) -> str:
    """Who published it, for `num_sources`: the source, else the URL's host, else the article itself."""
    if article.source:
        return article.source
    host = urlsplit(article.url).hostname if article.url else None
    return (host or "").removeprefix("www.") or article.id


@dataclass
class Outcome:
    """One article ready to store: its mentions' PLOVER records, or the error that stopped it."""

    article: Article
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    signature: bytes | None = None  # MinHash (dedup.signature); computed here when missing
    origin: str = ""  # where the record came from, for messages
    copy: bool = False  # known identical to a stored article: was not coded


@dataclass
class WriteStats:
    articles: int = 0  # new articles stored (coded, failed or copies)
    skipped: int = 0  # already stored
    copies: int = 0  # identical text from another outlet: mentions copied, not re-coded
    near_duplicates: int = 0  # joined an existing story
    errors: int = 0
    mentions: int = 0
    new_events: int = 0
    merged: int = 0  # mentions that joined an existing event

    def add(self, other: WriteStats) -> None:
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)


class Store:
    """A DuckDB file holding coded articles and events. Use as a context manager."""

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False,
                 window: int = merge.WINDOW_DAYS):  # fmt: skip
        self.path = str(path)
        self.window = window
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)
            for table, cols in ADDED.items():
                for col in cols.split(", "):
                    self.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- what is already stored ---------------------------------------------------------------------------

    def has_article(self, article: Article) -> bool:
        return self.triage([article])[0] == "stored"

    def known_url(self, url: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", [url]).fetchone() is not None

    def triage(self, articles: Sequence[Article]) -> list[str]:
        """For each article: 'stored' (same id, URL or text already here), 'copy' (same text under another
        URL: a reprint, not worth coding again) or 'new'."""
        if not articles:
            return []
        ids, urls, hashes = self._lookup(articles)
        out = []
        for a in articles:
            h = ids.get(a.id) or (a.url and urls.get(a.url))
            same = hashes.get(text_hash(a.text))
            if h or (same and not _other_url(a.url, same[1])):
                out.append("stored")
            else:
                out.append("copy" if same else "new")
        return out

    def _lookup(self, articles: Sequence[Article]):
        keys = pa.table({
            "id": [a.id for a in articles], "url": [a.url for a in articles],
            "h": [text_hash(a.text) for a in articles],
        })  # fmt: skip
        with _registered(self.con, "_keys", keys):
            rows = self.con.execute(
                "SELECT id, url, text_hash, story_id, status FROM articles WHERE id IN (SELECT id FROM _keys) "
                "OR url IN (SELECT url FROM _keys WHERE url IS NOT NULL) OR text_hash IN (SELECT h FROM _keys)"
            ).fetchall()
        ids = {r[0]: r for r in rows}
        urls = {r[1]: r for r in rows if r[1]}
        hashes: dict[str, tuple] = {}
        for r in rows:
            if r[4] != "copy":  # point at the original, whose mentions a copy repeats
                hashes.setdefault(r[2], (r[0], r[1], r[3]))
        return ids, urls, hashes

    # -- writes ---------------------------------------------------------------------------------------------

    def add(self, article: Article, events: Iterable[Event], error: str | None = None) -> WriteStats:
        """Store one article and its events atomically."""
        return self.write([Outcome(article, [e.to_dict() for e in events], error)])

    def write(self, batch: Sequence[Outcome]) -> WriteStats:
        """Store a batch of coded articles in one transaction, merging their mentions into events."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            stats = _Batch(self, batch).run()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return stats

    def log_error(self, record: str, message: str) -> None:
        self.con.execute("INSERT INTO ingest_errors VALUES (?, ?, ?)", [record, message, _now()])

    # -- reads ----------------------------------------------------------------------------------------------

    def events(self, limit: int = 100) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT date, event, cameo, actor_code, recipient_code, place, confidence, id, record, "
            "num_mentions, num_articles, num_sources, num_stories FROM events ORDER BY date, id LIMIT ?",
            [limit],
        )
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                for t in ("articles", "events", "mentions")}  # fmt: skip


def _other_url(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class _Batch:
    """One write transaction: decide what is new, find stories, merge mentions, insert, recount."""

    def __init__(self, store: Store, batch: Sequence[Outcome]):
        self.store, self.con, self.batch = store, store.con, batch
        self.now = _now()
        self.stats = WriteStats()
        self.articles: list[dict[str, Any]] = []
        self.lsh: list[tuple[int, int, str]] = []
        self.events: dict[str, dict[str, Any]] = {}  # new events by id
        self.mentions: list[dict[str, Any]] = []
        self.touched: set[str] = set()

    def run(self) -> WriteStats:
        todo = self._new_articles()
        stories = self._stories([o for o, kind, _ in todo if kind == "coded"])
        self._index_events([r for o, kind, _ in todo if kind == "coded" for r in o.records])
        for o, kind, orig in todo:
            a = o.article
            row: dict[str, Any] = {"id": a.id, "url": a.url, "source": a.source, "title": a.title, "published": a.date,
                   "fetched": self.now, "text_hash": text_hash(a.text), "language": "en", "error": o.error,
                   "text": a.text, "origin": o.origin, "minhash": o.signature, "copy_of": None}  # fmt: skip
            if kind == "copy":
                assert orig is not None
                story = stories[orig[0]][0] if orig[0] in stories else orig[2] or orig[0]
                row.update(status="copy", copy_of=orig[0], story_id=story, similarity=1.0)
                mentions = self._copied_mentions(orig[0], a, row["story_id"])
                self.stats.copies += 1
            elif kind == "error":
                row.update(status="error", story_id=a.id, similarity=None)
                mentions = []
                self.stats.errors += 1
            else:
                story, sim = stories[a.id]
                row.update(status="coded", story_id=story, similarity=sim)
                self.stats.near_duplicates += story != a.id
                self.lsh += [(b, k, a.id) for b, k in dedup.bands(o.signature or b"")]
                mentions = [self._mention(rec, a, story) for rec in o.records]
            row["n_mentions"] = len(mentions)
            self.articles.append(row)
            self.mentions += mentions
        self.stats.articles = len(todo)
        self.stats.mentions = len(self.mentions)
        self._insert()
        return self.stats

    # which outcomes are new, which are copies of stored text, which are already here
    def _new_articles(self) -> list[tuple[Outcome, str, tuple | None]]:
        ids, urls, hashes = self.store._lookup([o.article for o in self.batch])
        out: list[tuple[Outcome, str, tuple | None]] = []
        for o in self.batch:
            a = o.article
            h = text_hash(a.text)
            same = hashes.get(h)
            if a.id in ids or (a.url and a.url in urls) or (same and not _other_url(a.url, same[1])):
                self.stats.skipped += 1
                continue
            if same and a.id == same[0]:  # a content-hash id collides with the original's: key it by URL too
                a.id = content_id(f"{a.url}\n{a.text}")
                if a.id in ids:
                    self.stats.skipped += 1
                    continue
            kind = "copy" if same else "error" if o.error else "coded"
            if kind == "coded" and o.signature is None:
                o.signature = dedup.signature(a.text)
            out.append((o, kind, same))
            ids[a.id] = (a.id,)
            if a.url:
                urls[a.url] = (a.id,)
            if not same and not o.error:
                hashes[h] = (a.id, a.url, None)  # story filled in by _stories
        return out

    def _stories(self, coded: list[Outcome]) -> dict[str, tuple[str, float]]:
        """Each coded article's story: the story of its most similar earlier article (>= THRESHOLD), else itself."""
        keys = [(i, b, k) for i, o in enumerate(coded) for b, k in dedup.bands(o.signature or b"")]
        found: dict[int, set[str]] = {}
        if keys:
            table = pa.table({"i": [x[0] for x in keys], "band": [x[1] for x in keys], "bucket": [x[2] for x in keys]})
            with _registered(self.con, "_bands", table):
                for i, aid in self.con.execute(
                    "SELECT DISTINCT b.i, l.article_id FROM _bands b JOIN article_lsh l "
                    "ON l.band = b.band AND l.bucket = b.bucket"
                ).fetchall():
                    found.setdefault(i, set()).add(aid)
        known: dict[str, tuple[bytes, str]] = {}
        cand_ids = sorted({a for s in found.values() for a in s})
        if cand_ids:
            for aid, sig, story in self.con.execute(
                "SELECT id, minhash, story_id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [cand_ids]
            ).fetchall():
                known[aid] = (bytes(sig), story or aid)
        out: dict[str, tuple[str, float]] = {}
        local: dict[tuple[int, int], list[str]] = {}  # bands of this batch's earlier articles
        for i, o in enumerate(coded):
            sig = o.signature or b""
            my_bands = dedup.bands(sig)
            cands = set(found.get(i, ())) | {aid for bk in my_bands for aid in local.get(bk, ())}
            best: tuple[float, str] = (0.0, "")
            for aid in sorted(cands):
                if aid in known:
                    sim = dedup.similarity(sig, known[aid][0])
                    if sim >= dedup.THRESHOLD and sim > best[0]:
                        best = (sim, known[aid][1])
            story, sim = (best[1], best[0]) if best[1] else (o.article.id, 1.0)
            out[o.article.id] = (story, sim)
            known[o.article.id] = (sig, story)
            for bk in my_bands:
                local.setdefault(bk, []).append(o.article.id)
        return out

    # events: candidates for merging, fetched once per batch
    def _index_events(self, records: list[dict[str, Any]]) -> None:
        self.index: dict[tuple[str, str], list[tuple[merge.Key, str]]] = {}
        keys = [k for k in (merge.key(r) for r in records) if k.mergeable and k.date]
        if not keys:
            return
        lo = min(k.date for k in keys if k.date) - timedelta(days=self.store.window)
        hi = max(k.date for k in keys if k.date) + timedelta(days=self.store.window)
        pairs = sorted({(k.family, k.dyad) for k in keys})
        with _registered(self.con, "_fd", pa.table({"f": [p[0] for p in pairs], "d": [p[1] for p in pairs]})):
            rows = self.con.execute(
                "SELECT e.id, e.family, e.dyad, e.date, e.place_key, e.place_country FROM events e "
                "JOIN _fd ON e.family = _fd.f AND e.dyad = _fd.d WHERE e.date BETWEEN ? AND ? ORDER BY e.first_seen, e.id",
                [lo, hi],
            ).fetchall()
        for eid, fam, dyad, d, pk, pc in rows:
            self.index.setdefault((fam, dyad), []).append((merge.Key(fam, dyad, d, pk, pc, True), eid))

    def _match(self, k: merge.Key) -> str | None:
        if not k.mergeable:
            return None
        best: tuple[int, str] | None = None
        for old, eid in self.index.get((k.family, k.dyad), []):
            if merge.same_event(k, old, self.store.window):
                gap = abs((k.date - old.date).days)  # type: ignore[operator]
                if best is None or gap < best[0]:
                    best = (gap, eid)
        return best[1] if best else None

    def _mention(self, rec: dict[str, Any], a: Article, story: str) -> dict[str, Any]:
        k = merge.key(rec)
        eid = self._match(k)
        if eid is None:
            eid = rec["id"]
            self.events[eid] = _event_row(rec, k, self.now)
            if k.mergeable:
                self.index.setdefault((k.family, k.dyad), []).append((k, eid))
            self.stats.new_events += 1
        else:
            self.stats.merged += 1
        self.touched.add(eid)
        info = rec.get("text_info") or {}
        return {"event_id": eid, "article_id": a.id, "sentence": info.get("sentence"),
                "start_char": info.get("start"), "end_char": info.get("end"),
                "trigger_start": info.get("trigger_start"), "trigger_end": info.get("trigger_end"),
                "text": rec.get("text"), "confidence": rec.get("confidence"), "source": outlet(a),
                "mention_id": rec["id"], "story_id": story, "cameo": rec.get("cameo"),
                "date": k.date, "added": self.now, "record": json.dumps(rec, ensure_ascii=False)}  # fmt: skip

    def _copied_mentions(self, orig_id: str, a: Article, story: str) -> list[dict[str, Any]]:
        """A reprint repeats the original's mentions (same text, same offsets) under its own outlet."""
        pending = [dict(m) for m in self.mentions if m["article_id"] == orig_id]
        if not pending:
            cur = self.con.execute(f"SELECT {', '.join(MENTION_COLS)} FROM mentions WHERE article_id = ?", [orig_id])
            pending = [dict(zip(MENTION_COLS, r, strict=True)) for r in cur.fetchall()]
        for m in pending:
            m.update(article_id=a.id, source=outlet(a), story_id=story, added=self.now)
            self.touched.add(m["event_id"])
        return pending

    def _insert(self) -> None:
        _insert(self.con, "articles", ARTICLE_COLS, self.articles)
        if self.lsh:
            _insert(self.con, "article_lsh", ["band", "bucket", "article_id"],
                    [{"band": b, "bucket": k, "article_id": a} for b, k, a in self.lsh])  # fmt: skip
        _insert(self.con, "events", EVENT_COLS, list(self.events.values()))
        _insert(self.con, "mentions", MENTION_COLS, self.mentions)
        if self.touched:
            # counters are recounted from the mentions, so they keep growing with every new report
            self.con.execute(
                "UPDATE events SET num_mentions = s.m, num_articles = s.a, num_sources = s.s, num_stories = s.st, "
                "confidence = greatest(events.confidence, s.c), last_seen = ? FROM ("
                "  SELECT event_id, count(*) AS m, count(DISTINCT article_id) AS a, count(DISTINCT source) AS s,"
                "         count(DISTINCT story_id) AS st, max(confidence) AS c"
                "  FROM mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY event_id) s "
                "WHERE events.id = s.event_id",
                [self.now, sorted(self.touched)],
            )


def _insert(con: duckdb.DuckDBPyConnection, table: str, cols: Sequence[str], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    verb = "INSERT OR IGNORE" if table in ("articles", "events", "mentions") else "INSERT"  # the keyed tables
    with _registered(con, "_rows", pa.table({c: [r.get(c) for r in rows] for c in cols})):
        con.execute(f"{verb} INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM _rows")


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """A pyarrow table visible to SQL as `name` for the duration of the block."""
    con.register(name, table)
    try:
        yield
    finally:
        with suppress(duckdb.Error):  # an aborted transaction refuses this; the view dies with the rollback
            con.unregister(name)


def _event_row(rec: dict[str, Any], k: merge.Key, now: datetime) -> dict[str, Any]:
    a = (rec.get("actor") or [None])[0] or {}
    r = (rec.get("recipient") or [None])[0] or {}
    loc = rec.get("event_loc") or {}
    return {
        "id": rec["id"], "event": rec["event"], "cameo": rec["cameo"], "quad_class": rec.get("quad_class"),
        "goldstein": rec.get("goldstein"), "date": k.date, "date_source": rec.get("date_source"),
        "actor_code": a.get("code"), "actor_country": a.get("country"), "actor_sector": a.get("sector"),
        "actor_text": a.get("text"), "recipient_code": r.get("code"), "recipient_country": r.get("country"),
        "recipient_sector": r.get("sector"), "recipient_text": r.get("text"), "place": loc.get("name"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "place_country": loc.get("country_code"),
        "place_feature": loc.get("feature"), "confidence": rec.get("confidence"), "num_mentions": 1,
        "num_articles": 1, "num_sources": 1, "num_stories": 1, "first_seen": now, "last_seen": now,
        "family": k.family, "dyad": k.dyad, "place_key": k.place_key, "record": json.dumps(rec, ensure_ascii=False),
    }  # fmt: skip
