"""Figures of another thing than the reference's, said beside its own: another thing of the
same kind named in the sentence, a figure put forward rather than decided, and a length of
time that is no period. Each test is a sentence that gave a false "contradicted"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from service.model import Source
from service.verify import gates
from tests.test_verify_readings import check, event, read, stat

PUBLISHED = date(2025, 5, 20)
AIRPORT = Source("Marlcaster Airport Ltd", "https://example.org/marlcaster/traffic-2024")
REGULATOR = Source("Office of the Data Commissioner", "https://example.org/odc/tarnbridge")
FIRE = Source("Northdale Fire and Rescue Service", "https://example.org/northdale/fires")


def _passengers(value=3_412_000):
    return stat("passengers", value, "2024", place="Marlcaster", unit="passengers",
                source=AIRPORT, subject="Marlcaster Airport")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # another airport, which the references do not hold
        ("Dunmere Airport, 40 miles to the south, handled 5.1 million passengers in 2024.",
         "unverifiable"),
        ("Its rival Dunmere Airport handled 5.1 million passengers in 2024.", "unverifiable"),
        # the airport's own figure, named in any of its forms
        ("Marlcaster Airport handled 5.1 million passengers in 2024.", "contradicted"),
        ("Nearby Marlcaster Airport handled 5.1 million passengers in 2024.", "contradicted"),
        ("Unlike Dunmere Airport, Marlcaster Airport handled 5.1 million passengers in 2024.",
         "contradicted"),
    ],
)  # fmt: skip
def test_a_figure_of_another_thing_of_the_references_kind_is_not_compared(text, verdict):
    text = f"Marlcaster Airport had its best year. {text}"
    found = check(text, [_passengers()], PUBLISHED)["5.1 million"]
    assert found["verdict"] == verdict, found["explanation"]


@pytest.mark.parametrize(
    ("subject", "aliases", "place", "text", "other"),
    [
        ("Marlcaster Airport", (), "Marlcaster", "Dunmere Airport handled 5.1 million.", True),
        # a name, not a kind of thing: the subject's one word, or its last word its place
        ("Kazakhstan", (), "Kazakhstan", "Neighbouring Kazakhstan had 5.1 million.", False),
        ("Dunfallow Crown Court", ("Dunfallow",), "Dunfallow",
         "The group Justice Watch Dunfallow put it at 5.1 million.", False),
        ("Avalanche deaths in Valtessa", (), "Valtessa", "Across Valtessa, 5.1 million died.",
         False),
        ("Central Bank of Chile", (), None, "Neighbouring Chile had 5.1 million.", False),
    ],
)  # fmt: skip
def test_another_namesake_is_a_kind_of_thing_named_otherwise(subject, aliases, place, text, other):
    fact = event("f", subject, "passengers", 5_100_000, place=place, aliases=aliases)
    _, _, ctx = read(text, "5.1 million", PUBLISHED)
    assert gates.other_namesake(fact, ctx) is other


def _fines(proposed=True):
    final = event("fine", "Tarnbridge Borough Council data breach", "fine", 350_000,
                  unit="GBP", source=REGULATOR, place="Tarnbridge",
                  keywords=("fine", "penalty", "breach"))  # fmt: skip
    first = event("proposed", "Tarnbridge Borough Council data breach", "proposed_fine",
                  500_000, unit="GBP", source=REGULATOR, place="Tarnbridge",
                  keywords=("fine", "breach", "proposed fine", "notice of intent"))  # fmt: skip
    return [final, first] if proposed else [final]


TARNBRIDGE = (
    "Tarnbridge Borough Council has been fined £350,000 over the Tarnbridge data breach. "
    "The regulator had first proposed a fine of £500,000 but reduced it."
)


def test_a_figure_put_forward_is_compared_with_that_stage_never_with_the_one_decided():
    found = check(TARNBRIDGE, _fines(), PUBLISHED)
    assert found["£500,000"]["verdict"] == "supported", found["£500,000"]["explanation"]
    assert "proposed fine" in found["£500,000"]["explanation"]
    # with no figure of that stage, the fine decided does not refute the one proposed
    found = check(TARNBRIDGE, _fines(proposed=False), PUBLISHED)["£500,000"]
    assert found["verdict"] == "unverifiable", found["explanation"]


def test_the_day_a_thing_was_requested_on_is_no_figure_put_forward():
    fact = event("d", "Kellerton recount", "recount_request_date", "2025-05-11")
    _, _, ctx = read("Whitlow requested the recount on May 11.", "May 11", PUBLISHED)
    assert not gates.proposed_not_decided(fact, ctx)


def _fires():
    now = event("now", "Blackhope Moor wildfire", "area_burned", 1_480, unit="hectares",
                source=FIRE, place="Blackhope Moor",
                keywords=("wildfire", "moor", "hectares"))  # fmt: skip
    then = event("2018", "Blackhope Moor wildfire 2018", "area_burned", 760, unit="hectares",
                 source=FIRE, place="Blackhope Moor", period="2018",
                 keywords=("wildfire", "moor", "2018", "hectares"))  # fmt: skip
    return [replace(now, as_of="2025-04-30"), replace(then, as_of="2018-08-20")]


@pytest.mark.parametrize("length", ["took a month", "lasted six weeks", "took nearly a week"])
def test_a_length_of_time_is_no_part_of_a_year(length):
    text = f"The last big fire on Blackhope Moor, in 2018, burned 760 hectares and {length} to end."
    _, frame, _ = read(text, "760", PUBLISHED)
    assert frame.period is not None and frame.period.value == "2018"
    found = check(text, _fires(), PUBLISHED)["760"]
    assert found["verdict"] == "supported", found["explanation"]
    assert "2018" in found["explanation"]


def test_a_month_a_figure_is_of_is_still_part_of_a_year():
    _, frame, _ = read("Prices rose 0.4% in the month, the office said.", "0.4%", PUBLISHED)
    assert frame.period is not None and frame.period.value == "part of a year"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Czech inflation fell to 2.4% last year. In 2019 it was 2.8%.", "2.8%"),
        ("Czech inflation fell to 2.4% last year. In 2019, it was 2.8%.", "2.8%"),
        ("Czech inflation has been volatile. In 2019 prices rose 2.8%.", "2.8%"),
        ("Czechia's inflation peaked early. Prices there rose 2.8% in 2019.", "2.8%"),
    ],
)
def test_a_sentence_opening_on_its_year_and_a_pronoun_speaks_of_the_one_before(text, figure):
    facts = [stat("inflation", 2.84, "2019", place="Czechia"),
             stat("inflation", 2.4, "2024", place="Czechia")]  # fmt: skip
    found = check(text, facts, PUBLISHED)[figure]
    assert found["verdict"] == "supported", found["explanation"]
    assert "2019" in found["explanation"]


def _wildfires():
    return [
        replace(stat("wildfires_change", value, year, place="Northdale", unit="%", source=FIRE,
                     subject="Northdale wildfires"), keywords=("wildfires", "rise"))
        for year, value in (("2024", 50.0), ("2023", 12.0))
    ]  # fmt: skip


@pytest.mark.parametrize(("said", "verdict"), [("a rise of 50%", "supported"),
                                               ("a rise of 12%", "contradicted")])  # fmt: skip
def test_a_change_said_after_its_base_is_of_the_levels_period(said, verdict):
    text = f"The service attended 63 wildfires in Northdale last year, up from 41 in 2023, {said}."
    found = next(v for k, v in check(text, _wildfires(), PUBLISHED).items() if "%" in k)
    assert found["verdict"] == verdict, found["explanation"]
    assert "2024" in found["explanation"], found["explanation"]  # not 2023, the base's year


COUNCIL = Source("Wyvernshire County Council", "https://example.org/wyvernshire/budget")


def _council():
    vote = event("vote", "Wyvernshire County Council budget vote", "meeting_date", "2025-02-25",
                 source=COUNCIL, place="Wyvernshire", keywords=("budget", "approved"))  # fmt: skip
    charge = stat("band_d_charge", 1_742.57, "2025-26", place="Wyvernshire", unit="GBP",
                  source=COUNCIL, subject="Wyvernshire council tax")  # fmt: skip
    plan = replace(charge, id="plan", value=1_900.0, period="2027-28")
    words = ("band d", "council tax", "household")
    return [vote, replace(charge, keywords=words), replace(plan, keywords=words)]


BUDGET = date(2025, 2, 27)


@pytest.mark.parametrize(("day", "verdict"), [("25 February", "supported"),
                                              ("24 February", "contradicted")])  # fmt: skip
def test_what_was_done_after_what_will_be_is_no_forecast(day, verdict):
    text = (
        "Wyvernshire County Council will raise council tax by 4.99% from April after "
        f"councillors approved the budget on {day}."
    )
    found = check(text, _council(), BUDGET)[day]
    assert found["verdict"] == verdict, found["explanation"]
    # ... while a figure of what will be, before any such clause, stays a forecast
    text = "The council will approve a budget on 25 February, after which bills will rise."
    assert check(text, _council(), BUDGET)["25 February"]["verdict"] == "unverifiable"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("A Band D household will pay £1,742.57 in council tax in 2025-26.", "supported"),
        # another figure may be a later change of the charge: never refuted by the one set
        ("A Band D household will pay £1,790.00 in council tax in 2025-26.", "unverifiable"),
        # a year that begins after the article's: a forecast still, even where a plan of the
        # council's gives that year a figure
        ("A Band D household will pay £1,900.00 in council tax in 2027-28.", "unverifiable"),
        ("A Band D household could pay £1,742.57 in council tax in 2025-26.", "unverifiable"),
    ],
)
def test_a_charge_set_for_the_financial_year_begun_in_the_articles_year_is_compared(text, verdict):
    figure = next(k for k in check(text, _council(), BUDGET) if k.startswith("£"))
    found = check(text, _council(), BUDGET)[figure]
    assert found["verdict"] == verdict, found["explanation"]
    if verdict == "supported":  # cited to the penny
        assert "GBP 1,742.57" in found["explanation"], found["explanation"]
