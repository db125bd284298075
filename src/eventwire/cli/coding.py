"""`eventwire code`: text in, events out."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventwire.cli import (
    DateOpt,
    DictOpt,
    StatementsOpt,
    UnrealizedOpt,
    app,
    finish,
    only_articles,
    options,
    parse_date,
    print_table,
    report,
)  # fmt: skip
from eventwire.model import Event, InputError

FORMATS = ("jsonl", "json", "table")


@app.command()
def code(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Text, JSONL or JSON files; '-' or nothing for stdin.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, json or table.")] = "table",
    date_: DateOpt = None,
    statements: StatementsOpt = False,
    keep_unrealized: UnrealizedOpt = False,
    dictionary: DictOpt = None,
) -> None:
    """Code articles into events and print them.

    Plain text is one article; JSONL is one record per line: {id, text, date?, url?, title?, source?}.
    Bad records are reported on stderr by name; the others are still coded; the exit code is 1 if any failed.
    """
    from eventwire.ingest.readers import read_path
    from eventwire.pipeline import code_many

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    opts = options(statements, keep_unrealized, dictionary)
    published = parse_date(date_)
    errors: list[InputError] = []
    items = (item for path in inputs or ["-"] for item in read_path(path, published))
    collected: list[Event] = []
    n_ok = 0
    for coded in code_many(only_articles(items, errors), opts):
        assert coded.article is not None
        if coded.error:
            report(InputError(coded.article.id, coded.error), errors)
            continue
        n_ok += 1
        if fmt == "jsonl":
            for ev in coded.events:
                sys.stdout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
        else:
            collected.extend(coded.events)
    if fmt == "json":
        sys.stdout.write(json.dumps([e.to_dict() for e in collected], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        print_events(collected)
    finish(n_ok, errors, "coded")


def print_events(events: list[Event]) -> None:
    print_table([
        (ev.date.isoformat() if ev.date else "", ev.event, ev.cameo,
         ", ".join(a.code or f"?{a.text}" for a in ev.actor), ", ".join(r.code or f"?{r.text}" for r in ev.recipient),
         ev.event_loc.name if ev.event_loc else "", f"{ev.confidence:.2f}", highlight(ev))
        for ev in events
    ])  # fmt: skip


def highlight(ev: Event, width: int = 60) -> str:
    """The evidence around the trigger, with the trigger in bold (Rich markup)."""
    from rich.markup import escape

    s, e = ev.trigger_span[0] - ev.start, ev.trigger_span[1] - ev.start
    text = ev.text.replace("\n", " ")
    return (("…" if s > width else "") + escape(text[max(0, s - width) : s]) + "[bold yellow]" + escape(text[s:e])
            + "[/bold yellow]" + escape(text[e : e + width]) + ("…" if e + width < len(text) else ""))  # fmt: skip
