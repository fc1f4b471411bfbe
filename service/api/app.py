"""Wiring the HTTP API into an app: the error handlers, the key check and every blueprint."""

from __future__ import annotations

from flask import Flask

from . import (
    auth,
    checks,
    docs,
    editor,
    errors,
    extract,
    health,
    jobs,
    limits,
    references,
    sources,
    telemetry,
    watched,
)


def init_app(app: Flask) -> None:
    """Register the error handlers, the key check and every blueprint."""
    telemetry.init_app(app)
    errors.init_app(app)
    auth.init_app(app)
    limits.init_app(app)
    for module in (health, docs, editor, extract, checks, references, sources, jobs, watched):
        app.register_blueprint(module.bp)
