"""Readers for local input: plain text, JSONL and JSON records, from files or stdin.

Every reader yields Articles and InputErrors in input order, so one bad record is reported by name
and the rest are still read.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.model import Article, InputError
from eventwire.nlp import MAX_CHARS

Item = Article | InputError


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
    """Detect the format of one input (gzip, JSONL, JSON, plain text) and read its records."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data)
        except (OSError, EOFError, ValueError) as exc:
            yield InputError(name, f"broken gzip data: {exc}")
            return
        name = name.removesuffix(".gz")
    if not data.strip():
        yield InputError(name, "input is empty")
        return
    if looks_binary(data):
        yield InputError(name, "looks like a binary file, not text, JSON or JSONL")
        return
    first = data.lstrip()[:1]
    if name.endswith(".jsonl") or (first == b"{" and not name.endswith(".json")):
        yield from _jsonl(data, name, default_date)
    elif name.endswith(".json") or first == b"[":
        yield from _json(data, name, default_date)
    else:
        text = decode(data, name)
        if isinstance(text, InputError):
            yield text
            return
        item = check_text(text, name) or Article(text=text, date=default_date, url=None)
        yield item


def _gunzip(data: bytes, limit: int = 20 * MAX_CHARS) -> bytes:
    # read in pieces so a zip bomb stops at the limit instead of filling memory
    import io

    out = bytearray()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        while chunk := f.read(1 << 20):
            out += chunk
            if len(out) > limit:
                raise ValueError(f"decompresses to more than {limit:,} bytes")
    return bytes(out)


def _with_default_date(item: Item, default_date: date | None) -> Item:
    if isinstance(item, Article) and item.date is None:
        item.date = default_date
    return item


def _jsonl(data: bytes, name: str, default_date: date | None) -> Iterator[Item]:
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        record = f"{name}:{n}"
        line = decode(raw, record)
        if isinstance(line, InputError):
            yield line
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(record, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _with_default_date(article_from_record(obj, record), default_date)


def _json(data: bytes, name: str, default_date: date | None) -> Iterator[Item]:
    text = decode(data, name)
    if isinstance(text, InputError):
        yield text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(name, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    records = obj if isinstance(obj, list) else obj.get("articles", [obj]) if isinstance(obj, dict) else [obj]
    for i, rec in enumerate(records, 1):
        yield _with_default_date(article_from_record(rec, f"{name}[{i}]"), default_date)


def read_path(path: str, default_date: date | None = None) -> Iterator[Item]:
    """Read a file, or stdin for "-"."""
    import sys

    if path == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", default_date)
        return
    p = Path(path)
    if not p.exists():
        yield InputError(path, "no such file")
        return
    if p.is_dir():
        yield InputError(path, "is a directory; use `eventwire ingest` for folders")
        return
    yield from read_bytes(p.read_bytes(), p.name, default_date)
