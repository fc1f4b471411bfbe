"""Verdicts from matches: agreement, conflict between sources, ambiguity, one-sided sources."""

from __future__ import annotations

from service.claims import extract
from service.verify.match import Match
from service.verify.verdicts import decide


def fact(value, url="https://example.org/a", subject="Kessel flood", qualifier=None, unit="people"):
    return {
        "id": f"{subject}-{value}-{url}",
        "subject": subject,
        "metric": "killed",
        "value": value,
        "qualifier": qualifier,
        "unit": unit,
        "as_of": None,
        "source": {"name": url.rsplit("/", 1)[-1], "url": url, "retrieved_at": None},
    }


def claim(text: str) -> dict:
    return extract(text)[0]


def test_agreeing_and_disagreeing_sources():
    said = claim("The flood killed 42 people.")
    assert decide(said, [Match(fact(42), 0.9)])["verdict"] == "supported"
    assert decide(said, [Match(fact(40), 0.9)])["verdict"] == "contradicted"
    both = [Match(fact(42, "https://example.org/a"), 0.9), Match(fact(47, "https://x.org/b"), 0.8)]
    result = decide(said, both)
    assert result["verdict"] == "conflicting"
    assert {e["value"] for e in result["evidence"]} == {42, 47}
    assert "disagree" in result["explanation"]


def test_two_events_that_fit_equally_well_give_no_verdict():
    said = claim("The flood killed 42 people.")
    rivals = [
        Match(fact(42, subject="2019 flood"), 0.7),
        Match(fact(18, subject="2023 flood"), 0.68),
    ]
    result = decide(said, rivals)
    assert result["verdict"] == "unverifiable"
    assert "equally well" in result["explanation"]
    clear = [Match(fact(42, subject="2019 flood"), 0.9), Match(fact(18, subject="2023 flood"), 0.6)]
    assert decide(said, clear)["verdict"] == "supported"


def test_a_one_sided_source_settles_only_what_it_covers():
    at_least = [Match(fact(120, qualifier="at least"), 0.9)]
    assert decide(claim("It killed at least 100 people."), at_least)["verdict"] == "supported"
    open_ended = decide(claim("It killed more than 200 people."), at_least)
    assert open_ended["verdict"] == "unverifiable"
    assert "neither backs nor refutes" in open_ended["explanation"]
    assert open_ended["evidence"][0]["value"] == 120
    assert decide(claim("It killed 90 people."), at_least)["verdict"] == "contradicted"


def test_no_match_is_unverifiable_with_no_evidence():
    result = decide(claim("The flood killed 42 people."), [])
    assert result == {
        "verdict": "unverifiable",
        "confidence": result["confidence"],
        "explanation": result["explanation"],
        "evidence": [],
    }
    assert "no reference fact" in result["explanation"]


def test_a_sources_latest_figure_supersedes_its_earlier_ones():
    said = claim("In the Kessel flood, 40 people were killed.")
    early, late = fact(12), fact(40)
    early["as_of"], late["as_of"] = "2023-03-05", "2023-03-12"
    for ids in (("a", "b"), ("b", "a")):  # whatever order ids sort in
        early["id"], late["id"] = ids
        result = decide(said, [Match(early, 0.9), Match(late, 0.9)])
        assert result["verdict"] == "supported"
        assert [e["value"] for e in result["evidence"]] == [40]
