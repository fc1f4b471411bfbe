"""What a figure is said to be of narrows the facts it is compared with: an average is no
single price, a date of what one thing did is no date of another's action, a figure of two
things together is no count of one, and a figure across several things is a whole. A year
said before a chain of figures is each one's. Without each reading a sentence here (of the
kinds blind16 showed) was read wrong: a false "supported" or "contradicted"."""

from __future__ import annotations

from datetime import date

import pytest

from service.model import Fact
from tests.test_verify_readings import check, event, stat

PUBLISHED = date(2025, 9, 20)


def rents() -> list[Fact]:
    shared = {"place": "Halverton", "period": "2025-26"}
    return [
        event("avg", "Halverton private student housing rents", "average_weekly_rent", 205,
              unit="GBP", keywords=("student", "rent", "weekly"), **shared),
        event("avg-1", "Halverton private student housing rents", "average_weekly_rent", 188,
              unit="GBP", keywords=("student", "rent", "weekly"), place="Halverton",
              period="2024-25"),
        event("rise", "Halverton private student housing rents", "average_weekly_rent_change",
              9.0, unit="percent", keywords=("student", "rent", "rise"), **shared),
        event("std", "Halverton University halls rents", "standard_room_weekly_rent", 160,
              unit="GBP", keywords=("halls", "rent", "standard", "room"), **shared),
        event("ens", "Halverton University halls rents", "ensuite_weekly_rent", 190,
              unit="GBP", keywords=("halls", "rent", "en-suite"), **shared),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("figure", "verdict", "fact"),
    [("£205", "supported", "avg"), ("£220", "contradicted", "avg")],
)
def test_an_average_is_compared_only_with_a_fact_that_is_one(figure, verdict, fact):
    text = (
        "Students in Halverton face a hard year, with the average rent for a room in "
        f"private student blocks reaching {figure} a week for 2025-26."
    )
    found = check(text, rents(), PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]
    assert [e["reference_id"] for e in found["evidence"]] == [fact]


def test_a_figure_said_of_no_average_still_takes_its_own_fact():
    text = "A standard room in Halverton University halls costs £160 a week in 2025-26."
    found = check(text, rents(), PUBLISHED)["£160"]
    assert found["verdict"] == "supported", found["explanation"]
    assert [e["reference_id"] for e in found["evidence"]] == ["std"]


def storm() -> list[Fact]:
    review = "Orvale Power Ilsa review"
    return [
        event("storm", "Storm Ilsa power cuts", "date", "2025-01-24", unit=None,
              keywords=("storm", "arrived", "date")),
        event("review", review, "published_date", "2025-06-02", unit=None,
              keywords=("review", "published", "independent")),
        event("calls", review, "calls_answered_share", 38, unit="%",
              keywords=("review", "calls", "answered")),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figure", "verdict"),
    [
        ("An independent review commissioned by Orvale Power and published in early summer "
         "found that its call centre answered only 38% of calls within the first 24 hours, "
         "and that its online fault map crashed on 25 January, the morning after Storm Ilsa.",
         "25 January", "unverifiable"),
        ("Storm Ilsa arrived on 23 January, cutting power to thousands.", "23 January",
         "contradicted"),
        ("Storm Ilsa arrived on 24 January, cutting power to thousands.", "24 January",
         "supported"),
    ],
)  # fmt: skip
def test_a_date_of_what_one_thing_did_is_no_date_of_another(text, figure, verdict):
    found = check(text, storm(), PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]


@pytest.mark.parametrize(
    ("said", "verdict"),
    [("missed or cancelled", "unverifiable"), ("cancelled", "contradicted")],
)
def test_a_figure_of_either_of_two_things_is_no_count_of_one(said, verdict):
    fact = event("c", "Brackley Buses cancelled journeys", "cancelled_journeys", 4216,
                 unit="journeys", place="Brackley",
                 keywords=("cancelled", "journeys", "buses", "drivers"))  # fmt: skip
    text = (
        "Brackley Buses cancelled 4,216 journeys over the summer. Bus users in Brackley "
        f"logged close to 5,000 {said} journeys."
    )
    found = check(text, [fact], PUBLISHED)["close to 5,000"]
    assert found["verdict"] == verdict, found["explanation"]


def gdp() -> list[Fact]:
    return [
        stat("gdp", value, year, place, unit="USD")
        for place, values in (("Kenya", (61.3e9, 107.4e9)), ("Uganda", (28.9e9, 49.3e9)))
        for year, value in zip(("2013", "2023"), values, strict=True)
    ]


@pytest.mark.parametrize(("figure", "verdict"), [("$28.9 billion", "supported"),
                                                 ("$31.5 billion", "contradicted")])  # fmt: skip
def test_a_year_said_before_a_chain_of_figures_is_each_ones(figure, verdict):
    text = f"A decade earlier, in 2013, Kenya's GDP was $61.3 billion and Uganda's {figure}."
    found = check(text, gdp(), PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]
    assert found["evidence"][0]["period"] == "2013"


@pytest.mark.parametrize(
    ("opening", "verdict"),
    [("Across the five hospitals in the county", "unverifiable"),
     ("At Dunsford General Hospital", "contradicted")],
)  # fmt: skip
def test_a_figure_across_several_things_is_a_whole(opening, verdict):
    fact = event("p", "Dunsford General Hospital A&E", "four_hour_performance", 68.2, unit="%",
                 place="Dunsford", period="2025-08",
                 keywords=("A&E", "four hours", "performance"))  # fmt: skip
    text = f"{opening}, A&E four-hour performance was 72.5% in August."
    found = check(text, [fact], PUBLISHED)["72.5%"]
    assert found["verdict"] == verdict, found["explanation"]


@pytest.mark.parametrize(
    ("metric", "value", "text", "figure", "verdict"),
    [  # its owner's own figure; the figure of the several things is no whole of itself
        ("launches", 9240, "Across its 41 stations, Coastwise Lifeboats said, crews launched "
         "9,120 times in 2024.", "9,120", "contradicted"),
        ("stations", 41, "Across the 41 stations it ran in 2024, Coastwise Lifeboats said, "
         "crews launched often.", "41", "supported"),
    ],
)  # fmt: skip
def test_what_is_said_across_things_of_ones_own_is_no_whole(metric, value, text, figure, verdict):
    fact = event("l", "Coastwise Lifeboats", metric, value, unit=metric, period="2024",
                 keywords=("lifeboats", "launched", "stations"))  # fmt: skip
    found = check(text, [fact], PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]
