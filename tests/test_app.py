"""The app factory and the Redis client's lifecycle."""

from __future__ import annotations

import redis

from service import create_app
from service.storage import get_redis


def test_factory_builds_independent_apps(redis_url):
    assert not create_app({"REDIS_URL": redis_url}).testing
    assert create_app({"REDIS_URL": redis_url, "TESTING": True}).testing


def test_get_redis_is_the_process_client_in_every_request(app):
    with app.app_context():
        client = get_redis()
        assert client.connection_pool is app.extensions["redis_pool"]
        client.set("lifecycle", "1")
    with app.app_context():
        assert get_redis() is client  # one client per process, not one per request
        assert get_redis().get("lifecycle") == "1"


def test_pool_is_reused_across_requests(app, client):
    pool = app.extensions["redis_pool"]
    for _ in range(5):
        assert client.get("/readyz").status_code == 200
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1
    assert isinstance(pool, redis.ConnectionPool)
