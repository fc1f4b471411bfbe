"""The gazetteer: place keys, display names and place mentions with exact offsets."""

from __future__ import annotations

import pycountry
import pytest

from service.vocabulary.places import (
    DEMONYMS,
    PRESS_NAMES,
    _worldbank_names,
    find_places,
    place_key,
    place_name,
)

KEYS = [
    # countries: pycountry names, official and common names, codes
    ("United States", "USA"),
    ("United States of America", "USA"),
    ("the US", "USA"),
    ("U.S.", "USA"),
    ("US", "USA"),
    ("USA", "USA"),
    ("us", "USA"),  # a code, in place_key; find_places never reads the pronoun
    ("America", "USA"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("the UK", "GBR"),
    ("United Kingdom", "GBR"),
    ("GB", "GBR"),
    ("South Korea", "KOR"),
    ("Korea, Rep.", "KOR"),
    ("Republic of Korea", "KOR"),
    ("North Korea", "PRK"),
    ("Korea, Dem. People's Rep.", "PRK"),
    ("Ivory Coast", "CIV"),
    ("Cote d'Ivoire", "CIV"),
    ("Côte d’Ivoire", "CIV"),
    ("Russia", "RUS"),
    ("Russian Federation", "RUS"),
    ("Iran, Islamic Rep.", "IRN"),
    ("Iran", "IRN"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Hong Kong SAR, China", "HKG"),
    ("Hong Kong", "HKG"),
    ("Vietnam", "VNM"),
    ("Viet Nam", "VNM"),
    ("Turkey", "TUR"),
    ("Türkiye", "TUR"),
    ("Turkiye", "TUR"),
    ("Czech Republic", "CZE"),
    ("Czechia", "CZE"),
    ("Burma", "MMR"),
    ("Myanmar", "MMR"),
    ("Gambia, The", "GMB"),
    ("The Gambia", "GMB"),
    ("the Netherlands", "NLD"),
    ("Congo, Dem. Rep.", "COD"),
    ("Democratic Republic of the Congo", "COD"),
    ("Congo, Rep.", "COG"),
    ("Slovak Republic", "SVK"),
    ("Kyrgyz Republic", "KGZ"),
    ("Kosovo", "XKX"),
    ("Japanese", "JPN"),
    ("  JAPAN  ", "JPN"),
    # World Bank aggregates and regions
    ("World", "WLD"),
    ("the world", "WLD"),
    ("global", "WLD"),
    ("Euro area", "EMU"),
    ("the eurozone", "EMU"),
    ("the euro zone", "EMU"),
    ("European Union", "EUU"),
    ("the EU", "EUU"),
    ("Sub-Saharan Africa", "SSF"),
    ("Latin America & Caribbean", "LCN"),
    ("Latin America and the Caribbean", "LCN"),
    ("Latin America", "LCN"),
    ("East Asia & Pacific", "EAS"),
    ("South Asia", "SAS"),
    ("OECD members", "OED"),
    ("High income", "HIC"),
    ("WLD", "WLD"),
    # unknown places are themselves, normalised
    ("Valdoria", "valdoria"),
    ("North Waziristan", "north waziristan"),
    ("Mir-Ali", "mir ali"),
    ("", ""),
]


@pytest.mark.parametrize(("name", "key"), KEYS)
def test_place_key(name, key):
    assert place_key(name) == key


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("KOR", "South Korea"),
        ("RUS", "Russia"),
        ("EMU", "Euro area"),
        ("WLD", "World"),
        ("SSF", "Sub-Saharan Africa"),
        ("XKX", "Kosovo"),
        ("valdoria", "Valdoria"),
    ],
)
def test_place_name(key, name):
    assert place_name(key) == name


def test_every_country_and_world_bank_name_keys_to_its_code():
    for country in pycountry.countries:
        assert place_key(country.name) == country.alpha_3, country.name
        assert place_key(country.alpha_2) == country.alpha_3
    for code, name in _worldbank_names():
        assert place_key(name) == code, name
        assert place_name(code), code


def test_aggregate_codes_are_not_country_codes():
    countries = {c.alpha_3 for c in pycountry.countries}
    aggregates = {"WLD", "EMU", "EUU", "SSF", "LCN", "EAS", "SAS", "OED", "HIC"}
    assert aggregates <= {code for code, _ in _worldbank_names()}
    assert not aggregates & countries


def test_every_country_has_its_adjective_from_the_library_and_the_press_list_decides():
    text = "Malawian, Honduran and Guatemalan exporters; British and Welsh farmers; Congolese."
    found = spans(text)
    assert ("Malawian", "MWI") in found and ("Honduran", "HND") in found
    assert ("Guatemalan", "GTM") in found and ("British", "GBR") in found
    # the library's "Welsh" for the UK gives way to the press list; "Congolese" is two countries'
    assert not any(name in ("Welsh", "Congolese") for name, _ in found)


def test_press_tables_are_keyed_by_known_codes():
    known = {c.alpha_3 for c in pycountry.countries} | {code for code, _ in _worldbank_names()}
    assert set(DEMONYMS) <= known and set(PRESS_NAMES) <= known


def spans(text: str, extra=()) -> list[tuple[str, str]]:
    """Each mention as (the text at its offsets, key)."""
    return [(text[start:end], key) for start, end, key in find_places(text, extra)]


MENTIONS = [
    ("Japan's economy shrank.", [("Japan", "JPN")]),
    ("Growth in the US and the U.S. economy", [("US", "USA"), ("U.S.", "USA")]),
    ("They told us that US output fell.", [("US", "USA")]),
    ("Us and them; the us of it.", []),
    ("in the U.S.", [("U.S.", "USA")]),
    ("a US$5bn loan", []),
    ("GDP in US dollars", []),
    (
        "Britain and the UK and Great Britain",
        [("Britain", "GBR"), ("UK", "GBR"), ("Great Britain", "GBR")],
    ),
    ("South Korea and North Korea", [("South Korea", "KOR"), ("North Korea", "PRK")]),
    ("SOUTH KOREA grew; south korea grew", [("SOUTH KOREA", "KOR"), ("south korea", "KOR")]),
    (
        "Papua New Guinea, Guinea-Bissau and Guinea",
        [("Papua New Guinea", "PNG"), ("Guinea-Bissau", "GNB"), ("Guinea", "GIN")],
    ),
    ("Niger and Nigeria", [("Niger", "NER"), ("Nigeria", "NGA")]),
    ("Côte d’Ivoire and Ivory Coast", [("Côte d’Ivoire", "CIV"), ("Ivory Coast", "CIV")]),
    (
        "the eurozone, the euro zone and the euro-zone",
        [("eurozone", "EMU"), ("euro zone", "EMU"), ("euro-zone", "EMU")],
    ),
    (
        "sub-Saharan Africa and Latin America & Caribbean",
        [("sub-Saharan Africa", "SSF"), ("Latin America & Caribbean", "LCN")],
    ),
    ("the world's population and global output", [("world", "WLD"), ("global", "WLD")]),
    ("the World Bank and the World Cup", []),
    ("South American and Latin American economies", [("Latin American", "LCN")]),
    (
        "Japanese, German and British firms; Americans and Britons",
        [
            ("Japanese", "JPN"),
            ("German", "DEU"),
            ("British", "GBR"),
            ("Americans", "USA"),
            ("Britons", "GBR"),
        ],
    ),
    (
        "Chinese and Indian, Australian and Brazilian",
        [("Chinese", "CHN"), ("Indian", "IND"), ("Australian", "AUS"), ("Brazilian", "BRA")],
    ),
    ("the Indian Ocean", []),
    ("fine china, a turkey, chile peppers", []),
    ("Turkey and Chile", [("Turkey", "TUR"), ("Chile", "CHL")]),
    ("Korea, Rep. grew", [("Korea, Rep.", "KOR")]),
    ("Romania and a woman", [("Romania", "ROU")]),
    ("EU members and the European Union", [("EU", "EUU"), ("European Union", "EUU")]),
    ("Czech Republic's Czechs", [("Czech Republic", "CZE")]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_find_places(text, expected):
    assert spans(text) == expected


def test_offsets_are_exact_after_accents_and_wide_characters():
    text = "İstanbul 🎉 Türkiye’s neighbour Côte d'Ivoire, then Japan."
    found = find_places(text)
    assert [(text[s:e], k) for s, e, k in found] == [
        ("Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Japan", "JPN"),
    ]
    assert found[0][0] == text.index("Türkiye")


def test_extra_names_are_found_with_known_ones_longest_first():
    text = "Valdoria and New Valdoria beside Japan; valdoria too"
    extra = ["Valdoria", "New Valdoria", "Japan"]
    assert spans(text, extra) == [
        ("Valdoria", "valdoria"),
        ("New Valdoria", "new valdoria"),
        ("Japan", "JPN"),
    ]
    assert spans("North Waziristan", ["North Waziristan"]) == [
        ("North Waziristan", "north waziristan")
    ]
    assert spans("Valdoria") == []


def test_mentions_are_left_to_right_and_never_overlap():
    text = "Sub-Saharan Africa, South Africa and Africa; the US, UK and EU. " * 3
    found = find_places(text, ["Africa"])
    assert [s for s, _, _ in found] == sorted(s for s, _, _ in found)
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:], strict=False))
    assert [k for _, _, k in found[:4]] == ["SSF", "ZAF", "africa", "USA"]
