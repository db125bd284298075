"""`eventwire serve`, `eventwire alerts` and `eventwire brief`: the analyst's desk over the store."""

from __future__ import annotations

import json
import secrets
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli import app, err, out, parse_date

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file (from `eventwire ingest`).")]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Last day to look at (YYYY-MM-DD); default: the latest event in the store."),
]


def _reader(db: Path):
    from eventwire.api.queries import Reader

    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run `eventwire ingest` first", param_hint="--db")
    try:
        return Reader(db)
    except Exception as exc:  # e.g. an ingest holds the write lock
        raise typer.BadParameter(f"cannot open {db} read-only: {exc}", param_hint="--db") from None


@app.command()
def serve(
    db: DbOpt = Path("eventwire.duckdb"),
    host: Annotated[str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless you set --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help="Require 'Authorization: Bearer TOKEN' on every request; 'auto' makes one up.",
            envvar="EVENTWIRE_TOKEN",
        ),
    ] = None,  # fmt: skip
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Enable POST /api/ingest (opens the store read-write).")
    ] = False,  # fmt: skip
    max_page: Annotated[int, typer.Option(help="Largest page size /api/events serves.")] = 500,
    query_timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is interrupted (503).")] = 5.0,
) -> None:
    """Serve the dashboard and the REST API over a store (read-only unless --allow-ingest).

    Open http://127.0.0.1:8000/ for the dashboard and /docs for the API. Examples:

      eventwire serve --db eventwire.duckdb

      eventwire serve --host 0.0.0.0 --token auto     (then open the printed login link)
    """
    import uvicorn

    from eventwire.api.app import create_app

    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run `eventwire ingest` first", param_hint="--db")
    if token == "auto":
        token = secrets.token_urlsafe(24)
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        err.print(
            f"[yellow]warning[/yellow]: serving on {host} without --token: anyone who can reach it can read the store"
        )
    try:
        api = create_app(db, token=token, allow_ingest=allow_ingest, max_page=max_page, timeout=query_timeout)
    except Exception as exc:
        raise typer.BadParameter(f"cannot open {db}: {exc}", param_hint="--db") from None
    shown = f"[{host}]" if ":" in host else host
    login = f"/?token={token}" if token else "/"
    err.print(f"dashboard  http://{shown}:{port}{login}\nAPI docs   http://{shown}:{port}/docs"
              + ("\n[bold]ingest enabled[/bold]: POST /api/ingest" if allow_ingest else ""), highlight=False)  # fmt: skip
    uvicorn.run(api, host=host, port=port, log_level="warning")


@app.command()
def alerts(
    db: DbOpt = Path("eventwire.duckdb"),
    as_of: AsOfOpt = None,
    window: Annotated[int, typer.Option(help="Days per bin (the current bin ends on --as-of).")] = 7,
    baseline: Annotated[int, typer.Option(help="Number of earlier bins that form the baseline.")] = 8,
    threshold: Annotated[float, typer.Option(help="z-score at which a signal alerts.")] = 3.0,
    min_count: Annotated[int, typer.Option(help="Conflict events the current bin needs to alert.")] = 3,
    country: Annotated[str | None, typer.Option(help="Only alerts involving this country (ISO3).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Flag conflict spikes per country and dyad against their trailing baseline, with evidence events.

    Two signals per bin: the count of conflict events (quad class 3-4) and the Goldstein sum. Each is a
    z-score against the baseline bins; see docs/desk.md for the exact rule. Example:

      eventwire alerts --window 7 --baseline 8 --threshold 3
    """
    from eventwire import alerts as alerting

    if fmt not in ("table", "json"):
        raise typer.BadParameter(f"unknown format {fmt!r}; choose table or json", param_hint="--format")
    settings = alerting.Settings(parse_date(as_of), window, baseline, threshold, min_count, country and country.upper())
    reader = _reader(db)
    try:
        used, found = alerting.find(reader, settings)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    finally:
        reader.close()
    if fmt == "json":
        out.print_json(json.dumps({"settings": used.describe(), "alerts": [a.to_dict() for a in found]}, default=str))
        return
    from rich.markup import escape

    err.print(f"method: {used.describe()}", highlight=False)
    if not found:
        out.print("no alerts")
        return
    for a in found:  # one block per alert: the scores, then its evidence events
        out.print(f"[bold]{a.score:5.1f}[/bold]  {a.kind} [bold]{a.key}[/bold]  {a.start}..{a.end}", highlight=False)
        for s in a.signals:
            what = "conflict events" if s.signal == "conflict_count" else "Goldstein sum"
            out.print(f"       {what} {s.value:g}: baseline {s.baseline_mean:.1f} ± {s.baseline_sd:.1f}, z={s.z:.1f}",
                      highlight=False)  # fmt: skip
        for e in a.evidence:
            text = escape(" ".join((e["text"] or "").split())[:110])
            out.print(f"       [dim]{e['date']} {e['event']} {e['actor_code'] or '?'}→{e['recipient_code'] or '?'} "
                      f"{e['id']}[/dim] {text}", highlight=False)  # fmt: skip


@app.command()
def brief(
    country: Annotated[str, typer.Option(help="ISO3 country code, e.g. KOR.")],
    since: Annotated[str, typer.Option(help="Period: 7d, 2w, 3m or a start date YYYY-MM-DD.")] = "7d",
    db: DbOpt = Path("eventwire.duckdb"),
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Report file; default brief-COUNTRY-DATE.md|html.")
    ] = None,  # fmt: skip
    chart: Annotated[str, typer.Option(help="Timeline chart format: svg or png.")] = "svg",
    per_theme: Annotated[int, typer.Option(help="Key events listed per theme.")] = 6,
) -> None:
    """Write a situation report for one country: key events by theme, actors, a timeline chart, alerts.

    Every line cites its articles by number; the numbers resolve under Sources. Markdown writes the chart beside the report; HTML
    embeds it. Example:

      eventwire brief --country KOR --since 7d --format html
    """
    from eventwire import brief as briefing

    code = country.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise typer.BadParameter(f"{country!r} is not a 3-letter country code such as KOR", param_hint="--country")
    if fmt not in ("md", "html"):
        raise typer.BadParameter(f"unknown format {fmt!r}; choose md or html", param_hint="--format")
    if chart not in ("svg", "png"):
        raise typer.BadParameter(f"unknown chart format {chart!r}; choose svg or png", param_hint="--chart")
    reader = _reader(db)
    try:
        end = parse_date(as_of) or _latest(reader, code)
        try:
            start = briefing.parse_since(since, end)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--since") from None
        report = briefing.build(reader, code, start, end, per_theme=per_theme, store=str(db))
    finally:
        reader.close()
    path = output or Path(f"brief-{code}-{end}.{fmt}")
    image = briefing.chart(report, chart)
    if fmt == "html":
        path.write_text(briefing.html(report, image, chart), encoding="utf-8")
    else:
        chart_path = path.with_suffix(f".{chart}")
        chart_path.write_bytes(image)
        path.write_text(briefing.markdown(report, chart_path.name), encoding="utf-8")
        err.print(f"chart  {chart_path}", highlight=False)
    err.print(f"report {path}: {report.total} events, {len(report.alerts)} alert(s), {len(report.sources)} source(s)",
              highlight=False)  # fmt: skip
    if report.total == 0:
        err.print(f"[yellow]no events for {code} from {start} to {end}[/yellow]; try a longer --since or --as-of")


def _latest(reader, country: str) -> date:
    """The country's latest event date: stores are often historical, and "today" would show nothing."""
    row = reader.one("SELECT max(date) AS last FROM events WHERE ? IN (actor_country, recipient_country, place_country)",
                     [country])  # fmt: skip
    return (row and row["last"]) or date.today()
