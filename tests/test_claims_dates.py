"""Dates at the precision the text gives, and how missing years are resolved."""

import datetime as dt

import pytest

from service.claims import extract

PUBLISHED = dt.date(2024, 7, 1)  # a Monday


def dates(text: str, published: dt.date | None = PUBLISHED) -> list[dict]:
    """The date claims of ``text``."""
    return [claim for claim in extract(text, published) if claim["kind"] == "date"]


@pytest.mark.parametrize(
    ("text", "value", "precision", "lower", "upper"),
    [
        ("Strikes began on March 18, 2024.", "2024-03-18", "day", "2024-03-18", "2024-03-18"),
        ("Strikes began on 18 March 2024.", "2024-03-18", "day", "2024-03-18", "2024-03-18"),
        ("The truce collapsed in November 2022.", "2022-11", "month", "2022-11-01", "2022-11-30"),
        ("In 2014, the army launched an operation.", "2014", "year", "2014-01-01", "2014-12-31"),
        ("It announced the plan on June 22.", "2024-06-22", "day", "2024-06-22", "2024-06-22"),
        ("Talks started in March.", "2024-03", "month", "2024-03-01", "2024-03-31"),
        ("It was announced yesterday.", "2024-06-30", "day", "2024-06-30", "2024-06-30"),
        ("The minister resigned on Tuesday.", "2024-06-25", "day", "2024-06-25", "2024-06-25"),
        ("The minister will resign on Friday.", "2024-07-05", "day", "2024-07-05", "2024-07-05"),
        ("Prices rose last year.", "2023", "year", "2023-01-01", "2023-12-31"),
        ("Prices rose last month.", "2024-06", "month", "2024-06-01", "2024-06-30"),
        ("Talks broke down last week.", "2024-W26", "week", "2024-06-24", "2024-06-30"),
    ],
)
def test_dates(text: str, value: str, precision: str, lower: str, upper: str) -> None:
    (claim,) = dates(text)
    assert (claim["value"], claim["precision"]) == (value, precision)
    assert (claim["lower"], claim["upper"]) == (lower, upper)


def test_month_day_year_from_publication_date_is_noted() -> None:
    (claim,) = dates("It announced the plan on June 22.")
    assert claim["note"] == "year taken from the publication date"


def test_month_day_without_any_year_stays_unresolved() -> None:
    (claim,) = dates("It announced the plan on June 22.", published=None)
    assert (claim["value"], claim["lower"], claim["upper"]) == ("--06-22", None, None)
    assert claim["note"] == "year not stated and no publication date given"


def test_month_day_takes_the_nearest_stated_year_without_publication_date() -> None:
    text = "The ceasefire of 2019 held for months. Fighting resumed on June 22."
    claim = dates(text, published=None)[-1]
    assert claim["value"] == "2019-06-22"
    assert "nearest year" in claim["note"] or "stated just before" in claim["note"]


def test_year_stated_just_before_beats_publication_date() -> None:
    text = "The engine was installed in 1834. On 14 March that year a boiler exploded."
    assert dates(text)[-1]["value"] == "1834-03-14"


def test_a_split_year_gives_a_bare_month_no_year_and_a_past_clause_its_weekday() -> None:
    text = "Route 7 carried 1.9 million passengers in 2024-25. In March, 84.7% ran on time."
    month = dates(text, dt.date(2025, 4, 10))[-1]
    assert month["value"] == "2025-03"  # the publication year's March, not 2024's
    text = text.replace("2024-25", "2024")
    assert dates(text, dt.date(2025, 4, 10))[-1]["value"] == "2024-03"  # a year stated before
    said = "Fares will rise to £2.20 from 4 May, the operator said on Tuesday."
    assert dates(said)[-1]["value"] == "2024-06-25"  # said before publication, not the next
    assert dates("Fares will rise from Tuesday.")[-1]["value"] == "2024-07-02"
    assert dates("Residents will gather at a vigil, to be held on Friday.")[-1]["value"] == (
        "2024-07-05"  # a participle is no past: the Friday to come
    )
    festival = dates("The festival takes place on 12 August, organisers said.")
    assert festival[-1]["value"] == "2024-08-12"  # a reporting verb dates no other day


def test_december_date_in_january_article_is_last_year() -> None:
    (claim,) = dates("The wave struck on December 26.", published=dt.date(2005, 1, 5))
    assert claim["value"] == "2004-12-26"


def test_relative_dates_need_a_publication_date() -> None:
    assert dates("It was announced yesterday, on Tuesday.", published=None) == []


@pytest.mark.parametrize(
    "text",
    [
        "The plan is called Vision 2030.",
        "Officials said 2,014 people were evacuated.",
        "The Nasdaq rose 0.9% to 2,004.",
        "The ministry said 2000 people had left.",
        "You may leave early.",
        "Protesters will march on the capital.",
    ],
)
def test_not_dates(text: str) -> None:
    assert dates(text) == []


def test_lower_case_next_week_and_month():
    values = [
        c["value"]
        for c in extract("The vote is next week and the count next month.", dt.date(2024, 7, 1))
    ]
    assert values == ["2024-W28", "2024-08"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The quake struck on 2024-03-16 and killed 12 people.",
            [("2024-03-16", "2024-03-16"), ("12", 12)],
        ),
        ("It struck on 16/03/2024 and killed 12.", [("12", 12)]),  # day or month first? not read
        ("On 16.03.2024, 12 died.", [("12", 12)]),
    ],
)
def test_numeric_dates(text, expected):
    claims = extract(text, dt.date(2024, 7, 1))
    assert [(c["text"], c["value"]) for c in claims] == expected
