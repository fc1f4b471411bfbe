"""Every bad-input path gives a problem+json with the right status, never a 500."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"
ENDPOINTS = ["/v1/extract", "/v1/checks"]


def assert_problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"] == f"/docs#problem-{slug}"
    assert body["title"] and body["detail"]
    return body


def field_names(body: dict) -> set:
    return {e["field"] for e in body.get("errors", [])}


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   \n"}, "text"),
        ({"html": ""}, "html"),
        ({"text": "a", "html": "<p>a</p>"}, "html"),
        ({"text": 5}, "text"),
        ({"text": ["a"]}, "text"),
        ({"text": "a", "colour": "red"}, "colour"),
        ({"text": "a", "published_at": "yesterday"}, "published_at"),
        ({"text": "a", "published_at": 20240101}, "published_at"),
        ({"text": "a", "url": "not a url"}, "url"),
        ({"text": "a", "url": "ftp://example.org/x"}, "url"),
        ({"text": "a", "language": "fr"}, "language"),
        ({"text": "a", "title": None}, "title"),
    ],
)
def test_invalid_fields_are_422_naming_the_field(client, path, payload, field):
    body = assert_problem(client.post(path, json=payload), 422, "validation-error")
    assert field in field_names(body)


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("payload", ["[]", '"text"', "42", "null"])
def test_json_that_is_not_an_object_is_422(client, path, payload):
    assert_problem(
        client.post(path, data=payload, content_type="application/json"), 422, "validation-error"
    )


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("payload", ["{", '{"text": "a",}', "", "{'text': 'a'}"])
def test_invalid_json_is_400(client, path, payload):
    body = assert_problem(
        client.post(path, data=payload, content_type="application/json"), 400, "bad-request"
    )
    assert "JSON" in body["detail"]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "text/html"])
def test_non_utf8_bytes_are_400(client, path, content_type):
    response = client.post(path, data=b'{"text": "caf\xe9 5 people"}', content_type=content_type)
    body = assert_problem(response, 400, "bad-request")
    assert "utf-8" in body["detail"]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    "content_type", ["application/xml", "multipart/form-data; boundary=x", "image/png", None]
)
def test_unsupported_content_type_is_415(client, path, content_type):
    response = client.post(path, data=b"five people", content_type=content_type)
    body = assert_problem(response, 415, "unsupported-media-type")
    assert "text/plain" in body["detail"]


def test_unknown_charset_is_415(client):
    response = client.post("/v1/extract", data=b"x", content_type="text/plain; charset=klingon")
    assert_problem(response, 415, "unsupported-media-type")


@pytest.mark.parametrize("path", ENDPOINTS)
def test_body_over_max_article_bytes_is_413(app, path):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = app.test_client().post(path, json={"text": "x" * 2000})
    assert_problem(response, 413, "payload-too-large")


def test_raw_body_rejects_text_in_query_and_unknown_params(client):
    body = assert_problem(
        client.post("/v1/extract?text=hi", data="five", content_type="text/plain"),
        422,
        "validation-error",
    )
    assert field_names(body) == {"text"}
    body = assert_problem(
        client.post("/v1/extract?colour=red", data="five", content_type="text/plain"),
        422,
        "validation-error",
    )
    assert field_names(body) == {"colour"}


def test_raw_body_with_bad_published_at_is_422(client):
    response = client.post(
        "/v1/extract?published_at=2024-13-01", data="five", content_type="text/plain"
    )
    assert field_names(assert_problem(response, 422, "validation-error")) == {"published_at"}


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_field_in_the_query_and_in_the_json_body_is_422_naming_both(client, path):
    response = client.post(
        f"{path}?published_at=2024-03-04",
        json={"text": "Five died.", "published_at": "2024-03-05"},
    )
    body = assert_problem(response, 422, "validation-error")
    assert field_names(body) == {"query.published_at", "body.published_at"}
    assert "published_at" in body["detail"]


def test_query_fields_beside_a_json_body_are_still_taken(client):
    response = client.post("/v1/extract?published_at=2024-03-04", json={"text": "Five died."})
    assert response.status_code == 200
    assert response.get_json()["document"]["published_at"] == "2024-03-04"


def test_unknown_route_and_wrong_method_are_problems(client):
    assert_problem(client.get("/v1/nothing"), 404, "not-found")
    response = client.get("/v1/extract")
    assert_problem(response, 405, "method-not-allowed")
    assert "POST" in response.headers["Allow"]


def test_unexpected_exception_is_a_500_problem_without_internals(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    body = assert_problem(app.test_client().get("/boom"), 500, "internal-error")
    assert "secret" not in body["detail"]
