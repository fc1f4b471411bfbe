"""POST /v1/extract: article in, numeric claims out."""

from __future__ import annotations

from flask import Blueprint, current_app

from ..documents import extract_document
from .articles import read_article
from .auth import requires

bp = Blueprint("extract", __name__)


@bp.post("/v1/extract")
@requires("check")
def extract():
    """Extract the numeric claims of an article, with exact character spans."""
    article = read_article()
    return extract_document(
        article.body,
        article.source,
        published_at=article.published_at,
        max_claims=current_app.config["MAX_CLAIMS"],
        title=article.title,
        url=article.url,
    )
