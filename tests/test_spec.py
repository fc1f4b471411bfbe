"""openapi.yaml is a valid OpenAPI 3.1 document and matches the routes Flask serves."""

from __future__ import annotations

import re

import yaml
from openapi_spec_validator import validate

from service.api.docs import SPEC_PATH

METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def load() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def test_spec_is_valid_openapi_3_1():
    spec = load()
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_route_is_in_the_spec_and_vice_versa(app):
    served = {
        (re.sub(r"<(?:\w+:)?\w+>", "{}", rule.rule), method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods & METHODS
    }
    documented = {
        (re.sub(r"\{\w+\}", "{}", path), method.upper())
        for path, item in load()["paths"].items()
        for method in item
        if method.upper() in METHODS
    }
    assert served == documented


def test_every_problem_slug_the_code_uses_is_documented():
    from service import errors

    slugs = {
        cls.slug
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.ServiceError)
    }
    documented = set(load()["x-problem-types"])
    assert slugs | {"method-not-allowed"} <= documented


def test_openapi_yaml_and_docs_are_served(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.data)["info"]["title"] == load()["info"]["title"]
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert page.mimetype == "text/html"
    for operation_id in ("extractClaims", "createCheck", "importReferences", "getJob"):
        assert f'id="{operation_id}"' in html
    assert 'id="problem-validation-error"' in html
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", html)  # no CDN
