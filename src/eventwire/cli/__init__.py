"""The `eventwire` command. Each command group lives in its own module and registers on `app`."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eventwire.model import InputError

app = typer.Typer(
    help="Turn news text into political event data (PLOVER / CAMEO), offline.\n\n"
    "Examples:\n\n  eventwire code article.txt --date 2025-11-04\n\n"
    "  eventwire code articles.jsonl --format jsonl > events.jsonl\n\n"
    "  eventwire ingest articles.jsonl --db eventwire.duckdb && eventwire events",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# piped or logged output gets a readable width instead of Rich's 80 columns
out = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160)
err = Console(stderr=True)


def options(statements: bool, keep_unrealized: bool, dictionary: Path | None, model: str = "full"):
    from eventwire.pipeline import Options
    from eventwire.resolve.gazetteer import load_user_dictionary, norm

    user = {norm(p): e for p, e in load_user_dictionary(dictionary)} if dictionary else {}
    if model not in ("full", "fast", "none"):
        raise typer.BadParameter(f"unknown model {model!r}; choose full, fast or none", param_hint="--model")
    return Options(statements=statements, keep_unrealized=keep_unrealized, user_dictionary=user, model=model)


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def only_articles(items, errors: list[InputError]):
    """Pass Articles on; report InputErrors on stderr as they come."""
    for item in items:
        if isinstance(item, InputError):
            report(item, errors)
        else:
            yield item


def report(error: InputError, errors: list[InputError]) -> None:
    errors.append(error)
    err.print(f"[red]error[/red] {error.record}: {error.message}", highlight=False)


def finish(n_ok: int, errors: list[InputError], verb: str) -> None:
    """Print the summary on stderr; exit 1 when any record failed."""
    err.print(f"{verb} {n_ok} record(s); {len(errors)} failed", highlight=False)
    if errors:
        raise typer.Exit(1)


DateOpt = Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs without one.")]
StatementsOpt = Annotated[bool, typer.Option("--statements", help="Also emit CAMEO 01x statements (event STATEMENT).")]
UnrealizedOpt = Annotated[
    bool,
    typer.Option("--keep-unrealized", help="Keep negated, hypothetical, future and historical events, marked."),
]
ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        help="Sentence model beside the lexicon: full (static vectors + TF-IDF, MiniLM for unsure sentences; "
        "most accurate), fast (static vectors + TF-IDF, near lexicon speed) or none (lexicon only).",
    ),
]
DictOpt = Annotated[
    Path | None,
    typer.Option("--dictionary", help="User actor dictionary (YAML/CSV/TSV: phrase, code) that wins."),
]


EVENT_COLUMNS = ("date", "event", "cameo", "actor", "recipient", "where", "conf", "evidence")


def print_table(rows: list[tuple[str, ...]]) -> None:
    """Events as a Rich table: short columns stay on one line, the evidence wraps."""
    from rich.table import Table

    table = Table(header_style="bold", expand=True)
    for col in EVENT_COLUMNS:
        wide = col == "evidence"
        table.add_column(col, overflow="fold", no_wrap=not wide and col not in ("actor", "recipient"),
                         ratio=4 if wide else None, min_width=30 if wide else None)  # fmt: skip
    for row in rows:
        table.add_row(*row)
    out.print(table)


def main() -> None:
    from eventwire.cli import coding, desk, evaluate, storage  # noqa: F401  (registers the commands)

    app()
