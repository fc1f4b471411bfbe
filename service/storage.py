"""The Redis client's lifecycle, like the Flask tutorial's `db.py`.

One connection pool per process, built by `init_app`; `get_redis()` hands a client on it to the
current request, cached on `g`. With no REDIS_URL, `init_app` starts (or joins) the embedded
server in DATA_DIR.
"""

from __future__ import annotations

import atexit

import redis
from flask import Flask, current_app, g

from .embedded import EmbeddedRedis


def connect(url: str, timeout: float = 2.0) -> redis.Redis:
    """A client with its own pool, for code that runs outside a Flask app (CLI, workers)."""
    return redis.Redis.from_url(
        url,
        decode_responses=True,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        health_check_interval=30,
    )


def resolve_url(config) -> str:
    """REDIS_URL, or the URL of the embedded server (started if it is not running)."""
    if config["REDIS_URL"]:
        return config["REDIS_URL"]
    server = EmbeddedRedis(config["DATA_DIR"], config["REDIS_SERVER_BIN"])
    url = server.ensure_running()
    atexit.register(server.stop)  # a no-op unless this process started it
    return url


def get_redis() -> redis.Redis:
    """The current request's Redis client, on the app's connection pool."""
    if "redis" not in g:
        g.redis = redis.Redis(connection_pool=current_app.extensions["redis_pool"])
    return g.redis


def close_redis(_exc=None) -> None:
    """Release the request's client; the pool keeps the connection for the next request."""
    client = g.pop("redis", None)
    if client is not None:
        client.close()


def init_app(app: Flask) -> None:
    """Build the process's connection pool and register the teardown."""
    url = resolve_url(app.config)
    app.config["REDIS_URL_RESOLVED"] = url
    app.extensions["redis_pool"] = connect(url, app.config["REDIS_TIMEOUT"]).connection_pool
    app.teardown_appcontext(close_redis)
