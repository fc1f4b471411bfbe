"""A figure dated inside the one period the references hold of its thing ("when it was signed
on 14 June 2022" and a contract's 2022 value): the fact can back it, never refute it, and a
series of several periods still wants the claim's own period."""

from __future__ import annotations

from datetime import date

from service.model import Source
from tests.test_verify_readings import check, event
from tests.test_verify_readings_scope import ids

DEPARTMENT = Source("Department for Digital Connectivity", "https://example.org/contracts")
KEYS = dict(keywords=("contract", "Project Reach", "signed", "worth"), place="Ardmuir")
CONTRACT = event(
    "signed", "Project Reach Ardmuir", "contract_value", 212_000_000, "GBP", DEPARTMENT,
    period="2022", **KEYS,
)  # fmt: skip
TEXT = (
    "The Project Reach contract in Ardmuir, worth {} when it was signed on 14 June 2022, runs on."
)
PUBLISHED = date(2025, 9, 1)


def test_a_day_inside_the_one_period_of_its_thing_is_backed_by_that_periods_figure():
    found = check(TEXT.format("£212 million"), [CONTRACT], PUBLISHED)
    assert found["£212 million"]["verdict"] == "supported"
    assert ids(found["£212 million"]) == ["signed"]
    assert "lies inside the reference's (2022)" in found["£212 million"]["explanation"]


def test_a_figure_inside_a_longer_period_is_never_refuted_by_it():
    found = check(TEXT.format("£250 million"), [CONTRACT], PUBLISHED)
    assert found["£250 million"]["verdict"] == "unverifiable"
    assert "lies inside" in found["£250 million"]["explanation"]


def test_a_series_of_several_periods_wants_the_claims_own_period():
    later = event(
        "varied", "Project Reach Ardmuir", "contract_value", 251_000_000, "GBP", DEPARTMENT,
        period="2025", **KEYS,
    )  # fmt: skip
    found = check(TEXT.format("£212 million"), [CONTRACT, later], PUBLISHED)
    assert found["£212 million"]["verdict"] == "unverifiable"
    assert "not a whole one" in found["£212 million"]["explanation"]


def test_a_day_outside_the_facts_period_is_not_inside_it():
    found = check(TEXT.format("£212 million").replace("2022", "2023"), [CONTRACT], PUBLISHED)
    assert found["£212 million"]["verdict"] == "unverifiable"


def test_a_month_is_inside_a_year_but_only_a_day_inside_a_span():
    grant = event(
        "grant", "Dunmore fare cap", "grant", 3_600_000, "GBP", DEPARTMENT, period="2023-2025",
        keywords=("fare cap", "grant"), place="Dunmore",
    )  # fmt: skip
    text = "The Dunmore fare cap, paid for with a £3.6 million grant, began on {}."
    found = check(text.format("1 January 2023"), [grant], PUBLISHED)["£3.6 million"]
    assert found["verdict"] == "supported"
    found = check(text.format("January 2023"), [grant], PUBLISHED)["£3.6 million"]
    assert found["verdict"] == "unverifiable"
    found = check(TEXT.format("£212 million").replace("14 June", "June"), [CONTRACT], PUBLISHED)
    assert found["£212 million"]["verdict"] == "supported"
