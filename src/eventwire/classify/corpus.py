"""The project's labelled training sentences (classify/corpus/*.jsonl), written in the project's own words.

Each line: {"text", "event" (PLOVER type, STATEMENT or NONE), "cameo", "source", "target", "why"?}.
A fixed hash of the text puts a quarter of the sentences in the held-out test split, never trained on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Example:
    text: str
    event: str
    cameo: str | None
    source: str | None
    target: str | None


def split(text: str) -> str:
    """'test' for a fixed 25% of sentences (by content hash), else 'train'."""
    return "test" if hashlib.sha1(text.encode("utf-8")).hexdigest()[-1] in "0123" else "train"


def load(which: str | None = None) -> list[Example]:
    """All examples, or those of one split ('train' / 'test'), in a stable order."""
    out = []
    folder = resources.files(__package__).joinpath("corpus")
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if not f.name.endswith(".jsonl"):
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                ex = Example(r["text"], r["event"], r.get("cameo"), r.get("source"), r.get("target"))
                if which is None or split(ex.text) == which:
                    out.append(ex)
    return out
