"""The REST API over a store coded from the bundled sample articles."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from importlib import resources
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from eventwire.api import queries
from eventwire.api.app import STATIC, create_app

SAMPLE = Path(str(resources.files("eventwire") / "samples" / "articles.jsonl"))


def build_sample_store(path: Path) -> Path:
    """Code the bundled sample into a store once per test session."""
    if not path.exists():
        from eventwire.ingest.readers import read_path
        from eventwire.model import Article
        from eventwire.pipeline import code_many
        from eventwire.store import Store

        articles = [a for a in read_path(str(SAMPLE), None) if isinstance(a, Article)]
        with Store(path) as store:
            for coded in code_many(articles):
                assert coded.article is not None and coded.error is None
                store.add(coded.article, coded.events, coded.error)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.getbasetemp() / "sample.duckdb")


@pytest.fixture(scope="module")
def client(db: Path):
    with TestClient(create_app(db, max_page=100)) as c:
        yield c


def all_events(client: TestClient, **params) -> list[dict]:
    body = client.get("/api/events", params={**params, "limit": 100}).json()
    assert body["total"] <= 100
    return body["events"]


def test_meta_counts_what_the_store_holds(client: TestClient, db: Path) -> None:
    meta = client.get("/api/meta").json()
    con = duckdb.connect(str(db), read_only=True)
    assert meta["events"] == con.execute("SELECT count(*) FROM events").fetchone()[0] > 20
    assert meta["articles"] == 9
    assert {c["code"] for c in meta["countries"]} >= {"NGA", "RUS", "BLR"}
    con.close()


def test_pages_do_not_overlap_and_cover_everything(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 20, "sort": "date"}).json()
    second = client.get("/api/events", params={"limit": 20, "offset": 20, "sort": "date"}).json()
    ids1, ids2 = [e["id"] for e in first["events"]], [e["id"] for e in second["events"]]
    assert len(ids1) == len(ids2) == 20 and not set(ids1) & set(ids2)
    dates = [e["date"] for e in first["events"] + second["events"]]
    assert dates == sorted(dates)
    assert first["total"] == len(all_events(client))


def test_sort_by_goldstein(client: TestClient) -> None:
    scores = [e["goldstein"] for e in all_events(client, sort="goldstein")]
    assert scores == sorted(scores) and scores[0] < 0 < scores[-1]


def test_filters_select_matching_events(client: TestClient) -> None:
    nga = all_events(client, country="nga")
    assert nga and all("NGA" in (e["actor_country"], e["recipient_country"]) for e in nga)
    assert all(e["actor_country"] == "RUS" for e in all_events(client, actor_country="RUS"))
    assault = all_events(client, type="ASSAULT,COERCE")
    assert assault and {e["event"] for e in assault} <= {"ASSAULT", "COERCE"}
    conflict = client.get("/api/events", params=[("quad", 3), ("quad", 4), ("limit", 100)]).json()["events"]
    assert conflict and all(e["quad_class"] in (3, 4) for e in conflict)
    window = all_events(client, start="2026-02-01", end="2026-03-31")
    assert window and all("2026-02-01" <= e["date"] <= "2026-03-31" for e in window)
    assert all(e["cameo"].startswith("19") for e in all_events(client, cameo="19"))
    every = all_events(client)
    with_sector = next(e for e in every if e["actor_code"] and len(e["actor_code"]) > len(e["actor_country"] or ""))
    sector = with_sector["actor_code"][len(with_sector["actor_country"] or "") :][:3]
    chosen = all_events(client, actor_sector=sector)
    assert with_sector["id"] in {e["id"] for e in chosen}
    assert all(sector in e["actor_code"][len(e["actor_country"] or "") :] for e in chosen)


def test_dyad_is_undirected_unless_asked(client: TestClient) -> None:
    every = all_events(client)
    pairs = [(e["actor_country"], e["recipient_country"]) for e in every]
    a, b = next(p for p in pairs if p[0] and p[1] and p[0] != p[1])
    both = all_events(client, dyad=f"{b}-{a}".lower())
    forward = all_events(client, dyad=f"{a}-{b}", directed=True)
    backward = all_events(client, dyad=f"{b}-{a}", directed=True)
    assert forward and all((e["actor_country"], e["recipient_country"]) == (a, b) for e in forward)
    assert all((e["actor_country"], e["recipient_country"]) == (b, a) for e in backward)
    assert {e["id"] for e in both} == {e["id"] for e in forward + backward}
    assert len(both) == pairs.count((a, b)) + pairs.count((b, a))


def test_place_bbox_and_text_search(client: TestClient) -> None:
    places = Counter(e["place"] for e in all_events(client) if e["place"])
    common = places.most_common(1)[0][0]  # whatever the coder placed most often in the sample
    found = all_events(client, place=common.lower())
    assert len(found) == places[common] and {e["place"] for e in found} == {common}
    europe = all_events(client, bbox="-10,35,40,60")
    assert europe and all(-10 <= e["lon"] <= 40 and 35 <= e["lat"] <= 60 for e in europe)
    assert not any(e["place"] in ("Manila", "Maiduguri") for e in europe)
    shelled = all_events(client, q="Shelled")
    assert shelled and all("shelled" in e["text"].lower() for e in shelled)


@pytest.mark.parametrize(
    "params, status, message",
    [
        ({"country": "KO"}, 422, "at least 3"),
        ({"country": "K1R"}, 400, "3-letter code"),
        ({"dyad": "KOR"}, 400, "KOR-PRK"),
        ({"type": "BOMB"}, 400, "unknown event type"),
        ({"quad": 7}, 400, "quad must be 0-4"),
        ({"bbox": "1,2,3"}, 400, "bbox"),
        ({"bbox": "0,50,10,40"}, 400, "bbox"),
        ({"start": "2026-05-01", "end": "2026-01-01"}, 400, "after end"),
        ({"start": "yesterday"}, 422, "date"),
        ({"limit": 101}, 400, "at most 100"),
        ({"limit": 0}, 422, "greater than or equal to 1"),
        ({"sort": "id; DROP TABLE events"}, 422, "Input should be"),
        ({"cameo": "1 OR 1=1"}, 400, "CAMEO"),
    ],
)
def test_bad_parameters_get_clear_4xx(client: TestClient, params: dict, status: int, message: str) -> None:
    resp = client.get("/api/events", params=params)
    assert resp.status_code == status
    assert message in resp.text


def test_injection_attempts_are_plain_values(client: TestClient, db: Path) -> None:
    resp = client.get("/api/events", params={"q": "x'); DROP TABLE events; --", "place": "' OR 1=1 --"})
    assert resp.status_code == 200 and resp.json()["total"] == 0
    assert client.get("/api/events/' OR '1'='1").status_code == 404
    assert client.get("/api/meta").json()["events"] > 0


def test_event_detail_has_mentions_with_highlight_spans(client: TestClient) -> None:
    shelled = all_events(client, q="shelled the city", type="ASSAULT")[0]
    ev = client.get(f"/api/events/{shelled['id']}").json()
    assert ev["record"]["id"] == ev["id"] and ev["mentions"]
    m = ev["mentions"][0]
    assert m["title"] and m["url"].startswith("https://example.org/") and m["article_id"]
    roles = {s["role"]: s for s in m["spans"]}
    assert m["text"][roles["trigger"]["start"] : roles["trigger"]["end"]] == roles["trigger"]["text"]
    assert roles["trigger"]["text"] in ev["record"]["event_text"]
    assert roles["actor"]["text"] == ev["record"]["actor"][0]["text"]
    starts = [(s["start"], s["end"]) for s in m["spans"]]
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:], strict=False))  # ordered, never overlapping
    assert client.get("/api/events/ev-nope").status_code == 404


def test_article_lists_its_events(client: TestClient) -> None:
    ev = all_events(client, country="BLR")[0]
    article_id = client.get(f"/api/events/{ev['id']}").json()["mentions"][0]["article_id"]
    art = client.get(f"/api/articles/{article_id}").json()
    assert art["text"] and art["title"] and ev["id"] in {e["event_id"] for e in art["events"]}
    m = next(e for e in art["events"] if e["event_id"] == ev["id"])
    assert art["text"][m["trigger_start"] : m["trigger_end"]].strip()
    assert client.get("/api/articles/none").status_code == 404


def test_timeline_counts_add_up(client: TestClient) -> None:
    events = all_events(client, country="RUS")
    for interval in ("day", "week", "month"):
        series = client.get("/api/timeline", params={"country": "RUS", "interval": interval}).json()["series"]
        assert sum(r["count"] for r in series) == len([e for e in events if e["date"]])
        assert sum(r["goldstein"] for r in series) == pytest.approx(sum(e["goldstein"] for e in events if e["date"]))
    weeks = client.get("/api/timeline", params={"interval": "week"}).json()["series"]
    assert all(__import__("datetime").date.fromisoformat(r["period"]).weekday() == 0 for r in weeks)
    assert client.get("/api/timeline", params={"interval": "hour"}).status_code == 422
    # auto: days for a short span, weeks for the sample's eight months
    assert client.get("/api/timeline", params={"country": "RUS"}).json()["interval"] == "day"
    assert client.get("/api/timeline").json()["interval"] == "week"


def test_dyads_are_weighted_edges(client: TestClient) -> None:
    body = client.get("/api/dyads").json()
    assert body["edges"] and all(e["source"] != e["target"] for e in body["edges"])
    pairs = [(e["actor_country"], e["recipient_country"]) for e in all_events(client)]
    for edge in body["edges"]:
        assert edge["count"] == pairs.count((edge["source"], edge["target"]))
        assert edge["conflict"] + edge["cooperation"] <= edge["count"]
    with_home = client.get("/api/dyads", params={"domestic": True}).json()["edges"]
    assert any(e["source"] == e["target"] for e in with_home)
    actors = client.get("/api/dyads", params={"level": "actor"}).json()
    assert any(len(e["source"]) > 3 for e in actors["edges"])


def test_places_bin_locations(client: TestClient) -> None:
    places = client.get("/api/places").json()["places"]
    located = [e for e in all_events(client) if e["lat"] is not None]
    assert sum(p["count"] for p in places) == len(located)
    assert {p["place"] for p in places} <= {e["place"] for e in located} and len(places) > 3  # a bin is named once


def test_alerts_endpoint_states_its_method(client: TestClient) -> None:
    params = {"window": 30, "baseline": 3, "min_count": 1, "threshold": 1}  # RUS: conflict in May, none before
    body = client.get("/api/alerts", params=params).json()
    assert "z = (x - mean) / max(sd, 1)" in body["method"] and "30 day" in body["settings"]
    assert "RUS" in {a["key"] for a in body["alerts"]}
    assert all(a["evidence"] and a["evidence"][0]["articles"] for a in body["alerts"])
    assert client.get("/api/alerts", params={"baseline": 1}).status_code == 422
    assert client.get("/api/alerts", params={"country": "12"}).status_code == 422


def test_no_write_endpoints_by_default(client: TestClient) -> None:
    assert client.post("/api/ingest", json={"articles": [{"text": "x"}]}).status_code in (404, 405)
    paths = client.get("/openapi.json").json()["paths"]
    assert all(set(ops) == {"get"} for ops in paths.values())


def test_time_limit_interrupts_queries(db: Path) -> None:
    reader = queries.Reader(db, timeout=0.2)
    with pytest.raises(queries.QueryTimeout, match="time limit"):
        reader.rows("SELECT count(*) FROM range(1000000000) a, range(1000000) b WHERE (a.range * b.range) % 7 = 3")
    assert reader.one("SELECT count(*) AS n FROM events")["n"] > 0  # the reader still works afterwards
    reader.close()


def test_query_timeouts_become_503(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args, **kwargs):
        raise queries.QueryTimeout("query exceeded the 5s time limit; narrow the filters")

    monkeypatch.setattr(queries, "timeline", slow)
    with TestClient(create_app(db)) as c:
        resp = c.get("/api/timeline")
    assert resp.status_code == 503 and "narrow the filters" in resp.json()["detail"]


def test_token_guards_every_request(db: Path) -> None:
    with TestClient(create_app(db, token="s3cret"), follow_redirects=False) as c:
        for path in ("/api/meta", "/", "/docs", "/static/app.js", "/openapi.json"):
            assert c.get(path).status_code == 401
        assert c.get("/api/meta", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/meta", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/?token=wrong").status_code == 401
        login = c.get("/?token=s3cret")  # the dashboard's login link sets a cookie
        assert login.status_code == 303 and "samesite=strict" in login.headers["set-cookie"].lower()
        assert c.get("/api/meta").status_code == 200


def test_docs_and_dashboard_load_nothing_from_outside(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    refs = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert refs and all(r.startswith("/") for r in refs)
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    page = client.get("/")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in ("index.html", "app.js", "style.css"):
        text = (STATIC / name).read_text()
        assert not re.findall(r"https?://(?!www\.w3\.org/2000/svg)", text), name
        assert client.get(f"/static/{name}").status_code == 200
    world = client.get("/static/world.json").json()
    assert len(world["countries"]) > 150 and any(c["iso3"] == "KOR" for c in world["countries"])


def test_ingest_endpoint_only_when_allowed(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    text = ("SEOUL (EW) — South Korean President Lee Jae-myung met Japanese Prime Minister Sanae Takaichi in Seoul "
            "on Monday. North Korea fired artillery shells into the sea near the border on Monday.")  # fmt: skip
    with TestClient(create_app(copy, allow_ingest=True)) as c:
        before = c.get("/api/meta").json()["articles"]
        resp = c.post("/api/ingest", json={"articles": [
            {"id": "t1", "text": text, "date": "2026-06-01", "title": "test"},
            {"id": "t2", "text": "  "},
            {"id": "t3", "text": "x", "date": "June"},
        ]})  # fmt: skip
        body = resp.json()
        assert resp.status_code == 200 and body["stored"] == 1
        assert len(body["errors"]) == 2 and "articles[1]" in body["errors"][0] and "articles[2]" in body["errors"][1]
        assert c.get("/api/meta").json()["articles"] == before + 1
        assert c.get("/api/articles/t1").json()["title"] == "test"
        again = c.post("/api/ingest", json={"articles": [{"id": "t1", "text": text}]}).json()
        assert again["stored"] == 0 and again["already_stored"] == 1
        too_many = c.post("/api/ingest", json={"articles": [{"text": "a"}] * 101})
        assert too_many.status_code == 422
