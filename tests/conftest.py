"""Fixtures: a real redis-server for the session (and, for the tests that ask, a real Redis
Cluster and a Sentinel-watched pair), and the tutorial's `app`, `client`, `runner`."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
from pytest_httpserver import HTTPServer

from service import create_app
from tests.redis_cluster import RedisClusterServers, SentinelServers
from tests.redis_server import RedisServer

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """One throwaway redis-server on a free loopback port for the whole run."""
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_cluster(tmp_path_factory):
    """A real Redis Cluster for the whole run: 6 redis-servers, stopped at the end."""
    cluster = RedisClusterServers(tmp_path_factory.mktemp("cluster"))
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def redis_sentinel(tmp_path_factory):
    """A primary, its replica and a Sentinel for the whole run."""
    servers = SentinelServers(tmp_path_factory.mktemp("sentinel"))
    try:
        yield servers.start()
    finally:
        servers.stop()


@pytest.fixture
def redis_url(redis_server) -> str:
    """The test server's URL, emptied before each test."""
    redis.Redis.from_url(redis_server.url).flushall()
    return redis_server.url


@pytest.fixture
def redis_client(redis_url) -> redis.Redis:
    return redis.Redis.from_url(redis_url, decode_responses=True)


def make_app(redis_url: str, tmp_path, **overrides):
    """An app on the test Redis, keys and limits off (unless `overrides` say otherwise)."""
    return create_app(
        {
            "TESTING": True,
            "REDIS_URL": redis_url,
            "DATA_DIR": tmp_path / "var",
            "LOAD_BUNDLED_REFERENCES": False,
            "AUTH_DISABLED": True,  # tests/test_auth.py covers keys on every route
            "RATE_LIMIT": "off",  # tests/test_limits.py covers limits
            **overrides,
        }
    )


@pytest.fixture
def app(redis_url, tmp_path):
    return make_app(redis_url, tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def shared_dir() -> Path:
    """../shared (texts that are not ours); tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: these texts are read from it, never copied here")
    return SHARED


@pytest.fixture
def seed_text(shared_dir) -> str:
    """The seed article, read from ../shared (never copied into the repo)."""
    path = shared_dir / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def receiver():
    """A callback receiver on 127.0.0.1 (the address the allow-lists name)."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()
