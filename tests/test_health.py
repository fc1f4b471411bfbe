"""Liveness and readiness against a real Redis, up and down."""

from __future__ import annotations

from service import create_app
from tests.redis_server import free_port


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_with_redis_up(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "redis": "ok"}


def test_readyz_with_redis_down_is_503_problem(tmp_path):
    app = create_app(
        {"TESTING": True, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0", "REDIS_TIMEOUT": 0.5}
    )
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["type"] == "/docs#problem-service-unavailable"
    assert response.headers["Retry-After"] == "5"


def test_readyz_recovers_when_redis_comes_back(tmp_path):
    from tests.redis_server import RedisServer

    server = RedisServer(tmp_path / "r")
    app = create_app({"TESTING": True, "REDIS_URL": server.url, "REDIS_TIMEOUT": 0.5})
    client = app.test_client()
    assert client.get("/readyz").status_code == 503
    server.start()
    try:
        assert client.get("/readyz").status_code == 200
    finally:
        server.stop()
    assert client.get("/readyz").status_code == 503
