"""Engines: a process pool and Ray store exactly what the in-process run stores; Parquet shards round-trip
and shards left by a stopped run are merged by the next one."""

import os
from pathlib import Path

import pytest

from eventwire.engines import ingest
from eventwire.engines.shards import leftovers, read_shard, write_shard
from eventwire.ingest.synthetic import write_jsonl
from eventwire.model import Article
from eventwire.store import Outcome, Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("engines") / "corpus.jsonl"
    write_jsonl(path, 16, seed=5)
    return path


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("serial") / "serial.duckdb"
    with Store(db) as store:
        report = ingest([str(corpus)], store, chunk_size=4)
    assert report.articles == 16 and not report.failures
    return contents(db)


def contents(db: Path):
    with Store(db, read_only=True) as s:
        mentions = sorted(s.con.execute("SELECT article_id, mention_id, event_id FROM mentions").fetchall())
        events = sorted(s.con.execute("SELECT id, num_mentions, num_sources, num_stories FROM events").fetchall())
        stories = sorted(s.con.execute("SELECT id, status, story_id FROM articles").fetchall())
    return mentions, events, stories


def test_a_process_pool_stores_what_one_process_stores(corpus, serial, tmp_path):
    db = tmp_path / "pool.duckdb"
    with Store(db) as store:
        ingest([str(corpus)], store, workers=2, chunk_size=4)
    assert contents(db) == serial


def test_shards_round_trip(tmp_path):
    a = Article(text="Text.", id="a1", url="https://x.example/1", title="T", source="S")
    outs = [Outcome(a, [{"id": "ev-1", "event": "CONSULT"}], None, b"\x01\x02", "f.jsonl:1"),
            Outcome(Article(text="Other."), error="ValueError: x", origin="f.jsonl:2", copy=False)]  # fmt: skip
    path = write_shard(tmp_path / "shards" / "run-00000001.parquet", outs)
    assert leftovers(tmp_path / "shards") == [path]
    back = read_shard(path)
    assert [(o.article, o.records, o.error, o.signature, o.origin) for o in back] == [
        (o.article, o.records, o.error, o.signature, o.origin) for o in outs
    ]


def ray_or_skip():
    try:
        import ray  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI installs the ray extra: the Ray engine must be tested there")
        pytest.skip("ray is not installed (pip install 'eventwire[ray]')")


def test_the_ray_engine_stores_what_one_process_stores_and_merges_leftover_shards(corpus, serial, tmp_path):
    ray_or_skip()
    from eventwire.engines.worker import Job, code_chunk

    db, shards = tmp_path / "ray.duckdb", tmp_path / "ray.duckdb.shards"
    # a shard coded by a run that was killed before merging it: two articles that are not in the corpus
    extra = [Article(text="Japan and Australia held defence talks in Tokyo on Tuesday.", id="extra-1"),
             Article(text="Police in Lagos arrested 40 protesters on Monday.", id="extra-2")]  # fmt: skip
    write_shard(shards / "old-00000000.parquet", code_chunk([Job(a, "old") for a in extra], ingest_options()))
    with Store(db) as store:
        report = ingest([str(corpus)], store, engine="ray", workers=2, chunk_size=4)
    assert not report.failures
    assert leftovers(shards) == []
    mentions, events, stories = contents(db)
    assert {s[0] for s in stories} >= {"extra-1", "extra-2"}
    assert [m for m in mentions if not m[0].startswith("extra-")] == serial[0]


def ingest_options():
    from eventwire.pipeline import Options

    return Options()
