"""Asynchronous batch checks: POST /v1/jobs queues up to 100 articles, GET /v1/jobs/<id> reads
the job back. The work, the callbacks and the SSRF rules live in `service.jobs`.

Jobs are queued on `get_jobs_redis()` (JOBS_REDIS_URL's Redis when set, else REDIS_URL's); its
outage is a 503 naming the job queue, while the API key was read from REDIS_URL's as on every
route."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, current_app, g, url_for

from ..jobs.queue import status, submit
from ..storage import get_jobs_redis, queue_outage
from .articles import Article, json_object, to_article
from .auth import requires
from .schemas import JobRequestSchema

bp = Blueprint("jobs", __name__)


@bp.post("/v1/jobs")
@requires("check")
def create_job():
    """Queue a batch of articles to check; 202 with the job and its Location."""
    batch = JobRequestSchema().load(json_object())
    articles = [stored(to_article(article)) for article in batch["articles"]]
    with queue_outage():
        job = submit(
            get_jobs_redis(), g.principal, articles, batch.get("callback_url"), current_app.config
        )
    return job, 202, {"Location": url_for("jobs.get_job", job_id=job["id"])}


@bp.get("/v1/jobs/<job_id>")
@requires("check")
def get_job(job_id: str):
    """A job's status, progress and results (only to the key that submitted it)."""
    with queue_outage():
        return status(get_jobs_redis(), g.principal, job_id)


def stored(article: Article) -> dict:
    """An article as a job stores it (JSON-ready)."""
    published_at = article.published_at.isoformat() if article.published_at else None
    return {**asdict(article), "published_at": published_at}
