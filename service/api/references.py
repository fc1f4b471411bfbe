"""The reference facts (issue #4)."""

from __future__ import annotations

from flask import Blueprint

from ..errors import NotImplementedYet

bp = Blueprint("references", __name__)
PENDING = "The reference store arrives with issue #4."


@bp.get("/v1/references")
def list_references():
    """Page through the reference facts."""
    raise NotImplementedYet(PENDING)


@bp.post("/v1/references")
def import_references():
    """Import reference facts from JSON, JSON Lines or CSV."""
    raise NotImplementedYet(PENDING)


@bp.get("/v1/references/<ref_id>")
def get_reference(ref_id: str):
    """One reference fact."""
    raise NotImplementedYet(PENDING)


@bp.put("/v1/references/<ref_id>")
def put_reference(ref_id: str):
    """Replace one reference fact."""
    raise NotImplementedYet(PENDING)


@bp.delete("/v1/references/<ref_id>")
def delete_reference(ref_id: str):
    """Delete one reference fact."""
    raise NotImplementedYet(PENDING)
