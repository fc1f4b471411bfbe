"""A story checked against the document it quotes (`sources` of POST /v1/checks), end to end on
a real Redis: through the Flask test client, and over a real socket under gunicorn.

The press release and the story in tests/data/sources are ours, written for these tests: the
story gets the toll wrong (15 for the release's 14), restates four figures and dates right,
gives a crash near Lowbury where the release has a house fire there, and adds figures the
release does not speak of.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from service import create_app
from service.claims import extract
from service.model import Article, Claim, Kind
from service.references.importer import load_bundled
from service.references.schema import ID_PATTERN
from service.references.store import VERSION, ReferenceStore
from service.verify.check import CACHE, Checker, cache_key
from service.verify.context import context_of
from service.verify.frames import frame_of
from service.verify.placing import ArticleView
from service.verify.sources import (
    ID_PREFIX,
    SourceDocument,
    SourceFact,
    admits,
    read_source,
)
from tests.live import served

DATA = Path(__file__).resolve().parent / "data" / "sources"
RELEASE = (DATA / "harwick_release.txt").read_text(encoding="utf-8")
STORY = (DATA / "harwick_story.txt").read_text(encoding="utf-8")
NAME = "Northshire Police statement"
URL = "https://police.example/statements/harwick-bridge"
MIR_ALI = "Seven soldiers were killed in the Mir Ali attack on March 16, 2024."
# A story the store knows part of, published months after the collapse: its dates are explicit.
MIXED = (
    MIR_ALI + "\n\nAt least 15 people died when the Harwick Bridge collapsed into the River Colne"
    " on 2 March 2024, police said. The county council has promised £2.5m for a temporary "
    "crossing."
)


def release(text: str = RELEASE, **fields) -> dict:
    return {"name": NAME, "url": URL, "text": text, "published_at": "2024-03-05", **fields}


def body(story: str = STORY, sources=None, **fields) -> dict:
    return {"text": story, "published_at": "2024-03-06", "sources": sources or [release()],
            **fields}  # fmt: skip


def post(client, payload: dict) -> dict:
    response = client.post("/v1/checks", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def claim_at(result: dict, text: str, anchor: str) -> dict:
    at = text.index(anchor)
    [claim] = [c for c in result["claims"] if c["start"] <= at < c["end"]]
    return claim


def cited_spans(result: dict, source_text: str) -> list[dict]:
    """Every span evidence cites, checked against the source's text."""
    spans = []
    for claim in result["claims"]:
        for item in claim["evidence"]:
            span = item["source"].get("span")
            if span is not None:
                assert source_text[span["start"] : span["end"]] == span["text"]
                assert item["reference_id"].startswith(ID_PREFIX)
                spans.append(span)
    return spans


# -- the story against its press release ------------------------------------------------------


def test_a_story_checked_against_its_press_release_cites_spans_of_the_release(client):
    result = post(client, body())
    toll = claim_at(result, STORY, "At least 15")
    assert toll["verdict"] == "contradicted"
    [evidence] = toll["evidence"]
    assert evidence["value"] == 14
    assert evidence["source"] == {
        "name": NAME,
        "url": URL,
        "span": {"document": 0, "start": RELEASE.index("Fourteen"),
                 "end": RELEASE.index("Fourteen") + 8, "text": "Fourteen"},
    }  # fmt: skip
    assert NAME in toll["explanation"] and '"Fourteen"' in toll["explanation"]
    expected = {
        "Saturday": ("supported", "Saturday"),
        "Monday": ("supported", "Monday"),
        "1936": ("supported", "1936"),
        "around 11,000": ("supported", "about 11,000"),
        "£2.5m": ("supported", "£2.5 million"),
    }
    for anchor, (verdict, span_text) in expected.items():
        claim = claim_at(result, STORY, anchor)
        assert claim["verdict"] == verdict, (anchor, claim["explanation"])
        assert [e["source"]["span"]["text"] for e in claim["evidence"]] == [span_text]
    assert len(cited_spans(result, RELEASE)) == 6
    for claim in result["claims"]:
        assert STORY[claim["start"] : claim["end"]] == claim["text"]
    summary = result["summary"]
    assert (summary["supported"], summary["contradicted"]) == (5, 1)

    [read] = result["document"]["sources"]
    assert read["index"] == 0 and read["name"] == NAME and read["url"] == URL
    assert read["length"] == len(RELEASE) and read["source"] == "text"
    assert read["published_at"] == "2024-03-05" and read["claims"] == 11
    assert "text" not in read  # text sent: the offsets are into it as sent
    assert result["document"]["length"] == len(STORY)  # the article's block is as before


def test_a_figure_the_release_agrees_with_is_supported_citing_it(client):
    fixed = STORY.replace("At least 15 people", "Fourteen people")
    toll = claim_at(post(client, body(fixed)), fixed, "Fourteen")
    assert toll["verdict"] == "supported"
    assert toll["evidence"][0]["source"]["span"]["text"] == "Fourteen"


def test_figures_the_release_does_not_speak_of_stay_unverifiable(client):
    result = post(client, body())
    for anchor in ("4 people", "Sunday", "1988", "240"):
        claim = claim_at(result, STORY, anchor)
        assert claim["verdict"] == "unverifiable", (anchor, claim["explanation"])
        assert claim["evidence"] == []


def test_a_claim_the_store_knows_keeps_the_stores_verdict(client, redis_client):
    load_bundled(redis_client, only_if_empty=False)
    story = MIXED
    result = post(client, body(story, published_at="2024-07-01"))
    soldiers = claim_at(result, story, "Seven")
    assert soldiers["verdict"] == "supported"
    assert soldiers["evidence"][0]["source"]["url"].startswith("https://en.wikipedia.org/")
    assert "span" not in soldiers["evidence"][0]["source"]
    assert soldiers["evidence"][0]["source"]["retrieved_at"]
    toll = claim_at(result, story, "At least 15")
    assert toll["verdict"] == "contradicted"
    assert toll["evidence"][0]["source"]["span"]["text"] == "Fourteen"


def test_an_html_source_is_cited_by_offsets_into_its_checked_text(client):
    html = (
        "<html><head><title>Statement</title><script>var x = 99;</script></head><body>"
        "<h1>Harwick Bridge</h1><p>Fourteen people were <b>killed</b> when the Harwick Bridge "
        "collapsed into the River Colne on Saturday, Northshire Police said.</p></body></html>"
    )
    result = post(client, body(sources=[{"name": NAME, "html": html}]))
    [read] = result["document"]["sources"]
    assert read["source"] == "html" and "<b>" not in read["text"]
    assert read["url"] is None
    toll = claim_at(result, STORY, "At least 15")
    assert toll["verdict"] == "contradicted"
    [span] = cited_spans({"claims": [toll]}, read["text"])
    assert span["text"] == "Fourteen"
    assert toll["evidence"][0]["source"]["url"] is None


def test_two_sources_are_cited_by_their_index(client):
    other = "Fourteen people died when the Harwick Bridge collapsed into the River Colne."
    result = post(client, body(sources=[{"name": "Wire story", "text": other}, release()]))
    toll = claim_at(result, STORY, "At least 15")
    assert toll["verdict"] == "contradicted"
    documents = {e["source"]["span"]["document"] for e in toll["evidence"]}
    assert documents <= {0, 1} and documents
    for item in toll["evidence"]:
        span = item["source"]["span"]
        text = other if span["document"] == 0 else RELEASE
        assert text[span["start"] : span["end"]] == span["text"]
    assert [s["name"] for s in result["document"]["sources"]] == ["Wire story", NAME]


def test_claimreview_cites_the_source_url(client):
    response = client.post(
        "/v1/checks",
        json=body(url="https://news.example/harwick"),
        headers={"Accept": "application/ld+json"},
    )
    assert response.status_code == 200
    reviews = {r["url"]: r for r in response.get_json(force=True)}
    result = post(client, body(url="https://news.example/harwick"))
    for claim in result["claims"]:
        review = reviews[f"https://news.example/harwick#claim-{claim['id']}"]
        if claim["verdict"] == "unverifiable":
            assert "citation" not in review
        else:
            assert review["citation"] == [{"@type": "CreativeWork", "name": NAME, "url": URL}]
    toll = claim_at(result, STORY, "At least 15")
    rating = reviews[f"https://news.example/harwick#claim-{toll['id']}"]["reviewRating"]
    assert rating["alternateName"] == "False"


def test_responses_with_sources_conform_to_the_spec(client):
    from tests.test_spec import conforms

    conforms(post(client, body()), "CheckResult")
    conforms(body(), "CheckInput")
    html = {"name": NAME, "html": "<p>Fourteen people were killed.</p>"}
    conforms(post(client, body(sources=[html])), "CheckResult")
    reviews = client.post(
        "/v1/checks", json=body(url="https://news.example/h"),
        headers={"Accept": "application/ld+json"},
    ).get_json(force=True)  # fmt: skip
    for review in reviews:
        conforms(review, "ClaimReview")


# -- a source claim about a different thing never decides the story's ---------------------------


DIFFERENT = [
    pytest.param(
        "Fourteen soldiers were killed when militants attacked the Dorsa checkpoint, the army "
        "said.",
        "Fourteen civilians were killed when militants attacked the Dorsa checkpoint.",
        id="other counted group",
    ),
    pytest.param(
        "Militants destroyed 14 homes near the Dorsa checkpoint, the army said.",
        "Militants killed 14 people near the Dorsa checkpoint.",
        id="other counted thing",
    ),
    pytest.param(
        "In Chile, 14 people died in the mudslides that hit the Andean valley towns.",
        "In Peru, 14 people died in the mudslides that hit the Andean valley towns.",
        id="other place",
    ),
    pytest.param(
        "In 2019, 14 people died when mudslides hit the Andean valley towns.",
        "In 2023, 12 people died when mudslides hit the Andean valley towns.",
        id="other period",
    ),
    pytest.param(
        "Unemployment in the Vell region fell to 4.2% in 2023, the statistics office said.",
        "Unemployment in the Vell region fell to 4.2% in 2022.",
        id="other year of a statistic",
    ),
    pytest.param(
        "In Lowbury, 3 people died in a house fire on Sunday.",
        "Near Lowbury, 4 people were killed in a crash on Sunday.",
        id="other kind of event",
    ),
    pytest.param(
        "The council will spend £3 million on new flood defences along the Vell by 2026.",
        "The council has spent £2 million on flood defences along the Vell.",
        id="a forecast in the source",
    ),
    pytest.param(
        "The Vell valley's economy produced £4,000 per person in 2023, the office said.",
        "The Vell valley's economy produced £4,000 in 2023.",
        id="a figure per person",
    ),
    pytest.param(
        "Dozens of people were hurt in the Vell valley floods, the emergency office said.",
        "Thirty people were hurt in the Vell valley floods.",
        id="a vague amount",
    ),
    pytest.param(
        "Fourteen people were killed in the Vell valley floods, the emergency office said.",
        "Fourteen people were killed in the Dorsa storm.",
        id="nothing in common",
    ),
]


@pytest.mark.parametrize(("source", "story"), DIFFERENT)
def test_a_source_figure_about_something_else_decides_nothing(client, source, story):
    result = post(client, body(story, [{"name": "Release", "text": source}]))
    assert result["claims"]
    for claim in result["claims"]:  # dates too: "In 2023" is not the source's 2019
        assert claim["verdict"] == "unverifiable", claim["explanation"]
        assert claim["evidence"] == []


SAME = [
    pytest.param(
        "Flooding along the Vell valley killed 14 people on Tuesday, the emergency office said.",
        "The Vell valley floods left 14 dead on Tuesday.",
        "supported",
        id="14 killed is 14 dead",
    ),
    pytest.param(
        "Flooding along the Vell valley killed 14 people on Tuesday, the emergency office said.",
        "The Vell valley floods left 15 dead on Tuesday.",
        "contradicted",
        id="15 dead is not 14 killed",
    ),
    pytest.param(
        "In Chile, 14 people died in the mudslides that hit the Andean valley towns; in Peru, "
        "6 died.",
        "In Chile, 6 people died in the mudslides that hit the Andean valley towns.",
        "contradicted",
        id="the figure of the claim's own place",
    ),
    pytest.param(
        "Unemployment in the Vell region fell to 4.2% in 2023, the statistics office said.",
        "Unemployment in the Vell region fell to 4.5% in 2023.",
        "contradicted",
        id="a statistic of the same year",
    ),
]


@pytest.mark.parametrize(("source", "story", "verdict"), SAME)
def test_a_source_figure_about_the_same_thing_decides(client, source, story, verdict):
    result = post(client, body(story, [{"name": "Release", "text": source}]))
    [figure] = [c for c in result["claims"] if c["kind"] != "date"]
    assert figure["verdict"] == verdict, figure["explanation"]
    [span] = cited_spans({"claims": [figure]}, source)
    assert span["document"] == 0


# -- nothing written to the store, the cache keyed by the sources ------------------------------


def store_state(redis_client) -> tuple:
    """Every key but the check cache's, with its type, and the reference version."""
    keys = {k: redis_client.type(k) for k in redis_client.keys("*") if not k.startswith(CACHE)}
    return keys, redis_client.get(VERSION)


def test_sources_are_never_written_to_the_store(client, redis_client):
    load_bundled(redis_client, only_if_empty=False)
    store = ReferenceStore(redis_client)
    before, listed = store_state(redis_client), store.list(limit=500)
    post(client, body())
    post(client, body(sources=[release(), {"name": "Other", "html": "<p>9 died.</p>"}]))
    assert store_state(redis_client) == before
    assert store.list(limit=500) == listed
    assert not redis_client.keys(f"*{ID_PREFIX}*")
    assert not store.list(subject=NAME)["items"]


def test_the_cache_key_holds_every_source_field():
    article = Article(STORY, published_at=date(2024, 3, 6))
    doc = SourceDocument(NAME, RELEASE, "text", URL, date(2024, 3, 5))
    other = SourceDocument("Wire", "Fourteen people died.")
    keys = {
        cache_key(article),
        cache_key(article, [doc]),
        cache_key(article, [SourceDocument(NAME + ".", RELEASE, "text", URL, date(2024, 3, 5))]),
        cache_key(article, [SourceDocument(NAME, RELEASE + ".", "text", URL, date(2024, 3, 5))]),
        cache_key(article, [SourceDocument(NAME, RELEASE, "html", URL, date(2024, 3, 5))]),
        cache_key(article, [SourceDocument(NAME, RELEASE, "text", URL + "x", date(2024, 3, 5))]),
        cache_key(article, [SourceDocument(NAME, RELEASE, "text", None, date(2024, 3, 5))]),
        cache_key(article, [SourceDocument(NAME, RELEASE, "text", URL, date(2024, 3, 6))]),
        cache_key(article, [doc, other]),
        cache_key(article, [other, doc]),
    }
    assert len(keys) == 10
    assert cache_key(article, [doc]) == cache_key(
        article, [SourceDocument(NAME, RELEASE, "text", URL, date(2024, 3, 5))]
    )


def test_a_changed_source_is_a_new_result_and_the_same_one_a_cache_hit(redis_client):
    checker = Checker(redis_client)
    article = Article(STORY, published_at=date(2024, 3, 6))
    doc = SourceDocument.of(release())
    first = checker.check(article, [doc])
    trips = checker.round_trips
    assert checker.check(article, [doc]) == first
    assert checker.round_trips - trips == 1  # served from the cache
    assert checker.check(article) != first  # without the source: another result

    def toll(result: dict) -> str:
        return next(c for c in result["claims"] if c["text"] == "At least 15")["verdict"]

    assert toll(first) == "contradicted"
    revised = SourceDocument.of(release(RELEASE.replace("Fourteen people", "Fifteen people")))
    assert toll(checker.check(article, [revised])) == "supported"
    renamed = checker.check(article, [SourceDocument.of(release(name="Police, 2 March"))])
    cited = next(c for c in renamed["claims"] if c["text"] == "At least 15")["evidence"][0]
    assert cited["source"]["name"] == "Police, 2 March"
    moved = checker.check(article, [SourceDocument.of(release(url="https://police.example/2"))])
    cited = next(c for c in moved["claims"] if c["text"] == "At least 15")["evidence"][0]
    assert cited["source"]["url"] == "https://police.example/2"


# -- bad input ----------------------------------------------------------------------------------


BAD = [
    pytest.param({"sources": [release()] * 6}, "sources", id="too many"),
    pytest.param({"sources": []}, "sources", id="none"),
    pytest.param({"sources": release()}, "sources", id="not a list"),
    pytest.param({"sources": "a press release"}, "sources", id="a string"),
    pytest.param({"sources": [None]}, "sources.0", id="a null source"),
    pytest.param({"sources": [{"text": RELEASE}]}, "sources.0.name", id="no name"),
    pytest.param({"sources": [release(name="")]}, "sources.0.name", id="empty name"),
    pytest.param({"sources": [release(name=" \t")]}, "sources.0.name", id="blank name"),
    pytest.param({"sources": [release(name="n" * 201)]}, "sources.0.name", id="long name"),
    pytest.param({"sources": [release(html="<p>x</p>")]}, "sources.0.html", id="text and html"),
    pytest.param({"sources": [{"name": NAME}]}, "sources.0.text", id="no text"),
    pytest.param({"sources": [release(text=" \n ")]}, "sources.0.text", id="blank text"),
    pytest.param({"sources": [release(html="  ")]}, "sources.0.html", id="both, html blank"),
    pytest.param({"sources": [release(publisher="x")]}, "sources.0.publisher", id="unknown"),
    pytest.param({"sources": [release(url="ftp://x.example/")]}, "sources.0.url", id="bad url"),
    pytest.param(
        {"sources": [release(published_at="May 3")]}, "sources.0.published_at", id="bad date"
    ),  # fmt: skip
    pytest.param(
        {"sources": [release(), {"name": "b", "text": 5}]}, "sources.1.text", id="second bad"
    ),  # fmt: skip
]


@pytest.mark.parametrize(("change", "field"), BAD)
def test_bad_sources_are_a_clear_422(client, change, field):
    response = client.post("/v1/checks", json={**body(), **change})
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "/docs#problem-validation-error"
    assert field in {e["field"] for e in problem["errors"]}, problem


def test_max_sources_is_a_setting(redis_url, tmp_path):
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "DATA_DIR": tmp_path / "var",
                      "LOAD_BUNDLED_REFERENCES": False, "AUTH_DISABLED": True,
                      "RATE_LIMIT": "off", "MAX_SOURCES": 2})  # fmt: skip
    client = app.test_client()
    assert client.post("/v1/checks", json=body(sources=[release()] * 2)).status_code == 200
    response = client.post("/v1/checks", json=body(sources=[release()] * 3))
    assert response.status_code == 422
    assert "at most 2" in response.get_json()["detail"]


def test_a_source_over_the_body_cap_is_413(client, app):
    big = "x" * (app.config["MAX_ARTICLE_BYTES"] + 1)
    response = client.post("/v1/checks", json=body(sources=[release(text=big)]))
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_a_source_longer_than_an_article_may_be_is_422(redis_url, tmp_path):
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "DATA_DIR": tmp_path / "var",
                      "LOAD_BUNDLED_REFERENCES": False, "AUTH_DISABLED": True,
                      "RATE_LIMIT": "off", "MAX_ARTICLE_BYTES": 12_000_000})  # fmt: skip
    response = app.test_client().post(
        "/v1/checks", json=body(sources=[release(text="x" * 10_000_001)])
    )
    assert response.status_code == 422, response.get_data(as_text=True)
    assert {e["field"] for e in response.get_json()["errors"]} == {"sources.0.text"}


def test_a_source_with_too_many_claims_is_422_naming_it(redis_url, tmp_path):
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "DATA_DIR": tmp_path / "var",
                      "LOAD_BUNDLED_REFERENCES": False, "AUTH_DISABLED": True,
                      "RATE_LIMIT": "off", "MAX_CLAIMS": 12})  # fmt: skip
    client = app.test_client()
    assert client.post("/v1/checks", json=body()).status_code == 200  # 11 claims: in bounds
    many = release(text=RELEASE + " It was 1, 2 or 3.")
    response = client.post("/v1/checks", json=body(sources=[release(), many]))
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"] == "/docs#problem-too-many-claims"
    assert problem["detail"].startswith(f"Source 1 ({NAME}): ")
    assert [e["field"] for e in problem["errors"]] == ["sources.1"]


def test_html_nested_too_deep_in_a_source_is_422_naming_it(client):
    deep = "<div>" * 3000 + "Fourteen people died." + "</div>" * 3000
    response = client.post("/v1/checks", json=body(sources=[{"name": NAME, "html": deep}]))
    assert response.status_code == 422
    assert [e["field"] for e in response.get_json()["errors"]] == ["sources.0.html"]


def test_sources_only_in_a_json_body_of_a_check(client):
    raw = client.post("/v1/checks?sources=x", data=STORY, content_type="text/plain")
    assert raw.status_code == 422
    assert "sources" in {e["field"] for e in raw.get_json()["errors"]}
    extract = client.post("/v1/extract", json=body())
    assert extract.status_code == 422
    assert "sources" in {e["field"] for e in extract.get_json()["errors"]}
    job = client.post("/v1/jobs", json={"articles": [body()]})
    assert job.status_code == 422
    assert "articles.0.sources" in {e["field"] for e in job.get_json()["errors"]}


# -- metrics, watches, a real socket -------------------------------------------------------------


def source_documents(client) -> float:
    text = client.get("/metrics").get_data(as_text=True)
    return sum(
        s.value
        for f in text_string_to_metric_families(text)
        for s in f.samples
        if s.name == "factcheck_source_documents_total"
    )


def test_metrics_count_the_source_documents_checked(client):
    before = source_documents(client)
    post(client, body(sources=[release(), {"name": "Wire", "text": "Fourteen people died."}]))
    assert source_documents(client) - before == 2
    post(client, body(sources=[release(), {"name": "Wire", "text": "Fourteen people died."}]))
    assert source_documents(client) - before == 2  # a cached result checks nothing again
    post(client, {"text": STORY})
    assert source_documents(client) - before == 2


def test_a_watch_keeps_its_sources_and_rechecks_with_them(redis_url, redis_client, tmp_path):
    from service.watch.queue import drain

    load_bundled(redis_client, only_if_empty=False)
    settings = {"REDIS_URL": redis_url, "CALLBACK_ALLOWED_HOSTS": "127.0.0.1"}
    app = create_app({**settings, "TESTING": True, "DATA_DIR": tmp_path / "var",
                      "LOAD_BUNDLED_REFERENCES": False, "AUTH_DISABLED": True,
                      "RATE_LIMIT": "off"})  # fmt: skip
    client = app.test_client()
    story = MIXED
    checked = post(client, body(story, published_at="2024-07-01", watch=True, id="harwick"))
    assert claim_at(checked, story, "At least 15")["verdict"] == "contradicted"
    assert not redis_client.keys(f"watch:{{watch}}:by:fact:{ID_PREFIX}*")  # never followed

    store = ReferenceStore(redis_client)
    [toll] = store.list(subject="Mir Ali attack", metric="killed")["items"]
    store.put(toll["id"], {**{k: v for k, v in toll.items() if k != "id"}, "value": 9})
    assert drain(redis_client, {**app.config, **settings})["rechecked"] == 1

    watched = client.get("/v1/articles/harwick").get_json()
    verdicts = {c["text"]: [h["verdict"] for h in c["history"]] for c in watched["claims"]}
    assert verdicts["Seven"] == ["supported", "contradicted"]
    assert verdicts["At least 15"] == ["contradicted"]  # still checked against the release
    assert verdicts["£2.5m"] == ["supported"]
    at_least = next(c for c in watched["claims"] if c["text"] == "At least 15")
    assert at_least["facts"] == [f"{ID_PREFIX}0:{RELEASE.index('Fourteen')}-"
                                 f"{RELEASE.index('Fourteen') + 8}"]  # fmt: skip


def test_over_a_real_socket_under_gunicorn(redis_url, tmp_path):
    with served(redis_url, tmp_path) as (base, _):
        response = requests.post(f"{base}/v1/checks", json=body(), timeout=30)
        assert response.status_code == 200, response.text
        result = response.json()
        toll = claim_at(result, STORY, "At least 15")
        assert toll["verdict"] == "contradicted"
        assert [s["text"] for s in cited_spans(result, RELEASE)].count("Fourteen") == 1
        bad = requests.post(f"{base}/v1/checks", json=body(sources=[{"text": "x"}]), timeout=10)
        assert bad.status_code == 422
        assert bad.headers["Content-Type"] == "application/problem+json"
        assert bad.json()["errors"][0]["field"] == "sources.0.name"


# -- the domain module on its own ----------------------------------------------------------------


def test_source_facts_are_typed_deterministic_and_never_store_ids():
    doc = SourceDocument(NAME, RELEASE, url=URL, published_at=date(2024, 3, 5))
    first, again = read_source(0, doc), read_source(0, doc)
    assert [f.id for f in first.facts] == [f.id for f in again.facts]
    assert len({f.id for f in first.facts}) == len(first.facts)
    assert all(f.id.startswith(ID_PREFIX) and not re.match(ID_PATTERN, f.id) for f in first.facts)
    assert len({f.thing for f in first.facts}) == len(first.facts)  # each figure its own thing
    fourteen = next(f for f in first.facts if f.source.span.text == "Fourteen")
    assert isinstance(fourteen, SourceFact)
    assert (fourteen.metric, fourteen.value, fourteen.unit) == ("killed", 14, "people")
    assert fourteen.subject == NAME and fourteen.as_of == "2024-03-05"
    assert fourteen.frame.period.value == "2024-03-02"
    assert {"harwick", "bridge", "collapsed", "river", "colne"} <= set(fourteen.keywords)
    assert not {"killed", "fourteen", "said", "saturday", "people"} & set(fourteen.keywords)
    assert "fire" in next(f for f in first.facts if f.value == 3).events
    dates = {f.value for f in first.facts if f.is_date}
    assert dates == {"2024-03-02", "2024-03-04", "1936", "2024-03-03"}
    assert first.meta["claims"] == 11 and first.text == RELEASE


def test_dates_resolve_by_the_sources_own_date_else_the_articles():
    text = "Fourteen people were killed on Saturday when the bridge collapsed."
    own = read_source(0, SourceDocument("a", text, published_at=date(2024, 3, 5)))
    inherited = read_source(0, SourceDocument("a", text), published_at=date(2024, 3, 12))
    assert [f.value for f in own.facts if f.is_date] == ["2024-03-02"]
    assert [f.value for f in inherited.facts if f.is_date] == ["2024-03-09"]
    assert inherited.meta["published_at"] == "2024-03-12"


def test_admits_needs_words_in_common_and_the_same_place_counted_thing_and_names():
    text = "In Chile, 14 people died in the mudslides that hit the Andean valley towns."
    doc = SourceDocument("Release", text)
    [fact] = [f for f in read_source(0, doc).facts if f.value == 14]
    assert fact.names == {"andean"} and fact.place == "Chile"

    def story_admits(story: str) -> bool:
        claims = [Claim.of(r) for r in extract(story)]
        [claim] = [c for c in claims if c.kind is Kind.COUNT]
        ctx = context_of(story, claim, None, claims)
        frame = frame_of(claim, ctx, [], ArticleView.of(story, None, None))
        return admits(fact, claim, frame, ctx)

    assert story_admits("In Chile, 12 people died in the mudslides that hit the valley towns.")
    assert story_admits("In Chile, 12 people died in the Andean mudslides.")  # a name in common
    assert not story_admits("In Peru, 12 people died in the mudslides that hit the valley towns.")
    assert not story_admits("In Chile, 12 people died in the mudslides.")  # one word in common
    assert not story_admits("In Chile, 12 soldiers died in the mudslides in the Andean towns.")
    assert not story_admits("In Chile, 12 people died in the Patagonian mudslides in the towns.")


def test_a_date_a_statement_was_made_on_is_no_fact_and_decides_nothing(client):
    source = "Floods along the Vell killed 14 people, the emergency office said on Tuesday."
    [fact] = read_source(0, SourceDocument("Release", source, published_at=date(2024, 3, 8))).facts
    assert fact.value == 14  # the Tuesday the office said it is no fact
    story = "Floods along the Vell killed 14 people on Tuesday, the emergency office said."
    result = post(client, body(story, [{"name": "Release", "text": source}]))
    toll, tuesday = result["claims"]
    assert toll["verdict"] == "supported" and tuesday["verdict"] == "unverifiable"


def test_a_source_about_another_story_decides_nothing(client):
    source = "Fourteen people were killed when the Dorsa Dam burst above the Vell valley towns."
    story = "Fourteen people were killed when the Harwick Bridge collapsed above the Vell valley."
    result = post(client, body(story, [{"name": "Release", "text": source}]))
    assert {c["verdict"] for c in result["claims"]} == {"unverifiable"}


def test_the_readme_example_answers_as_the_readme_says(client):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    [payload] = [p for p in re.findall(r"-d '(\{.*?\})'", readme, re.S) if '"sources"' in p]
    result = post(client, json.loads(payload))
    toll = result["claims"][0]
    assert (toll["text"], toll["verdict"]) == ("At least 15", "contradicted")
    assert toll["evidence"][0]["source"]["span"]["text"] == "Fourteen"
