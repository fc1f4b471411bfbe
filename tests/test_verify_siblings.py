"""Readings the thirteenth blind set showed missing: a sentence's figures each take their own
fact, a demand is no outcome, and a season over before the article's year is no current one.
Each test a case the rule lets through and one it must still stop or contradict."""

from __future__ import annotations

from datetime import date

from service.model import Fact, Source
from tests.test_verify_readings import check, event
from tests.test_verify_readings_scope import ids

TRUST = Source("Brenfield Hospitals Trust", "https://example.org/brenfield")
FEDERATION = Source("National Federation of Shelters", "https://example.org/shelters")
PARKING = dict(
    keywords=("penalty", "parking fine", "fine", "charge"), place="Brenfield", period="2025"
)
PUBLISHED = date(2025, 9, 3)
PENALTIES = [
    event("full", "Brenfield hospital car parks", "penalty_charge", 70, "GBP", TRUST, **PARKING),
    event("early", "Brenfield hospital car parks", "penalty_charge_reduced", 35, "GBP", TRUST,
          keywords=("penalty", "reduced", "paid within 14 days"), place="Brenfield",
          period="2025"),
]  # fmt: skip


def test_a_fact_another_figure_of_the_sentence_states_is_that_figures():
    text = (
        "Charges rise at Brenfield hospital car parks in October. A penalty {} {}, reduced to "
        "{} if paid within 14 days."
    )
    found = check(text.format("charge is", "£70", "£35"), PENALTIES, PUBLISHED)
    assert found["£70"]["verdict"] == "supported" and ids(found["£70"]) == ["full"]
    assert found["£35"]["verdict"] == "supported" and ids(found["£35"]) == ["early"]
    # the reduced penalty's words stand by the £70 too, and only the £35 states it
    for facts, said in ((PENALTIES, "is"), (PENALTIES[1:], "charge is")):
        found = check(text.format(said, "£70", "£35"), facts, PUBLISHED)
        assert found["£70"]["verdict"] == "unverifiable", said
        assert "another figure of its sentence" in found["£70"]["explanation"]
        assert found["£35"]["verdict"] == "supported"
    found = check(text.format("charge is", "£80", "£40"), PENALTIES[1:], PUBLISHED)
    assert found["£40"]["verdict"] == "contradicted"  # no figure states it: it is read


def test_two_publishers_figures_of_one_thing_stay_in_conflict_when_both_are_quoted():
    keys = dict(keywords=("Hollins Cross", "rehomed", "animals"), place="Hollins Cross")
    facts = [
        event("own", "Hollins Cross Animal Rescue", "animals_rehomed", 1_318, "animals", TRUST,
              period="2024", **keys),
        event("fed", "Hollins Cross Animal Rescue", "animals_rehomed", 1_276, "animals",
              FEDERATION, period="2024", **keys),
    ]  # fmt: skip
    text = (
        "Hollins Cross Animal Rescue said it rehomed 1,318 animals last year; the federation "
        "counted 1,276 animals rehomed."
    )
    found = check(text, facts, date(2025, 2, 6))
    assert found["1,318"]["verdict"] == "conflicting"
    assert found["1,276"]["verdict"] == "conflicting"


def test_a_demand_or_an_aim_is_no_outcome():
    court = Source("Castlebury Crown Court", "https://example.org/court")
    facts = [
        event("fine", "Marsh Environmental Ltd", "fine", 450_000, "GBP", court,
              keywords=("Marsh Environmental", "fine", "fined"), place="Castlebury"),
    ]  # fmt: skip
    for said in (
        "demanded a fine of",
        "calls for a fine of",
        "had asked for a fine of",
        "called for a fine of",
        "sought a fine of",
        "aimed to win a fine of",
    ):
        found = check(
            f"In Castlebury, the prosecution {said} £600,000 for Marsh Environmental.", facts
        )
        assert found["£600,000"]["verdict"] == "unverifiable", said
        assert "forecast or a target" in found["£600,000"]["explanation"]
    found = check("In Castlebury, Marsh Environmental was given a fine of £600,000.", facts)
    assert found["£600,000"]["verdict"] == "contradicted"
    assert found["£600,000"]["explanation"].count("GBP") == 1  # no currency after the figure


def test_a_crowd_a_match_drew_is_its_attendance():
    facts = [
        event("final", "2024 Calder Cup men's final", "attendance", 51_640, "spectators",
              keywords=("Calder Cup", "men's final", "final")),
    ]  # fmt: skip
    found = check("The 2024 Calder Cup men's final drew 51,460.", facts)
    assert found["51,460"]["verdict"] == "contradicted"
    found = check("The 2024 Calder Cup men's final drew 51,640.", facts)
    assert found["51,640"]["verdict"] == "supported"


def test_a_season_over_before_the_articles_year_is_not_its_current_one():
    ski = Source("Montclair Ski Company", "https://example.org/montclair")
    facts = [
        Fact("s", "Montclair ski area", "snowfall", 310, ski, unit="cm", as_of="2024-04-20",
             period="2023-24", keywords=("Montclair", "snow", "snowfall"), place="Montclair"),
    ]  # fmt: skip
    text = "At Montclair, the operator reported a snowfall of 260 cm."
    found = check(text, facts, date(2025, 4, 24))
    assert found["260"]["verdict"] == "unverifiable"  # the 2024-25 season's, not held
    found = check(text, facts, date(2024, 4, 24))
    assert found["260"]["verdict"] == "contradicted"  # the season just ending


def test_a_split_year_in_the_text_is_the_figures_period_and_the_year_before_the_one_before():
    regulator = Source("Environment Regulator", "https://example.org/regulator")
    keys = dict(keywords=("prosecutions", "waste"), place="Castlebury")
    facts = [
        Fact("now", "Castlebury waste prosecutions", "prosecutions", 17, regulator,
             unit="prosecutions", as_of="2025-07-01", period="2024-25", **keys),
        Fact("then", "Castlebury waste prosecutions", "prosecutions", 11, regulator,
             unit="prosecutions", as_of="2024-07-02", period="2023-24", **keys),
    ]  # fmt: skip
    text = (
        "In Castlebury, the regulator brought {} prosecutions against waste operators in "
        "2024-25, up from {} the year before."
    )
    published = date(2025, 7, 18)
    found = check(text.format(17, 12), facts, published)
    assert found["17"]["verdict"] == "supported" and ids(found["17"]) == ["now"]
    assert found["12"]["verdict"] == "contradicted" and ids(found["12"]) == ["then"]
    found = check(text.format(17, 12).replace("2024-25", "2024"), facts, published)
    assert found["17"]["verdict"] == "unverifiable"  # a calendar year is no financial year's


def test_a_fact_that_names_a_split_year_is_of_it_whatever_year_it_gives():
    council = Source("Harwick City Council", "https://example.org/harwick")
    facts = [
        Fact("b", "Harwick City Council budget 2025-26", "budget", 412_000_000, council,
             unit="GBP", as_of="2025-02-26", period="2025", place="Harwick",
             keywords=("budget", "Harwick")),
    ]  # fmt: skip
    text = "Harwick City Council approved a budget of £{} million for 2025-26 on Wednesday."
    found = check(text.format(412), facts, date(2025, 2, 27))
    assert found["£412 million"]["verdict"] == "supported"
    found = check(text.format(412).replace("2025-26", "2026-27"), facts, date(2025, 2, 27))
    assert found["£412 million"]["verdict"] == "unverifiable"


def test_a_count_of_times_counts_what_its_clause_did():
    society = Source("Coastal Lifeboat Society", "https://example.org/lifeboats")
    keys = dict(keywords=("lifeboat", "Porthkellis"), place="Porthkellis", period="2023")
    facts = [
        Fact("l", "Porthkellis lifeboat station", "launches", 159, society, unit="launches",
             as_of="2024-01-16", **keys),
        Fact("c", "Porthkellis lifeboat station", "crew_volunteers", 160, society,
             unit="volunteers", as_of="2024-01-16", **keys),
    ]  # fmt: skip
    text = "In 2023 the Porthkellis lifeboat {} {} times."
    found = check(text.format("launched", 159), facts, date(2025, 1, 15))
    assert found["159"]["verdict"] == "supported" and ids(found["159"]) == ["l"]
    found = check(text.format("launched", 153), facts, date(2025, 1, 15))
    assert found["153"]["verdict"] == "contradicted" and ids(found["153"]) == ["l"]
    found = check(text.format("capsized", 160), facts, date(2025, 1, 15))
    assert found["160"]["verdict"] == "unverifiable"  # no launch, nor any volunteer
    found = check("In 2023 Porthkellis lifeboat volunteers were paged 150 times.", facts)
    assert found["150"]["verdict"] == "unverifiable"  # the subject's noun is not what was done


def test_a_level_from_a_day_to_come_is_the_figure_of_the_period_it_begins_in():
    buses = Source("Rendle Buses", "https://example.org/rendle")
    keys = dict(keywords=("bus fares", "single fare", "fares"), place="Dunmore")
    facts = [
        Fact("new", "Rendle Buses", "single_fare", 2.2, buses, unit="GBP", as_of="2025-04-08",
             period="2025", **keys),
        Fact("cap", "Rendle Buses", "single_fare", 2.0, buses, unit="GBP", as_of="2023-01-09",
             period="2023-2025", **keys),
    ]  # fmt: skip
    published = date(2025, 4, 10)
    text = "Single bus fares across Dunmore will rise to {} from 4 May, Rendle Buses said."
    found = check(text.format("£2.20"), facts, published)
    assert found["£2.20"]["verdict"] == "supported" and ids(found["£2.20"]) == ["new"]
    found = check(text.format("£2.40"), facts, published)
    assert found["£2.40"]["verdict"] == "unverifiable"  # the year's figure may be the old fare
    assert "a day to come" in found["£2.40"]["explanation"]
    found = check(text.format("£2.20").replace(" from 4 May", " next year"), facts, published)
    assert found["£2.20"]["verdict"] == "unverifiable"  # a forecast
    found = check(text.format("£2.20").replace(",", " if the council agrees,"), facts, published)
    assert found["£2.20"]["verdict"] == "unverifiable"  # a plan on a condition
    undated = [Fact("u", "Rendle Buses", "single_fare", 2.2, buses, unit="GBP", **keys)]
    found = check(text.format("£2.20"), undated, published)
    assert found["£2.20"]["verdict"] == "unverifiable"  # no period's figure to hold it
    january = [Fact("j", "Rendle Buses", "single_fare", 2.2, buses, unit="GBP",
                    as_of="2025-01-02", period="2025-01", **keys)]  # fmt: skip
    found = check(text.format("£2.20"), january, published)
    assert found["£2.20"]["verdict"] == "unverifiable"  # January's fare is not May's


def test_a_year_after_by_that_follows_another_figure_is_that_figures():
    water = Source("Southmere Water", "https://example.org/southmere")
    facts = [
        Fact("o", "Southmere Water storm overflows", "overflows", 912, water, unit="overflows",
             as_of="2025-03-20", keywords=("storm overflows", "overflows", "Southmere Water")),
    ]  # fmt: skip
    text = "Southmere Water said it had fitted monitors to all of its {} overflows and would {}."
    found = check(text.format(912, "spend £186 million by 2030"), facts, date(2025, 3, 27))
    assert found["912"]["verdict"] == "supported"  # 2030 is the spending's
    found = check("Southmere Water will have 950 overflows by 2030.", facts, date(2025, 3, 27))
    assert found["950"]["verdict"] == "unverifiable"  # its own year to come: a forecast


def test_a_modal_of_another_clause_before_a_done_verb_makes_no_forecast():
    rescue = Source("Hollins Cross Animal Rescue", "https://example.org/rescue")
    facts = [
        Fact("s", "Hollins Cross Animal Rescue", "surrenders", 517, rescue, unit="animals",
             as_of="2025-02-05", keywords=("handed in", "surrendered", "afford")),
    ]  # fmt: skip
    text = (
        "At Hollins Cross Animal Rescue, the number of animals handed in by owners who said "
        "they could no longer afford to keep them {} {}."
    )
    found = check(text.format("rose to", 517), facts, date(2025, 2, 6))
    assert found["517"]["verdict"] == "supported"
    found = check(text.format("rose to", 571), facts, date(2025, 2, 6))
    assert found["571"]["verdict"] == "contradicted"
    found = check(text.format("is expected to have reached", 571), facts, date(2025, 2, 6))
    assert found["571"]["verdict"] == "unverifiable"  # a forecast all the same
    forecast = "Hollins Cross Animal Rescue forecast that animals handed in climbed to 571."
    assert check(forecast, facts, date(2025, 2, 6))["571"]["verdict"] == "unverifiable"


def test_homes_and_businesses_are_premises():
    builder = Source("Fibrelink", "https://example.org/fibrelink")
    facts = [
        Fact("p", "Project Reach Ardmuir", "premises_passed", 48_700, builder, unit="premises",
             as_of="2025-10-20", keywords=("full-fibre", "broadband", "Project Reach")),
    ]  # fmt: skip
    text = "Under Project Reach, more than {} {} can now get full-fibre broadband."
    found = check(text.format("48,000", "homes and businesses"), facts, date(2025, 10, 22))
    assert found["more than 48,000"]["verdict"] == "supported"
    found = check(text.format("48,000", "homes"), facts, date(2025, 10, 22))
    assert found["more than 48,000"]["verdict"] == "unverifiable"  # homes alone are not all
