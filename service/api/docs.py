"""The API contract: the raw OpenAPI file and a rendered reference page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from flask import Blueprint, render_template, send_file

from .auth import public

bp = Blueprint("docs", __name__)
SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
METHODS = ("get", "post", "put", "patch", "delete")


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
    """The API reference, rendered from openapi.yaml with no external assets."""
    spec = load_spec()
    operations = [
        (path, method.upper(), op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]
    return render_template("docs.html", spec=spec, operations=operations)
