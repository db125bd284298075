"""kill -9 in the middle of `eventwire ingest`, then run it again: nothing committed is lost, nothing is
stored twice, and the result is the same as an uninterrupted run."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventwire.engines import ingest
from eventwire.ingest.synthetic import write_jsonl
from eventwire.store import Store

N = 120
CHUNK = 4


def eventwire_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "eventwire"
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from eventwire.cli import main; main()"]


def snapshot(db: Path) -> tuple[set, set, int]:
    with Store(db, read_only=True) as s:
        articles = {r[0] for r in s.con.execute("SELECT id FROM articles").fetchall()}
        mentions = s.con.execute("SELECT article_id, mention_id FROM mentions").fetchall()
        n_events = s.counts()["events"]
        orphans = s.con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)"
        ).fetchone()[0]
    assert len(mentions) == len(set(mentions)), "a mention is stored twice"
    assert orphans == 0, "an event without any mention"
    return articles, set(mentions), n_events


def test_sigkill_mid_ingest_loses_nothing_committed_and_stores_nothing_twice(tmp_path):
    corpus, db, log = tmp_path / "corpus.jsonl", tmp_path / "crash.duckdb", tmp_path / "commits.jsonl"
    write_jsonl(corpus, N, seed=11)
    cmd = [*eventwire_cmd(), "ingest", str(corpus), "--db", str(db), "--chunk-size", str(CHUNK), "--quiet"]
    proc = subprocess.Popen([*cmd, "--log", str(log)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while (not log.exists() or len(log.read_text().splitlines()) < 2) and time.monotonic() < deadline:
        assert proc.poll() is None, "ingest ended before it could be killed"
        time.sleep(0.05)
    time.sleep(random.uniform(0, 1.5))  # a random point: between commits, mid-coding or mid-transaction
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    committed = {a for line in log.read_text().splitlines() for a in json.loads(line)["articles"]}
    assert 0 < len(committed) < N
    after_kill, _, _ = snapshot(db)
    assert committed <= after_kill, "an article committed before the kill is gone"

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    resumed = snapshot(db)
    assert len(resumed[0]) == N

    clean_db = tmp_path / "clean.duckdb"
    with Store(clean_db) as store:
        ingest([str(corpus)], store, chunk_size=CHUNK)
    assert resumed == snapshot(clean_db)

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)  # the same corpus a third time
    assert again.returncode == 0 and snapshot(db) == resumed
