"""`python -m service keys ...` errors name the option that is wrong."""

from __future__ import annotations

from tests.test_cli import run


def test_an_unknown_scope_is_labelled_scopes_not_name(redis_url):
    done = run("keys", "create", "--name", "cms", "--scopes", "root", redis_url=redis_url)
    assert done.returncode != 0
    assert "scopes: unknown scopes ['root']" in done.stderr
    assert "name:" not in done.stderr


def test_a_bad_name_and_a_bad_scope_are_both_reported(redis_url):
    done = run("keys", "create", "--name", "c m", "--scopes", "check,root", redis_url=redis_url)
    assert done.returncode != 0
    assert "name: use letters" in done.stderr and "scopes: unknown scopes" in done.stderr
