"""Accuracy of the coder, through the project's own scorer (`eventwire.evaluate`, the engine of `eventwire eval`).

    .venv/bin/python bench/accuracy.py [--gold-dir ../shared/gold] [--out bench/out] [--model full|fast|none]

Scores three gold sets, when present:
  held-out   the test split of the project's training corpus (classify/corpus, `corpus.split(text) == "test"`),
             written as typed gold: PLOVER micro/macro F1, dyad and source-country accuracy;
  dev        dev-conflibert-train.jsonl (penta gold; a yardstick only, never training data):
             five-class accuracy and macro-F1, actor-span overlap;
  seed       seed-article.json (article gold): required found, forbidden hits, extras.
Writes the gold it built, the predictions, the confusion PNGs and a JSON summary to --out.
Prints numbers next to the issue's targets; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.evaluate import Gold, code_gold, load_gold, plot_confusions, score
from eventwire.pipeline import Options

ROOT = Path(__file__).resolve().parents[1]
NON_EVENTS = {"NONE", "STATEMENT"}
console = Console()


def heldout_gold(path: Path) -> Path:
    """Write the corpus's test split as typed gold: one record per sentence, no events for non-events."""
    from eventwire.classify.corpus import load

    examples = load("test")
    with path.open("w", encoding="utf-8") as fh:
        for ex in examples:
            events = [] if ex.event in NON_EVENTS else [{"type": ex.event, "source": ex.source, "target": ex.target}]
            gid = "heldout-" + hashlib.sha1(ex.text.encode("utf-8")).hexdigest()[:12]
            fh.write(json.dumps({"id": gid, "text": ex.text, "events": events, "label": ex.event}) + "\n")
    return path


def run(name: str, gold_path: Path, out: Path, model: str) -> dict[str, Any]:
    golds: list[Gold] = load_gold(gold_path)
    columns = (TextColumn(f"coding {name}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(name, total=len(golds))
        coded = code_gold(golds, lambda n: progress.advance(task, n), Options(model=model))
    seconds = time.perf_counter() - started
    with (out / f"{name}-pred.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in coded.records)
    summary = {"gold": str(gold_path), "seconds": round(seconds, 1), **score(golds, coded.preds)}
    summary["coding_errors"] = [{"id": i, "error": m} for i, m in coded.errors]
    if plot_confusions(summary, out / f"{name}-confusion.png", title=f"{name}: {gold_path.name}"):
        summary["plot"] = str(out / f"{name}-confusion.png")
    console.print(f"{name}: {len(golds)} texts coded in {seconds:.1f}s, {len(coded.preds)} events, "
                  f"{len(coded.errors)} coding errors", highlight=False)  # fmt: skip
    return summary


def headline(results: dict[str, dict[str, Any]]) -> Table:
    table = Table("gold", "measure", "value", "target", header_style="bold")

    def row(gold: str, measure: str, value: str, target: str = "", ok: bool | None = None) -> None:
        mark = "" if ok is None else " [green]met[/green]" if ok else " [red]not met[/red]"
        table.add_row(gold, measure, value + mark, target)

    if t := results.get("heldout", {}).get("typed"):
        micro, macro = t["pairs"]["micro"], t["pairs"]["macro"]
        row("held-out", "PLOVER micro F1 (P / R)", f"{micro['f1']:.3f} ({micro['p']:.3f} / {micro['r']:.3f})",
            ">= 0.85", micro["f1"] >= 0.85)  # fmt: skip
        row("held-out", "PLOVER macro F1", f"{macro['f1']:.3f}")
        row(
            "held-out",
            "event-level F1, type / type + dyad",
            f"{t['events_type']['f1']:.3f} / {t['events_dyad']['f1']:.3f}",
        )
        row("held-out", "dyad accuracy (of gold events; of type-matched)",
            f"{t['dyad_accuracy']:.3f}; {t['dyad_given_type']:.3f}")  # fmt: skip
        row("held-out", "source-country accuracy", f"{t['source_country']['accuracy']:.3f}")
    if p := results.get("dev", {}).get("penta"):
        row("dev-conflibert", "five-class macro-F1", f"{p['macro_f1']:.3f}", ">= 0.88", p["macro_f1"] >= 0.88)
        row("dev-conflibert", "five-class accuracy", f"{p['accuracy']:.3f}")
        row("dev-conflibert", "span overlap, source / target",
            f"{p['source_span']['overlap']:.3f} / {p['target_span']['overlap']:.3f}")  # fmt: skip
    if a := results.get("seed", {}).get("article"):
        ok = a["required_found"] == a["required_total"] and a["forbidden_hits"] == 0 and a["extras"] <= 3
        row("seed article", "required / forbidden / extras",
            f"{a['required_found']}/{a['required_total']} / {a['forbidden_hits']} / {a['extras']}",
            "5/5 / 0 / <= 3", ok)  # fmt: skip
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold-dir", type=Path, default=ROOT.parent / "shared" / "gold")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--model", choices=("full", "fast", "none"), default="full", help="sentence model setting")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    sets = {"heldout": heldout_gold(args.out / "heldout-gold.jsonl")}
    for name, file in (("dev", "dev-conflibert-train.jsonl"), ("seed", "seed-article.json")):
        if (args.gold_dir / file).exists():
            sets[name] = args.gold_dir / file
        else:
            console.print(f"[yellow]skipped {name}[/yellow]: no {args.gold_dir / file}", highlight=False)
    results = {name: run(name, path, args.out, args.model) for name, path in sets.items()}
    (args.out / "accuracy.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    console.print(headline(results))
    if t := results["heldout"].get("typed"):
        per = Table("held-out type", "gold", "pred", "P", "R", "F1", header_style="bold", box=None)
        for typ, v in t["per_type"].items():
            per.add_row(typ, str(v["gold"]), str(v["pred"]), f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f1']:.3f}")
        console.print(per)
    console.print(f"confusion PNGs, predictions and accuracy.json in {args.out}", highlight=False)


if __name__ == "__main__":
    main()
