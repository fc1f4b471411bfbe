"""Comparison rules, table-driven: each phrase is extracted for real, then compared to a fact."""

from __future__ import annotations

from datetime import date

import pytest

from service.claims import extract
from service.model import Claim, Fact, Source
from service.verify.compare import Interval, agrees, dates_agree, rounding


def only_claim(text: str, published_at: date | None = date(2024, 7, 1)) -> Claim:
    claims = extract(text, published_at)
    assert len(claims) == 1, claims
    return Claim.of(claims[0])


def fact(value, qualifier=None, lower=None, upper=None, unit=None) -> Fact:
    metric = "date" if isinstance(value, str) else "count"
    source = Source("Example", "https://example.org/a")
    return Fact("f", "Example", metric, value, source, lower=lower, upper=upper, unit=unit,
                qualifier=qualifier)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # small counts are exact
        ("Seven soldiers were killed.", fact(7), True),
        ("Seven soldiers were killed.", fact(8), False),
        ("Seven soldiers were killed.", fact(6), False),
        # reporters' rounding of larger figures
        ("The operation killed 3,500 militants.", fact(3512), True),
        ("The operation killed 3,500 militants.", fact(3449), False),
        ("The operation killed 3,500 militants.", fact(3600), False),
        ("Turnout was 85% in the capital.", fact(85.19, unit="%"), True),
        ("Turnout was 85% in the capital.", fact(86.0, unit="%"), False),
        ("Prices rose 12.5% in the city.", fact(12.54, unit="%"), True),
        ("Prices rose 12.5% in the city.", fact(12.6, unit="%"), False),
        # a figure written with a trailing zero states that decimal
        ("Inflation stood at 3.0%.", fact(2.9, unit="%"), False),
        ("Inflation stood at 3.0%.", fact(3.04, unit="%"), True),
        ("Inflation stood at 3%.", fact(2.9, unit="%"), True),
        ("Output was worth $14.10 billion.", fact(14.18e9, unit="USD"), False),
        ("Output was worth $14.10 billion.", fact(14.104e9, unit="USD"), True),
        # qualifiers
        ("It killed more than 3,500 militants.", fact(3500, "about"), True),
        ("It killed more than 3,500 militants.", fact(3512), True),
        ("It killed more than 3,500 militants.", fact(3500), False),
        ("It killed more than 3,500 militants.", fact(3100), False),
        ("It displaced nearly a million people.", fact(962_000), True),
        # well short of "nearly": a reporter's loose rounding, or a slip; left open
        ("It displaced nearly a million people.", fact(929_000), None),
        ("The cliff lost nearly 5 metres.", fact(4.6, unit="m"), None),
        ("The cliff lost nearly 5 metres.", fact(4.8, unit="m"), True),
        ("The cliff lost nearly 5 metres.", fact(4.4, unit="m"), False),
        ("It displaced nearly a million people.", fact(1_050_000), False),
        ("It displaced nearly a million people.", fact(1_000_000, "around"), True),
        ("At least 38,000 people died.", fact(38_000), True),
        ("At least 38,000 people died.", fact(37_000), False),
        ("About 300 people were arrested.", fact(310), True),
        ("About 300 people were arrested.", fact(450), False),
        ("About 300 people were arrested.", fact(325), True),
        ("About 300 people were arrested.", fact(340), False),
        ("About 300 people were arrested.", fact(390), False),
        ("The train carried about 360 passengers.", fact(340), False),
        ("The train carried about 360 passengers.", fact(352), True),
        ("About a dozen houses burned.", fact(13), True),
        ("Between 20 and 30 people were injured.", fact(25), True),
        ("Between 20 and 30 people were injured.", fact(35), False),
        # a source's own qualifier: a one-sided fact backs only what it settles
        ("At least 38,000 people died.", fact(38_000, "at least"), True),
        ("More than 40,000 people died.", fact(38_000, "at least"), None),
        ("Fewer than 30,000 people died.", fact(38_000, "at least"), False),
        ("Nearly 1,000 people died.", fact(1000, "nearly"), True),
        # two maxima are two figures of one extreme
        ("The debris lay up to 8 metres deep.", fact(6, "up to"), False),
        ("The debris lay up to 6 metres deep.", fact(6, "up to"), True),
        ("About 3,000 people died.", fact(3000, "estimated"), True),
        # a fact given as an interval
        ("The storm killed 120 people.", fact(120, lower=100, upper=150), True),
        ("The storm killed 90 people.", fact(120, lower=100, upper=150), False),
    ],
)
def test_numbers(text, reference, expected):
    assert agrees(only_claim(text), reference) is expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("The attacks peaked in March 2024.", "2024-03-16", True),
        ("The attacks peaked in March 2024.", "2024-04-02", False),
        ("The statement came on June 27.", "2024-06-26", False),
        ("The statement came on June 27.", "2024-06-27", True),
        ("In 2014, the army launched an offensive.", "2014-06-15", True),
        ("In 2015, the army launched an offensive.", "2014-06-15", False),
        ("The strikes came on March 18, 2024.", "2024-03", True),
        ("The strikes came on March 18, 2024.", "2024", True),
        ("The strikes came on March 18, 2024.", "2023", False),
        ("The budget passed in December 2023.", "2023-12-31", True),
        ("The budget passed in February 2024.", "2024-02-29", True),
        ("The budget passed in February 2024.", "2024-03-01", False),
    ],
)
def test_dates_compare_at_the_coarser_precision(text, reference, expected):
    assert agrees(only_claim(text), fact(reference)) is expected


def test_a_date_without_its_year_compares_month_and_day():
    claim = only_claim("The ceasefire ended on June 22.", published_at=None)
    assert claim.value == "--06-22"
    assert agrees(claim, fact("2024-06-22"))
    assert not agrees(claim, fact("2024-06-23"))
    assert dates_agree(claim, "2024-06") is True  # the month is all a month fact gives
    assert dates_agree(claim, "2024-07") is False
    assert dates_agree(claim, "2024") is None  # a year settles nothing about a June 22


def test_a_week_compares_as_its_seven_days():
    claim = only_claim("Troops were deployed last week.", published_at=date(2024, 7, 3))
    assert claim.precision == "week"
    assert agrees(claim, fact("2024-06-26"))
    assert agrees(claim, fact("2024-06"))
    assert not agrees(claim, fact("2024-07-02"))


@pytest.mark.parametrize(
    ("value", "kind", "tolerance"),
    [(7, "count", 0.5), (3500, "count", 50), (1_000_000, "count", 50_000), (12.5, "percent", 0.05)],
)
def test_rounding(value, kind, tolerance):
    assert rounding(value, kind) == pytest.approx(tolerance)


def test_interval_ends():
    assert Interval(1, 2).overlaps(Interval(2, 3))
    assert not Interval(1, 2, upper_open=True).overlaps(Interval(2, 3))
    assert Interval(None, None).overlaps(Interval(5, 5))
    assert not Interval(6, None).overlaps(Interval(None, 5))
