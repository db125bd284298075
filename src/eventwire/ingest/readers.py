"""Readers for local input: plain text, Markdown, HTML, JSON and JSONL (any of them gzipped), from files,
folders (recursively) or stdin.

Every reader yields Articles and InputErrors in input order, so one bad record is reported by name
and the rest are still read. JSONL is streamed line by line, so a dump of any size reads in constant
memory; a single-document file over `MAX_FILE_BYTES` and a .gz that inflates like a zip bomb are refused.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventwire.model import Article, InputError
from eventwire.nlp import MAX_CHARS

Item = Article | InputError

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")  # what a folder walk picks up (and their .gz)
MAX_FILE_BYTES = 50_000_000  # one article, HTML page or JSON file; JSONL has no file limit, only per line
MAX_LINE_BYTES = 4 * MAX_CHARS
GZIP_RATIO = 100  # inflating past this ratio (and past MAX_FILE_BYTES) is a zip bomb, not a corpus


class TooLarge(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(b < 9 or 13 < b < 32 for b in head)
    return bool(head) and control / len(head) > 0.1


def decode(data: bytes, record: str) -> str | InputError:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(record, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                  "re-encode the input as UTF-8")  # fmt: skip


def check_text(text: str, record: str) -> InputError | None:
    if not text.strip():
        return InputError(record, "no text to code (empty)")
    if len(text) > MAX_CHARS:
        return InputError(record, f"text is {len(text):,} characters, over the limit of {MAX_CHARS:,}; "
                                  "split it into articles")  # fmt: skip
    return None


def article_from_record(obj: Any, record: str) -> Item:
    """A JSON object {id, text, date?, url?, title?, source?} to an Article."""
    if not isinstance(obj, dict):
        return InputError(record, f"expected a JSON object with a 'text' field, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        return InputError(record, "missing 'text' (a string)")
    if err := check_text(text, record):
        return err
    published = None
    if obj.get("date"):
        try:
            published = date.fromisoformat(str(obj["date"])[:10])
        except ValueError:
            return InputError(record, f"'date' is not an ISO date (YYYY-MM-DD): {obj['date']!r}")
    meta = {k: str(obj[k]) for k in ("url", "title", "source") if obj.get(k) is not None}
    return Article(text=text, id=str(obj.get("id") or ""), date=published, **meta)


def read_bytes(data: bytes, name: str, default_date: date | None = None) -> Iterator[Item]:
    """Detect the format of one input (gzip, JSONL, JSON, HTML, plain text) and read its records."""
    for _, item in records(io.BytesIO(data), name, default_date):
        yield item


def read_path(path: str, default_date: date | None = None) -> Iterator[Item]:
    """Read a file, a folder (recursively), or stdin for "-"."""
    for _, item in iter_path(path, default_date):
        yield item


def iter_path(path: str, default_date: date | None = None) -> Iterator[tuple[str, Item]]:
    """Like `read_path`, with the name of each record (file, file:line) beside it."""
    if path == "-":
        yield from records(sys.stdin.buffer, "<stdin>", default_date)
        return
    p = Path(path)
    if not p.exists():
        yield path, InputError(path, "no such file or folder")
        return
    files = walk(p) if p.is_dir() else [p]
    if p.is_dir() and not files:
        yield path, InputError(path, f"no {', '.join(SUFFIXES)} files (or .gz of them) in this folder")
    for f in files:
        try:
            with f.open("rb") as fh:
                yield from records(fh, str(f), default_date)
        except OSError as exc:
            yield str(f), InputError(str(f), f"cannot read: {exc.strerror or exc}")


def walk(root: Path) -> list[Path]:
    """Input files under a folder, recursively, in a stable order; hidden files and folders are skipped."""
    out = []
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root).parts
        if any(part.startswith(".") for part in rel) or not f.is_file():
            continue
        if f.name.lower().removesuffix(".gz").endswith(SUFFIXES):
            out.append(f)
    return out


def records(fh: IO[bytes], name: str, default_date: date | None = None) -> Iterator[tuple[str, Item]]:
    """Read one stream (a file or stdin): sniff gzip and the format, then read its records."""
    head = fh.read(2)
    if head == b"\x1f\x8b":
        size = _size(fh)
        raw: io.RawIOBase = _Inflating(gzip.GzipFile(fileobj=_Rejoin(head, fh)), size)
        name_ = name.removesuffix(".gz")
    else:
        raw, name_ = _Rejoin(head, fh), name
    stream = io.BufferedReader(raw, buffer_size=1 << 16)
    try:
        yield from _records(stream, name_, name, default_date)
    except TooLarge as exc:
        yield name, InputError(name, str(exc))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield name, InputError(name, f"broken gzip data: {exc}")


def _records(fh: IO[bytes], name: str, record: str, default_date: date | None) -> Iterator[tuple[str, Item]]:
    head = fh.read(65536)
    if not head.strip():
        yield record, InputError(record, "input is empty")
        return
    if looks_binary(head):
        yield record, InputError(record, "looks like a binary file, not text, HTML, JSON or JSONL")
        return
    lower = name.lower()
    first = head.lstrip()[:1]
    if lower.endswith(".jsonl") or (first == b"{" and not lower.endswith(".json")):
        yield from _jsonl(_lines(head, fh), record, default_date)
        return
    data = head + fh.read(MAX_FILE_BYTES + 1 - len(head))
    if len(data) > MAX_FILE_BYTES:
        yield record, InputError(record, f"larger than {MAX_FILE_BYTES:,} bytes: too big for one document; "
                                         "split it, or give the articles as JSONL (one per line)")  # fmt: skip
        return
    if lower.endswith((".html", ".htm")) or _looks_html(head):
        from eventwire.ingest.html import article_from_html

        item = article_from_html(data, record)
        yield record, _with_default_date(item, default_date)
    elif lower.endswith(".json") or first == b"[":
        yield from _json(data, record, default_date)
    else:
        text = decode(data, record)
        if isinstance(text, InputError):
            yield record, text
            return
        yield record, check_text(text, record) or Article(text=text, date=default_date, url=None)


def _looks_html(head: bytes) -> bool:
    start = head.lstrip()[:256].lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start


def _lines(head: bytes, fh: IO[bytes]) -> Iterator[bytes]:
    rest = io.BufferedReader(_Rejoin(head, fh))
    while line := rest.readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            raise TooLarge(f"a line longer than {MAX_LINE_BYTES:,} bytes: not JSONL")
        yield line


def _with_default_date(item: Item, default_date: date | None) -> Item:
    if isinstance(item, Article) and item.date is None:
        item.date = default_date
    return item


def _jsonl(lines: Iterable[bytes], name: str, default_date: date | None) -> Iterator[tuple[str, Item]]:
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        record = f"{name}:{n}"
        line = decode(raw, record)
        if isinstance(line, InputError):
            yield record, line
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield record, InputError(record, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield record, _with_default_date(article_from_record(obj, record), default_date)


def _json(data: bytes, name: str, default_date: date | None) -> Iterator[tuple[str, Item]]:
    text = decode(data, name)
    if isinstance(text, InputError):
        yield name, text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield name, InputError(name, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    recs = obj if isinstance(obj, list) else obj.get("articles", [obj]) if isinstance(obj, dict) else [obj]
    for i, rec in enumerate(recs, 1):
        record = f"{name}[{i}]"
        yield record, _with_default_date(article_from_record(rec, record), default_date)


def _size(fh: IO[bytes]) -> int | None:
    try:
        return Path(fh.name).stat().st_size if isinstance(getattr(fh, "name", None), str) else None
    except OSError:
        return None


class _Rejoin(io.RawIOBase):
    """A stream with bytes already read from it put back in front (for format sniffing)."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if self.head:
            n = min(len(buf), len(self.head))
            buf[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(buf))
        buf[: len(data)] = data
        return len(data)


class _Inflating(io.RawIOBase):
    """A gzip stream that stops when it inflates like a zip bomb: past MAX_FILE_BYTES and GZIP_RATIO x its size."""

    def __init__(self, gz: gzip.GzipFile, compressed: int | None):
        self.gz, self.out = gz, 0
        self.limit = max(MAX_FILE_BYTES, GZIP_RATIO * compressed) if compressed else 20 * MAX_FILE_BYTES

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        data = self.gz.read(len(buf))
        self.out += len(data)
        if self.out > self.limit:
            raise TooLarge(f"inflates to more than {self.limit:,} bytes: looks like a zip bomb; stopped")
        buf[: len(data)] = data
        return len(data)
