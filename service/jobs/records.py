"""A batch job as Redis keeps it, and as clients see it.

Layout (every key expires JOB_TTL seconds after the job is created, and again after it ends):

- `jobs:<id>` hash: owner, signer (`key` or `setting`: what signs its callback), status, total,
  callback_url, created_at, finished_at, error, runs (times a worker started it), and the
  callback's delivery: callback_status (pending, delivered, failed), callback_attempts,
  callback_error, callback_delivered_at;
- `jobs:<id>:articles` list: each article as JSON {body, source, title, url, published_at};
- `jobs:<id>:results` hash: article index -> its CheckResult as JSON, or `{"problem": {type,
  title, status, detail}}` for an article the checker refused, written once (HSETNX) as each
  article finishes, so a retried job skips the articles already done;
- `jobs:<id>:failed` set: the indexes of the refused articles (`progress.failed` counts them).

Every one of these keys, and RQ's own (`rq:*`), lives on the queue Redis: JOBS_REDIS_URL's when
it is set, else REDIS_URL's. RQ needs a client that returns bytes, the rest of the service one
that returns str: `raw()` and `decoded()` make one from the other on the same server.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import redis

from ..connections import decoding, is_cluster
from ..errors import NotImplementedYet

PREFIX = "jobs:"
FINAL = ("done", "failed")


def key(job_id: str) -> str:
    return PREFIX + job_id


def articles_key(job_id: str) -> str:
    return PREFIX + job_id + ":articles"


def results_key(job_id: str) -> str:
    return PREFIX + job_id + ":results"


def failed_key(job_id: str) -> str:
    return PREFIX + job_id + ":failed"


def all_keys(job_id: str) -> tuple[str, ...]:
    return key(job_id), articles_key(job_id), results_key(job_id), failed_key(job_id)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def raw(client: redis.Redis) -> redis.Redis:
    """A bytes client for RQ; RQ cannot run on Redis Cluster (its transactions span keys in
    many slots; rq/rq#1048): there, with no JOBS_REDIS_URL to queue on instead, batch jobs are
    refused with 501 rather than failing halfway."""
    if is_cluster(client):
        raise NotImplementedYet(
            "Batch jobs need a plain Redis or a Sentinel primary for their queue: RQ does not "
            "run on Redis Cluster. Set JOBS_REDIS_URL to one (the references stay on the "
            "cluster), or use POST /v1/checks per article."
        )
    return decoding(client, decode=False)


def decoded(client: redis.Redis) -> redis.Redis:
    """A str client for our records, the Checker and the key store."""
    return decoding(client, decode=True)


def view(client: redis.Redis, job_id: str, record: dict | None = None) -> dict | None:
    """The Job body of `GET /v1/jobs/<id>`, or None if there is no such job."""
    record = record if record is not None else client.hgetall(key(job_id))
    if not record:
        return None
    body = {
        "id": job_id,
        "status": record["status"],
        "progress": {
            "done": client.hlen(results_key(job_id)),
            "failed": client.scard(failed_key(job_id)),
            "total": int(record["total"]),
        },
    }
    if record["status"] == "done":
        stored = client.hgetall(results_key(job_id))
        body["results"] = [json.loads(stored[str(i)]) for i in range(int(record["total"]))]
    body["error"] = record.get("error") or None
    body["callback_url"] = record.get("callback_url") or None
    body["callback"] = _delivery(record) if body["callback_url"] else None
    body["created_at"] = record["created_at"]
    body["finished_at"] = record.get("finished_at") or None
    return body


def _delivery(record: dict) -> dict:
    """The callback's delivery so far."""
    return {
        "status": record.get("callback_status") or "pending",
        "attempts": int(record.get("callback_attempts") or 0),
        "last_error": record.get("callback_error") or None,
        "delivered_at": record.get("callback_delivered_at") or None,
    }
