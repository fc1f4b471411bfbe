"""Batch jobs end to end: the API, real `python -m service worker` processes on the test Redis,
and a real local HTTP server receiving the callbacks."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from werkzeug import Response

from service import create_app
from service.keys import KeyStore
from service.references.importer import load_bundled
from tests.processes import descendants

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SECRET = "test-webhook-secret"
STORIES = ("floods_river_vale", "strike_port_arrests", "wildfire_vague_counts")
ZARB = "In {year}, Pakistan launched Operation Zarb-e-Azb in North Waziristan."


def article(name: str) -> dict:
    meta = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return {"text": text, "published_at": meta["published_at"], "title": name}


@pytest.fixture
def settings(redis_url, tmp_path) -> dict:
    return {
        "REDIS_URL": redis_url,
        "DATA_DIR": str(tmp_path / "var"),
        "CALLBACK_ALLOWED_HOSTS": "127.0.0.1",
        "CALLBACK_RETRY_DELAYS": "1,1,1",
        "WEBHOOK_SECRET": SECRET,
        "WORKER_HEARTBEAT": "1",
        "LOG_LEVEL": "INFO",
    }


@pytest.fixture
def jobs_client(settings, redis_client):
    load_bundled(redis_client, only_if_empty=False)
    overrides = {k: v for k, v in settings.items() if k not in ("WORKER_HEARTBEAT", "DATA_DIR")}
    app = create_app(
        {**overrides, "TESTING": True, "LOAD_BUNDLED_REFERENCES": False, "AUTH_DISABLED": True}
    )
    return app.test_client()


class Workers:
    """`python -m service worker` processes, each logging to its own file; all killed at the end."""

    def __init__(self, settings: dict, logs: Path):
        self.env = {**os.environ, **settings, "PYTHONUNBUFFERED": "1"}
        self.logs = logs
        self.started: list[subprocess.Popen] = []

    def start(self, *args: str, **env: str) -> subprocess.Popen:
        log = self.logs / f"worker{len(self.started)}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "service", "worker", *args],
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.started.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the worker and everything it forked (work horse, scheduler): a lost host."""
        for pid in [*descendants(process.pid), process.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait(10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                self.kill(process)


@pytest.fixture
def workers(settings, tmp_path):
    pool = Workers(settings, tmp_path)
    yield pool
    pool.stop_all()


def wait_for(client, location: str, done, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(location).get_json()
        if done(job):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.1)


def submit(client, articles: list[dict], **fields) -> str:
    response = client.post("/v1/jobs", json={"articles": articles, **fields})
    assert response.status_code == 202, response.get_data(as_text=True)
    return response.headers["Location"]


def checked(client, articles: list[dict]) -> list[dict]:
    results = []
    for item in articles:
        response = client.post("/v1/checks", json=item)
        assert response.status_code == 200
        results.append(response.get_json())
    return results


def verify(request, secret: str) -> None:
    timestamp = request.headers["X-Signature-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 120
    message = timestamp.encode() + b"." + request.get_data()
    expected = "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request.headers["X-Signature"], expected)


def test_a_job_runs_to_the_end_and_its_signed_callback_arrives(jobs_client, workers, receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("thanks")
    articles = [{"text": ZARB.format(year=2014)}, {"text": ZARB.format(year=2016)}]
    articles.append(article(STORIES[0]))
    location = submit(jobs_client, articles, callback_url=receiver.url_for("/hook"))

    burst = workers.start("--burst")
    assert burst.wait(60) == 0, burst.log.read_text()

    job = jobs_client.get(location).get_json()
    assert job["status"] == "done", job
    assert job["progress"] == {"done": 3, "failed": 0, "total": 3}
    assert job["results"] == checked(jobs_client, articles)
    verdicts = [[c["verdict"] for c in r["claims"]] for r in job["results"][:2]]
    assert verdicts == [["supported"], ["contradicted"]]
    assert job["finished_at"] >= job["created_at"]
    assert job["callback"]["status"] == "delivered" and job["callback"]["attempts"] == 1

    [(request, _response)] = receiver.log
    verify(request, SECRET)
    sent = json.loads(request.get_data())
    assert sent["id"] == job["id"] and sent["status"] == "done"
    assert sent["results"] == job["results"]
    assert request.headers["Content-Type"] == "application/json"


def test_a_failing_callback_is_retried_until_it_is_taken(jobs_client, workers, receiver):
    answers = iter([Response("down", status=500), Response("ok", status=200)])
    receiver.expect_request("/hook", method="POST").respond_with_handler(lambda _r: next(answers))
    location = submit(jobs_client, [article(STORIES[0])], callback_url=receiver.url_for("/hook"))

    workers.start()  # not --burst: the retry is scheduled a second later
    job = wait_for(jobs_client, location, lambda j: j["callback"]["status"] != "pending")

    assert job["callback"]["status"] == "delivered", job["callback"]
    assert job["callback"]["attempts"] == 2
    assert [response.status_code for _, response in receiver.log] == [500, 200]
    for request, _ in receiver.log:
        verify(request, SECRET)


def test_a_callback_that_never_succeeds_ends_as_failed(jobs_client, workers, receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("no", status=503)
    location = submit(jobs_client, [article(STORIES[0])], callback_url=receiver.url_for("/hook"))

    workers.start(CALLBACK_RETRY_DELAYS="0,0")
    job = wait_for(jobs_client, location, lambda j: j["callback"]["status"] != "pending")

    assert job["status"] == "done"
    assert job["callback"]["status"] == "failed"
    assert job["callback"]["attempts"] == 3
    assert "503" in job["callback"]["last_error"]
    assert len(receiver.log) == 3


def test_a_callback_is_vetted_again_at_delivery(jobs_client, workers, receiver):
    """Allowed when submitted, refused when delivered: the worker's allow-list no longer has it
    (as when a host re-resolves to an internal address)."""
    receiver.expect_request("/hook", method="POST").respond_with_data("thanks")
    location = submit(jobs_client, [article(STORIES[0])], callback_url=receiver.url_for("/hook"))

    burst = workers.start("--burst", CALLBACK_ALLOWED_HOSTS="")
    assert burst.wait(60) == 0, burst.log.read_text()

    job = jobs_client.get(location).get_json()
    assert job["status"] == "done"
    assert job["callback"]["status"] == "failed"
    assert "loopback" in job["callback"]["last_error"]
    assert receiver.log == []


def test_a_keys_job_is_signed_with_that_keys_secret(settings, redis_client, workers, receiver):
    overrides = {k: v for k, v in settings.items() if k not in ("WORKER_HEARTBEAT", "DATA_DIR")}
    app = create_app({**overrides, "TESTING": True, "LOAD_BUNDLED_REFERENCES": False})
    key, secret = KeyStore(redis_client).create("desk", ["check"])
    receiver.expect_request("/hook", method="POST").respond_with_data("thanks")
    response = app.test_client().post(
        "/v1/jobs",
        json={"articles": [article(STORIES[1])], "callback_url": receiver.url_for("/hook")},
        headers={"X-API-Key": key},
    )
    assert response.status_code == 202

    burst = workers.start("--burst")
    assert burst.wait(60) == 0, burst.log.read_text()

    [(request, _response)] = receiver.log
    verify(request, secret)
    assert secret != SECRET


def test_a_job_whose_worker_is_killed_is_finished_by_another(jobs_client, workers):
    articles = [article(name) for name in STORIES * 2]
    location = submit(jobs_client, articles)

    first = workers.start(JOB_ARTICLE_DELAY="0.7")
    running = wait_for(jobs_client, location, lambda j: j["progress"]["done"] >= 2)
    workers.kill(first)
    killed_at = jobs_client.get(location).get_json()
    assert killed_at["status"] == "running", running
    assert 2 <= killed_at["progress"]["done"] < len(articles)

    second = workers.start(JOB_ARTICLE_DELAY="0.7")
    job = wait_for(jobs_client, location, lambda j: j["status"] != "running", timeout=90)

    assert job["status"] == "done", (job, second.log.read_text())
    assert job["progress"] == {"done": 6, "failed": 0, "total": 6}
    assert job["results"] == checked(jobs_client, articles)
    log = second.log.read_text()
    assert "resumes with" in log, log
    assert f"{killed_at['progress']['done']} of 6 articles already checked" in log


def test_a_job_out_of_retries_ends_as_failed(settings, redis_client, workers):
    overrides = {k: v for k, v in settings.items() if k not in ("WORKER_HEARTBEAT", "DATA_DIR")}
    app = create_app(
        {**overrides, "TESTING": True, "LOAD_BUNDLED_REFERENCES": False, "AUTH_DISABLED": True}
    )
    client = app.test_client()
    app.config["JOB_RETRIES"] = 0
    location = submit(client, [article(name) for name in STORIES])

    first = workers.start(JOB_ARTICLE_DELAY="0.7")
    wait_for(client, location, lambda j: j["progress"]["done"] >= 1)
    workers.kill(first)
    workers.start()
    job = wait_for(client, location, lambda j: j["status"] != "running", timeout=90)

    assert job["status"] == "failed"
    assert job["error"] == "The worker running the job stopped, and no retry is left."
    assert job["finished_at"] and "results" not in job


def test_an_article_refused_as_too_big_gets_its_own_problem_and_the_job_ends_done(
    jobs_client, workers, receiver
):
    receiver.expect_request("/hook", method="POST").respond_with_data("thanks")
    articles = [{"text": "7 soldiers were killed."}, {"text": "1, 2, 3, 4 and 5 people."}]
    articles.append({"text": "Five died."})
    location = submit(jobs_client, articles, callback_url=receiver.url_for("/hook"))
    workers.start("--burst", MAX_CLAIMS="3").wait(timeout=60)
    job = jobs_client.get(location).get_json()
    assert job["status"] == "done", job
    assert job["progress"] == {"done": 3, "failed": 1, "total": 3}
    first, refused, third = job["results"]
    assert first["claims"][0]["value"] == 7 and third["claims"][0]["value"] == 5
    assert refused == {
        "problem": {
            "type": "/docs#problem-too-many-claims",
            "title": "Too many claims",
            "status": 422,
            "detail": refused["problem"]["detail"],
        }
    }
    assert refused["problem"]["detail"].startswith("The text holds 5 numeric claims")
    [(request, _response)] = receiver.log
    sent = json.loads(request.get_data())
    assert sent["status"] == "done" and sent["progress"]["failed"] == 1
    assert sent["results"] == job["results"]
