"""The editor's page at `/`: served to anyone, self-contained, wired to POST /v1/checks."""

from __future__ import annotations

import re

ATTR = re.compile(r"""\b(?:src|href|action)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def test_editor_page_is_served_with_the_form(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<form id="check-form"' in html
    assert 'data-endpoint="/v1/checks"' in html
    controls = ('id="article"', 'id="published-at"', 'id="title"', 'id="api-key"',
                'id="source-name"', 'id="source-url"', 'id="source-text"')  # fmt: skip
    for control in controls:
        assert control in html
    assert '<button id="check" class="primary" type="submit">Check</button>' in html
    assert 'aria-live="polite"' in html
    for verdict in ("supported", "contradicted", "conflicting", "unverifiable"):
        assert f'id="count-{verdict}"' in html


def test_editor_page_loads_nothing_from_other_hosts(client):
    html = client.get("/").get_data(as_text=True)
    for url in ATTR.findall(html):
        assert url.startswith(("/", "#", "data:")) and not url.startswith("//"), url
    assert "<script src" not in html
    assert 'rel="stylesheet"' not in html
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)


def test_editor_page_never_uses_inner_html(client):
    html = client.get("/").get_data(as_text=True)
    assert "innerHTML" not in html
    assert "insertAdjacentHTML" not in html
    assert "document.write" not in html


def test_editor_page_is_public(app):
    assert app.view_functions["editor.editor"].required_scope is None
