"""Asynchronous batch checks."""

from __future__ import annotations

from flask import Blueprint

from ..errors import NotImplementedYet

bp = Blueprint("jobs", __name__)


@bp.post("/v1/jobs")
def create_job():
    """Queue a batch of articles to check (issue #6)."""
    raise NotImplementedYet("Batch jobs arrive with issue #6.")


@bp.get("/v1/jobs/<job_id>")
def get_job(job_id: str):
    """A job's status, progress and results (issue #6)."""
    raise NotImplementedYet("Batch jobs arrive with issue #6.")
