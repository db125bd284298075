"""Exports: PLOVER JSONL with counts and mentions, the GDELT 2.0 event table, Parquet, CSV, filters."""

import csv
import io
import json
from datetime import date

import pytest

from eventwire.store import Outcome, Store
from eventwire.store.export import GDELT_COLUMNS, Filters, export, global_event_id
from test_store import article, rec

BERLIN = {"text": "Berlin", "name": "Berlin", "lat": 52.52, "lon": 13.4, "country_code": "DEU", "feature": "city",
          "geonameid": 2950159, "resolution": "predicate"}  # fmt: skip


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write([Outcome(article("a1", source="Wire A"), [
            rec("a1"),  # USA-KOR consult in Seoul
            rec("a1", event="ACCUSE", cameo="112", actor="DEU", recipient="RUS", loc=BERLIN, day="2026-02-01",
                sentence=3, confidence=0.4),
            rec("a1", event="REQUEST", cameo="020", actor="FRA", recipient="DEU", loc=BERLIN, day="2026-03-01",
                sentence=5),
        ])])  # fmt: skip
        s.write([Outcome(article("a2", source="Wire B"), [rec("a2")])])
        yield s


def run(store, fmt, **filters):
    out = io.StringIO()
    n = export(store.con, fmt, out, Filters(**filters))
    return n, out.getvalue()


def test_gdelt_rows_have_61_tab_separated_fields_with_gdelt_codes(store):
    n, text = run(store, "gdelt")
    rows = [line.split("\t") for line in text.splitlines()]
    assert n == len(rows) == 3
    assert all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    by_code = {r[GDELT_COLUMNS.index("EventCode")]: dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows}
    meet = by_code["040"]
    assert (meet["SQLDATE"], meet["MonthYear"], meet["Year"]) == ("20251104", "202511", "2025")
    assert (meet["Actor1Code"], meet["Actor1CountryCode"], meet["Actor1Type1Code"]) == ("USAGOV", "USA", "GOV")
    assert meet["Actor2CountryCode"] == "KOR"
    assert (meet["NumMentions"], meet["NumArticles"], meet["NumSources"]) == ("2", "2", "2")
    assert (meet["ActionGeo_Type"], meet["ActionGeo_CountryCode"], meet["ActionGeo_FeatureID"]) == (
        "4",
        "KS",
        "1835848",
    )
    assert meet["ActionGeo_FullName"] == "Seoul, South Korea"
    assert meet["SOURCEURL"] == "https://wirea.example/a1"
    assert meet["GLOBALEVENTID"].isdigit() and int(meet["GLOBALEVENTID"]) == global_event_id("ev-a1-0")
    # GDELT's QuadClass: an appeal (02x) is verbal cooperation (1), where eventwire's own quad_class says 0
    assert by_code["020"]["QuadClass"] == "1" and by_code["112"]["QuadClass"] == "3"
    assert by_code["112"]["ActionGeo_CountryCode"] == "GM"  # FIPS for Germany, not ISO's DE
    assert (by_code["040"]["EventBaseCode"], by_code["040"]["EventRootCode"]) == ("040", "04")


def test_plover_jsonl_carries_counts_and_every_mention(store):
    n, text = run(store, "plover-jsonl")
    recs = {r["cameo"]: r for r in map(json.loads, text.splitlines())}
    assert n == 3
    meet = recs["040"]
    assert meet["event"] == "CONSULT" and meet["actor"][0]["code"] == "USAGOV"
    assert (meet["num_mentions"], meet["num_articles"], meet["num_sources"], meet["num_stories"]) == (2, 2, 2, 2)
    assert sorted(m["article_id"] for m in meet["mentions"]) == ["a1", "a2"]
    assert {m["url"] for m in meet["mentions"]} == {"https://wirea.example/a1", "https://wireb.example/a2"}


def test_filters_select_by_date_type_country_and_confidence(store):
    assert run(store, "plover-jsonl", since=date(2026, 1, 1))[0] == 2
    assert run(store, "plover-jsonl", until=date(2026, 2, 1))[0] == 2
    assert run(store, "plover-jsonl", types=["accuse"])[0] == 1
    assert run(store, "plover-jsonl", countries=["rus"])[0] == 1
    assert run(store, "plover-jsonl", min_confidence=0.5)[0] == 2
    assert run(store, "plover-jsonl", min_sources=2)[0] == 1
    assert run(store, "plover-jsonl", limit=1)[0] == 1


def test_csv_and_parquet_hold_the_flat_table(store, tmp_path):
    import pyarrow.parquet as pq

    n, text = run(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == 3
    assert {r["event"] for r in rows} == {"CONSULT", "ACCUSE", "REQUEST"}
    assert json.loads(rows[0]["record"])["id"] == rows[0]["id"]
    path = tmp_path / "e.parquet"
    assert export(store.con, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3 and "num_sources" in table.column_names


def test_export_command(cli, store, tmp_path):
    db = store.path
    store.close()
    res = cli(["export", "--db", db, "--format", "gdelt", "--type", "CONSULT"])
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 1
    res = cli(["export", "--db", db, "--format", "parquet"])
    assert res.exit_code != 0 and "--output" in res.output
    res = cli(["export", "--db", db, "--format", "xml"])
    assert res.exit_code != 0 and "plover-jsonl" in res.output


def test_gdelt_geo_type_tells_areas_from_points():
    from eventwire.store.export import _geo

    region = {"name": "Ladakh", "country_code": "IND", "feature": "province", "lat": 34.2, "lon": 77.6}
    base = {"name": "Al Udeid Air Base", "country_code": "QAT", "feature": "base", "lat": 25.1, "lon": 51.3}
    state = {"name": "Georgia", "country_code": "USA", "feature": "province", "lat": 32.7, "lon": -83.4}
    assert [_geo(loc)[0] for loc in (region, base, state)] == ["5", "4", "2"]  # ADM1, world city, US state
