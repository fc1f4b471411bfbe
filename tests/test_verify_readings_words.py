"""Readings of the words around a figure that the dev sets showed missed (each test one
general rule; each a case the rule lets through and one it must still stop or contradict)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from service.claims import extract
from service.model import Claim, Fact, Source
from tests.test_verify_readings import check, event, read
from tests.test_verify_readings_scope import ids

TRUST = Source("Kelwick Hospitals Trust", "https://example.org/trust")
INDEX = Source("Bellmar Lettings Index", "https://example.org/lettings")
REGISTRY = Source("Bellmar Land Registry", "https://example.org/registry")
COUNCIL = Source("Brackwater Town Council", "https://example.org/council")
RENTS = dict(keywords=("Bellmar", "rent", "rents", "monthly rent", "tenants"))
PRICES = dict(keywords=("Bellmar", "house price", "house prices", "property", "rose"))
BELLMAR = [  # the keywords of each subject shared by its two facts: none says a change
    event("r", "Bellmar average monthly rent", "annual_change", 9.1, "%", INDEX,
          place="Bellmar", period="2025-03", **RENTS),
    event("rl", "Bellmar average monthly rent", "monthly_rent", 1_450, "GBP", INDEX,
          place="Bellmar", period="2025-03", **RENTS),
    event("p", "Bellmar average house price", "annual_change", 6.2, "%", REGISTRY,
          place="Bellmar", period="2025-03", **PRICES),
    event("pl", "Bellmar average house price", "average_price", 287_000, "GBP", REGISTRY,
          place="Bellmar", period="2025-03", **PRICES),
]  # fmt: skip


AGENCY_OF_VELMARK = Source("Environment Agency of Velmark", "https://example.org/eav")
_BLOOM = dict(place="Lake Sorvan", keywords=("algae", "bloom", "Lake Sorvan", "covered"))
BLOOMS = [  # two stages of this year's bloom, the bloom of 2018, and a wind farm in MW
    Fact("b1", "Lake Sorvan algae bloom", "area", 6.5, AGENCY_OF_VELMARK, unit="km2",
         as_of="2025-07-17", **_BLOOM),
    Fact("b2", "Lake Sorvan algae bloom", "area", 11.2, AGENCY_OF_VELMARK, unit="km2",
         as_of="2025-07-22", **_BLOOM),
    Fact("b3", "Lake Sorvan algae bloom 2018", "area", 7.9, AGENCY_OF_VELMARK, unit="km2",
         as_of="2018-09-05", place="Lake Sorvan", period="2018",
         keywords=("algae", "bloom", "2018", "Lake Sorvan")),
    event("w", "Brackley offshore wind farm", "capacity", 420, "MW",
          keywords=("Brackley", "wind farm")),
]  # fmt: skip


def test_a_metric_over_a_bound_is_said_in_any_words_of_its_qualifier_and_a_year_earlier():
    keys = dict(keywords=("Kelwick", "hospital", "waiting list", "patients"), place="Kelwick")
    facts = [
        event("now", "Kelwick patients waiting over 52 weeks", "waiting_over_52_weeks", 6_210,
              "patients", TRUST, period="2025-01", **keys),
        event("then", "Kelwick patients waiting over 52 weeks", "waiting_over_52_weeks", 4_870,
              "patients", TRUST, period="2024-01", **keys),
    ]  # fmt: skip
    text = (
        "At Kelwick's hospitals, {} patients had been waiting more than 52 weeks at the end of "
        "January, up from {} a year earlier."
    )
    found = check(text.format("6,120", "4,870"), facts, date(2025, 2, 14))
    # "more than 52 weeks" says "over 52 weeks"; the starting level counts the patients (not
    # the weeks), in January a year before (not the whole year)
    assert found["6,120"]["verdict"] == "contradicted" and ids(found["6,120"]) == ["now"]
    assert found["4,870"]["verdict"] == "supported" and ids(found["4,870"]) == ["then"]
    found = check(text.format("6,210", "4,780"), facts, date(2025, 2, 14))
    assert found["6,210"]["verdict"] == "supported"
    assert found["4,780"]["verdict"] == "contradicted" and ids(found["4,780"]) == ["then"]
    found = check(text.replace("more than", "less than").format("6,210", "4,870"), facts)
    assert found["6,210"]["verdict"] == "unverifiable"  # under 52 weeks is another measure


def test_a_participle_after_the_counted_noun_is_not_what_is_counted():
    facts = [
        event("h", "Kelwick ambulance handover delays", "handover_delays", 1_210, "patients",
              TRUST, keywords=("Kelwick", "ambulance", "handover", "A&E"), place="Kelwick",
              period="2025-01"),
    ]  # fmt: skip
    text = (
        "In January, {} patients brought by ambulance to Kelwick's A&E waited more than an "
        "hour, the trust's figures for handover delays showed."
    )
    _, frame, _ = read(text.format("1,210"), "1,210")
    assert frame.counted is not None and frame.counted.value == "patient"
    assert check(text.format("1,210"), facts, date(2025, 2, 14))["1,210"]["verdict"] == "supported"
    found = check(text.format("1,120"), facts, date(2025, 2, 14))["1,120"]
    assert found["verdict"] == "contradicted"


def test_a_change_of_a_metric_of_the_sources_own_is_said_by_its_change_words():
    facts = BELLMAR
    day = date(2025, 5, 6)
    text = "Average monthly rents in Bellmar reached GBP 1,450 in March, up {} on a year earlier."
    found = check(text.format("9.1%"), facts, day)["9.1%"]
    assert found["verdict"] == "supported" and ids(found) == ["r"]
    found = check(text.format("8.1%"), facts, day)["8.1%"]
    assert found["verdict"] == "contradicted" and ids(found) == ["r"]
    text = "Average house prices in Bellmar were 6.2% higher in March than a year earlier."
    assert check(text, facts, day)["6.2%"]["verdict"] == "supported"
    # what changed must be said: "Bellmar" and "up" alone say no rent and no house price
    text = "Bellmar said spending on parks was up 6.2% in March."
    assert check(text, facts, day)["6.2%"]["verdict"] == "unverifiable"
    text = "Bellmar said spending on parks rose 6.2% in March."  # a keyword "rose" says no
    assert check(text, facts, day)["6.2%"]["verdict"] == "unverifiable"  # house price
    text = "House prices in Bellmar rose 6.2% in March, and spending on parks was up 9.1%."
    found = check(text, facts[2:], day)  # another rate between: the parks' change
    assert found["6.2%"]["verdict"] == "supported" and found["9.1%"]["verdict"] == "unverifiable"
    # "makes up" is no rise, and a share is no change
    text = "Rent makes up 9.1% of household spending in Bellmar, the index said in March."
    assert check(text, facts, day)["9.1%"]["verdict"] == "unverifiable"


def test_a_category_word_that_says_where_a_figure_is_is_not_what_happened_to_it():
    text = "All 14 schools in the evacuation zone stayed closed on Monday, the council said."
    claim = next(Claim.of(c) for c in extract(text) if c["text"] == "14")
    assert claim.category is None
    _, frame, _ = read(text, "14")
    assert frame.metric is None or frame.metric.value != "evacuated"
    facts = [
        event("s", "Brackwater school closures after chemical fire", "schools_closed", 14,
              "schools", COUNCIL, keywords=("Brackwater", "schools", "closed"),
              place="Brackwater"),
    ]  # fmt: skip
    day = date(2025, 7, 8)
    text = "In Brackwater, {} schools in the evacuation zone stayed closed on Monday."
    assert check(text.format("all 14"), facts, day)["14"]["verdict"] == "supported"
    text = "Some 300 people were moved in the evacuation overnight, the council said."
    claim = next(Claim.of(c) for c in extract(text) if c["text"] == "Some 300")
    assert claim.category == "evacuated"  # "overnight" is no place
    # still what happened when nothing follows it as a place's name: "in the evacuation"
    text = "Some 300 people were moved in the evacuation, the council said."
    claim = next(Claim.of(c) for c in extract(text) if c["text"] == "Some 300")
    assert claim.category == "evacuated"


def test_a_subjects_own_keywords_say_the_metric_of_its_facts_of_every_period():
    council = Source("Harwick City Council", "https://example.org/harwick")
    adult = dict(keywords=("Harwick", "council", "adult social care"), place="Harwick")
    children = dict(keywords=("Harwick", "council", "children's services"), place="Harwick")
    facts = [  # two periods of one subject: no keyword of either fact's is its own alone
        event("a25", "Harwick adult social care", "allocation", 120e6, "GBP", council,
              period="2025", **adult),
        event("a24", "Harwick adult social care", "allocation", 112e6, "GBP", council,
              period="2024", **adult),
        event("c25", "Harwick children's services", "allocation", 64e6, "GBP", council,
              period="2025", **children),
    ]  # fmt: skip
    text = "Harwick City Council set its budget. Adult social care remains the largest item at {}."
    found = check(text.format("GBP 120 million in 2025"), facts, date(2025, 3, 1))
    assert found["GBP 120 million"]["verdict"] == "supported"
    assert ids(found["GBP 120 million"]) == ["a25"]
    found = check(text.format("GBP 125 million in 2025"), facts, date(2025, 3, 1))
    assert found["GBP 125 million"]["verdict"] == "contradicted"


def test_the_counted_noun_ends_before_a_verb_an_adverb_or_an_ing_form():
    counted = {
        "More than 48,000 pupils sat the Elmsby certificate this summer.": "pupil",
        "In all, 1,210 patients brought by ambulance waited an hour.": "patient",
        "Kalvan's 310,000 residents depend heavily on farming.": None,  # people in general
        "More than 31,000 runners finished, with nearly 33,000 starting.": None,
        "Some 412,000 electric kettles were sold.": "kettle",
        "Some 900 containers suddenly toppled into the sea.": "container",
    }
    for text, want in counted.items():
        which = next(c["text"] for c in extract(text) if c["kind"] != "date" and c["subject"])
        if text.startswith("More than 31,000"):
            which = "nearly 33,000"
        _, frame, _ = read(text, which)
        assert (frame.counted.value if frame.counted else None) == want, text
    board = Source("Elmsby Examinations Board", "https://example.org/board")
    facts = [
        event("p", "Elmsby School Leaving Certificate 2025", "candidates", 48_260, "pupils",
              board, keywords=("Elmsby", "School Leaving Certificate", "exam")),
    ]  # fmt: skip
    text = "More than {} schoolchildren were candidates for the Elmsby School Leaving Certificate."
    assert check(text.format("48,000"), facts)["More than 48,000"]["verdict"] == "supported"
    assert check(text.format("52,000"), facts)["More than 52,000"]["verdict"] == "contradicted"


def test_a_metric_of_the_sources_own_that_names_a_category_of_what_it_counts_is_of_it():
    vets = Source("Velmark Veterinary Association", "https://example.org/vets")
    police = Source("Northshire Police", "https://example.org/police")
    bloom = dict(keywords=("Lake Sorvan", "algae", "bloom"), place="Lake Sorvan")
    festival = dict(keywords=("Harrowmere", "festival"), place="Harrowmere")
    facts = [
        event("d", "Lake Sorvan algae bloom", "dogs_died", 4, "dogs", vets, **bloom),
        event("a", "Harrowmere Festival 2025", "drug_arrests", 26, "people", police, **festival),
    ]  # fmt: skip
    text = "At Lake Sorvan, {} dogs have died since the algae bloom began."
    assert check(text.format("Four"), facts)["Four"]["verdict"] == "supported"
    assert check(text.format("Five"), facts)["Five"]["verdict"] == "contradicted"
    # a kind of arrest of its own ("drug arrests") is not every arrest the police made
    text = "Police made 26 arrests over the three days of the Harrowmere Festival."
    assert check(text, facts)["26"]["verdict"] == "unverifiable"


def test_a_units_symbol_is_not_another_symbol_and_a_dimension_is_not_another():
    survey = Source("Orvenian Geological Survey", "https://example.org/survey")
    council = Source("Dunholt Town Council", "https://example.org/dunholt")
    fall = dict(keywords=("Harrowfield", "meteorite", "strewn field", "fragments"))
    facts = [
        event("w", "Harrowfield meteorite fall", "strewn_field_width", 1.5, "km", survey, **fall),
        event("l", "Harrowfield meteorite fall", "strewn_field_length", 8, "km", survey, **fall),
        event("s", "Harrow Lane sinkhole", "width", 18, "m", council,
              keywords=("Harrow Lane", "sinkhole", "width")),
    ]  # fmt: skip
    text = "The Harrowfield meteorite fragments lie across a strewn field about {} km {}."
    found = check(text.format(8, "long"), facts)["about 8"]
    assert found["verdict"] == "supported" and ids(found) == ["l"]  # not the width, not 18 m
    found = check(text.format(3, "wide"), facts)["about 3"]
    assert found["verdict"] == "contradicted" and ids(found) == ["w"]
    found = check(text.format(12, "long"), facts)["about 12"]
    assert found["verdict"] == "contradicted" and ids(found) == ["l"]
    text = "The Harrow Lane sinkhole is 18 {} wide, the council said."  # km is no m
    assert check(text.format("km"), facts)["18"]["verdict"] == "unverifiable"
    assert check(text.format("metres"), facts)["18"]["verdict"] == "supported"
    # a bare dimension is of the thing named only when no other is brought in between
    text = "The Harrow Lane sinkhole opened beside a river 20 metres wide."
    assert check(text, facts)["20"]["verdict"] == "unverifiable"
    # a width the sentence names too is no length: "long" keeps the one fact it is of
    text = "The Harrowfield strewn field width survey found fragments 12 km long."
    found = check(text, facts)["12"]
    assert found["verdict"] == "contradicted" and ids(found) == ["l"]
    wide = [replace(facts[0], value=11.0)]  # a width near enough to be taken for it
    assert check(text, wide)["12"]["verdict"] == "unverifiable"
    # a dimension alone says no metric whose other words the clause does not say
    text = "The Harrowfield meteorite fell beside a lake about 3 km wide."
    assert check(text, facts)["about 3"]["verdict"] == "unverifiable"


def test_a_level_a_year_before_a_change_is_no_current_level_of_a_reference_without_a_period():
    water = Source("Dunford Water", "https://example.org/dunford")
    keys = dict(keywords=("Dunford Water", "leakage", "leaking pipes"), place="Dunford")
    leak = event("now", "Dunford Water leakage", "leakage", 148e6, "litres per day", water,
                 **keys)  # fmt: skip
    facts = [  # each year's annual report, no period given: the latest supersedes the others
        leak,
        replace(leak, id="2024", value=161e6, as_of="2024-07-04"),
        replace(leak, id="2015", value=198e6, as_of="2015-07-02"),
        event("fall", "Dunford Water leakage", "leakage_decline", 8.1, "%", water, **keys),
    ]
    text = (
        "Dunford Water lost 148 million litres a day through leaking pipes in the year to "
        "March, down from {} a year earlier."
    )
    found = check(text.format("161 million"), facts, date(2025, 7, 3))
    assert found["148 million"]["verdict"] == "supported"
    assert found["161 million"]["verdict"] == "unverifiable"  # last year's, not this one's
    text = (
        "Dunford Water reported leakage of 148 million litres a day for the year to March on "
        "Thursday, down {} from a year earlier."
    )
    found = check(text.format("8.1%"), facts, date(2025, 7, 3))  # the change itself
    assert found["8.1%"]["verdict"] == "supported"
    found = check(text.format("9.5%"), facts, date(2025, 7, 3))
    assert found["9.5%"]["verdict"] == "contradicted"


def test_prices_after_a_sentence_on_inflation_are_its_consumer_prices():
    from tests.test_verify_readings import stat

    facts = [
        stat("inflation", 0.85, "2024", "El Salvador"),
        stat("inflation", 7.2, "2022", "El Salvador"),
    ]
    text = "Inflation has been low in El Salvador. Prices rose {} last year, down from {} in 2022."
    found = check(text.format("0.9%", "7.2%"), facts, date(2025, 4, 1))
    assert found["0.9%"]["verdict"] == "supported" and found["7.2%"]["verdict"] == "supported"
    found = check(text.format("1.9%", "7.2%"), facts, date(2025, 4, 1))
    assert found["1.9%"]["verdict"] == "contradicted"
    text = "House prices are high in El Salvador. Prices rose 0.9% last year, the agents said."
    assert check(text, facts, date(2025, 4, 1))["0.9%"]["verdict"] == "unverifiable"


def test_a_category_said_of_the_next_figure_is_not_this_ones_and_across_is_a_width():
    text = "The sinkhole has grown to 18 metres across, forcing the evacuation of 34 homes."
    found = {c["text"]: c for c in extract(text)}
    assert found["18"]["category"] is None and found["34"]["category"] == "evacuated"
    council = Source("Dunholt Town Council", "https://example.org/dunholt")
    hole = dict(keywords=("Harrow Lane", "sinkhole"), place="Dunholt")
    facts = [
        event("w", "Harrow Lane sinkhole", "width", 18, "m", council, **hole),
        event("d", "Harrow Lane sinkhole", "depth", 11, "m", council, **hole),
    ]  # fmt: skip
    text = "In Dunholt, the Harrow Lane sinkhole has grown to {} metres across, the council said."
    found = check(text.format(18), facts)["18"]
    assert found["verdict"] == "supported" and ids(found) == ["w"]  # not the depth
    found = check(text.format(12), facts)["12"]
    assert found["verdict"] == "contradicted" and ids(found) == ["w"]
    from service.verify.gates import said_dimension

    claim, _, ctx = read("The sinkhole left a crack 11 metres across the road.", "11")
    assert said_dimension(claim, ctx) is None  # a preposition: no width
    claim, _, ctx = read("The sinkhole is 17 metres across and 11 metres deep.", "17")
    assert said_dimension(claim, ctx) == "width"


def test_an_adverb_of_place_after_the_counted_noun_is_not_what_is_counted():
    _, frame, _ = read("The ship lost 58 containers overboard in a gale.", "58")
    assert frame.counted is not None and frame.counted.value == "container"


def test_what_a_change_rule_must_not_read_as_a_change():
    facts = BELLMAR[:2]
    day = date(2025, 5, 6)
    for text in (
        "Bellmar rents were 8.1% lower in March than in Kelwick.",  # another place
        "Bellmar rents were 8.1% higher in March than the national average.",
        "In March, 8.1% more Bellmar tenants fell behind with their rent.",  # a count's change
        "Rents in Bellmar climbed in March, while evictions were up 8.1%.",  # another subject
        "Rents in Bellmar rose 6 per cent in March, and spending on parks was up 8.1%.",
    ):
        assert check(text, facts, day)["8.1%"]["verdict"] == "unverifiable", text
    text = "Bellmar rents were 8.1% higher in March than a year earlier."
    assert check(text, facts, day)["8.1%"]["verdict"] == "contradicted"


def test_readings_that_must_keep_a_figures_own_words():
    text = "About 1,200 residents were evacuated for 3 days."  # "for" is no other figure's
    found = {c["text"]: c for c in extract(text)}
    assert found["About 1,200"]["category"] == "evacuated"
    _, frame, _ = read("The breach exposed 12,000 patient records.", "12,000")
    assert frame.counted is not None and frame.counted.value == "record"  # no patients
    _, frame, _ = read("The storm damaged 40 buildings.", "40")
    assert frame.counted is not None and frame.counted.value == "building"
    from tests.test_verify_readings import stat

    facts = [stat("inflation", 0.85, "2024", "El Salvador")]
    text = "Inflation has been low in El Salvador. Prices of coffee rose 12% last year."
    assert check(text, facts, date(2025, 4, 1))["12%"]["verdict"] == "unverifiable"


def test_more_readings_the_review_asked_to_pin():
    found = {c["text"]: c for c in extract("Twelve were killed of the 40 aboard.")}
    assert found["Twelve"]["category"] == "killed"  # "killed of the 40": still the twelve's
    text = (
        "Dunford Water lost 148 million litres a day in the year to March, down from 161 "
        "million a year earlier."
    )
    _, frame, _ = read(text, "161 million", date(2025, 7, 3))
    assert frame.period is not None and frame.period.value == "2024"  # a year, not a month
    facts = BELLMAR[2:]
    text = "House prices in Bellmar rose 6.2% in March, spending on parks up 9.1%."
    found = check(text, facts, date(2025, 5, 6))
    assert found["6.2%"]["verdict"] == "supported" and found["9.1%"]["verdict"] == "unverifiable"


def test_a_plural_ends_the_counted_noun_and_what_follows_it_is_no_noun_of_its_own():
    counted = {
        "Three hospitals ran on backup generators.": "hospital",
        "Searchers said 19 fragments found so far were sent to the lab.": "fragment",
        "All 21 crew members were taken off safely.": "crew",
        "Some 2.9 million containers (TEU) passed through the port.": "container",
        "The country of 14 million people plans a new airport.": None,  # the people, known
        "The herd of 300 Swiss cattle was moved.": "cattle",  # no plural of Swiss
        "The crash injured 40 police officers.": "officer",  # a noun the police qualifies
        "The breach exposed 12,000 patient records.": "record",  # still the last plural
    }
    for text, want in counted.items():
        which = next(c["text"] for c in extract(text) if c["kind"] != "date")
        _, frame, _ = read(text, which)
        assert (frame.counted.value if frame.counted else None) == want, text
    guard = Source("Lessandra Coastguard", "https://example.org/coastguard")
    tanker = dict(place="Lessandra", keywords=("Corvina Star", "tanker", "spill"))
    facts = [
        event("c", "Corvina Star", "crew", 21, "crew", guard, **tanker),
        event("b", "Corvina Star", "oiled_birds", 312, "birds", guard,
              place="Lessandra", keywords=("Corvina Star", "spill", "oiled")),
        event("a", "Castellane central sea route", "arrivals", 13_270, "people", guard,
              place="Castellane", keywords=("Castellane", "central route", "sea")),
    ]  # fmt: skip
    text = "All {} crew members of the tanker Corvina Star were taken off safely."
    assert check(text.format("21"), facts)["21"]["verdict"] == "supported"
    assert check(text.format("23"), facts)["23"]["verdict"] == "contradicted"
    text = "Volunteers at the Corvina Star spill have taken in more than {} oiled seabirds."
    assert check(text.format("300"), facts)["more than 300"]["verdict"] == "supported"
    assert check(text.format("400"), facts)["more than 400"]["verdict"] == "contradicted"
    text = "The central route across the sea to Castellane saw {} arrivals."
    assert check(text.format("13,270"), facts)["13,270"]["verdict"] == "supported"
    # a word that only ends like the counted one is not it: firefighters are no fighters
    fighters = [event("f", "Tarsa clashes", "fighters", 40, "fighters", keywords=("Tarsa",))]
    text = "In the Tarsa clashes, 40 firefighters were sent."
    assert check(text, fighters)["40"]["verdict"] == "unverifiable"
    kitchens = ("Tarn hotel", "hotel", "kitchens")
    rooms = [event("h", "Tarn hotel", "rooms", 1_200, "rooms", keywords=kitchens)]
    text = "The Tarn hotel kitchens used 1,100 mushrooms."  # no rooms
    assert check(text, rooms)["1,100"]["verdict"] == "unverifiable"


def test_the_people_of_a_place_said_without_population_are_its_population():
    stats = Source("Kalvan Statistics Office", "https://example.org/stats")
    facts = [
        event("k", "Kalvan", "population", 312_400, "people", stats, place="Kalvan",
              period="2024", keywords=("Kalvan",)),
    ]  # fmt: skip
    day = date(2025, 11, 14)
    for text, which in (
        ("Kalvan's 310,000 residents depend heavily on farming and tourism.", "310,000"),
        ("Kalvan, with 350,000 inhabitants, is the largest town.", "350,000"),
        ("Kalvan is growing. The town of 310,000 people plans a bypass.", "310,000"),  # a verb
    ):
        want = "contradicted" if "350,000" in which else "supported"
        assert check(text, facts, day)[which]["verdict"] == want, text
    for text in (
        "Kalvan's 310,000 residents were evacuated.",  # what happened to them: no population
        "Kalvan's 280,000 residents without power were told to stay indoors.",  # some of them
    ):
        which = next(c["text"] for c in extract(text) if c["kind"] != "date")
        assert check(text, facts, day)[which]["verdict"] == "unverifiable", text


def test_the_readings_of_blind_set_elevens_false_verdicts():
    """Each of these was a false verdict on blind set 11's first run."""
    bank = Source("Ardmere Bank", "https://example.org/bank")
    wind = Source("Nordwind Energy", "https://example.org/nordwind")
    facts = [
        event("b", "Ardmere Bank branch network", "branches", 214, "branches", bank,
              keywords=("Ardmere Bank", "branches")),
        event("r", "Kessel Bank offshore wind farm", "rotor_diameter", 236, "m", wind,
              keywords=("Kessel Bank", "wind farm", "rotor", "across")),
        event("d", "Kessel Bank offshore wind farm", "distance_offshore", 38, "km", wind,
              keywords=("Kessel Bank", "wind farm", "offshore")),
    ]  # fmt: skip
    # a measure needs its unit said: a bare figure is no rotor's diameter in metres
    text = "Ardmere Bank closed 87 branches near the Kessel Bank wind farm, leaving {} across it."
    assert check(text.format("240"), facts)["240"]["verdict"] == "unverifiable"
    text = "Each rotor of the Kessel Bank wind farm is {} across."
    assert check(text.format("250 metres"), facts)["250"]["verdict"] == "contradicted"
    # "about" a small measure: 3 %, but at least one; a small count 10 %
    text = "The Kessel Bank wind farm stands about {} km offshore."
    assert check(text.format("40"), facts)["about 40"]["verdict"] == "contradicted"
    assert check(text.format("39"), facts)["about 39"]["verdict"] == "supported"
    hurt = [
        event("i", "Kessel Bank wind farm fire", "injured", 32,
              keywords=("Kessel Bank", "wind farm", "fire")),
    ]  # fmt: skip
    text = "In the Kessel Bank wind farm fire, about {} people were injured."
    assert check(text.format("30"), hurt)["about 30"]["verdict"] == "supported"
    assert check(text.format("40"), hurt)["about 40"]["verdict"] == "contradicted"
    agency = Source("Ostmere Nature Agency", "https://example.org/nature")
    pairs = [
        event("g", "Varra Holm guillemots", "breeding_pairs", 4_300, "pairs", agency,
              place="Varra Holm", keywords=("Varra Holm", "guillemots", "breeding pairs")),
    ]  # fmt: skip
    text = "On Varra Holm, wardens estimate that about 4,300 pairs of {} are nesting."
    assert check(text.format("guillemots"), pairs)["about 4,300"]["verdict"] == "supported"
    assert check(text.format("puffins"), pairs)["about 4,300"]["verdict"] == "unverifiable"
    text = "On Varra Holm, about 4,300 pairs of Atlantic {} are nesting."  # the second word
    assert check(text.format("guillemots"), pairs)["about 4,300"]["verdict"] == "supported"
    text = "On Varra Holm, about 4,300 pairs of the island's {} are nesting."
    assert check(text.format("puffins"), pairs)["about 4,300"]["verdict"] == "unverifiable"
    assert check(text.format("guillemots"), pairs)["about 4,300"]["verdict"] == "supported"
    evacuated = [
        event("e", "Sarn valley landslide", "evacuated", 1_200, place="Sarn",
              keywords=("Sarn", "landslide", "evacuated")),
    ]  # fmt: skip
    text = (
        "After the Sarn valley landslide, about 1,200 residents of coastal villages were evacuated."
    )
    assert check(text, evacuated)["about 1,200"]["verdict"] == "supported"  # people of a place
    fuel = [event("f", "Sarn-2 satellite", "fuel_load", 1_150, "kg", keywords=("Sarn-2", "fuel"))]
    text = "The Sarn-2 satellite carries {} kg of {}."
    assert check(text.format("1,150", "fuel"), fuel)["1,150"]["verdict"] == "supported"
    assert check(text.format("2,000", "fuel"), fuel)["2,000"]["verdict"] == "contradicted"
    assert check(text.format("2,000", "water"), fuel)["2,000"]["verdict"] == "unverifiable"
    heritage = Source("Skarnian Maritime Heritage Office", "https://example.org/heritage")
    coins = [
        event("c", "Margrethe wreck salvage", "coins", 3_150, "coins", heritage,
              keywords=("Margrethe", "wreck", "coins", "salvage")),
    ]  # fmt: skip
    text = "Divers on the Margrethe wreck salvage {} 5,000 coins."
    assert check(text.format("may hold a further"), coins)["5,000"]["verdict"] == "unverifiable"
    assert check(text.format("have recovered"), coins)["5,000"]["verdict"] == "contradicted"
    text = "In May divers on the Margrethe wreck salvage recovered 5,000 coins."
    assert check(text, coins)["5,000"]["verdict"] == "contradicted"  # the month is no modal
    lorvan = Source("Lorvan Assembly Petitions Committee", "https://example.org/petitions")
    petition = [
        event("p", "Fireworks ban petition", "signatures", 148_300, "signatures", lorvan,
              keywords=("petition", "fireworks", "signatures")),
    ]  # fmt: skip
    text = "The fireworks petition {} 100,000 signatures to be considered for debate."
    assert check(text.format("needed"), petition)["100,000"]["verdict"] == "unverifiable"
    assert check(text.format("gathered"), petition)["100,000"]["verdict"] == "contradicted"
    transport = Source("Velsk City Transport", "https://example.org/velsk")
    tram = dict(place="Velsk", keywords=("tram", "line 4", "Velsk", "tram line", "cost"))
    costs = [
        Fact("t1", "Velsk tram line 4", "cost", 310_000_000, transport, unit="EUR",
             as_of="2021-05-12", **tram),
        Fact("t2", "Velsk tram line 4", "cost", 362_000_000, transport, unit="EUR",
             as_of="2025-10-06", **tram),
    ]  # fmt: skip
    text = (
        "Velsk tram line 4 opened on Monday. Velsk City Transport put the final cost of the "
        "Velsk tram line 4 at €362 million, up from the "
        "€{} million it estimated when the council approved the project."
    )
    day = date(2025, 10, 8)
    assert check(text.format("310"), costs, day)["€310 million"]["verdict"] == "supported"
    assert check(text.format("290"), costs, day)["€290 million"]["verdict"] == "contradicted"


def test_a_sum_a_whole_economy_produced_is_its_gdp():
    from tests.test_verify_readings import stat

    facts = [stat("gdp", 29.48e9, "2021", "Cyprus", unit="USD")]
    day = date(2024, 6, 1)
    for text, want in (
        ("The economy of Cyprus is small. In 2021 it produced $29.5 billion.", "supported"),
        (
            "Cyprus, with a fast-growing economy, produced $25.9 billion in 2021.",
            "contradicted",
        ),
        ("Cyprus's economy produced $29.5 billion in 2021.", "supported"),
        (
            "Cyprus's economy grew. In 2021 its copper mines produced $29.5 billion.",
            "unverifiable",
        ),  # not all of it
        (
            "The economy of Cyprus is small. Hellenic Mining is its largest firm. "
            "In 2021 it produced $25 billion.",
            "unverifiable",
        ),  # "it" is the firm
        (
            "Cyprus's economy grew. In 2021 Cyprus produced $25 billion worth of wine.",
            "unverifiable",
        ),
    ):
        found = check(text, facts, day)
        which = next(k for k in found if k.startswith("$"))
        assert found[which]["verdict"] == want, text


def test_a_level_a_change_started_from_is_of_the_population_the_figure_before_is():
    from tests.test_verify_readings import stat

    facts = [
        stat("population", value, year, "Armenia", unit="people")
        for value, year in ((2_964_300, "2023"), (3_033_500, "2024"))
    ]
    day = date(2025, 3, 1)
    text = "Armenia is small. The country has about 3.0 million people, up from {} million in 2023."
    assert check(text.format("2.96"), facts, day)["2.96 million"]["verdict"] == "supported"
    assert check(text.format("2.86"), facts, day)["2.86 million"]["verdict"] == "contradicted"
    text = "Armenia is small. Its airports served 3.0 million people, up from 2.86 million in 2023."
    assert check(text, facts, day)["2.86 million"]["verdict"] == "unverifiable"  # no population


def test_a_unit_is_one_unit_however_written_and_a_length_of_time_is_no_part_of_a_year():
    from service.vocabulary.units import unit_of

    assert unit_of("square kilometres of the lake") == unit_of("km2") == unit_of("sq km")
    assert unit_of("megawatts") == unit_of("MW") != unit_of("MWh")
    assert unit_of("in") is None and unit_of("people") is None  # no inch, no unit
    agency, facts = AGENCY_OF_VELMARK, BLOOMS
    day = date(2025, 7, 23)
    now = facts[:2]  # (with the bloom of 2018 beside it, a bloom with no year is either)
    text = "The algae bloom on Lake Sorvan now covers {} square kilometres."
    assert check(text.format("11.2"), now, day)["11.2"]["verdict"] == "supported"
    assert check(text.format("14.2"), now, day)["14.2"]["verdict"] == "contradicted"
    text = "The Brackley wind farm has a capacity of {} megawatts."
    assert check(text.format("420"), facts, day)["420"]["verdict"] == "supported"
    assert check(text.format("520"), facts, day)["520"]["verdict"] == "contradicted"
    # its publisher's first estimate, put at a figure since revised
    text = (
        "The algae bloom on Lake Sorvan covers 11.2 square kilometres. Its initial estimate "
        "put the affected area at {} square kilometres."
    )
    assert check(text.format("6.5"), now, day)["6.5"]["verdict"] == "supported"
    # "lasted six weeks" is how long, not part of a year: the bloom of 2018
    text = (
        "The last bloom on Lake Sorvan, in 2018, covered {} square kilometres and lasted six weeks."
    )
    assert check(text.format("7.9"), facts, day)["7.9"]["verdict"] == "supported"
    fire = Fact("f", "Hask harbour fire 2024", "area", 0.3, agency, unit="km2", as_of="2024-05-01",
                period="2024", keywords=("Hask", "harbour", "fire"))  # fmt: skip
    text = "The algae bloom on Lake Sorvan, first seen in 2024, now covers {} square kilometres."
    assert check(text.format("11.2"), [*now, fire], day)["11.2"]["verdict"] == "supported"


def test_a_measure_of_another_thing_or_compared_with_another_year_is_not_the_facts():
    facts = BLOOMS
    now, day = facts[:2], date(2025, 7, 23)
    lead = "The algae bloom on Lake Sorvan covers 11.2 square kilometres. "
    # what the measure is of, said before it: the lake, the cable, not the bloom or the farm
    for said in (
        "The lake's total area is 6.5 square kilometres.",
        "Its initial estimate put the area of the whole lake at 6.5 square kilometres.",
    ):
        found = check(lead + said, now, day)
        assert found["11.2"]["verdict"] == "supported"
        assert found["6.5"]["verdict"] == "unverifiable", said
    text = "The Brackley wind farm has a capacity of 420 megawatts. {} can carry 520 megawatts."
    for cable in ("Its cable", "The farm's export cable"):
        found = check(text.format(cable), facts, day)
        assert found["420"]["verdict"] == "supported" and found["520"]["verdict"] == "unverifiable"
    # ... while the bloom's own words, or the place's possessive of them, still reach it
    for said in (
        "Lake Sorvan's algae bloom covers {} square kilometres.",
        "The bloom's area is {} square kilometres.",
        "The area of the bloom on Lake Sorvan is {} square kilometres.",
    ):
        assert check(said.format("14.2"), now, day)["14.2"]["verdict"] == "contradicted", said
    # a possessive that opens another phrase says nothing of the measure
    rain = event("r", "Velm floods", "rainfall", 204, "mm", keywords=("Velm", "floods", "rain"))
    text = "In Velm the river burst its banks after more than {} millimetres of rain fell."
    found = check(text.format("200"), [rain], day)
    assert found["more than 200"]["verdict"] == "supported"
    # the year after "than" is the one the figure is compared with: no bloom of 2018's figure
    text = "The algae bloom on Lake Sorvan covers 7.9 square kilometres, more than in 2018."
    assert check(text, facts, day)["7.9"]["verdict"] != "supported"
    text = "The last bloom on Lake Sorvan, in 2018, covered 7.9 square kilometres."
    assert check(text, facts, day)["7.9"]["verdict"] == "supported"


def test_a_tie_goes_to_the_fact_whose_own_words_alone_stand_just_before_the_figure():
    fire = ("Brackwater", "Tellan Chemicals", "chemical", "depot", "fire", "blaze", "smoke")
    facts = [
        event("f", "Brackwater chemical depot fire", "date", "2025-07-06", None,
              keywords=(*fire, "broke out", "started")),
        event("e", "Brackwater evacuation order lifted", "date", "2025-07-07", None,
              keywords=(*fire, "evacuation", "lifted", "return")),
    ]  # fmt: skip
    day = date(2025, 7, 9)
    # both facts' shared keywords fill the score's cap: the words of the action tell them apart
    text = "In Brackwater the blaze at the Tellan Chemicals depot broke out on {}."
    found = check(text.format("July 6"), facts, day)["July 6"]
    assert found["verdict"] == "supported" and ids(found) == ["f"]
    found = check(text.format("July 8"), facts, day)["July 8"]
    assert found["verdict"] == "contradicted" and ids(found) == ["f"]
    text = "In Brackwater the evacuation order over the Tellan Chemicals fire was lifted on {}."
    assert check(text.format("July 7"), facts, day)["July 7"]["verdict"] == "supported"
    # a tie stays a tie where the fact's own words stand after the figure (the order was
    # issued that day), or both facts' own words stand in the clause
    for text in (
        "In Brackwater the evacuation order over the Tellan Chemicals fire was issued on July 6 "
        "and lifted a day later.",
        "In Brackwater the order was lifted two days after the Tellan Chemicals blaze broke out "
        "on July 6.",
    ):
        assert check(text, facts, day)["July 6"]["verdict"] == "unverifiable", text


def test_a_fact_of_a_place_the_article_never_names_is_not_compared_by_its_metric_alone():
    network = Source("Brennick Food Bank Network", "https://example.org/brennick")
    keys = ("warehouse", "Brennick", "food bank", "cost", "costing")
    warehouse = event("w", "Brennick Food Bank Network new warehouse", "cost", 1_900_000, "EUR",
                      network, place="Brennick", keywords=keys)  # fmt: skip
    line = event("l", "Wrenhill branch line", "length", 9.6, "km", place="Wrenhill",
                 keywords=("Wrenhill", "steam", "track"))  # fmt: skip
    railway = "WRENHILL - Steam trains are back at Wrenhill station. "
    text = railway + "The railway had estimated the cost at €4.1 million when work began."
    assert check(text, [warehouse, line])["€4.1 million"]["verdict"] == "unverifiable"
    # ... but where the article names its place, its figure is the fact's to check
    text = "BRENNICK - The food bank network had estimated the cost at €4.1 million."
    found = check(text, [warehouse, line])["€4.1 million"]
    assert found["verdict"] == "contradicted" and ids(found) == ["w"]


def test_a_bound_far_below_the_fact_it_lies_under_backs_nothing():
    census = Source("Caddon Statistics Office", "https://example.org/caddon")
    facts = [event("p", "Caddon", "population", 187_400, "people", census, place="Caddon",
                   period="2024", keywords=("Caddon", "residents"))]  # fmt: skip
    day = date(2025, 11, 11)
    text = "In Caddon more than {} people have responded to the council's consultation."
    found = check(text.format("4,800"), facts, day)["more than 4,800"]
    assert found["verdict"] == "unverifiable" and "times apart" in found["explanation"]
    text = "Caddon has more than {} people."
    assert check(text.format("180,000"), facts, day)["more than 180,000"]["verdict"] == "supported"


def test_a_bare_figure_said_to_be_a_group_counts_that_group():
    keys = ("measles", "outbreak", "Orrel", "cases")
    cases = event("c", "Orrel measles outbreak", "cases", 84, "cases", keywords=keys)
    children = event("k", "Orrel measles outbreak", "cases_children_under_15", 62, "cases",
                     keywords=(*keys, "children", "under 15"))  # fmt: skip
    text = "The Orrel measles outbreak has grown. Of those infected, {} are children under 15."
    assert check(text.format("62"), [cases])["62"]["verdict"] == "unverifiable"  # not all cases
    found = check(text.format("62"), [cases, children])["62"]
    assert found["verdict"] == "supported" and ids(found) == ["k"]
    found = check(text.format("84"), [cases, children])["84"]
    assert found["verdict"] == "unverifiable"  # the children are not every case


def test_another_publishers_figure_of_a_thing_its_own_keywords_do_not_say_still_conflicts():
    zoo = Source("Halberg Zoo", "https://example.org/zoo")
    board = Source("Meravia Tourist Board", "https://example.org/board")
    keys = ("Halberg Zoo", "zoo", "Halberg", "visitors", "annual visitors")
    facts = [
        event("z", "Halberg Zoo", "visitors", 612_000, "visitors", zoo, place="Halberg",
              period="2024", keywords=(*keys, "visitor numbers")),
        event("t", "Halberg Zoo", "visitors", 587_000, "visitors", board, place="Halberg",
              period="2024", keywords=(*keys, "attractions survey")),
    ]  # fmt: skip
    text = "At Halberg Zoo, annual visitor numbers reached {} last year."
    found = check(text.format("612,000"), facts, date(2025, 6, 1))["612,000"]
    assert found["verdict"] == "conflicting" and sorted(ids(found)) == ["t", "z"]
    found = check(text.format("640,000"), facts, date(2025, 6, 1))["640,000"]
    assert found["verdict"] == "contradicted"


def test_a_year_another_clause_counts_from_is_not_the_figures():
    line = event("x", "Wrenhill branch line restoration", "length", 9.6, "km", place="Wrenhill",
                 keywords=("Wrenhill", "branch line", "restoration", "track", "steam"))  # fmt: skip
    text = (
        "Steam trains are back at Wrenhill station for the first time since the branch line "
        "closed in 1967, after volunteers finished restoring a {} km stretch of track."
    )
    opened = event("o", "Wrenhill branch line restoration", "date", "2025-05-17", None,
                   place="Wrenhill", keywords=("Wrenhill", "branch line", "reopened"))  # fmt: skip
    found = check(text.format("9.6"), [line, opened], date(2025, 5, 20))["9.6"]
    assert found["verdict"] == "supported"  # not a figure of 1967
    # ... unlike the year a clause hung on it tells of
    floods = [
        event("f", "Calvaria floods of 2011", "killed", 57, keywords=("Calvaria", "floods")),
        Fact("n", "Calvaria floods of 2025", "killed", 63, TRUST, unit="people",
             as_of="2025-05-01", keywords=("Calvaria", "floods")),
    ]  # fmt: skip
    text = "The floods are the deadliest in Calvaria since 2011, when {} people died."
    found = check(text.format("57"), floods, date(2025, 5, 20))["57"]
    assert found["verdict"] == "supported" and ids(found) == ["f"]


def test_a_day_something_reopened_is_its_reopening_not_the_day_it_closed():
    keys = ("Brackwell Baths", "baths", "pool", "swimming")
    facts = [
        event("r", "Brackwell Baths", "reopening_date", "2025-06-21", None, place="Brackwell",
              keywords=(*keys, "reopened", "reopening", "opened")),
        event("c", "Brackwell Baths", "closure_date", "2020-03-18", None, place="Brackwell",
              keywords=(*keys, "closed", "closure", "leaks")),
    ]  # fmt: skip
    text = "Brackwell Baths reopened on {} after more than five years closed, and swimmers queued."
    found = check(text.format("21 June"), facts, date(2025, 7, 2))["21 June"]
    assert found["verdict"] == "supported" and ids(found) == ["r"]
    found = check(text.format("28 June"), facts, date(2025, 7, 2))["28 June"]
    assert found["verdict"] == "contradicted" and ids(found) == ["r"]


def test_planned_hospital_care_is_a_kind_of_care_not_a_plan():
    board = Source("Tolworth Health Board", "https://example.org/tolworth/waiting")
    waiting = event("w", "Tolworth hospital waiting list", "patients_waiting", 61_200, "patients",
                    board, place="Tolworth", period="2025-01",
                    keywords=("waiting", "Tolworth", "patients", "treatment"))  # fmt: skip
    text = (
        "The number of patients in Tolworth waiting for planned {} rose to 61,200 in "
        "January, the health board said."
    )
    for care in ("treatment", "hospital treatment", "operations"):
        found = check(text.format(care), [waiting], date(2025, 2, 20))["61,200"]
        assert found["verdict"] == "supported", (care, found["explanation"])
    # a plan is still a plan: "has planned 61,200 operations" is no outcome
    planned = "The Tolworth board has planned 61,200 operations for patients waiting in January."
    assert check(planned, [waiting], date(2025, 2, 20))["61,200"]["verdict"] == "unverifiable"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The planned care home on Mill Lane in Harwick would cost £12 million.", "£12 million"),
        ("The planned treatment works at Harwick would cost £12 million.", "£12 million"),
        ("A planned operation in Harwick involving 150 officers was called off.", "150"),
        # a hospital's own plan, and care said of no hospital
        (
            "The trust's planned care home for patients in Harwick would cost £12 million.",
            "£12 million",
        ),
        ("Police said planned operations in Harwick involved 150 officers.", "150"),
    ],
)
def test_a_planned_thing_named_like_care_is_still_a_plan(text, figure):
    council = Source("Harwick Council", "https://example.org/harwick")
    facts = [
        event("c", "Mill Lane care home", "cost", 14_000_000, "GBP", council, place="Harwick",
              keywords=("care home", "Mill Lane", "treatment works", "Harwick")),
        event("p", "Harwick police operation", "officers", 200, "officers", council,
              place="Harwick", keywords=("operation", "officers", "Harwick")),
    ]  # fmt: skip
    found = check(text, facts, date(2025, 3, 1))[figure]
    assert found["verdict"] == "unverifiable", found["explanation"]
