"""The settings a worker process runs its tasks with (jobs and callbacks share them), and the
Redis its tasks do their work on.

A task is handed the queue's connection (RQ's). With JOBS_REDIS_URL the queue is a Redis of
its own, and the work's data (references, cached checks, API keys, watched articles) is on
REDIS_URL's Redis (a cluster, say): `store(connection)` is a client of that one, made once per
process (RQ forks a work horse per job). Without it, both are the same Redis, and `store` is
the queue's connection as it is.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..config import Config
from ..connections import Client, connect, decoding, link_queue

_configured: dict = {}
_store_url: list[str] = []
_stores: dict[int, Client] = {}


def configure(settings: Mapping, store_url: str | None = None) -> None:
    """Settings for tasks run by this process (the worker command calls it once); `store_url`:
    REDIS_URL's Redis when the queue is another one (JOBS_REDIS_URL), else None."""
    _configured.clear()
    _configured.update(settings)
    _store_url[:] = [store_url] if store_url else []
    _stores.clear()


def settings() -> Mapping:
    """The worker's settings: as configured, else read from the environment."""
    return _configured or Config.from_env().as_dict()


def store(connection) -> Client:
    """A str client of the Redis the work reads and writes, for a task run on `connection`
    (the queue's): REDIS_URL's when the queue is a Redis of its own, else the queue's."""
    queue = decoding(connection, decode=True)
    if not _store_url:
        return queue
    client = _stores.get(os.getpid())
    if client is None:
        _stores.clear()  # a parent's client, inherited through the fork: make our own
        client = _stores[os.getpid()] = connect(_store_url[0], settings()["REDIS_TIMEOUT"])
        link_queue(client, queue)  # a reference write in a task queues its re-check here
    return client
