"""Readings of what a figure is about (its place, its period, its party, its measure) that
blind sets 3 and 4 showed wrong: each test is one general rule whose wrong reading gave a
false "supported" or "contradicted", with a case the rule must still let through."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from service.model import Fact, Source
from service.references.importer import parse
from service.verify.rules import tuned
from tests.test_verify_readings import BOARD, check, event, stat

COMPANY = Source("Castor Components", "https://example.org/castor")
STATS = Source("Provincial Statistics Office", "https://example.org/stats")
HEALTH = Source("Ministry of Health", "https://example.org/health")
AIRPORT = Source("Port Ardent Airport Company", "https://example.org/airport")
COUNCIL = Source("Bellmar City Council", "https://example.org/council")


def ids(found: dict) -> list[str]:
    return [e["reference_id"] for e in found["evidence"]]


# -- what is not a count of what happened --------------------------------------------------------


def test_jobs_at_risk_and_seats_a_coalition_needs_are_no_counts():
    closure = dict(keywords=("Castor", "plant", "closure", "jobs"), place="Bremfield")
    facts = [
        event("c", "Castor Bremfield plant closure", "job_losses", 1_350, "jobs", COMPANY,
              **closure),
        event("p", "Unity Party", "seats", 38, "seats", BOARD, keywords=("election", "seats")),
    ]  # fmt: skip
    text = "Castor is closing its Bremfield plant. Another 400 jobs at suppliers are at risk."
    assert check(text, facts)["400"]["verdict"] == "unverifiable"
    text = "The Castor plant closure means 1,350 job losses in Bremfield."
    assert check(text, facts)["1,350"]["verdict"] == "supported"
    text = "The Unity Party won the election. A coalition needs 43 seats to govern."
    assert check(text, facts)["43"]["verdict"] == "unverifiable"


def test_interest_rates_loans_and_debt_are_measures_of_their_own():
    facts = [
        stat("inflation", 45.0, "2023", "Turkiye"),
        stat("gdp", 2.9e9, "2023", "Sri Lanka", "USD"),
    ]
    text = (
        "Consumer prices in Turkey rose in 2023, as the central bank raised its main "
        "interest rate to 45%."
    )
    assert check(text, facts, date(2024, 3, 1))["45%"]["verdict"] == "unverifiable"
    text = "Sri Lanka's economy grew in 2023. It endured cuts demanded under a $2.9 billion loan."
    assert check(text, facts, date(2024, 3, 1))["$2.9 billion"]["verdict"] == "unverifiable"
    text = "Sri Lanka's economy grew in 2023. It was worth $2.9 billion."
    assert check(text, facts, date(2024, 3, 1))["$2.9 billion"]["verdict"] == "supported"


# -- places ------------------------------------------------------------------------------------


def test_a_town_named_after_an_adjective_is_a_place_of_its_own():
    heat = dict(keywords=("heatwave", "deaths"), place="Tesk")
    facts = [event("t", "Tesk heatwave", "killed", 23, "people", HEALTH, **heat)]
    before = "Tesk has recorded the most deaths in the heatwave. "
    text = before + (
        "In the smaller town of Orsk, officials said 23 people had died in the heatwave, the "
        "deaths unconfirmed."
    )
    assert check(text, facts)["23"]["verdict"] == "unverifiable"
    text = before + "In Tesk, officials said 23 people had died in the heatwave."
    assert check(text, facts)["23"]["verdict"] == "supported"


def test_a_neighbouring_county_is_not_the_outbreaks_place():
    keys = dict(keywords=("measles", "outbreak", "Corvath", "cases"), place="Corvath")
    facts = [event("m", "Corvath measles outbreak", "cases", 263, "cases", HEALTH, **keys)]
    text = (
        "The Corvath measles outbreak has grown. Neighbouring Ostrel county has reported 19 "
        "cases linked to the outbreak."
    )
    assert check(text, facts)["19"]["verdict"] == "unverifiable"
    text = "The Corvath measles outbreak has grown to 263 cases."
    assert check(text, facts)["263"]["verdict"] == "supported"


def test_elsewhere_turns_away_from_the_articles_subject():
    keys = dict(keywords=("airport", "passengers", "traffic"), place="Port Ardent", period="2024")
    facts = [
        event("a", "Port Ardent Airport", "passengers", 5_100_000, "passengers", AIRPORT, **keys)
    ]
    text = (
        "Port Ardent Airport had a record year. Elsewhere in the country, traffic at "
        "Kellmouth Airport fell to 5.1 million passengers in 2024."
    )
    assert check(text, facts, date(2025, 1, 21))["5.1 million"]["verdict"] == "unverifiable"
    text = "Port Ardent Airport had a record year: traffic reached 5.1 million passengers in 2024."
    assert check(text, facts, date(2025, 1, 21))["5.1 million"]["verdict"] == "supported"


def test_a_city_said_with_its_metropolitan_area_is_a_place_of_its_own():
    facts = [stat("population", 6_760_464, "2022", "Paraguay", "people")]
    text = (
        "Paraguay's population of 6.8 million is young, and about 2.9 million people live in "
        "greater Asuncion."
    )
    found = check(text, facts, date(2023, 5, 16))
    assert found["6.8 million"]["verdict"] == "supported"
    assert found["about 2.9 million"]["verdict"] == "unverifiable"


def test_the_place_a_measure_is_said_to_be_of_even_one_the_gazetteer_does_not_know():
    facts = [stat("population", 5_519_601, "2023", "Norway", "people"),
             stat("population", 33_475_438, "2023", "Peru", "people")]  # fmt: skip
    text = "Norway's unemployment stayed low, while the population of Oslo passed 709,000."
    assert check(text, facts, date(2024, 3, 12))["709,000"]["verdict"] == "unverifiable"
    text = (
        "Peru's population of 33.5 million is young, and in metropolitan Lima, home to about "
        "10 million people, jobs were scarce."
    )
    found = check(text, facts, date(2024, 3, 12))
    assert found["about 10 million"]["verdict"] == "unverifiable"
    assert found["33.5 million"]["verdict"] == "supported"


def test_a_place_ranked_against_heads_only_a_relative_clause_about_it():
    facts = [
        stat("gdp", 631.1e9, "2022", "Argentina", "USD"),
        stat("gdp", 1.95e12, "2022", "Brazil", "USD"),
    ]
    text = (
        "Argentina, the region's largest economy after Brazil, had output of $631 billion in 2022."
    )
    found = check(text, facts, date(2023, 5, 9))["$631 billion"]
    assert found["verdict"] == "supported"
    assert ids(found) == ["Argentina-Argentina-gdp-2022"]


def test_a_town_only_in_names_is_not_inherited_by_later_sentences():
    quake = dict(keywords=("earthquake", "quake", "Sarrow"), place="Kestria")
    facts = [event("q", "Sarrow earthquake", "injured", 120, "people", **quake)]
    text = (
        "An earthquake struck the Sarrow valley of Kestria. Most of the damage was in the "
        "town of Aveline. The quake injured about 120 people."
    )
    found = check(text, facts)["about 120"]
    assert found["frame"]["place"]["value"] != "aveline"
    assert found["verdict"] == "supported"


def test_a_date_in_a_town_of_the_outbreak_is_still_the_outbreaks():
    keys = dict(keywords=("cholera", "outbreak", "first case"), place="Amarri")
    facts = [event("d", "Amarri cholera outbreak", "date", "2024-07-02", None, HEALTH, **keys)]
    text = (
        "The first case of cholera was confirmed on July 2 in the town of Bellu, officials "
        "in Amarri said of the outbreak."
    )
    assert check(text, facts, date(2024, 8, 1))["July 2"]["verdict"] == "supported"


# -- parties, sources and events ----------------------------------------------------------------


def test_a_relative_clause_about_an_unknown_party_holds_no_known_partys_seats():
    keys = dict(keywords=("election", "seats"), place="Harlow")
    facts = [event("u", "Unity Party", "seats", 38, "seats", BOARD, aliases=("Unity",), **keys)]
    text = (
        "Unity won the election. Analysts said the small Farmers' Party, which lost all 7 of "
        "its seats, had helped it."
    )
    assert check(text, facts)["7"]["verdict"] == "unverifiable"
    text = "The vote went to the Unity Party, which won 38 seats in the election."
    assert check(text, facts)["38"]["verdict"] == "supported"


def test_publishers_who_disagree_do_not_both_back_a_figure_only_one_gives():
    keys = dict(keywords=("registered", "voters", "election"), place="Harlow")
    facts = [
        event("e", "Harlow election", "registered_voters", 1_520_000, "voters", BOARD, **keys),
        event("s", "Harlow election", "registered_voters", 1_487_000, "voters", STATS, **keys),
        event("t", "Harlow election", "turnout", 63, "%", BOARD, keywords=("election",)),
    ]
    text = "In the Harlow election, about 1.52 million people were registered to vote."
    assert check(text, facts)["about 1.52 million"]["verdict"] == "conflicting"
    text = "In the Harlow election, about 1.5 million people were registered to vote."
    assert check(text, facts)["about 1.5 million"]["verdict"] == "supported"


def test_events_of_a_kind_in_the_plural_are_several():
    keys = dict(keywords=("landslide", "Mirvane"), place="Mirvane")
    facts = [event("m", "Mirvane landslide", "killed", 7, "people", **keys)]
    text = (
        "The Mirvane landslide killed 7 people. This year landslides have killed 31 people "
        "across the province."
    )
    found = check(text, facts)
    assert found["7"]["verdict"] == "supported"
    assert found["31"]["verdict"] == "unverifiable"


def test_an_event_in_another_place_than_the_sentence_gives_is_no_rival():
    facts = [
        event("m", "Mirvane landslide", "killed", 7, "people",
              keywords=("landslide", "slide"), place="Mirvane"),
        event("t", "Tovany bus landslide", "killed", 3, "people",
              keywords=("landslide", "slide", "bus"), place="Tovany"),
    ]  # fmt: skip
    text = (
        "Rescuers in the village of Mirvane raised the death toll from a landslide there to 7, "
        "as a second slide struck a bus near the town of Tovany."
    )
    found = check(text, facts)["7"]
    assert found["verdict"] == "supported"
    assert ids(found) == ["m"]


def test_a_year_the_claims_text_gives_is_the_events_or_anothers():
    crop = dict(keywords=("wheat", "harvest", "Valtor"), place="Valtor")
    facts = [
        event("n", "Valtor wheat harvest 2025", "production", 3_420_000, "tonnes",
              aliases=("wheat harvest",), **crop),
        event("l", "Valtor wheat harvest 2024", "production", 2_860_000, "tonnes",
              period="2024", **crop),
    ]  # fmt: skip
    text = (
        "The crop recovered from last year, when drought cut the wheat harvest to 2.9 "
        "million tonnes."
    )
    found = check(text, facts, date(2025, 9, 9))["2.9 million"]
    assert found["verdict"] == "supported"
    assert ids(found) == ["l"]
    text = (
        "Farmers harvested 3.4 million tonnes of wheat this year, the wheat harvest ministry said."
    )
    assert check(text, facts, date(2025, 9, 9))["3.4 million"]["verdict"] == "supported"


def test_a_facts_unit_is_no_word_of_its_event():
    keys = dict(place="Port Ardent", period="2024")
    facts = [
        event("c", "Port Ardent Airport", "cargo", 2_900_000, "tonnes", AIRPORT,
              keywords=("airport", "cargo", "freight", "tonnes"), **keys),
        event("p", "Port Ardent Airport", "passengers", 14_200_000, "passengers", AIRPORT,
              keywords=("airport", "passengers"), **keys),
    ]  # fmt: skip
    text = "Drought cut the Valtor wheat harvest to 2.9 million tonnes in 2024."
    assert check(text, facts, date(2025, 1, 21))["2.9 million"]["verdict"] == "unverifiable"
    text = "Port Ardent Airport handled 2.9 million tonnes of cargo in 2024."
    assert check(text, facts, date(2025, 1, 21))["2.9 million"]["verdict"] == "supported"


# -- changes and periods ------------------------------------------------------------------------


def test_a_bare_starting_level_counts_what_the_figure_it_changes_from_counts():
    keys = dict(keywords=("airport", "passengers", "airlines", "routes"), place="Port Ardent")
    facts = [
        event("p", "Port Ardent Airport", "passengers", 13_100_000, "passengers", AIRPORT,
              period="2023", **keys),
        event("r", "Port Ardent Airport", "new_routes", 23, "routes", AIRPORT,
              period="2024", **keys),
    ]  # fmt: skip
    text = (
        "Port Ardent Airport handled 14.2 million passengers in 2024, the operator said on "
        "Tuesday, up from 13.1 million the year before as airlines added routes."
    )
    found = check(text, facts, date(2025, 1, 21))["13.1 million"]
    assert found["verdict"] == "supported"
    assert ids(found) == ["p"]


def test_where_a_change_started_is_no_current_level_but_a_heard_from_is():
    keys = ("Bellmar", "social housing", "waiting list", "households", "council")
    facts = [
        event("w", "Bellmar waiting list", "households", 11_260, "households", COUNCIL,
              keywords=keys, place="Bellmar"),
        event("j", "Kestrel fraud trial", "witnesses", 62, "witnesses", keywords=("trial", "jury")),
    ]  # fmt: skip
    text = (
        "In Bellmar, the council's waiting list for social housing stands at 11,260 households, "
        "up from about 9,000 in the spring."
    )
    found = check(text, facts)
    assert found["11,260"]["verdict"] == "supported"
    assert found["about 9,000"]["verdict"] == "unverifiable"
    text = "In the Kestrel fraud trial the jury heard from 62 witnesses."
    assert check(text, facts)["62"]["verdict"] == "supported"


# -- what a figure measures and when, from the rest of its sentence -----------------------------


def test_a_plan_noun_after_the_figure_and_the_figures_own_noun_are_no_forecast():
    march = dict(keywords=("runway", "march", "protest"), place="Port Ardent")
    facts = [
        event("m", "Port Ardent runway march", "marched", 2_000, "people", **march),
        event("g", "Tomas Keszler", "goals", 27, "goals", keywords=("Keszler", "league")),
    ]
    text = "About 2,000 people marched in Port Ardent against the runway plan, police said."
    assert check(text, facts)["About 2,000"]["verdict"] == "supported"
    text = "Keszler scored 27 league goals last season."
    assert check(text, facts)["27"]["verdict"] == "supported"
    text = "Keszler plans to score 27 league goals next season."
    assert check(text, facts)["27"]["verdict"] == "unverifiable"


def test_what_a_place_a_population_describes_plans_is_not_the_populations_forecast():
    facts = [stat("population", 35_126_298, "2023", "Malaysia", "people")]
    text = (
        "Malaysia's economy slowed. The country of 35.1 million people is betting on chips and "
        "hopes to join the club by 2026."
    )
    assert check(text, facts, date(2024, 5, 1))["35.1 million"]["verdict"] == "supported"


def test_the_people_of_the_country_the_text_speaks_of():
    facts = [stat("population", 85_325_965, "2023", "Turkiye", "people"),
             stat("population", 10_434_332, "2023", "Portugal", "people")]  # fmt: skip
    text = "Turkey's economy grew. The country has 85.3 million people."
    assert check(text, facts, date(2024, 2, 1))["85.3 million"]["verdict"] == "supported"
    text = "Portugal's economy grew. The country's 10.4 million residents have seen wages fall."
    assert check(text, facts, date(2024, 2, 1))["10.4 million"]["verdict"] == "supported"
    text = "Portugal's economy grew. The country's 12.4 million residents have seen wages fall."
    assert check(text, facts, date(2024, 2, 1))["12.4 million"]["verdict"] == "contradicted"


def test_a_sum_of_money_takes_no_rate_and_no_metric_past_its_predicate():
    facts = [stat("gdp", 407e9, "2022", "Malaysia", "USD")]
    text = (
        "Malaysia's economy was worth about $400 billion last year, down from $407 billion in "
        "2022 as a weaker ringgit offset steady growth at home."
    )
    assert check(text, facts, date(2024, 5, 1))["$407 billion"]["verdict"] == "supported"


def test_a_chain_of_sums_takes_the_metric_its_sentence_opened_on():
    facts = [stat("gdp", 90.89e9, "2023", "Uzbekistan", "USD"),
             stat("gdp", 14.1e9, "2023", "Rwanda", "USD")]  # fmt: skip
    text = (
        "Uzbekistan's economy grew 6.5% and was worth $115 billion last year, up from $90.9 "
        "billion in 2023."
    )
    assert check(text, facts, date(2025, 3, 1))["$90.9 billion"]["verdict"] == "supported"
    text = (
        "Rwanda's economy was worth $14.1 billion in 2023, with tourism and conference travel "
        "bringing in $620 million."
    )
    found = check(text, facts, date(2024, 3, 1))
    assert found["$14.1 billion"]["verdict"] == "supported"
    assert found["$620 million"]["verdict"] == "unverifiable"


def test_a_clause_joined_on_takes_the_year_its_sentence_opened_with():
    facts = [
        stat("inflation", 10.18, "2022", "Colombia"),
        stat("inflation", 3.5, "2021", "Colombia"),
        stat("gdp", 345e9, "2022", "Colombia", "USD"),
    ]
    text = (
        "Colombia's economy was worth $345 billion last year, up from $319 billion in 2021, but "
        "consumer prices rose 10.2%, far above the 3.5% of 2021."
    )
    found = check(text, facts, date(2023, 5, 9))
    assert found["10.2%"]["verdict"] == "supported"
    assert [e["period"] for e in found["10.2%"]["evidence"]] == ["2022"]


def test_the_country_goes_back_to_a_sentences_subject_not_a_place_deep_in_it():
    facts = [stat("population", 36_361_859, "2024", "Uzbekistan", "people"),
             stat("population", 143_533_851, "2024", "Russia", "people")]  # fmt: skip
    text = (
        "TASHKENT - Uzbekistan's economy grew fast. Remittances from Uzbeks working in Russia "
        "reached a record. The country of 36.4 million people is selling state banks."
    )
    found = check(text, facts, date(2025, 3, 18))["36.4 million"]
    assert found["verdict"] == "supported"
    assert found["frame"]["place"]["value"] == "UZB"


# -- readings from blind sets 5 and 6 (after their first run) -----------------------------------


def test_a_figure_of_the_articles_own_year_already_published_is_the_latest():
    keys = dict(keywords=("grant round", "applications"), place="Estoria")
    facts = [
        event("a", "Estoria grant round", "applications", 2_940, "applications", period="2025",
              **keys),
        event("b", "Estoria grant round", "applications", 2_410, "applications", period="2024",
              **keys),
    ]  # fmt: skip
    facts = [replace(facts[0], as_of="2025-06-01"), replace(facts[1], as_of="2024-06-01")]
    text = "The Estoria grant round drew 2,940 applications."
    found = check(text, facts, date(2025, 7, 1))["2,940"]
    assert found["verdict"] == "supported"
    assert ids(found) == ["a"]
    text = "Last summer the Estoria grant round drew 2,410 applications."
    assert ids(check(text, facts, date(2025, 7, 1))["2,410"]) == ["b"]


def test_a_share_of_a_count_said_before_is_not_that_count():
    keys = dict(keywords=("festival", "police", "arrested"), place="Harrowmere")
    facts = [event("a", "Harrowmere Festival", "arrested", 42, "people", **keys)]
    text = "Police at the Harrowmere Festival arrested 42 people; 26 of those arrested were held."
    found = check(text, facts)
    assert found["42"]["verdict"] == "supported"
    assert found["26"]["verdict"] == "unverifiable"


def test_people_are_no_count_of_households():
    ban = dict(keywords=("hosepipe ban",), place="Tarrow")
    facts = [event("h", "Tarrow hosepipe ban", "affected", 3_100_000, "households", **ban)]
    text = "The Tarrow hosepipe ban has affected about 3.1 million people."
    assert check(text, facts)["about 3.1 million"]["verdict"] == "unverifiable"
    text = "The Tarrow hosepipe ban has affected 3.1 million households."
    assert check(text, facts)["3.1 million"]["verdict"] == "supported"


# -- a figure far from the fact it matched ---------------------------------------------------------


def test_a_count_many_times_the_facts_is_another_measure_not_a_wrong_figure():
    floods = dict(keywords=("Velm", "floods", "evacuated"), place="Velmstad")
    facts = [event("f", "Velm floods", "evacuated", 212, "people", **floods)]
    text = "The Velm floods hit Velmstad, where 8,400 people were evacuated."
    found = check(text, facts)["8,400"]
    assert found["verdict"] == "unverifiable"
    assert "40 times apart: likely another measure or period" in found["explanation"] and ids(
        found
    ) == ["f"]
    with tuned({"params": {"far_off": 1e9}}):  # no figure too far off: it was "contradicted"
        assert check(text, facts)["8,400"]["verdict"] == "contradicted"
    text = "In the Velm floods, 250 people were evacuated from Velmstad."
    assert check(text, facts)["250"]["verdict"] == "contradicted"
    with tuned({"params": {"far_off": 1.1}}):  # 250 is 1.18 times 212
        assert check(text, facts)["250"]["verdict"] == "unverifiable"


def test_a_rate_far_from_the_facts_is_still_a_wrong_figure():
    facts = [stat("inflation", 0.23, "2023", "China")]
    text = "Chinese consumer prices rose 2.0% in 2023, as deflationary pressures deepened."
    assert check(text, facts, date(2024, 3, 1))["2.0%"]["verdict"] == "contradicted"


# -- blind sets 5 and 6: whose figure, which side, which part ---------------------------------


def test_the_figure_after_votes_to_is_the_side_against():
    vote = dict(keywords=("council", "budget", "vote", "votes", "passed"), place="Harwick")
    facts = [
        event("for", "Harwick budget vote", "votes_for", 38, "votes", COUNCIL, **vote),
        event("against", "Harwick budget vote", "votes_against", 21, "votes", COUNCIL,
              keywords=("council", "budget", "vote", "votes", "against"), place="Harwick"),
    ]  # fmt: skip
    text = "In Harwick, the council budget passed by 38 votes to 21 after a long debate."
    found = check(text, facts)
    assert found["38"]["verdict"] == "supported" and ids(found["38"]) == ["for"]
    assert found["21"]["verdict"] == "supported" and ids(found["21"]) == ["against"]
    assert check(text, facts[:1])["21"]["verdict"] == "unverifiable"  # not the 38 for


def test_a_move_of_a_companys_shares_is_no_figure_of_its_results():
    results = dict(keywords=("Tarnova", "results", "net profit", "fell"))
    facts = [
        event("p", "Tarnova third-quarter results", "net_profit_decline", 11.8, "%", COMPANY,
              **results),
        event("n", "Tarnova third-quarter results", "net_profit", 84e6, "EUR", COMPANY,
              keywords=("Tarnova", "results", "net profit", "earned")),
    ]  # fmt: skip
    text = "Tarnova's net profit fell 11.8%, it said. Shares in Tarnova fell 4.2% on Friday."
    found = check(text, facts)
    assert found["4.2%"]["verdict"] == "unverifiable"
    assert found["11.8%"]["verdict"] == "supported"


def test_a_keyword_total_is_how_a_running_total_is_spoken_of_not_a_whole():
    appeal = dict(keywords=("Winter Hearth Appeal", "appeal", "raised", "total"))
    facts = [
        event("a", "Winter Hearth Appeal 2025-26", "amount_raised", 2_870_000, "GBP", COMPANY,
              **appeal),
        event("d", "Winter Hearth Appeal 2025-26", "donors", 41_300, "donors", COMPANY,
              keywords=("Winter Hearth Appeal", "appeal", "donors", "total")),
    ]  # fmt: skip
    text = "The Winter Hearth Appeal has raised GBP 2.87 million since it launched in November."
    assert check(text, facts, date(2026, 1, 12))["GBP 2.87 million"]["verdict"] == "supported"
    seats = dict(keywords=("Harlow", "assembly", "seats", "total seats"), place="Harlow")
    facts = [event("s", "Harlow assembly", "seats", 85, "seats", BOARD, **seats)]
    text = "The Unity Party won 85 seats in the Harlow assembly."  # no count of all its seats
    assert check(text, facts)["85"]["verdict"] == "unverifiable"


def test_islands_are_named_by_their_name_alone():
    facts = [
        stat("landings", 151_300, "2024", "Kervania", "tonnes", subject="Kervania landings"),
        stat("value", 231e6, "2024", "Kervania", "EUR", subject="Kervania landings"),
        event("q", "Skarn mackerel quota", "quota", 96_500, "tonnes", place="Skarn Islands"),
    ]
    facts[:2] = [
        replace(facts[0], keywords=("mackerel", "landed", "landings", "Kervania")),
        replace(facts[1], keywords=("mackerel", "landings", "worth", "Kervania")),
    ]
    text = (
        "Kervania's boats landed 162,000 tonnes of mackerel last year, while Skarn boats "
        "landed about 88,000 tonnes."
    )
    found = check(text, facts, date(2025, 3, 12))
    assert found["about 88,000"]["verdict"] == "unverifiable"
    assert found["162,000"]["verdict"] == "contradicted"


def test_a_month_alone_is_a_part_of_the_tally_not_the_tally():
    arrivals = dict(keywords=("arrivals", "sea", "Castellane"), place="Castellane")
    facts = [event("w", "Castellane sea arrivals 2025", "arrivals", 8_210, **arrivals)]
    text = (
        "Sea arrivals in Castellane reached 8,210 this year. Arrivals in May alone reached 6,050."
    )
    found = check(text, facts, date(2025, 6, 2))
    assert found["6,050"]["verdict"] == "unverifiable"
    assert "about part of a year" in found["6,050"]["explanation"]
    assert found["8,210"]["verdict"] == "supported"


def test_a_place_a_thing_is_done_with_is_not_the_figures_place():
    yes = dict(keywords=("referendum", "merger", "yes", "voting yes"))
    turnout = dict(keywords=("referendum", "merger", "turnout"))
    facts = [
        event("e", "Ellesby merger referendum", "yes_share", 54.8, "%", BOARD, place="Ellesby",
              **yes),
        event("et", "Ellesby merger referendum", "turnout", 48.1, "%", BOARD, place="Ellesby",
              **turnout),
        event("c", "Corran merger referendum", "yes_share", 61.0, "%", BOARD, place="Corran",
              **yes),
        event("ct", "Corran merger referendum", "turnout", 47.4, "%", BOARD, place="Corran",
              **turnout),
    ]  # fmt: skip
    text = (
        "Voters in Ellesby have backed a merger with neighbouring Corran, with 54.8% voting yes "
        "in the referendum."
    )
    found = check(text, facts)["54.8%"]
    assert found["verdict"] == "supported" and ids(found) == ["e"]
    text = "In neighbouring Corran, 61% voted yes in the merger referendum."
    assert ids(check(text, facts)["61%"]) == ["c"]


def test_each_of_two_dates_takes_the_words_of_its_own_stretch_in_any_form():
    breach = ("Merrow", "breach", "cyber attack", "customers")
    facts = [
        event("d", "Merrow cyber attack detection", "date", "2025-03-27", None, COMPANY,
              keywords=(*breach, "detected", "intrusion")),
        event("n", "Merrow cyber attack customer notification", "date", "2025-04-02", None,
              COMPANY, keywords=(*breach, "warned", "notified")),
    ]  # fmt: skip
    text = (
        "Merrow said it detected the intrusion on March 27 but only began warning customers "
        "on April 2, after its billing systems had been offline."
    )
    found = check(text, facts, date(2025, 4, 8))
    assert found["April 2"]["verdict"] == "supported" and ids(found["April 2"]) == ["n"]
    assert found["March 27"]["verdict"] != "contradicted"


def test_a_subject_that_measures_one_thing_says_its_metric():
    merrow = ("Merrow", "Merrow Energy", "customers")
    facts = [
        event("c", "Merrow Energy customers", "customers", 2_870_000, "households", COMPANY,
              keywords=(*merrow, "households", "supplies", "gas", "electricity")),
        event("b", "Merrow Energy data breach", "accounts_affected", 2_300_000, "accounts",
              COMPANY, keywords=(*merrow, "breach", "hackers", "accounts")),
        event("d", "Merrow Energy data breach", "date", "2025-03-27", None, COMPANY,
              keywords=(*merrow, "breach", "hackers", "detected")),
    ]  # fmt: skip
    text = (
        "Merrow Energy said hackers stole data from 2.3 million customer accounts. Merrow "
        "supplies about 2.9 million households in all."
    )
    found = check(text, facts, date(2025, 4, 8))
    assert found["about 2.9 million"]["verdict"] == "supported"
    assert ids(found["about 2.9 million"]) == ["c"]
    assert ids(found["2.3 million"]) == ["b"]


# -- blind set 7: the sign of a fall, what is counted, whose period, which end ------------------


def test_prices_that_fell_are_a_rate_below_zero():
    facts = [stat("inflation", -0.41, "2024", "Costa Rica")]
    text = "Costa Rica's consumer prices fell 0.4% last year, after rising in 2023."
    assert check(text, facts, date(2025, 3, 1))["0.4%"]["verdict"] == "supported"
    text = "Costa Rica's consumer prices rose 0.4% last year."
    assert check(text, facts, date(2025, 3, 1))["0.4%"]["verdict"] == "contradicted"
    facts = [stat("inflation", 0.41, "2024", "Costa Rica")]
    text = "In Costa Rica, inflation fell to 0.4% last year."  # a level, not a fall of prices
    assert check(text, facts, date(2025, 3, 1))["0.4%"]["verdict"] == "supported"


def test_a_change_said_after_a_figure_keeps_its_subject():
    facts = [
        stat("inflation", 0.53, "2023", "Costa Rica"),
        stat("inflation", 8.27, "2022", "Costa Rica"),
    ]
    text = (
        "Costa Rica's consumer prices fell 0.4% last year, after rising 0.5% in 2023 "
        "and 8.3% in 2022."
    )
    found = check(text, facts, date(2025, 3, 1))
    assert found["0.5%"]["verdict"] == "supported" and found["8.3%"]["verdict"] == "supported"
    text = "Costa Rica's consumer prices fell 0.4% last year, after wages rose 0.5% in 2023."
    assert check(text, facts, date(2025, 3, 1))["0.5%"]["verdict"] == "unverifiable"


def test_residents_are_no_count_of_properties():
    notice = dict(
        keywords=("Hadley", "boil-water notice", "water", "properties", "homes", "notice"),
        place="Hadley",
    )
    facts = [
        event("d", "Hadley boil-water notice", "date", "2025-06-09", None, COMPANY, **notice),
        event("p", "Hadley boil-water notice", "properties", 61_500, "properties", COMPANY,
              **notice),
        replace(event("q", "Hadley boil-water notice", "properties", 58_200, "properties",
                      COMPANY, **notice), as_of="2025-06-10"),
        event("w", "Hadley boil-water notice", "water_stations", 12, "water stations", COMPANY,
              keywords=("Hadley", "boil-water notice", "water", "stations")),
    ]  # fmt: skip
    text = (
        "Hadley Water issued the boil-water notice on June 8, covering about 61,500 properties "
        "and some 140,000 residents."
    )
    found = check(text, facts, date(2025, 6, 11))
    assert found["some 140,000"]["verdict"] == "unverifiable"  # not "contradicted"
    assert ids(found["about 61,500"]) == ["q"]  # the notice's latest count of properties


def test_an_undated_figure_is_not_a_year_older_than_the_one_just_ended():
    gallery = dict(keywords=("Lerwin Modern", "gallery", "visitors"))
    exhibition = ("Gold of the Steppes", "National Museum", "exhibition", "visitors", "museum")
    facts = [
        replace(stat("visitors", 645_000, "2024", "Lerwin", "visitors", subject="Lerwin Modern"),
                **gallery),
        event("e", "Gold of the Steppes", "visitors", 436_000, "visitors", place="Carvossa",
              keywords=exhibition),
    ]  # fmt: skip
    text = (
        "The Gold of the Steppes exhibition at the National Museum drew big crowds in Carvossa. "
        "The Lerwin Modern gallery said it received 645,000 visitors, roughly the same as a "
        "year earlier."
    )
    found = check(text, facts, date(2026, 1, 20))["645,000"]
    # its 2025, not the 2024 the references hold; nor the exhibition the sentence does not name
    assert found["verdict"] == "unverifiable"
    assert "no figure for its period (nearest: Lerwin Modern, 2024" in found["explanation"]
    assert check(text, facts, date(2025, 2, 20))["645,000"]["verdict"] == "supported"


def test_a_date_of_one_end_of_an_event_is_not_the_other_ends():
    tour = dict(keywords=("Tour of Vellaria", "cycling", "race", "stage", "riders", "started"))
    facts = [event("s", "Tour of Vellaria 2025", "start_date", "2025-07-05", None, **tour)]
    text = (
        "The Tour of Vellaria started on July 5. The race continues on Thursday with a hilly "
        "stage. It finishes in the capital, Orsa, on July 27, with laps of the old city."
    )
    found = check(text, facts, date(2025, 7, 9))
    assert found["July 27"]["verdict"] == "unverifiable"
    assert found["July 5"]["verdict"] == "supported"


def test_a_quantity_in_the_facts_own_unit_says_its_measure_unless_it_says_another():
    stage = dict(keywords=("Tour of Vellaria", "stage", "riders"), aliases=("fifth stage",))
    facts = [event("l", "Tour of Vellaria stage 5", "length", 187, "km", **stage)]
    text = "The riders set off on the fifth stage of the Tour of Vellaria, a 187 km ride."
    assert check(text, facts, date(2025, 7, 9))["187"]["verdict"] == "supported"
    wx = dict(keywords=("satellite", "weather satellite", "launch"), aliases=("WX-3",))
    facts = [event("m", "WX-3 satellite", "mass", 2_340, "kg", **wx)]
    text = "The WX-3 weather satellite, launched on Tuesday, carries 1,150 kg of fuel."
    assert check(text, facts, date(2025, 10, 8))["1,150"]["verdict"] == "unverifiable"
    text = "The WX-3 weather satellite, launched on Tuesday, weighs 2,340 kg."
    assert check(text, facts, date(2025, 10, 8))["2,340"]["verdict"] == "supported"


def test_a_first_estimate_is_checked_against_the_figure_it_was_before_revision():
    coastguard = Source("Coastguard", "https://example.org/coastguard")
    keys = dict(keywords=("Corvina Star", "tanker", "oil", "spilled"), place="Tessel")
    facts = [
        event("a", "Corvina Star oil spill", "oil_spilled", 1_200, "tonnes", coastguard,
              **keys),
        replace(event("b", "Corvina Star oil spill", "oil_spilled", 1_850, "tonnes",
                      coastguard, **keys), as_of="2024-10-05"),
        event("c", "Corvina Star oil spill", "cargo", 84_000, "tonnes", coastguard,
              keywords=("Corvina Star", "tanker", "oil", "carrying"), place="Tessel"),
    ]  # fmt: skip
    text = (
        "The coastguard in Tessel said about 1,850 tonnes of oil had spilled from the Corvina Star "
        "tanker, up from an initial estimate of 1,200 tonnes."
    )
    found = check(text, facts)
    assert found["1,200"]["verdict"] == "supported"
    assert found["about 1,850"]["verdict"] == "supported"
    text = "The coastguard in Tessel said 1,200 tonnes of oil had spilled from the Corvina Star."
    assert check(text, facts)["1,200"]["verdict"] == "contradicted"  # said as current
    text = (
        "The coastguard in Tessel said about 1,850 tonnes of oil had spilled from the Corvina Star "
        "tanker, up from an initial estimate of 1,500 tonnes."
    )
    assert check(text, facts)["1,500"]["verdict"] == "contradicted"
    facts = facts[1:]  # the first estimate is not held: nothing to check it against
    text = (
        "The coastguard in Tessel said about 1,850 tonnes of oil had spilled from the Corvina Star "
        "tanker, up from an initial estimate of 1,200 tonnes."
    )
    assert check(text, facts)["1,200"]["verdict"] == "unverifiable"


def test_a_metric_word_leading_into_the_next_figure_is_that_figures():
    studio = Source("Halden Pictures", "https://example.org/halden")
    keys = dict(place="Telmark")
    facts = [
        event("g", "The Glass Harbour", "worldwide_gross", 142e6, "USD", studio,
              keywords=("film", "worldwide", "global"), **keys),
        event("b", "The Glass Harbour", "budget", 65e6, "USD", studio,
              keywords=("film", "budget", "production budget", "cost"), **keys),
    ]  # fmt: skip
    text = (
        "The Glass Harbour has grossed more than USD 140 million worldwide against a "
        "production budget of USD 65 million."
    )
    found = check(text, facts)
    assert found["more than USD 140 million"]["verdict"] == "supported"
    assert found["USD 65 million"]["verdict"] == "supported"


def test_a_half_or_a_quarter_of_a_year_is_no_reference_period_unless_the_fact_names_it():
    health = dict(keywords=("dengue", "cases"), place="Selvaria")
    facts = [event("d", "Dengue in Selvaria", "cases", 12_400, "cases", HEALTH, **health)]
    text = (
        "Health authorities in Selvaria reported 9,800 dengue cases in the first half of the year."
    )
    assert check(text, facts)["9,800"]["verdict"] == "unverifiable"
    text = "Health authorities in Selvaria reported 9,800 dengue cases this year."
    assert check(text, facts)["9,800"]["verdict"] == "contradicted"
    customs = Source("Drossland Customs", "https://example.org/customs")
    seizure = dict(keywords=("cocaine", "seized", "Kellhaven", "customs"), place="Kellhaven")
    facts = [event("s", "Kellhaven cocaine seizure", "seized", 3.4, "tonnes", customs, **seizure)]
    text = "Customs at Kellhaven said 7.9 tonnes of cocaine had been seized{}."
    found = check(text.format(" in the first eight months of the year"), facts)
    assert found["7.9"]["verdict"] == "unverifiable"
    assert check(text.format(""), facts)["7.9"]["verdict"] == "contradicted"
    facts = [event("q", "Tarnova third-quarter results", "net_profit", 84e6, "EUR", COMPANY,
                   keywords=("Tarnova", "profit", "third quarter"))]  # fmt: skip
    text = "Tarnova reported a net profit of EUR 84 million for the third quarter."
    assert check(text, facts)["EUR 84 million"]["verdict"] == "supported"


def test_a_contrasting_clause_gives_its_figure_a_subject_and_period_of_its_own():
    facts = [
        stat("inflation", 2.9, "2024-08", "Estrevia", subject="Estrevia consumer prices"),
        stat("inflation", 3.1, "2024-09", "Estrevia", subject="Estrevia core inflation"),
    ]
    text = (
        "Estrevia's consumer price inflation eased to 2.9% in August, although core "
        "inflation remained at 3.1%."
    )
    found = check(text, facts, date(2024, 10, 9))
    assert found["2.9%"]["verdict"] == "supported"
    assert found["3.1%"]["verdict"] != "contradicted"


def test_a_figure_after_then_goes_on_from_the_one_before_whatever_clause_stands_between():
    facts = [stat("inflation", v, y, "Moldova") for v, y in ((28.74, "2022"), (13.42, "2023"))]
    text = (
        "Moldova was hit much harder. Consumer prices rose 28.7% in 2022 as energy bills "
        "soared, {} {} in 2023."
    )
    for then in ("then", "and then"):
        found = check(text.format(then, "13.4%"), facts, date(2024, 7, 1))
        assert found["13.4%"]["verdict"] == "supported", then
        found = check(text.format(then, "4.7%"), facts, date(2024, 7, 1))
        assert found["4.7%"]["verdict"] == "contradicted", then
    # without "then" the clause between keeps its own reading: the later figure is not led
    found = check(text.format("while wages rose", "13.4%"), facts, date(2024, 7, 1))
    assert found["13.4%"]["verdict"] == "unverifiable"


@pytest.mark.parametrize("subject", ["wages", "house prices", "pensions"])
def test_a_percentage_of_a_subject_of_its_own_is_not_the_sentences_series(subject):
    # its value agrees with the year's inflation, but its clause says what rose: not prices
    facts = [stat("inflation", v, y, "Moldova") for v, y in ((28.74, "2022"), (13.42, "2023"))]
    text = "Consumer prices in Moldova rose 28.7% in 2022, while {} rose 13.4% in 2023."
    found = check(text.format(subject), facts, date(2024, 7, 1))
    assert found["28.7%"]["verdict"] == "supported"
    assert found["13.4%"]["verdict"] == "unverifiable", found["13.4%"]["explanation"]
    # ... and a subject among the fact's own words is the fact's
    found = check(text.format("prices"), facts, date(2024, 7, 1))
    assert found["13.4%"]["verdict"] == "supported"


def test_a_fact_of_a_place_and_thing_the_article_never_names_is_never_compared():
    # "It spends about £1.2 million a year on advertising": the blood service's, not the
    # running cost of a courtroom in Dunfallow, a town and a thing the article never names
    folder = Path(__file__).parent / "data" / "verdicts_blind14"
    rows = parse((folder / "references.jsonl").read_text(encoding="utf-8"), "jsonl")
    wanted = {"annual_running_cost", "opening_date", "standard_donation_volume"}
    facts = [Fact.of(r) for r in rows if r["metric"] in wanted]
    text = (folder / "caldermoor_blood_stocks.txt").read_text(encoding="utf-8")
    found = check(text, facts, date(2025, 1, 22))["about £1.2 million"]
    assert found["verdict"] == "unverifiable", found["explanation"]
    # the fact itself is one a claim can be checked against, where the article speaks of it
    named = (
        "The Nightingale courtroom in Dunfallow has an annual running cost of about £1.2 million."
    )
    assert check(named, facts)["about £1.2 million"]["verdict"] == "supported"


def test_the_level_a_toll_rose_from_a_day_earlier_is_the_publishers_earlier_count():
    police = Source("Valtessa Police", "https://example.org/police")
    keys = dict(keywords=("avalanche", "Hochwarden", "killed"), place="Hochwarden")
    facts = [
        event("a", "Hochwarden avalanche", "killed", 3, "people", police, **keys),
        replace(event("b", "Hochwarden avalanche", "killed", 4, "people", police, **keys),
                as_of="2024-10-05"),
    ]  # fmt: skip
    text = (
        "Four people were killed in the Hochwarden avalanche, police said, raising the toll "
        "from three a day earlier."
    )
    found = check(text, facts)
    assert found["Four"]["verdict"] == "supported" and found["three"]["verdict"] == "supported"
    found = check(text, facts[1:])  # only the latest count is held: the earlier is not refuted
    assert found["three"]["verdict"] == "unverifiable"
    assert "earlier figure" in found["three"]["explanation"]


@pytest.mark.parametrize(
    "said",
    [
        "The explosion has killed three people, police said, raising the toll from {} after "
        "a man died in hospital.",
        "Police said the Dorrington explosion had killed three people, up from {} deaths they had "
        "reported.",
        "Police, who initially reported a toll of {}, said the explosion killed three people.",
    ],
)
def test_the_count_a_publisher_revised_is_its_earlier_figure(said):
    police = Source("Estmark Police", "https://example.org/police")
    keys = dict(
        keywords=("explosion", "Dorrington", "killed", "toll", "deaths"), place="Dorrington"
    )
    facts = [
        event("a", "Dorrington gas explosion", "killed", 2, "people", police, **keys),
        replace(event("b", "Dorrington gas explosion", "killed", 3, "people", police, **keys),
                as_of="2024-10-05"),
    ]  # fmt: skip
    opening = "A gas explosion hit Dorrington. "
    assert check(opening + said.format("two"), facts)["two"]["verdict"] == "supported"
    found = check(opening + said.format("four"), facts)["four"]  # no earlier count of four
    assert found["verdict"] == "contradicted"
    assert found["evidence"][0]["reference_id"] == "a"  # against the count since revised


def test_the_level_a_change_reached_takes_the_changes_date_and_beats_an_undated_total():
    makers = Source("Caldorian Motor Manufacturers' Association", "https://example.org/cmma")
    keys = dict(
        keywords=("registrations", "new cars", "registered", "Caldoria", "CMMA"),
        place="Caldoria",
        aliases=("new-car registrations",),
    )
    facts = [
        event("o", "Caldoria new-car registrations", "registrations", 118_460, "cars", makers,
              period="2025-10", **keys),
        event("s", "Caldoria new-car registrations", "registrations", 209_300, "cars", makers,
              period="2025-09", **keys),
        event("t", "Caldoria new-car registrations", "registrations", 1_204_300, "cars",
              makers, **keys),  # January to October: a total with no period the schema holds
    ]  # fmt: skip
    text = (
        "Registrations of new cars in Caldoria rose 8.5% in October from a year earlier to "
        "118,460, the CMMA said on Tuesday."
    )
    assert check(text, facts, date(2025, 11, 5))["118,460"]["verdict"] == "supported"
    text = text.replace("118,460", "128,460")
    assert check(text, facts, date(2025, 11, 5))["128,460"]["verdict"] == "contradicted"


def test_a_unit_per_another_is_another_measure_than_the_unit_alone():
    bureau = Source("Wendover Weather Bureau", "https://example.org/bureau")
    facts = [
        event("w", "Aldergate tornado", "peak_wind", 290, "km/h", bureau,
              keywords=("Aldergate", "tornado", "winds", "wind"), place="Aldergate"),
        event("p", "Aldergate tornado", "path_length", 38.6, "km", bureau,
              keywords=("Aldergate", "tornado", "path", "track"), place="Aldergate"),
    ]  # fmt: skip
    text = "The Aldergate tornado carved a path of nearly 40 km, its winds reaching 290 km/h."
    found = check(text, facts)
    assert found["nearly 40"]["verdict"] == "supported" and found["290"]["verdict"] == "supported"
    text = "The Aldergate tornado's winds reached 39 km/h."
    assert check(text, facts)["39"]["verdict"] != "supported"


def test_a_year_among_a_facts_keywords_says_its_period_not_its_measure():
    common = ("dengue", "Kesuma", "outbreak", "cases", "2024", "last year")
    facts = [
        event("c", "Dengue in Kesuma", "cases", 31_900, "cases", HEALTH, period="2024",
              place="Kesuma", keywords=common),
        event("d", "Dengue in Kesuma", "deaths", 38, "deaths", HEALTH, period="2024",
              place="Kesuma", keywords=(*common, "deaths", "died")),
        event("h", "Dengue in Kesuma", "hospitalised", 2_180, "patients", HEALTH,
              place="Kesuma", keywords=("dengue", "Kesuma", "outbreak", "cases", "hospital")),
    ]  # fmt: skip
    text = (
        "Kesuma has recorded 48,620 dengue cases so far this year, the ministry said, "
        "already far above the 31,900 reported in the whole of 2024."
    )
    assert check(text, facts, date(2025, 9, 18))["31,900"]["verdict"] == "supported"


def test_past_the_score_cap_a_fact_the_article_speaks_of_far_more_is_no_tie():
    coast = Source("Lessandra Coastguard", "https://example.org/coastguard")
    fish = Source("Lessandra Ministry of Fisheries", "https://example.org/fisheries")
    spill = ("Corvina Star", "tanker", "oil spill", "crude", "Cape Tessel", "Lessandra")
    facts = [
        event("c", "Corvina Star collision", "date", "2025-10-05", None, coast,
              place="Lessandra",
              aliases=("Corvina Star spill", "Corvina Star", "Cape Tessel oil spill"),
              keywords=(*spill, "collided", "collision", "container ship")),
        event("b", "Cape Tessel fishing ban", "start_date", "2025-10-06", None, fish,
              place="Lessandra", aliases=("fishing ban",), keywords=(*spill, "fishing", "ban")),
    ]  # fmt: skip
    text = (
        "Crude oil from the tanker Corvina Star has fouled Lessandra's coast. The tanker collided "
        "with a container ship in thick fog off Cape Tessel early on October 5 while carrying "
        "crude."
    )
    assert check(text, facts, date(2025, 10, 8))["October 5"]["verdict"] == "supported"
    with tuned({"params": {"cap_lead": 1e9}}):  # no lead decides past the cap: a tie
        assert check(text, facts, date(2025, 10, 8))["October 5"]["verdict"] == "unverifiable"


def test_the_country_a_story_is_filed_from_puts_no_figure_outside_its_place():
    rescue = Source("Valtessa Police", "https://example.org/police")
    facts = [
        event("i", "Hochwarden avalanche", "injured", 11, "people", rescue, place="Hochwarden",
              keywords=("Hochwarden", "avalanche", "ski resort", "injured", "hurt")),
        event("d", "Valtessa avalanche deaths", "killed", 19, "people", rescue, place="Valtessa",
              period="2025", keywords=("Valtessa", "avalanches", "season")),
    ]  # fmt: skip
    text = (
        "HOCHWARDEN, Valtessa - An avalanche swept down a slope above the Hochwarden ski "
        "resort on Tuesday, the Hochwarden police said.\n\nThe Valtessa Mountain Rescue "
        "Service said 23 skiers had been caught.\n\nEleven people were injured, two of them "
        "seriously."
    )
    assert check(text, facts, date(2026, 2, 12))["Eleven"]["verdict"] == "supported"


def test_a_rate_with_no_date_is_the_current_one_of_a_series_of_one_period():
    makers = Source("Caldorian Motor Manufacturers' Association", "https://example.org/cmma")
    facts = [
        stat("bev_share", 24.7, "2025-10", "Caldoria", source=makers,
             subject="Caldoria new-car registrations"),
        stat("hybrid_share", 31.2, "2025-10", "Caldoria", source=makers,
             subject="Caldoria new-car registrations"),
    ]  # fmt: skip
    facts = [
        replace(facts[0], keywords=("registrations", "battery electric", "electric")),
        replace(facts[1], keywords=("registrations", "hybrids", "hybrid")),
    ]
    text = (
        "New-car registrations in Caldoria rose again. Battery electric models accounted for "
        "24.7% of the market, and hybrids took 31.2%."
    )
    found = check(text, facts, date(2025, 11, 5))
    assert found["24.7%"]["verdict"] == "supported" and found["31.2%"]["verdict"] == "supported"
    # the series' one period is a year before the article's: an undated rate is not of it
    old = [replace(f, period="2024-10") for f in facts]
    assert check(text, old, date(2025, 11, 5))["24.7%"]["verdict"] == "unverifiable"


def test_a_word_of_time_opening_a_sentence_is_no_name_a_population_is_of():
    facts = [stat("population", 27_300_000, "2024", "Kesuma", unit="people", source=HEALTH)]
    text = (
        "Dengue is spreading in Kesuma. Last year 42 people died of dengue in the country of "
        "27 million, most of them children."
    )
    assert check(text, facts, date(2025, 9, 18))["27 million"]["verdict"] == "supported"


def test_a_year_earlier_than_a_day_is_that_day_a_year_before():
    service = Source("Brevonia Prison Service", "https://example.org/prisons")
    keys = dict(
        keywords=("prison", "prisoners", "population", "Prison Service"),
        aliases=("prison population",),
        place="Brevonia",
    )
    facts = [
        event("a", "Brevonia prison population", "prisoners", 38_940, "prisoners", service,
              period="2025-03-31", **keys),
        event("b", "Brevonia prison population", "prisoners", 36_710, "prisoners", service,
              period="2024-03-31", **keys),
        event("r", "Brevonia prison population", "remand", 9_420, "prisoners", service,
              period="2025-03-31", place="Brevonia", keywords=("prison", "remand", "trial")),
    ]  # fmt: skip
    text = (
        "TARRANT, Brevonia - Brevonia's prison population reached a record 38,940 on March 31, "
        "up from 36,170 a year earlier, the Prison Service said on Wednesday."
    )
    found = check(text, facts, date(2025, 6, 26))
    assert found["38,940"]["verdict"] == "supported"
    assert found["36,170"]["verdict"] == "contradicted"


def test_the_country_a_dateline_names_is_where_national_figures_are():
    service = Source("Brevonia Prison Service", "https://example.org/prisons")
    facts = [
        event("c", "Brevonia prison capacity", "places", 39_600, "places", service,
              period="2025-03-31", place="Brevonia", keywords=("prison", "places", "capacity")),
    ]  # fmt: skip
    text = (
        "TARRANT, Brevonia - Brevonia's prisons are nearly full, the Prison Service said.\n\n"
        "The service has 39,600 places across the country."
    )
    assert check(text, facts, date(2025, 6, 26))["39,600"]["verdict"] == "supported"


# -- a figure a thing holds says its measure ---------------------------------------------------


def test_a_figure_the_references_hold_of_the_same_things_says_their_measure():
    fire = dict(keywords=("Brackwater", "depot", "fire", "blaze"), place="Brackwater")
    fire_service = Source("Brackwater Fire Service", "https://example.org/fire")
    facts = [
        event("e", "Brackwater depot fire", "evacuated", 3_200, "people", fire_service, **fire),
        event("h", "Brackwater depot fire", "homes_cleared", 1_150, "homes", fire_service, **fire),
    ]
    said = "About {} were moved out of their homes as the Brackwater depot fire spread."
    # no word of the fact's says "evacuated": the figure it holds of the same things does
    assert check(said.format("3,200 people"), facts)["About 3,200"]["verdict"] == "supported"
    # a figure no candidate holds is no reading of its measure, whatever is nearest
    assert check(said.format("3,900 people"), facts)["About 3,900"]["verdict"] == "unverifiable"
    # the same figure of other things is not the fact's
    assert check(said.format("3,200 pets"), facts)["About 3,200"]["verdict"] == "unverifiable"
    # another publisher's figure of the same thing comes with it: the two disagree
    rival = Source("Brackwater Residents' Association", "https://example.org/residents")
    other = event("r", "Brackwater depot fire", "evacuated", 4_100, "people", rival, **fire)
    found = check(said.format("3,200 people"), [*facts, other])["About 3,200"]
    assert found["verdict"] == "conflicting"
    assert ids(found) == ["e", "r"]


def test_a_bare_dateline_whose_people_the_article_names_is_the_country():
    network = Source("Tarvenian Glacier Network", "https://example.org/glaciers")
    loss = stat(
        "volume_loss", 3.1, "2025", "Tarvenia", source=network, subject="Tarvenian glaciers"
    )
    facts = [
        replace(loss, keywords=("glaciers", "volume", "ice")),
        event("a", "Askel glacier", "retreat", 46, "m", network, place="Askel", period="2025",
              keywords=("Askel", "glacier", "retreat", "metres")),
    ]  # fmt: skip
    text = (
        "TARVENIA - The Askel glacier shrank again this summer, the {} said. The Askel retreat "
        "was the second largest. Across the country, glaciers lost 3.1% of their ice volume."
    )
    found = check(text.format("Tarvenian Glacier Network"), facts, date(2025, 10, 2))
    assert found["3.1%"]["verdict"] == "supported"
    found = check(text.format("national glacier network"), facts, date(2025, 10, 2))
    assert found["3.1%"]["verdict"] == "unverifiable"  # a dateline alone may be a town


def test_a_bare_figure_heading_its_clause_counts_what_the_figure_before_counts():
    network = Source("Tarvenian Glacier Network", "https://example.org/glaciers")
    keys = dict(keywords=("glaciers", "retreated", "Tarvenia"), place="Tarvenia", period="2025")
    facts = [
        event("r", "Tarvenian glaciers", "glaciers_retreated", 101, "glaciers", network, **keys),
        event("a", "Askel glacier", "retreat", 46, "m", network, place="Askel", period="2025",
              keywords=("Askel", "glacier", "retreat", "retreated", "metres")),
    ]  # fmt: skip
    text = (
        "TARVENIA - The Askel glacier retreated 46 metres, the Tarvenian network said. The Askel "
        "retreat was the second largest. The network, which measured all 104 glaciers in the "
        "country this summer, found that {} had retreated."
    )
    assert check(text.format(101), facts, date(2025, 10, 2))["101"]["verdict"] == "supported"


def test_another_place_of_the_facts_kind_is_another_things():
    network = Source("Tarvenian Glacier Network", "https://example.org/glaciers")
    facts = [
        event("a", "Askel glacier", "retreat", 46, "m", network, place="Askel", period="2025",
              keywords=("Askel", "glacier", "retreat", "retreated", "metres")),
    ]  # fmt: skip
    text = "The Askel glacier retreated 46 metres. The nearby {} glacier retreated 22 metres."
    assert check(text.format("Brenn"), facts, date(2025, 10, 2))["22"]["verdict"] == "unverifiable"
    assert check(text.format("Askel"), facts, date(2025, 10, 2))["22"]["verdict"] == "contradicted"
    text = "The Askel glacier retreated 46 metres. The nearby Brenn Glacier retreated 22 metres."
    assert check(text, facts, date(2025, 10, 2))["22"]["verdict"] == "unverifiable"
    text = "The Askel retreated 46 metres. Like the Brenn glacier, the Askel retreated 22 metres."
    assert check(text, facts, date(2025, 10, 2))["22"]["verdict"] == "contradicted"
    observatory = Source("Coastal Observatory", "https://example.org/coast")
    coast = dict(place="Halsey coast", keywords=("Halsey", "coast", "erosion", "retreat"))
    facts = [event("h", "Halsey coast erosion", "average_retreat", 1.8, "m per year", observatory,
                   **coast)]  # fmt: skip
    text = "Further north, on the Dunmore coast, the retreat averaged 0.9 metres a year."
    assert check("The Halsey coast is eroding. " + text, facts)["0.9"]["verdict"] == "unverifiable"


def test_the_port_of_a_name_is_a_place():
    customs = Source("Drossland Customs", "https://example.org/customs")
    facts = [stat("quantity", 18.3, "2024", "Drossland", "tonnes", customs,
                  subject="Cocaine seized in Drossland")]  # fmt: skip
    facts = [replace(facts[0], keywords=("cocaine", "seized", "seizures", "tonnes"))]
    text = "Drossland customs seized cocaine at Kellhaven. The {} reported seizures of 18.3 tonnes."
    found = check(text.format("rival port of Ostmark"), facts, date(2025, 3, 1))
    assert found["18.3"]["verdict"] == "unverifiable"
    found = check(text.format("national customs service"), facts, date(2025, 3, 1))
    assert found["18.3"]["verdict"] == "supported"


def test_another_publishers_figure_on_the_thing_a_sentence_speaks_of_is_read_with_it():
    institute = Source("National Apiculture Institute", "https://example.org/institute")
    association = Source("Beekeepers' Association", "https://example.org/association")
    keys = dict(place="Lorvania", aliases=("winter colony losses",))
    facts = [
        event("i", "Lorvania winter colony losses", "loss_rate", 19.8, "%", institute,
              keywords=("bees", "colonies", "inspections"), **keys),
        event("a", "Lorvania winter colony losses", "loss_rate", 23.6, "%", association,
              keywords=("bees", "colonies", "survey"), **keys),
    ]  # fmt: skip
    text = (
        "LORVANIA - Beekeepers lost many of their colonies over the winter, a survey of bees in "
        "Lorvania found. The institute, which bases its figure on inspections, put the winter "
        "loss at {}."
    )
    found = check(text.format("19.8%"), facts)["19.8%"]
    assert found["verdict"] == "conflicting" and ids(found) == ["i", "a"]  # the one said first


def test_an_earlier_figure_is_the_first_or_the_one_just_before_as_the_words_say():
    police = Source("Valtessa Police", "https://example.org/police")
    keys = dict(keywords=("avalanche", "Hochwarden", "killed", "toll"), place="Hochwarden")
    facts = [
        replace(event(f"k{n}", "Hochwarden avalanche", "killed", n, "people", police, **keys),
                as_of=f"2024-10-0{n}")
        for n in (2, 3, 4)
    ]  # fmt: skip
    said = "Four people were killed in the Hochwarden avalanche, police said, {}."
    found = check(said.format("raising the toll from three a day earlier"), facts)["three"]
    assert found["verdict"] == "supported" and ids(found) == ["k3"]
    found = check(said.format("up from an initial estimate of two"), facts)["two"]
    assert found["verdict"] == "supported" and ids(found) == ["k2"]
    association = Source("Beekeepers' Association", "https://example.org/bees")
    bees = dict(keywords=("bees", "colonies", "lost", "winter losses"), place="Lorvania")
    facts = [
        replace(event(f"w{y}", "Lorvania winter colony losses", "loss_rate", rate, "%",
                      association, **bees), as_of=f"{y}-06-10")
        for y, rate in ((2023, 14.3), (2024, 16.1), (2025, 23.6))
    ]  # fmt: skip
    text = (
        "Beekeepers in Lorvania lost 23.6% of their colonies over the winter, a rise from the "
        "{} lost the winter before."
    )
    found = check(text.format("16.1%"), facts, date(2025, 6, 12))["16.1%"]
    assert found["verdict"] == "supported" and ids(found) == ["w2024"]
    found = check(text.format("14.3%"), facts, date(2025, 6, 12))["14.3%"]
    assert found["verdict"] == "contradicted"


def test_a_seasons_figure_is_not_another_seasons():
    association = Source("Beekeepers' Association", "https://example.org/bees")
    bees = dict(keywords=("bees", "colonies", "lost", "winter losses"), place="Lorvania")
    facts = [event("w", "Lorvania winter colony losses", "loss_rate", 23.6, "%", association,
                   **bees)]  # fmt: skip
    text = "Beekeepers in Lorvania put their colonies' loss rate over the {} at 7%."
    assert check(text.format("summer"), facts)["7%"]["verdict"] == "unverifiable"
    assert check(text.format("winter"), facts)["7%"]["verdict"] == "contradicted"
    text = "Beekeepers in Lorvania put their colonies' loss rate at 7% over the {}."
    assert check(text.format("summer"), facts)["7%"]["verdict"] == "unverifiable"


def test_two_dates_of_one_event_are_two_things_not_a_revision():
    agency = Source("Health Protection Agency", "https://example.org/hpa")
    common = ("salmonella", "Brackwell", "outbreak")
    facts = [
        replace(event("d", "Brackwell salmonella outbreak", "date", "2025-08-06", None, agency,
                      keywords=(*common, "declared"), place="Brackwell"), as_of="2025-08-06"),
        replace(event("o", "Brackwell salmonella outbreak", "date", "2025-07-29", None, agency,
                      keywords=(*common, "fell ill", "onset"), place="Brackwell"),
                as_of="2025-08-13"),
    ]  # fmt: skip
    text = (
        "The Brackwell salmonella outbreak has grown. The first patient fell ill on July 28, "
        "though the agency declared an outbreak on {}."
    )
    found = check(text.format("August 6"), facts, date(2025, 8, 14))
    assert found["August 6"]["verdict"] == "supported" and ids(found["August 6"]) == ["d"]
    assert found["July 28"]["verdict"] == "contradicted"  # a day off the first case's onset
    found = check(text.format("August 7"), facts, date(2025, 8, 14))
    assert found["August 7"]["verdict"] == "contradicted"
    revised = replace(facts[0], id="r", value="2025-08-05", as_of="2025-08-10",
                      keywords=(*common, "declared", "confirmed"))  # fmt: skip
    found = check(text.format("August 6"), [*facts, revised], date(2025, 8, 14))["August 6"]
    assert found["verdict"] == "contradicted" and ids(found) == ["r"]  # the same day, revised


def test_a_total_brought_from_one_level_to_another_is_no_revised_count():
    from tests.test_verify_readings import read

    _, frame, _ = read("The firm hired 30 staff, bringing the total from 120 to 150.", "120")
    assert frame.stage is None
    _, frame, _ = read("Police said 3 had died, raising the toll from two on Monday.", "two")
    assert frame.stage is not None and frame.stage.value == "previous"
    _, frame, _ = read("It spilled 1,850 tonnes, up from an initial estimate of 1,200.", "1,200")
    assert frame.stage is not None and frame.stage.value == "first"


def _donors(place, values, metric="donors_change"):
    """A blood service's yearly change in donors, each year's figure with its sign."""
    service = Source(f"{place} Blood Service", f"https://example.org/{place.lower()}/donors")
    return [
        replace(stat(metric, value, year, place=place, source=service,
                     subject=f"{place} Blood Service"),
                keywords=("blood", "donors", place))
        for year, value in values.items()
    ]  # fmt: skip


def test_the_year_a_change_is_counted_from_is_not_the_changes():
    facts = _donors("Harwick", {"2023": 3.0, "2024": 6.0})
    text = "In Harwick, 52,300 people gave blood in 2024, up {} on 2023, the service said."
    found = check(text.format("3%"), facts, date(2025, 1, 22))["3%"]
    assert found["verdict"] == "contradicted", found["explanation"]  # 2024's change is 6%
    assert "2024" in found["explanation"] and "2023," not in found["explanation"]
    assert check(text.format("6%"), facts, date(2025, 1, 22))["6%"]["verdict"] == "supported"
    # ... and "the year before" after the change is its base, not a year before 2024
    text = "In Harwick, 52,300 people gave blood in 2024, a rise of {} on the year before."
    assert check(text.format("6%"), facts, date(2025, 1, 22))["6%"]["verdict"] == "supported"


@pytest.mark.parametrize(
    ("said", "verdict"),
    [
        ("a fall of 9%", "supported"),
        ("down 9%", "supported"),
        ("9% down", "supported"),
        ("a 9% fall", "supported"),  # the fall said after the figure
        ("a fall of 12%", "contradicted"),
        ("a rise of 9%", "contradicted"),  # the reference's change is a fall
    ],
)
def test_a_change_said_as_a_fall_is_compared_with_a_change_written_with_its_sign(said, verdict):
    facts = _donors("Harwick", {"2023": 2.1, "2024": -8.7})
    text = f"In Harwick, 41,250 people gave blood in 2024, {said} on 2023, the service said."
    found = check(text, facts, date(2025, 1, 22))["12%" if "12" in said else "9%"]
    assert found["verdict"] == verdict, found["explanation"]
    if "rise" not in said:
        assert "(a fall)" in found["explanation"]


@pytest.mark.parametrize(
    ("said", "metric", "verdict"),
    [
        ("a fall of 8.7%", "donors_change", "contradicted"),  # the change written +8.7: a rise
        ("down 8.7%", "donors_growth", "contradicted"),
        ("an 8.7% fall", "donors_rise", "contradicted"),
        ("a rise of 8.7%", "donors_change", "supported"),
        ("up 8.7%", "donors_fall", "contradicted"),  # the fall's size, written unsigned
        ("an 8.7% rise", "donors_decline", "contradicted"),
        ("a fall of 8.7%", "donors_fall", "supported"),
    ],
)
def test_a_change_said_one_way_is_refuted_by_a_reference_change_the_other_way(
    said, metric, verdict
):
    facts = _donors("Harwick", {"2023": 2.1, "2024": 8.7}, metric=metric)
    text = f"In Harwick, 41,250 people gave blood in 2024, {said} on 2023, the service said."
    found = check(text, facts, date(2025, 1, 22))["8.7%"]
    assert found["verdict"] == verdict, found["explanation"]
    way = "fall" if any(w in said for w in ("fall", "down")) else "rise"
    assert f"(a {way})" in found["explanation"], found["explanation"]


@pytest.mark.parametrize(
    ("said", "change", "verdict"),
    [
        ("fell 8-9%", -8.7, "supported"),  # a fall said as a range
        ("fell by between 8% and 9%", -8.7, "supported"),
        ("fell 8-9%", 8.7, "contradicted"),
        ("rose 8-9%", -8.7, "contradicted"),
        ("rose 8-9%", 8.7, "supported"),
    ],
)
def test_a_change_said_as_a_range_keeps_its_direction(said, change, verdict):
    facts = _donors("Harwick", {"2023": 2.1, "2024": change})
    text = f"In Harwick, the number of people giving blood {said} in 2024, the service said."
    found = next(iter(check(text, facts, date(2025, 1, 22)).values()))
    assert found["verdict"] == verdict, found["explanation"]


@pytest.mark.parametrize(
    ("said", "verdict"),
    [
        ("9% lower than in 2023", "supported"),  # 2023 is the base: the change is 2024's
        ("9% higher than in 2023", "contradicted"),
        ("9% lower than 2023", "supported"),
        ("9% lower on 2023", "supported"),
        ("9% higher on 2023", "contradicted"),
    ],
)
def test_a_change_compared_with_a_year_is_of_the_year_of_its_level(said, verdict):
    # 2023's own change (9.0) would back a rise, and refute a fall, if 2023 were its period
    facts = _donors("Harwick", {"2023": 9.0, "2024": -9.0})
    text = f"In Harwick, 41,250 people gave blood in 2024, {said}, the service said."
    found = check(text, facts, date(2025, 1, 22))["9%"]
    assert found["verdict"] == verdict, found["explanation"]
    assert "2024" in found["explanation"], found["explanation"]


def test_a_count_more_than_in_a_year_is_a_difference_not_the_years_level():
    facts = [
        replace(f, metric="donors", unit="people") for f in _donors("Harwick", {"2024": 52300})
    ]
    text = "In Harwick, 52,300 people gave blood in 2024, 5,000 more than in 2023."
    assert check(text, facts, date(2025, 1, 22))["5,000"]["verdict"] == "unverifiable"


@pytest.mark.parametrize(
    ("unit", "change", "verdict"),
    [
        ("%", -9.0, "unverifiable"),  # a relative fall of 9% is not a fall of 9 points
        ("%", 9.0, "unverifiable"),
        ("percentage points", -9.0, "supported"),
        ("pp", -9.0, "supported"),
        ("percentage points", 9.0, "contradicted"),  # a rise of 9 points
        ("percentage points", -4.0, "contradicted"),
    ],
)
def test_a_change_in_points_is_compared_only_with_a_change_in_points(unit, change, verdict):
    facts = [
        replace(f, metric="donor_share_change", unit=unit)
        for f in _donors("Harwick", {"2024": change})
    ]
    text = "In Harwick, the share of donors under 30 fell 9 percentage points in 2024."
    found = check(text, facts, date(2025, 1, 22))["9 percentage points"]
    assert found["verdict"] == verdict, found["explanation"]


@pytest.mark.parametrize(
    "text",
    [
        # another change's base; a year of no figure
        "In Harwick, the number of people giving blood rose 10% on 2019 and 3% on 2023.",
        "After a record 2023, the number of people giving blood in Harwick rose 10% on 2019.",
    ],
)
def test_a_change_counted_from_a_year_takes_no_other_year_as_its_own(text):
    facts = _donors("Harwick", {"2023": 12.0, "2024": 3.0})
    found = check(text, facts, date(2025, 1, 22))["10%"]
    assert found["verdict"] == "unverifiable", found["explanation"]
    # nor the year the change before it is counted from
    facts = _donors("Harwick", {"2018": 3.0})
    text = "In Harwick, the number of people giving blood rose 10% on 2018 and 3% on 2019."
    found = check(text, facts, date(2025, 1, 22))["3%"]
    assert found["verdict"] == "unverifiable", found["explanation"]


def test_a_months_rate_is_not_backed_by_its_years_only_figure():
    facts = [stat("unemployment_rate", 8.5, "2023", place="Chile")]
    text = "Chile's unemployment rate was 8.5% in March 2023."
    assert check(text, facts, date(2024, 6, 1))["8.5%"]["verdict"] == "unverifiable"
