"""The bundled World Bank packs: loaded at first start, the upstream swap mended, found through
places (never through generic words), in two round trips."""

from __future__ import annotations

import pytest

from service.references.importer import BUNDLED_PACKS, load_bundled
from service.references.packages import open_folder, package_facts
from service.references.store import PACKAGE, ReferenceStore, fact_place, term_index
from service.vocabulary.places import find_places


@pytest.fixture(scope="module")
def pack_facts() -> dict[str, list[dict]]:
    """Every bundled pack's facts, read (not stored) once for the module."""
    return {
        folder.name: package_facts(open_folder(folder))[1]
        for folder in sorted(p.parent for p in BUNDLED_PACKS.glob("*/datapackage.json"))
    }


def figure(facts: list[dict], place: str, metric: str, period: str) -> dict:
    (found,) = [
        f for f in facts if (f["place"], f["metric"], f["period"]) == (place, metric, period)
    ]
    return found


def test_packs_map_to_facts_with_places_periods_and_citations(pack_facts):
    assert {name: len(facts) for name, facts in pack_facts.items()} == {
        "gdp": 13_979,
        "inflation": 24_960,
        "population": 17_195,
    }
    us = figure(pack_facts["population"], "United States", "population", "2023")
    assert us["unit"] == "people" and 330e6 < us["value"] < 345e6 and us["as_of"] == "2026-03-06"
    assert us["source"]["name"] == "World Bank, World Development Indicators (SP.POP.TOTL)"
    assert us["source"]["url"] == "https://data.worldbank.org/indicator/SP.POP.TOTL?locations=US"
    world = figure(pack_facts["population"], "World", "population", "2023")
    assert world["source"]["url"].endswith("locations=WLD") and world["value"] > 8e9
    gdp = figure(pack_facts["gdp"], "China", "gdp", "2022")
    assert gdp["unit"] == "USD" and 17e12 < gdp["value"] < 18.5e12


def test_the_inflation_files_hold_the_right_indicators(pack_facts):
    """Upstream swapped CPI and the GDP deflator; our copy is mended (SOURCE.md)."""
    cpi = figure(pack_facts["inflation"], "United States", "inflation", "2022")
    deflator = figure(pack_facts["inflation"], "United States", "gdp_deflator", "2022")
    assert round(cpi["value"], 1) == 8.0 and cpi["unit"] == "%"
    assert round(deflator["value"], 1) == 7.1
    assert "FP.CPI.TOTL.ZG" in cpi["source"]["name"]
    assert "NY.GDP.DEFL.KD.ZG" in deflator["source"]["url"]


def test_every_pack_place_is_a_gazetteer_key_and_subjects_are_not_indexed(pack_facts):
    facts = [f for facts in pack_facts.values() for f in facts]
    assert all(fact_place(f) and fact_place(f).isupper() for f in facts)
    assert not any(term_index(f) for f in facts)
    south_africa = figure(pack_facts["population"], "South Africa", "population", "2020")
    assert fact_place(south_africa) == "ZAF"


def test_first_start_loads_packs_once_and_finds_them_by_place(redis_client, pack_facts):
    report = load_bundled(redis_client, only_if_empty=True)
    assert report["created"] == 14
    assert {n: r["created"] for n, r in report["packages"].items()} == {
        "gdp": 13_979,
        "inflation": 24_960,
        "population": 17_195,
    }
    assert all(redis_client.exists(PACKAGE + name) for name in report["packages"])
    assert load_bundled(redis_client) is None  # a restart imports nothing
    store = ReferenceStore(redis_client)
    assert store.count() == 14 + 13_979 + 24_960 + 17_195

    # generic words find none of the 56,000 figures
    generic = store.candidates(["population", "income", "south", "africa", "gdp", "inflation"])
    assert generic == []

    text = "South Africa's population grew, as did the eurozone's, and America's inflation fell."
    places = [key for _, _, key in find_places(text)]
    assert places == ["ZAF", "EMU", "USA"]
    store.round_trips = 0
    found = store.candidates(["Besham"], places=places, metrics=["population", "inflation"])
    assert store.round_trips == 2
    assert {f["metric"] for f in found} == {"population", "inflation"}  # Besham's tolls: no
    assert {p for f in found for p in f["matched_places"]} == {"ZAF", "EMU", "USA"}
    expected = [
        f
        for facts in pack_facts.values()
        for f in facts
        if fact_place(f) in places and f["metric"] in ("population", "inflation")
    ]
    assert len(found) == len(expected) > 300
    by_year = store.candidates([], places=["ZAF"], metrics=["population"], years=[2020, "2021"])
    assert sorted(f["period"] for f in by_year) == ["2020", "2021"]
    assert by_year[0]["matched_places"] == ["ZAF"] and by_year[0]["matched_terms"] == []
    everything = store.candidates([], places=["USA"])
    assert {f["metric"] for f in everything} == {"population", "gdp", "inflation", "gdp_deflator"}


def test_a_store_made_before_the_packs_gains_them(redis_client):
    assert load_bundled(redis_client, packs=False)["created"] == 14
    report = load_bundled(redis_client)
    assert "imported" not in report and set(report["packages"]) == {
        "gdp",
        "inflation",
        "population",
    }
    assert load_bundled(redis_client, only_if_empty=False)["unchanged"] == 14
