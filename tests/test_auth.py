"""API keys on every route: none, unknown, wrong scope, revoked, right scope; and the CLI."""

from __future__ import annotations

import re

import pytest

from service import create_app
from service.keys import KeyStore
from tests.test_cli import run

METHODS = {"GET", "POST", "PUT", "DELETE"}


@pytest.fixture
def auth_app(redis_url, tmp_path):
    return create_app({"TESTING": True, "REDIS_URL": redis_url, "AUTH_DISABLED": False})


@pytest.fixture
def keys(redis_client) -> dict[str, str]:
    store = KeyStore(redis_client)
    return {
        "check": store.create("cms", ["check"])[0],
        "admin": store.create("desk", ["check", "admin"])[0],
    }


def routes(app):
    """(method, concrete path, scope) for every route the app serves."""
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        path = re.sub(r"<(?:\w+:)?\w+>", "x", rule.rule)
        for method in sorted(rule.methods & METHODS):
            yield method, path, getattr(view, "required_scope", "admin")


def call(client, method, path, key=None, bearer=False):
    headers = {}
    if key:
        headers = {"Authorization": f"Bearer {key}"} if bearer else {"X-API-Key": key}
    return client.open(path, method=method, headers=headers, json={})


def test_every_route_declares_who_may_call_it(auth_app):
    scopes = {(m, p): s for m, p, s in routes(auth_app)}
    assert all(s in (None, "check", "admin") for s in scopes.values())
    assert scopes[("GET", "/healthz")] is None and scopes[("GET", "/docs")] is None
    assert scopes[("POST", "/v1/checks")] == "check"
    assert scopes[("POST", "/v1/references")] == "admin"
    assert scopes[("POST", "/v1/sources/x/refresh")] == "admin"


def test_protected_routes_refuse_missing_unknown_and_revoked_keys(auth_app, keys, redis_client):
    client = auth_app.test_client()
    KeyStore(redis_client).create("gone", ["check", "admin"])
    revoked = KeyStore(redis_client).create("gone2", ["check", "admin"])[0]
    KeyStore(redis_client).revoke("gone2")
    for method, path, scope in routes(auth_app):
        if scope is None:
            assert call(client, method, path).status_code not in (401, 403), path
            continue
        for key in (None, "fck_not-a-real-key", "no-prefix", revoked):
            response = call(client, method, path, key)
            assert response.status_code == 401, (method, path, key)
            assert response.mimetype == "application/problem+json"
            assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_scopes(auth_app, keys):
    client = auth_app.test_client()
    for method, path, scope in routes(auth_app):
        if scope == "admin":
            response = call(client, method, path, keys["check"])
            assert response.status_code == 403, (method, path)
            assert response.get_json(force=True)["type"] == "/docs#problem-forbidden"
        if scope is not None:
            for bearer in (False, True):
                response = call(client, method, path, keys["admin"], bearer)
                assert response.status_code not in (401, 403), (method, path)


def test_a_checked_request_works_with_a_key(auth_app, keys):
    client = auth_app.test_client()
    response = client.post(
        "/v1/extract", json={"text": "Five died."}, headers={"X-API-Key": keys["check"]}
    )
    assert response.status_code == 200
    assert response.get_json()["claims"][0]["value"] == 5


def test_keys_are_stored_hashed(keys, redis_client):
    dump = " ".join(f"{k} {redis_client.dump(k)!r}" for k in redis_client.keys("auth:*"))
    assert keys["check"] not in dump and keys["check"][4:] not in dump


def test_key_cli_create_list_revoke(redis_url, redis_client):
    made = run(
        "keys", "create", "--name", "cms-prod", "--scopes", "check,admin", redis_url=redis_url
    )
    assert made.returncode == 0, made.stderr
    key = re.search(r"key:\s+(\S+)", made.stdout).group(1)
    assert KeyStore(redis_client).find(key).scopes == {"check", "admin"}
    listed = run("keys", "list", redis_url=redis_url)
    assert "cms-prod\tadmin,check" in listed.stdout and key not in listed.stdout
    again = run("keys", "create", "--name", "cms-prod", redis_url=redis_url)
    assert again.returncode == 1 and "exists" in again.stderr
    bad = run("keys", "create", "--name", "x", "--scopes", "root", redis_url=redis_url)
    assert bad.returncode == 1 and "root" in bad.stderr
    assert run("keys", "revoke", "cms-prod", redis_url=redis_url).returncode == 0
    assert KeyStore(redis_client).find(key) is None
    assert run("keys", "revoke", "cms-prod", redis_url=redis_url).returncode == 1
