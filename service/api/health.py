"""Liveness, readiness and metrics."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, Response
from prometheus_client import CONTENT_TYPE_LATEST

from ..jobs.queue import depth as queue_depth
from ..metrics import exposition
from ..storage import get_redis
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
    """Redis answers; a Redis outage becomes 503 through the error handlers."""
    get_redis().ping()
    return {"status": "ready", "redis": "ok"}


@bp.get("/metrics")
@public
def metrics():
    """Prometheus metrics, across every worker process."""
    depth = partial(queue_depth, get_redis())
    return Response(exposition(depth), mimetype=CONTENT_TYPE_LATEST.split(";")[0])
