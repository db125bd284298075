"""The local engines: in this process (1 worker) or a pool of worker processes, results in input order."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from eventwire.engines.worker import Job, code_chunk, warm_up
from eventwire.pipeline import Options
from eventwire.store import Outcome

_options: Options | None = None


def run_serial(chunks: Iterable[list[Job]], options: Options) -> Iterator[list[Outcome]]:
    for chunk in chunks:
        yield code_chunk(chunk, options)


def run_pool(chunks: Iterable[list[Job]], options: Options, workers: int) -> Iterator[list[Outcome]]:
    """Code chunks on `workers` processes, each loading the models once; at most 2 chunks per worker in flight,
    so memory stays flat however long the input is."""
    # spawn, not fork: the parent holds a DuckDB connection and threads that a forked child must not inherit
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=(options,)) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_work, chunk))
                while len(pending) >= 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()


def _init(options: Options) -> None:
    global _options
    _options = options
    warm_up()


def _work(chunk: list[Job]) -> list[Outcome]:
    assert _options is not None
    return code_chunk(chunk, _options)
