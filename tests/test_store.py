"""The event store: idempotent batch writes, exact and near-duplicate articles, event merging and its
counters, atomic batches. Records are built by hand (no parsing) so each rule is tested in isolation."""

import pytest

from eventwire.model import Article
from eventwire.store import Outcome, Store, merge

SEOUL = {"text": "Seoul", "name": "Seoul", "lat": 37.57, "lon": 126.98, "country_code": "KOR", "feature": "city",
         "geonameid": 1835848, "resolution": "predicate"}  # fmt: skip
BUSAN = {**SEOUL, "text": "Busan", "name": "Busan", "geonameid": 1838524, "lat": 35.1, "lon": 129.04}
GAZA = {"text": "Gaza City", "name": "Gaza City", "lat": 31.5, "lon": 34.47, "country_code": "PSE", "feature": "city",
        "geonameid": 281133, "resolution": "predicate"}  # fmt: skip
KHAN_YOUNIS = {**GAZA, "text": "Khan Younis", "name": "Khan Younis", "geonameid": 281141}


def ent(country, sector="GOV", text=None):
    return {"text": text or country, "name": text or country, "country": country, "sector": sector,
            "other_sectors": [], "code": (country or "") + (sector or "")}  # fmt: skip


def rec(doc, event="CONSULT", cameo="040", actor="USA", recipient="KOR", day="2025-11-04", loc=SEOUL, sentence=0,
        confidence=0.8, **modality):  # fmt: skip
    text = f"Sentence {sentence} of {doc}."
    start = 100 * sentence
    return {
        "id": f"ev-{doc}-{sentence}", "doc_id": doc, "date": day, "date_source": "explicit",
        "actor": [ent(actor)] if actor else [], "recipient": [ent(recipient)] if recipient else [],
        "event": event, "mode": "", "context": [], "cameo": cameo, "quad_class": 1, "goldstein": 1.0,
        "event_loc": loc, "event_text": "met", "text": text,
        "text_info": {"start": start, "end": start + len(text), "sentence": sentence, "trigger_start": start + 3,
                      "trigger_end": start + 6},
        "modality": {"negated": False, "hypothetical": False, "future": False, "historical": False, **modality},
        "quantities": [], "confidence": confidence,
    }  # fmt: skip


def article(doc, text=None, source="Wire A", url=None):
    body = text or f"Report {doc}: " + " ".join(f"word{doc}{i}" for i in range(60))
    return Article(text=body, id=doc, url=url or f"https://{source.lower().replace(' ', '')}.example/{doc}",
                   source=source)  # fmt: skip


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def events(store):
    return store.con.execute(
        "SELECT id, num_mentions, num_articles, num_sources, num_stories FROM events ORDER BY id"
    ).fetchall()


def test_writing_the_same_batch_twice_stores_it_once(store):
    batch = [Outcome(article("a1"), [rec("a1"), rec("a1", "ASSAULT", "190", sentence=1)]), Outcome(article("a2"))]
    first = store.write(batch)
    again = store.write(batch)
    assert (first.articles, first.new_events) == (2, 2)
    assert (again.articles, again.skipped, again.new_events) == (0, 2, 0)
    assert store.counts() == {"articles": 2, "events": 2, "mentions": 2}


def test_an_article_is_known_by_url_or_text_even_under_another_id(store):
    store.write([Outcome(article("a1"))])
    same_url = article("other-id", url="https://wirea.example/a1", text="Different text entirely.")
    same_text = Article(text=article("a1").text, id="third", url="https://wirea.example/a1")
    assert store.triage([same_url, same_text, article("new")]) == ["stored", "stored", "new"]


def test_reports_of_one_event_merge_and_the_counters_keep_growing(store):
    store.write([Outcome(article("a1", source="Wire A"), [rec("a1")])])
    assert events(store)[0][1:] == (1, 1, 1, 1)
    # days later, more outlets report the same meeting (one day apart in date: time zones)
    store.write([Outcome(article("a2", source="Wire B"), [rec("a2", day="2025-11-05")])])
    store.write([Outcome(article("a3", source="Wire B"), [rec("a3"), rec("a3", sentence=4)])])
    rows = events(store)
    assert len(rows) == 1
    assert rows[0][1:] == (4, 3, 2, 3)  # mentions, articles, sources (outlets), stories


def test_mutual_events_merge_whichever_side_is_named_first(store):
    store.write([Outcome(article("a1"), [rec("a1", actor="USA", recipient="KOR")])])
    stats = store.write([Outcome(article("a2"), [rec("a2", actor="KOR", recipient="USA")])])
    assert stats.merged == 1 and len(events(store)) == 1


@pytest.mark.parametrize(
    "other",
    [
        rec("b", day="2025-11-07"),  # same meeting three days later: another meeting
        rec("b", loc=BUSAN),  # same day, another city
        rec("b", recipient="JPN"),  # another dyad
        rec("b", event="AGREE", cameo="030"),  # another type family
        rec("b", future=True),  # "will meet" is not "met"
    ],
)  # fmt: skip
def test_different_events_do_not_merge(store, other):
    store.write([Outcome(article("a"), [rec("a")])])
    store.write([Outcome(article("b"), [other])])
    assert len(events(store)) == 2


def test_two_strikes_on_one_day_in_different_towns_stay_two_events(store):
    strike = {"event": "ASSAULT", "cameo": "195", "actor": "ISR", "recipient": "PSE", "day": "2025-03-18"}
    store.write(
        [Outcome(article("a"), [rec("a", loc=GAZA, **strike), rec("a", loc=KHAN_YOUNIS, sentence=1, **strike)])]
    )
    store.write([Outcome(article("b"), [rec("b", loc=KHAN_YOUNIS, **strike)])])
    rows = events(store)
    assert len(rows) == 2
    assert sorted(r[1] for r in rows) == [1, 2]


def test_appeals_and_demands_are_different_families():
    appeal, demand = rec("a", event="REQUEST", cameo="020"), rec("a", event="REQUEST", cameo="100")
    assert merge.key(appeal).family != merge.key(demand).family


def test_a_mention_without_a_country_or_precise_place_never_merges():
    vague = rec("a", actor=None, recipient=None, loc=None)
    assert not merge.key(vague).mergeable
    assert not merge.same_event(merge.key(vague), merge.key(rec("b", actor=None, recipient=None, loc=None)))
    dateline = {**SEOUL, "resolution": "dateline"}
    assert merge.key(rec("a", loc=dateline)).place_key is None  # a dateline is not a precise place


def test_a_reprint_in_another_outlet_is_a_copy_with_its_own_source(store):
    original = article("a1", source="Wire A")
    store.write([Outcome(original, [rec("a1"), rec("a1", "ASSAULT", "190", sentence=1)])])
    reprint = Article(text=original.text, url="https://paper.example/story", source="Paper")
    stats = store.write([Outcome(reprint, copy=True)])
    assert stats.copies == 1 and stats.new_events == 0
    row = store.con.execute(
        "SELECT status, copy_of, story_id, n_mentions FROM articles WHERE source = 'Paper'"
    ).fetchone()
    assert row == ("copy", "a1", "a1", 2)
    for _, mentions, arts, sources, stories in events(store):
        assert (mentions, arts, sources, stories) == (2, 2, 2, 1)  # a wire copy is one story, two sources


def test_near_duplicate_articles_share_a_story(store):
    base = " ".join(f"The minister said point {i} was agreed in the talks." for i in range(40))
    store.write([Outcome(article("a1", text=base), [rec("a1")])])
    edited = base.replace("point 39 was agreed", "point 39 was still open")
    unrelated = " ".join(f"Floods hit district {i} after days of rain." for i in range(40))
    stats = store.write([Outcome(article("a2", text=edited, source="B"), [rec("a2")]),
                         Outcome(article("a3", text=unrelated, source="C"))])  # fmt: skip
    stories = dict(store.con.execute("SELECT id, story_id FROM articles").fetchall())
    assert stories == {"a1": "a1", "a2": "a1", "a3": "a3"}
    assert stats.near_duplicates == 1
    assert events(store)[0][1:] == (2, 2, 2, 1)


def test_a_failed_article_is_stored_with_its_error_and_not_retried(store):
    store.write([Outcome(article("bad"), error="ValueError: boom")])
    assert store.con.execute("SELECT status, error FROM articles").fetchone() == ("error", "ValueError: boom")
    assert store.write([Outcome(article("bad"))]).skipped == 1


def test_a_batch_that_fails_half_way_leaves_nothing_behind(store, monkeypatch):
    import eventwire.store as st

    store.write([Outcome(article("a0"), [rec("a0")])])
    before = store.counts()
    real = st._insert

    def failing(con, table, cols, rows):
        real(con, table, cols, rows)
        if table == "events":  # articles and events are in; the mentions never make it
            raise OSError("disk full")

    monkeypatch.setattr(st, "_insert", failing)
    with pytest.raises(OSError):
        store.write([Outcome(article("a1"), [rec("a1", recipient="JPN")]), Outcome(article("a2"), [rec("a2")])])
    monkeypatch.undo()
    assert store.counts() == before
    assert events(store)[0][1] == 1
    assert store.write([Outcome(article("a1"), [rec("a1", recipient="JPN")])]).articles == 1


def test_old_store_files_gain_the_new_columns(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, url VARCHAR, source VARCHAR, title VARCHAR, "
                "published DATE, fetched TIMESTAMP, text_hash VARCHAR, language VARCHAR, status VARCHAR, "
                "error VARCHAR, text VARCHAR)")  # fmt: skip
    con.close()
    with Store(path) as s:
        s.write([Outcome(article("a1"), [rec("a1")])])
        assert s.con.execute("SELECT story_id FROM articles").fetchone() == ("a1",)
