"""The remote reference sources (issue #4): their state, and refreshing one now.

A refresh that cannot reach its source (or whose breaker is open) answers 503 problem+json
with Retry-After; the state then shows the error, and the facts already in the store stay.
"""

from __future__ import annotations

from flask import Blueprint, current_app

from ..references.sources import configured, get_source
from ..storage import get_redis
from .auth import requires

bp = Blueprint("sources", __name__)


@bp.get("/v1/sources")
@requires("check")
def list_sources():
    """Each configured remote source's state."""
    sources = configured(get_redis(), current_app.config).values()
    return {"sources": [source.state() for source in sources]}


@bp.post("/v1/sources/<name>/refresh")
@requires("admin")
def refresh_source(name: str):
    """Re-fetch one source now: 200 with its state and facts changed, 404 unknown, 503 down."""
    source = get_source(get_redis(), current_app.config, name)
    refreshed = source.refresh()
    return {"source": source.state(), "refreshed": refreshed}
