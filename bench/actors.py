"""Who, where, when: actor codes, places and dates, measured against gold.

    .venv/bin/python bench/actors.py [--gold bench/data/actors-gold.jsonl] [--shared ../shared/gold]
                                     [--worst 15] [--out bench/out] [--json]

Three parts, each run when its gold is present:
  actors  bench/data/actors-gold.jsonl, the project's own news sentences (written for this bench, see
          below) with gold actor codes, spans, places and dates. Reports source-country, source-sector and
          target-country accuracy, place within 50 km, date accuracy and source-span overlap.
  dev     ../shared/gold/dev-conflibert-train.jsonl (penta gold): source/target span overlap, the rule of
          shared/tools/eventscore.py (a doc counts when some predicted actor text has an overlap
          coefficient >= 0.5 with some gold span, over lower-cased content tokens; Dice >= 0.5 beside it),
          with the default options and again with --statements (the dev gold codes statements as events).
  seed    ../shared/gold/seed-article.json: the talks within 50 km of Seoul, the budget request carrying
          8.2 percent, the meeting events dated 2025-11-04.
Prints a table of numbers and the worst misses on the project set; writes every miss to
--out/actors-misses.jsonl. Asserts nothing: targets are printed next to the numbers.

Matching rule (project set). Each gold event names an `anchor`, a phrase of its predicate, which places
it in a sentence. A gold event is matched, one to one and in gold order, to an unused predicted event of
the same type whose sentence (text_info start..end) contains the anchor; failing that, to an unused
predicted event of any type in that sentence (so actor, place and date resolution are measured even when
the classifier picked another type). The trigger nearest the anchor wins a tie. Accuracies are over
matched gold events; "over all" counts unmatched gold events as wrong.

Checks per matched gold event:
  source country  the gold source's country (first 3 letters of its code) is among the actor countries;
                  for CONSULT, AGREE and COOPERATE (reciprocal), and for gold events marked "mutual" (a
                  joint subject: "Macron and Tusk signed", "both countries agreed"), among actor +
                  recipient countries.
  source sector   the predicted entity standing for the gold source (best span overlap with source_text,
                  then country agreement) has the gold code's first sector as its `sector` (both empty
                  counts as right: "Russia" is RUS with no sector). "all sectors" compares the sets.
                  A predicted IGO/NGO sector is dropped first: an organisation's code (UNO, NAT, IAE...)
                  already says it, and the gold writes it without.
  target country  only where the gold has a target: its country is among the recipient countries
                  (reciprocal types: actor + recipient countries, both gold countries present).
  place           only where the gold has a place: a city within 50 km of the predicted event_loc; a
                  province, country, reef... has no meaningful point, so there the country code must agree.
  date            the predicted date equals the gold date. Gold dates resolve the text against the
                  publication date: a weekday is the latest such day on or before it, "yesterday" is one
                  day before, "last week" seven days before; an undated event has the publication date.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.evaluate import content_tokens as span_tokens  # noqa: F401  (the shared scorer's rule)
from eventwire.evaluate import span_overlap

ROOT = Path(__file__).resolve().parents[1]
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
IMPLIED_SECTORS = {"IGO", "NGO"}
SEOUL = (37.566, 126.978)
console = Console(width=None if Console().is_terminal else 160)


# ---------------------------------------------------------------- scoring helpers (tested)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def country_of(code: str | None) -> str | None:
    return code[:3] if code else None


def sectors_of(code: str | None) -> list[str]:
    """The 3-letter sector chunks after the country: "USAGOVMIL" -> ["GOV", "MIL"]."""
    return [code[i : i + 3] for i in range(3, len(code), 3)] if code else []


def countries(entities: Iterable[dict[str, Any]]) -> list[str]:
    out = []
    for e in entities:
        c = e.get("country") or country_of(e.get("code"))
        if c:
            out.append(c)
    return out


@dataclass
class Match:
    gold: dict[str, Any]
    pred: dict[str, Any] | None
    how: str  # "type" (same type, same sentence), "sentence" (other type, same sentence), "none"


def match_events(text: str, golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[Match]:
    """One-to-one matching of a record's gold events to predicted event records (see the module doc)."""
    used: set[int] = set()
    found: dict[int, Match] = {}
    for same_type in (True, False):
        for gi, g in enumerate(golds):
            if gi in found:
                continue
            at = text.find(g["anchor"])
            best: tuple[int, int] | None = None
            for pi, p in enumerate(preds):
                info = p.get("text_info") or {}
                if pi in used or not (info.get("start", -1) <= at < info.get("end", -1)):
                    continue
                if same_type and p.get("event") != g["type"]:
                    continue
                dist = abs(info.get("trigger_start", info["start"]) - at)
                if best is None or dist < best[0]:
                    best = (dist, pi)
            if best is not None:
                used.add(best[1])
                found[gi] = Match(g, preds[best[1]], "type" if same_type else "sentence")
    return [found.get(gi) or Match(g, None, "none") for gi, g in enumerate(golds)]


def _standing_for(span: str, country: str | None, entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The predicted entity that stands for a gold actor: best span overlap, then country agreement."""
    if not entities:
        return None
    return max(entities, key=lambda e: (span_overlap(span, e.get("text") or "")[0],
                                        (e.get("country") or country_of(e.get("code"))) == country))  # fmt: skip


@dataclass
class Checks:
    """The outcome of each check for one gold event; None where the check does not apply."""

    source_country: bool | None = None
    source_sector: bool | None = None
    source_sectors_all: bool | None = None
    target_country: bool | None = None
    place: bool | None = None
    place_country: bool | None = None
    place_km: float | None = None
    spurious_place: bool | None = None
    date: bool | None = None
    date_source: bool | None = None
    source_span: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        names = ("source_country", "source_sector", "target_country", "place", "date")
        return [n for n in names if getattr(self, n) is False]


def check(m: Match) -> Checks:
    g, p = m.gold, m.pred
    c = Checks()
    if p is None:
        return c
    actors, recipients = p.get("actor") or [], p.get("recipient") or []
    reciprocal = g["type"] in RECIPROCAL or bool(g.get("mutual"))
    src_side = actors + recipients if reciprocal else actors
    src_c, tgt_c = country_of(g["source"]), country_of(g.get("target"))
    c.source_country = src_c in countries(src_side)
    ent = _standing_for(g["source_text"], src_c, src_side)
    want = sectors_of(g["source"])
    got = (
        [s for s in [ent.get("sector"), *(ent.get("other_sectors") or [])] if s and s not in IMPLIED_SECTORS]
        if ent
        else []
    )
    c.source_sector = (want[0] if want else None) == (got[0] if got else None) if ent else False
    c.source_sectors_all = set(want) == set(got) if ent else False
    c.source_span = any(span_overlap(g["source_text"], e.get("text") or "")[0] >= 0.5 for e in src_side)
    if tgt_c:
        if reciprocal:
            need = Counter(x for x in (src_c, tgt_c) if x)
            have = Counter(countries(actors + recipients))
            c.target_country = all(have[k] >= n for k, n in need.items())
        else:
            c.target_country = tgt_c in countries(recipients)
    loc = p.get("event_loc") or None
    place = g.get("place")
    if place:
        have_point = loc is not None and loc.get("lat") is not None and loc.get("lon") is not None
        c.place_country = loc is not None and loc.get("country_code") == place.get("country")
        if have_point:
            c.place_km = haversine_km(place["lat"], place["lon"], loc["lat"], loc["lon"])
        c.place = (c.place_km is not None and c.place_km <= 50) if place.get("feature") == "city" else c.place_country
    else:
        c.spurious_place = loc is not None
    c.date = p.get("date") == g["date"]
    c.date_source = p.get("date_source") == g["date_source"]
    return c


def rate(values: Iterable[bool | None]) -> tuple[int, int]:
    vs = [v for v in values if v is not None]
    return sum(vs), len(vs)


# ---------------------------------------------------------------- running the pipeline


def code(records: list[dict[str, Any]], label: str,
         statements: bool = False) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:  # fmt: skip
    """Code records in-process as `eventwire code [--statements]` would: {record id: event records}, and errors."""
    from eventwire.model import Article
    from eventwire.pipeline import Options, code_many

    arts = (Article(text=r["text"], id=r["id"], date=date.fromisoformat(r["date"]) if r.get("date") else None)
            for r in records)  # fmt: skip
    by_doc: dict[str, list[dict[str, Any]]] = {}
    errors: list[str] = []
    columns = (TextColumn(f"coding {label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=len(records))
        for coded in code_many(arts, Options(statements=statements)):
            assert coded.article is not None
            if coded.error:
                errors.append(f"{coded.article.id}: {coded.error}")
            by_doc[coded.article.id] = [ev.to_dict() for ev in coded.events]
            progress.advance(task)
    return by_doc, errors


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON ({exc})") from exc
    return out


# ---------------------------------------------------------------- the three parts


def project_set(path: Path, worst: int, out: Path) -> dict[str, Any]:
    records = read_jsonl(path)
    by_doc, errors = code(records, "project set")
    rows: list[tuple[dict[str, Any], Match, Checks]] = []
    for r in records:
        for m in match_events(r["text"], r["events"], by_doc.get(r["id"], [])):
            rows.append((r, m, check(m)))
    matched = [(r, m, c) for r, m, c in rows if m.pred is not None]
    hows = Counter(m.how for _, m, _ in rows)

    def metric(name: str) -> dict[str, Any]:
        hit, n = rate(getattr(c, name) for _, _, c in matched)
        return {"hits": hit, "n": n, "rate": round(hit / n, 4) if n else None}

    summary: dict[str, Any] = {
        "gold": str(path), "records": len(records), "gold_events": len(rows),
        "matched_by_type": hows["type"], "matched_by_sentence": hows["sentence"], "unmatched": hows["none"],
        "coding_errors": errors,
    }  # fmt: skip
    for name in ("source_country", "source_sector", "source_sectors_all", "target_country", "place",
                 "place_country", "date", "date_source", "source_span", "spurious_place"):  # fmt: skip
        summary[name] = metric(name)
    sc = summary["source_country"]
    summary["source_country"]["over_all"] = round(sc["hits"] / len(rows), 4) if rows else None

    misses = []
    for r, m, c in rows:
        failed = ["matched"] if m.pred is None else c.failed
        if not failed:
            continue
        p = m.pred or {}
        loc = p.get("event_loc") or {}
        misses.append({
            "id": r["id"], "anchor": m.gold["anchor"], "failed": failed, "match": m.how,
            "gold": {k: m.gold[k] for k in ("type", "source", "source_text", "target", "target_text", "date")}
            | {"place": (m.gold.get("place") or {}).get("name")},
            "pred": None if m.pred is None else {
                "type": p.get("event"),
                "actor": [(e.get("text"), e.get("code")) for e in p.get("actor") or []],
                "recipient": [(e.get("text"), e.get("code")) for e in p.get("recipient") or []],
                "place": loc.get("name"), "place_km": None if c.place_km is None else round(c.place_km),
                "date": p.get("date"), "date_source": p.get("date_source"),
            },
            "text": r["text"],
            "all_pred": [(e.get("event"), e.get("event_text")) for e in by_doc.get(r["id"], [])],
        })  # fmt: skip
    # worst first among the events that were found (resolution errors, the point of this bench): most
    # failed checks, a wrong source country first; events with nothing predicted in their sentence last
    misses.sort(key=lambda x: ("matched" in x["failed"], -len(x["failed"]), "source_country" not in x["failed"]))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "actors-misses.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(x, ensure_ascii=False) + "\n" for x in misses)
    summary["misses"] = len(misses)
    summary["unmatched_ids"] = [x["id"] for x in misses if "matched" in x["failed"]]
    summary["worst"] = misses[:worst]
    return summary


def dev_spans(path: Path, statements: bool = False) -> dict[str, Any]:
    records = read_jsonl(path)
    by_doc, errors = code(records, "dev-conflibert", statements)
    out: dict[str, Any] = {"gold": str(path), "docs": len(records), "coding_errors": len(errors)}
    for side, gkey, pkey in (("source", "source_text", "actor"), ("target", "target_text", "recipient")):
        n = ov = dice = 0
        for r in records:
            spans = {e.get(gkey) for e in r.get("events") or [] if isinstance(e, dict) and e.get(gkey)}
            if not spans:
                continue
            n += 1
            texts = [e["text"] for p in by_doc.get(r["id"], []) for e in p.get(pkey) or [] if e.get("text")]
            scores = [span_overlap(s, t) for s in spans for t in texts]
            ov += any(o >= 0.5 for o, _ in scores)
            dice += any(d >= 0.5 for _, d in scores)
        out[side] = {"docs": n, "overlap": round(ov / n, 4) if n else None, "dice": round(dice / n, 4) if n else None,
                     "overlap_hits": ov, "dice_hits": dice}  # fmt: skip
    return out


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower()
    return " ".join(s.split())


def seed_checks(path: Path) -> dict[str, Any]:
    seed = json.loads(path.read_text(encoding="utf-8"))
    by_doc, errors = code([seed], "seed article")
    events = by_doc.get(seed["id"], [])

    def at(anchor: str, types: set[str] | None = None) -> list[dict[str, Any]]:
        return [e for e in events if _norm(anchor) in _norm(e.get("text") or "") and (not types or e["event"] in types)]

    talks = at("annual security discussions", {"CONSULT"})
    kms = [round(haversine_km(*SEOUL, e["event_loc"]["lat"], e["event_loc"]["lon"]), 1)
           for e in talks if e.get("event_loc") and e["event_loc"].get("lat") is not None]  # fmt: skip
    budget = at("urged lawmakers", {"REQUEST"})
    qty = [(q.get("value"), q.get("unit")) for e in budget for q in e.get("quantities") or []]
    meeting = {a: [e.get("date") for e in at(a)] for a in
               ("praised South Korea", "annual security discussions", "agreed to demonstrate")}  # fmt: skip
    dated = [d for ds in meeting.values() for d in ds]
    return {
        "talks_within_50km_of_seoul": any(k <= 50 for k in kms), "talks_km": kms, "talks_events": len(talks),
        "budget_8_2_percent": any(v == 8.2 and u in ("percent", "%") for v, u in qty), "budget_quantities": qty,
        "meeting_dated_2025_11_04": bool(dated) and all(d == "2025-11-04" for d in dated), "meeting_dates": meeting,
        "coding_errors": errors,
    }  # fmt: skip


# ---------------------------------------------------------------- report


def _fmt(m: dict[str, Any] | None) -> str:
    if not m or m.get("rate") is None:
        return "-"
    return f"{m['rate']:.3f}  ({m['hits']}/{m['n']})"


def render(summary: dict[str, Any], worst: int) -> None:
    t = Table(title="who, where, when", show_lines=False)
    t.add_column("set")
    t.add_column("measure")
    t.add_column("value", justify="right", max_width=70)
    t.add_column("target", justify="right")
    p = summary.get("actors")
    if p:
        t.add_row("project", "gold events (records)", f"{p['gold_events']} ({p['records']})", "")
        t.add_row("project", "matched by type / other type / not", f"{p['matched_by_type']} / "
                  f"{p['matched_by_sentence']} / {p['unmatched']}", "")  # fmt: skip
        t.add_row("project", "source-country accuracy", _fmt(p["source_country"]), ">= 0.92")
        t.add_row("project", "  over all gold events", f"{p['source_country']['over_all']:.3f}", "")
        t.add_row("project", "source-sector accuracy (first sector)", _fmt(p["source_sector"]), "")
        t.add_row("project", "  all sectors equal", _fmt(p["source_sectors_all"]), "")
        t.add_row("project", "target-country accuracy", _fmt(p["target_country"]), "")
        t.add_row("project", "place within 50 km (city) / country (other)", _fmt(p["place"]), ">= 0.9")
        t.add_row("project", "  place country correct", _fmt(p["place_country"]), "")
        t.add_row("project", "  place given where gold has none", _fmt(p["spurious_place"]), "")
        t.add_row("project", "date accuracy", _fmt(p["date"]), "")
        t.add_row("project", "  date_source agrees", _fmt(p["date_source"]), "")
        t.add_row("project", "source-span overlap (matched events)", _fmt(p["source_span"]), "")
        if p["coding_errors"]:
            t.add_row("project", "coding errors", str(len(p["coding_errors"])), "0")
    for key, how in (("dev", ""), ("dev_statements", ", with --statements")):
        for side in ("source", "target") if summary.get(key) else ():
            s = summary[key][side]
            t.add_row("dev-conflibert", f"{side}-span overlap (Dice){how}",
                      f"{s['overlap']:.3f} ({s['dice']:.3f})  {s['overlap_hits']}/{s['docs']}",
                      ">= 0.85" if side == "source" else "")  # fmt: skip
    s = summary.get("seed")
    if s:
        yes = {True: "[green]yes[/]", False: "[red]no[/]"}
        t.add_row(
            "seed", "talks within 50 km of Seoul", f"{yes[s['talks_within_50km_of_seoul']]} {s['talks_km']}", "yes"
        )
        t.add_row("seed", "budget request carries 8.2 percent",
                  f"{yes[s['budget_8_2_percent']]} {s['budget_quantities']}", "yes")  # fmt: skip
        dates = "; ".join(f"{a}: {ds}" for a, ds in s["meeting_dates"].items())
        t.add_row("seed", "meeting events dated 2025-11-04", f"{yes[s['meeting_dated_2025_11_04']]} {dates}", "yes")
    console.print(t)
    if p and p["worst"]:
        w = Table(
            title=f"{min(worst, len(p['worst']))} worst misses of {p['misses']} (all in bench/out/actors-misses.jsonl)"
        )
        for col in ("id", "failed", "gold", "predicted"):
            w.add_column(col, overflow="fold")
        for x in p["worst"]:
            g, pr = x["gold"], x["pred"]
            gold = (f"{g['type']} {g['source']} '{g['source_text']}' -> {g['target']} | "
                    f"{g['place']} | {g['date']}")  # fmt: skip
            if pr is None:
                pred = f"nothing in the sentence; doc has {x['all_pred']}"
            else:
                km = "" if pr["place_km"] is None else f" ({pr['place_km']} km)"
                pred = (f"{pr['type']} {pr['actor']} -> {pr['recipient']} | {pr['place']}{km}"
                        f" | {pr['date']} ({pr['date_source']})")  # fmt: skip
            w.add_row(x["id"], ", ".join(x["failed"]), gold, pred)
        console.print(w)
    if p and p["unmatched_ids"]:
        console.print(
            f"no predicted event in the sentence of {len(p['unmatched_ids'])} gold events "
            f"(extraction/classification, not resolution): {', '.join(p['unmatched_ids'])}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 2)[2])  # fmt: skip
    ap.add_argument("--gold", type=Path, default=ROOT / "bench" / "data" / "actors-gold.jsonl",
                    help="the project set (JSONL of {id, text, date, events})")  # fmt: skip
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "gold",
                    help="folder with dev-conflibert-train.jsonl and seed-article.json (skipped when absent)")  # fmt: skip
    ap.add_argument("--worst", type=int, default=15, help="how many misses to print")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where actors-misses.jsonl goes")
    ap.add_argument("--json", action="store_true", help="also print the summary as one JSON line")
    args = ap.parse_args(argv)
    summary: dict[str, Any] = {}
    summary["actors"] = project_set(args.gold, args.worst, args.out)
    dev = args.shared / "dev-conflibert-train.jsonl"
    if dev.exists():
        summary["dev"] = dev_spans(dev)
        # the dev gold codes statements (CAMEO 01) as events; eventwire emits them only when asked
        summary["dev_statements"] = dev_spans(dev, statements=True)
    else:
        console.print(f"[yellow]{dev} not found: dev span overlap skipped[/]")
    seed = args.shared / "seed-article.json"
    if seed.exists():
        summary["seed"] = seed_checks(seed)
    else:
        console.print(f"[yellow]{seed} not found: seed checks skipped[/]")
    render(summary, args.worst)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "actors.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "worst"} for k, v in summary.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
