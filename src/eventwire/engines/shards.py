"""Parquet shards of coded articles: what remote workers hand back to the store.

A shard is written under a temporary name and renamed when complete, so a crash never leaves a
half-written shard that looks whole; shards not yet merged are merged first by the next run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.model import Article
from eventwire.store import Outcome

SCHEMA = pa.schema([
    ("id", pa.string()), ("url", pa.string()), ("title", pa.string()), ("source", pa.string()),
    ("published", pa.date32()), ("text", pa.string()), ("origin", pa.string()), ("error", pa.string()),
    ("copy", pa.bool_()), ("signature", pa.binary()), ("records", pa.string()),
])  # fmt: skip


def write_shard(path: Path, outcomes: list[Outcome]) -> Path:
    a = [o.article for o in outcomes]
    table = pa.table({
        "id": [x.id for x in a], "url": [x.url for x in a], "title": [x.title for x in a],
        "source": [x.source for x in a], "published": [x.date for x in a], "text": [x.text for x in a],
        "origin": [o.origin for o in outcomes], "error": [o.error for o in outcomes],
        "copy": [o.copy for o in outcomes], "signature": [o.signature for o in outcomes],
        "records": [json.dumps(o.records, ensure_ascii=False) for o in outcomes],
    }, schema=SCHEMA)  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def read_shard(path: Path) -> list[Outcome]:
    out = []
    for r in pq.read_table(path, schema=SCHEMA).to_pylist():
        article = Article(text=r["text"], id=r["id"], date=r["published"], url=r["url"], title=r["title"],
                          source=r["source"])  # fmt: skip
        out.append(Outcome(article, json.loads(r["records"]), r["error"], r["signature"], r["origin"] or "", r["copy"]))
    return out


def leftovers(shard_dir: Path) -> list[Path]:
    """Complete shards left by an earlier run that stopped before merging them."""
    return sorted(shard_dir.glob("*.parquet")) if shard_dir.is_dir() else []
