"""The Ray engine: one actor per worker, each loading the models once; every chunk comes back as a
Parquet shard that the driver merges into the store (in input order) and then deletes.

Locally `ray.init` starts a private instance with `workers` CPUs; with `address` it joins a cluster
(the shard folder must then be on storage every node can reach).
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.engines.shards import leftovers, read_shard, write_shard
from eventwire.engines.worker import Job, code_chunk, warm_up
from eventwire.pipeline import Options
from eventwire.store import Outcome


class Coder:
    """A Ray actor: models loaded once, then chunk after chunk."""

    def __init__(self, options: Options, shard_dir: str):
        self.options, self.shard_dir = options, Path(shard_dir)
        warm_up()

    def code(self, name: str, chunk: list[Job]) -> str:
        return str(write_shard(self.shard_dir / name, code_chunk(chunk, self.options)))


def available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def run_ray(chunks: Iterable[list[Job]], options: Options, workers: int, shard_dir: Path,
            address: str | None = None) -> Iterator[list[Outcome]]:  # fmt: skip
    for path in leftovers(shard_dir):  # coded by a run that stopped before merging them
        yield read_shard(path)
        path.unlink()
    import ray

    started = not ray.is_initialized()
    if started:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage reporting
        kwargs: dict[str, Any] = {"address": address} if address else {"num_cpus": workers}
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False, **kwargs)
    try:
        actor = ray.remote(num_cpus=1)(Coder)
        actors: list[Any] = [actor.remote(options, str(shard_dir)) for _ in range(workers)]
        run = uuid.uuid4().hex[:8]
        pending: deque[Any] = deque()
        for seq, (chunk, a) in enumerate(zip(chunks, itertools.cycle(actors), strict=False)):
            pending.append(a.code.remote(f"{run}-{seq:08d}.parquet", chunk))
            while len(pending) >= 2 * workers:
                yield from _merge(ray.get(pending.popleft()))
        while pending:
            yield from _merge(ray.get(pending.popleft()))
    finally:
        if started:
            ray.shutdown()


def _merge(path: str) -> Iterator[list[Outcome]]:
    yield read_shard(Path(path))
    Path(path).unlink()  # only once the caller has stored it (it asks for the next chunk after committing)
