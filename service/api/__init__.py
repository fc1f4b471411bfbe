"""The HTTP API: one blueprint per resource, one error shape."""

from __future__ import annotations

from flask import Flask

from . import checks, docs, errors, extract, health, jobs, references, sources


def init_app(app: Flask) -> None:
    """Register the error handlers and every blueprint."""
    errors.init_app(app)
    for module in (health, docs, extract, checks, references, sources, jobs):
        app.register_blueprint(module.bp)
