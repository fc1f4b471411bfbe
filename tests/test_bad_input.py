"""Bad input at scale: each gets an answer or a clear 4xx, never a 500 (time is bounded by
pytest-timeout here and measured in bench/, not asserted)."""

from __future__ import annotations

import io

import pytest

ENDPOINTS = ["/v1/extract", "/v1/checks"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_10_mb_body_is_413_without_reading_it_all(client, path):
    response = client.post(path, data=b"x" * 10_000_000, content_type="text/plain")
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_1_mb_single_line_is_answered(client, path):
    line = ("The flood killed many people and destroyed homes " * 20_000)[:990_000]
    response = client.post(path, data=line, content_type="text/plain")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ENDPOINTS)
def test_ten_thousand_numbers_get_a_clear_422(app, path):
    app.config["MAX_ARTICLE_BYTES"] = app.config["MAX_CONTENT_LENGTH"] = 2_000_000
    text = " ".join(f"{n} people" for n in range(10_000))
    response = app.test_client().post(path, data=text, content_type="text/plain")
    assert response.status_code == 422
    body = response.get_json(force=True)
    assert body["type"] == "/docs#problem-too-many-claims"
    assert "10,000" in body["detail"]


@pytest.mark.parametrize("path", [*ENDPOINTS, "/v1/jobs", "/v1/references"])
def test_deeply_nested_json_is_400(client, path):
    response = client.post(
        path, data="[" * 100_000 + "]" * 100_000, content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response.mimetype == "application/problem+json"


def test_html_scripts_and_styles_are_not_article_text(client):
    html = (
        "<html><head><style>.x{width:300px}</style><script>var killed = 4000;</script></head>"
        "<body><p>Twelve people were killed.</p><script>alert(99)</script></body></html>"
    )
    result = client.post("/v1/extract", json={"html": html}).get_json()
    assert [c["value"] for c in result["claims"]] == [12]
    assert "4000" not in result["document"]["text"] and "alert" not in result["document"]["text"]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ('{"text": "' + "9" * 5000 + ' people"}', "application/json", 200),  # a string: fine
        ('{"text": "Five died.", "title": ' + "9" * 5000 + "}", "application/json", 400),
        ('{"text": "\\ud800 12 people were killed"}', "application/json", 400),
        ("Five died.", "text/plain; charset=rot13", 415),
    ],
)
def test_odd_bodies_get_clear_answers(client, body, content_type, status):
    for path in ENDPOINTS:
        response = client.post(path, data=body.encode(), content_type=content_type)
        assert response.status_code == status, (path, response.get_data(as_text=True))


def test_relative_dates_before_the_calendar_starts_are_dropped(client):
    article = {"text": "Yesterday and last week 5 people died.", "published_at": "0001-01-01"}
    response = client.post("/v1/extract", json=article)
    assert response.status_code == 200
    assert [c["value"] for c in response.get_json()["claims"]] == [5]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_reference_value_too_big_for_float_is_a_row_error(client, fmt):
    source = {"name": "s", "url": "https://example.org/x", "retrieved_at": "2024-01-01T00:00:00Z"}
    fact = {"subject": "X", "metric": "killed", "value": 10**400, "source": source}
    if fmt == "json":
        import json

        response = client.post(
            "/v1/references", data=json.dumps([fact]), content_type="application/json"
        )
    else:
        csv = "subject,metric,value,source_name,source_url,source_retrieved_at\n"
        csv += f"X,killed,{10**400},s,https://example.org/x,2024-01-01T00:00:00Z\n"
        response = client.post("/v1/references", data=csv, content_type="text/csv")
    assert response.status_code in (400, 422), response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"


def post_without_length(client, path: str, body: bytes, content_type: str):
    """A body with no Content-Length, ended by the server (as gunicorn ends a chunked one)."""
    return client.post(
        path,
        input_stream=io.BytesIO(body),
        content_type=content_type,
        environ_overrides={"wsgi.input_terminated": True},
    )


@pytest.mark.parametrize(
    ("path", "content_type", "head"),
    [
        ("/v1/extract", "text/plain", b""),
        ("/v1/checks", "application/json", b'{"text": "'),
        ("/v1/jobs", "application/json", b'{"articles": [{"text": "'),
        ("/v1/references", "text/csv", b"subject,metric\n"),
    ],
)
def test_a_body_without_length_one_byte_past_the_limit_is_413_not_cut(
    app, path, content_type, head
):
    limit = app.config["MAX_CONTENT_LENGTH"] = 1000
    client = app.test_client()
    over = post_without_length(client, path, head + b"x" * (limit + 1 - len(head)), content_type)
    assert over.status_code == 413, over.get_data(as_text=True)
    assert over.mimetype == "application/problem+json"
    assert over.get_json()["detail"] == "The body is larger than 1000 bytes."


def test_a_body_without_length_at_the_limit_is_read_whole(app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = post_without_length(
        app.test_client(), "/v1/extract", b"7 died. " * 125, "text/plain"
    )
    assert response.status_code == 200
    assert response.get_json()["document"]["length"] == 1000
