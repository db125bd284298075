"""Input: files, folders, stdin, article URLs and RSS/Atom feeds, read into Articles (or InputErrors)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from eventwire.ingest.readers import Item, iter_path


def read_sources(sources: list[str], default_date: date | None = None,
                 seen: Callable[[str], bool] = lambda _: False) -> Iterator[tuple[str, Item]]:  # fmt: skip
    """Every record of every source, in order, with its name (file:line, URL, feed -> entry).
    '-' (or no source at all) is stdin; `seen(url)` lets feeds skip entries already stored."""
    fetcher = None
    try:
        for src in sources or ["-"]:
            from eventwire.ingest.web import Fetcher, is_url, read_url

            if is_url(src):
                fetcher = fetcher or Fetcher()
                yield from read_url(src, fetcher, default_date, seen)
            else:
                yield from iter_path(src, default_date)
    finally:
        if fetcher is not None:
            fetcher.close()
