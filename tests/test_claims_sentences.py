"""Sentence splitting, entities and HTML reduction."""

import pytest

from service.claims import extract, html_to_text
from service.claims.entities import entities
from service.claims.sentences import split


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two? Three!", ["One.", "Two?", "Three!"]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("It cost $4.5bn. Nobody paid.", ["It cost $4.5bn.", "Nobody paid."]),
        ("Headline\n\nBody text here.", ["Headline", "Body text here."]),
        ('He said: "It is over." Then he left.', ['He said: "It is over."', "Then he left."]),
        ("The U.S. economy grew. It slowed.", ["The U.S. economy grew.", "It slowed."]),
    ],
)
def test_split(text: str, sentences: list[str]) -> None:
    assert [text[start:end] for start, end in split(text)] == sentences


def test_claim_sentence_is_the_sentence_holding_it() -> None:
    text = "Nothing here. Police arrested 46 people on Monday. Later, calm returned."
    (claim,) = extract(text)
    assert claim["sentence"] == "Police arrested 46 people on Monday."


def test_entities_are_capitalised_names() -> None:
    sentence = (
        "The Pakistan Army launched Operation Radd-ul-Fasaad against the Islamic State Khorasan "
        "in North Waziristan in March 2024."
    )
    found = entities(sentence)
    for name in ("Pakistan Army", "Operation Radd-ul-Fasaad", "Islamic State Khorasan"):
        assert name in found
    assert "North Waziristan" in found and "March" not in found


def test_html_to_text_keeps_blocks_and_drops_scripts() -> None:
    html = (
        "<html><head><script>var x = 2024;</script><style>p{}</style></head><body>"
        "<h1>Floods in Zürich</h1><p>More than 200&nbsp;people were <b>missing</b>.</p>"
        "<ul><li>€5m pledged</li></ul></body></html>"
    )
    text = html_to_text(html)
    assert "2024" not in text and "p{}" not in text
    assert "Floods in Zürich\n\nMore than 200 people were missing." in text
    claims = extract(text)
    assert [c["text"] for c in claims] == ["More than 200", "€5m"]
    assert all(text[c["start"] : c["end"]] == c["text"] for c in claims)
