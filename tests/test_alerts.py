"""Spike alerts on synthetic stores whose baselines and spikes are known by construction."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire import alerts
from eventwire.api.queries import Reader

AS_OF = date(2026, 6, 28)  # a Sunday; bins are the 7 days ending here, then the 8 weeks before


def make_store(path: Path, events: list[tuple]) -> Path:
    """events: (date, type, quad, goldstein, actor country, recipient country). One article per event."""
    from eventwire.store import Store

    Store(path).close()  # the real schema
    con = duckdb.connect(str(path))
    for i, (day, typ, quad, gold, actor, recipient) in enumerate(events):
        text = f"{actor} forces did {typ.lower()} against {recipient} (event {i})."
        rec = {"id": f"ev-{i}", "text": text, "event_text": typ.lower(), "actor": [{"text": f"{actor} forces", "code": actor}],
               "recipient": [{"text": recipient, "code": recipient}], "text_info": {"start": 0, "end": len(text)}}  # fmt: skip
        con.execute(
            "INSERT INTO events (id, event, cameo, quad_class, goldstein, date, date_source, actor_code, actor_country, "
            "actor_text, recipient_code, recipient_country, recipient_text, confidence, num_mentions, num_articles, "
            "num_sources, record) VALUES (?, ?, '190', ?, ?, ?, 'explicit', ?, ?, ?, ?, ?, ?, 0.9, 1, 1, 1, ?)",
            [f"ev-{i}", typ, quad, gold, day, actor, actor, f"{actor} forces", recipient, recipient, recipient, json.dumps(rec)],
        )  # fmt: skip
        con.execute("INSERT INTO articles (id, url, source, title, published, text, status) VALUES (?, ?, 'Wire', ?, ?, ?, 'coded')",
                    [f"art-{i}", f"https://example.org/{i}", f"Story {i}", day, text])  # fmt: skip
        con.execute("INSERT INTO mentions (event_id, article_id, sentence, start_char, end_char, trigger_start, trigger_end, "
                    "text, confidence, source) VALUES (?, ?, 0, 0, ?, 0, 3, ?, 0.9, 'Wire')",
                    [f"ev-{i}", f"art-{i}", len(text), text])  # fmt: skip
    con.close()
    return path


def weekly(weeks: range, per_week: int, *event: object) -> list[tuple]:
    return [(AS_OF - timedelta(days=7 * w + d), *event) for w in weeks for d in range(per_week)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    events = (
        weekly(range(1, 9), 1, "ACCUSE", 3, -2.0, "KOR", "PRK")  # KOR-PRK: one accusation a week...
        + weekly(range(0, 1), 6, "ASSAULT", 4, -10.0, "PRK", "KOR")  # ...then six attacks this week
        + weekly(range(0, 9), 3, "ACCUSE", 3, -2.0, "USA", "CHN")  # steady: never a spike
        + weekly(range(1, 9), 4, "ACCUSE", 3, -2.0, "SDN", "SSD")  # same count this week, but far harsher:
        + weekly(range(0, 1), 4, "ASSAULT", 4, -10.0, "SDN", "SSD")  # only the Goldstein signal fires
    )
    return make_store(tmp_path_factory.mktemp("alerts") / "alerts.duckdb", events)


@pytest.fixture()
def reader(db: Path):
    r = Reader(db)
    yield r
    r.close()


def test_spike_in_a_dyad_alerts_for_the_dyad_and_both_countries(reader: Reader) -> None:
    used, found = alerts.find(reader)
    assert used.as_of == AS_OF  # defaults to the latest event
    keys = {(a.kind, a.key) for a in found}
    assert {("dyad", "KOR-PRK"), ("country", "KOR"), ("country", "PRK")} <= keys
    assert not any("USA" in a.key or "CHN" in a.key for a in found)
    dyad = next(a for a in found if a.key == "KOR-PRK")
    count = next(s for s in dyad.signals if s.signal == "conflict_count")
    assert (count.value, count.baseline_mean, count.baseline_sd, count.z) == (6, 1.0, 0.0, 5.0)
    assert (dyad.start, dyad.end) == (AS_OF - timedelta(days=6), AS_OF)
    assert len(dyad.evidence) == 6 and {e["event"] for e in dyad.evidence} == {"ASSAULT"}
    assert all(dyad.start <= e["date"] <= dyad.end for e in dyad.evidence)
    assert all(e["articles"][0]["url"].startswith("https://example.org/") for e in dyad.evidence)
    assert [a.score for a in found] == sorted((a.score for a in found), reverse=True)


def test_goldstein_drop_alerts_without_a_count_rise(reader: Reader) -> None:
    _, found = alerts.find(reader, alerts.Settings(country="SDN"))
    assert {a.key for a in found} == {"SDN", "SDN-SSD"}
    for a in found:
        assert [s.signal for s in a.signals] == ["goldstein"]
        g = a.signals[0]
        assert (g.value, g.baseline_mean, g.z) == (-40.0, -8.0, 3.2)


def test_threshold_and_min_count_are_respected(reader: Reader) -> None:
    assert alerts.find(reader, alerts.Settings(threshold=6))[1] == []  # top scores: count z=5, Goldstein z=5.8
    _, strict = alerts.find(reader, alerts.Settings(min_count=5))
    assert {a.key for a in strict} == {"KOR", "PRK", "KOR-PRK"}
    assert alerts.find(reader, alerts.Settings(min_count=7))[1] == []


def test_earlier_as_of_sees_no_spike(reader: Reader) -> None:
    used, found = alerts.find(reader, alerts.Settings(as_of=AS_OF - timedelta(days=7)))
    assert used.as_of == AS_OF - timedelta(days=7) and found == []


def test_days_before_the_store_began_are_not_a_quiet_baseline(tmp_path: Path) -> None:
    young = make_store(tmp_path / "young.duckdb", weekly(range(0, 1), 6, "ASSAULT", 4, -10.0, "PRK", "KOR"))
    r = Reader(young)
    assert alerts.find(r)[1] == []  # no history: nothing to compare with
    r.close()


def test_bad_settings_are_refused(reader: Reader) -> None:
    with pytest.raises(ValueError, match="baseline >= 2"):
        alerts.find(reader, alerts.Settings(baseline=1))


def test_alerts_command(db: Path) -> None:
    from eventwire.cli import app, desk  # noqa: F401  (registers the commands)

    runner = CliRunner()
    result = runner.invoke(app, ["alerts", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert "KOR-PRK" in {a["key"] for a in body["alerts"]} and "baseline" in body["settings"]
    table = runner.invoke(app, ["alerts", "--db", str(db), "--country", "kor"])
    assert table.exit_code == 0 and "KOR-PRK" in table.stdout and "SDN" not in table.stdout
    assert "method:" in table.stderr
    missing = runner.invoke(app, ["alerts", "--db", str(db.parent / "nope.duckdb")])
    assert missing.exit_code == 2 and "no store" in missing.output
