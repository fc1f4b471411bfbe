"""The Wikidata source against a local HTTP server speaking the real API's shapes."""

from __future__ import annotations

import json
import time

import pytest
from werkzeug import Request, Response

from service.config import Config
from service.errors import ServiceUnavailable
from service.references.sources import configured
from service.references.sources.wikidata import WikidataSource, iso_date, quantity
from service.references.store import ReferenceStore

QID = "Q900001"  # a made-up id: the test server is not Wikidata


def statement(prop: str, datavalue: dict, rank: str = "normal", qualifiers=None) -> dict:
    """A statement in wbgetentities' shape."""
    kind = datavalue["type"]
    return {
        "mainsnak": {
            "snaktype": "value",
            "property": prop,
            "datavalue": datavalue,
            "datatype": kind,
        },
        "type": "statement",
        "id": f"{QID}$x-{prop}",
        "rank": rank,
        **({"qualifiers": qualifiers} if qualifiers else {}),
    }


def time_value(text: str, precision: int = 11) -> dict:
    return {
        "type": "time",
        "value": {
            "time": text,
            "timezone": 0,
            "before": 0,
            "after": 0,
            "precision": precision,
            "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
        },
    }


ENTITY = {
    "type": "item",
    "id": QID,
    "labels": {"en": {"language": "en", "value": "2024 Besham suicide bombing"}},
    "descriptions": {"en": {"language": "en", "value": "suicide attack in Pakistan"}},
    "aliases": {"en": [{"language": "en", "value": "Besham attack"}]},
    "sitelinks": {"enwiki": {"site": "enwiki", "title": "Besham suicide bombing", "badges": []}},
    "claims": {
        "P1120": [
            statement(
                "P1120",
                {"type": "quantity", "value": {"amount": "+99", "unit": "1"}},
                rank="deprecated",
            ),
            statement(
                "P1120",
                {"type": "quantity", "value": {"amount": "+6", "unit": "1"}},
                qualifiers={
                    "P585": [
                        {
                            "snaktype": "value",
                            "property": "P585",
                            "datavalue": time_value("+2024-03-27T00:00:00Z"),
                        }
                    ]
                },
            ),
        ],
        "P1339": [{"mainsnak": {"snaktype": "somevalue", "property": "P1339"}, "rank": "normal"}],
        "P585": [statement("P585", time_value("+2024-03-26T00:00:00Z"))],
        "P31": [statement("P31", {"type": "wikibase-entityid", "value": {"id": "Q18493502"}})],
    },
}


class FakeWikidata:
    """wbsearchentities and wbgetentities, switchable to slow, down or garbage."""

    def __init__(self):
        self.mode = "ok"
        self.deaths = "+6"

    def __call__(self, request: Request) -> Response:
        if self.mode == "slow":
            time.sleep(0.6)
        if self.mode == "down":
            return Response("upstream broke", status=503)
        if self.mode == "garbage":
            return Response("<html>maintenance</html>", content_type="text/html")
        if request.args["action"] == "wbsearchentities":
            hits = [
                {
                    "id": QID,
                    "title": QID,
                    "label": ENTITY["labels"]["en"]["value"],
                    "concepturi": f"http://www.wikidata.org/entity/{QID}",
                    "match": {"type": "label", "language": "en", "text": "x"},
                }
            ]
            found = "besham" in request.args["search"].lower()
            body = {
                "searchinfo": {"search": request.args["search"]},
                "search": hits if found else [],
                "success": 1,
            }
        else:
            entity = json.loads(json.dumps(ENTITY))
            entity["claims"]["P1120"][1]["mainsnak"]["datavalue"]["value"]["amount"] = self.deaths
            body = {"entities": {request.args["ids"]: entity}, "success": 1}
        return Response(json.dumps(body), content_type="application/json")


def settings(httpserver, **overrides) -> dict:
    """Service settings pointing Wikidata at the test server, with quick failure handling."""
    base = Config.from_env({}).as_dict() | {
        "WIKIDATA_API_URL": httpserver.url_for("/w/api.php"),
        "SOURCE_TIMEOUT": 0.3,
        "SOURCE_RETRIES": 0,
        "SOURCE_BACKOFF": 0.0,
        "SOURCE_BREAKER_FAILURES": 2,
        "SOURCE_BREAKER_RESET": 1.0,
    }
    return base | overrides


@pytest.fixture
def fake(httpserver) -> FakeWikidata:
    handler = FakeWikidata()
    httpserver.expect_request("/w/api.php").respond_with_handler(handler)
    return handler


@pytest.fixture
def wikidata(httpserver, fake, redis_client) -> WikidataSource:
    return WikidataSource(redis_client, settings(httpserver))


def test_lookup_turns_statements_into_facts_and_stores_them(wikidata, httpserver, redis_client):
    facts = wikidata.lookup("2024 Besham suicide bombing")
    by_metric = {f["metric"]: f for f in facts}
    assert set(by_metric) == {"killed", "date"}  # deprecated and 'unknown value' skipped
    assert by_metric["killed"]["value"] == 6 and by_metric["killed"]["as_of"] == "2024-03-27"
    assert by_metric["date"]["value"] == "2024-03-26"
    assert by_metric["date"]["aliases"] == ["Besham attack", "Besham suicide bombing"]
    assert by_metric["date"]["source"]["url"] == f"https://www.wikidata.org/wiki/{QID}"
    assert ReferenceStore(redis_client).get(by_metric["killed"]["id"]) == by_metric["killed"]
    state = wikidata.state()
    assert state["facts"] == 2 and state["breaker"] == "closed" and state["last_refresh"]


def test_fresh_answers_come_from_the_cache(wikidata, httpserver):
    first = wikidata.lookup("Besham attack")
    requests_made = len(httpserver.log)
    assert wikidata.lookup("Besham attack") == first and len(httpserver.log) == requests_made == 2


def test_misses_are_cached_negatively(wikidata, httpserver):
    assert wikidata.lookup("Operation Nothing") == []
    assert wikidata.lookup("operation nothing!") == [] and len(httpserver.log) == 1


@pytest.mark.parametrize(
    ("mode", "error"),
    [("slow", "ReadTimeoutError"), ("down", "HTTP 503"), ("garbage", "Malformed")],
)
def test_failures_without_a_cached_copy_are_unavailable(wikidata, fake, mode, error):
    fake.mode = mode
    with pytest.raises(ServiceUnavailable):
        wikidata.lookup("Besham")
    state = wikidata.state()
    assert state["errors"] == 1 and error in state["last_error"] and state["stale"]


def test_5xx_is_retried_with_backoff(httpserver, fake, redis_client):
    fake.mode = "down"
    source = WikidataSource(redis_client, settings(httpserver, SOURCE_RETRIES=2))
    with pytest.raises(ServiceUnavailable):
        source.lookup("Besham")
    assert len(httpserver.log) == 3


def test_breaker_opens_then_half_opens_after_reset(wikidata, fake, httpserver, redis_client):
    fake.mode = "down"
    for _ in range(2):
        with pytest.raises(ServiceUnavailable):
            wikidata.lookup("Besham")
    assert wikidata.state()["breaker"] == "open"
    with pytest.raises(ServiceUnavailable) as caught:
        wikidata.lookup("Besham")
    assert len(httpserver.log) == 2 and caught.value.headers["Retry-After"] == "1"
    other_worker = WikidataSource(redis_client, wikidata.settings)  # state is in Redis
    assert other_worker.state()["breaker"] == "open"
    fake.mode = "ok"
    time.sleep(2.1)  # pybreaker stores opened_at in whole seconds
    assert other_worker.lookup("Besham") and other_worker.state()["breaker"] == "closed"


def test_stale_copy_is_served_when_the_source_is_down(httpserver, fake, redis_client):
    source = WikidataSource(redis_client, settings(httpserver, SOURCE_CACHE_TTL=0))
    fresh = source.lookup("Besham")
    assert source.state()["stale"] is False
    fake.mode = "down"
    assert source.lookup("Besham") == fresh
    assert source.state()["stale"] is True and source.state()["errors"] == 2  # search, entity


def test_refresh_refetches_known_entities(wikidata, fake, httpserver, redis_client):
    assert wikidata.refresh() == 0  # nothing looked up yet
    killed = next(f for f in wikidata.lookup("Besham") if f["metric"] == "killed")
    before = len(httpserver.log)
    fake.deaths = "+7"
    assert wikidata.refresh() >= 1  # the date fact changes too if retrieved_at's second moved
    assert len(httpserver.log) == before + 1
    assert ReferenceStore(redis_client).get(killed["id"])["value"] == 7
    fake.mode = "down"
    with pytest.raises(ServiceUnavailable):
        wikidata.refresh()


def test_quantity_and_time_shapes():
    assert quantity(
        {"amount": "+3500", "unit": "1", "lowerBound": "+3000", "upperBound": "+4000.5"}
    ) == {"value": 3500, "lower": 3000, "upper": 4000.5, "unit": None}
    assert (
        quantity({"amount": "+2.5", "unit": "http://www.wikidata.org/entity/Q11573"})["unit"]
        == "Q11573"
    )
    assert iso_date({"time": "+2014-00-00T00:00:00Z", "precision": 9}) == "2014"
    assert iso_date({"time": "+2021-08-00T00:00:00Z", "precision": 10}) == "2021-08"
    assert iso_date({"time": "+2000-00-00T00:00:00Z", "precision": 7}) is None  # century
    julian = "http://www.wikidata.org/entity/Q1985786"
    assert (
        iso_date({"time": "+1700-01-01T00:00:00Z", "precision": 11, "calendarmodel": julian})
        is None
    )


def test_sources_listed_by_configuration(httpserver, redis_client):
    assert list(configured(redis_client, settings(httpserver))) == ["wikidata"]
    with_dataset = settings(httpserver, DATASET_URL=httpserver.url_for("/d.csv"))
    assert list(configured(redis_client, with_dataset)) == ["wikidata", "dataset"]


def test_an_open_breaker_keeps_the_real_cause_and_does_not_count_refusals(
    httpserver, fake, redis_client
):
    source = WikidataSource(redis_client, settings(httpserver))
    fake.mode = "down"
    for name in ("Besham", "Besham 2", "Besham 3", "Besham 4"):
        with pytest.raises(ServiceUnavailable):
            source.lookup(name)
    state = source.state()
    assert state["breaker"] == "open"
    assert state["errors"] == 2  # the two real failures; the refusals after them asked nobody
    assert "503" in state["last_error"]
