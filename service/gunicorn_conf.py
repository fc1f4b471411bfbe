"""gunicorn settings for `python -m service serve`, read from `Config`.

The master starts (or joins) the embedded Redis before forking, so every worker shares one
server, and stops it on exit; it also runs RUN_WORKERS batch-job workers beside itself.
Metrics of all workers are gathered through the multiprocess directory `serve` set up
(PROMETHEUS_MULTIPROC_DIR). Logs go to stdout.

Workers are gevent's (`Worker` below): each connection is a greenlet, so a slow client (one
trickling its body a byte a second) holds one of WORKER_CONNECTIONS connections, never a whole
worker; a client silent for REQUEST_READ_TIMEOUT seconds is dropped (408 mid-body), and headers
must arrive within `keepalive` seconds. CPU-bound work (a check) still runs one at a time per
worker: WEB_CONCURRENCY sets how many run at once.

The errors gunicorn answers itself, before the app sees the request (a request line over
`limit_request_line`, too many or too large headers, a control character in a header, bad
chunked framing), are written as `application/problem+json` too (`write_problem`).
The control socket (`gunicornc`) is off: two instances on one machine would share its default
path, and stopping one removed the other's.
"""

from __future__ import annotations

import gevent
from gevent import monkey

monkey.patch_all()  # first, before ssl, socket or threading are imported (gevent's advice)

import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from gunicorn import util  # noqa: E402
from gunicorn.workers.base_async import AsyncWorker  # noqa: E402
from gunicorn.workers.ggevent import GeventWorker  # noqa: E402
from prometheus_client import multiprocess  # noqa: E402

from service.config import Config  # noqa: E402
from service.connections import connect_store  # noqa: E402
from service.embedded import EmbeddedRedis  # noqa: E402
from service.references.importer import load_bundled  # noqa: E402

_config = Config.from_env()
_workers: list[subprocess.Popen] = []

_embedded: EmbeddedRedis | None = None

bind = _config.BIND
workers = _config.WEB_CONCURRENCY
worker_class = "service.gunicorn_conf.Worker"
worker_connections = _config.WORKER_CONNECTIONS
control_socket_disable = True
accesslog = "-"
errorlog = "-"
loglevel = _config.LOG_LEVEL.lower()
access_log_format = (
    '{"access": "%(r)s", "status": %(s)s, "bytes": "%(b)s", "duration_ms": %(M)s, '
    '"remote": "%(h)s", "request_id": "%({x-request-id}o)s"}'
)
timeout = 30
graceful_timeout = 10


def on_starting(server) -> None:
    """Bring Redis up (embedded unless REDIS_URL or REDIS_SENTINELS names one) and load the
    bundled references."""
    global _embedded
    if not (_config.REDIS_URL or _config.REDIS_SENTINELS):
        _embedded = EmbeddedRedis(_config.DATA_DIR, _config.REDIS_SERVER_BIN)
        os.environ["REDIS_URL"] = _embedded.ensure_running()
        server.log.info("embedded Redis at %s", os.environ["REDIS_URL"])
    if _config.LOAD_BUNDLED_REFERENCES:
        client = connect_store(Config.from_env().as_dict(), _config.REDIS_TIMEOUT)
        report = load_bundled(client, only_if_empty=True)
        server.log.info("bundled references: %s", report or "store not empty, left as it is")
    for _ in range(_config.RUN_WORKERS):
        _workers.append(subprocess.Popen([sys.executable, "-m", "service", "worker"]))
    if _workers:
        server.log.info("started %d batch-job worker(s)", len(_workers))


def child_exit(server, worker) -> None:
    """Drop a dead worker's live gauges from the gathered metrics."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    """Stop the job workers this master started (they finish their job's current article
    first: RQ's warm shutdown), then the embedded Redis if this master started it."""
    for worker in _workers:
        worker.terminate()
    for worker in _workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()  # a job cut short is retried by the next worker
    if _embedded is not None:
        _embedded.stop()


class Worker(GeventWorker):
    """gevent's worker, with a read timeout on every client socket (REQUEST_READ_TIMEOUT), and
    fair turns: after each request the connection yields, so a client whose next request is
    already waiting on its socket cannot keep the worker from the other connections (without
    it, under load, some requests waited seconds while one connection was served again and
    again)."""

    def handle(self, listener, client, addr):
        client.settimeout(_config.REQUEST_READ_TIMEOUT)  # GeventWorker.handle would block
        AsyncWorker.handle(self, listener, client, addr)

    def handle_request(self, listener_name, req, sock, addr):
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            gevent.idle()  # to the back of the line: every ready connection goes first


def write_problem(sock, status: int, reason: str, message: str) -> None:
    """gunicorn's own error answer (`util.write_error`), as RFC 9457 problem+json."""
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    body = json.dumps(
        {
            "type": f"/docs#problem-{slug}",
            "title": reason,
            "status": status,
            "detail": message or reason,
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/problem+json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


util.write_error = write_problem  # the one function gunicorn's workers write errors with
