"""The API contract: the raw OpenAPI file, and the reference page: Swagger UI, whose assets come
from the pinned `flask-swagger-ui` package and are served by the app (no CDN)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import flask_swagger_ui
import yaml
from flask import Blueprint, render_template, send_file, send_from_directory

from .auth import public

bp = Blueprint("docs", __name__)
SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
SWAGGER_UI = Path(flask_swagger_ui.__file__).resolve().parent / "dist"


@cache
def load_spec() -> dict:
    """The parsed openapi.yaml (read once per process)."""
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


@bp.get("/openapi.yaml")
@public
def openapi_yaml():
    """The OpenAPI 3.1 contract."""
    return send_file(SPEC_PATH, mimetype="application/yaml")


@bp.get("/docs")
@public
def docs():
    """The API reference: Swagger UI on openapi.yaml, and the problem types below it."""
    spec = load_spec()
    return render_template("docs.html", spec=spec, problems=spec["x-problem-types"])


@bp.get("/docs/assets/<path:name>")
@public
def docs_asset(name: str):
    """Swagger UI's own files, from the package that bundles them."""
    return send_from_directory(SWAGGER_UI, name, max_age=86400)
