"""Wikidata in bulk: SPARQL results (written here, served by a local HTTP server) as facts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from werkzeug import Request, Response

from service.cli import main
from service.errors import ServiceUnavailable, ValidationFailed
from service.references.sources.sparql import WikidataQuerySource, load_query
from service.references.store import PACKAGE, ReferenceStore
from tests.test_sources_wikidata import settings

E = "http://www.wikidata.org/entity/"


def uri(value: str) -> dict:
    return {"type": "uri", "value": value}


def lit(value: str, datatype: str | None = None) -> dict:
    cell = {"type": "literal", "value": value}
    if datatype:
        cell["datatype"] = f"http://www.w3.org/2001/XMLSchema#{datatype}"
    return cell


def en(value: str) -> dict:
    return {"type": "literal", "value": value, "xml:lang": "en"}


def row(item="Q1001", **cells) -> dict:
    base = {
        "item": uri(E + item),
        "itemLabel": en("2024 Valdoria market bombing"),
        "itemAltLabel": en("Valdoria market attack, Market bombing"),
        "itemDescription": en("bombing in Valdoria"),
        "countryLabel": en("Pakistan"),
        "placeLabel": en("Besham"),
        "date": lit("2024-03-26T00:00:00Z", "dateTime"),
        "datePrecision": lit("11", "integer"),
    }
    return base | cells


def deaths(statement: str, amount: str, lower=None, upper=None, as_of=None) -> dict:
    cells = {
        "deathsStatement": uri(f"{E}statement/Q1001-{statement}"),
        "deaths": lit(amount, "decimal"),
    }
    if lower is not None:
        cells["deathsLower"] = lit(lower, "decimal")
    if upper is not None:
        cells["deathsUpper"] = lit(upper, "decimal")
    if as_of:
        cells["deathsAsOf"] = lit(as_of, "dateTime")
    return cells


RESULTS = {
    "head": {"vars": ["item", "itemLabel"]},
    "results": {
        "bindings": [
            # two deaths statements that disagree (conflicting sources), each row twice
            # (crossed with the two injured rows), so the same value repeats
            row(**deaths("AAA-1", "6", as_of="2024-03-27T00:00:00Z"), injured=lit("12")),
            row(**deaths("AAA-1", "6", as_of="2024-03-27T00:00:00Z"), injured=lit("12")),
            row(**deaths("BBB-2", "7", lower="5", upper="9")),
            row(
                item="Q1002",
                itemLabel=en("2023 Valdoria mosque attack"),
                itemAltLabel=en(""),
                date=lit("2023-01-30T00:00:00Z"),
                datePrecision=lit("10"),
                start=lit("2023-01-30T00:00:00Z"),
                startPrecision=lit("11"),
            ),
            # an item whose count lies outside its own bounds: left out, and counted
            row(
                item="Q1003",
                itemLabel=en("Broken item"),
                **{
                    "deathsStatement": uri(f"{E}statement/Q1003-X"),
                    "deaths": lit("50"),
                    "deathsLower": lit("60"),
                    "deathsUpper": lit("70"),
                },
            ),
            {"item": uri("http://example.org/not-an-entity")},
        ]
    },
}


class FakeQueryService:
    """Answers a SPARQL GET with the results above; records the queries it was sent."""

    def __init__(self):
        self.queries, self.body, self.status = [], RESULTS, 200

    def __call__(self, request: Request) -> Response:
        self.queries.append(request.args.get("query"))
        if request.args.get("format") != "json":
            return Response("want format=json", status=400)
        if self.status != 200:
            return Response("down", status=self.status)
        text = self.body if isinstance(self.body, str) else json.dumps(self.body)
        return Response(text, content_type="application/sparql-results+json")


@pytest.fixture
def service(httpserver) -> FakeQueryService:
    handler = FakeQueryService()
    httpserver.expect_request("/sparql").respond_with_handler(handler)
    return handler


@pytest.fixture
def source(httpserver, service, redis_client) -> WikidataQuerySource:
    config = settings(httpserver, WIKIDATA_SPARQL_URL=httpserver.url_for("/sparql"))
    return WikidataQuerySource(redis_client, config)


def test_named_query_takes_checked_parameters():
    name, text = load_query("attacks", {"country": "Q889", "since": "2020"})
    assert name == "wikidata-attacks-q889-2020"
    assert "wdt:P17 wd:Q889" in text and '"2020-01-01T00:00:00Z"' in text and "{{" not in text
    assert "P1120" in text and "P1339" in text and "P276" in text and "P580" in text
    assert load_query("attacks", {})[0] == "wikidata-attacks-q843-2014"
    for params in ({"country": "Q1 } ; DROP"}, {"since": "20xx"}):
        with pytest.raises(ValidationFailed):
            load_query("attacks", params)
    with pytest.raises(ValidationFailed, match="No query"):
        load_query("nonesuch", {})


def test_query_file_with_placeholders(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?item WHERE { ?item wdt:P17 wd:{{where}} }")
    assert load_query(str(path), {"where": "Q843"}) == (
        "wikidata-mine-q843",
        "SELECT ?item WHERE { ?item wdt:P17 wd:Q843 }",
    )
    with pytest.raises(ValidationFailed, match="needs --param where"):
        load_query(str(path), {})
    with pytest.raises(ValidationFailed):
        load_query(str(path), {"where": "Q843 . ?x ?y ?z"})


def test_results_become_facts_conflicts_kept_bounds_as_intervals(source, service, redis_client):
    report = source.run("attacks", {"country": "Q843"})
    assert "wd:Q843" in service.queries[0]
    assert (report["rows"], report["items"], report["skipped"]) == (6, 3, 1)
    assert report["skipped_errors"][0]["field"].startswith("Q1003.killed")
    assert report["created"] == 7 and report["query"] == "wikidata-attacks-q843-2014"
    items = ReferenceStore(redis_client).list(limit=100)["items"]
    facts = {(f["subject"], f["metric"], f["value"]): f for f in items}
    market = "2024 Valdoria market bombing"
    six, seven = facts[(market, "killed", 6)], facts[(market, "killed", 7)]
    assert (six["lower"], six["upper"], six["as_of"]) == (None, None, "2024-03-27")
    assert (seven["lower"], seven["upper"]) == (5, 9)
    assert six["source"]["url"] == "https://www.wikidata.org/wiki/Q1001#Q1001$AAA-1"
    assert seven["source"]["url"] == "https://www.wikidata.org/wiki/Q1001#Q1001$BBB-2"
    injured = facts[(market, "injured", 12)]
    assert injured["source"]["url"] == "https://www.wikidata.org/wiki/Q1001"  # one value
    assert injured["aliases"] == ["Market bombing", "Valdoria market attack"]
    assert (injured["place"], injured["keywords"]) == ("Pakistan", ["Besham"])
    assert injured["note"] == "bombing in Valdoria"
    assert facts[(market, "date", "2024-03-26")]["source"]["name"] == "Wikidata"
    mosque = "2023 Valdoria mosque attack"
    assert facts[(mosque, "date", "2023-01")]["aliases"] == []  # month precision
    assert facts[(mosque, "start_date", "2023-01-30")]
    assert facts[("Broken item", "date", "2024-03-26")]  # its valid figures stay
    assert not [f for f in items if f["subject"] == "Broken item" and f["metric"] == "killed"]
    assert redis_client.scard(PACKAGE + "wikidata-attacks-q843-2014") == 7
    found = ReferenceStore(redis_client).candidates(["Besham"], places=["PAK"])
    assert {f["subject"] for f in found} == {market, mosque, "Broken item"}


def test_a_refresh_replaces_what_the_query_wrote(source, service, redis_client):
    source.run("attacks", {})
    service.body = {
        "results": {"bindings": [row(**deaths("AAA-1", "8", as_of="2024-04-02T00:00:00Z"))]}
    }
    report = source.run("attacks", {})
    assert report["removed"] == 6 and report["revised"] == 2  # both old counts superseded
    items = ReferenceStore(redis_client).list(limit=100)["items"]
    assert sorted((f["metric"], f["value"]) for f in items) == [
        ("date", "2024-03-26"),
        ("killed", 8),
    ]


def test_a_failing_service_serves_the_cached_results_stale(source, service, redis_client):
    source.run("attacks", {})
    version = ReferenceStore(redis_client).version()
    service.status = 503
    report = source.run("attacks", {})
    assert report["stale"] is True and report["unchanged"] == 7
    assert ReferenceStore(redis_client).version() == version
    assert source.state()["errors"] == 1


@pytest.mark.parametrize(
    "body", ["not json", json.dumps({"results": {}}), json.dumps({"results": {"bindings": [1]}})]
)
def test_malformed_results_are_a_source_failure(source, service, body, redis_client):
    service.body = body
    with pytest.raises(ServiceUnavailable):
        source.run("attacks", {})
    assert ReferenceStore(redis_client).count() == 0


def test_cli_refresh_wikidata_query(httpserver, service, redis_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("WIKIDATA_SPARQL_URL", httpserver.url_for("/sparql"))
    runner = CliRunner()
    result = runner.invoke(
        main, ["refs", "refresh", "wikidata", "--query", "attacks", "--param", "since=2020"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["created"] == 7
    assert '"2020-01-01T00:00:00Z"' in service.queries[-1]
    bad = runner.invoke(main, ["refs", "refresh", "wikidata", "--query", "attacks", "--param", "x"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.output
    bad = runner.invoke(main, ["refs", "refresh", "wikidata", "--query", "nope"])
    assert bad.exit_code == 1 and "No query" in bad.output
