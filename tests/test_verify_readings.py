"""Reading a claim right before comparing it: which figure a word, a date or a place belongs
to, what a figure counts and which event it is about. Each test is one general rule that a
wrong reading would turn into a false "supported" or "contradicted"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from service.claims import extract
from service.model import Claim, Fact, Slot, Source
from service.verify import gates
from service.verify.context import context_of
from service.verify.frames import frame_of
from service.verify.match import Inputs, Match, Outcome, inputs
from service.verify.placing import ArticleView
from service.verify.profiles import Hints
from service.verify.rules import RULES
from service.verify.verdicts import decide
from tests.test_verify_match import verdicts

WB = Source("World Bank, World Development Indicators", "https://data.worldbank.org/indicator/X")
AGENCY = Source("Disaster Agency, situation report 4", "https://example.org/report-4")
BOARD = Source("Electoral Board, final results", "https://example.org/results")
POLICE = Source("City Police, annual report", "https://example.org/police")
DAY = date(2024, 10, 9)


def stat(metric, value, period, place="Chile", unit="%", source=WB, subject=None) -> Fact:
    """A figure of a series: a place's (or a body's) metric for one period."""
    subject = subject or place
    return Fact(f"{subject}-{place}-{metric}-{period}", subject, metric, value, source,
                unit=unit, as_of="2024-06-30", place=place, period=period)  # fmt: skip


def event(id_, subject, metric, value, unit="people", source=AGENCY, **more) -> Fact:
    return Fact(id_, subject, metric, value, source, unit=unit, as_of="2024-10-01", **more)


def check(text, facts, published_at=DAY) -> dict[str, dict]:
    return verdicts(text, facts, published_at)


def read(text: str, which: str, published_at=DAY, title=None):
    """The claim `which` of `text`, its frame and its context."""
    claims = [Claim.of(c) for c in extract(text, published_at)]
    claim = next(c for c in claims if c.text == which)
    ctx = context_of(text, claim, title, claims)
    view = ArticleView.of(text, title, published_at)
    return claim, frame_of(claim, ctx, [c for c in claims if c.is_date], view), ctx


# -- the words of a sentence belong to the figure they stand by ---------------------------------


def test_a_thousands_separator_ends_no_clause():
    text = "Burglaries fell to 5,412 from 6,020, and arrests rose."
    claims = [Claim.of(c) for c in extract(text)]
    later = next(c for c in claims if c.text == "6,020")
    ctx = context_of(text, later, None, claims)
    assert ctx.sentence[ctx.clause[0] : ctx.clause[1]].startswith("burglaries fell")


def test_what_happened_after_a_new_clause_or_to_the_next_figure_is_not_the_figures():
    found = {c["text"]: c for c in extract("Thefts fell to 5,412 from 6,020, and arrests rose.")}
    assert found["6,020"]["category"] is None
    found = {c["text"]: c for c in extract("The outbreak has infected 4,600 people and killed 57.")}
    assert found["4,600"]["category"] is None
    assert found["57"]["category"] == "killed"


def test_a_metric_word_of_the_other_conjunct_is_not_the_figures():
    facts = [
        event("d", "Orlo floods", "destroyed", 1215, "homes", keywords=("Orlo", "floods")),
        event("g", "Orlo floods", "damaged", 7240, "homes", keywords=("Orlo", "floods")),
    ]
    found = check("In the Orlo floods 1,200 homes were destroyed and 7,240 damaged.", facts)
    assert found["7,240"]["verdict"] == "supported"
    assert [e["reference_id"] for e in found["7,240"]["evidence"]] == ["g"]


def test_a_place_after_another_figure_is_that_figures():
    facts = [
        stat("inflation", 2.85, "2019", "Czechia"),
        stat("inflation", 2.66, "2019", "Slovakia"),
    ]
    text = "In 2019 inflation reached 2.8% in the Czech Republic and 2.7% in Slovakia."
    found = check(text, facts, date(2020, 3, 1))
    assert found["2.7%"]["frame"]["place"]["value"] == "SVK"


def test_a_relative_clause_is_about_the_name_it_follows():
    greens = dict(aliases=("Greens",), source=BOARD)
    facts = [
        event("g", "Green Coalition in the 2024 Drossen election", "vote_share", 34.7, "%",
              keywords=("Drossen", "Lindqvist", "share", "of the vote"), **greens),
        event("t", "Green Coalition in the 2024 Drossen election", "seats", 29, "seats",
              keywords=("Drossen", "Lindqvist", "seats"), **greens),
        event("s", "Social Democrats in the 2024 Drossen election", "vote_share", 17.1, "%",
              BOARD, aliases=("Social Democrats",), keywords=("Drossen", "of the vote")),
    ]  # fmt: skip
    text = "Lindqvist will talk to the Social Democrats, who won 17.4% of the vote."
    found = check(text, facts)["17.4%"]
    assert found["verdict"] == "contradicted"
    assert [e["reference_id"] for e in found["evidence"]] == ["s"]


# -- periods and events -------------------------------------------------------------------------


def test_the_level_a_change_started_from_has_no_period_of_the_articles():
    facts = [stat("population", 19_960_889, "2023", unit="people")]
    found = check("Chile's population rose to 20 million from 19.6 million.", facts)
    assert found["19.6 million"]["verdict"] == "unverifiable"
    assert found["20 million"]["verdict"] == "supported"


def test_a_figure_a_year_earlier_is_about_the_year_before():
    facts = [stat("gdp", 335e9, "2023", unit="USD"), stat("gdp", 301e9, "2022", unit="USD")]
    text = "Chile's GDP rose to $335 billion in 2023 from $301 billion a year earlier."
    found = check(text, facts)["$301 billion"]
    assert found["verdict"] == "supported"
    assert [e["period"] for e in found["evidence"]] == ["2022"]


def test_a_figure_for_a_year_after_the_articles_is_a_target():
    facts = [event("c", "2024 Calder Cup final", "attendance", 48_317, "spectators",
                   keywords=("Calder Cup", "crowd"))]  # fmt: skip
    found = check("The Calder Cup crowd should reach 50,000 by 2027.", facts)
    assert found["50,000"]["verdict"] == "unverifiable"
    assert "forecast" in found["50,000"]["explanation"]


def test_a_forecast_word_of_a_later_predicate_is_not_the_figures():
    facts = [event("f", "Farmers' League in the 2024 Drossen election", "seats", 9, "seats",
                   BOARD, aliases=("Farmers' League",), keywords=("Drossen", "seats"))]  # fmt: skip
    found = check("The Farmers' League won 10 seats and will be courted by both parties.", facts)
    assert found["10"]["verdict"] == "contradicted"


def test_the_outgoing_assembly_is_the_previous_elections():
    facts = [
        event("d", "2024 Drossen election", "date", "2024-10-06", None, BOARD),
        event("g", "Green Coalition in the 2024 Drossen election", "seats", 29, "seats", BOARD,
              aliases=("Greens",), keywords=("Drossen", "seats")),
    ]  # fmt: skip
    found = check("The Greens, who held 21 seats in the outgoing assembly, gained.", facts)
    assert found["21"]["verdict"] == "unverifiable"


def test_a_year_dates_the_figure_it_follows_and_an_events_name_dates_it():
    keys = ("Drossen", "election", "turnout")
    facts = [
        event("n", "2024 Drossen election", "turnout", 61.2, "%", BOARD, keywords=keys),
        event("o", "2019 Drossen election", "turnout", 55.8, "%", BOARD, keywords=(*keys, "2019")),
    ]
    found = check("Drossen election turnout was 61.2%, up from 57.1% in 2019.", facts)
    assert found["61.2%"]["verdict"] == "supported"  # not the 2019 turnout: 2019 is the 57.1%'s
    assert [e["reference_id"] for e in found["61.2%"]["evidence"]] == ["n"]
    assert "n" not in [e["reference_id"] for e in found["57.1%"]["evidence"]]


def test_that_year_is_the_year_the_text_gave_last():
    text = "The 2011 floods killed 57 people. About 90,000 people were displaced that year."
    _, frame, _ = read(text, "About 90,000")
    assert frame.period.value == "2011"


def test_a_month_alone_makes_a_figure_part_of_a_year():
    facts = [stat("homicides", 64, "2024", "Port Sallow", "homicides", POLICE)]
    found = check("In Port Sallow, January alone brought six homicides.", facts, date(2025, 2, 4))
    assert found["six"]["verdict"] == "unverifiable"


def test_an_undated_figure_is_about_the_current_event_not_a_past_one_of_its_kind():
    keys = dict(keywords=("Amarri", "cholera", "outbreak", "cases"))
    facts = [
        event("o", "2017 Amarri cholera outbreak", "cases", 11_480, "cases", **keys),
        event("n", "2024 Amarri cholera outbreak", "cases", 4_620, "cases", **keys),
    ]
    text = "The Amarri cholera outbreak has now infected more than 4,600 people."
    found = check(text, facts, date(2024, 8, 22))["more than 4,600"]
    assert found["verdict"] == "supported"
    assert [e["reference_id"] for e in found["evidence"]] == ["n"]


def test_an_events_name_and_a_year_keyword_date_it_and_rule_out_dates_years_away():
    facts = [
        event("t", "2019 Drossen regional election", "turnout", 55.8, "%", BOARD,
              keywords=("Drossen", "election")),
        event("k", "Kessel floods", "killed", 12, keywords=("Kessel", "2011")),
    ]  # fmt: skip
    hints = Hints.from_facts(facts, DAY.isoformat())
    assert hints.event_years["2019 drossen regional election"] == {"2019"}
    assert hints.event_years["kessel floods"] == {"2011"}
    text = "The Greens won Sunday's Drossen election."
    claim, frame, ctx = read(text, "Sunday")
    assert gates.other_event(claim, frame, facts[0], hints, ctx)


def test_an_ordinal_names_an_event_of_a_series():
    quake = dict(keywords=("Sarrow", "earthquake", "quake", "magnitude"))
    facts = [
        event("a", "12 September Sarrow earthquake", "magnitude", 6.1, None,
              aliases=("first Sarrow Valley earthquake",), **quake),
        event("b", "15 September Sarrow earthquake", "magnitude", 5.6, None,
              aliases=("second Sarrow Valley earthquake",), **quake),
    ]  # fmt: skip
    found = check("The first quake, of magnitude 6.1, hit the Sarrow valley.", facts)["6.1"]
    assert found["verdict"] == "supported"
    assert [e["reference_id"] for e in found["evidence"]] == ["a"]


def test_a_date_set_after_a_figure_is_its_period():
    _, frame, _ = read(
        "Saturday's crowd fell short of the record of 64,732, set in 1998.", "64,732"
    )
    assert frame.period.value == "1998"


def test_the_articles_place_dates_no_event():
    same_place = next(r for r in RULES if r.name == "same_place").feature
    fact = event("d", "Orlo floods", "date", "2024-03-14", None, place="Orlo")
    claim, frame, _ = read("The floods began on March 14.", "March 14")
    frame = replace(frame, place=Slot("orlo", "article"))
    assert same_place(Inputs(claim, frame, fact, place="same")) == 0.0
    count, frame, _ = read("The floods killed 12 people.", "12")
    frame = replace(frame, place=Slot("orlo", "article"))
    assert same_place(Inputs(count, frame, fact, place="same")) == 1.0


def test_the_final_of_another_event_rivals_the_best_one():
    facts = [
        event("w", "2024 Calder Cup women's final", "date", "2024-09-14", None,
              keywords=("Calder Cup", "final", "Westmoor")),
        event("m", "2024 Calder Cup men's final", "attendance", 51_640, "spectators",
              aliases=("men's cup final",), keywords=("Calder Cup", "final", "crowd")),
    ]  # fmt: skip
    text = "At Westmoor only the men's cup final in May drew more, with 51,460 fans."
    assert check(text, facts, date(2024, 9, 16))["May"]["verdict"] == "unverifiable"


# -- what is counted, and how ---------------------------------------------------------------------


def test_evacuations_are_counted_apart_from_the_displaced():
    fire = dict(keywords=("Corran", "fire", "residents"))
    displaced = [event("d", "Corran fire", "displaced", 4_100, **fire)]
    evacuated = [event("e", "Corran fire", "evacuated", 4_100, **fire)]
    text = "About 3,400 residents have been evacuated from the Corran fire."
    assert check(text, displaced)["About 3,400"]["verdict"] == "unverifiable"
    assert check(text, evacuated)["About 3,400"]["verdict"] == "contradicted"


def test_a_group_is_no_count_of_people_in_general():
    facts = [event("k", "Orlo floods", "killed", 31, keywords=("Orlo", "floods"))]
    found = check("Seven soldiers were killed in the Orlo floods.", facts)
    assert found["Seven"]["verdict"] == "unverifiable"


def test_a_phrase_naming_the_metric_counts_what_the_fact_counts():
    facts = [event("j", "Halvern Motors", "job_cuts", 1_150, "jobs",
                   keywords=("Halvern", "job cuts", "jobs"))]  # fmt: skip
    found = check("Halvern Motors announced 1,150 job cuts last month.", facts)
    assert found["1,150"]["verdict"] == "supported"


def test_a_noun_phrase_ends_at_a_verb_or_a_name():
    subjects = {c["text"]: c["subject"] for c in extract("Some 4,900 workers walked out.")}
    assert subjects["Some 4,900"] == "workers"
    subjects = {c["text"]: c["subject"] for c in extract("A crowd of 48,317 watched Harbour City.")}
    assert subjects["48,317"] is None
    subjects = {c["text"]: c["subject"] for c in extract("It has 4,620 confirmed cases.")}
    assert subjects["4,620"] == "confirmed cases"


def test_a_measured_quantity_matches_its_unit_in_the_singular_or_plural():
    facts = [
        event("a", "Corran fire", "area_burned", 3_150, "hectares", keywords=("Corran", "burned")),
        event("r", "Corran fire", "rainfall", 212, "mm", keywords=("Corran", "rain")),
    ]
    found = check("The Corran fire has burned 3,150 hectares.", facts)
    assert found["3,150"]["verdict"] == "supported"
    found = check("The Corran fire came after more than 200 millimetres of rain fell.", facts)
    assert found["more than 200"]["verdict"] == "supported"


def test_an_average_is_compared_only_with_an_average():
    facts = [
        event("f", "2024 Calder Cup final", "attendance", 48_317, "spectators",
              keywords=("Calder", "crowd", "spectators")),
        event("l", "Calder League", "average_attendance", 2_870, "spectators per match",
              keywords=("Calder League", "average", "spectators")),
    ]  # fmt: skip
    found = check("Calder League matches drew an average of about 2,900 spectators.", facts)
    assert found["about 2,900"]["verdict"] == "supported"
    assert [e["reference_id"] for e in found["about 2,900"]["evidence"]] == ["l"]


def test_several_events_together_are_no_one_events_figure():
    _, frame, _ = read("Together the two fires have burned about 17,000 hectares.", "about 17,000")
    assert frame.whole is not None
    _, frame, _ = read("Two wildfires rage as the Corran blaze passes 14,000 hectares.", "14,000")
    assert frame.whole is None


def test_a_party_is_known_by_its_name_and_a_total_by_saying_so():
    keys = ("Estova", "election", "seats", "parliament")
    total = event("t", "2024 Estova election", "seats_total", 120, "seats", BOARD, keywords=keys)
    parties = [
        event("c", "Civic Union in the 2024 Estova election", "seats", 58, "seats", BOARD,
              aliases=("Civic Union",), keywords=(*keys, "won")),
        event("l", "Labour Alliance in the 2024 Estova election", "seats", 41, "seats", BOARD,
              aliases=("Labour Alliance",), keywords=keys),
    ]  # fmt: skip
    text = "Civic Union won the Estova election. The Greens won 9 seats in parliament."
    assert check(text, parties)["9"]["verdict"] == "unverifiable"  # not Civic Union's 58
    assert check(text, [total])["9"]["verdict"] == "unverifiable"  # nor the parliament's 120
    found = check("In the Estova election Civic Union won 58 of the 120 seats.", [total, *parties])
    assert found["58"]["verdict"] == "supported"
    assert found["120"]["verdict"] == "supported"


def test_a_named_fact_beats_an_unnamed_one_past_the_scores_cap():
    keys = dict(source=BOARD, keywords=("Drossen", "seats"))
    greens = event(
        "g", "Green Coalition in the 2024 Drossen election", "seats", 29, "seats", **keys
    )
    people = event("p", "People's Party in the 2024 Drossen election", "seats", 24, "seats", **keys)
    said = Claim.of(extract("The Green Coalition took 29 seats.")[0])
    best, rival = Match(greens, 1.0, 1.4, named=True), Match(people, 1.0, 1.1, named=False)
    assert decide(said, Outcome([best, rival]))["verdict"] == "supported"
    unnamed = Match(greens, 1.0, 1.4, named=False)
    assert decide(said, Outcome([unnamed, rival]))["verdict"] == "unverifiable"


def test_the_keywords_of_a_metric_of_a_sources_own_say_it():
    keys = ("Drossen", "election", "vote")
    facts = [
        event("v", "Greens in the 2024 Drossen election", "votes", 412_806, "votes", BOARD,
              aliases=("Greens",), keywords=(*keys, "votes")),
        event("r", "2024 Drossen election", "registered_voters", 1_946_300, "voters", BOARD,
              keywords=(*keys, "registered")),
        event("u", "2024 Drossen election", "turnout", 61.2, "%", BOARD,
              keywords=(*keys, "turnout")),
    ]  # fmt: skip
    found = check(
        "In the Drossen election about 1.95 million people were registered to vote.", facts
    )
    assert found["about 1.95 million"]["verdict"] == "supported"
    assert [e["reference_id"] for e in found["about 1.95 million"]["evidence"]] == ["r"]


def test_a_records_date_is_a_date_said_as_the_records():
    record = event("r", "Brannock Park", "record_attendance_date", "1998-04-25", None,
                   keywords=("Brannock Park", "record"))  # fmt: skip
    hints = Hints.from_facts([record], DAY.isoformat())
    claim, frame, ctx = read("Brannock Park, which opened in 1911, is due to be renovated.", "1911")
    assert inputs(claim, frame, record, ctx, hints) == (None, "metric")
    claim, frame, ctx = read("Brannock Park's record crowd came in 1998.", "1998")
    assert inputs(claim, frame, record, ctx, hints)[0] is not None


# -- places ------------------------------------------------------------------------------------


def test_a_population_phrase_is_about_the_place_it_is_attached_to():
    facts = [stat("population", 227_882_945, "2023", "Nigeria", "people")]
    text = "In Nigeria prices doubled. Lagos alone, a city of more than 15 million, suffered."
    assert check(text, facts)["more than 15 million"]["verdict"] == "unverifiable"
    text = "In Nigeria prices doubled. In Kano, home to about 4 million people, rents rose."
    assert check(text, facts)["about 4 million"]["verdict"] == "unverifiable"
    jobs = [event("j", "Halvern Motors", "job_cuts", 1_150, "jobs", place="Brennick, Vestria",
                  keywords=("Halvern", "job cuts", "Brennick"))]  # fmt: skip
    found = check("Halvern Motors will cut jobs. Brennick, a city of 310,000, is worried.", jobs)
    assert found["310,000"]["verdict"] == "unverifiable"


def test_a_place_in_a_compound_adjective_or_ranked_against_is_not_the_figures():
    facts = [
        stat("inflation", 5.22, "2022", "France"),
        stat("inflation", 5.28, "2022", "Cote d'Ivoire"),
    ]
    text = (
        "In Ivory Coast, the largest economy in French-speaking West Africa, inflation was "
        "5.3% last year."
    )
    found = check(text, facts, date(2023, 6, 1))["5.3%"]
    assert found["verdict"] == "supported"
    assert found["frame"]["place"]["value"] == "CIV"


def test_the_country_the_city_takes_the_place_the_text_was_speaking_of():
    facts = [stat("population", 7_413_100, "2021", "Hong Kong SAR, China", "people"),
             stat("population", 51_769_539, "2021", "Korea, Rep.", "people")]  # fmt: skip
    text = (
        "South Korea grew. In Hong Kong, inflation was 1.6% in 2021. The city's population "
        "fell to 7.5 million in 2021."
    )
    found = check(text, facts, date(2022, 2, 1))["7.5 million"]
    assert found["verdict"] == "contradicted"
    assert found["frame"]["place"]["value"] == "HKG"


def test_a_figure_without_a_place_is_of_the_place_the_text_last_spoke_of():
    text = (
        "The Philippines' economy shrank in 2020. Officials blamed the lockdowns.\n\n"
        "Inflation stayed moderate at 2.4% last year."
    )
    _, frame, _ = read(text, "2.4%", date(2021, 5, 20), title="Vietnam is the exception")
    assert (frame.place.value, frame.place.origin) == ("PHL", "before")
    text = (
        "Chile grew. Immigration from Venezuela, Haiti and Colombia rose. The census counted "
        "17.6 million residents in 2017."
    )
    _, frame, _ = read(text, "17.6 million", date(2024, 2, 20))
    assert frame.place.value == "CHL"


def test_a_place_named_after_in_is_the_figures_even_one_the_gazetteer_does_not_know():
    facts = [stat("population", 90_608_707, "2023", "Iran, Islamic Rep.", "people")]
    text = "Iran's population passed 90 million in 2023, and about 9 million people live in Tehran."
    found = check(text, facts, date(2024, 9, 5))
    assert found["90 million"]["verdict"] == "supported"
    assert found["about 9 million"]["verdict"] == "unverifiable"


def test_a_figure_of_another_place_than_an_events_is_not_the_events():
    facts = [event("c", "2024 Amarri cholera outbreak", "cases", 4_620, "cases",
                   place="Amarri, Kavunda", keywords=("Amarri", "cholera", "cases"))]  # fmt: skip
    text = (
        "In the capital, Nareth, 37 cholera cases have been confirmed among travellers from Amarri."
    )
    assert check(text, facts, date(2024, 8, 22))["37"]["verdict"] == "unverifiable"


def test_a_national_figure_is_the_countrys_not_the_citys():
    facts = [
        stat("homicide_rate", 9.3, "2024", "Port Sallow", "per 100,000 people", POLICE),
        stat("unemployment_rate", 6.8, "2024", "Vestria"),
        event("s", "Brennick strike", "strikers", 4_900, "workers", place="Brennick, Vestria"),
    ]
    text = "Port Sallow's homicide rate is 9.3, well above the national average of 5.1."
    assert check(text, facts, date(2025, 2, 4))["5.1"]["verdict"] == "unverifiable"
    text = "Workers in Brennick struck. Nationally, unemployment averaged 6.8% in 2024."
    assert check(text, facts, date(2025, 3, 1))["6.8%"]["verdict"] == "supported"


def test_a_companys_series_is_about_the_company_not_the_articles_town():
    facts = [stat("revenue", 8.4e9, "2024", "Vestria", "EUR", subject="Halvern Motors")]
    text = "Workers in Brennick struck. Halvern Motors reported revenue of €8.4 billion in 2024."
    assert check(text, facts, date(2025, 3, 1))["€8.4 billion"]["verdict"] == "supported"


# -- money --------------------------------------------------------------------------------------


def test_currency_words_make_money_even_a_word_that_does_not_say_which():
    found = {
        c["text"]: c for c in extract("They paid 500 zlotys, 60,000 marks and 1.6 billion crowns.")
    }
    assert (found["500 zlotys"]["kind"], found["500 zlotys"]["unit"]) == ("money", "PLN")
    assert found["60,000 marks"]["kind"] == "money"
    assert found["1.6 billion crowns"]["kind"] == "money"
    damage = [event("d", "Velm floods", "damage", 410e6, "USD", keywords=("Velm", "damage"))]
    found = check("The Velm floods did damage of 1.6 billion crowns.", damage)
    assert found["1.6 billion crowns"]["verdict"] == "unverifiable"
    assert "another currency" in found["1.6 billion crowns"]["explanation"]
