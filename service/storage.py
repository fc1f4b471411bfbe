"""The Redis client's lifecycle in the app, like the Flask tutorial's `db.py`.

One client per process, built by `init_app` from REDIS_URL (see `service.connections` for
what its scheme selects); `get_redis()` hands it to the current request. With no REDIS_URL
(nor sentinels), `init_app` starts (or joins) the embedded server in DATA_DIR.
"""

from __future__ import annotations

from flask import Flask, current_app

from .connections import Client, connect, is_cluster, resolve_url


def get_redis() -> Client:
    """The process's Redis client, for the current request. It is shared: a client is
    thread-safe (each command takes a connection from the pool and gives it back), and
    building one per request cost a fifth of a cached check (its command table is rebuilt)."""
    return current_app.extensions["redis"]


def init_app(app: Flask) -> None:
    """Build the process's client (and its connection pool)."""
    url = resolve_url(app.config)
    app.config["REDIS_URL_RESOLVED"] = url
    client = connect(url, app.config["REDIS_TIMEOUT"])
    app.extensions["redis"] = client
    if not is_cluster(client):
        app.extensions["redis_pool"] = client.connection_pool
