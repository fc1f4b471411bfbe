"""The re-check job: after a reference write, on a worker, re-check the affected watches.

`enqueue_changes` (called by the reference store after a write that logged its changes) queues
`process_changes` on the `jobs` queue under the id `watch-changes-<version>`. The task takes the
lock `watch:{watch}:lock` (one re-checker at a time; a second one is retried later), reads the
change log `ref:{ref}:changes` in batches, finds the watches the changed facts touch
(`index.fact_keys` against `watch:{watch}:by:*`), re-checks each once per batch, queues an alert
per changed verdict, and only then pops the batch: a worker that dies mid-batch leaves it for
the next run (at least once; alerts have fixed ids, so one change is one alert).
Each run's figures are kept in `watch:{watch}:stats` (what bench/watch_scale.py reads).

Alerts: `watch:{watch}:alert:<id>` hashes (owner, signer, callback_url, body and the delivery's
callback_* fields, as a job's record has them; kept JOB_TTL seconds), sent by
`service.jobs.callbacks` exactly as job callbacks are: signed, SSRF-vetted, retried.

Which Redis: the job and the alerts (delivery state, beside their RQ jobs) are on the queue's,
JOBS_REDIS_URL's when set; the change log, the lock, the stats and the watches themselves are on
the store's (REDIS_URL's), with the references they follow.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Mapping

import redis
from rq import Queue, Retry, get_current_job

from ..connections import queue_for
from ..jobs import callbacks, records
from ..jobs.queue import JOBS_QUEUE
from ..jobs.settings import settings, store
from ..references.changes import CHANGES
from . import index
from .store import PREFIX, WatchStore
from .watching import recheck

log = logging.getLogger(__name__)
LOCK = PREFIX + "lock"
STATS = PREFIX + "stats"
ALERT = PREFIX + "alert:"
BATCH = 100  # change-log entries per pass
LOCK_TTL = 600


class Busy(Exception):
    """Another worker is re-checking; RQ runs this job again later."""


def enqueue_changes(client: redis.Redis, version: int) -> None:
    """Queue the re-check of what reference version `version` (and any before it) changed, on
    the job queue of the store client `client` (`connections.queue_for`)."""
    config = settings()
    Queue(JOBS_QUEUE, connection=records.raw(queue_for(client))).enqueue_call(
        process_changes,
        job_id=f"watch-changes-{version}",
        timeout=config["JOB_TIMEOUT"],
        result_ttl=3600,
        failure_ttl=config["JOB_TTL"],
        retry=Retry(max=10, interval=[1, 2, 5, 10, 30, 60]),
        description=f"re-check watched articles after reference version {version}",
    )


def process_changes() -> dict:
    """RQ task: drain the change log, re-checking the affected watched articles."""
    connection = get_current_job().connection
    return drain(store(connection), settings(), records.decoded(connection))


def drain(client: redis.Redis, config: Mapping, queue: redis.Redis | None = None) -> dict:
    """Re-check what every logged change touches; the figures of this run. `client` is on the
    store's Redis, `queue` on the job queue's (default: `client`'s, `connections.queue_for`)."""
    queue = queue_for(client) if queue is None else queue
    token = uuid.uuid4().hex
    if not client.set(LOCK, token, nx=True, ex=LOCK_TTL):
        raise Busy("another worker holds the re-check lock")
    figures = {"entries": 0, "facts": 0, "rechecked": 0, "alerts": 0}
    started = time.perf_counter()
    try:
        while entries := client.lrange(CHANGES, 0, BATCH - 1):
            _pass(client, queue, [json.loads(e) for e in entries], config, figures)
            client.ltrim(CHANGES, len(entries), -1)
            client.expire(LOCK, LOCK_TTL)
    finally:
        if client.get(LOCK) == token:
            client.delete(LOCK)
    figures["seconds"] = round(time.perf_counter() - started, 3)
    if figures["entries"]:
        client.hset(STATS, mapping=figures)
        WatchStore(client).count_run(figures)
        log.info("watch: %s", figures)
    return figures


def _pass(
    client: redis.Redis, queue: redis.Redis, entries: list[dict], config: Mapping, figures: dict
) -> None:
    changed = {f["id"]: f for entry in entries for f in entry["facts"]}
    keys = set().union(*(index.fact_keys(f) for f in changed.values())) if changed else set()
    store = WatchStore(client)
    affected = sorted(store.affected(keys))
    figures["entries"] += len(entries)
    figures["facts"] += len(changed)
    for uid in affected:
        record = store.load(uid)
        if record is None:  # deleted meanwhile
            continue
        touched = {k: v for k, v in changed.items() if index.fact_keys(v) & set(record["index"])}
        for body in recheck(client, record, touched or changed, config):
            send(queue, record, body, config)
            figures["alerts"] += 1
        figures["rechecked"] += 1


def send(client: redis.Redis, record: dict, body: dict, config: Mapping) -> None:
    """Store the alert and queue its delivery (once per alert id), on the queue's Redis."""
    if not record.get("callback_url"):
        return
    key = ALERT + body["id"]
    fields = {
        "owner": record["owner"],
        "signer": record["signer"],
        "callback_url": record["callback_url"],
        "body": json.dumps(body, ensure_ascii=False),
        "callback_status": "pending",
        "created_at": records.now(),
    }
    if not client.hsetnx(key, "owner", fields["owner"]):
        return  # queued by an earlier run: at least once, not twice
    client.hset(key, mapping=fields)
    client.expire(key, config["JOB_TTL"])
    callbacks.enqueue(client, callbacks.deliver_stored, key, key, f"alert-{body['id']}", config)
