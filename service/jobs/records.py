"""A batch job as Redis keeps it, and as clients see it.

Layout (every key expires JOB_TTL seconds after the job is created, and again after it ends):

- `jobs:<id>` hash: owner, signer (`key` or `setting`: what signs its callback), status, total,
  callback_url, created_at, finished_at, error, runs (times a worker started it), and the
  callback's delivery: callback_status (pending, delivered, failed), callback_attempts,
  callback_error, callback_delivered_at;
- `jobs:<id>:articles` list: each article as JSON {body, source, title, url, published_at};
- `jobs:<id>:results` hash: article index -> its CheckResult as JSON, written once
  (HSETNX) as each article finishes, so a retried job skips the articles already done.

RQ needs a client that returns bytes, the rest of the service one that returns str: `raw()`
and `decoded()` make one from the other on the same server.
"""

from __future__ import annotations

import json
import weakref
from datetime import UTC, datetime

import redis

from ..errors import NotImplementedYet

PREFIX = "jobs:"
FINAL = ("done", "failed")
_twins: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Per-pool state redis-py adds to a pool's connection kwargs; a new pool makes its own.
_POOL_STATE = {
    "maint_notifications_pool_handler",
    "himport_registry",
    "orig_host_address",
    "orig_socket_timeout",
    "orig_socket_connect_timeout",
}


def key(job_id: str) -> str:
    return PREFIX + job_id


def articles_key(job_id: str) -> str:
    return PREFIX + job_id + ":articles"


def results_key(job_id: str) -> str:
    return PREFIX + job_id + ":results"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _twin(client: redis.Redis, decode: bool) -> redis.Redis:
    """A client on the same server as `client`, decoding replies or not (one pool per pool).

    RQ cannot run on Redis Cluster (its transactions span keys in many slots; rq/rq#1048):
    there, batch jobs are refused with 501 rather than failing halfway."""
    pool = getattr(client, "connection_pool", None)
    if pool is None:
        raise NotImplementedYet(
            "Batch jobs need a plain Redis or a Sentinel pair: RQ does not run on Redis "
            "Cluster. Use POST /v1/checks per article."
        )
    if bool(pool.connection_kwargs.get("decode_responses")) == decode:
        return client
    twin_pool = _twins.get(pool)
    if twin_pool is None:
        kwargs = {k: v for k, v in pool.connection_kwargs.items() if k not in _POOL_STATE}
        kwargs["decode_responses"] = decode
        twin_pool = redis.ConnectionPool(connection_class=pool.connection_class, **kwargs)
        _twins[pool] = twin_pool
    return redis.Redis(connection_pool=twin_pool)


def raw(client: redis.Redis) -> redis.Redis:
    """A bytes client for RQ."""
    return _twin(client, decode=False)


def decoded(client: redis.Redis) -> redis.Redis:
    """A str client for our records, the Checker and the key store."""
    return _twin(client, decode=True)


def view(client: redis.Redis, job_id: str, record: dict | None = None) -> dict | None:
    """The Job body of `GET /v1/jobs/<id>`, or None if there is no such job."""
    record = record if record is not None else client.hgetall(key(job_id))
    if not record:
        return None
    body = {
        "id": job_id,
        "status": record["status"],
        "progress": {"done": client.hlen(results_key(job_id)), "total": int(record["total"])},
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
