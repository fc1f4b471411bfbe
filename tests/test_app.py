"""The app factory and the Redis client's lifecycle."""

from __future__ import annotations

import redis
from flask import g

from service import create_app
from service.storage import get_redis


def test_factory_builds_independent_apps(redis_url):
    assert not create_app({"REDIS_URL": redis_url}).testing
    assert create_app({"REDIS_URL": redis_url, "TESTING": True}).testing


def test_get_redis_is_cached_per_request_and_released(app):
    with app.app_context():
        client = get_redis()
        assert get_redis() is client
        assert client.connection_pool is app.extensions["redis_pool"]
        client.set("lifecycle", "1")
        assert "redis" in g
    with app.app_context():
        assert "redis" not in g
        assert get_redis().get("lifecycle") == "1"


def test_pool_is_reused_across_requests(app, client):
    pool = app.extensions["redis_pool"]
    for _ in range(5):
        assert client.get("/readyz").status_code == 200
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1
    assert isinstance(pool, redis.ConnectionPool)
