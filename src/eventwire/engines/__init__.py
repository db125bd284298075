"""Ingest at scale: read sources, skip what is stored, code chunks on an engine, write each chunk in one
transaction, in input order.

engines: `local` (this process with 1 worker, else a process pool) and `ray` (actors; Parquet shards).
Reading, the stored-or-not check and the writes all happen in the calling thread; only coding runs
elsewhere, so the store has a single writer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.engines.worker import Job
from eventwire.ingest import read_sources
from eventwire.model import InputError
from eventwire.pipeline import Options
from eventwire.store import Outcome, Store, WriteStats, text_hash

ENGINES = ("local", "ray")


@dataclass
class Report(WriteStats):
    read: int = 0  # articles read from the sources
    failures: list[InputError] = field(default_factory=list)  # unreadable inputs and articles that failed coding
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.articles + self.skipped

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


class _InFlight:
    """Articles sent for coding but not yet committed: a repeat inside one run is caught here."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.urls: set[str] = set()
        self.hashes: dict[str, str | None] = {}

    def triage(self, job: Job) -> str:
        a, h = job.article, text_hash(job.article.text)
        if a.id in self.ids or (a.url and a.url in self.urls):
            return "stored"
        if h in self.hashes:
            other = self.hashes[h]
            return "copy" if a.url and other and a.url != other else "stored"
        return "new"

    def add(self, job: Job) -> None:
        a = job.article
        self.ids.add(a.id)
        if a.url:
            self.urls.add(a.url)
        self.hashes.setdefault(text_hash(a.text), a.url)

    def release(self, outcomes: list[Outcome]) -> None:
        """These are committed: the store answers for them now."""
        for o in outcomes:
            a = o.article
            self.ids.discard(a.id)
            if a.url:
                self.urls.discard(a.url)
            h = text_hash(a.text)
            if h in self.hashes and self.hashes[h] == a.url:
                del self.hashes[h]


def ingest(sources: list[str], store: Store, options: Options | None = None, *, engine: str = "local",
           workers: int = 1, chunk_size: int = 32, default_date: date | None = None,
           shard_dir: Path | None = None, ray_address: str | None = None,
           on_progress: Callable[[Report], None] = lambda r: None,
           on_failure: Callable[[InputError], None] = lambda e: None,
           on_commit: Callable[[list[Outcome]], None] = lambda o: None) -> Report:  # fmt: skip
    """Code and store every article of `sources`. Returns the counts and every failure (also logged in
    the store's `ingest_errors` and passed to `on_failure` as they happen). `on_commit` sees each chunk
    once its transaction has committed."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    opts = options or Options()
    report = Report()
    flight = _InFlight()

    def fail(error: InputError) -> None:
        report.failures.append(error)
        store.log_error(error.record, error.message)
        on_failure(error)

    def seen(url: str) -> bool:  # lets a feed skip fetching entries already stored
        if url in flight.urls or store.known_url(url):
            report.skipped += 1
            return True
        return False

    def triaged(buf: list[Job]) -> list[Job]:
        kinds = store.triage([j.article for j in buf])
        keep = []
        for job, kind in zip(buf, kinds, strict=True):
            kind = kind if kind != "new" else flight.triage(job)
            if kind == "stored":
                report.skipped += 1
                continue
            job.copy = kind == "copy"
            flight.add(job)
            keep.append(job)
        on_progress(report)
        return keep

    def chunks() -> Iterator[list[Job]]:
        buf: list[Job] = []
        for origin, item in read_sources(sources, default_date, seen):
            if isinstance(item, InputError):
                fail(item)
                continue
            report.read += 1
            buf.append(Job(item, origin))
            if len(buf) >= chunk_size:
                if keep := triaged(buf):
                    yield keep
                buf = []
        if buf and (keep := triaged(buf)):
            yield keep

    for outcomes in _engine(chunks(), opts, engine, workers, store, shard_dir, ray_address):
        for o in outcomes:
            if o.error:
                fail(InputError(o.origin or o.article.id, o.error))
        report.add(store.write(outcomes))
        on_commit(outcomes)
        flight.release(outcomes)
        on_progress(report)
    return report


def _engine(chunks: Iterator[list[Job]], options: Options, engine: str, workers: int, store: Store,
            shard_dir: Path | None, address: str | None) -> Iterator[list[Outcome]]:  # fmt: skip
    if engine == "ray":
        from eventwire.engines.ray_engine import run_ray

        return run_ray(chunks, options, workers, shard_dir or Path(store.path + ".shards"), address)
    from eventwire.engines.local import run_pool, run_serial

    return run_serial(chunks, options) if workers <= 1 else run_pool(chunks, options, workers)
