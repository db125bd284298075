"""Input: files, folders, stdin, article URLs and RSS/Atom feeds, read into Articles (or InputErrors)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from eventwire.ingest.readers import Item, iter_path, walk


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


def count_records(sources: list[str], max_bytes: int = 2_000_000_000) -> int | None:
    """How many records the sources hold, when that is cheap to know (local files: one per document,
    one per JSONL line), for a progress bar with an end; None for stdin, URLs and gzipped JSONL."""
    total, budget = 0, max_bytes
    for src in sources or ["-"]:
        p = Path(src)
        if src == "-" or src.startswith(("http://", "https://")) or not p.exists():
            return None
        for f in walk(p) if p.is_dir() else [p]:
            name = f.name.lower()
            if name.endswith(".jsonl.gz"):
                return None
            if name.endswith(".jsonl") or name.endswith(".json"):
                size = f.stat().st_size
                budget -= size
                if budget < 0:
                    return None
                with f.open("rb") as fh:
                    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
                total += max(lines, 1) if name.endswith(".jsonl") else 1
            else:
                total += 1
    return total
