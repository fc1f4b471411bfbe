"""Slow clients against the real service: do /healthz and a check stay fast while 50 clients
trickle their request bodies one byte a second?

    .venv/bin/python bench/slow_clients.py [--clients 50] [--seconds 15] [--compare-sync]

Starts a throwaway redis-server on a free loopback port (bundled references loaded) and
`python -m service serve` (gunicorn as configured: gevent workers, WEB_CONCURRENCY=2). First
the baseline: /healthz and `POST /v1/checks` timed with nobody else around. Then --clients
sockets each send the headers of a `POST /v1/extract` with a 100,000-byte Content-Length and
one body byte a second, while the same two requests are timed again (a new connection and a
new article each, every 0.2 s: no check-cache hits). Prints p50 / p99 / max in ms and the
ratio to the baseline. With --compare-sync the same run is repeated with gunicorn's stock sync
workers (GUNICORN_CMD_ARGS), the set-up before this change, as the figure to compare with.
Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.references.importer import load_bundled  # noqa: E402
from service.storage import connect  # noqa: E402
from tests.live import served  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

ARTICLE = "Seven soldiers were killed in the Mir Ali attack on March 16, 2024, said {}."
TIMEOUT = 10.0  # a probe slower than this counts as this
_probes = iter(range(10**9))


def word(n: int) -> str:
    """n as letters: a new article each probe (never a check-cache hit), with no new claim."""
    return "".join(chr(97 + int(d)) for d in str(n))


def probe(base: str) -> tuple[float, float]:
    """ms for one /healthz and one check, each on a new connection."""
    out = []
    article = {"text": ARTICLE.format(word(next(_probes)))}
    for method, path, body in (("GET", "/healthz", None), ("POST", "/v1/checks", article)):
        started = time.perf_counter()
        try:
            response = requests.request(method, base + path, json=body, timeout=TIMEOUT)
            assert response.status_code == 200, response.text
            out.append((time.perf_counter() - started) * 1000)
        except requests.RequestException:
            out.append(TIMEOUT * 1000)
    return out[0], out[1]


def trickle(base: str, clients: int, stop: threading.Event) -> None:
    """`clients` sockets sending a POST body one byte a second each, until `stop`."""
    host, port = base.removeprefix("http://").split(":")
    head = (
        b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    sockets = []
    for _ in range(clients):
        sock = socket.create_connection((host, int(port)), timeout=5)
        sock.sendall(head)
        sockets.append(sock)
    while not stop.wait(1.0):
        for sock in list(sockets):
            try:
                sock.sendall(b"x")
            except OSError:
                sockets.remove(sock)  # dropped by the server
    for sock in sockets:
        sock.close()


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered):7.1f}  p99 {p99:7.1f}  max {ordered[-1]:7.1f}"


def run(base: str, clients: int, seconds: float, label: str) -> None:
    baseline = [probe(base) for _ in range(20)]
    stop = threading.Event()
    thread = threading.Thread(target=trickle, args=(base, clients, stop), daemon=True)
    thread.start()
    time.sleep(2.0)  # every slow client connected and trickling
    loaded = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        loaded.append(probe(base))
        time.sleep(0.2)
    stop.set()
    thread.join(10)
    print(f"\n{label}: {clients} clients trickling 1 byte/s, {len(loaded)} probes over {seconds}s")
    for i, name in enumerate(("/healthz", "POST /v1/checks")):
        before, under = [b[i] for b in baseline], [u[i] for u in loaded]
        ratio = statistics.median(under) / statistics.median(before)
        print(f"  {name:16} alone:   {summary(before)} ms")
        print(f"  {'':16} trickle: {summary(under)} ms   (p50 x{ratio:.1f} of alone)")
        print(f"  {'':16} under 100 ms while trickling: {sum(u < 100 for u in under)}/{len(under)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--compare-sync", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        redis_server = RedisServer(Path(tmp) / "redis").start()
        try:
            load_bundled(connect(redis_server.url, 2.0), only_if_empty=False)
            env = {"RATE_LIMIT": "off"}
            with served(redis_server.url, Path(tmp) / "var", **env) as (base, _):
                run(base, args.clients, args.seconds, "gevent workers (as configured)")
            if args.compare_sync:
                sync = {**env, "GUNICORN_CMD_ARGS": "--worker-class sync"}
                with served(redis_server.url, Path(tmp) / "var2", **sync) as (base, _):
                    run(base, args.clients, args.seconds, "sync workers (before)")
        finally:
            redis_server.stop()


if __name__ == "__main__":
    main()
