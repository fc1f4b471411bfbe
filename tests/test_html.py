"""HTML articles: nothing lost to deep nesting, the title read, hidden text left out, blocks
never run together. Through the API, as a CMS sends them."""

from __future__ import annotations

import pytest

from service.claims.markup import BLOCKS, html_to_text


def extract_html(client, html: str, **fields):
    return client.post("/v1/extract", json={"html": html, **fields})


@pytest.mark.parametrize("depth", [254, 255, 256, 1000, 2000])
def test_deeply_nested_html_keeps_its_text(client, depth):
    html = "<div>" * depth + "Seven soldiers were killed.<p>Five died.</p>" + "</div>" * depth
    response = extract_html(client, html)
    assert response.status_code == 200
    body = response.get_json()
    assert "Seven soldiers were killed." in body["document"]["text"]
    assert [c["value"] for c in body["claims"]] == [7, 5]


def test_html_nested_past_what_the_parser_can_hold_is_a_clear_422(client):
    html = "<div>" * 3000 + "Seven soldiers were killed." + "</div>" * 3000
    response = extract_html(client, html)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert {e["field"] for e in response.get_json()["errors"]} == {"html"}


def test_the_title_element_is_the_title_when_none_was_sent(client):
    html = "<html><head><title> Floods  in Vale </title></head><body><p>Five died.</p></body>"
    assert extract_html(client, html).get_json()["document"]["title"] == "Floods in Vale"
    sent = extract_html(client, html, title="Ours").get_json()["document"]["title"]
    assert sent == "Ours"
    raw = client.post("/v1/extract", data=html, content_type="text/html").get_json()
    assert raw["document"]["title"] == "Floods in Vale"


def test_noscript_and_template_are_not_article_text(client):
    html = (
        "<p>Five died.</p><noscript>Enable JavaScript: 12 people agree.</noscript>"
        "<template><p>40 people died.</p></template><p>Two were hurt.</p>"
    )
    body = extract_html(client, html).get_json()
    assert body["document"]["text"] == "Five died.\n\nTwo were hurt."
    assert [c["value"] for c in body["claims"]] == [5, 2]


@pytest.mark.parametrize("tag", sorted(BLOCKS - {"head", "title", "script", "style"}))
def test_block_elements_never_run_two_sentences_together(tag):
    html = f"<{tag}>42 people died</{tag}><{tag}>13 people died</{tag}>"
    text = html_to_text(f"<table><tr><td>{html}</td></tr></table>" if tag == "caption" else html)
    assert "died13" not in text and "42 people died" in text and "13 people died" in text


@pytest.mark.parametrize("cell", ["td", "th"])
def test_table_cells_are_kept_apart(cell):
    html = f"<table><tr><{cell}>42 people died</{cell}><{cell}>13 people died</{cell}></tr></table>"
    assert "died13" not in html_to_text(html)
