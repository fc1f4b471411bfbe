"""A reference import's body is read as the API reads an article: invalid bytes are a 400."""

from __future__ import annotations


def test_an_import_that_is_not_valid_utf8_is_400_not_read_with_replacements(client):
    csv = b"subject,metric,value,source_name,source_url,source_retrieved_at\n"
    row = b"Mir Ali \xff attack,killed,7,T,https://example.org/a,2024-07-01\n"
    response = client.post("/v1/references", data=csv + row, content_type="text/csv")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert client.get("/v1/references").get_json()["total"] == 0


def test_an_unknown_charset_is_415(client):
    response = client.post(
        "/v1/references", data=b"[]", content_type="application/json; charset=klingon"
    )
    assert response.status_code == 415
