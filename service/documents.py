"""Text in, claims out: the article as the pipeline sees it. Flask-free; API and CLI share it."""

from __future__ import annotations

from datetime import date

from .claims import extract
from .claims.markup import html_document
from .metrics import CLAIMS

OFFSETS_TEXT = "Character offsets into the text as sent."
OFFSETS_HTML = "Character offsets into document.text, the text extracted from the HTML sent."


def document(
    body: str,
    source: str = "text",
    title: str | None = None,
    url: str | None = None,
    published_at: date | None = None,
) -> tuple[str, dict]:
    """The text the claims' offsets refer to, and the response's `document` object (for HTML,
    its `<title>` is the title when none was sent)."""
    text, html_title = html_document(body) if source == "html" else (body, None)
    title = title or html_title
    meta = {
        "source": source,
        "length": len(text),
        "offsets": OFFSETS_HTML if source == "html" else OFFSETS_TEXT,
        "title": title,
        "url": url,
        "published_at": published_at.isoformat() if published_at else None,
    }
    if source == "html":
        meta["text"] = text
    return text, meta


def extract_document(
    body: str,
    source: str = "text",
    published_at: date | None = None,
    max_claims: int | None = None,
    **meta,
):
    """The `POST /v1/extract` result: the document and its claims in text order."""
    text, doc = document(body, source, published_at=published_at, **meta)
    return {"document": doc, "claims": counted(extract(text, published_at, max_claims))}


def counted(claims: list[dict]) -> list[dict]:
    """The claims, counted by kind in the metrics."""
    for claim in claims:
        CLAIMS.labels(claim["kind"]).inc()
    return claims
