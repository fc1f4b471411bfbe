"""Rate limits per key, shared through Redis by separate app instances (workers, replicas)."""

from __future__ import annotations

from service import create_app
from service.keys import KeyStore


def make_app(redis_url: str):
    return create_app(
        {"TESTING": True, "REDIS_URL": redis_url, "AUTH_DISABLED": False, "RATE_LIMIT": "3/minute"}
    )


def test_limits_hold_across_two_app_instances_and_per_key(redis_url, redis_client):
    store = KeyStore(redis_client)
    first, second = store.create("cms", ["check"])[0], store.create("desk", ["check"])[0]
    one, two = make_app(redis_url).test_client(), make_app(redis_url).test_client()
    body = {"text": "Five died."}
    statuses = [
        c.post("/v1/extract", json=body, headers={"X-API-Key": first}).status_code
        for c in (one, two, one)
    ]
    assert statuses == [200, 200, 200]
    response = two.post("/v1/extract", json=body, headers={"X-API-Key": first})
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert response.get_json(force=True)["type"] == "/docs#problem-too-many-requests"
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["RateLimit-Remaining"] == "0"
    assert response.headers["RateLimit-Limit"] == "3"
    other = one.post("/v1/extract", json=body, headers={"X-API-Key": second})
    assert other.status_code == 200  # another key has its own budget
    assert other.headers["RateLimit-Remaining"] == "2"


def test_public_routes_are_not_limited(redis_url):
    client = make_app(redis_url).test_client()
    assert all(client.get("/healthz").status_code == 200 for _ in range(6))
    assert "RateLimit-Limit" not in client.get("/healthz").headers


def test_rate_limit_off_means_none(redis_url, redis_client):
    key = KeyStore(redis_client).create("cms", ["check"])[0]
    app = create_app(
        {"TESTING": True, "REDIS_URL": redis_url, "AUTH_DISABLED": False, "RATE_LIMIT": "off"}
    )
    client = app.test_client()
    codes = {
        client.post("/v1/extract", json={"text": "x"}, headers={"X-API-Key": key}).status_code
        for _ in range(5)
    }
    assert codes == {200}


def test_reset_is_in_seconds_and_retry_after_only_on_429(redis_url, redis_client):
    key = KeyStore(redis_client).create("cms", ["check"])[0]
    client = make_app(redis_url).test_client()
    ok = client.post("/v1/extract", json={"text": "x"}, headers={"X-API-Key": key})
    assert ok.status_code == 200
    assert (
        0 < int(ok.headers["RateLimit-Reset"]) <= 61
    )  # seconds left (rounded up), not a Unix time
    assert "Retry-After" not in ok.headers
    for _ in range(3):
        last = client.post("/v1/extract", json={"text": "x"}, headers={"X-API-Key": key})
    assert last.status_code == 429
    assert 0 < int(last.headers["Retry-After"]) <= 61
    assert 0 < int(last.headers["RateLimit-Reset"]) <= 61


def test_auth_disabled_is_not_limited_unless_asked(redis_url):
    local = {"TESTING": True, "REDIS_URL": redis_url, "AUTH_DISABLED": True}
    free = create_app({**local, "RATE_LIMIT": "3/minute"}).test_client()
    codes = {free.post("/v1/extract", json={"text": "x"}).status_code for _ in range(6)}
    assert codes == {200}
    asked = create_app({**local, "LOCAL_RATE_LIMIT": "3/minute"}).test_client()
    codes = [asked.post("/v1/extract", json={"text": "x"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
