"""Who may call what: `X-API-Key` or `Authorization: Bearer`, checked before every request.

Every view declares its scope with `@requires("check")`, `@requires("admin")` or `@public`; a
view that declares nothing needs `admin`, so a forgotten route is closed, not open. With
AUTH_DISABLED (local `make run` only) every request passes as a local admin.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, g, request

from ..errors import Forbidden, Unauthorized
from ..keys import KeyStore, Principal
from ..storage import get_redis

log = logging.getLogger(__name__)
LOCAL = Principal("local", frozenset({"check", "admin"}))


def requires(scope: str):
    """Mark a view as needing `scope`."""

    def mark(view):
        view.required_scope = scope
        return view

    return mark


def public(view):
    """Mark a view as open to anyone (health, docs, the editor's page)."""
    view.required_scope = None
    return view


def presented_key() -> str | None:
    """The key the request presents, if any."""
    if key := request.headers.get("X-API-Key"):
        return key.strip()
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def authenticate() -> None:
    """Before each request: find the caller and check the view's scope."""
    view = current_app.view_functions.get(request.endpoint)
    scope = getattr(view, "required_scope", "admin") if view else None
    if current_app.config["AUTH_DISABLED"]:
        g.principal = LOCAL
        return
    key = presented_key()
    g.principal = KeyStore(get_redis()).find(key) if key else None
    if scope is None:
        return
    challenge = {"WWW-Authenticate": 'Bearer realm="factcheck"'}
    if key is None:
        detail = "Send an API key in X-API-Key or Authorization: Bearer."
        raise Unauthorized(detail, headers=challenge)
    if g.principal is None:
        raise Unauthorized("The API key is unknown or revoked.", headers=challenge)
    if scope not in g.principal.scopes:
        raise Forbidden(f"This key lacks the {scope!r} scope.")


def init_app(app: Flask) -> None:
    """Check every request; say loudly when checks are off."""
    app.before_request(authenticate)
    if app.config["AUTH_DISABLED"]:
        log.warning("AUTH_DISABLED is set: EVERY REQUEST IS TREATED AS AN ADMIN. Local use only.")
