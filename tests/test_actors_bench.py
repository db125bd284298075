"""The scoring helpers of bench/actors.py compute what its doc says, and its gold set is well-formed."""

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[1] / "bench" / "actors.py"
GOLD = Path(__file__).parents[1] / "bench" / "data" / "actors-gold.jsonl"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_actors", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_distance(bench):
    seoul, pyongyang, busan = (37.566, 126.978), (39.019, 125.738), (35.180, 129.076)
    assert bench.haversine_km(*seoul, *seoul) == 0
    assert 190 < bench.haversine_km(*seoul, *pyongyang) < 200
    assert 320 < bench.haversine_km(*seoul, *busan) < 330
    assert bench.haversine_km(*seoul, *busan) == pytest.approx(bench.haversine_km(*busan, *seoul))


def test_span_overlap_is_eventscores_rule(bench):
    # "U.S." is one token; function words do not count
    assert bench.span_tokens("U.S. Defense Secretary Pete Hegseth") == {"us", "defense", "secretary", "pete", "hegseth"}
    overlap, dice = bench.span_overlap("U.S. Defense Secretary Pete Hegseth", "Hegseth")
    assert overlap == 1.0 and dice == pytest.approx(2 / 6)
    assert bench.span_overlap("the Kremlin", "Kremlin") == (1.0, 1.0)
    assert bench.span_overlap("of the", "the") == (1.0, pytest.approx(2 / 3))  # only function words: all count
    assert bench.span_overlap("South Korea", "North Korean troops") == (0.0, 0.0)
    assert bench.span_overlap("", "Seoul") == (0.0, 0.0)


def _pred(event, start, end, trigger, actor=(), recipient=(), loc=None, day=None):
    ents = lambda xs: [{"text": t, "country": c[:3], "sector": c[3:6] or None, "code": c} for t, c in xs]  # noqa: E731
    return {"event": event, "text_info": {"start": start, "end": end, "trigger_start": trigger},
            "actor": ents(actor), "recipient": ents(recipient), "event_loc": loc, "date": day}  # fmt: skip


def _gold(typ, anchor, source, source_text, target=None, target_text=None, place=None, day="2025-11-04", **kw):
    return {"type": typ, "anchor": anchor, "source": source, "source_text": source_text, "target": target,
            "target_text": target_text, "place": place, "date": day, "date_source": "relative", **kw}  # fmt: skip


def test_matching_prefers_type_then_sentence_one_to_one(bench):
    text = "Seoul met Tokyo. Seoul accused Beijing. Kim praised Moscow and met Putin."
    s1, s2, s3 = (0, 16), (17, 39), (40, len(text))
    golds = [
        _gold("CONSULT", "met Tokyo", "KORGOV", "Seoul"),
        _gold("ACCUSE", "accused", "KORGOV", "Seoul"),
        _gold("SUPPORT", "praised", "PRKGOV", "Kim"),
        _gold("CONSULT", "met Putin", "PRKGOV", "Kim"),
    ]
    preds = [
        _pred("ACCUSE", *s1, 6),  # same type as gold 2 but in another sentence: never used for it
        _pred("CONSULT", *s1, 6),
        _pred("REJECT", *s2, 23),  # another type in the right sentence: the fallback
        _pred("SUPPORT", *s3, 44),  # one predicted event for two gold events in the sentence
    ]
    found = bench.match_events(text, golds, preds)
    assert [(m.how, m.pred is not None and preds.index(m.pred)) for m in found] == [
        ("type", 1),
        ("sentence", 2),
        ("type", 3),
        ("none", False),
    ]


def test_checks(bench):
    seoul = {"name": "Seoul", "lat": 37.566, "lon": 126.978, "country": "KOR", "feature": "city"}
    incheon = {"lat": 37.456, "lon": 126.705, "country_code": "KOR"}  # 27 km from Seoul
    gold = _gold("CONSULT", "met", "USAGOVMIL", "U.S. Defense Secretary Pete Hegseth", "KORGOV", "Ahn", seoul)
    # reciprocal: the sides may be swapped; the sector comes from the entity that stands for the source
    pred = _pred("CONSULT", 0, 50, 5, [("Ahn", "KORGOV")], [("Hegseth", "USAGOVMIL")], incheon, "2025-11-04")
    c = bench.check(bench.Match(gold, pred, "type"))
    assert (c.source_country, c.source_sector, c.target_country, c.place, c.date) == (True, True, True, True, True)
    assert c.place_km == pytest.approx(26.6, abs=1)

    far = {"lat": 35.180, "lon": 129.076, "country_code": "KOR"}  # Busan: right country, > 50 km
    one_way = _gold("ACCUSE", "accused", "KORGOV", "Seoul", "PRK", "Pyongyang", seoul, day="2025-11-05")
    pred = _pred("ACCUSE", 0, 50, 5, [("Pyongyang", "PRK")], [("Seoul", "KORGOV")], far, "2025-11-04")
    c = bench.check(bench.Match(one_way, pred, "type"))
    assert (c.source_country, c.target_country, c.place, c.place_country, c.date) == (False, False, False, True, False)

    # a country-level gold place is judged by its country; an IGO sector adds nothing to an IGO code
    georgia = {"name": "Georgia", "lat": 32.2, "lon": -82.9, "country": "USA", "feature": "province"}
    atlanta = {"lat": 33.749, "lon": -84.388, "country_code": "USA"}
    igo = _gold("ACCUSE", "censured", "IAE", "the IAEA", "IRN", "Iran", georgia)
    pred = _pred("ACCUSE", 0, 50, 5, [("the IAEA", "IAEIGO")], [("Iran", "IRN")], atlanta)
    c = bench.check(bench.Match(igo, pred, "type"))
    assert (c.source_country, c.source_sector, c.place) == (True, True, True)

    # a joint subject ("both countries signed") may put both countries among the actors
    mutual = _gold("SUPPORT", "signed", "POL", "The two countries", "LTU", "The two countries", mutual=True)
    pred = _pred("SUPPORT", 0, 50, 5, [("The two countries", "POL"), ("The two countries", "LTU")])
    assert bench.check(bench.Match(mutual, pred, "type")).target_country is True
    assert bench.check(bench.Match({**mutual, "mutual": False}, pred, "type")).target_country is False


def test_gold_set_is_well_formed():
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 160
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        published = date.fromisoformat(r["date"])
        assert r.get("dateline") is None or r["text"].startswith(r["dateline"]), r["id"]
        assert r["events"], r["id"]
        for e in r["events"]:
            for key in ("anchor", "source_text", "target_text"):
                assert e[key] is None or e[key] in r["text"], (r["id"], key)
            assert e["source"] and e["source"].isupper() and len(e["source"]) % 3 == 0, r["id"]
            assert date.fromisoformat(e["date"]) <= published, r["id"]
            assert e["date_source"] in ("explicit", "relative", "published"), r["id"]
            assert e["date_source"] != "published" or e["date"] == r["date"], r["id"]
            if e["place"]:
                assert -90 <= e["place"]["lat"] <= 90 and -180 <= e["place"]["lon"] <= 180, r["id"]
