"""ReferenceStore against a real Redis: writes, versions, listing, candidates, durability."""

from __future__ import annotations

import pytest
import redis

from service.errors import NotFound, ValidationFailed
from service.references.importer import load_bundled
from service.references.store import STAMP, TMP, VERSION, ReferenceStore
from tests.redis_server import RedisServer

SOURCE = {
    "name": "Wikipedia",
    "url": "https://en.wikipedia.org/wiki/Operation_Zarb-e-Azb",
    "retrieved_at": "2024-07-01T00:00:00Z",
}


def fact(**overrides) -> dict:
    """A valid client fact; keyword arguments replace its fields."""
    base = {
        "subject": "Operation Zarb-e-Azb",
        "aliases": ["Zarb-i-Azb", "Sword of the Prophet"],
        "metric": "killed",
        "value": 3500,
        "unit": "militants",
        "as_of": "2016-06",
        "keywords": ["militants", "North Waziristan"],
        "qualifier": "about",
        "source": SOURCE,
    }
    return {**base, **overrides}


def dump(url: str) -> dict[bytes, bytes]:
    """Every key of the server with its serialised value, to compare whole states."""
    raw = redis.Redis.from_url(url)
    return {key: raw.dump(key) for key in raw.scan_iter()}


@pytest.fixture
def store(redis_client) -> ReferenceStore:
    return ReferenceStore(redis_client)


def test_import_creates_then_is_idempotent(store):
    first = store.import_facts([fact(), fact(metric="displaced", value=1_000_000, as_of=None)])
    again = store.import_facts([fact(), fact(metric="displaced", value=1_000_000, as_of=None)])
    assert first == {
        "imported": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "removed": 0,
        "version": 1,
    }
    assert again == {
        "imported": 2,
        "created": 0,
        "updated": 0,
        "unchanged": 2,
        "removed": 0,
        "version": 1,
    }
    assert store.count() == 2


def test_changed_row_keeps_its_id_updates_and_bumps_version(store):
    original = store.import_facts([fact()])
    ids = [f["id"] for f in store.list()["items"]]
    report = store.import_facts([fact(value=3600, keywords=["terrorists"])])
    assert report["updated"] == 1 and report["version"] == original["version"] + 1
    assert [f["id"] for f in store.list()["items"]] == ids
    assert store.get(ids[0])["value"] == 3600
    assert store.candidates(["militants"]) == []  # old keyword unindexed
    assert store.candidates(["terrorists"])[0]["id"] == ids[0]


def test_id_ignores_case_and_punctuation_of_the_subject(store):
    store.import_facts([fact()])
    report = store.import_facts([fact(subject="OPERATION zarb e azb", value=1)])
    assert report["updated"] == 1 and store.count() == 1


def test_rows_with_the_same_id_are_rejected(store):
    with pytest.raises(ValidationFailed) as caught:
        store.import_facts([fact(), fact(value=1)])
    assert caught.value.errors[0]["row"] == 2 and "row 1" in caught.value.errors[0]["message"]
    assert store.count() == 0


def test_get_missing_raises_not_found(store):
    with pytest.raises(NotFound):
        store.get("0123456789abcdef")


def test_put_replaces_and_rejects_identity_change(store):
    store.import_facts([fact()])
    fact_id = store.list()["items"][0]["id"]
    version = store.version()
    stored = store.put(fact_id, fact(value=4000, note="revised"))
    assert stored["id"] == fact_id and store.get(fact_id)["note"] == "revised"
    assert store.version() == version + 1
    with pytest.raises(ValidationFailed) as caught:
        store.put(fact_id, fact(metric="injured"))
    assert caught.value.errors[0]["field"] == "metric"
    with pytest.raises(NotFound):
        store.put("0123456789abcdef", fact())


def test_put_identical_fact_keeps_version(store):
    store.import_facts([fact()])
    fact_id, version = store.list()["items"][0]["id"], store.version()
    store.put(fact_id, fact())
    assert store.version() == version


def test_delete_removes_record_and_index_entries(store, redis_client):
    store.import_facts([fact()])
    fact_id = store.list()["items"][0]["id"]
    store.delete(fact_id)
    assert store.count() == 0 and store.candidates(["zarb e azb"]) == []
    assert sorted(redis_client.keys("ref:*")) == [STAMP, VERSION]
    with pytest.raises(NotFound):
        store.delete(fact_id)


def test_remove_ids_in_the_same_write(store):
    store.import_facts([fact(), fact(metric="injured", value=10)])
    keep, drop = sorted(store.list()["items"], key=lambda f: f["metric"] != "killed")
    report = store.import_facts([fact()], remove=[drop["id"], keep["id"]])
    assert report["removed"] == 1 and [f["id"] for f in store.list()["items"]] == [keep["id"]]


def test_invalid_fact_writes_nothing(store, redis_url):
    store.import_facts([fact()])
    before = dump(redis_url)
    with pytest.raises(ValidationFailed) as caught:
        store.import_facts([fact(value=1), fact(value="many")])
    assert caught.value.errors == [
        {
            "row": 2,
            "field": "value",
            "message": "Must be a number or an ISO date (YYYY, YYYY-MM, YYYY-MM-DD).",
        }
    ]
    assert dump(redis_url) == before


def test_list_pages_in_stable_id_order(store):
    store.import_facts([fact(subject=f"Event {n}", aliases=[]) for n in range(7)])
    seen, cursor = [], None
    for _ in range(3):
        page = store.list(cursor=cursor, limit=3)
        assert page["total"] == 7
        seen += [f["id"] for f in page["items"]]
        cursor = page["next_cursor"]
    assert cursor is None and seen == sorted(seen) and len(set(seen)) == 7


def test_list_filters_by_subject_words_aliases_and_metric(store):
    load_bundled(store.client, packs=False)
    assert {f["subject"] for f in store.list(subject="zarb")["items"]} == {"Operation Zarb-e-Azb"}
    assert store.list(subject="SWORD of the prophet")["total"] == 3  # an alias, any case
    assert store.list(subject="Azm-i-Istehkam")["items"][0]["subject"] == "Operation Azm-e-Istehkam"
    killed = store.list(metric="killed")
    assert killed["total"] == 5 and {f["metric"] for f in killed["items"]} == {"killed"}
    both = store.list(subject="besham", metric="killed", limit=1)
    assert both["total"] == 2 and both["next_cursor"] == both["items"][0]["id"]
    assert store.list(subject="militants")["total"] == 0  # keywords are not names
    assert not store.client.keys(TMP + "*")


def test_list_rejects_bad_limit(store):
    with pytest.raises(ValidationFailed):
        store.list(limit=0)


def test_candidates_use_two_round_trips_and_rank_by_matches(store):
    load_bundled(store.client, packs=False)
    store.round_trips = 0
    terms = ["Zarb-e-Azb", "North Waziristan", "Pakistani soldiers", "Kabul", "unknown thing"]
    found = store.candidates(terms)
    assert store.round_trips == 2
    counts = [len(f["matched_terms"]) for f in found]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2  # most matched first
    assert ["north waziristan", "zarb e azb"] in [f["matched_terms"] for f in found]
    assert {f["subject"] for f in found} >= {
        "Operation Zarb-e-Azb",
        "2024 Mir Ali attack",
        "Fall of Kabul (2021)",
    }
    killed = store.candidates(terms, metrics=["killed"])
    assert {f["metric"] for f in killed} == {"killed"} and len(killed) == 2


def test_candidates_fold_accents_and_punctuation(store):
    store.import_facts([fact(aliases=["Żarb-é-Azb"])])
    assert store.candidates(["zarb e azb"]) and store.candidates(["ZARB-E-AZB!"])
    assert store.candidates([]) == [] and store.candidates(["  ", "--"]) == []


def test_facts_survive_a_redis_restart(tmp_path):
    server = RedisServer(tmp_path / "own").start()
    try:
        client = redis.Redis.from_url(server.url, decode_responses=True)
        load_bundled(client, packs=False)
        before = ReferenceStore(client).list(limit=500)
        server.stop()
        server.start()
        store = ReferenceStore(redis.Redis.from_url(server.url, decode_responses=True))
        assert store.list(limit=500) == before and before["total"] == 14
        assert store.version() == 1
        assert len(store.candidates(["Besham"])) == 3
    finally:
        server.stop()


def test_two_figures_with_one_identity_are_refused_naming_both_rows(store, redis_url):
    before = dump(redis_url)
    with pytest.raises(ValidationFailed) as caught:
        store.import_facts([fact(value=4), fact(value=5)])  # one page, one day: which is it?
    (error,) = caught.value.errors
    assert error["row"] == 2 and "as row 1" in error["message"] and "period" in error["message"]
    assert dump(redis_url) == before
    report = store.import_facts([fact(value=4), fact(value=5, period="2023")])
    assert report["created"] == 2  # another period is another fact
