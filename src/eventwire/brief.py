"""A situation report for one country over a period: key events by theme, actors, a timeline chart and the
alerts, each line citing the articles it rests on (numbered sources at the end).

`build` gathers the facts from the store; `markdown` and `html` render them; `chart` draws the timeline
with matplotlib (SVG or PNG). A country's events are those where it is actor, recipient or place.
"""

from __future__ import annotations

import base64
import csv
import html as htmlib
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from eventwire import __version__, alerts
from eventwire.api import queries
from eventwire.api.queries import Filter, Reader

THEMES: list[tuple[str, frozenset[str]]] = [
    ("Force and coercion", frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})),
    ("Protest and unrest", frozenset({"PROTEST"})),
    ("Demands, accusations and threats", frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})),
    ("Diplomacy and agreements", frozenset({"CONSULT", "AGREE", "SUPPORT", "CONCEDE"})),
    ("Cooperation, aid and de-escalation", frozenset({"COOPERATE", "AID", "RETREAT"})),
    ("Statements", frozenset({"STATEMENT"})),
]
MAX_EVENTS = 5000  # events read for one report; the key events are the most reported of them


@cache
def country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    data = resources.files("eventwire.resolve") / "data"
    for fname, key in (("igos.tsv", "code"), ("countries.tsv", "iso3")):
        with (data / fname).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                names.setdefault(row[key], row["name"])
    return names


@dataclass
class Brief:
    country: str
    start: date
    end: date
    store: str
    total: int = 0
    articles: int = 0
    themes: list[tuple[str, int, list[dict[str, Any]]]] = field(default_factory=list)  # (theme, count, key events)
    actors: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    interval: str = "day"
    alert_settings: str = ""
    alerts: list[alerts.Alert] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)  # numbered in order of first citation
    cites: dict[str, list[int]] = field(default_factory=dict)  # event id -> source numbers

    @property
    def name(self) -> str:
        return country_names().get(self.country, self.country)

    def cite(self, *event_ids: str, most: int = 4) -> str:
        nums = sorted({n for e in event_ids for n in self.cites.get(e, [])})
        shown = "".join(f"[{n}]" for n in nums[:most])
        return shown + (f"[+{len(nums) - most}]" if len(nums) > most else "") if nums else "[no source stored]"

    def totals(self) -> dict[str, float]:
        coop = sum(r["count"] for r in self.timeline if r["quad_class"] in queries.COOPERATION)
        conf = sum(r["count"] for r in self.timeline if r["quad_class"] in queries.CONFLICT)
        return {
            "cooperation": coop,
            "conflict": conf,
            "goldstein": round(sum(r["goldstein"] or 0 for r in self.timeline), 1),
        }


def build(db: Reader, country: str, start: date, end: date, per_theme: int = 6, store: str = "") -> Brief:
    country = country.strip().upper()
    f = Filter(involving=country, start=start, end=end).validate()
    where, params = f.where()
    rows = db.rows(
        "SELECT id, date, event, cameo, quad_class, goldstein, actor_code, actor_text, recipient_code, recipient_text, "
        "place, num_mentions, num_articles, confidence, json_extract_string(record, '$.text') AS text, "
        f"json_extract_string(record, '$.cameo_name') AS cameo_name FROM events {where} "
        "ORDER BY num_articles DESC, abs(goldstein) DESC, confidence DESC, date, id LIMIT ?",
        [*params, MAX_EVENTS],
    )
    b = Brief(country, start, end, store, total=len(rows))
    b.interval = "day" if (end - start).days <= 62 else "week"
    b.timeline = queries.timeline(db, f, b.interval)["series"]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_type.setdefault(r["event"], []).append(r)
    shown: list[str] = []
    for theme, types in THEMES:
        members = sorted((r for t in types for r in by_type.get(t, [])),
                         key=lambda r: (-r["num_articles"], -abs(r["goldstein"] or 0), -r["confidence"], r["id"]))  # fmt: skip
        if members:
            key = sorted(members[:per_theme], key=lambda r: (r["date"] or date.min, r["id"]))
            b.themes.append((theme, len(members), key))
            shown += [r["id"] for r in key]
    b.actors = _actors(rows)
    for a in b.actors:
        shown += a["events"][:3]
    settings, b.alerts = alerts.find(db, alerts.Settings(as_of=end, country=country, evidence=3))
    b.alert_settings = settings.describe()
    for alert in b.alerts:
        shown += [e["id"] for e in alert.evidence]
    _cite(db, b, shown)
    b.articles = (db.one(f"SELECT count(DISTINCT m.article_id) AS n FROM mentions m JOIN events e ON e.id = m.event_id "
                         f"{f.where('e')[0]}", params) or {"n": 0})["n"]  # fmt: skip
    return b


def _actors(rows: list[dict[str, Any]], most: int = 12) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        for role in ("actor", "recipient"):
            code = r[f"{role}_code"]
            if not code:
                continue
            a = found.setdefault(code, {"code": code, "actor": 0, "recipient": 0, "names": [], "events": []})
            a[role] += 1
            text = r[f"{role}_text"]
            if text and text not in a["names"] and len(a["names"]) < 3:
                a["names"].append(text)
            a["events"].append(r["id"])
    return sorted(found.values(), key=lambda a: (-(a["actor"] + a["recipient"]), a["code"]))[:most]


def _cite(db: Reader, b: Brief, event_ids: list[str]) -> None:
    """Number the articles behind the cited events in order of first citation."""
    order = list(dict.fromkeys(event_ids))
    if not order:
        return
    rows = db.rows(
        "SELECT DISTINCT m.event_id, a.id, a.title, a.url, a.source, a.published FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE list_contains(?::VARCHAR[], m.event_id) "
        "ORDER BY a.published NULLS LAST, a.id",
        [order],
    )
    by_event: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_event.setdefault(r["event_id"], []).append(r)
    number: dict[str, int] = {}
    for eid in order:
        for art in by_event.get(eid, []):
            if art["id"] not in number:
                number[art["id"]] = len(number) + 1
                b.sources.append({k: art[k] for k in ("id", "title", "url", "source", "published")})
            b.cites.setdefault(eid, []).append(number[art["id"]])


def chart(b: Brief, fmt: str = "svg") -> bytes:
    """Cooperation (quad 1-2) above the axis, conflict (quad 3-4) below, per day or week."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    step = timedelta(days=1 if b.interval == "day" else 7)
    first = b.start if b.interval == "day" else b.start - timedelta(days=b.start.weekday())
    periods = []
    while first <= b.end:
        periods.append(first)
        first += step
    coop = dict.fromkeys(periods, 0)
    conf = dict.fromkeys(periods, 0)
    for r in b.timeline:
        target = (
            coop if r["quad_class"] in queries.COOPERATION else conf if r["quad_class"] in queries.CONFLICT else None
        )
        if target is not None and r["period"] in target:
            target[r["period"]] += r["count"]
    plt.rcParams["svg.hashsalt"] = "eventwire"  # stable ids: the same report renders the same file
    fig, ax = plt.subplots(figsize=(8, 2.8), dpi=100)
    width = 0.8 * step.days
    xs = mdates.date2num(periods)
    ax.bar(xs, [coop[p] for p in periods], width=width, color="#2e7d5b", label="cooperation (quad 1-2)")
    ax.bar(xs, [-conf[p] for p in periods], width=width, color="#c0392b", label="conflict (quad 3-4)")
    ax.axhline(0, color="#333", linewidth=0.8)
    ax.set_ylabel(f"events per {b.interval}")
    ax.set_title(f"{b.name}: cooperation vs conflict, {b.start} to {b.end}", fontsize=10)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{abs(v):g}"))
    ax.xaxis_date()
    fig.autofmt_xdate()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return buf.getvalue()


def _event_line(b: Brief, r: dict[str, Any]) -> tuple[str, str, str]:
    """(who -> whom, what, evidence) for one event."""
    who = f"{r['actor_code'] or '?'} → {r['recipient_code'] or '?'}"
    what = f"{r['event']} ({r['cameo']} {r['cameo_name'] or ''})".replace(" )", ")")
    text = " ".join((r["text"] or "").split())
    return who, what, text if len(text) <= 240 else text[:237] + "…"


def _alert_lines(b: Brief) -> list[str]:
    out = []
    for a in b.alerts:
        ev = ", ".join(
            f"{e['date']} {e['event']} {e['actor_code'] or '?'}→{e['recipient_code'] or '?'}" for e in a.evidence
        )
        out.append(f"{a.headline()}. Evidence: {ev} {b.cite(*[e['id'] for e in a.evidence])}")
    return out


def markdown(b: Brief, chart_file: str | None = None) -> str:
    t = b.totals()
    lines = [
        f"# Situation report: {b.name} ({b.country})",
        "",
        f"Period {b.start} to {b.end} · store `{b.store}` · eventwire {__version__}",
        "",
        f"{b.total} events from {b.articles} article{'s' if b.articles != 1 else ''}: {t['cooperation']} cooperative, {t['conflict']} conflictual, "
        f"net Goldstein {t['goldstein']:+g} (sources: the articles listed under Sources).",
        "",
        "## Timeline",
        "",
    ]
    if chart_file:
        lines += [f"![{b.name}: cooperation vs conflict]({chart_file})", ""]
    lines += [f"Events per {b.interval}: cooperation above the line, conflict below (source: the {b.total} events "
              "counted above).", ""]  # fmt: skip
    lines += ["## Alerts", "", f"Method: {b.alert_settings}.", ""]
    lines += [f"- {line}" for line in _alert_lines(b)] or ["- No conflict spike for this country or its dyads."]
    lines += ["", "## Key events by theme", ""]
    if not b.themes:
        lines += ["No events in this period.", ""]
    for theme, count, rows in b.themes:
        lines += [f"### {theme} ({count} event{'s' if count != 1 else ''}, {len(rows)} shown)", ""]
        for r in rows:
            who, what, text = _event_line(b, r)
            lines.append(f"- **{r['date'] or 'undated'}** {who} · {what}: “{text}” {b.cite(r['id'])}")
        lines.append("")
    lines += ["## Actors involved", ""]
    for a in b.actors:
        names = "; ".join(a["names"])
        lines.append(f"- **{a['code']}** ({names}): {a['actor']} as actor, {a['recipient']} as recipient "
                     f"{b.cite(*a['events'][:3])}")  # fmt: skip
    lines += ["", "## Sources", ""]
    for i, s in enumerate(b.sources, 1):
        url = f" <{s['url']}>" if s["url"] else ""
        lines.append(f"{i}. {s['title'] or '(untitled)'}, {s['source'] or 'unknown outlet'}, "
                     f"{s['published'] or 'undated'}.{url} (article `{s['id']}`)")  # fmt: skip
    return "\n".join(lines) + "\n"


CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:58rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem}h2{border-bottom:1px solid #d6dbe3;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#5b6573}.cite{color:#2457a6;font-size:.85em;white-space:nowrap}q{font-style:italic}
li{margin:.35rem 0}.chart svg,.chart img{max-width:100%;height:auto}code{font-size:.85em}"""


def html(b: Brief, chart_bytes: bytes | None = None, chart_fmt: str = "svg") -> str:
    e = htmlib.escape
    t = b.totals()

    def cite(*ids: str) -> str:
        return f'<span class="cite">{e(b.cite(*ids))}</span>'

    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Situation report: {e(b.name)}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>Situation report: {e(b.name)} ({e(b.country)})</h1>",
             f"<p class='meta'>Period {b.start} to {b.end} · store <code>{e(b.store)}</code> · eventwire {__version__}</p>",
             f"<p>{b.total} events from {b.articles} article{'s' if b.articles != 1 else ''}: {t['cooperation']} cooperative, {t['conflict']} "
             f"conflictual, net Goldstein {t['goldstein']:+g} (sources: the articles listed under Sources).</p>",
             "<h2>Timeline</h2>"]  # fmt: skip
    if chart_bytes:
        if chart_fmt == "svg":
            svg = chart_bytes.decode("utf-8")
            parts.append(f"<div class='chart'>{svg[svg.find('<svg') :]}</div>")
        else:
            data = base64.b64encode(chart_bytes).decode()
            parts.append(f"<div class='chart'><img alt='timeline' src='data:image/png;base64,{data}'></div>")
    parts.append(f"<p>Events per {b.interval}: cooperation above the line, conflict below (source: the {b.total} "
                 "events counted above).</p>")  # fmt: skip
    parts += ["<h2>Alerts</h2>", f"<p class='meta'>Method: {e(b.alert_settings)}.</p><ul>"]
    for a in b.alerts:
        ev = ", ".join(
            f"{x['date']} {x['event']} {x['actor_code'] or '?'}→{x['recipient_code'] or '?'}" for x in a.evidence
        )
        parts.append(f"<li>{e(a.headline())}. Evidence: {e(ev)} {cite(*[x['id'] for x in a.evidence])}</li>")
    if not b.alerts:
        parts.append("<li>No conflict spike for this country or its dyads.</li>")
    parts += ["</ul>", "<h2>Key events by theme</h2>"]
    if not b.themes:
        parts.append("<p>No events in this period.</p>")
    for theme, count, rows in b.themes:
        parts.append(f"<h3>{e(theme)} ({count} event{'s' if count != 1 else ''}, {len(rows)} shown)</h3><ul>")
        for r in rows:
            who, what, text = _event_line(b, r)
            parts.append(
                f"<li><b>{r['date'] or 'undated'}</b> {e(who)} · {e(what)}: <q>{e(text)}</q> {cite(r['id'])}</li>"
            )
        parts.append("</ul>")
    parts.append("<h2>Actors involved</h2><ul>")
    for actor in b.actors:
        parts.append(f"<li><b>{e(actor['code'])}</b> ({e('; '.join(actor['names']))}): {actor['actor']} as actor, "
                     f"{actor['recipient']} as recipient {cite(*actor['events'][:3])}</li>")  # fmt: skip
    parts.append("</ul><h2>Sources</h2><ol>")
    for s in b.sources:
        link = f" <a href='{e(s['url'])}'>{e(s['url'])}</a>" if s["url"] else ""
        parts.append(f"<li id='src-{e(s['id'])}'>{e(s['title'] or '(untitled)')}, {e(s['source'] or 'unknown outlet')}, "
                     f"{s['published'] or 'undated'}.{link} (article <code>{e(s['id'])}</code>)</li>")  # fmt: skip
    parts.append("</ol></body></html>")
    return "\n".join(parts) + "\n"


def parse_since(value: str, end: date) -> date:
    """'7d', '2w', '3m' (30-day months) or an ISO date -> the first day of the period ending on `end`."""
    v = value.strip().lower()
    units = {"d": 1, "w": 7, "m": 30}
    if v[:-1].isdigit() and v[-1:] in units:
        days = int(v[:-1]) * units[v[-1]]
        if days < 1:
            raise ValueError(f"--since must cover at least one day, got {value!r}")
        return end - timedelta(days=days - 1)
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise ValueError(f"--since takes a span like 7d, 2w, 3m or a date YYYY-MM-DD, got {value!r}") from None
