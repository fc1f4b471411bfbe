"""`python -m service serve` for real on a free loopback port, for tests that need gunicorn."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

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


@contextlib.contextmanager
def served(redis_url: str, data_dir: Path, **env: str):
    """The service under gunicorn; yields (base URL, process); SIGTERM and a clean exit after."""
    port = free_port()
    environ = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATA_DIR": str(data_dir),
        "BIND": f"127.0.0.1:{port}",
        "AUTH_DISABLED": "1",
        "LOAD_BUNDLED_REFERENCES": "0",
        **env,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "service", "serve"],
        cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.output = process.communicate(timeout=30)[0]


def raw_exchange(base: str, request: bytes) -> tuple[str, dict, bytes]:
    """Send raw bytes to the service and read the answer to its end: (status line, headers,
    body). For requests no HTTP client would send."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return status, headers, body
