"""Hostile and careless input against the real service, each answer printed (issue 12's probe).

    .venv/bin/python bench/hostile.py

Starts a throwaway redis-server on a free loopback port and `python -m service serve`
(gunicorn, gevent workers, one batch-job worker, AUTH_DISABLED=1, default limits) on another,
then replays: chunked bodies past MAX_ARTICLE_BYTES (text, JSON, a JSON Lines import), HTML
nested 255 and 3,000 deep, a <title>, <noscript> and adjacent blocks, a batch with one
oversized article, 50 clients trickling bodies while /healthz is timed, the requests gunicorn
refuses itself, published_at twice, retrieved_at null, 130 requests without a key, /docs,
`keys create --scopes root`, a second instance on the same machine, and /metrics with Redis
stopped. Everything stays on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live import raw_exchange, served  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

LIMIT = 1_000_000


def show(label: str, response: requests.Response | None, note: str = "") -> None:
    if response is None:
        print(f"- {label}: {note}")
        return
    kind = response.headers.get("Content-Type", "-").split(";")[0]
    body = response.text.replace("\n", " ")
    print(f"- {label}: {response.status_code} {kind} {note}\n    {body[:220]}")


def chunks(data: bytes, size: int = 65536):
    """Sent by requests with Transfer-Encoding: chunked (no Content-Length)."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def raw(base: str, request: bytes) -> str:
    """The answer to raw bytes, in one line: status, content type, the body's start."""
    status, headers, body = raw_exchange(base, request)
    kind = next((f"{k}: {v}" for k, v in headers.items() if k.lower() == "content-type"), "-")
    return f"{status} | {kind} | {body[:160].decode('latin-1')}"


def bodies(base: str) -> None:
    print("\n## 1. Bodies without Content-Length (chunked) past MAX_ARTICLE_BYTES")
    text = {"Content-Type": "text/plain"}
    show(
        "extract, chunked, exactly 1,000,000 bytes",
        requests.post(f"{base}/v1/extract", data=chunks(b"x" * LIMIT), headers=text),
    )
    show(
        "extract, chunked, 1,000,001 bytes",
        requests.post(f"{base}/v1/extract", data=chunks(b"x" * (LIMIT + 1)), headers=text),
    )
    big = b'{"text": "' + b"x" * 10_000_000 + b'"}'
    show(
        "checks, chunked JSON, 10 MB",
        requests.post(
            f"{base}/v1/checks", data=chunks(big), headers={"Content-Type": "application/json"}
        ),
    )
    row = {
        "subject": "Mir Ali attack",
        "metric": "killed",
        "value": 7,
        "as_of": "2024-03-16",
        "source": {"name": "T", "url": "https://example.org/a", "retrieved_at": "2024-07-01"},
    }
    rows = []
    for n in range(7000):
        rows.append(json.dumps({**row, "subject": f"Probe event {n}"}))
    jsonl = "\n".join(rows).encode()
    response = requests.post(
        f"{base}/v1/references",
        data=chunks(jsonl),
        headers={"Content-Type": "application/x-ndjson"},
    )
    stored = requests.get(f"{base}/v1/references", params={"subject": "Probe"}).json()["total"]
    show(
        f"references import, chunked JSON Lines, {len(jsonl):,} bytes",
        response,
        f"(facts stored afterwards: {stored})",
    )


def html(base: str) -> None:
    print("\n## 2. HTML")
    for depth in (255, 3000):
        doc = "<div>" * depth + "Seven soldiers were killed." + "</div>" * depth
        response = requests.post(f"{base}/v1/extract", json={"html": doc})
        note = ""
        if response.ok:
            body = response.json()
            note = (
                f"length {body['document']['length']}, claims {[c['text'] for c in body['claims']]}"
            )
        show(f"nested {depth} deep", response, note)
    doc = (
        "<html><head><title>Floods in Vale</title></head><body><noscript>Enable JS, 12 "
        "people agree</noscript><section>42 people died</section><section>13 people died"
        "</section><template><p>99 died</p></template></body></html>"
    )
    body = requests.post(f"{base}/v1/extract", json={"html": doc}).json()
    show(
        "title, noscript, template, sections",
        None,
        f"title {body['document']['title']!r}, text {body['document']['text']!r}",
    )


def batch(base: str) -> None:
    print("\n## 3. A batch with one oversized article")
    articles = [{"text": "7 soldiers were killed."}, {"text": " ".join(map(str, range(2500)))}]
    job = requests.post(f"{base}/v1/jobs", json={"articles": articles}).json()
    deadline = time.monotonic() + 60
    while job["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.3)
        job = requests.get(f"{base}/v1/jobs/{job['id']}").json()
    results = [
        r.get("problem") or {"claims": [c["text"] for c in r["claims"]]}
        for r in job.get("results", [])
    ]
    show("job", None, f"status {job['status']}, progress {job['progress']}, results {results}")


def slow(base: str, clients: int = 50, seconds: float = 6.0) -> None:
    print(f"\n## 4. {clients} clients trickling a body one byte a second")
    host, port = base.removeprefix("http://").split(":")
    stop = threading.Event()
    head = (
        b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    socks = [socket.create_connection((host, int(port))) for _ in range(clients)]
    for sock in socks:
        sock.sendall(head)

    def trickle():
        while not stop.wait(1.0):
            for sock in socks:
                try:
                    sock.sendall(b"x")
                except OSError:
                    pass

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    times, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path, body in (
            ("/healthz", None),
            ("/v1/checks", {"text": f"Five died {len(times)}."}),
        ):
            started = time.perf_counter()
            try:
                requests.request("POST" if body else "GET", base + path, json=body, timeout=10)
                times.append((path, (time.perf_counter() - started) * 1000))
            except requests.RequestException:
                times.append((path, 10_000.0))
        time.sleep(0.2)
    stop.set()
    thread.join(5)
    for sock in socks:
        sock.close()
    for path in ("/healthz", "/v1/checks"):
        ms = sorted(t for p, t in times if p == path)
        show(path, None, f"{len(ms)} probes, median {ms[len(ms) // 2]:.1f} ms, max {ms[-1]:.1f} ms")


def refused(base: str) -> None:
    print("\n## 6. What gunicorn refuses itself")
    show(
        "request line of 5,000 bytes",
        None,
        raw(base, b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
    )
    show(
        "a 9,000-byte header",
        None,
        raw(base, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n"),
    )
    show(
        "a control character in a header",
        None,
        raw(base, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n"),
    )
    show(
        "bad chunk framing",
        None,
        raw(
            base,
            b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
        ),
    )


def contract(base: str) -> None:
    print("\n## 7-11. Contract and friction")
    show(
        "published_at in the query and the body",
        requests.post(
            f"{base}/v1/extract?published_at=2024-03-04",
            json={"text": "Five died.", "published_at": "2024-03-05"},
        ),
    )
    fact = {
        "subject": "Null probe",
        "metric": "killed",
        "value": 7,
        "source": {"name": "T", "url": "https://example.org/b", "retrieved_at": None},
    }
    show(
        "import with source.retrieved_at null", requests.post(f"{base}/v1/references", json=[fact])
    )
    codes, last = {}, None
    for _ in range(130):
        last = requests.post(f"{base}/v1/extract", json={"text": "Five died."})
        codes[last.status_code] = codes.get(last.status_code, 0) + 1
    show(
        "130 requests with AUTH_DISABLED",
        None,
        f"statuses {codes}, Retry-After on a 200: {last.headers.get('Retry-After')}",
    )
    docs = requests.get(f"{base}/docs")
    assets = [a for a in ("swagger-ui-bundle.js", "swagger-ui.css") if a in docs.text]
    js = requests.get(f"{base}/docs/assets/swagger-ui-bundle.js")
    show(
        "/docs",
        None,
        f"{docs.status_code}, Swagger UI assets {assets}, bundle "
        f"{js.status_code} {len(js.content):,} bytes from the app",
    )


def keys_and_instances(redis_url: str, tmp: Path) -> None:
    env = {**os.environ, "REDIS_URL": redis_url}
    done = subprocess.run(
        [sys.executable, "-m", "service", "keys", "create", "--name", "cms", "--scopes", "root"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    show("keys create --scopes root", None, f"exit {done.returncode}: {done.stderr.strip()!r}")
    home = {"HOME": str(tmp / "home"), "XDG_RUNTIME_DIR": str(tmp / "run")}
    with served(redis_url, tmp / "one", **home), served(redis_url, tmp / "two", **home):
        sockets = [str(p) for p in tmp.glob("home/.gunicorn/*")] + [
            str(p) for p in tmp.glob("run/*")
        ]
    show("two instances on one machine", None, f"control sockets left around: {sockets or 'none'}")


def redis_down(base: str, redis_server: RedisServer) -> None:
    print("\n## 5. Redis stopped")
    redis_server.stop()
    show("/readyz", requests.get(f"{base}/readyz"))
    metrics = requests.get(f"{base}/metrics")
    up = [line for line in metrics.text.splitlines() if line.startswith("factcheck_redis_up")]
    show("/metrics", None, f"{metrics.status_code}, {up}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        redis_server = RedisServer(tmp / "redis").start()
        try:
            with served(redis_server.url, tmp / "var", RUN_WORKERS="1") as (base, _):
                print(f"service under gunicorn at {base}, redis-server at {redis_server.url}")
                bodies(base)
                html(base)
                batch(base)
                slow(base)
                refused(base)
                contract(base)
                keys_and_instances(redis_server.url, tmp)
                redis_down(base, redis_server)
        finally:
            redis_server.stop()


if __name__ == "__main__":
    main()
