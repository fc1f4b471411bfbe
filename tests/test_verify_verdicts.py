"""Verdicts from matches: agreement, conflict between sources, ambiguity, one-sided sources."""

from __future__ import annotations

from dataclasses import replace

from service.claims import extract
from service.model import Claim, Fact
from service.verify.match import Match, Outcome
from service.verify.verdicts import decide as decide_outcome


def fact(value, url="https://example.org/a", subject="Kessel flood", qualifier=None, unit="people"):
    record = {
        "id": f"{subject}-{value}-{url}",
        "subject": subject,
        "metric": "killed",
        "value": value,
        "qualifier": qualifier,
        "unit": unit,
        "as_of": None,
        "source": {"name": url.rsplit("/", 1)[-1], "url": url, "retrieved_at": None},
    }
    return Fact.of(record)


def claim(text: str) -> Claim:
    return Claim.of(extract(text)[0])


def decide(said: Claim, matches: list[Match]) -> dict:
    return decide_outcome(said, Outcome(matches, None if matches else "nothing"))


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
    assert result["verdict"] == "unverifiable"
    assert result["evidence"] == []
    assert result["confidence"] == 0.45  # half the claim's own confidence (0.9)
    assert result["explanation"] == (
        'The article says "42" (people killed); no reference fact about the same thing was '
        "found, so it is unverifiable."
    )


def test_a_sources_latest_figure_supersedes_its_earlier_ones():
    said = claim("In the Kessel flood, 40 people were killed.")
    for ids in (("a", "b"), ("b", "a")):  # whatever order ids sort in
        early = replace(fact(12), as_of="2023-03-05", id=ids[0])
        late = replace(fact(40), as_of="2023-03-12", id=ids[1])
        result = decide(said, [Match(early, 0.9), Match(late, 0.9)])
        assert result["verdict"] == "supported"
        assert [e["value"] for e in result["evidence"]] == [40]


def test_the_explanation_names_a_counted_category_once():
    said = claim("Militants carried out dozens of terrorist attacks in the north.")
    explanation = decide(said, [])["explanation"]
    assert "(terrorist attacks)" in explanation
    assert "attacks attacks" not in explanation
