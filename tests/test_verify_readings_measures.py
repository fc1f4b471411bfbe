"""Measures: a unit a reference writes as a symbol ("t", "ha") is the unit an article spells
out, and a bound said of what a limit stops ("lorries weighing more than 7.5 tonnes") gives
the limit itself. Each sentence was read unverifiable, or would have been read wrong."""

from __future__ import annotations

from datetime import date

import pytest

from service.vocabulary.units import same_unit
from tests.test_verify_readings import check, event

PUBLISHED = date(2026, 2, 10)


@pytest.mark.parametrize(
    ("said", "unit", "same"),
    [("tonnes", "t", True), ("hectares", "ha", True), ("metres", "m", True),
     ("km", "m", False), ("tonnes", "kg", False), ("people", "t", False), (None, "t", False)],
)  # fmt: skip
def test_a_unit_symbol_is_the_unit_spelt_out(said, unit, same):
    assert same_unit(said, unit) is same


@pytest.mark.parametrize(
    ("text", "verdict"),
    [("The elephant house at Halberg Zoo covers 1.2 hectares.", "supported"),
     ("The elephant house at Halberg Zoo covers 1.6 hectares.", "contradicted"),
     ("The elephant house at Halberg Zoo covers 1.2 acres.", "unverifiable")],
)  # fmt: skip
def test_a_measure_in_a_references_symbol_is_compared(text, verdict):
    fact = event("area", "Halberg Zoo elephant house", "area", 1.2, unit="ha",
                 keywords=("elephant house", "area"))  # fmt: skip
    figure = text.split(" covers ")[1].split()[0]
    found = check(text, [fact], PUBLISHED)[figure]
    assert found["verdict"] == verdict, found["explanation"]


@pytest.mark.parametrize(
    ("said", "metric", "verdict"),
    [("more than 7.5", "weight_limit", "supported"),
     ("over 7.5", "weight_limit", "supported"),
     ("more than 10", "weight_limit", "contradicted"),
     # no limit: "more than 7.5 tonnes" of a load is not a load of 7.5 tonnes
     ("more than 7.5", "load", "contradicted")],
)  # fmt: skip
def test_a_bound_said_of_what_a_limit_stops_is_the_limit(said, metric, verdict):
    fact = event("limit", "Vennor Bridge weight restriction", metric, 7.5, unit="t",
                 keywords=("Vennor Bridge", "weight limit", "lorries", "tonnes"))  # fmt: skip
    text = f"Lorries weighing {said} tonnes have been banned from the Vennor Bridge."
    found = check(text, [fact], PUBLISHED)[said]
    assert found["verdict"] == verdict, found["explanation"]
