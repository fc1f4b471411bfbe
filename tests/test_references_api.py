"""/v1/references through the Flask test client, error paths included."""

from __future__ import annotations

import json

import pytest

from service.references.importer import load_bundled
from tests.test_references_importer import CSV
from tests.test_references_store import dump, fact

PROBLEM = "application/problem+json"


@pytest.fixture
def loaded(redis_client):
    load_bundled(redis_client, packs=False)


def test_import_each_content_type(client):
    json_body = json.dumps([fact()])
    ndjson = json.dumps(fact(metric="injured", value=12)) + "\n"
    assert (
        client.post("/v1/references", data=json_body, content_type="application/json").json[
            "created"
        ]
        == 1
    )
    for mimetype in ("application/x-ndjson", "application/jsonl"):
        response = client.post("/v1/references", data=ndjson, content_type=mimetype)
        assert response.status_code == 200
    response = client.post("/v1/references", data=CSV, content_type="text/csv; charset=utf-8")
    assert response.status_code == 200
    assert response.json == {
        "imported": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "removed": 0,
        "version": 3,
    }


def test_import_bad_rows_is_422_with_rows_and_writes_nothing(client, loaded, redis_url):
    before = dump(redis_url)
    body = json.dumps([fact(), fact(metric="date", value=5), {"subject": "x"}])
    response = client.post("/v1/references", data=body, content_type="application/json")
    assert response.status_code == 422 and response.mimetype == PROBLEM
    rows = {(e["row"], e["field"]) for e in response.json["errors"]}
    assert (2, "value") in rows and (3, "metric") in rows and (3, "source") in rows
    assert dump(redis_url) == before


def test_import_other_content_type_is_415(client):
    response = client.post("/v1/references", data="<x/>", content_type="application/xml")
    assert response.status_code == 415 and response.mimetype == PROBLEM


def test_list_pages_and_filters(client, loaded):
    first = client.get("/v1/references?limit=10").json
    second = client.get(f"/v1/references?limit=10&cursor={first['next_cursor']}").json
    assert first["total"] == 14 and len(first["items"]) == 10 and len(second["items"]) == 4
    assert second["next_cursor"] is None
    zarb = client.get("/v1/references?subject=Zarb-i-Azb&metric=killed").json
    assert [f["value"] for f in zarb["items"]] == [3500] and zarb["total"] == 1


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "limit=x", "cursor=zz", "sort=id"])
def test_list_bad_query_is_422(client, query):
    response = client.get(f"/v1/references?{query}")
    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert response.json["errors"][0]["field"] == query.split("=")[0]


def test_get_put_delete_round_trip(client, loaded):
    item = client.get("/v1/references?subject=mir+ali&metric=killed").json["items"][0]
    assert client.get(f"/v1/references/{item['id']}").json == item
    body = {k: v for k, v in item.items() if k != "id"} | {"value": 8, "note": "corrected"}
    put = client.put(f"/v1/references/{item['id']}", json=body)
    assert put.status_code == 200 and put.json["value"] == 8 and put.json["id"] == item["id"]
    assert client.delete(f"/v1/references/{item['id']}").status_code == 204
    missing = client.get(f"/v1/references/{item['id']}")
    assert missing.status_code == 404 and missing.mimetype == PROBLEM
    assert client.delete(f"/v1/references/{item['id']}").status_code == 404


def test_put_errors(client, loaded):
    item = client.get("/v1/references?subject=kabul").json["items"][0]
    body = {k: v for k, v in item.items() if k != "id"}
    assert client.put("/v1/references/0123456789abcdef", json=body).status_code == 404
    with_id = client.put(f"/v1/references/{item['id']}", json=item)
    assert with_id.status_code == 422 and with_id.json["errors"][0]["field"] == "id"
    moved = client.put(f"/v1/references/{item['id']}", json={**body, "as_of": "2021"})
    assert moved.status_code == 422 and moved.json["errors"][0]["field"] == "as_of"
    not_json = client.put(f"/v1/references/{item['id']}", data="x", content_type="text/plain")
    assert not_json.status_code == 415 and not_json.mimetype == PROBLEM


def test_a_blank_subject_filter_matches_nothing(client, loaded):
    for subject in ("\u00a0", " ", "--"):
        response = client.get("/v1/references", query_string={"subject": subject})
        assert response.status_code == 200 and response.json["total"] == 0, subject


def test_a_period_may_be_a_span_and_a_bad_one_is_422_naming_the_forms(client, loaded, redis_url):
    spans = ("2025-10/2026-02", "2024-25", "2023-2025", "2025-10-01/2025-10-31")
    body = json.dumps([fact(metric="parcels", value=i + 1, period=p) for i, p in enumerate(spans)])
    response = client.post("/v1/references", data=body, content_type="application/json")
    assert response.status_code == 200 and response.json["created"] == len(spans)
    listed = client.get("/v1/references?metric=parcels").json
    assert sorted(f["period"] for f in listed["items"]) == sorted(spans)
    before = dump(redis_url)
    bad_periods = ("2026-02/2025-10", "2025/2025-10", "2025-27", "2025-2023", "1999-00", "winter")
    for bad in bad_periods:
        body = json.dumps([fact(metric="parcels", value=9, period=bad)])
        response = client.post("/v1/references", data=body, content_type="application/json")
        assert response.status_code == 422 and response.mimetype == PROBLEM, bad
        error = response.json["errors"][0]
        assert error["field"] == "period" and "ISO 8601 interval" in error["message"], bad
    assert dump(redis_url) == before
