"""Numeric-claim fact-checking service: text in, claims out, references looked up, verdicts out."""

from __future__ import annotations

from flask import Flask

from . import logs, storage
from .api.app import init_app as init_api
from .api.body import Request
from .config import Config


def create_app(config: dict | None = None) -> Flask:
    """Build the app from the environment, with `config` overriding any setting (tests)."""
    app = Flask(__name__, static_folder=None)
    app.request_class = Request  # bodies capped at MAX_ARTICLE_BYTES, chunked ones too
    app.config.update(Config.from_env().as_dict())
    if config:
        app.config.update(config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_ARTICLE_BYTES"]
    app.json.sort_keys = False
    logs.configure(app.config["LOG_LEVEL"])

    storage.init_app(app)
    init_api(app)
    return app
