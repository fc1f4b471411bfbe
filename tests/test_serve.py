"""`python -m service serve` for real, as `make run` runs it: gunicorn with two workers, metrics
gathered across them, the bundled references loaded, a batch-job worker beside it, a clean
stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
from prometheus_client.parser import text_string_to_metric_families

from service.references.store import VERSION
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parents[1]


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError("the service did not come up")


def test_serve_two_workers(redis_url, redis_client, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATA_DIR": str(tmp_path),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "AUTH_DISABLED": "1",
        "RUN_WORKERS": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "service", "serve"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/readyz", process)
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
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Booting worker" in output and "Shutting down" in output
    assert '"request_id": "' in output  # the access log line carries the id
