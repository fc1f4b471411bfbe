"""Qualifiers and the intervals they allow, ranges and vague amounts."""

import pytest

from service.claims import extract


def first(text: str) -> dict:
    """The first claim of ``text``."""
    return extract(text)[0]


@pytest.mark.parametrize(
    ("text", "qualifier", "lower", "upper", "bounds"),
    [
        ("It killed more than 3,500 fighters.", "more than", 3500, None, "(]"),
        ("It killed over 300 fighters.", "over", 300, None, "(]"),
        ("It killed at least 38,000 people.", "at least", 38000, None, "[]"),
        ("It displaced nearly 1,000 people.", "nearly", 900, 1000, "[)"),
        ("It displaced almost 200 people.", "almost", 180, 200, "[)"),
        ("It counted about 300 disasters.", "about", 270, 330, "[]"),
        ("It counted around 100 homes.", "around", 90, 110, "[]"),
        ("It counted roughly 50 boats.", "roughly", 45, 55, "[]"),
        ("It counted some 95 boats.", "some", 85.5, 104.5, "[]"),
        ("It may cost up to $1.5bn.", "up to", None, 1_500_000_000, "[]"),
        ("Exposure is less than $10bn.", "less than", None, 10_000_000_000, "[)"),
        ("It was an estimated 150,000 dead.", "estimated", 135000, 165000, "[]"),
        ("It counted 64 boats.", None, 64, 64, "[]"),
    ],
)
def test_qualifier_intervals(text: str, qualifier: str | None, lower, upper, bounds: str) -> None:
    claim = first(text)
    assert claim["qualifier"] == qualifier
    assert (claim["lower"], claim["upper"], claim["bounds"]) == (lower, upper, bounds)


def test_qualifier_is_inside_the_span() -> None:
    claim = first("Officials said more than 3,500 fighters were killed.")
    assert claim["text"] == "more than 3,500"


@pytest.mark.parametrize(
    ("text", "kind", "lower", "upper", "qualifier"),
    [
        ("Deaths fell by between 20 and 30 per cent.", "percent", 20, 30, "between"),
        ("Between 20 and 30 people were hurt.", "count", 20, 30, "between"),
        ("They spent 2-3 fewer days in hospital.", "quantity", 2, 3, None),
        ("Support was 60-65% among the young.", "percent", 60, 65, None),
        ("Losses of $5-10bn are likely.", "money", 5_000_000_000, 10_000_000_000, None),
    ],
)
def test_ranges(text: str, kind: str, lower, upper, qualifier: str | None) -> None:
    claim = first(text)
    assert (claim["kind"], claim["value"], claim["qualifier"]) == (kind, None, qualifier)
    assert (claim["lower"], claim["upper"]) == (lower, upper)


@pytest.mark.parametrize(
    ("text", "lower", "upper", "category"),
    [
        ("They carried out dozens of terrorist attacks.", 24, 120, "attacks"),
        ("The campaign killed hundreds of civilians.", 200, 1000, "killed"),
        ("Thousands of people fled their homes.", 2000, 10000, "displaced"),
        ("Hundreds of thousands of livelihoods were lost.", 200_000, 1_000_000, None),
        ("Several hundred homes were damaged.", 300, 1000, None),
    ],
)
def test_vague_counts_are_low_confidence_intervals(text: str, lower, upper, category) -> None:
    claim = first(text)
    assert claim["value"] is None and claim["confidence"] < 0.5
    assert (claim["lower"], claim["upper"], claim["bounds"]) == (lower, upper, "[)")
    assert claim["category"] == category


@pytest.mark.parametrize(
    ("text", "figure", "category"),
    [
        ("Harlow Water was fined £3.6m after sewage poured into the river, killing more than "
         "4,000 fish.", "£3.6m", None),
        ("Harlow Water was fined £3.6m after sewage poured into the river, killing more than "
         "4,000 fish.", "more than 4,000", "killed"),
        ("The floods killed 41 people and caused $2bn of damage.", "41", "killed"),
    ],
)  # fmt: skip
def test_a_sum_takes_no_category_of_people_or_events(text: str, figure: str, category) -> None:
    claim = next(c for c in extract(text) if c["text"] == figure)
    assert claim["category"] == category


def test_vague_money() -> None:
    claim = first("Farmers lost millions of euros of crops.")
    assert (claim["kind"], claim["unit"], claim["value"]) == ("money", "EUR", None)
