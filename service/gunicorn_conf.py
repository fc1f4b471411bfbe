"""gunicorn settings for `python -m service serve`, read from `Config`.

The master starts (or joins) the embedded Redis before forking, so every worker shares one
server, and stops it on exit; it also runs RUN_WORKERS batch-job workers beside itself.
Metrics of all workers are gathered through the multiprocess directory `serve` set up
(PROMETHEUS_MULTIPROC_DIR). Logs go to stdout.
"""

from __future__ import annotations

import os
import subprocess
import sys

from prometheus_client import multiprocess

from service.config import Config
from service.embedded import EmbeddedRedis
from service.references.importer import load_bundled
from service.storage import connect, resolve_url

_config = Config.from_env()
_workers: list[subprocess.Popen] = []

_embedded: EmbeddedRedis | None = None

bind = _config.BIND
workers = _config.WEB_CONCURRENCY
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
        client = connect(resolve_url(Config.from_env().as_dict()), _config.REDIS_TIMEOUT)
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
