"""Liveness, readiness and metrics."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, Response
from prometheus_client import CONTENT_TYPE_LATEST

from ..jobs.queue import depth as queue_depth
from ..metrics import exposition
from ..storage import get_jobs_redis, get_redis, jobs_queue_separate, queue_outage
from ..watch.store import WatchStore
from .auth import public

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@public
def healthz():
    """The process is up."""
    return {"status": "ok"}


@bp.get("/readyz")
@public
def readyz():
    """Redis answers, and so does the job queue's Redis when it is another (JOBS_REDIS_URL); an
    outage of either becomes 503 problem+json (the error handlers, `queue_outage`)."""
    get_redis().ping()
    body = {"status": "ready", "redis": "ok"}
    if jobs_queue_separate():
        with queue_outage():
            get_jobs_redis().ping()
        body["jobs_redis"] = "ok"
    return body


@bp.get("/metrics")
@public
def metrics():
    """Prometheus metrics, across every worker process."""
    depth = partial(queue_depth, get_jobs_redis())
    store_up = get_redis().ping if jobs_queue_separate() else None
    body = exposition(depth, store_up, WatchStore(get_redis()).figures)
    return Response(body, mimetype=CONTENT_TYPE_LATEST.split(";")[0])
