"""Batch jobs beside a Redis Cluster: the references, the check cache, the API keys and the
watches on a real 6-node cluster (REDIS_URL), the jobs' queues and records on a real plain
redis-server (JOBS_REDIS_URL), real `python -m service worker` processes and a real callback
receiver. Also: a queue Redis that stops (503, not 500) and comes back, and the start-up
errors for a cluster JOBS_REDIS_URL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import redis
from werkzeug import Response

from service import create_app
from service.config import ConfigError
from service.connections import connect, decoding, resolve_jobs_url
from service.keys import KeyStore
from service.references.importer import load_bundled
from service.watch.queue import STATS
from tests.redis_server import RedisServer
from tests.test_jobs_worker import ROOT, STORIES, ZARB, Workers, article, verify, wait_for
from tests.test_spec import conforms
from tests.test_watch import MIR_ALI

needs_cluster = pytest.mark.skipif(
    shutil.which("redis-cli") is None or shutil.which("redis-server") is None,
    reason="needs redis-server and redis-cli on PATH",
)
SECRET = "test-webhook-secret"


@pytest.fixture(scope="module")
def queue_server(tmp_path_factory):
    """The queue Redis: a plain redis-server of its own, beside the cluster."""
    server = RedisServer(tmp_path_factory.mktemp("queue")).start()
    yield server
    server.stop()


@pytest.fixture
def topology(redis_cluster, queue_server):
    """(cluster client, queue client), both emptied first."""
    redis_cluster.flushall()
    queue = redis.Redis.from_url(queue_server.url, decode_responses=True)
    queue.flushall()
    cluster = connect(redis_cluster.url)
    load_bundled(cluster, only_if_empty=False)
    yield cluster, queue
    cluster.close()
    queue.close()


@pytest.fixture
def settings(redis_cluster, queue_server, tmp_path) -> dict:
    return {
        "REDIS_URL": redis_cluster.url,
        "JOBS_REDIS_URL": queue_server.url,
        "DATA_DIR": str(tmp_path / "var"),
        "CALLBACK_ALLOWED_HOSTS": "127.0.0.1",
        "CALLBACK_RETRY_DELAYS": "1,1",
        "WEBHOOK_SECRET": SECRET,
        "WORKER_HEARTBEAT": "1",
        "LOG_LEVEL": "INFO",
    }


@pytest.fixture
def workers(settings, tmp_path):
    pool = Workers(settings, tmp_path)
    yield pool
    pool.stop_all()


def make_app(settings: dict, **config):
    overrides = {k: v for k, v in settings.items() if k not in ("WORKER_HEARTBEAT", "DATA_DIR")}
    base = {"TESTING": True, "LOAD_BUNDLED_REFERENCES": False, "RATE_LIMIT": "off"}
    return create_app({**overrides, **base, **config})


def burst(workers) -> None:
    process = workers.start("--burst")
    assert process.wait(120) == 0, process.log.read_text()
    assert "its own queue Redis (JOBS_REDIS_URL)" in process.log.read_text()


def keys(client, pattern: str) -> set[str]:
    """Every key matching `pattern` (on a cluster: across every primary)."""
    raw = decoding(client, decode=False)
    return {k.decode() for k in raw.scan_iter(match=pattern)}


@needs_cluster
def test_a_batch_job_on_the_cluster_runs_through_its_own_queue_redis(
    topology, settings, workers, receiver
):
    cluster, queue = topology
    key, secret = KeyStore(cluster).create("desk", ["check"])  # the key lives on the cluster
    client = make_app(settings).test_client()
    headers = {"X-API-Key": key}
    receiver.expect_request("/hook", method="POST").respond_with_data("thanks")
    articles = [{"text": ZARB.format(year=2014)}, {"text": ZARB.format(year=2016)}]
    articles.append(article(STORIES[0]))
    body = {"articles": articles, "callback_url": receiver.url_for("/hook")}
    response = client.post("/v1/jobs", json=body, headers=headers)
    assert response.status_code == 202, response.get_data(as_text=True)
    job_id = response.get_json()["id"]
    assert queue.exists(f"jobs:{job_id}") and not cluster.exists(f"jobs:{job_id}")
    assert keys(queue, "rq:*") and not keys(cluster, "rq:*")

    burst(workers)

    job = client.get(response.headers["Location"], headers=headers).get_json()
    assert job["status"] == "done", job
    assert job["progress"] == {"done": 3, "failed": 0, "total": 3}
    verdicts = [[c["verdict"] for c in r["claims"]] for r in job["results"][:2]]
    assert verdicts == [["supported"], ["contradicted"]]
    assert job["callback"]["status"] == "delivered" and job["callback"]["attempts"] == 1
    [(request, _response)] = receiver.log
    verify(request, secret)  # the key's own secret, read from the cluster by the worker
    assert json.loads(request.get_data())["results"] == job["results"]

    # the job's keys and RQ's on the queue Redis, none on the cluster
    assert {f"jobs:{job_id}", f"jobs:{job_id}:articles", f"jobs:{job_id}:results"} <= keys(
        queue, "jobs:*"
    )
    assert keys(queue, f"rq:job:{job_id}*")
    assert not keys(cluster, "jobs:*") and not keys(cluster, "rq:*")
    # the work's data on the cluster: the worker's check results are cached there, none on
    # the queue Redis (so the API's checks of the same articles are cache hits)
    cached = keys(cluster, "check:*")
    assert len(cached) == 3
    assert not keys(queue, "check:*") and not keys(queue, "ref:*") and not keys(queue, "auth:*")
    for item, result in zip(articles, job["results"], strict=True):
        assert client.post("/v1/checks", json=item, headers=headers).get_json() == result
    assert keys(cluster, "check:*") == cached


@needs_cluster
def test_a_reference_change_on_the_cluster_rechecks_a_watch_through_the_queue_redis(
    topology, settings, workers, receiver
):
    cluster, queue = topology
    store_keys = KeyStore(cluster)
    newsroom, secret = store_keys.create("newsroom", ["check"])
    admin, _ = store_keys.create("desk", ["check", "admin"])
    client = make_app(settings).test_client()
    receiver.expect_request("/alerts", method="POST").respond_with_data("ok")
    watched = client.post(
        "/v1/checks",
        json={"text": MIR_ALI, "published_at": "2024-07-01", "watch": True, "id": "story-1",
              "url": "https://news.example/story-1", "callback_url": receiver.url_for("/alerts")},
        headers={"X-API-Key": newsroom},
    )  # fmt: skip
    assert watched.status_code == 200, watched.get_data(as_text=True)
    assert watched.get_json()["claims"][0]["verdict"] == "supported"
    assert keys(cluster, "watch:{watch}:article:*") and not keys(queue, "watch:*")

    query = "/v1/references?subject=Mir+Ali+attack&metric=killed"
    listed = client.get(query, headers={"X-API-Key": newsroom})
    [fact] = listed.get_json()["items"]
    row = {k: v for k, v in fact.items() if k != "id"} | {"value": 9}
    revised = client.post("/v1/references", json=[row], headers={"X-API-Key": admin})
    assert revised.status_code == 200, revised.get_data(as_text=True)
    version = revised.get_json()["version"]
    # the write logged its change on the cluster and queued the re-check on the queue Redis
    assert cluster.llen("ref:{ref}:changes") == 1
    assert queue.exists(f"rq:job:watch-changes-{version}")
    assert not keys(cluster, "rq:*")

    burst(workers)

    [(request, _)] = receiver.log
    verify(request, secret)
    alert = json.loads(request.get_data())
    assert (alert["old"]["verdict"], alert["new"]["verdict"]) == ("supported", "contradicted")
    assert alert["fact"]["reference_id"] == fact["id"] and alert["fact"]["value"] == 9
    assert cluster.llen("ref:{ref}:changes") == 0
    assert float(cluster.hget(STATS, "rechecked")) == 1
    assert keys(queue, "watch:{watch}:alert:*") and not keys(cluster, "watch:{watch}:alert:*")
    history = client.get("/v1/articles/story-1", headers={"X-API-Key": newsroom}).get_json()
    toll = history["claims"][0]
    assert [h["verdict"] for h in toll["history"]] == ["supported", "contradicted"]


@needs_cluster
def test_a_worker_takes_its_jobs_from_a_sentinel_queue_beside_the_cluster(
    topology, settings, redis_sentinel, workers, receiver
):
    """A Sentinel-watched queue, with RQ's scheduler (a callback retried) running on it too."""
    from tests.test_cluster import sentinel_url

    cluster, _queue = topology
    url = sentinel_url(redis_sentinel)
    connect(url).flushall()
    settings["JOBS_REDIS_URL"] = workers.env["JOBS_REDIS_URL"] = url
    answers = iter([Response("down", status=500), Response("ok", status=200)])
    receiver.expect_request("/hook", method="POST").respond_with_handler(lambda _r: next(answers))
    client = make_app(settings, AUTH_DISABLED=True).test_client()
    body = {
        "articles": [{"text": ZARB.format(year=2014)}],
        "callback_url": receiver.url_for("/hook"),
    }
    response = client.post("/v1/jobs", json=body)
    assert response.status_code == 202, response.get_data(as_text=True)
    assert connect(url).exists(f"jobs:{response.get_json()['id']}")

    worker = workers.start()  # not --burst: the retry is scheduled a second later
    job = wait_for(
        client, response.headers["Location"], lambda j: j["callback"]["status"] != "pending"
    )

    assert job["status"] == "done", job
    assert [c["verdict"] for c in job["results"][0]["claims"]] == ["supported"]
    assert job["callback"]["status"] == "delivered", (job, worker.log.read_text())
    assert job["callback"]["attempts"] == 2
    for request, _ in receiver.log:
        verify(request, SECRET)
    assert not keys(cluster, "jobs:*") and not keys(cluster, "rq:*")
    ready = client.get("/readyz").get_json()
    assert ready == {"status": "ready", "redis": "ok", "jobs_redis": "ok"}
    conforms(ready, "Ready")


@needs_cluster
def test_without_a_queue_redis_a_worker_on_the_cluster_refuses_to_start(redis_cluster, tmp_path):
    pool = Workers({"REDIS_URL": redis_cluster.url, "DATA_DIR": str(tmp_path / "var")}, tmp_path)
    process = pool.start("--burst")
    assert process.wait(60) != 0
    log = process.log.read_text()
    assert "Redis Cluster" in log and "JOBS_REDIS_URL" in log


def test_a_queue_redis_outage_is_503_on_the_job_routes_and_they_recover(redis_url, tmp_path):
    """Main Redis up, the queue Redis (a real redis-server) stopped and started again."""
    queue = RedisServer(tmp_path / "queue").start()
    try:
        app = create_app(
            {"TESTING": True, "REDIS_URL": redis_url, "JOBS_REDIS_URL": queue.url,
             "REDIS_TIMEOUT": 0.5, "AUTH_DISABLED": True, "RATE_LIMIT": "off",
             "LOAD_BUNDLED_REFERENCES": False}
        )  # fmt: skip
        client = app.test_client()
        body = {"articles": [{"text": "Five died."}]}
        submitted = client.post("/v1/jobs", json=body)
        assert submitted.status_code == 202
        location = submitted.headers["Location"]
        assert client.get("/readyz").get_json()["jobs_redis"] == "ok"
        queue.stop()

        for response in (client.post("/v1/jobs", json=body), client.get(location)):
            assert response.status_code == 503, response.get_data(as_text=True)
            assert response.mimetype == "application/problem+json"
            problem = response.get_json(force=True)
            assert problem["type"] == "/docs#problem-service-unavailable"
            assert "JOBS_REDIS_URL" in problem["detail"]
            assert response.headers["Retry-After"] == "5"
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.mimetype == "application/problem+json"
        assert "JOBS_REDIS_URL" in ready.get_json(force=True)["detail"]
        # the rest of the service is on REDIS_URL and goes on
        assert client.post("/v1/checks", json={"text": "Five died."}).status_code == 200
        metrics = client.get("/metrics").get_data(as_text=True)
        assert "factcheck_redis_up 1.0" in metrics and "factcheck_jobs_redis_up 0.0" in metrics
        assert "factcheck_job_queue_depth" not in metrics

        queue.start()  # the same data directory: the job is still there
        assert client.get(location).get_json()["status"] == "queued"
        assert client.get("/readyz").status_code == 200
        metrics = client.get("/metrics").get_data(as_text=True)
        assert "factcheck_jobs_redis_up 1.0" in metrics
        assert 'factcheck_job_queue_depth{queue="jobs"} 1.0' in metrics
    finally:
        queue.stop()
    assert not redis.Redis.from_url(redis_url).keys("jobs:*")  # nothing of the jobs on REDIS_URL


def test_a_reference_import_on_the_command_line_queues_the_recheck_on_the_queue_redis(
    redis_client, redis_url, queue_server, tmp_path
):
    from service.references.changes import WATCHING

    queue = redis.Redis.from_url(queue_server.url, decode_responses=True)
    queue.flushall()
    redis_client.set(WATCHING, 1)  # an article is watched: writes log their changes
    env = {**os.environ, "REDIS_URL": redis_url, "JOBS_REDIS_URL": queue_server.url,
           "DATA_DIR": str(tmp_path / "var")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "service", "refs", "load", "service/data/references.jsonl"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    version = json.loads(done.stdout)["version"]
    assert redis_client.llen("ref:{ref}:changes") == 1
    assert queue.exists(f"rq:job:watch-changes-{version}")
    assert not redis_client.keys("rq:*")


CLUSTER_URL = "redis+cluster://127.0.0.1:7000,127.0.0.1:7001"


def test_a_cluster_jobs_redis_url_stops_the_app_at_start():
    with pytest.raises(ConfigError, match="JOBS_REDIS_URL") as info:
        create_app({"TESTING": True, "JOBS_REDIS_URL": CLUSTER_URL})
    assert "Cluster" in str(info.value) and "redis://" in str(info.value)
    with pytest.raises(ConfigError, match="JOBS_REDIS_URL must start with"):
        create_app({"TESTING": True, "JOBS_REDIS_URL": "http://127.0.0.1:6379"})


@pytest.mark.parametrize(
    "command", [["worker", "--burst"], ["serve"], ["refs", "load", "service/data/references.jsonl"]]
)
def test_a_cluster_jobs_redis_url_stops_the_commands_at_start(command, tmp_path):
    env = {**os.environ, "JOBS_REDIS_URL": CLUSTER_URL, "DATA_DIR": str(tmp_path / "var")}
    done = subprocess.run(
        [sys.executable, "-m", "service", *command],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert "JOBS_REDIS_URL may not be a Redis Cluster" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "var").exists()  # refused before any embedded Redis was started


def test_jobs_redis_url_unset_or_the_same_as_redis_url_means_one_redis():
    assert resolve_jobs_url({"REDIS_URL": None, "JOBS_REDIS_URL": None}) is None
    same = "redis://127.0.0.1:6379/0"
    assert resolve_jobs_url({"REDIS_URL": same, "JOBS_REDIS_URL": same}) is None
    other = "redis://127.0.0.1:6380/0"
    assert resolve_jobs_url({"REDIS_URL": same, "JOBS_REDIS_URL": other}) == other
