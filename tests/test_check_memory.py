"""What a process remembers between checks, and that it is never served stale: the reference
memo (look-ups under one store stamp) and the first-level cache of repeated requests."""

from __future__ import annotations

import json

import pytest

from service.model import Article
from service.references.importer import load_bundled
from service.references.memo import MEMO
from service.references.store import STAMP, ReferenceStore
from service.verify.check import Checker
from tests.conftest import make_app


@pytest.fixture
def bundled(redis_client):
    load_bundled(redis_client, only_if_empty=False, packs=False)
    return redis_client


def soldiers_fact(client) -> dict:
    store = ReferenceStore(client)
    return next(f for f in store.candidates(["Mir Ali"]) if f["metric"] == "killed")


def set_value(client, fact: dict, value) -> None:
    changed = {k: v for k, v in fact.items() if k not in ("id", "matched_terms")}
    ReferenceStore(client).put(fact["id"], {**changed, "value": value})


def verdict_of(result: dict, text: str) -> str:
    return next(c["verdict"] for c in result["claims"] if c["text"] == text)


def test_every_write_renews_the_stamp(bundled):
    store = ReferenceStore(bundled)
    before = bundled.get(STAMP)
    assert before
    set_value(bundled, soldiers_fact(bundled), 9)
    after = bundled.get(STAMP)
    assert after and after != before
    set_value(bundled, soldiers_fact(bundled), 9)  # no change: no new stamp
    assert bundled.get(STAMP) == after
    assert store.stamp_and_version() == (after, store.version())


def test_a_second_article_reads_what_the_first_read_from_the_memo(bundled, seed_text):
    checker = Checker(bundled)
    checker.check(Article(seed_text + " Filed by the desk."))
    first = checker.store.round_trips
    assert MEMO.stamp == bundled.get(STAMP) and len(MEMO.records) > 0
    checker.check(Article(seed_text + " Filed by the night desk."))  # a miss: checked again
    assert checker.store.round_trips == first  # every look-up came from the memo


def test_a_write_is_seen_by_the_next_check_of_the_same_process(bundled, seed_text):
    checker = Checker(bundled)
    assert verdict_of(checker.check(Article(seed_text)), "seven") == "supported"
    set_value(bundled, soldiers_fact(bundled), 9)
    again = checker.check(Article(seed_text + " Updated."))
    assert verdict_of(again, "seven") == "contradicted"
    assert MEMO.stamp == bundled.get(STAMP)


def test_a_flushed_store_with_other_facts_at_the_same_version_is_not_mistaken(
    redis_client, seed_text
):
    load_bundled(redis_client, only_if_empty=False, packs=False)
    checker = Checker(redis_client)
    first = checker.check(Article(seed_text))
    redis_client.flushall()
    load_bundled(redis_client, only_if_empty=False, packs=False)
    set_value(redis_client, soldiers_fact(redis_client), 9)
    redis_client.set("ref:{ref}:version", first["reference_version"])  # the same number
    again = checker.check(Article(seed_text + " Updated."))
    assert verdict_of(again, "seven") == "contradicted"


def test_a_store_written_before_stamps_gets_one(bundled, seed_text):
    bundled.delete(STAMP)
    result = Checker(bundled).check(Article(seed_text))
    assert bundled.get(STAMP) and verdict_of(result, "seven") == "supported"


# -- the first-level cache of repeated requests -------------------------------------------


@pytest.fixture
def served(redis_url, tmp_path, bundled):
    return lambda **config: make_app(redis_url, tmp_path, **config)


def post(client, body: bytes, query: str = ""):
    response = client.post(f"/v1/checks{query}", data=body, content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def memory_hits() -> float:
    from service.metrics import CHECK_CACHE

    return CHECK_CACHE.labels("memory")._value.get()


def test_a_repeated_request_is_answered_from_memory(served, seed_text):
    client = served().test_client()
    body = json.dumps({"text": seed_text, "published_at": "2024-07-01"}).encode()
    first = post(client, body).get_data()
    hits = memory_hits()
    assert post(client, body).get_data() == first
    assert memory_hits() == hits + 1


def test_another_process_is_answered_from_the_redis_cache(served, seed_text):
    from service.metrics import CHECK_CACHE

    body = json.dumps({"text": seed_text, "published_at": "2024-07-01"}).encode()
    first = post(served().test_client(), body).get_data()
    hits, memory = CHECK_CACHE.labels("hit")._value.get(), memory_hits()
    assert post(served().test_client(), body).get_data() == first  # a new app: empty memory
    assert CHECK_CACHE.labels("hit")._value.get() == hits + 1 and memory_hits() == memory


def test_memory_is_never_stale_after_a_reference_write(served, bundled, seed_text):
    client = served().test_client()
    body = json.dumps({"text": seed_text, "published_at": "2024-07-01"}).encode()
    assert verdict_of(post(client, body).get_json(), "seven") == "supported"
    set_value(bundled, soldiers_fact(bundled), 9)
    hits = memory_hits()
    assert verdict_of(post(client, body).get_json(), "seven") == "contradicted"
    assert memory_hits() == hits


def test_what_differs_in_the_request_bytes_is_another_result(served, seed_text):
    client = served().test_client()
    body = json.dumps({"text": seed_text}).encode()
    undated = post(client, body).get_json()
    dated = post(client, body, "?published_at=2024-07-01").get_json()
    assert dated["document"] != undated["document"]
    hits = memory_hits()
    post(client, body, "?published_at=2024-07-01")
    assert memory_hits() == hits + 1


def test_watches_and_linked_data_are_not_answered_from_memory(served, seed_text):
    client = served().test_client()
    body = {"text": seed_text, "url": "https://news.example/m", "watch": True}
    raw = json.dumps(body).encode()
    assert client.post("/v1/checks", data=raw, content_type="application/json").status_code == 200
    hits = memory_hits()
    second = client.post("/v1/checks", data=raw, content_type="application/json")
    assert second.status_code == 200 and second.headers["Location"]
    linked = client.post(
        "/v1/checks",
        data=json.dumps({"text": seed_text, "url": "https://news.example/m"}),
        content_type="application/json",
        headers={"Accept": "application/ld+json"},
    )
    assert linked.mimetype == "application/ld+json"
    assert memory_hits() == hits


def test_memory_off_and_bounded(served, seed_text):
    body = json.dumps({"text": seed_text}).encode()
    client = served(CHECK_MEMORY_BYTES=0).test_client()
    hits = memory_hits()
    post(client, body)
    post(client, body)
    assert memory_hits() == hits
    small = served(CHECK_MEMORY_BYTES=100)  # smaller than one result: nothing is kept
    client = small.test_client()
    post(client, body)
    post(client, body)
    assert memory_hits() == hits and len(small.extensions["recent_checks"]._entries) == 0


def test_text_memos_keep_short_texts_by_count_and_long_ones_by_length():
    from service.vocabulary.text import SHORT_TEXT, text_memo

    calls = []

    @text_memo(budget=3 * SHORT_TEXT, slots=2)
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    long_a, long_b, long_c = (
        ("a" * (SHORT_TEXT + 1)),
        ("b" * (SHORT_TEXT + 1)),
        "c" * SHORT_TEXT * 2,
    )
    for text in ("x", "x", long_a, long_a):
        length(text)
    assert calls == ["x", long_a]  # each computed once
    length(long_b)
    length(long_c)  # the three long texts exceed the budget: the least recently used goes
    length(long_a)
    assert calls[-1] == long_a and len(calls) == 5
    huge = "d" * SHORT_TEXT * 4  # longer than the whole budget: never kept
    length(huge)
    length(huge)
    assert calls[-2:] == [huge, huge]
