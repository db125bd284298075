"""`eventwire ingest` and `eventwire events`: the event store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli import (
    DateOpt,
    DictOpt,
    app,
    err,
    finish,
    only_articles,
    options,
    parse_date,
    print_table,
    report,
)
from eventwire.model import InputError

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Text, JSONL or JSON files, or '-' for stdin.")],
    db: DbOpt = Path("eventwire.duckdb"),
    date_: DateOpt = None,
    dictionary: DictOpt = None,
) -> None:
    """Code articles and store them (and their events) in a DuckDB file. Already stored articles are skipped."""
    from eventwire.ingest.readers import read_path
    from eventwire.pipeline import code_many
    from eventwire.store import Store

    opts = options(False, False, dictionary)
    published = parse_date(date_)
    errors: list[InputError] = []
    items = (item for path in sources for item in read_path(path, published))
    n_ok = 0
    with Store(db) as store:
        fresh = (a for a in only_articles(items, errors) if not store.has_article(a))
        for coded in code_many(fresh, opts):
            assert coded.article is not None
            store.add(coded.article, coded.events, coded.error)
            if coded.error:
                report(InputError(coded.article.id, coded.error), errors)
            else:
                n_ok += 1
        counts = store.counts()
    err.print(f"store {db}: {counts['articles']} articles, {counts['events']} events", highlight=False)
    finish(n_ok, errors, "ingested")


@app.command()
def events(
    db: DbOpt = Path("eventwire.duckdb"),
    limit: Annotated[int, typer.Option(help="How many events to show.")] = 50,
) -> None:
    """Show the stored events as a table, oldest first."""
    from eventwire.store import Store

    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run `eventwire ingest` first", param_hint="--db")
    with Store(db, read_only=True) as store:
        rows = store.events(limit)
    print_table([
        (str(row["date"] or ""), row["event"], row["cameo"], row["actor_code"] or "", row["recipient_code"] or "",
         row["place"] or "", f"{row['confidence']:.2f}", json.loads(row["record"])["text"][:200].replace("\n", " "))
        for row in rows
    ])  # fmt: skip
