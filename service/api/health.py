"""Liveness, readiness and metrics."""

from __future__ import annotations

from flask import Blueprint

from ..errors import NotImplementedYet
from ..storage import get_redis

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up."""
    return {"status": "ok"}


@bp.get("/readyz")
def readyz():
    """Redis answers; a Redis outage becomes 503 through the error handlers."""
    get_redis().ping()
    return {"status": "ready", "redis": "ok"}


@bp.get("/metrics")
def metrics():
    """Prometheus metrics (issue #6)."""
    raise NotImplementedYet("Metrics arrive with issue #6.")
