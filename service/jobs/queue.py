"""Submitting a batch job and reading it back: what `POST /v1/jobs` and `GET /v1/jobs/<id>` do.

A job is stored and enqueued on RQ's `jobs` queue in one MULTI/EXEC transaction, so it is
either fully queued or not there at all. Each job belongs to the API key (principal name) that
submitted it; any other key is told it does not exist.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping

import redis
from rq import Callback, Queue, Retry

from ..errors import NotFound, ValidationFailed
from ..keys import Principal
from . import records, ssrf
from .work import job_failed, run_job

JOBS_QUEUE = "jobs"
MAX_ARTICLES = 100


def submit(
    client: redis.Redis,
    principal: Principal,
    articles: list[dict],
    callback_url: str | None,
    settings: Mapping,
) -> dict:
    """Store and enqueue a job for `articles` ({body, source, title, url, published_at}); the
    Job body. Refuses (422) a callback URL that does not resolve to allowed addresses."""
    if callback_url:
        vet_callback(callback_url, settings)
    job_id = uuid.uuid4().hex
    record = {
        "owner": principal.name,
        "signer": "key" if principal.webhook_secret else "setting",
        "status": "queued",
        "total": len(articles),
        "callback_url": callback_url or "",
        "created_at": records.now(),
        "runs": 0,
    }
    ttl = settings["JOB_TTL"]
    retries = settings["JOB_RETRIES"]
    connection = records.raw(client)
    with connection.pipeline(transaction=True) as pipe:
        pipe.multi()  # explicitly, as RQ expects of a pipeline it is handed
        pipe.hset(records.key(job_id), mapping=record)
        pipe.rpush(records.articles_key(job_id), *(json.dumps(a) for a in articles))
        pipe.expire(records.key(job_id), ttl)
        pipe.expire(records.articles_key(job_id), ttl)
        Queue(JOBS_QUEUE, connection=connection).enqueue_call(
            run_job,
            args=(job_id,),
            job_id=job_id,
            timeout=settings["JOB_TIMEOUT"],
            result_ttl=ttl,
            failure_ttl=ttl,
            retry=Retry(max=retries) if retries else None,
            on_failure=Callback(job_failed),
            description=f"check {len(articles)} articles",
            pipeline=pipe,
        )
        pipe.execute()
    return records.view(records.decoded(client), job_id)


def vet_callback(callback_url: str, settings: Mapping) -> None:
    """422 for a callback URL that does not resolve to allowed addresses (`ssrf.vet`)."""
    try:
        ssrf.vet(callback_url, ssrf.AllowList.parse(settings["CALLBACK_ALLOWED_HOSTS"]))
    except ssrf.Refused as exc:
        errors = [{"field": "callback_url", "message": str(exc)}]
        raise ValidationFailed("The callback URL is not allowed.", errors) from None


def status(client: redis.Redis, principal: Principal, job_id: str) -> dict:
    """The Job body, if `principal` submitted it; else NotFound."""
    client = records.decoded(client)
    record = client.hgetall(records.key(job_id)) if len(job_id) <= 100 else {}
    if not record or record.get("owner") != principal.name:
        raise NotFound(f"No job {job_id!r}.")
    return records.view(client, job_id, record)


def depth(client: redis.Redis) -> dict[str, int]:
    """Jobs waiting in each queue, for the metrics."""
    return {JOBS_QUEUE: Queue(JOBS_QUEUE, connection=records.raw(client)).count}
