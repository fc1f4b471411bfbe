"""The embedded Redis: started when REDIS_URL is unset, AOF on, shared, stopped by its starter."""

from __future__ import annotations

import redis

from service import create_app
from service.embedded import EmbeddedRedis


def test_embedded_server_persists_and_is_shared(tmp_path):
    first = EmbeddedRedis(tmp_path)
    url = first.ensure_running()
    try:
        assert first.process is not None
        second = EmbeddedRedis(tmp_path)
        assert second.ensure_running() == url
        assert second.process is None  # joined, did not start another
        client = redis.Redis.from_url(url)
        assert client.config_get("appendonly")["appendonly"] == "yes"
        client.set("k", "v")
        second.stop()  # not the starter: a no-op
        assert client.get("k") == b"v"
    finally:
        first.stop()
    assert not first.answers()
    again = EmbeddedRedis(tmp_path)
    again.ensure_running()
    try:
        assert redis.Redis.from_url(again.url).get("k") == b"v"  # the AOF kept it
    finally:
        again.stop()


def test_app_without_redis_url_starts_embedded(tmp_path):
    app = create_app({"TESTING": True, "REDIS_URL": None, "DATA_DIR": tmp_path})
    try:
        assert app.config["REDIS_URL_RESOLVED"].startswith("unix://")
        assert app.test_client().get("/readyz").status_code == 200
        assert (tmp_path / "redis.sock").exists()
    finally:
        redis.Redis(unix_socket_path=str(tmp_path / "redis.sock")).shutdown()  # test cleanup
