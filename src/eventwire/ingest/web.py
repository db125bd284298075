"""http(s) input: article pages and RSS/Atom feeds (whose entries are followed), fetched with httpx.

Only the URLs the user gives (and the entries of the feeds among them) are fetched. Every failure is
an InputError naming the URL and the reason: unreachable host, timeout, HTTP error, redirect loop,
a response that is not HTML or a feed, one over `MAX_BYTES`, a feed that does not parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from eventwire.ingest.html import article_from_html
from eventwire.ingest.readers import Item, check_text, read_bytes
from eventwire.model import Article, InputError

MAX_BYTES = 10_000_000
MAX_REDIRECTS = 5
TIMEOUT = 20.0
FETCH_THREADS = 8  # feed entries are fetched this many at a time


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass
class Page:
    url: str
    content_type: str
    body: bytes


class Fetcher:
    """One HTTP client for a run (connection reuse), with the limits above."""

    def __init__(self, timeout: float = TIMEOUT, max_bytes: int | None = None):
        from eventwire import __version__

        self.max_bytes = max_bytes or MAX_BYTES
        self.client = httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout,
                                   headers={"User-Agent": f"eventwire/{__version__} (+offline event coder)"})  # fmt: skip

    def close(self) -> None:
        self.client.close()

    def get(self, url: str) -> Page | InputError:
        try:
            with self.client.stream("GET", url) as r:
                if r.status_code >= 400:
                    return InputError(url, f"HTTP {r.status_code} {r.reason_phrase}".strip())
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    return InputError(url, f"response is {int(declared):,} bytes, over the limit of {self.max_bytes:,}")
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        return InputError(url, f"response is over the limit of {self.max_bytes:,} bytes; stopped")
                return Page(str(r.url), r.headers.get("content-type", ""), bytes(body))
        except httpx.TooManyRedirects:
            return InputError(url, f"redirect loop (more than {MAX_REDIRECTS} redirects)")
        except httpx.TimeoutException:
            return InputError(url, "timed out")
        except (httpx.ConnectError, httpx.RemoteProtocolError) as exc:
            return InputError(url, f"unreachable: {exc}")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return InputError(url, f"not a valid http(s) URL: {exc}")
        except httpx.HTTPError as exc:
            return InputError(url, f"{type(exc).__name__}: {exc}")


def kind(page: Page) -> str:
    """feed, html, text or other, from the content type and a sniff of the body."""
    ctype = page.content_type.split(";")[0].strip().lower()
    head = page.body[:2048].lstrip().lower()
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or "rss" in ctype or "atom" in ctype:
        return "feed"
    if ctype in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if ctype in ("text/plain", "application/json", "application/x-ndjson", "application/jsonl", "text/markdown"):
        return "text"
    return "other"


def read_url(url: str, fetcher: Fetcher, default_date: date | None = None,
             seen: Callable[[str], bool] = lambda _: False) -> Iterator[tuple[str, Item]]:  # fmt: skip
    """The article(s) at a URL: one page, or every entry of a feed not `seen` before."""
    page = fetcher.get(url)
    if isinstance(page, InputError):
        yield url, page
        return
    k = kind(page)
    if k == "feed":
        yield from _feed(url, page, fetcher, default_date, seen)
    elif k == "html":
        item = article_from_html(page.body, url, url=url)
        yield url, _dated(item, default_date)
    elif k == "text":
        for item in read_bytes(page.body, url, default_date):
            yield url, item
    else:
        yield url, InputError(url, f"not HTML, text or a feed (Content-Type: {page.content_type or 'none'})")


def _feed(url: str, page: Page, fetcher: Fetcher, default_date: date | None,
          seen: Callable[[str], bool]) -> Iterator[tuple[str, Item]]:  # fmt: skip
    import feedparser

    parsed = feedparser.parse(page.body)
    usable = [e for e in parsed.entries if e.get("link") or _entry_text(e)]
    if parsed.bozo and not usable:  # feedparser is lenient: a truncated feed still "parses", to nothing
        yield url, InputError(url, f"broken feed: {parsed.get('bozo_exception')}")
        return
    outlet = parsed.feed.get("title")
    todo = []
    for i, entry in enumerate(usable, 1):
        link = entry.get("link")
        if link and seen(link):
            continue
        todo.append((i, entry, link))

    def fetch(job: tuple[int, Any, str | None]) -> tuple[str, Item]:
        i, entry, link = job
        record = f"{url} -> {link or f'entry {i}'}"
        when = _entry_date(entry) or default_date
        if not link:  # nothing to follow: the feed's own text is all there is
            text = _entry_text(entry)
            return record, check_text(text, record) or Article(text=text, date=when, title=entry.get("title"),
                                                               source=outlet)  # fmt: skip
        got = fetcher.get(link)
        if isinstance(got, InputError):
            return record, InputError(record, got.message)
        if kind(got) != "html":
            return record, InputError(record, f"feed entry is not an HTML page (Content-Type: {got.content_type})")
        item = article_from_html(got.body, record, url=link, title=entry.get("title"), published=when, source=outlet)
        return record, item

    with ThreadPoolExecutor(FETCH_THREADS) as pool:
        yield from pool.map(fetch, todo)


def _dated(item: Item, default_date: date | None) -> Item:
    if not isinstance(item, InputError) and item.date is None:
        item.date = default_date
    return item


def _entry_date(entry: Any) -> date | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(t.tm_year, t.tm_mon, t.tm_mday) if t else None


def _entry_text(entry: Any) -> str:
    import re

    content = entry.get("content") or []
    raw = content[0].get("value", "") if content else entry.get("summary", "")
    return re.sub(r"<[^>]+>", " ", raw).strip()
