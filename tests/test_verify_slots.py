"""Matching slot by slot: series and revisions, periods and their precision, places, forecasts,
currencies, wholes and parts, rival events, and input no slot fits (never an error)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from service.model import Fact, Source
from tests.test_verify_match import verdicts

WB = Source("World Bank, World Development Indicators", "https://data.worldbank.org/indicator/X")


def stat(metric, value, period, place="Chile", unit="%", as_of="2024-06-30", source=WB) -> Fact:
    """A figure of a series: a place's metric for one period."""
    return Fact(f"{place}-{metric}-{period}-{as_of}-{source.url}", place, metric, value, source,
                unit=unit, as_of=as_of, place=place, period=period)  # fmt: skip


CHILE = [
    stat("inflation", 12.8, "2022"),
    stat("inflation", 3.9, "2023"),
    stat("population", 19_960_889, "2023", unit="people"),
    stat("population", 19_600_000, "2022", unit="people"),
    stat("gdp", 335_000_000_000, "2023", unit="USD"),
]
PUBLISHED = date(2024, 9, 1)


def check(text: str, facts=CHILE, published_at=PUBLISHED) -> dict[str, dict]:
    return verdicts(text, facts, published_at)


def test_a_series_holds_one_figure_per_period_not_revisions_of_each_other():
    found = check("Inflation in Chile was 3.9% in 2023, down from 12.8% in 2022.")
    assert found["3.9%"]["verdict"] == "supported"
    assert found["12.8%"]["verdict"] == "supported"  # not "superseded" by the 2023 figure
    assert [e["period"] for e in found["12.8%"]["evidence"]] == ["2022"]
    wrong = check("Inflation in Chile was 12.8% in 2023.")
    assert wrong["12.8%"]["verdict"] == "contradicted"


def test_a_later_statement_about_the_same_thing_revises_it():
    agency = Source("Civil Protection Agency, bulletin", "https://example.org/bulletin-3")
    later = Source("Civil Protection Agency, bulletin", "https://example.org/bulletin-7")
    flood = dict(aliases=("Orlo flood",), unit="people", keywords=("Orlo", "flood"))
    facts = [
        Fact("a", "Orlo flood of 2024", "killed", 37, agency, as_of="2024-03-01", **flood),
        Fact("b", "Orlo flood of 2024", "killed", 41, later, as_of="2024-03-07", **flood),
    ]
    assert check("The Orlo flood killed 41 people.", facts)["41"]["verdict"] == "supported"
    assert check("The Orlo flood killed 37 people.", facts)["37"]["verdict"] == "contradicted"


def test_the_explanation_names_the_slots_and_the_source():
    text = "Chile's inflation was 12.8% in 2022."
    found = check(text)["12.8%"]
    assert found["verdict"] == "supported"
    assert "Chile, 2022, consumer price inflation: 12.8%" in found["explanation"]
    assert "World Bank, World Development Indicators" in found["explanation"]
    assert found["frame"]["place"]["value"] == "CHL"
    at = text.index("2022")
    assert found["frame"]["period"] == {
        "value": "2022",
        "from": "clause",
        "start": at,
        "end": at + 4,
    }


@pytest.mark.parametrize(
    ("text", "claim", "reason"),
    [
        ("Inflation in Chile hit 12% in May 2023.", "12%", "is annual"),
        ("Chile's inflation hit 4% in the third quarter.", "4%", "part of a year"),
        ("Chile's central bank expects inflation of 3% in 2025.", "3%", "forecast"),
        ("Chile aims to bring inflation to 2% by the end of 2025.", "2%", "forecast"),
        ("Chile's economy was worth €300 billion in 2023.", "€300 billion", "in USD"),
        ("Inflation in Chile is running at 4%.", "4%", "names no period"),
    ],
)
def test_figures_the_references_do_not_hold_are_unverifiable_with_the_reason(text, claim, reason):
    found = check(text)[claim]
    assert found["verdict"] == "unverifiable", found["explanation"]
    assert reason in found["explanation"]


def test_a_present_tense_level_is_about_the_latest_period_before_the_article():
    found = check("Chile has a population of 20 million.")["20 million"]
    assert found["verdict"] == "supported"
    assert "Chile, 2023, population" in found["explanation"]  # which year was used
    assert check("Chile has a population of 21 million.")["21 million"]["verdict"] == (
        "contradicted"
    )


def test_another_places_figure_is_never_compared():
    found = check("Peru's inflation was 12.8% in 2022.")["12.8%"]
    assert found["verdict"] == "unverifiable"
    assert found["evidence"] == []


def test_a_place_the_gazetteer_does_not_know_gives_unverifiable_not_an_error():
    found = check("Atlantis had a population of 20 million in 2023.", CHILE)
    assert found["20 million"]["verdict"] == "unverifiable"


def test_claims_with_no_slot_filled_are_unverifiable():
    found = check("It was 42. Then 7.", CHILE)
    assert {v["verdict"] for v in found.values()} == {"unverifiable"}


def test_facts_of_one_series_at_two_precisions_compare_only_at_the_claims_own():
    facts = [*CHILE, stat("inflation", 14.1, "2022-05")]
    found = check("Chile's inflation was 12.8% in 2022, and 14.1% in May 2022.", facts)
    assert found["12.8%"]["verdict"] == "supported"
    assert [e["period"] for e in found["12.8%"]["evidence"]] == ["2022"]
    assert found["14.1%"]["verdict"] == "supported"
    assert [e["period"] for e in found["14.1%"]["evidence"]] == ["2022-05"]


def test_per_capita_figures_are_never_compared_with_totals():
    found = check("Chile's GDP per person was $17,000 in 2023.")["$17,000"]
    assert found["verdict"] == "unverifiable"


ELECTION = Source("Electoral Commission", "https://example.org/results")
SEATS = [
    Fact("t", "2024 Estovan election", "seats_total", 120, ELECTION, ("Estovan election",),
         unit="seats", keywords=("election", "parliament", "Estova")),
    Fact("c", "Civic Union in the 2024 Estovan election", "seats", 58, ELECTION,
         ("Civic Union",), unit="seats", keywords=("election", "parliament", "Estova")),
]  # fmt: skip


def test_a_part_and_its_whole_are_each_compared_with_their_own_fact():
    text = "Civic Union won 58 of the 120 seats in the Estovan election."
    found = check(text, SEATS)
    assert found["58"]["verdict"] == "supported"
    assert [e["reference_id"] for e in found["58"]["evidence"]] == ["c"]
    assert found["120"]["verdict"] == "supported"
    assert [e["reference_id"] for e in found["120"]["evidence"]] == ["t"]
    wrong = check("Civic Union won 60 of the 120 seats in the Estovan election.", SEATS)
    assert wrong["60"]["verdict"] == "contradicted"
    assert [e["reference_id"] for e in wrong["60"]["evidence"]] == ["c"]


def test_a_span_is_a_period_of_a_series_read_by_its_end():
    network = Source("Brennick Food Bank Network", "https://example.org/brennick")
    facts = [
        stat("parcels", 61_240, "2024-25", place="Brennick", unit="parcels", source=network),
        stat("parcels", 52_310, "2023-24", place="Brennick", unit="parcels", source=network),
        stat("parcels", 18_900, "2025-10/2026-02", place="Brennick", unit="parcels",
             as_of="2026-03-05", source=network),
        Fact("f", "Brennick Food Bank Network", "families_share", 41, network, unit="%",
             as_of="2025-06-30", place="Brennick", period="2024-25",
             keywords=("families with children", "food bank parcels")),
    ]  # fmt: skip
    # before the winter's figure is out, the latest span a level with no date of its own
    # can be is the financial year 2024-25; after it, with the winter's alone, the winter
    text = "Food banks in Brennick gave out {} parcels, the network said."
    found = check(text.format("61,240"), facts, date(2025, 10, 30))["61,240"]
    assert found["verdict"] == "supported" and "2024-25" in found["explanation"]
    assert check(text.format("66,000"), facts, date(2025, 10, 30))["66,000"]["verdict"] == (
        "contradicted"
    )
    found = check(text.format("18,900"), facts[2:], date(2026, 3, 20))["18,900"]
    assert found["verdict"] == "supported" and "2025-10/2026-02" in found["explanation"]
    # beside the financial years, a winter's figure is one an undated level may be or not
    found = check(text.format("18,900"), facts, date(2026, 3, 20))["18,900"]
    assert found["verdict"] == "unverifiable"
    # a figure so far in a span the article falls in, already published, is its current one
    so_far = [stat("parcels", 9_400, "2025-10/2026-02", place="Brennick", unit="parcels",
                   as_of="2026-01-05", source=network)]  # fmt: skip
    found = check(text.format("9,400"), so_far, date(2026, 1, 15))["9,400"]
    assert found["verdict"] == "supported" and "2025-10/2026-02" in found["explanation"]
    # a rate of one span is the current one
    text = "Families with children received 41% of Brennick's food bank parcels."
    assert check(text, facts, date(2025, 10, 30))["41%"]["verdict"] == "supported"
    # ... and so is a rate of the split year the article falls in
    rise = Fact("r", "Westmarch school meals", "price_rise", 13.5, network, unit="%",
                as_of="2025-07-10", place="Westmarch", period="2025-26",
                keywords=("school meals", "Westmarch", "rise", "price rise"))  # fmt: skip
    text = "Westmarch school meals will cost more this term, a rise of 13.5%."
    assert check(text, [rise], date(2025, 9, 10))["13.5%"]["verdict"] == "supported"
    # "the year before" with no year given is no current level, of a series or an event
    text = "Food banks in Brennick gave out 61,240 parcels. The year before, it gave out {}."
    found = check(text.format("51,900"), facts, date(2025, 10, 30))
    assert found["61,240"]["verdict"] == "supported"
    assert found["51,900"]["verdict"] == "unverifiable"
    undated = [replace(f, period=None) for f in facts[:1]]
    assert check(text.format("51,900"), undated, date(2025, 10, 30))["51,900"]["verdict"] == (
        "unverifiable"
    )
    # a financial year's and a half-year's figures: an undated level may be either
    half = stat("parcels", 33_600, "2025-04/2025-09", place="Brennick", unit="parcels",
                as_of="2025-10-20", source=network)  # fmt: skip
    text = "Food banks in Brennick gave out {} parcels, the network said."
    found = check(text.format("61,240"), [*facts, half], date(2025, 10, 30))["61,240"]
    assert found["verdict"] == "unverifiable"
    # a month is no span: not compared, and the reason says what the reference covers
    text = "Food banks in Brennick gave out 18,900 parcels in January 2026."
    found = check(text, facts[2:], date(2026, 3, 20))["18,900"]
    assert found["verdict"] == "unverifiable"
    assert "over 2025-10/2026-02" in found["explanation"], found["explanation"]


def test_a_date_opening_a_later_figures_clause_is_that_figures():
    facts = [stat("inflation", 8.83, "2019", place="Myanmar"),
             stat("inflation", 6.87, "2018", place="Myanmar")]  # fmt: skip
    text = "In 2019, before the coup, Myanmar's consumer prices rose {}, and in 2018 they rose {}."
    found = check(text.format("8.8%", "6.9%"), facts)["8.8%"]
    assert found["verdict"] == "supported" and "2019" in found["explanation"]
    found = check(text.format("6.9%", "8.8%"), facts)["6.9%"]
    assert found["verdict"] == "contradicted" and "2019" in found["explanation"]


def test_a_level_compared_with_another_year_names_no_period_of_its_own():
    # "more than in 2021" says which year it is compared with, not the figure's own: no
    # latest level is guessed for it (the 2023 population is not "19.6 million")
    for text in (
        "Chile counted its people in 2022. The population was 19.6 million, more than in 2021.",
        "Chile's population was 19.6 million, more than in 2021.",
    ):
        assert check(text)["19.6 million"]["verdict"] == "unverifiable", text
    assert check("Chile's population was 19.6 million in 2022.")["19.6 million"]["verdict"] == (
        "supported"
    )
