"""What a reference write changed, recorded in the write's own transaction for the watchers.

While any article is watched (`ref:{ref}:watching` is set, by `service.watch`), every write of
the store that changes something RPUSHes one entry onto `ref:{ref}:changes` inside its
MULTI/EXEC: `{"version": <version after the write>, "facts": [{id, change, subject, aliases,
keywords, metric, places}]}` (`change`: created, updated or deleted; `places`: the place keys
of the old and the new record). So a change is never lost: either the write and its entry
happen, or neither. After the EXEC the store announces the version, which queues the re-check
job (`service.watch.queue`); the job, on a worker, reads and pops the entries. With nobody
watching, nothing is recorded (a first start's 56,000 facts cost nothing here).
"""

from __future__ import annotations

import json
import logging

import redis
from redis.client import Pipeline

log = logging.getLogger(__name__)
PREFIX = "ref:{ref}:"
CHANGES = PREFIX + "changes"
WATCHING = PREFIX + "watching"


def summary(old: dict | None, new: dict | None, place_of) -> dict:
    """One changed fact as the change log holds it."""
    fact = new or old
    change = "deleted" if new is None else "created" if old is None else "updated"
    places = sorted({p for f in (old, new) if f for p in [place_of(f)] if p})
    return {
        "id": fact["id"],
        "change": change,
        "subject": fact["subject"],
        "aliases": fact.get("aliases") or [],
        "keywords": fact.get("keywords") or [],
        "metric": fact["metric"],
        "places": places,
    }


def watching(pipe: Pipeline) -> bool:
    """Inside a WATCH: whether any article is watched, so changes must be recorded."""
    return bool(pipe.get(WATCHING))


def record(pipe: Pipeline, version: int, facts: list[dict]) -> None:
    """Queue the change entry (inside the write's MULTI)."""
    entry = {"version": version, "facts": facts}
    pipe.rpush(CHANGES, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def announce(client: redis.Redis, version: int) -> None:
    """After the write: queue the re-check job. A failure here loses nothing (the entry stays in
    the log, and the next job reads it), so it is logged."""
    from ..watch.queue import enqueue_changes  # the watchers, told; the store stays below them

    try:
        enqueue_changes(client, version)
    except Exception as exc:  # noqa: BLE001 - the write has happened; never fail it now
        log.warning("reference version %d: re-check job not queued: %s", version, exc)
