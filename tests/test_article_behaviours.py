"""The behaviours the seed article asks for, checked on an article the project wrote (data/alliance-article.json):
praise, talks located in the capital, an appeal to lawmakers with its percentage, an agreement by "both
nations", drills reported by a third party; and no events from denied speculation or from what did not happen."""

import json
import math

import pytest

import eventwire
from conftest import DATA


@pytest.fixture(scope="module")
def events():
    art = json.loads((DATA / "alliance-article.json").read_text())
    return eventwire.code(art["text"], date=art["date"], id=art["id"])


def find(events, typ, anchor):
    return [e for e in events if e.event == typ and anchor in e.text]


def countries(ents):
    return {e.country for e in ents}


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (
        0.5
        - math.cos((lat2 - lat1) * p) / 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * (1 - math.cos((lon2 - lon1) * p)) / 2
    )
    return 12742 * math.asin(math.sqrt(a))


def test_praise_is_support_from_the_minister_to_the_host(events):
    (ev,) = find(events, "SUPPORT", "praised Japan")
    assert ev.actor[0].code == "AUSGOVMIL"
    assert countries(ev.recipient) == {"JPN"}
    assert ev.date.isoformat() == "2026-02-10" and ev.cameo == "051"


def test_talks_are_consult_located_in_tokyo(events):
    (ev,) = find(events, "CONSULT", "annual defence talks")
    assert countries(ev.actor) | countries(ev.recipient) == {"AUS", "JPN"}
    assert ev.event_loc is not None and km(ev.event_loc.lat, ev.event_loc.lon, 35.69, 139.69) < 50
    assert ev.event_loc.resolution == "predicate"


def test_appeal_to_lawmakers_carries_the_budget_percentage(events):
    (ev,) = find(events, "REQUEST", "urged lawmakers")
    assert ev.actor[0].code == "JPNGOV" and ev.recipient[0].code == "JPNLEG"
    assert ev.cameo.startswith("02")  # an appeal, quad class 0
    (q,) = [q for q in ev.quantities if q.unit == "percent"]
    assert (q.value, q.kind) == (9.4, "budget_change")
    assert ev.date.isoformat() == "2026-02-03" and ev.date_source == "relative"  # "last week"


def test_both_nations_agree_one_event_each_way(events):
    dyads = {(ev.actor[0].country, ev.recipient[0].country) for ev in find(events, "AGREE", "both nations agreed")}
    assert dyads == {("AUS", "JPN"), ("JPN", "AUS")}


def test_reported_drills_belong_to_the_driller(events):
    (ev,) = find(events, "MOBILIZE", "live-fire drills")
    assert countries(ev.actor) == {"CHN"}


def test_denied_speculation_and_unsigned_agreement_are_not_events(events):
    assert not [e for e in events if "dismissed speculation" in e.text]
    assert not [e for e in events if "without signing" in e.text and e.event in ("AGREE", "SUPPORT")]
    assert not [e for e in events if e.event in ("ASSAULT", "COERCE", "THREATEN")]


def test_every_event_points_at_its_evidence(events):
    art = json.loads((DATA / "alliance-article.json").read_text())
    for ev in events:
        assert art["text"][ev.start : ev.end] == ev.text
        assert art["text"][ev.trigger_span[0] : ev.trigger_span[1]].split()[0] in ev.trigger
        assert not ev.text.startswith("TOKYO")  # the dateline is not part of the lead sentence
