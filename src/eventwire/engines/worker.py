"""The unit of work every engine runs: code a chunk of articles into storable Outcomes.

It runs wherever the engine puts it (this process, a pool worker, a Ray actor); the spaCy pipeline
loads once per process on first use (eventwire.nlp), so each worker pays for it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.model import Article
from eventwire.pipeline import Coded, Options, code_many
from eventwire.store import Outcome
from eventwire.store.dedup import signature


@dataclass
class Job:
    article: Article
    origin: str  # where it came from (file:line, URL), for messages
    copy: bool = False  # the same text is already stored or on its way: do not code it again


def warm_up() -> None:
    """Load every model now (they load lazily on first use), so the first chunk does not pay for it.
    Called in pool workers and Ray actors: each uses one core for the sentence model, so they do not compete."""
    import os

    from eventwire.pipeline import code

    os.environ.setdefault("EVENTWIRE_THREADS", "1")

    code("Germany and France held talks in Paris on Monday.", date="2025-01-06")


def code_chunk(jobs: Sequence[Job], options: Options) -> list[Outcome]:
    todo = [j.article for j in jobs if not j.copy]
    coded = iter(_code(todo, options))
    out = []
    for job in jobs:
        if job.copy:
            out.append(Outcome(job.article, origin=job.origin, copy=True))
            continue
        c = next(coded)
        try:
            records = [e.to_dict() for e in c.events]
        except Exception as exc:  # a record that cannot be serialised fails its article, not the chunk
            c, records = Coded(c.article, [], f"{type(exc).__name__}: {exc}"), []
        sig = None if c.error else signature(job.article.text)
        out.append(Outcome(job.article, records, c.error, sig, job.origin))
    return out


def _code(articles: list[Article], options: Options) -> list[Coded]:
    try:
        return list(code_many(articles, options))
    except Exception:  # something broke the whole batch (the parser itself): find the article, spare the rest
        out: list[Coded] = []
        for a in articles:
            try:
                out.extend(code_many([a], options))
            except Exception as exc:
                out.append(Coded(a, [], f"{type(exc).__name__}: {exc}"))
        return out
