"""Frictionless Data Package imports: folders, URLs (SSRF rules), mappings, vintages, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug import Response

from service.cli import main
from service.errors import Conflict, ValidationFailed
from service.references.packages import load_package
from service.references.store import PACKAGE, ReferenceStore
from tests.conftest import make_app
from tests.test_references_store import dump
from tests.test_spec import conforms

PROBLEM = "application/problem+json"
CSV = "Country Name,Country Code,Year,Value\nValdoria,VAL,2022,1000\nValdoria,VAL,2023,1100\n"
CSV += "Japan,JPN,2023,124500000\nJapan,JPN,2024,\n"
MAPPING = {
    "resources": {
        "people": {
            "subject": "{Country Name}",
            "place": "{Country Name}",
            "period": "{Year}",
            "value": "{Value}",
            "metric": "population",
            "unit": "people",
            "source": {
                "name": "Statistics Office ({Country Code})",
                "url": "https://stats.example/pop?locations={Country Code|iso2}&n={Country Name}",
            },
        }
    }
}
SETTINGS = {"PACKAGE_ALLOWED_HOSTS": None, "PACKAGE_MAX_BYTES": 1_000_000, "PACKAGE_TIMEOUT": 5}


def descriptor(mapping=None, last_updated="2024-05-01", **resource) -> dict:
    out = {
        "name": "pop-test",
        "last_updated": last_updated,
        "licenses": [{"name": "ODC-PDDL-1.0"}],
        "resources": [
            {
                "name": "people",
                "path": "data/people.csv",
                "schema": {
                    "fields": [
                        {"name": "Country Name", "type": "string"},
                        {"name": "Country Code", "type": "string"},
                        {"name": "Year", "type": "year"},
                        {"name": "Value", "type": "number"},
                    ]
                },
                **resource,
            },
            {"name": "other", "path": "data/other.csv", "schema": {"fields": []}},
        ],
    }
    if mapping is not None:
        out["factcheck"] = mapping
    return out


def write_package(folder: Path, csv_text: str = CSV, **kwargs) -> Path:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "data" / "people.csv").write_text(csv_text)
    (folder / "datapackage.json").write_text(json.dumps(descriptor(**kwargs)))
    return folder


def by_key(client) -> dict:
    items = ReferenceStore(client).list(limit=500)["items"]
    return {(f["subject"], f["period"]): f for f in items}


def test_folder_import_reads_typed_cells_into_facts(tmp_path, redis_client):
    report = load_package(redis_client, str(write_package(tmp_path, mapping=MAPPING)), SETTINGS)
    assert report["package"] == "pop-test"
    assert (report["created"], report["imported"], report["skipped_rows"]) == (3, 3, 1)
    assert report["resources"] == {"people": {"rows": 4, "facts": 3, "skipped": 1}}
    assert report["skipped_resources"] == ["other"]
    facts = by_key(redis_client)
    japan = facts[("Japan", "2023")]
    assert japan["value"] == 124_500_000 and isinstance(japan["value"], int)
    assert (japan["place"], japan["metric"], japan["unit"]) == ("Japan", "population", "people")
    assert japan["as_of"] == "2024-05-01"  # the descriptor's last_updated
    assert japan["source"] == {
        "name": "Statistics Office (JPN)",
        "url": "https://stats.example/pop?locations=JP&n=Japan",
        "retrieved_at": "2024-05-01T00:00:00Z",
    }
    assert facts[("Valdoria", "2022")]["source"]["url"].endswith("locations=VAL&n=Valdoria")
    assert redis_client.scard(PACKAGE + "pop-test") == 3


def test_reimport_is_idempotent(tmp_path, redis_client, redis_url):
    folder = write_package(tmp_path, mapping=MAPPING)
    first = load_package(redis_client, str(folder / "datapackage.json"), SETTINGS)
    before = dump(redis_url)
    again = load_package(redis_client, str(folder), SETTINGS)
    assert (again["unchanged"], again["created"], again["updated"], again["revised"]) == (
        3,
        0,
        0,
        0,
    )
    assert again["version"] == first["version"] and dump(redis_url) == before


def test_newer_vintage_revises_and_counts_changed_values(tmp_path, redis_client):
    load_package(redis_client, str(write_package(tmp_path, mapping=MAPPING)), SETTINGS)
    newer = CSV.replace("2023,1100", "2023,1150").replace("2024,\n", "2024,124000000\n")
    folder = write_package(tmp_path, newer, mapping=MAPPING, last_updated="2025-01-10")
    report = load_package(redis_client, str(folder), SETTINGS)
    assert (report["created"], report["removed"], report["revised"]) == (4, 3, 3)
    assert report["revised_values"] == 1
    facts = by_key(redis_client)
    assert len(facts) == 4 and {f["as_of"] for f in facts.values()} == {"2025-01-10"}
    assert facts[("Valdoria", "2023")]["value"] == 1150
    assert redis_client.scard(PACKAGE + "pop-test") == 4


def test_older_vintage_is_refused_and_writes_nothing(tmp_path, redis_client, redis_url):
    load_package(redis_client, str(write_package(tmp_path, mapping=MAPPING)), SETTINGS)
    before = dump(redis_url)
    folder = write_package(tmp_path, mapping=MAPPING, last_updated="2020-01-01")
    with pytest.raises(Conflict, match="older vintage"):
        load_package(redis_client, str(folder), SETTINGS)
    assert dump(redis_url) == before


@pytest.mark.parametrize(
    ("csv_text", "kwargs", "field", "row"),
    [
        (CSV.replace("2023,1100", "2023,lots"), {}, "resources.people", 2),
        (CSV.replace("Valdoria,VAL,2022", "Valdoria,VAL,22"), {}, "resources.people", 1),
        (CSV.replace("Country Name,", "Name,"), {}, "resources.people", None),
        (CSV + "Japan,JPN,2022,1,extra\n", {}, "resources.people", 5),
        (CSV, {"path": "../outside.csv"}, None, None),
        (CSV, {"path": "/etc/passwd"}, None, None),
    ],
)
def test_bad_packages_are_422_and_write_nothing(
    tmp_path, redis_client, redis_url, csv_text, kwargs, field, row
):
    folder = write_package(tmp_path / "p", csv_text, mapping=MAPPING, **kwargs)
    (tmp_path / "outside.csv").write_text(CSV)
    before = dump(redis_url)
    with pytest.raises(ValidationFailed) as caught:
        load_package(redis_client, str(folder), SETTINGS)
    error = caught.value.errors[0]
    assert error["field"] == field and error.get("row") == row
    assert dump(redis_url) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"value": "{Nope}"}, "mapping.resources.people"),
        ({"source": {"name": "x"}}, "descriptor.factcheck.resources.people.source.url"),
        ({"metric": "Not A Metric"}, "resources.people.metric"),
        ({"value": "{Value|shout}"}, "mapping.resources.people"),
    ],
)
def test_bad_mappings_are_named(tmp_path, redis_client, change, field):
    people = {**MAPPING["resources"]["people"], **change}
    folder = write_package(tmp_path, mapping={"resources": {"people": people}})
    with pytest.raises(ValidationFailed) as caught:
        load_package(redis_client, str(folder), SETTINGS)
    assert caught.value.errors[0]["field"] == field


def test_mapping_beside_the_descriptor_and_no_mapping_at_all(tmp_path, redis_client):
    folder = write_package(tmp_path)
    with pytest.raises(ValidationFailed, match="No mapping"):
        load_package(redis_client, str(folder), SETTINGS)
    (folder / "factcheck.json").write_text(json.dumps({**MAPPING, "package": "renamed"}))
    assert load_package(redis_client, str(folder), SETTINGS)["package"] == "renamed"


def test_cli_load_package_with_a_map_file(tmp_path, redis_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    folder = write_package(tmp_path / "pkg")
    (tmp_path / "map.json").write_text(json.dumps(MAPPING))
    from click.testing import CliRunner

    result = CliRunner().invoke(
        main, ["refs", "load-package", str(folder), "--map", str(tmp_path / "map.json")]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["created"] == 3
    bad = CliRunner().invoke(main, ["refs", "load-package", str(tmp_path / "nowhere")])
    assert bad.exit_code == 1 and "No datapackage.json" in bad.output


# -- over HTTP -------------------------------------------------------------------------------


@pytest.fixture
def package_app(redis_url, tmp_path):
    return make_app(
        redis_url, tmp_path, PACKAGE_ALLOWED_HOSTS="127.0.0.1", PACKAGE_MAX_BYTES=10_000
    )


def serve_package(httpserver, mapping=MAPPING, csv_text=CSV) -> str:
    httpserver.expect_request("/pkg/datapackage.json").respond_with_json(descriptor(mapping))
    httpserver.expect_request("/pkg/data/people.csv").respond_with_data(
        csv_text, content_type="text/csv"
    )
    return httpserver.url_for("/pkg/datapackage.json")


def test_api_imports_a_package_from_a_url(package_app, httpserver, redis_client):
    client = package_app.test_client()
    url = serve_package(httpserver)
    response = client.post("/v1/references/packages", json={"url": url})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.json["created"] == 3 and response.json["package"] == "pop-test"
    conforms(response.json, "PackageImportReport")
    again = client.post("/v1/references/packages", json={"url": url.rsplit("/", 1)[0] + "/"})
    assert again.json["unchanged"] == 3
    body = {"url": url, "mapping": {**MAPPING, "package": "other-name"}}
    assert client.post("/v1/references/packages", json=body).json["package"] == "other-name"


def test_api_follows_the_ssrf_rules(package_app, httpserver, redis_client, redis_url):
    client = package_app.test_client()
    url = serve_package(httpserver)
    package_app.config["PACKAGE_ALLOWED_HOSTS"] = None
    refused = client.post("/v1/references/packages", json={"url": url})
    assert refused.status_code == 422 and refused.mimetype == PROBLEM
    assert "loopback" in refused.json["errors"][0]["message"]
    package_app.config["PACKAGE_ALLOWED_HOSTS"] = "127.0.0.1"
    httpserver.expect_request("/jump").respond_with_response(
        Response(status=302, headers={"Location": "http://10.1.2.3/pkg/datapackage.json"})
    )
    hop = client.post("/v1/references/packages", json={"url": httpserver.url_for("/jump")})
    assert hop.status_code == 422 and "private" in hop.json["errors"][0]["message"]
    creds = client.post("/v1/references/packages", json={"url": "http://u:p@127.0.0.1/x"})
    assert creds.status_code == 422
    assert dump(redis_url) == {}


def test_api_remote_failures(package_app, httpserver, redis_url):
    client = package_app.test_client()
    httpserver.expect_request("/gone/datapackage.json").respond_with_data("no", status=404)
    httpserver.expect_request("/down/datapackage.json").respond_with_data("no", status=503)
    httpserver.expect_request("/big/datapackage.json").respond_with_data("x" * 20_000)
    httpserver.expect_request("/notjson/datapackage.json").respond_with_data("<html>")
    for path, status in [("gone", 422), ("down", 503), ("big", 422), ("notjson", 422)]:
        url = httpserver.url_for(f"/{path}/datapackage.json")
        response = client.post("/v1/references/packages", json={"url": url})
        assert (response.status_code, response.mimetype) == (status, PROBLEM), path
    assert dump(redis_url) == {}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"url": "ftp://127.0.0.1/x"},
        {"url": "http://127.0.0.1/x", "extra": 1},
        {"url": "http://127.0.0.1/x", "mapping": []},
        {"url": "http://127.0.0.1/x", "mapping": {"resources": {}}},
        {"url": "http://127.0.0.1/x", "mapping": {"resources": {"people": {"subject": "x"}}}},
    ],
)
def test_api_bad_bodies_are_422(package_app, body):
    response = package_app.test_client().post("/v1/references/packages", json=body)
    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert response.json["errors"]
    conforms(response.json, "Problem")


def test_put_and_delete_keep_the_place_index(tmp_path, redis_client):
    load_package(redis_client, str(write_package(tmp_path, mapping=MAPPING)), SETTINGS)
    store = ReferenceStore(redis_client)
    (japan,) = store.candidates([], places=["JPN"])
    body = {k: v for k, v in japan.items() if k not in ("id", "matched_terms", "matched_places")}
    store.put(japan["id"], {**body, "value": 124_000_000})
    assert [f["value"] for f in store.candidates([], places=["JPN"])] == [124_000_000]
    store.delete(japan["id"])
    assert store.candidates([], places=["JPN"], metrics=["population"]) == []
    assert not redis_client.exists("ref:{ref}:place:JPN", "ref:{ref}:placemetric:JPN:population")
    assert len(store.candidates([], places=["valdoria"], years=["2022"])) == 1
