"""Numeric-claim fact-checking service: text in, claims out, references looked up, verdicts out."""

from __future__ import annotations

import logging
import sys

from flask import Flask

from . import storage
from .api import init_app as init_api
from .config import Config


def create_app(config: dict | None = None) -> Flask:
    """Build the app from the environment, with `config` overriding any setting (tests)."""
    app = Flask(__name__, static_folder=None)
    app.config.update(Config.from_env().as_dict())
    if config:
        app.config.update(config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_ARTICLE_BYTES"]
    app.json.sort_keys = False
    _configure_logging(app.config["LOG_LEVEL"])

    storage.init_app(app)
    init_api(app)
    return app


def _configure_logging(level: str) -> None:
    """Log to stdout at LOG_LEVEL (gunicorn and Docker collect stdout)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
