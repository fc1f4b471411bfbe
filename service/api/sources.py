"""The remote reference sources (issue #4)."""

from __future__ import annotations

from flask import Blueprint

from ..errors import NotImplementedYet

bp = Blueprint("sources", __name__)
PENDING = "Remote sources arrive with issue #4."


@bp.get("/v1/sources")
def list_sources():
    """Each remote source's state."""
    raise NotImplementedYet(PENDING)


@bp.post("/v1/sources/<name>/refresh")
def refresh_source(name: str):
    """Refresh one remote source now."""
    raise NotImplementedYet(PENDING)
