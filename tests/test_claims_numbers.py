"""Numbers in digits and in words: kind, value, unit, subject and what is not a claim."""

import datetime as dt

import pytest

from service.claims import extract


def only(text: str) -> dict:
    """The single claim of ``text``."""
    claims = extract(text)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("Officials counted 3,500 fighters.", "count", 3500, "fighters"),
        ("The city has 1.2 million residents.", "count", 1_200_000, "residents"),
        ("The region has 2.3m people.", "count", 2_300_000, "people"),
        ("Unemployment rose to 12.5%.", "percent", 12.5, "%"),
        ("Support fell to 40 per cent.", "percent", 40, "%"),
        ("The deal is worth $4bn.", "money", 4_000_000_000, "USD"),
        ("The budget is Rs 10 billion.", "money", 10_000_000_000, "PKR"),
        ("Claims reached £21.5bn.", "money", 21_500_000_000, "GBP"),
        ("Its exposure is 100m euros.", "money", 100_000_000, "EUR"),
        ("Oil closed at $50.88.", "money", 50.88, "USD"),
        ("The index closed at 10,137.", "quantity", 10137, None),
        ("The convoy drove 120 km north.", "quantity", 120, "km"),
        ("It was 41C in the shade.", "quantity", 41, "C"),
    ],
)
def test_digit_numbers(text: str, kind: str, value: float, unit: str | None) -> None:
    claim = only(text)
    assert (claim["kind"], claim["value"], claim["unit"]) == (kind, value, unit)


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("China said five citizens were killed.", 5, "citizens"),
        ("Officers said seven Pakistani soldiers died.", 7, "Pakistani soldiers"),
        ("The war displaced nearly a million people.", 1_000_000, "people"),
        ("Rescuers found two dozen survivors.", 24, "survivors"),
        ("They sent a hundred volunteers.", 100, "volunteers"),
        ("Officials listed twenty-one victims.", 21, "victims"),
        ("Twenty-one thousand people lost their lives.", 21_000, "people"),
    ],
)
def test_number_words(text: str, value: int, subject: str) -> None:
    claim = only(text)
    assert (claim["kind"], claim["value"], claim["subject"]) == ("count", value, subject)


@pytest.mark.parametrize(
    "text",
    [
        "It was the first large-scale operation.",
        "The company is the third biggest insurer.",
        "It is Europe's fifth-largest reinsurance firm.",
        "The reform is at the heart of his second term.",
        "It is one of the largest mills.",
        "He called the rally a one-day event.",
        "He spoke to BBC Radio 4 this morning.",
        "He met G8 finance ministers.",
        "The film will be shown on BBC News 24 and BBC One.",
        "The plan is called Vision 2030.",
        "Turn to page 12 for details.",
    ],
)
def test_not_numeric_claims(text: str) -> None:
    assert [c["text"] for c in extract(text) if c["kind"] != "date"] == []


def test_idiom_sentence_keeps_the_real_count() -> None:
    claims = extract("Five citizens died in one such incident.")
    assert [c["value"] for c in claims] == [5]


@pytest.mark.parametrize(
    ("text", "category", "subject"),
    [
        ("Five citizens were killed in the attack.", "killed", "citizens"),
        ("The storm killed 191 people.", "killed", "people"),
        ("More than 2,000 were injured.", "injured", None),
        ("Police said 158 others were missing.", "missing", "others"),
        ("The offensive displaced 40,000 residents.", "displaced", "residents"),
        ("Police arrested 46 protesters on Monday.", "arrested", "protesters"),
        ("Gunmen kidnapped 12 students.", "kidnapped", "students"),
        ("The group carried out 30 attacks.", "attacks", "attacks"),
        ("The air force launched 14 airstrikes.", "strikes", "airstrikes"),
    ],
)
def test_categories_and_subjects(text: str, category: str, subject: str | None) -> None:
    claim = [c for c in extract(text) if c["kind"] != "date"][0]
    assert (claim["category"], claim["subject"]) == (category, subject)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GDP growth was -2.5% in 2023.", [("-2.5%", -2.5), ("2023", "2023")]),
        ("Output fell by \u22123% (from 2%).", [("\u22123%", -3), ("2%", 2)]),
        ("COVID-19 killed 5 people.", [("5", 5)]),
        ("A serial 1234567890123456789012345 and 7 people.", [("7", 7)]),
    ],
)
def test_signs_and_digit_runs(text, expected):
    claims = extract(text, dt.date(2024, 7, 1))
    assert [(c["text"], c["value"]) for c in claims] == expected
    assert all(text[c["start"] : c["end"]] == c["text"] for c in claims)


def test_a_run_of_stops_is_one_boundary_check():
    from service.claims.scan import match_starts
    from service.claims.sentences import _BOUNDARY_START

    assert len(list(match_starts(_BOUNDARY_START, "." * 20_000 + " Five people."))) == 2
