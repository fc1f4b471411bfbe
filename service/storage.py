"""The Redis clients' lifecycle in the app, like the Flask tutorial's `db.py`.

One client per process, built by `init_app` from REDIS_URL (see `service.connections` for
what its scheme selects); `get_redis()` hands it to the current request. With no REDIS_URL
(nor sentinels), `init_app` starts (or joins) the embedded server in DATA_DIR.

With JOBS_REDIS_URL set, a second client for the batch jobs' queue Redis is built beside it;
`get_jobs_redis()` hands it to the job routes (and is `get_redis()`'s client without it), and
`queue_outage()` turns its outage into a 503 that names the job queue.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

import redis
from flask import Flask, current_app

from .connections import Client, connect, is_cluster, link_queue, resolve_jobs_url, resolve_url
from .errors import ServiceUnavailable

log = logging.getLogger(__name__)


def get_redis() -> Client:
    """The process's Redis client, for the current request. It is shared: a client is
    thread-safe (each command takes a connection from the pool and gives it back), and
    building one per request cost a fifth of a cached check (its command table is rebuilt)."""
    return current_app.extensions["redis"]


def jobs_queue_separate() -> bool:
    """Whether the batch jobs queue on a Redis of their own (JOBS_REDIS_URL)."""
    return "jobs_redis" in current_app.extensions


def get_jobs_redis() -> Client:
    """The process's client of the Redis the batch jobs queue on: JOBS_REDIS_URL's, else
    `get_redis()`'s."""
    return current_app.extensions.get("jobs_redis") or get_redis()


@contextmanager
def queue_outage():
    """Around the job queue's calls: its Redis not answering is a 503 naming the job queue."""
    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError) as exc:
        log.warning("job queue Redis unavailable: %s", exc)
        where = " (JOBS_REDIS_URL)" if jobs_queue_separate() else ""
        raise ServiceUnavailable(
            f"The batch-job queue's Redis{where} is not answering; try again shortly.",
            headers={"Retry-After": "5"},
        ) from exc


def init_app(app: Flask) -> None:
    """Build the process's clients (and their connection pools). A cluster
    JOBS_REDIS_URL (or a malformed one) stops the app here, with a ConfigError naming it."""
    jobs_url = resolve_jobs_url(app.config)
    url = resolve_url(app.config)
    app.config["REDIS_URL_RESOLVED"] = url
    client = connect(url, app.config["REDIS_TIMEOUT"])
    app.extensions["redis"] = client
    if not is_cluster(client):
        app.extensions["redis_pool"] = client.connection_pool
    if jobs_url:
        queue = connect(jobs_url, app.config["REDIS_TIMEOUT"], setting="JOBS_REDIS_URL")
        app.extensions["jobs_redis"] = queue
        link_queue(client, queue)  # a reference write's re-check job goes to the queue Redis
