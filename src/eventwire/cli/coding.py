"""`eventwire code`: text in, events out."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eventwire.cli import (
    DateOpt,
    DictOpt,
    ModelOpt,
    StatementsOpt,
    UnrealizedOpt,
    app,
    finish,
    only_articles,
    options,
    out,
    parse_date,
    print_table,
    report,
)
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
    model: ModelOpt = "full",
) -> None:
    """Code articles into events and print them.

    Plain text is one article; JSONL is one record per line: {id, text, date?, url?, title?, source?}.
    Bad records are reported on stderr by name; the others are still coded; the exit code is 1 if any failed.
    """
    from eventwire.ingest.readers import read_path
    from eventwire.pipeline import code_many

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    if not inputs and sys.stdin.isatty():
        raise typer.BadParameter(
            "give a file, or pipe text in: eventwire code article.txt | cat story.txt | eventwire code -"
        )
    opts = options(statements, keep_unrealized, dictionary, model)
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


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text to explain.")],
    date_: DateOpt = None,
    statements: StatementsOpt = False,
    keep_unrealized: UnrealizedOpt = False,
    dictionary: DictOpt = None,
    model: ModelOpt = "full",
) -> None:
    """Show how a text is coded: the parse, each candidate predicate, its arguments, the rule or model
    that typed it, its modality, and why it was or was not emitted. It takes the options of `code`.

    Example: eventwire explain "Russian forces did not attack Sumy on Monday." --keep-unrealized"""
    from rich.table import Table

    from eventwire import nlp
    from eventwire.model import Article
    from eventwire.pipeline import code_doc
    from eventwire.resolve.places import place_candidates

    opts = options(statements, keep_unrealized, dictionary, model)

    doc = nlp.parse(sentence)
    parse = Table(title="parse", header_style="bold")
    for col in ("i", "text", "lemma", "pos", "dep", "head", "entity"):
        parse.add_column(col)
    for t in doc:
        if not t.is_space:
            parse.add_row(str(t.i), t.text, t.lemma_, t.pos_, t.dep_, f"{t.head.i} {t.head.text}", t.ent_type_)
    out.print(parse)
    if opts.model == "none":
        out.print("no sentence model (--model none): the lexicon alone")
    trace: list[dict] = []
    code_doc(doc, Article(text=sentence, date=parse_date(date_)), opts, trace)
    if not any("candidate" in step for step in trace):
        out.print("\nno candidate: no event word the lexicon knows, and no event type the model codes on its own")
    for step in trace:
        if "probabilities" in step:
            best = sorted(step["probabilities"].items(), key=lambda kv: -kv[1])[:3]
            out.print(f"model, sentence {step['sentence']}: " + ", ".join(f"{t} {p:.2f}" for t, p in best))
            continue
        cand, label, ev = step["candidate"], step["label"], step["event"]
        words = " ".join(t.text for t in cand.trigger_tokens)
        out.print(f"\n[bold]{words}[/bold] ({cand.kind}) cues={cand.cues}")
        for arg in cand.args:
            out.print(f"  {arg.role:9} {arg.span.text!r} via {arg.via}")
        if label:
            out.print(f"  type {label[0]} cameo {label[1]} by {label[2]}, confidence {cand.confidence:.2f}")
            out.print(f"  modality {cand.modality.to_dict()}")
        if ev is not None:
            for who, ents in (("actor", ev.actor), ("recipient", ev.recipient)):
                for e in ents:
                    out.print(f"  {who:9} {e.text!r} -> {e.code} ({e.resolved_by}, {e.confidence:.2f})")
            loc = ev.event_loc
            if loc and loc.resolution != "dateline" and len(places := place_candidates(loc.text)) > 1:
                out.print(f"  place candidates for {loc.text!r}: {'; '.join(places)}")
            out.print(f"  date {ev.date} ({ev.date_source}); place {loc.name if loc else None}"
                      f" ({loc.resolution if loc else '-'}); quantities {[q.text for q in ev.quantities]}")  # fmt: skip
        colour = "green" if step["verdict"] == "emitted" else "yellow"
        out.print(f"  [{colour}]{step['verdict']}[/{colour}]")
