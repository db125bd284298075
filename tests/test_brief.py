"""Situation reports over a synthetic store: grouping, actors, alerts, the chart and citations."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire import brief
from eventwire.api.queries import Reader

END = date(2026, 6, 28)
# (days before END, type, cameo, quad, goldstein, actor code, recipient code, place country, sentence)
EVENTS = [
    (0, "ASSAULT", "194", 4, -8.5, "PRKMIL", "KOR", "KOR", "North Korean artillery shelled Yeonpyeong island."),
    (0, "ASSAULT", "190", 4, -8.0, "PRKMIL", "KORMIL", "KOR", "North Korean troops fired on a South Korean patrol."),
    (1, "ASSAULT", "190", 4, -8.0, "PRKMIL", "KOR", "KOR", "Shells <b>hit</b> a fishing port near the border."),
    (1, "MOBILIZE", "154", 4, -6.5, "KORMIL", None, "KOR", "South Korea's military raised its alert level."),
    (2, "CONSULT", "040", 1, 3.0, "KORGOV", "USAGOV", "KOR", "President Lee met the U.S. defence secretary in Seoul."),
    (3, "ACCUSE", "112", 3, -4.0, "KORGOV", "PRK", None, "Seoul accused Pyongyang of a deliberate provocation."),
    (4, "AID", "070", 2, 7.0, "USA", "KOR", None, "Washington pledged emergency aid to South Korea."),
    (5, "CONSULT", "040", 1, 3.0, "JPNGOV", "CHNGOV", "KOR", "Japanese and Chinese envoys met in Busan."),  # place only
    (3, "ASSAULT", "190", 4, -8.0, "RUSMIL", "UKR", "UKR", "Russian forces shelled Kharkiv."),  # another country
    (20, "CONSULT", "040", 1, 3.0, "KORGOV", "JPN", "JPN", "Seoul and Tokyo held talks."),  # before the period
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from eventwire.store import Store

    path = tmp_path_factory.mktemp("brief") / "brief.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    rows = list(EVENTS)
    # a quiet baseline for the alerts: one accusation a week in the eight weeks before
    rows += [(7 * w, "ACCUSE", "112", 3, -4.0, "KORGOV", "PRK", None, f"Seoul criticised Pyongyang (week {w}).")
             for w in range(1, 9)]  # fmt: skip
    for i, (ago, typ, cameo, quad, gold, actor, recipient, place, text) in enumerate(rows):
        day = END - timedelta(days=ago)
        rec = {"id": f"ev-{i}", "text": text, "cameo_name": f"name of {cameo}",
               "actor": [{"text": actor, "code": actor}], "recipient": [{"text": recipient, "code": recipient}] if recipient else []}  # fmt: skip
        con.execute(
            "INSERT INTO events (id, event, cameo, quad_class, goldstein, date, date_source, actor_code, actor_country, "
            "actor_text, recipient_code, recipient_country, recipient_text, place_country, confidence, num_mentions, "
            "num_articles, num_sources, record) VALUES (?, ?, ?, ?, ?, ?, 'explicit', ?, ?, ?, ?, ?, ?, ?, 0.9, 1, 1, 1, ?)",
            [f"ev-{i}", typ, cameo, quad, gold, day, actor, actor[:3], f"the {actor}", recipient,
             recipient and recipient[:3], recipient, place, json.dumps(rec)],
        )  # fmt: skip
        con.execute("INSERT INTO articles (id, url, source, title, published, text, status) VALUES (?, ?, ?, ?, ?, ?, 'coded')",
                    [f"art-{i}", f"https://example.org/{i}", "Wire", f"Story {i}", day, text])  # fmt: skip
        con.execute("INSERT INTO mentions (event_id, article_id, sentence, start_char, end_char, trigger_start, trigger_end, "
                    "text, confidence, source) VALUES (?, ?, 0, 0, ?, 0, 3, ?, 0.9, 'Wire')",
                    [f"ev-{i}", f"art-{i}", len(text), text])  # fmt: skip
    con.close()
    return path


@pytest.fixture(scope="module")
def report(db: Path) -> brief.Brief:
    r = Reader(db)
    b = brief.build(r, "kor", END - timedelta(days=6), END, store=str(db))
    r.close()
    return b


def test_events_of_the_country_and_period_grouped_by_theme(report: brief.Brief) -> None:
    themes = {name: [e["id"] for e in rows] for name, _, rows in report.themes}
    assert set(themes["Force and coercion"]) == {"ev-0", "ev-1", "ev-2", "ev-3"}
    assert set(themes["Diplomacy and agreements"]) == {"ev-4", "ev-7"}  # ev-7: only the place is in KOR
    assert themes["Cooperation, aid and de-escalation"] == ["ev-6"]
    shown = {i for ids in themes.values() for i in ids}
    assert "ev-8" not in shown and "ev-9" not in shown  # another country; before the period
    assert report.total == 8 and report.name == "South Korea"


def test_actors_and_alerts(report: brief.Brief) -> None:
    codes = {a["code"]: a for a in report.actors}
    assert codes["PRKMIL"]["actor"] == 3 and codes["KORGOV"]["actor"] == 2
    assert {a.key for a in report.alerts} >= {"KOR", "KOR-PRK"}
    assert "baseline" in report.alert_settings


def test_markdown_cites_a_source_on_every_line(report: brief.Brief) -> None:
    md = brief.markdown(report, "chart.svg")
    for heading in ("## Timeline", "## Alerts", "## Key events by theme", "## Actors involved", "## Sources"):
        assert heading in md
    assert "![South Korea: cooperation vs conflict](chart.svg)" in md
    body, sources = md.split("## Sources")
    bullets = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 8
    for line in bullets:
        nums = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        assert nums and all(1 <= n <= len(report.sources) for n in nums), line
    listed = [line for line in sources.splitlines() if re.match(r"\d+\. ", line)]
    assert len(listed) == len(report.sources) and "https://example.org/" in listed[0]
    # the first cited line's source is the article behind that event
    first = next(line for line in bullets if "Yeonpyeong" in line)
    n = int(re.findall(r"\[(\d+)\]", first)[0])
    assert report.sources[n - 1]["id"] == "art-0"


def test_chart_formats(report: brief.Brief) -> None:
    svg = brief.chart(report, "svg")
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert brief.chart(report, "svg") == svg  # same report, same file
    assert brief.chart(report, "png").startswith(b"\x89PNG")


def test_html_is_self_contained_and_escaped(report: brief.Brief) -> None:
    page = brief.html(report, brief.chart(report, "svg"))
    assert "<svg" in page and "<script" not in page and "<link" not in page
    assert "Shells &lt;b&gt;hit&lt;/b&gt;" in page
    assert page.count("<li id='src-") == len(report.sources)


def test_parse_since() -> None:
    assert brief.parse_since("7d", END) == END - timedelta(days=6)
    assert brief.parse_since("2w", END) == END - timedelta(days=13)
    assert brief.parse_since("2026-01-01", END) == date(2026, 1, 1)
    for bad in ("0d", "week", "7y"):
        with pytest.raises(ValueError, match="since"):
            brief.parse_since(bad, END)


def test_brief_command_writes_report_and_chart(db: Path, tmp_path: Path) -> None:
    from eventwire.cli import app, desk  # noqa: F401  (registers the commands)

    runner = CliRunner()
    out = tmp_path / "kor.md"
    result = runner.invoke(app, ["brief", "--db", str(db), "--country", "KOR", "--since", "7d", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Yeonpyeong" in out.read_text() and (tmp_path / "kor.svg").read_bytes().startswith(b"<?xml")
    page = tmp_path / "kor.html"
    result = runner.invoke(app, ["brief", "--db", str(db), "--country", "KOR", "--format", "html", "--chart", "png",
                                 "-o", str(page)])  # fmt: skip
    assert result.exit_code == 0 and "data:image/png;base64," in page.read_text()
    bad = runner.invoke(app, ["brief", "--db", str(db), "--country", "KOR", "--since", "soon"])
    assert bad.exit_code == 2 and "7d" in bad.output
    assert runner.invoke(app, ["brief", "--db", str(db), "--country", "Korea"]).exit_code == 2
