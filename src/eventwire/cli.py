"""The `eventwire` command: code text into events, store them, look at them."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventwire.model import Article, Event, InputError

app = typer.Typer(
    help="Turn news text into political event data (PLOVER / CAMEO), offline.\n\n"
    "Examples:\n\n  eventwire code article.txt --date 2025-11-04\n\n"
    "  eventwire code articles.jsonl --format jsonl > events.jsonl\n\n"
    "  eventwire ingest articles.jsonl --db eventwire.duckdb && eventwire events",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True)
FORMATS = ("jsonl", "json", "table")


def _options(statements: bool, keep_unrealized: bool, dictionary: Path | None):  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Options
    from eventwire.resolve.gazetteer import load_user_dictionary, norm

    user = {norm(p): e for p, e in load_user_dictionary(dictionary)} if dictionary else {}
    return Options(statements=statements, keep_unrealized=keep_unrealized, user_dictionary=user)


def _read(inputs: list[str], default_date: date | None):  # type: ignore[no-untyped-def]
    from eventwire.ingest.readers import read_path

    for path in inputs:
        yield from read_path(path, default_date)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


DateOpt = Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs without one.")]
StatementsOpt = Annotated[bool, typer.Option("--statements", help="Also emit CAMEO 01x statements (event STATEMENT).")]
UnrealizedOpt = Annotated[
    bool, typer.Option("--keep-unrealized", help="Keep negated, hypothetical, future and historical events, marked.")
]
DictOpt = Annotated[
    Path | None, typer.Option("--dictionary", help="User actor dictionary (YAML/CSV/TSV: phrase, code) that wins.")
]


@app.command()
def code(
    inputs: Annotated[list[str] | None, typer.Argument(help="Text, JSONL or JSON files; '-' or nothing for stdin.")] = None,
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
    from eventwire.pipeline import code_many

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    opts = _options(statements, keep_unrealized, dictionary)
    errors: list[InputError] = []
    articles = _only_articles(_read(inputs or ["-"], _parse_date(date_)), errors)
    all_events: list[Event] = []
    n_articles = 0
    for coded in code_many(articles, opts):
        n_articles += 1
        if coded.error:
            assert coded.article is not None
            _report(InputError(coded.article.id, coded.error), errors)
            continue
        if fmt == "jsonl":
            for ev in coded.events:
                sys.stdout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
        else:
            all_events.extend(coded.events)
    if fmt == "json":
        sys.stdout.write(json.dumps([e.to_dict() for e in all_events], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        _table(all_events)
    _finish(n_articles, errors, "coded")


def _only_articles(items, errors: list[InputError]):  # type: ignore[no-untyped-def]
    for item in items:
        if isinstance(item, InputError):
            _report(item, errors)
        else:
            yield item


def _report(error: InputError, errors: list[InputError]) -> None:
    errors.append(error)
    err.print(f"[red]error[/red] {error.record}: {error.message}", highlight=False)


def _finish(n_ok: int, errors: list[InputError], verb: str) -> None:
    failed = len(errors)
    err.print(f"{verb} {n_ok - sum(1 for e in errors if e.record.startswith('doc-'))} record(s); "
              f"{failed} failed", highlight=False)  # fmt: skip
    if failed:
        raise typer.Exit(1)


def _table(events: list[Event]) -> None:
    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "event", "cameo", "actor", "recipient", "where", "conf", "evidence"):
        table.add_column(col, overflow="fold")
    for ev in events:
        table.add_row(
            ev.date.isoformat() if ev.date else "",
            ev.event,
            ev.cameo,
            ", ".join(a.code or f"?{a.text}" for a in ev.actor),
            ", ".join(r.code or f"?{r.text}" for r in ev.recipient),
            ev.event_loc.name if ev.event_loc else "",
            f"{ev.confidence:.2f}",
            _highlight(ev),
        )
    out.print(table)


def _highlight(ev: Event) -> str:
    s, e = ev.trigger_span[0] - ev.start, ev.trigger_span[1] - ev.start
    text = ev.text
    snippet = text[max(0, s - 60) : s] + "[bold yellow]" + text[s:e] + "[/bold yellow]" + text[e : e + 60]
    return ("…" if s > 60 else "") + snippet.replace("\n", " ") + ("…" if e + 60 < len(text) else "")


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Text, JSONL or JSON files, or '-' for stdin.")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to store into.")] = Path("eventwire.duckdb"),
    date_: DateOpt = None,
    dictionary: DictOpt = None,
) -> None:
    """Code articles and store them (and their events) in a DuckDB file. Already stored articles are skipped."""
    from eventwire.pipeline import code_many
    from eventwire.store import Store

    opts = _options(False, False, dictionary)
    errors: list[InputError] = []
    with Store(db) as store:
        fresh = (a for a in _only_articles(_read(sources, _parse_date(date_)), errors) if not store.has_article(a))
        n = 0
        for coded in code_many(fresh, opts):
            assert coded.article is not None
            store.add(coded.article, coded.events, coded.error)
            n += 1
            if coded.error:
                _report(InputError(coded.article.id, coded.error), errors)
        counts = store.counts()
    err.print(f"store {db}: {counts['articles']} articles, {counts['events']} events", highlight=False)
    _finish(n, errors, "ingested")


@app.command()
def events(
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to read.")] = Path("eventwire.duckdb"),
    limit: Annotated[int, typer.Option(help="How many events to show.")] = 50,
) -> None:
    """Show the stored events as a table, oldest first."""
    from eventwire.store import Store

    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run `eventwire ingest` first", param_hint="--db")
    with Store(db, read_only=True) as store:
        rows = store.events(limit)
    table = Table(header_style="bold")
    for col in ("date", "event", "cameo", "actor", "recipient", "where", "conf", "evidence"):
        table.add_column(col, overflow="fold")
    for row in rows:
        rec = json.loads(row["record"])
        table.add_row(str(row["date"] or ""), row["event"], row["cameo"], row["actor_code"] or "",
                      row["recipient_code"] or "", row["place"] or "", f"{row['confidence']:.2f}",
                      rec["text"][:160].replace("\n", " "))  # fmt: skip
    out.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
