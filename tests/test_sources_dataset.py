"""The newsroom dataset source and the /v1/sources endpoints, against a local HTTP server."""

from __future__ import annotations

import json

import pytest
from werkzeug import Request, Response

from service import create_app
from service.errors import ServiceUnavailable
from service.references.sources.dataset import DatasetSource, parse_fields
from service.references.store import ReferenceStore
from tests.test_sources_wikidata import FakeWikidata, settings

CSV_V1 = (
    "Country,Deaths,Date,Tags\nPakistan,120,2024-06,militants;North Waziristan\nAfghanistan,8,,\n"
)
CSV_V2 = "Country,Deaths,Date,Tags\nPakistan,125,2024-06,militants\n"
FIELDS = "subject=Country,metric='killed',value=Deaths,as_of=Date,keywords=Tags,unit='people'"


class FakeDataset:
    """A CSV file served with an ETag, answering 304 to a matching If-None-Match."""

    def __init__(self, body: str = CSV_V1, etag: str = '"v1"'):
        self.body, self.etag, self.mode = body, etag, "ok"

    def __call__(self, request: Request) -> Response:
        if self.mode == "down":
            return Response("no", status=502)
        if request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(self.body, content_type="text/csv", headers={"ETag": self.etag})


@pytest.fixture
def served(httpserver) -> FakeDataset:
    handler = FakeDataset()
    httpserver.expect_request("/figures.csv").respond_with_handler(handler)
    return handler


def dataset_settings(httpserver, **overrides) -> dict:
    return settings(
        httpserver,
        DATASET_URL=httpserver.url_for("/figures.csv"),
        DATASET_FIELDS=FIELDS,
        **overrides,
    )


@pytest.fixture
def dataset(httpserver, served, redis_client) -> DatasetSource:
    return DatasetSource(redis_client, dataset_settings(httpserver))


def test_refresh_maps_rows_to_facts(dataset, redis_client):
    assert dataset.refresh() == 2
    items = ReferenceStore(redis_client).list(metric="killed")["items"]
    pakistan = next(f for f in items if f["subject"] == "Pakistan")
    assert pakistan["value"] == 120 and pakistan["as_of"] == "2024-06"
    assert (
        pakistan["keywords"] == ["militants", "North Waziristan"] and pakistan["unit"] == "people"
    )
    assert pakistan["source"]["name"] == "Newsroom dataset"
    assert pakistan["source"]["url"].endswith("/figures.csv")
    assert dataset.state()["facts"] == 2


def test_unchanged_dataset_is_a_304_and_writes_nothing(dataset, httpserver, redis_client):
    dataset.refresh()
    version = ReferenceStore(redis_client).version()
    assert dataset.refresh() == 0
    request, response = httpserver.log[-1]
    assert request.headers["If-None-Match"] == '"v1"' and response.status_code == 304
    assert ReferenceStore(redis_client).version() == version
    assert ReferenceStore(redis_client).count() == 2


def test_changed_dataset_replaces_the_sources_facts(dataset, served, redis_client):
    dataset.refresh()
    served.body, served.etag = CSV_V2, '"v2"'
    assert dataset.refresh() == 2  # Pakistan updated (new value), Afghanistan removed
    items = ReferenceStore(redis_client).list()["items"]
    assert [(f["subject"], f["value"]) for f in items] == [("Pakistan", 125)]


def test_down_dataset_is_unavailable_and_keeps_facts(dataset, served, redis_client):
    dataset.refresh()
    served.mode = "down"
    with pytest.raises(ServiceUnavailable):
        dataset.refresh()
    assert ReferenceStore(redis_client).count() == 2 and dataset.state()["stale"] is True


def test_bad_rows_fail_the_refresh_with_row_errors(httpserver, served, redis_client):
    served.body = "Country,Deaths,Date,Tags\nPakistan,many,,\n"
    source = DatasetSource(redis_client, dataset_settings(httpserver))
    with pytest.raises(ServiceUnavailable) as caught:
        source.refresh()
    assert caught.value.errors[0]["row"] == 1 and caught.value.errors[0]["field"] == "value"
    assert ReferenceStore(redis_client).count() == 0


def test_json_dataset_and_malformed_body(httpserver, redis_client):
    rows = [{"subject": "Kabul", "metric": "date", "value": "2021-08-15"}]
    httpserver.expect_request("/d.json").respond_with_json(rows)
    httpserver.expect_request("/bad.json").respond_with_data(
        "{oops", content_type="application/json"
    )
    good = settings(httpserver, DATASET_URL=httpserver.url_for("/d.json"), DATASET_FORMAT="json")
    assert DatasetSource(redis_client, good).refresh() == 1
    bad = good | {"DATASET_URL": httpserver.url_for("/bad.json")}
    with pytest.raises(ServiceUnavailable):
        DatasetSource(redis_client, bad).refresh()


def test_parse_fields():
    assert parse_fields("subject=Country, metric='killed'") == {
        "subject": (False, "Country"),
        "metric": (True, "killed"),
    }
    assert parse_fields(None)["value"] == (False, "value")
    for bad in ("colour=Red", "subject", "value="):
        with pytest.raises(ValueError):
            parse_fields(bad)


@pytest.fixture
def api(httpserver, served, redis_url, tmp_path):
    """The app with both sources pointed at the test server."""
    httpserver.expect_request("/w/api.php").respond_with_handler(FakeWikidata())
    config = {
        "TESTING": True,
        "REDIS_URL": redis_url,
        "DATA_DIR": tmp_path / "var",
        "AUTH_DISABLED": True,
        "RATE_LIMIT": "off",
        **{
            k: v
            for k, v in dataset_settings(httpserver).items()
            if k.startswith(("SOURCE", "DATASET", "WIKIDATA"))
        },
    }
    return create_app(config).test_client()


def test_sources_endpoint_lists_states(api):
    body = api.get("/v1/sources").json
    assert [s["name"] for s in body["sources"]] == ["wikidata", "dataset"]
    assert set(body["sources"][1]) == {
        "name",
        "kind",
        "base_url",
        "last_refresh",
        "facts",
        "errors",
        "last_error",
        "breaker",
        "stale",
    }
    assert body["sources"][1]["breaker"] == "closed" and body["sources"][1]["facts"] == 0


def test_refresh_endpoint(api, served):
    response = api.post("/v1/sources/dataset/refresh")
    assert response.status_code == 200 and response.json["refreshed"] == 2
    assert response.json["source"]["facts"] == 2 and response.json["source"]["last_refresh"]
    assert api.post("/v1/sources/wikidata/refresh").json["refreshed"] == 0
    missing = api.post("/v1/sources/nope/refresh")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    served.mode = "down"
    down = api.post("/v1/sources/dataset/refresh")
    assert down.status_code == 503 and down.mimetype == "application/problem+json"
    assert down.headers["Retry-After"] == "1" and "HTTP 502" in down.json["detail"]
    assert json.loads(api.get("/v1/sources").data)["sources"][1]["errors"] == 1
