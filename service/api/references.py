"""The reference facts: list, import, read, replace, delete.

PUT replaces an existing fact only (404 if absent); the fields that define a fact's id
(subject, metric, unit, as_of, source.url) cannot change there (422): delete and import anew.
"""

from __future__ import annotations

from flask import Blueprint, current_app, request

from ..errors import UnsupportedMediaType
from ..references.importer import parse
from ..references.packages import load_mapping, load_package
from ..references.schema import ListQuerySchema
from ..references.store import ReferenceStore
from ..storage import get_redis
from .articles import decode_body, json_object
from .auth import requires
from .schemas import PackageImportSchema

bp = Blueprint("references", __name__)
IMPORT_TYPES = {
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/csv": "csv",
}


def _store() -> ReferenceStore:
    return ReferenceStore(get_redis())


@bp.get("/v1/references")
@requires("check")
def list_references():
    """Page through the facts by id; filter by `subject` words and `metric` (422 if bad)."""
    return _store().list(**ListQuerySchema().load(request.args.to_dict()))


@bp.post("/v1/references")
@requires("admin")
def import_references():
    """Import a JSON array, JSON Lines or CSV body: every row or none (422 lists bad rows)."""
    fmt = IMPORT_TYPES.get(request.mimetype)
    if fmt is None:
        raise UnsupportedMediaType(f"Send one of {', '.join(IMPORT_TYPES)}.")
    text = decode_body(request.mimetype_params.get("charset", "utf-8"))
    return _store().import_facts(parse(text, fmt))


@bp.post("/v1/references/packages")
@requires("admin")
def import_package():
    """Import a Frictionless Data Package from an http(s) URL (SSRF rules as for callbacks):
    every mapped row or none; a newer vintage revises the package's earlier facts."""
    body = PackageImportSchema().load(json_object())
    mapping = load_mapping(body["mapping"]) if "mapping" in body else None
    return load_package(get_redis(), body["url"], current_app.config, mapping)


@bp.get("/v1/references/<ref_id>")
@requires("check")
def get_reference(ref_id: str):
    """One fact, or 404."""
    return _store().get(ref_id)


@bp.put("/v1/references/<ref_id>")
@requires("admin")
def put_reference(ref_id: str):
    """Replace an existing fact with the JSON body (a fact without `id`); 404 if absent."""
    return _store().put(ref_id, json_object())


@bp.delete("/v1/references/<ref_id>")
@requires("admin")
def delete_reference(ref_id: str):
    """Delete one fact: 204, or 404."""
    _store().delete(ref_id)
    return "", 204
