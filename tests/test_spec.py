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
    assert 'id="problem-validation-error"' in html
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", html)  # no CDN
    for asset in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
    assert "/docs/assets/swagger-ui-bundle.js" in html


def conforms(instance, schema_name: str) -> None:
    """Validate a response body against a schema of openapi.yaml (JSON Schema 2020-12)."""
    from openapi_schema_validator import OAS31Validator

    spec = load()
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    OAS31Validator(schema).validate(instance)


def test_responses_conform_to_the_spec(client, redis_client):
    from service.references.importer import load_bundled

    load_bundled(redis_client, only_if_empty=False)
    text = "In 2014, Pakistan launched Operation Zarb-e-Azb. About 12 people died last week."
    article = {"text": text, "published_at": "2024-07-01", "url": "https://news.example/x"}
    conforms(client.post("/v1/extract", json=article).get_json(), "ExtractResult")
    conforms(client.post("/v1/checks", json=article).get_json(), "CheckResult")
    html = client.post("/v1/extract", json={"html": "<p>Five people died.</p>"}).get_json()
    conforms(html, "ExtractResult")
    reviews = client.post("/v1/checks", json=article, headers={"Accept": "application/ld+json"})
    for review in reviews.get_json(force=True):
        conforms(review, "ClaimReview")
    conforms(client.get("/readyz").get_json(), "Ready")
    page = client.get("/v1/references?limit=5").get_json()
    conforms(page, "ReferencePage")
    conforms(client.get(f"/v1/references/{page['items'][0]['id']}").get_json(), "Reference")
    conforms(client.get("/v1/sources").get_json(), "SourceList")
    imported = client.post("/v1/references", json=[page["items"][0]]).get_json()
    conforms(imported, "ImportReport")
    conforms(client.post("/v1/extract", json={}).get_json(), "Problem")


def test_every_protected_operation_documents_auth_and_limit_answers():
    for path, item in load()["paths"].items():
        for method, op in item.items():
            if method.upper() not in METHODS or op.get("security") == []:
                continue
            assert {"401", "403", "429"} <= set(op["responses"]), (method, path)
