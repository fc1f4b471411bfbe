"""A level read on a day: "at the start of June" is the month's first day and "at the end of
March" its last (a month's figure is read at its end), and the end of February a year before
a leap year's is the 29th. What a level measures may be said by the last word of a metric its
subject already names ("Stocks stood at 46%", of "reservoir stocks"), or by a keyword of the
fact's own beside the metric's word ("cases waiting to be heard", of "outstanding cases").
Without each reading a figure of the kinds blind14 and blind15 showed found no fact."""

from __future__ import annotations

from datetime import date

import pytest

from service.model import Fact
from tests.test_verify_readings import check, event

PUBLISHED = date(2025, 8, 18)


def stocks(*periods: tuple[str, float]) -> list[Fact]:
    return [
        event(f"s-{period}", "Dunbrook Water reservoir stocks", "reservoir_stocks", value,
              unit="%", place="Dunbrook", period=period,
              keywords=("reservoir", "stocks", "levels", "Dunbrook"))
        for period, value in periods
    ]  # fmt: skip


DAYS = (("2025-06-01", 68.0), ("2025-07-01", 57.4), ("2025-08-17", 46.2))


@pytest.mark.parametrize(
    ("figure", "verdict", "fact"),
    [("68%", "supported", "s-2025-06-01"), ("57%", "supported", "s-2025-07-01"),
     ("62%", "contradicted", "s-2025-06-01")],
)  # fmt: skip
def test_a_level_at_the_start_of_a_month_is_of_its_first_day(figure, verdict, fact):
    later = "57%" if figure != "57%" else "51%"
    text = (
        "Reservoirs run by Dunbrook Water are at their lowest for three decades. Stocks stood "
        f"at 46% of capacity on Sunday, the company said, down from {figure} at the start of "
        f"{'June' if fact.endswith('06-01') else 'July'} and {later} at the start of September."
    )
    found = check(text, stocks(*DAYS), PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]
    assert [e["reference_id"] for e in found["evidence"]] == [fact]


@pytest.mark.parametrize(("figure", "verdict"), [("57%", "supported"), ("52%", "contradicted")])
def test_each_figure_of_a_chain_takes_the_start_of_its_own_month(figure, verdict):
    text = (
        "Stocks at Dunbrook Water stood at 46% on Sunday, the company said, down from 68% at the "
        f"start of June and {figure} at the start of July."
    )
    found = check(text, stocks(*DAYS), PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]
    assert [e["reference_id"] for e in found["evidence"]] == ["s-2025-07-01"]


def test_the_metric_a_subject_names_is_said_by_its_last_word():
    text = "Dunbrook Water said on Monday that stocks stood at 46% of capacity on Sunday."
    found = check(text, stocks(*DAYS), PUBLISHED)["46%"]
    assert found["verdict"] == "supported", found["explanation"]
    text = "Dunbrook Water said on Monday that its customers stood at 46% of capacity on Sunday."
    assert check(text, stocks(*DAYS), PUBLISHED)["46%"]["verdict"] == "unverifiable"


def court(period_now: str, period_before: str) -> list[Fact]:
    keywords = ("court", "crown court", "backlog", "cases", "Dunbrook")
    return [
        event("now", "Dunbrook Crown Court", "outstanding_cases", 1873, unit="cases",
              place="Dunbrook", period=period_now,
              keywords=(*keywords, "outstanding", "waiting", "caseload")),
        event("before", "Dunbrook Crown Court", "outstanding_cases", 1512, unit="cases",
              place="Dunbrook", period=period_before,
              keywords=(*keywords, "outstanding", "waiting", "caseload")),
        event("days", "Dunbrook Crown Court", "sitting_days", 3640, unit="days",
              place="Dunbrook", period="2024-25", keywords=(*keywords, "sitting days", "sat")),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("periods", "month"),
    [(("2025-03-31", "2024-03-31"), "March"), (("2025-03", "2024-03"), "March"),
     (("2025-02-28", "2024-02-29"), "February")],
)  # fmt: skip
def test_a_level_at_the_end_of_a_month_is_of_its_last_day_or_the_month(periods, month):
    text = (
        "The number of cases waiting to be heard at Dunbrook Crown Court reached 1,873 at the "
        f"end of {month}, up from 1,512 a year earlier, court figures show."
    )
    found = check(text, court(*periods), date(2025, 6, 12))
    assert found["1,873"]["verdict"] == "supported", found["1,873"]["explanation"]
    assert found["1,512"]["verdict"] == "supported", found["1,512"]["explanation"]
    assert [e["reference_id"] for e in found["1,512"]["evidence"]] == ["before"]


def test_a_keyword_says_a_metric_only_beside_the_metrics_word():
    text = (
        "With people waiting longer than ever for trials, Dunbrook Crown Court heard 2,140 "
        "cases at the end of March, court figures show."
    )
    found = check(text, court("2025-03-31", "2024-03-31"), date(2025, 6, 12))["2,140"]
    assert found["verdict"] == "unverifiable", found["explanation"]
