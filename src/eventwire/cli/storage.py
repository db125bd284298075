"""`eventwire ingest`, `eventwire events` and `eventwire export`: the event store."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli import (
    DateOpt,
    DictOpt,
    ModelOpt,
    StatementsOpt,
    UnrealizedOpt,
    app,
    err,
    options,
    parse_date,
    print_table,
)
from eventwire.model import InputError

if TYPE_CHECKING:
    from eventwire.engines import Report
    from eventwire.store import Outcome

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (recursive), http(s) URLs of articles or RSS/Atom feeds; '-' or nothing for stdin."
        ),
    ] = None,
    db: DbOpt = Path("eventwire.duckdb"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Coding processes (or Ray actors).")] = 1,
    engine: Annotated[
        str, typer.Option(help="local (this machine) or ray (needs `pip install 'eventwire\\[ray]'`).")
    ] = "local",
    ray_address: Annotated[str | None, typer.Option(help="Ray cluster to join (default: start a local one).")] = None,
    chunk_size: Annotated[int, typer.Option(min=1, help="Articles per chunk: the unit of work and of commit.")] = 32,
    date_: DateOpt = None,
    statements: StatementsOpt = False,
    keep_unrealized: UnrealizedOpt = False,
    dictionary: DictOpt = None,
    model: ModelOpt = "full",
    log: Annotated[
        Path | None,
        typer.Option(
            help="Append a JSON line per committed chunk (article ids, counts) to this file, to follow a long run."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no per-record errors; just the summary.")
    ] = False,
) -> None:
    """Code articles into a deduplicated event store (DuckDB).

    Reads .txt, .md, .html, .json and .jsonl files (and .gz of them), whole folders, stdin, article URLs and RSS/Atom feeds (entries are followed).

    Articles already stored (same id, URL or text) are skipped, so re-running after a crash, or on a feed, picks up where it stopped: each chunk is committed in one transaction. Reprints of a story in other outlets are recognised; reports of one event across articles merge into one event whose mention, article and source counts keep growing (rules: docs/store.md).

    Examples:

      eventwire ingest corpus/ --workers 2

      eventwire ingest https://example.org/world/rss.xml --db news.duckdb

      zcat dump.jsonl.gz | eventwire ingest - --engine ray --workers 8

    Exit code 1 when any input or article failed (each is reported, and kept in the table ingest_errors).
    """
    from eventwire.engines import ingest as run
    from eventwire.store import Store

    if engine == "ray":
        from eventwire.engines.ray_engine import available

        if not available():
            raise typer.BadParameter(
                "Ray is not installed: pip install ray==2.60.0 (eventwire's `ray` extra)", param_hint="--engine"
            )
    elif engine != "local":
        raise typer.BadParameter(f"unknown engine {engine!r}; choose local or ray", param_hint="--engine")
    opts = options(statements, keep_unrealized, dictionary, model)
    published = parse_date(date_)
    from eventwire.ingest import count_records

    total = None if quiet else count_records(sources or ["-"])
    with Store(db) as store, _Progress(quiet, total) as progress, _CommitLog(log) as commits:
        report = run(sources or ["-"], store, opts, engine=engine, workers=workers, chunk_size=chunk_size,
                     default_date=published, ray_address=ray_address, on_progress=progress.update,
                     on_failure=progress.failure, on_commit=commits.write)  # fmt: skip
        totals = store.counts()
    _summary(report, totals, db)
    if report.failures:
        raise typer.Exit(1)


class _Progress:
    """A Rich progress line on stderr: articles/s, events found, failures (off with --quiet)."""

    def __init__(self, quiet: bool, total: int | None = None):
        import rich.progress as rp

        self.quiet = quiet
        self.bar = rp.Progress(
            rp.SpinnerColumn(), rp.TextColumn("[bold]ingest[/]"), rp.BarColumn(bar_width=20), rp.TaskProgressColumn(),
            rp.TimeElapsedColumn(), rp.TextColumn("eta"), rp.TimeRemainingColumn(), rp.TextColumn("{task.fields[line]}"),
            console=err, disable=quiet, transient=False,
        )  # fmt: skip
        self.task = self.bar.add_task("ingest", total=total, line="starting…")

    def __enter__(self) -> _Progress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def update(self, r: Report) -> None:
        rate = r.done / r.elapsed if r.elapsed > 0 else 0.0
        line = (f"{r.done:,} articles · {rate:,.1f}/s · {r.new_events:,} events (+{r.merged:,} merged mentions) · "
                f"{r.skipped:,} skipped · [red]{len(r.failures):,} failed[/]")  # fmt: skip
        self.bar.update(self.task, completed=r.done + len(r.failures), line=line)

    def failure(self, e: InputError) -> None:
        if not self.quiet:
            self.bar.console.print(f"[red]error[/red] {e.record}: {e.message}", highlight=False, markup=True)


class _CommitLog:
    """--log: one JSON line per committed chunk, on disk before the next chunk starts (the store itself is
    locked by the running ingest, so this is how another process follows it)."""

    def __init__(self, path: Path | None):
        self.fh = path.open("a", encoding="utf-8") if path else None

    def __enter__(self) -> _CommitLog:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fh:
            self.fh.close()

    def write(self, outcomes: list[Outcome]) -> None:
        if self.fh is None:
            return
        line = {"at": time.time(), "articles": [o.article.id for o in outcomes],
                "failed": [o.article.id for o in outcomes if o.error]}  # fmt: skip
        self.fh.write(json.dumps(line) + "\n")
        self.fh.flush()
        os.fsync(self.fh.fileno())


def _summary(r: Report, totals: dict[str, int], db: Path) -> None:
    from rich.table import Table

    rate = r.done / r.elapsed if r.elapsed > 0 else 0.0
    t = Table(title=f"ingest → {db}", show_header=False, title_justify="left", box=None, pad_edge=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_column(style="dim")
    t.add_row("read", f"{r.read:,}", "articles from the sources")
    t.add_row(
        "stored", f"{r.articles:,}", f"{r.copies:,} reprints of stored text, {r.near_duplicates:,} near-duplicates"
    )
    t.add_row("skipped", f"{r.skipped:,}", "already stored (same id, URL or text)")
    t.add_row("events", f"{r.new_events:,}", f"new; {r.merged:,} mentions merged into known events")
    t.add_row("failed", f"{len(r.failures):,}", "see above and the table ingest_errors" if r.failures else "")
    t.add_row("time", f"{r.elapsed:,.1f} s", f"{rate:,.1f} articles/s")
    t.add_row("store", f"{totals['events']:,}", f"events from {totals['articles']:,} articles")
    err.print(t)
    if r.failures:
        by_reason: dict[str, int] = {}
        for f in r.failures:
            by_reason[f.message] = by_reason.get(f.message, 0) + 1
        err.print(f"[red]{len(r.failures)} failed[/red]:", highlight=False)
        for f in r.failures[:10]:
            err.print(f"  {f.record}: {f.message}", highlight=False, markup=False)
        if len(r.failures) > 10:
            err.print(f"  … and {len(r.failures) - 10} more (SELECT * FROM ingest_errors)", highlight=False)


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


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="plover-jsonl, gdelt, parquet or csv.")] = "plover-jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout; parquet needs one).")
    ] = None,
    db: DbOpt = Path("eventwire.duckdb"),
    since: Annotated[str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Only this PLOVER type (repeatable).")] = None,
    country: Annotated[list[str] | None, typer.Option(help="Actor or recipient country, ISO3 (repeatable).")] = None,
    min_confidence: Annotated[float | None, typer.Option(help="Only events at least this confident (0-1).")] = None,
    min_sources: Annotated[int | None, typer.Option(help="Only events reported by at least this many outlets.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
) -> None:
    """Export the stored events, one per distinct event, oldest first.

    Formats: plover-jsonl (PLOVER records plus num_mentions/num_articles/num_sources/num_stories and every mention), gdelt (the 61 tab-separated columns of the GDELT 2.0 event table, no header; GDELT's QuadClass, FIPS country codes for places), parquet and csv (the flat events table, the PLOVER record as JSON).

    Examples:

      eventwire export --format gdelt --since 2026-01-01 > events.tsv

      eventwire export -f parquet -o events.parquet --type ASSAULT --country NGA
    """
    from eventwire.store import Store
    from eventwire.store.export import FORMATS, Filters
    from eventwire.store.export import export as run

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet is binary: give a file with --output", param_hint="--output")
    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run `eventwire ingest` first", param_hint="--db")
    filters = Filters(
        parse_date(since), parse_date(until), type_ or [], country or [], min_confidence, min_sources, limit
    )
    with Store(db, read_only=True) as store:
        n = run(store.con, fmt, output if output is not None else sys.stdout, filters)
    err.print(f"exported {n:,} event(s){f' to {output}' if output else ''}", highlight=False)
