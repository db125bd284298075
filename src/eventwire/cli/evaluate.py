"""`eventwire eval`: score the coder against a gold file and show where it is right and wrong."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from eventwire.cli import ModelOpt, StatementsOpt, app, err, options, out
from eventwire.evaluate import PENTA_NAMES


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file: JSONL or JSON in the typed, penta or article format.")],
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Score these saved predictions instead of coding the gold texts.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary instead of the report.")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Save the confusion matrix as a PNG here.")] = None,
    save_pred: Annotated[
        Path | None, typer.Option("--save-pred", help="Save the predicted events here (JSONL, as `code` prints).")
    ] = None,
    statements: StatementsOpt = False,
    model: ModelOpt = "full",
) -> None:
    """Code the texts of a gold file in-process and score the events against it.

    The gold format is read from each record's keys (see the gold README):

    [bold]typed[/bold] {id, text, events: [{type, source, target}]}: P/R/F1 per PLOVER type, micro and macro; event-level scores with and without the dyad; source-country accuracy; a type confusion matrix.

    [bold]penta[/bold] {id, text, events: [{penta: 0-4, source_text?, target_text?}]}: five-class accuracy, macro-F1 and confusion matrix; actor-span overlap.

    [bold]article[/bold] {id, text, date, required, optional, forbidden}: required events found, forbidden hits, extras.

    A bad gold record stops the run with an error naming its line (exit code 2).

    Examples:

      eventwire eval gold.jsonl --plot confusion.png

      eventwire eval gold.jsonl --save-pred pred.jsonl

      eventwire eval gold.jsonl --pred pred.jsonl --json

      eventwire eval penta.jsonl --statements     (a gold that codes statements: code them too)
    """
    from eventwire.evaluate import GoldError, load_gold, plot_confusions, read_preds, score

    opts = options(statements, False, None, model)
    if pred is not None and save_pred is not None:
        raise typer.BadParameter(
            "--save-pred saves the coder's output; with --pred nothing is coded", param_hint="--save-pred"
        )
    try:
        golds = load_gold(gold)
    except GoldError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    errors: list[tuple[str, str]] = []
    bad_lines = 0
    if pred is not None:
        try:
            preds, bad_lines = read_preds(pred.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            err.print(f"[red]error[/red] {pred}: cannot read: {exc}", highlight=False)
            raise typer.Exit(2) from None
    else:
        coded = _code(golds, opts)
        preds, errors = coded.preds, coded.errors
        for doc_id, message in errors:
            err.print(f"[red]error[/red] {doc_id}: {message}", highlight=False)
        if save_pred is not None:
            with save_pred.open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in coded.records)
    summary = {"gold": str(gold), "pred": str(pred) if pred else None, **score(golds, preds)}
    summary["pred_bad_lines"] = bad_lines
    summary["coding_errors"] = [{"id": i, "error": m} for i, m in errors]
    if plot is not None:
        if plot_confusions(summary, plot, title=gold.name):
            err.print(f"confusion matrix saved to {plot}", highlight=False)
        else:
            err.print("[yellow]no confusion matrix to plot[/yellow]: article gold has no classes", highlight=False)
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    else:
        render(summary)


def _code(golds, opts):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from eventwire.evaluate import code_gold

    columns = (TextColumn("coding gold texts"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("code", total=len(golds))
        return code_gold(golds, lambda n: progress.advance(task, n), opts)


def render(s: dict[str, Any]) -> None:
    """The summary as a Rich report on stdout."""
    out.print(f"[bold]{s['gold']}[/bold]: {s['records']} gold records "
              f"({', '.join(f'{k} {v}' for k, v in s['formats'].items())}); {s['pred_events']} predicted events",
              highlight=False)  # fmt: skip
    notes = [f"{s[k]} {label}" for k, label in (("pred_events_unknown_doc", "events for unknown ids"),
             ("pred_events_without_doc_id", "events without doc_id"), ("pred_bad_lines", "lines not JSON")) if s[k]]  # fmt: skip
    if s["coding_errors"]:
        notes.append(f"{len(s['coding_errors'])} texts failed to code (scored as no events)")
    if notes:
        out.print("[yellow]" + "; ".join(notes) + "[/yellow]", highlight=False)
    if "typed" in s:
        _typed(s["typed"])
    if "penta" in s:
        _penta(s["penta"])
    if "article" in s:
        _article(s["article"])


def _f(x: float) -> str:
    return f"{x:.3f}"


def _typed(t: dict[str, Any]) -> None:
    out.rule("typed gold")
    pairs, ev, dy, src = t["pairs"], t["events_type"], t["events_dyad"], t["source_country"]
    out.print(f"{t['docs']} texts, {t['gold_events']} gold events, {t['pred_events']} predicted", highlight=False)
    table = Table("score", "P", "R", "F1", "counts", header_style="bold", box=None)
    table.add_row("[bold](text, type) micro[/bold]", _f(pairs["micro"]["p"]), _f(pairs["micro"]["r"]),
                  f"[bold]{_f(pairs['micro']['f1'])}[/bold]", f"tp {pairs['tp']}, gold {pairs['gold']}, pred {pairs['pred']}")  # fmt: skip
    table.add_row("(text, type) macro", _f(pairs["macro"]["p"]), _f(pairs["macro"]["r"]), _f(pairs["macro"]["f1"]), "")
    table.add_row("events, type", _f(ev["p"]), _f(ev["r"]), _f(ev["f1"]),
                  f"pred matched {ev['pred_matched']}, gold matched {ev['gold_matched']}")  # fmt: skip
    table.add_row("events, type + dyad", _f(dy["p"]), _f(dy["r"]), _f(dy["f1"]),
                  f"pred matched {dy['pred_matched']}, gold matched {dy['gold_matched']}")  # fmt: skip
    out.print(table)
    out.print(f"dyad accuracy {_f(t['dyad_accuracy'])} (gold events found with type and dyad); "
              f"{_f(t['dyad_given_type'])} of those whose type was found", highlight=False)  # fmt: skip
    out.print(f"source-country accuracy {_f(src['accuracy'])} ({src['correct']}/{src['n']} type-matched gold events that name one)",
              highlight=False)  # fmt: skip
    per = Table("type", "gold", "pred", "tp", "P", "R", "F1", header_style="bold")
    for typ, v in t["per_type"].items():
        per.add_row(typ, str(v["gold"]), str(v["pred"]), str(v["tp"]), _f(v["p"]), _f(v["r"]), _f(v["f1"]))
    out.print(per)
    _confusion(t["confusion"], "types: most confident event per text (rows gold, columns predicted)", short=SHORT)


def _penta(p: dict[str, Any]) -> None:
    out.rule("penta gold (five classes)")
    out.print(f"{p['docs']} texts: accuracy [bold]{_f(p['accuracy'])}[/bold], macro-F1 [bold]{_f(p['macro_f1'])}[/bold]"
              f"  ({p['docs_without_pred']} texts without a predicted event count as class 0)", highlight=False)  # fmt: skip
    _confusion(p["confusion"], "rows gold, columns predicted", per_class=p["per_class"], names=PENTA_NAMES)
    for side, who in (("source_span", "actors vs gold source"), ("target_span", "recipients vs gold target")):
        v = p[side]
        if v["docs"]:
            out.print(f"span overlap, {who}: [bold]{_f(v['overlap'])}[/bold] ({v['overlap_hits']}/{v['docs']} texts, "
                      f"overlap coefficient >= 0.5); Dice >= 0.5: {_f(v['dice'])}", highlight=False)  # fmt: skip


# column heads for the 17-label type confusion, so it fits a terminal
SHORT = {
    "AGREE": "AGR", "CONSULT": "CNS", "SUPPORT": "SUP", "CONCEDE": "CNC", "COOPERATE": "COP", "AID": "AID",
    "RETREAT": "RET", "REQUEST": "REQ", "ACCUSE": "ACC", "REJECT": "REJ", "THREATEN": "THR", "PROTEST": "PRO",
    "SANCTION": "SAN", "MOBILIZE": "MOB", "COERCE": "COE", "ASSAULT": "ASL", "NONE": "-",
}  # fmt: skip


def _confusion(conf: dict[str, Any], caption: str, short: dict[str, str] | None = None,
               per_class: dict | None = None, names: list[str] | None = None) -> None:  # fmt: skip
    labels, matrix = conf["labels"], conf["matrix"]
    heads = [short.get(label, label) for label in labels] if short else labels
    rows = [f"{h} {n}" for h, n in zip(heads, names, strict=True)] if names else [f"{label}" for label in labels]
    table = Table("gold\\pred", *heads, "n", header_style="bold", caption=caption)
    if short:
        table.box, table.padding = None, (0, 1)
    if per_class is not None:
        for col in ("P", "R", "F1"):
            table.add_column(col)
    for label, name, row in zip(labels, rows, matrix, strict=True):
        if not sum(row) and not any(r[labels.index(label)] for r in matrix):
            continue  # a class nobody used
        cells = [f"[bold green]{v}[/bold green]" if j == labels.index(label) and v else str(v or ".")
                 for j, v in enumerate(row)]  # fmt: skip
        extra = []
        if per_class is not None:
            v = per_class.get(label, {"p": 0.0, "r": 0.0, "f1": 0.0})
            extra = [_f(v["p"]), _f(v["r"]), _f(v["f1"])]
        table.add_row(name, *cells, str(sum(row)), *extra)
    out.print(table)


def _article(a: dict[str, Any]) -> None:
    for art in a["articles"]:
        out.rule(f"article {art['id']}")
        table = Table("item", "type", "countries", "anchor", "found", "sub-checks", header_style="bold", box=None)
        for it in art["items"]:
            arrow = "<->" if it["unordered"] else "->"
            found = (
                "[green]FOUND[/green]" if it["found"] else ("[red]missing[/red]" if it["kind"] == "required" else "-")
            )
            checks = " ".join(f"{k} {'ok' if v else '[red]fail[/red]'}" for k, v in it.get("subchecks", {}).items())
            table.add_row(f"{it['id']} {it['kind'][:3]}", "/".join(it["types"]),
                          f"{it['source'] or '*'}{arrow}{it['target'] or '*'}", repr(it["anchor"]), found, checks)  # fmt: skip
        out.print(table)
        for rule in art["forbidden"]:
            what = [f"{'/'.join(rule['types'] or ['any event'])}"]
            if rule["anchor"]:
                what.append(f"on {rule['anchor']!r}")
            if rule["countries_not_in"]:
                what.append(f"with a country outside {','.join(rule['countries_not_in'])}")
            why = f" [red]({rule['why']})[/red]" if rule["hits"] and rule["why"] else ""
            out.print(f"{rule['id']} forbidden {' '.join(what)}: {rule['hits']} hit(s){why}", highlight=False)
        for label, events in (("forbidden", art["forbidden_events"]), ("extra", art["extra_events"])):
            for ev in events:
                who = f"{','.join(ev['actors']) or '?'}->{','.join(ev['recipients']) or '?'}"
                out.print(
                    f"  {label}: {ev['event']} {who} {ev['trigger']!r}: {(ev['text'] or '')[:100]}", highlight=False
                )
        out.print(f"[bold]required found {art['required_found']}/{art['required_total']}, forbidden hits "
                  f"{art['forbidden_hits']} (distinct events), extras {art['extras']}[/bold]  "
                  f"(sub-checks {art['subchecks_passed']}/{art['subchecks_total']}, "
                  f"optional found {art['optional_found']}/{art['optional_total']})", highlight=False)  # fmt: skip
    if a["docs"] > 1:
        out.print(f"[bold]all articles: required found {a['required_found']}/{a['required_total']}, forbidden hits "
                  f"{a['forbidden_hits']}, extras {a['extras']}[/bold]", highlight=False)  # fmt: skip
