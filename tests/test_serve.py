"""`python -m service serve` for real, as `make run` runs it: gunicorn with two workers, metrics
gathered across them, the bundled references loaded, a batch-job worker beside it, a clean
stop."""

from __future__ import annotations

import time

import requests
from prometheus_client.parser import text_string_to_metric_families

from service.references.store import VERSION
from tests.live import served


def test_serve_two_workers(redis_url, redis_client, tmp_path):
    env = {"WEB_CONCURRENCY": "2", "RUN_WORKERS": "1", "LOAD_BUNDLED_REFERENCES": "1"}
    with served(redis_url, tmp_path, **env) as (base, process):
        assert redis_client.get(VERSION)  # the bundled references were loaded
        session = requests.Session()
        for _ in range(20):
            r = session.post(f"{base}/v1/extract", json={"text": "Five died."}, timeout=5)
            assert r.status_code == 200
            session = requests.Session()  # new connections, spread over both workers
        text = requests.get(f"{base}/metrics", timeout=5).text
        counted = sum(
            s.value
            for f in text_string_to_metric_families(text)
            for s in f.samples
            if s.name == "factcheck_http_requests_total" and s.labels["endpoint"] == "/v1/extract"
        )
        assert counted == 20
        job = requests.post(f"{base}/v1/jobs", json={"articles": [{"text": "Five died."}]}).json()
        deadline = time.monotonic() + 30
        while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.2)
            job = requests.get(f"{base}/v1/jobs/{job['id']}", timeout=5).json()
        assert job["status"] == "done"  # the worker `serve` started did it
        assert job["results"][0]["claims"][0]["value"] == 5
    output = process.output
    assert process.returncode == 0
    assert "Booting worker" in output and "Shutting down" in output
    assert '"request_id": "' in output  # the access log line carries the id
