"""Watched articles end to end: the API with real keys, real `python -m service worker --burst`
processes on the test Redis, and a real HTTP receiver on 127.0.0.1 for the alerts."""

from __future__ import annotations

import json

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service import create_app
from service.keys import KeyStore
from service.references.importer import load_bundled
from service.references.store import ReferenceStore
from service.watch.queue import STATS, drain
from tests.test_jobs_worker import Workers, verify

MIR_ALI = "Seven soldiers were killed in the Mir Ali attack on March 16, 2024."
UNRELATED = {
    "subject": "2031 Quillmarsh flood",
    "metric": "killed",
    "value": 40,
    "unit": "people",
    "as_of": "2031-05-01",
    "source": {
        "name": "Test desk",
        "url": "https://desk.example/quillmarsh",
        "retrieved_at": "2031-05-01T00:00:00Z",
    },
}


@pytest.fixture
def settings(redis_url, tmp_path) -> dict:
    return {
        "REDIS_URL": redis_url,
        "DATA_DIR": str(tmp_path / "var"),
        "CALLBACK_ALLOWED_HOSTS": "127.0.0.1",
        "CALLBACK_RETRY_DELAYS": "1,1",
        "WORKER_HEARTBEAT": "1",
        "LOG_LEVEL": "INFO",
    }


@pytest.fixture
def api(settings, redis_client):
    load_bundled(redis_client, only_if_empty=False)
    keys = KeyStore(redis_client)
    newsroom, secret = keys.create("newsroom", ["check"])
    other, _ = keys.create("other", ["check"])
    admin, _ = keys.create("desk", ["check", "admin"])
    overrides = {k: v for k, v in settings.items() if k not in ("WORKER_HEARTBEAT", "DATA_DIR")}
    app = create_app({**overrides, "TESTING": True, "LOAD_BUNDLED_REFERENCES": False,
                      "RATE_LIMIT": "off"})  # fmt: skip
    client = app.test_client()

    class Api:
        def call(self, method, path, key=newsroom, accept="application/json", **kwargs):
            headers = {"X-API-Key": key, "Accept": accept}
            return client.open(path, method=method, headers=headers, **kwargs)

    api = Api()
    api.secret, api.other, api.admin = secret, other, admin
    return api


@pytest.fixture
def workers(settings, tmp_path):
    pool = Workers(settings, tmp_path)
    yield pool
    pool.stop_all()


def burst(workers) -> None:
    process = workers.start("--burst")
    assert process.wait(120) == 0, process.log.read_text()


def watch(api, receiver, text=MIR_ALI, article_id="story-1") -> dict:
    response = api.call(
        "POST",
        "/v1/checks",
        json={"text": text, "published_at": "2024-07-01", "watch": True, "id": article_id,
              "url": f"https://news.example/{article_id}",
              "callback_url": receiver.url_for("/alerts")},
    )  # fmt: skip
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Location"] == f"/v1/articles/{article_id}"
    return response.get_json()


def toll_fact(redis_client) -> dict:
    [fact] = ReferenceStore(redis_client).list(subject="Mir Ali attack", metric="killed")["items"]
    return fact


def revise(api, redis_client, value) -> None:
    row = {k: v for k, v in toll_fact(redis_client).items() if k != "id"}
    response = api.call("POST", "/v1/references", key=api.admin, json=[{**row, "value": value}])
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["updated"] == 1


def stats(redis_client) -> dict:
    return {k: float(v) for k, v in redis_client.hgetall(STATS).items()}


def scraped(api) -> dict[str, float]:
    """The watch figures /metrics shows (read from Redis: the workers re-check)."""
    text = api.call("GET", "/metrics").get_data(as_text=True)
    families = text_string_to_metric_families(text)
    return {
        s.name: s.value
        for f in families
        for s in f.samples
        if s.name.startswith(("factcheck_watch", "factcheck_watched"))
    }


def test_a_revised_toll_flips_a_watched_claim_and_one_signed_alert_arrives(
    api, redis_client, workers, receiver
):
    receiver.expect_request("/alerts", method="POST").respond_with_data("ok")
    checked = watch(api, receiver)
    assert checked["claims"][0]["verdict"] == "supported"
    assert scraped(api)["factcheck_watched_articles"] == 1
    fact = toll_fact(redis_client)
    assert fact["value"] == 7
    assert not receiver.log

    revise(api, redis_client, 9)  # the request only logs the change and queues the job
    assert redis_client.llen("ref:{ref}:changes") == 1
    assert api.call("GET", "/v1/articles/story-1").get_json()["claims"][0]["verdict"] == "supported"
    burst(workers)

    [(request, _)] = receiver.log
    verify(request, api.secret)
    alert = json.loads(request.get_data())
    assert alert["event"] == "verdict.changed"
    assert alert["article"] == {"id": "story-1", "url": "https://news.example/story-1"}
    assert alert["claim"] == {"start": 0, "end": 5, "text": "Seven"}
    assert (alert["old"]["verdict"], alert["new"]["verdict"]) == ("supported", "contradicted")
    assert alert["fact"]["reference_id"] == fact["id"] and alert["fact"]["value"] == 9
    assert alert["fact"]["change"] == "updated"
    assert alert["source"]["url"] == fact["source"]["url"]
    assert stats(redis_client)["rechecked"] == 1
    assert redis_client.llen("ref:{ref}:changes") == 0

    watched = api.call("GET", "/v1/articles/story-1").get_json()
    toll = watched["claims"][0]
    assert toll["verdict"] == "contradicted"
    assert [h["verdict"] for h in toll["history"]] == ["supported", "contradicted"]
    assert [h["facts"] for h in toll["history"]] == [[fact["id"]], [fact["id"]]]
    assert [h["verdict"] for h in watched["claims"][1]["history"]] == ["supported"]

    burst(workers)  # nothing left to do: still exactly one alert
    assert len(receiver.log) == 1
    figures = scraped(api)
    assert figures["factcheck_watch_rechecked_total"] == 1
    assert figures["factcheck_watch_alerts_total"] == 1
    assert figures["factcheck_watch_runs_total"] == 1


def test_an_unrelated_import_rechecks_nothing(api, redis_client, workers, receiver):
    watch(api, receiver)
    before = api.call("GET", "/v1/articles/story-1").get_json()
    response = api.call("POST", "/v1/references", key=api.admin, json=[UNRELATED])
    assert response.status_code == 200 and response.get_json()["created"] == 1
    burst(workers)

    figures = stats(redis_client)
    assert figures["entries"] == 1 and figures["facts"] == 1
    assert figures["rechecked"] == 0
    assert api.call("GET", "/v1/articles/story-1").get_json() == before
    assert not receiver.log


def test_another_key_cannot_see_the_article(api, receiver):
    watch(api, receiver)
    for method in ("GET", "DELETE"):
        response = api.call(method, "/v1/articles/story-1", key=api.other)
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
    assert api.call("GET", "/v1/articles", key=api.other).get_json()["total"] == 0
    mine = api.call("GET", "/v1/articles").get_json()
    assert [item["id"] for item in mine["items"]] == ["story-1"]
    assert mine["items"][0]["verdicts"] == {"supported": 2}


def test_delete_stops_alerts(api, redis_client, workers, receiver):
    watch(api, receiver)
    assert api.call("DELETE", "/v1/articles/story-1").status_code == 204
    assert api.call("GET", "/v1/articles/story-1").status_code == 404
    assert scraped(api)["factcheck_watched_articles"] == 0
    assert not redis_client.keys("watch:{watch}:by:*")
    revise(api, redis_client, 9)
    burst(workers)
    assert stats(redis_client)["rechecked"] == 0
    assert not receiver.log


def test_the_listing_pages_by_id(api, receiver):
    for n in range(3):
        watch(api, receiver, article_id=f"story-{n}")
    first = api.call("GET", "/v1/articles?limit=2").get_json()
    assert [i["id"] for i in first["items"]] == ["story-0", "story-1"] and first["total"] == 3
    rest = api.call("GET", f"/v1/articles?limit=2&cursor={first['next_cursor']}").get_json()
    assert [i["id"] for i in rest["items"]] == ["story-2"] and rest["next_cursor"] is None


def test_put_and_delete_of_a_fact_recheck_the_article_in_the_worker_task(
    api, redis_client, receiver, settings
):
    watch(api, receiver)
    fact = toll_fact(redis_client)
    config = {**create_app({"REDIS_URL": settings["REDIS_URL"]}).config, **settings}
    body = {k: v for k, v in fact.items() if k != "id"}
    assert api.call("PUT", f"/v1/references/{fact['id']}", key=api.admin,
                    json={**body, "value": 12}).status_code == 200  # fmt: skip
    assert drain(redis_client, config)["alerts"] == 1
    assert api.call("DELETE", f"/v1/references/{fact['id']}", key=api.admin).status_code == 204
    assert drain(redis_client, config)["rechecked"] == 1
    toll = api.call("GET", "/v1/articles/story-1").get_json()["claims"][0]
    assert [h["verdict"] for h in toll["history"]][:2] == ["supported", "contradicted"]
    assert fact["id"] not in toll["facts"]
    alerts = [json.loads(redis_client.hget(k, "body")) for k in redis_client.keys("watch:*alert*")]
    assert {a["new"]["verdict"] for a in alerts} >= {"contradicted"}


@pytest.mark.parametrize(
    "body",
    [
        {"text": MIR_ALI, "watch": True},  # nothing to know it by
        {"text": MIR_ALI, "id": "x"},  # id without watch
        {"text": MIR_ALI, "watch": False, "callback_url": "https://hooks.example/a"},
        {"text": MIR_ALI, "watch": "yes", "id": "x"},
        {"text": MIR_ALI, "watch": True, "id": "../etc"},
        {"text": MIR_ALI, "watch": True, "id": "x", "callback_url": "http://10.1.2.3/hook"},
        {"text": MIR_ALI, "watch": True, "id": "x", "callback_url": "ftp://a.example/"},
    ],
)
def test_bad_watches_are_422(api, body):
    response = api.call("POST", "/v1/checks", json=body)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert api.call("GET", "/v1/articles").get_json()["total"] == 0


def test_a_bad_page_is_422(api):
    for query in ("limit=0", "limit=x", "cursor=", "colour=red"):
        response = api.call("GET", f"/v1/articles?{query}")
        assert response.status_code == 422, query
        assert response.mimetype == "application/problem+json"


def test_claimreview_without_a_url_stores_no_watch(api):
    body = {"text": MIR_ALI, "watch": True, "id": "x"}
    response = api.call("POST", "/v1/checks", json=body)
    assert response.status_code == 200
    api.call("DELETE", "/v1/articles/x")
    refused = api.call("POST", "/v1/checks", json=body, accept="application/ld+json")
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    assert api.call("GET", "/v1/articles").get_json()["total"] == 0


def test_writes_log_their_changes_only_while_articles_are_watched(redis_client):
    from service.references.schema import validate_rows
    from service.watch.store import WatchStore

    store = ReferenceStore(redis_client)
    other = {**UNRELATED, "subject": "2031 Quillmarsh fire"}
    store.write_facts(validate_rows([UNRELATED]), package="desk")
    assert redis_client.llen("ref:{ref}:changes") == 0  # nobody watches: nothing logged
    WatchStore.start_watching(redis_client)
    store.write_facts(validate_rows([other]), package="desk")  # a package re-import
    entry = json.loads(redis_client.lindex("ref:{ref}:changes", -1))
    assert entry["version"] == store.version()
    changes = sorted((f["subject"], f["change"]) for f in entry["facts"])
    assert changes == [("2031 Quillmarsh fire", "created"), ("2031 Quillmarsh flood", "deleted")]
    store.write_facts(validate_rows([other]), package="desk")  # unchanged: no entry
    assert redis_client.llen("ref:{ref}:changes") == 1
