"""The Redis client's lifecycle in the app, like the Flask tutorial's `db.py`.

One client per process, built by `init_app` from REDIS_URL (see `service.connections` for
what its scheme selects); `get_redis()` hands it to the current request. With no REDIS_URL
(nor sentinels), `init_app` starts (or joins) the embedded server in DATA_DIR.
"""

from __future__ import annotations

import redis
from flask import Flask, current_app, g

from .connections import Client, connect, is_cluster, resolve_url


def get_redis() -> Client:
    """The current request's Redis client: on the app's connection pool, or the process's
    cluster client."""
    if "redis" not in g:
        pool = current_app.extensions.get("redis_pool")
        if pool is None:
            return current_app.extensions["redis"]  # RedisCluster: shared, never closed
        g.redis = redis.Redis(connection_pool=pool)
    return g.redis


def close_redis(_exc=None) -> None:
    """Release the request's client; the pool keeps the connection for the next request."""
    client = g.pop("redis", None)
    if client is not None:
        client.close()


def init_app(app: Flask) -> None:
    """Build the process's client (and connection pool) and register the teardown."""
    url = resolve_url(app.config)
    app.config["REDIS_URL_RESOLVED"] = url
    client = connect(url, app.config["REDIS_TIMEOUT"])
    app.extensions["redis"] = client
    if not is_cluster(client):
        app.extensions["redis_pool"] = client.connection_pool
    app.teardown_appcontext(close_redis)
