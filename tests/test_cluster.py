"""The service end to end on three Redis topologies: one server, a real 6-node Redis Cluster
(3 primaries, 3 replicas) and a real Sentinel-watched primary with a replica.

Each test runs once per topology through `create_app({"REDIS_URL": ...})`: the URL's scheme
(`redis://`, `redis+cluster://`, `redis+sentinel://`) picks the client. On the cluster, a key
layout without the right hash tags fails loudly (CROSSSLOT), so these tests are what proves it.
"""

from __future__ import annotations

import json
import shutil

import pytest
import redis
from redis.cluster import RedisCluster

from service import create_app
from service.connections import decoding
from service.keys import KeyStore
from service.references.importer import load_bundled
from service.references.store import PREFIX, ReferenceStore
from service.storage import connect, get_redis, resolve_url
from tests.redis_cluster import SentinelServers
from tests.test_references_store import fact

pytestmark = pytest.mark.skipif(
    shutil.which("redis-cli") is None or shutil.which("redis-server") is None,
    reason="needs redis-server and redis-cli on PATH",
)
ARTICLE = (
    "The 2024 Besham suicide bombing happened on March 26, 2024. Operation Zarb-e-Azb, "
    "launched in 2014, killed about 3,500 militants in North Waziristan."
)


@pytest.fixture(params=["redis", "cluster", "sentinel"])
def url(request) -> str:
    """The service's REDIS_URL on each topology, with every key deleted first."""
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        redis.Redis.from_url(server.url).flushall()
        return server.url
    if request.param == "cluster":
        cluster = request.getfixturevalue("redis_cluster")
        cluster.flushall()
        return cluster.url
    sentinel = request.getfixturevalue("redis_sentinel")
    found = sentinel_url(sentinel)
    connect(found).flushall()
    return found


def sentinel_url(servers: SentinelServers) -> str:
    """REDIS_SENTINELS and REDIS_SENTINEL_MASTER, as `resolve_url` spells them."""
    settings = {"REDIS_URL": None, "REDIS_SENTINELS": servers.sentinels}
    url = resolve_url({**settings, "REDIS_SENTINEL_MASTER": servers.MASTER})
    assert url == f"redis+sentinel://{servers.sentinels}/{servers.MASTER}"
    return url


@pytest.fixture
def db(url):
    client = connect(url)
    yield client
    client.close()


def make_app(url: str, **config):
    settings = {"TESTING": True, "REDIS_URL": url, "LOAD_BUNDLED_REFERENCES": False}
    settings |= {"AUTH_DISABLED": True, "RATE_LIMIT": "off"}
    return create_app(settings | config)


@pytest.fixture
def client(url):
    return make_app(url).test_client()


def state(db) -> dict:
    """Every key with its serialised value (across every primary of a cluster)."""
    raw = decoding(db, decode=False)
    return {key: raw.dump(key) for key in raw.scan_iter()}


def test_the_app_builds_the_right_client(url):
    app = make_app(url)
    with app.app_context():
        client = get_redis()
        assert isinstance(client, RedisCluster) == url.startswith("redis+cluster://")
        assert client.ping()
    if url.startswith("redis+cluster://"):
        assert "redis_pool" not in app.extensions  # one RedisCluster per process, shared
        with app.app_context():
            assert get_redis() is app.extensions["redis"]


def test_import_is_idempotent_and_a_bad_file_changes_nothing(client, db):
    body = json.dumps([fact(), fact(metric="injured", value=12)])
    first = client.post("/v1/references", data=body, content_type="application/json")
    assert first.status_code == 200, first.get_data(as_text=True)
    assert first.json["created"] == 2 and first.json["version"] == 1
    again = client.post("/v1/references", data=body, content_type="application/json").json
    assert again["unchanged"] == 2 and again["version"] == 1
    before = state(db)
    bad = json.dumps([fact(value=13), {"subject": "x"}])
    response = client.post("/v1/references", data=bad, content_type="application/json")
    assert response.status_code == 422
    assert state(db) == before


def test_list_filter_page_put_delete(client, db):
    load_bundled(db, packs=False)
    first = client.get("/v1/references?limit=10").json
    second = client.get(f"/v1/references?limit=10&cursor={first['next_cursor']}").json
    assert first["total"] == 14 and len(first["items"]) == 10 and len(second["items"]) == 4
    zarb = client.get("/v1/references?subject=Zarb-i-Azb&metric=killed").json
    assert [f["value"] for f in zarb["items"]] == [3500] and zarb["total"] == 1
    item = client.get("/v1/references?subject=mir+ali&metric=killed").json["items"][0]
    body = {k: v for k, v in item.items() if k != "id"} | {"value": 8}
    assert client.put(f"/v1/references/{item['id']}", json=body).json["value"] == 8
    assert client.delete(f"/v1/references/{item['id']}").status_code == 204
    assert client.get(f"/v1/references/{item['id']}").status_code == 404
    assert not list(db.scan_iter(match=PREFIX + "tmp:*"))


def test_candidates_and_every_reference_key_in_one_slot(db):
    load_bundled(db, packs=False)
    store = ReferenceStore(db)
    found = store.candidates(["besham", "zarb e azb", "nowhere at all"])
    assert {f["subject"] for f in found} >= {"2024 Besham suicide bombing"}
    assert store.round_trips == 2
    if isinstance(db, RedisCluster):
        slots = {db.keyslot(key) for key in db.scan_iter(match="ref:*")}
        assert len(slots) == 1


def test_a_check_and_its_cache_invalidation(client, db):
    load_bundled(db, packs=False)
    result = client.post("/v1/checks", json={"text": ARTICLE, "published_at": "2024-07-01"})
    assert result.status_code == 200, result.get_data(as_text=True)
    verdicts = {c["text"]: c["verdict"] for c in result.json["claims"]}
    assert verdicts["about 3,500"] == verdicts["March 26, 2024"] == "supported"
    cached = client.post("/v1/checks", json={"text": ARTICLE, "published_at": "2024-07-01"})
    assert cached.json == result.json
    store = ReferenceStore(db)
    zarb = next(f for f in store.candidates(["zarb e azb"]) if f["metric"] == "killed")
    changed = {k: v for k, v in zarb.items() if k not in ("id", "matched_terms")}
    client.put(f"/v1/references/{zarb['id']}", json={**changed, "value": 5000})
    again = client.post("/v1/checks", json={"text": ARTICLE, "published_at": "2024-07-01"}).json
    assert again["reference_version"] == result.json["reference_version"] + 1
    assert {c["text"]: c["verdict"] for c in again["claims"]}["about 3,500"] == "contradicted"


def test_wikidata_lookup_cache_and_breaker(url, httpserver):
    from tests.test_sources_wikidata import FakeWikidata

    httpserver.expect_request("/w/api.php").respond_with_handler(FakeWikidata())
    app = make_app(
        url,
        WIKIDATA_ON_DEMAND=True,
        WIKIDATA_API_URL=httpserver.url_for("/w/api.php"),
        SOURCE_RETRIES=0,
    )
    client = app.test_client()
    text = "The 2024 Besham suicide bombing killed six people on March 26, 2024."
    result = client.post("/v1/checks", json={"text": text, "published_at": "2024-04-01"}).json
    assert {c["verdict"] for c in result["claims"]} == {"supported"}
    sources = client.get("/v1/sources").json
    wikidata = next(s for s in sources["sources"] if s["name"] == "wikidata")
    assert wikidata["breaker"] == "closed" and wikidata["facts"] >= 1


def test_api_keys_and_rate_limits_across_two_apps(url, db):
    keys = KeyStore(db)
    key = keys.create("cms", ["check"])[0]
    gone = keys.create("old", ["check"])[0]
    keys.revoke("old")
    assert [k["name"] for k in keys.list()] == ["cms"]
    limited = {"AUTH_DISABLED": False, "RATE_LIMIT": "3/minute"}
    one, two = (make_app(url, **limited).test_client() for _ in "12")
    body = {"text": "Five died."}
    assert one.post("/v1/extract", json=body, headers={"X-API-Key": gone}).status_code == 401
    codes = [
        c.post("/v1/extract", json=body, headers={"X-API-Key": key}).status_code
        for c in (one, two, one, two)
    ]
    assert codes == [200, 200, 200, 429]


def test_cli_loads_references_and_makes_keys(url, db):
    from tests.test_cli import run

    loaded = run("refs", "load", "service/data/references.jsonl", redis_url=url)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout)["created"] == 14
    made = run("keys", "create", "--name", "cms", "--scopes", "check", redis_url=url)
    assert made.returncode == 0, made.stderr
    assert KeyStore(db).list()[0]["name"] == "cms"


def test_sentinel_follows_a_failover(redis_sentinel):
    """Last, as it swaps the roles of the primary and the replica for the rest of the run."""
    url = sentinel_url(redis_sentinel)
    connect(url).flushall()
    client = make_app(url).test_client()
    before = client.post("/v1/references", json=[fact()]).json
    assert before["version"] >= 1
    redis_sentinel.failover()
    for _ in range(50):  # the first request after a failover may meet the old, demoted primary
        response = client.post("/v1/references", json=[fact(value=3600)])
        if response.status_code == 200:
            break
    assert response.json["version"] == before["version"] + 1
    listed = client.get("/v1/references?subject=Zarb-e-Azb").json
    assert [f["value"] for f in listed["items"]] == [3600]


def test_jobs_say_plainly_they_need_a_plain_redis_and_metrics_still_answer(url, client):
    response = client.post("/v1/jobs", json={"articles": [{"text": "Five died."}]})
    if url.startswith("redis+cluster://"):
        assert response.status_code == 501
        assert response.mimetype == "application/problem+json"
        detail = response.get_json(force=True)["detail"]
        assert "Cluster" in detail and "JOBS_REDIS_URL" in detail
    else:
        assert response.status_code == 202
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert "factcheck_http_requests_total" in metrics.get_data(as_text=True)


def test_a_package_import_and_place_look_up(db, tmp_path):
    from service.references.packages import load_package
    from tests.test_packages import MAPPING, SETTINGS, write_package

    folder = write_package(tmp_path, mapping=MAPPING)
    assert load_package(db, str(folder), SETTINGS)["created"] == 3
    assert load_package(db, str(folder), SETTINGS)["unchanged"] == 3
    store = ReferenceStore(db)
    found = store.candidates([], places=["JPN", "valdoria"], metrics=["population"], years=[2023])
    assert sorted(f["subject"] for f in found) == ["Japan", "Valdoria"]
    assert store.round_trips == 2
    if isinstance(db, RedisCluster):
        slots = {db.keyslot(key) for key in db.scan_iter(match="ref:*")}
        assert len(slots) == 1
