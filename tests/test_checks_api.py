"""POST /v1/checks end to end: real Redis, the bundled references, HTTP in and out."""

from __future__ import annotations

from datetime import date

import pytest

from service.model import Article
from service.references.importer import load_bundled
from service.references.store import ReferenceStore
from service.verify.check import Checker

VERDICTS = {"supported", "contradicted", "conflicting", "unverifiable"}


@pytest.fixture
def bundled(redis_client):
    report = load_bundled(redis_client, only_if_empty=False)
    assert report["imported"] > 0
    return redis_client


def post_check(client, text: str, **fields):
    response = client.post(
        "/v1/checks", json={"text": text, "published_at": "2024-07-01", **fields}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def claim_at(result: dict, text: str, anchor: str) -> dict:
    at = text.index(anchor)
    found = [c for c in result["claims"] if c["start"] < at + len(anchor) and c["end"] > at]
    assert found, f"no claim over {anchor!r}"
    return found[0]


def test_seed_article_verdicts(client, bundled, seed_text):
    result = post_check(client, seed_text)
    soldiers = claim_at(result, seed_text, "seven Pakistani soldiers")
    assert soldiers["verdict"] == "supported"
    assert soldiers["evidence"][0]["value"] == 7
    assert soldiers["evidence"][0]["source"]["url"].startswith("https://")
    strikes = claim_at(result, seed_text, "March 18, 2024")
    assert strikes["verdict"] == "supported"
    assert strikes["evidence"][0]["value"] == "2024-03-18"
    for claim in result["claims"]:
        assert claim["verdict"] in VERDICTS
        assert seed_text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["explanation"].endswith(".")
        assert 0 <= claim["confidence"] <= 1
        for evidence in claim["evidence"]:
            assert {"name", "url", "retrieved_at"} <= evidence["source"].keys()
    starts = [c["start"] for c in result["claims"]]
    assert starts == sorted(starts)
    summary = result["summary"]
    assert summary["total"] == len(result["claims"]) == sum(summary[v] for v in VERDICTS)


def test_an_altered_figure_is_contradicted(client, bundled, seed_text):
    altered = seed_text.replace("seven Pakistani soldiers", "nine Pakistani soldiers")
    claim = claim_at(post_check(client, altered), altered, "nine Pakistani soldiers")
    assert claim["verdict"] == "contradicted"
    assert "7" in claim["explanation"]


def test_no_reference_means_unverifiable_never_a_guess(client, bundled):
    text = "The Valdoria city council said 4,812 new homes were finished in 2023."
    result = post_check(client, text)
    assert {c["verdict"] for c in result["claims"]} == {"unverifiable"}
    assert all(c["evidence"] == [] for c in result["claims"])


def test_cached_result_costs_one_round_trip_and_a_write_invalidates_it(bundled, seed_text):
    checker = Checker(bundled)
    first = checker.check(Article(seed_text))
    cold = checker.round_trips
    assert cold <= 4  # cache read, two reference look-ups, cache write: not per claim
    assert checker.check(Article(seed_text)) == first
    assert checker.round_trips - cold == 1
    store = ReferenceStore(bundled)
    soldiers = next(f for f in store.candidates(["Mir Ali"]) if f["metric"] == "killed")
    changed = {k: v for k, v in soldiers.items() if k not in ("id", "matched_terms")}
    store.put(soldiers["id"], {**changed, "value": 9})
    again = checker.check(Article(seed_text))
    assert again["reference_version"] > first["reference_version"]
    verdicts = {c["text"]: c["verdict"] for c in again["claims"]}
    assert verdicts["seven"] == "contradicted"


def test_claimreview_json_ld(client, bundled, seed_text):
    response = client.post(
        "/v1/checks",
        json={"text": seed_text, "published_at": "2024-07-01", "url": "https://news.example/a"},
        headers={"Accept": "application/ld+json"},
    )
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    reviews = response.get_json(force=True)
    assert len(reviews) == len(post_check(client, seed_text)["claims"])
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] and review["datePublished"]
        assert review["url"].startswith("https://news.example/a#claim-")
        assert review["author"]["name"]
        rating = review["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"] in {"True", "False", "Conflicting", "Unverifiable"}
        assert review["itemReviewed"]["appearance"][0]["url"] == "https://news.example/a"
    names = {r["reviewRating"]["alternateName"] for r in reviews}
    assert "True" in names


def test_claimreview_needs_the_article_url(client, bundled):
    response = client.post(
        "/v1/checks",
        json={"text": "Seven soldiers died."},
        headers={"Accept": "application/ld+json"},
    )
    assert response.status_code == 422
    assert response.get_json(force=True)["errors"][0]["field"] == "url"


def test_html_article_offsets_refer_to_the_extracted_text(client, bundled):
    html = "<html><body><h1>Report</h1><p>In 2014, Pakistan launched Zarb-e-Azb.</p></body></html>"
    result = client.post("/v1/checks", json={"html": html}).get_json()
    text = result["document"]["text"]
    assert result["document"]["source"] == "html"
    claim = result["claims"][0]
    assert text[claim["start"] : claim["end"]] == claim["text"] == "2014"
    assert claim["verdict"] == "supported"


def test_checks_with_redis_down_is_503(tmp_path):
    from service import create_app
    from tests.redis_server import free_port

    url = f"redis://127.0.0.1:{free_port()}/0"
    app = create_app({"TESTING": True, "REDIS_URL": url, "AUTH_DISABLED": True})
    response = app.test_client().post("/v1/checks", json={"text": "Seven soldiers died."})
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"


def test_unknown_event_is_looked_up_on_wikidata_when_enabled(app, client, httpserver):
    from tests.test_sources_wikidata import FakeWikidata

    fake = FakeWikidata()
    httpserver.expect_request("/w/api.php").respond_with_handler(fake)
    text = "The 2024 Besham suicide bombing killed six people on March 26, 2024."
    article = {"text": text, "published_at": "2024-04-01"}
    app.config["WIKIDATA_API_URL"] = httpserver.url_for("/w/api.php")
    assert {c["verdict"] for c in post_check(client, text)["claims"]} == {"unverifiable"}
    assert not httpserver.log
    app.config.update(WIKIDATA_ON_DEMAND=True, SOURCE_RETRIES=0)
    result = client.post("/v1/checks", json={**article, "title": "x"}).get_json()
    verdicts = {c["text"]: c["verdict"] for c in result["claims"]}
    assert verdicts == {"2024": "supported", "six": "supported", "March 26, 2024": "supported"}
    source = result["claims"][1]["evidence"][0]["source"]
    assert source["name"] == "Wikidata" and source["url"].startswith("https://www.wikidata.org/")


def test_a_wikidata_outage_leaves_the_check_standing(app, client, httpserver):
    httpserver.expect_request("/w/api.php").respond_with_data("down", status=503)
    app.config.update(
        WIKIDATA_ON_DEMAND=True,
        WIKIDATA_API_URL=httpserver.url_for("/w/api.php"),
        SOURCE_RETRIES=0,
        SOURCE_TIMEOUT=0.5,
    )
    text = "The 2024 Besham suicide bombing killed six people on March 26, 2024."
    result = post_check(client, text)
    assert {c["verdict"] for c in result["claims"]} == {"unverifiable"}
    assert httpserver.log  # it did try


@pytest.mark.parametrize(
    "text, other",
    [
        (
            "Separately, 4 people were killed in a road crash near Bannu on Tuesday.",
            ("4", "Tuesday"),
        ),
        ("In a separate incident, a bus crash killed 12 people on Monday.", ("12", "Monday")),
    ],
)
def test_a_sentence_about_another_kind_of_incident_is_not_the_attacks(bundled, text, other):
    lead = "Seven soldiers were killed in the Mir Ali attack on March 16, 2024. "
    result = Checker(bundled).check(Article(lead + text, published_at=date(2024, 7, 1)))
    verdicts = {c["text"]: c["verdict"] for c in result["claims"]}
    assert verdicts["Seven"] == "supported" and verdicts["March 16, 2024"] == "supported"
    assert {verdicts[t] for t in other} == {"unverifiable"}  # never the attack's toll or date


@pytest.mark.parametrize(
    "written", ["percent", "per cent", "Percent", "per-cent", "percentage", "pct", "%"]
)
def test_a_percentage_unit_written_in_words_is_compared_as_percent(client, written):
    source = {
        "name": "Brackwell Council",
        "url": "https://example.org/brackwell/recycling",
        "retrieved_at": "2025-05-01T09:00:00Z",
    }
    row = {"subject": "Brackwell household recycling", "metric": "recycling_rate",
           "value": 46.2, "unit": written, "as_of": "2025-05-01", "place": "Brackwell",
           "period": "2024", "keywords": ["recycling", "household waste", "Brackwell"],
           "source": source}  # fmt: skip
    response = client.post("/v1/references", json=[row])
    assert response.status_code == 200, response.get_data(as_text=True)
    # stored as written, so its id (derived from the unit) and an export's re-import hold
    (stored,) = client.get("/v1/references?subject=Brackwell+household+recycling").json["items"]
    assert stored["unit"] == written
    again = client.post("/v1/references", json=[stored]).get_json()
    assert again["created"] == 0 and again["unchanged"] == 1, again
    text = "Brackwell's household recycling rate was {} in 2024, the council said."
    for figure, verdict in (("46.2%", "supported"), ("52.4%", "contradicted")):
        result = post_check(client, text.format(figure), published_at="2025-06-01")
        assert claim_at(result, text.format(figure), figure)["verdict"] == verdict
