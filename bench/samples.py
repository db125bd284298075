"""How the coder does on the bundled sample articles against tests/data/sample_expectations.json.

    .venv/bin/python bench/samples.py [-v]

Prints required events found, forbidden hits and extras (with -v, every miss and extra). Asserts nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventwire.ingest.readers import read_path
from eventwire.model import Article, Event
from eventwire.pipeline import code_many

ROOT = Path(__file__).resolve().parents[1]


def norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


def matches(ev: Event, item: dict) -> bool:
    if ev.event != item["type"] or norm(item["anchor"]) not in norm(ev.text):
        return False
    actors, recipients = {a.country for a in ev.actor}, {r.country for r in ev.recipient}
    if item.get("unordered"):
        return {item["source_country"], item["target_country"]} - {None} <= actors | recipients
    return (not item["source_country"] or item["source_country"] in actors) and (
        not item["target_country"] or item["target_country"] in recipients
    )


def main() -> None:
    verbose = "-v" in sys.argv
    expected = json.loads((ROOT / "tests" / "data" / "sample_expectations.json").read_text())
    articles = [
        a for a in read_path(str(ROOT / "src" / "eventwire" / "samples" / "articles.jsonl")) if isinstance(a, Article)
    ]
    found = total = forbidden = extras = 0
    for coded in code_many(articles):
        assert coded.article is not None
        exp, events = expected[coded.article.id], coded.events
        used: set[int] = set()
        for item in exp["required"]:
            total += 1
            hits = [i for i, ev in enumerate(events) if matches(ev, item)]
            used.update(hits)
            found += bool(hits)
            if not hits and verbose:
                print(f"MISS   {coded.article.id}: {item}")
        for rule in exp["forbidden"]:
            for ev in events:
                if norm(rule["anchor"]) in norm(ev.text) and (not rule.get("types") or ev.event in rule["types"]):
                    forbidden += 1
                    print(f"FORBID {coded.article.id}: {ev.event} [{ev.trigger}] on {rule['anchor']!r}")
        for i, ev in enumerate(events):
            if i not in used:
                extras += 1
                if verbose:
                    print(
                        f"extra  {ev.event} [{ev.trigger}] {[a.code for a in ev.actor]} -> {[r.code for r in ev.recipient]}"
                    )
    print(f"samples: required found {found}/{total}, forbidden hits {forbidden}, extras {extras}")


if __name__ == "__main__":
    main()
