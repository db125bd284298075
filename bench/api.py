"""Latency of the API and load time of the dashboard on a synthetic store of >= 100k events.

    .venv/bin/python bench/api.py [--events 100000] [--requests 50] [--db /tmp/eventwire-bench.duckdb]

Builds the store with DuckDB SQL (deterministic pseudo-random rows in the real schema: events with a PLOVER
record, one article and one mention each), serves it with `eventwire serve`'s app on 127.0.0.1, then reports
p50/p95 per endpoint (httpx, sequential requests, filters varied per request) and the dashboard's load time
in headless Debian chromium (navigation start to every panel drawn, `window.__deskLoadMs`), first load and
the next ones (the server memoises the store summary and the alerts; the browser caches static files).
Asserts nothing.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import httpx
from rich.console import Console
from rich.table import Table

from eventwire.ontology import PLOVER_QUAD

console = Console()
CHROMIUM = "/usr/bin/chromium"
CITIES = [  # code, city, lat, lon
    ("KOR", "Seoul", 37.57, 126.98), ("PRK", "Pyongyang", 39.03, 125.75), ("USA", "Washington", 38.9, -77.04),
    ("CHN", "Beijing", 39.9, 116.4), ("JPN", "Tokyo", 35.69, 139.69), ("RUS", "Moscow", 55.75, 37.62),
    ("UKR", "Kyiv", 50.45, 30.52), ("DEU", "Berlin", 52.52, 13.4), ("FRA", "Paris", 48.86, 2.35),
    ("GBR", "London", 51.51, -0.13), ("ISR", "Jerusalem", 31.77, 35.21), ("IRN", "Tehran", 35.69, 51.39),
    ("SYR", "Damascus", 33.51, 36.29), ("TUR", "Ankara", 39.93, 32.86), ("EGY", "Cairo", 30.04, 31.24),
    ("ETH", "Addis Ababa", 9.03, 38.74), ("SDN", "Khartoum", 15.5, 32.56), ("NGA", "Abuja", 9.06, 7.49),
    ("IND", "New Delhi", 28.61, 77.21), ("PAK", "Islamabad", 33.69, 73.05), ("AFG", "Kabul", 34.53, 69.17),
    ("BRA", "Brasilia", -15.79, -47.88), ("VEN", "Caracas", 10.49, -66.88), ("MEX", "Mexico City", 19.43, -99.13),
    ("POL", "Warsaw", 52.23, 21.01), ("PHL", "Manila", 14.6, 120.98), ("IDN", "Jakarta", -6.2, 106.85),
    ("AUS", "Canberra", -35.28, 149.13), ("ZAF", "Pretoria", -25.75, 28.19), ("COD", "Kinshasa", -4.32, 15.31),
]  # fmt: skip
SECTORS = ["", "GOV", "MIL", "CVL", "REB", "LEG", "COP", "OPP"]
GOLDSTEIN = {1: 3.5, 2: 6.5, 3: -4.0, 4: -8.0}


def build(path: Path, n_events: int) -> None:
    from eventwire.store import Store

    path.unlink(missing_ok=True)
    Store(path).close()  # the real schema
    con = duckdb.connect(str(path))
    types = sorted(PLOVER_QUAD)
    con.execute("CREATE TEMP TABLE cities AS SELECT * FROM (VALUES " + ", ".join("(?, ?, ?, ?, ?)" for _ in CITIES)
                + ") t(n, code, city, lat, lon)", [v for i, c in enumerate(CITIES) for v in (i, *c)])  # fmt: skip
    con.execute("CREATE TEMP TABLE kinds AS SELECT * FROM (VALUES " + ", ".join("(?, ?, ?, ?)" for _ in types)
                + ") t(n, event, quad, goldstein)",
                [v for i, t in enumerate(types) for v in (i, t, PLOVER_QUAD[t], GOLDSTEIN[PLOVER_QUAD[t]])])  # fmt: skip
    n_articles = max(1, n_events // 5)
    started = time.perf_counter()
    con.execute(f"""
        CREATE TEMP TABLE gen AS
        SELECT i, k.event, k.quad, k.goldstein + ((hash(i * 5) % 10) / 10.0 - 0.5) AS goldstein,
               DATE '2024-07-01' + CAST(hash(i * 3) % 730 AS INTEGER) AS day,
               a.code AS ac, a.code || list_element(?::VARCHAR[], CAST(hash(i * 11) % 8 AS INTEGER) + 1) AS acode,
               r.code AS rc, r.code || list_element(?::VARCHAR[], CAST(hash(i * 13) % 8 AS INTEGER) + 1) AS rcode,
               p.city, p.code AS pc, p.lat + ((hash(i * 17) % 100) / 100.0 - 0.5) AS lat,
               p.lon + ((hash(i * 19) % 100) / 100.0 - 0.5) AS lon,
               'art-' || (i % {n_articles}) AS article
        FROM range({n_events}) t(i)
        JOIN kinds k ON k.n = hash(i * 2) % {len(types)}
        JOIN cities a ON a.n = hash(i * 7) % 6 + (CASE WHEN hash(i) % 3 = 0 THEN 0 ELSE hash(i * 23) % {len(CITIES) - 6} END)
        JOIN cities r ON r.n = (a.n + 1 + hash(i * 29) % 5) % {len(CITIES)}
        JOIN cities p ON p.n = CASE WHEN hash(i * 31) % 2 = 0 THEN a.n ELSE r.n END
    """, [SECTORS, SECTORS])  # fmt: skip
    sentence = ("'The ' || acode || ' forces ' || lower(event) || ' against ' || rcode || ' near ' || city || "
                "' on ' || strftime(day, '%d %B') || ', officials said.'")  # fmt: skip
    con.execute(f"""
        INSERT INTO events (id, event, cameo, quad_class, goldstein, date, date_source, actor_code, actor_country,
            actor_text, recipient_code, recipient_country, recipient_text, place, lat, lon, place_country, confidence,
            num_mentions, num_articles, num_sources, first_seen, last_seen, record)
        SELECT 'ev-' || i, event, '190', quad, round(goldstein, 1), day, 'published', acode, ac, 'The ' || acode || ' forces',
            rcode, rc, rcode, city, lat, lon, pc, 0.5 + (hash(i * 37) % 50) / 100.0, 1, 1, 1, now(), now(),
            json_object('id', 'ev-' || i, 'event', event, 'text', {sentence}, 'event_text', lower(event),
                        'actor', [json_object('text', 'The ' || acode || ' forces', 'code', acode)],
                        'recipient', [json_object('text', rcode, 'code', rcode)],
                        'text_info', json_object('start', 0, 'trigger_start', 11 + length(acode) + 8,
                                                 'trigger_end', 11 + length(acode) + 8 + length(event)))
        FROM gen""")  # fmt: skip
    con.execute(f"""
        INSERT INTO mentions (event_id, article_id, sentence, start_char, end_char, trigger_start, trigger_end, text,
            confidence, source)
        SELECT 'ev-' || i, article, 0, 0, length({sentence}), 4 + length(acode) + 8, 4 + length(acode) + 8 + length(event),
            {sentence}, 0.7, 'Wire' FROM gen""")  # fmt: skip
    con.execute(f"""
        INSERT INTO articles (id, url, source, title, published, fetched, language, status, text)
        SELECT 'art-' || j, 'https://example.org/' || j, 'Wire ' || (j % 20), 'Story ' || j,
               DATE '2024-07-01' + CAST(j % 730 AS INTEGER), now(), 'en', 'coded', 'Synthetic article ' || j
        FROM range({n_articles}) t(j)""")  # fmt: skip
    con.close()
    console.print(f"built {path}: {n_events:,} events, {n_articles:,} articles in {time.perf_counter() - started:.1f}s")


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    """`eventwire serve` in its own process, as a user runs it (a thread here would share our GIL)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", "from eventwire.cli import main; main()", "serve", "--db", str(db),
                             "--port", str(port)], stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(base + "/api/meta", timeout=5).raise_for_status()
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("the server did not start")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--db", type=Path, default=Path("/tmp/eventwire-bench.duckdb"))
    ap.add_argument("--loads", type=int, default=5, help="dashboard loads to time")
    args = ap.parse_args()
    build(args.db, args.events)
    proc, base = serve(args.db)
    codes = [c[0] for c in CITIES]
    cases = {
        "/api/events (country+quad+dates)": lambda i: ("/api/events", [("country", codes[i % 30]), ("quad", 3), ("quad", 4),
                                                       ("start", "2025-01-01"), ("end", "2025-12-31"), ("limit", 50)]),
        "/api/events (dyad, sort goldstein)": lambda i: ("/api/events", [("dyad", f"{codes[i % 6]}-{codes[(i + 1) % 6]}"),
                                                         ("sort", "goldstein")]),
        "/api/events (text search)": lambda i: ("/api/events", [("q", ["assault", "near seoul", "kyiv", "mil forces"][i % 4])]),
        "/api/events (bbox, page 5)": lambda i: ("/api/events", [("bbox", "100,20,150,50"), ("offset", 200)]),
        "/api/timeline (country, day)": lambda i: ("/api/timeline", [("country", codes[i % 30]), ("interval", "day")]),
        "/api/timeline (all, week)": lambda i: ("/api/timeline", [("interval", "week")]),
        "/api/dyads": lambda i: ("/api/dyads", [("limit", 60)]),
        "/api/places": lambda i: ("/api/places", []),
        "/api/alerts (as_of varied: uncached)": lambda i: ("/api/alerts", [("as_of", str(date(2026, 6, 30) - timedelta(days=3 * i)))]),
        "/api/events/{id}": lambda i: (f"/api/events/ev-{i * 997 % args.events}", []),
    }  # fmt: skip
    table = Table(title=f"API latency, {args.events:,} events, {args.requests} requests each (ms)")
    for col in ("endpoint", "p50", "p95", "max", "rows/total"):
        table.add_column(col, justify="left" if col == "endpoint" else "right")
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, make in cases.items():
            path, params = make(0)
            body = client.get(path, params=params).json()  # warm-up
            times = []
            for i in range(args.requests):
                path, params = make(i)
                t0 = time.perf_counter()
                resp = client.get(path, params=params)
                times.append((time.perf_counter() - t0) * 1000)
                resp.raise_for_status()
            size = body.get(
                "total", len(body.get("series", body.get("edges", body.get("places", body.get("alerts", [])))))
            )
            table.add_row(name, f"{pct(times, 0.5):.1f}", f"{pct(times, 0.95):.1f}", f"{max(times):.1f}", f"{size:,}")
    console.print(table)
    if Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        loads: dict[str, list[float]] = {"/": [], "/?country=KOR&quad=3,4": [], "/?q=seoul": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--headless"])  # fmt: skip
            for url, found in loads.items():
                for _ in range(args.loads + 1):
                    page = browser.new_page(viewport={"width": 1366, "height": 768})
                    page.goto(base + url)
                    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
                    found.append(page.evaluate("window.__deskLoadMs"))
                    page.close()
            browser.close()
        t = Table(title="dashboard load in headless chromium (ms, navigation start to all panels drawn)")
        for col in ("page", "first load", f"median of next {args.loads}", "max of next"):
            t.add_column(col, justify="left" if col == "page" else "right")
        for url, found in loads.items():  # the first load also fills the browser cache and the server's memo
            t.add_row(url, f"{found[0]:.0f}", f"{statistics.median(found[1:]):.0f}", f"{max(found[1:]):.0f}")
        console.print(t)
    else:
        console.print(f"[yellow]{CHROMIUM} missing: dashboard load time not measured[/yellow]")
    proc.terminate()
    proc.wait(10)


if __name__ == "__main__":
    main()
