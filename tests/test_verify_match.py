"""Matching: the right event among similar ones, metric and counted-group mismatches, no match."""

from __future__ import annotations

from datetime import date

from service.claims import extract
from service.model import Article, Claim, Fact, Source
from service.verify.check import verify
from service.verify.context import context_of
from service.verify.frames import frame_of
from service.verify.match import best_matches
from service.verify.placing import ArticleView
from service.verify.profiles import Hints


def make_fact(id_, subject, metric, value, unit=None, aliases=(), keywords=()) -> Fact:
    source = Source("Example", f"https://example.org/{id_}")
    return Fact(id_, subject, metric, value, source, tuple(aliases), unit=unit,
                keywords=tuple(keywords))  # fmt: skip


F19 = ["Kessel River", "flood", "Port Meridan"]
F23 = ["Kessel River", "flood", "Lower Valdoria"]
KESSEL_2019, KESSEL_2023 = ["Kessel flood of 2019"], ["Kessel flood of 2023"]
AMBUSH = ["Granite Pass attack"]
FACTS = [
    make_fact("f19k", "2019 Kessel River flood", "killed", 42, "people", KESSEL_2019, F19),
    make_fact("f19i", "2019 Kessel River flood", "injured", 300, "people", KESSEL_2019, F19),
    make_fact("f19d", "2019 Kessel River flood", "date", "2019-07-02", None, KESSEL_2019, F19),
    make_fact("f23d", "2023 Kessel River flood", "date", "2023-03-14", None, KESSEL_2023, F23),
    make_fact(
        "ambush", "Granite Pass ambush", "killed", 7, "soldiers", AMBUSH,
        ["Granite Pass", "soldiers", "army convoy"],
    ),
    make_fact(
        "ambushc", "Granite Pass ambush", "killed", 3, "civilians", AMBUSH,
        ["Granite Pass", "civilians", "villagers"],
    ),
]  # fmt: skip


def matched(text: str, which: str, published_at=date(2024, 1, 10), facts=None) -> list[str]:
    """The ids of the facts the claim `which` of `text` is matched with, best first."""
    facts = FACTS if facts is None else facts
    claims = [Claim.of(c) for c in extract(text, published_at)]
    claim = next(c for c in claims if c.text == which)
    ctx = context_of(text, claim, None, claims)
    view = ArticleView.of(text, None, published_at)
    frame = frame_of(claim, ctx, [c for c in claims if c.is_date], view)
    hints = Hints.from_facts(facts, published_at.isoformat())
    return [m.fact.id for m in best_matches(claim, frame, facts, ctx, hints).matches]


def verdicts(text: str, facts, published_at=date(2024, 1, 10)) -> dict[str, dict]:
    """Every claim's verdict fields, by the claim's text."""
    records = extract(text, published_at)
    claims = [Claim.of(c) for c in records]
    checked = verify(Article(text, published_at=published_at), text, claims, facts)
    return {c.text: v for c, v in zip(claims, checked, strict=True)}


def test_the_right_event_among_similar_ones():
    text = "The Kessel flood of 2019 hit Port Meridan on July 2, 2019, and killed 42 people."
    assert matched(text, "July 2, 2019")[0] == "f19d"
    text = "The Kessel flood of 2023 reached Lower Valdoria in March 2023."
    assert matched(text, "March 2023")[0] == "f23d"


def test_killed_is_never_checked_against_injured():
    text = "The Kessel flood of 2019 killed 42 people in Port Meridan."
    assert matched(text, "42") == ["f19k"]
    text = "The Kessel flood of 2019 injured 300 people in Port Meridan."
    assert matched(text, "300") == ["f19i"]


def test_the_counted_group_decides_between_facts_of_one_event():
    text = "In the Granite Pass ambush, seven soldiers were killed when the army convoy was hit."
    assert matched(text, "seven")[0] == "ambush"
    text = "In the Granite Pass ambush, three civilians were killed in a nearby village."
    assert matched(text, "three")[0] == "ambushc"


def test_nothing_matches_an_unrelated_claim():
    text = "The city council approved a budget of 12 new buses on Monday."
    assert matched(text, "12") == []
    text = "The mayor spoke to reporters on June 27 about the new stadium."
    assert matched(text, "June 27") == []


def test_a_date_takes_the_event_it_stands_beside():
    text = (
        "The Kessel flood of 2019 killed 42 people on July 2, 2019, and the "
        "Granite Pass ambush followed on August 9, 2019."
    )
    assert matched(text, "July 2, 2019")[:1] == ["f19d"]
    assert "f19d" not in matched(text, "August 9, 2019")


def test_a_date_with_its_own_verb_dates_that_verb_not_the_event():
    text = "The Kessel flood of 2019, which hit Port Meridan, came to a town founded in 1890."
    assert matched(text, "1890") == []


def test_a_deadline_dates_no_event():
    text = "After the Kessel flood of 2019 the council promised new levees by 2025."
    assert matched(text, "2025") == []


def test_counts_of_other_things_do_not_match():
    text = "In the Granite Pass ambush, 12 trucks were destroyed by the army convoy's attackers."
    assert matched(text, "12") == []


def test_counts_of_things_that_are_not_people_never_match_a_toll():
    for text in (
        "The Kessel flood of 2019 hit Port Meridan and cut 42 roads.",
        "The Kessel flood of 2019 in Port Meridan lasted 42 days.",
        "The Kessel flood of 2019 reached 42 villages around Port Meridan.",
    ):
        assert matched(text, "42") == [], text


def test_a_count_without_its_metric_nearby_does_not_match():
    text = "The Kessel flood of 2019 in Port Meridan: 42 people were counted at the shelter."
    assert "f19k" not in matched(text, "42")
