"""A country's series said the way economy reports say it: bare "prices rose" for consumer
price inflation, and a chain of yearly figures that goes on after "then" or a reporting
clause. Each sentence was read unverifiable, its figures the World Bank's own."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_verify_readings import check, stat

PUBLISHED = date(2025, 5, 20)


def _inflation(place, **years):
    return [stat("inflation", value, year[1:], place=place) for year, value in years.items()]


@pytest.mark.parametrize(
    ("text", "figure", "verdict"),
    [
        ("Prices rose 7.2% in Senegal in 2022.", "7.2%", "contradicted"),
        ("Prices rose 9.7% in Senegal in 2022.", "9.7%", "supported"),
        ("In Senegal, prices rose 9.7% in 2022.", "9.7%", "supported"),
        ("As recently as 2022 prices rose only 9.7% in Senegal.", "9.7%", "supported"),
        # prices of something: no measure of all consumer prices
        ("House prices rose 7.2% in Senegal in 2022.", "7.2%", "unverifiable"),
        ("In Senegal, food prices rose 7.2% in 2022.", "7.2%", "unverifiable"),
        # prices with no change said of them
        ("In Senegal, prices of 7.2% were seen in 2022.", "7.2%", "unverifiable"),
    ],
)  # fmt: skip
def test_bare_prices_that_rose_are_consumer_price_inflation(text, figure, verdict):
    found = check(text, _inflation("Senegal", y2022=9.7, y2023=5.94), PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Senegal's inflation jumped to 9.7% in 2022 as fuel prices soared, then fell back to "
         "5.9% in 2023.", "supported"),
        ("Senegal's inflation jumped to 9.7% in 2022 as fuel prices soared, then slowed to "
         "7.1% in 2023.", "contradicted"),
        # "then" and a subject of its own: another thing's figure
        ("Senegal's inflation jumped to 9.7% in 2022 as fuel prices soared, then wages rose to "
         "5.9% in 2023.", "unverifiable"),
    ],
)  # fmt: skip
def test_a_figure_after_then_and_its_verb_goes_on_from_the_one_before(text, verdict):
    found = check(text, _inflation("Senegal", y2022=9.7, y2023=5.94), PUBLISHED)
    assert found[text.split(" to ")[-1].split()[0]]["verdict"] == verdict


@pytest.mark.parametrize(
    ("has", "verdict"),
    [("now has", "supported"), ("still has", "supported"), ("has", "supported"),
     ("plans for", "unverifiable")],
)  # fmt: skip
def test_a_level_a_population_rose_from_is_of_the_population(has, verdict):
    facts = [stat("population", v, y, place="Kenya", unit="people")
             for y, v in (("2019", 51_202_827), ("2024", 56_432_944))]  # fmt: skip
    text = f"Kenya {has} more than 56 million people, up from 51.2 million in 2019."
    found = check(text, facts, PUBLISHED)["51.2 million"]
    assert found["verdict"] == verdict, found["explanation"]


def _editions():
    from tests.test_verify_readings import event

    facts = []
    for year, raised, day in (("2025", 3_620_000, "2025-04-27"), ("2024", 3_100_000, "2024-04-21")):
        subject = f"Wexborough Marathon {year}"
        facts += [
            event(f"raised{year}", subject, "charity_fundraising", raised, unit="GBP",
                  keywords=("marathon", "charity", "raised")),
            event(f"date{year}", subject, "race_date", day, unit=None, keywords=("marathon",)),
        ]  # fmt: skip
    return facts


@pytest.mark.parametrize(
    ("published", "verdict"),
    [(date(2025, 4, 30), "supported"),  # the edition of the article's year
     (date(2026, 5, 2), "unverifiable")],  # neither edition is of the article's year
)  # fmt: skip
def test_an_undated_figure_is_of_the_edition_of_the_articles_year(published, verdict):
    text = "Runners in the Wexborough Marathon have so far raised £3.6m for charity."
    found = check(text, _editions(), published)["£3.6m"]
    assert found["verdict"] == verdict, found["explanation"]
