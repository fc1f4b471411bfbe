"""POST /v1/checks: article in, claims with verdicts and evidence out."""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, Response, current_app, request

from ..errors import ValidationFailed
from ..model import Article
from ..storage import get_redis
from ..verify.check import Checker
from ..verify.claimreview import claim_reviews
from ..verify.sources import SourceDocument
from .articles import read_check
from .auth import requires
from .schemas import CheckRequestSchema
from .watched import start_watch

bp = Blueprint("checks", __name__)
JSON_LD = "application/ld+json"
CHECK = CheckRequestSchema()


@bp.post("/v1/checks")
@requires("check")
def create_check():
    """Check every numeric claim of an article against the references (and, with `watch`,
    keep watching it: the Location header is the watched article's)."""
    article, options = read_check(CHECK)
    sources = read_sources(options.get("sources") or ())
    linked_data = request.accept_mimetypes.best_match(["application/json", JSON_LD]) == JSON_LD
    if linked_data:
        _needs_url(article)  # before a watch is stored, not after
    watching = options.get("watch")
    result, headers = start_watch(article, options, sources) if watching else (None, {})
    if linked_data:
        return _claim_reviews(article, sources, result), headers
    if result is None:
        text = _checker().check_json(article, sources)
    else:
        text = json.dumps(result, ensure_ascii=False)
    return Response(text, mimetype="application/json", headers=headers)


def read_sources(loaded: list[dict]) -> list[SourceDocument]:
    """The validated `sources` as documents: at most MAX_SOURCES, else 422."""
    limit = current_app.config["MAX_SOURCES"]
    if len(loaded) > limit:
        raise ValidationFailed(
            f"{len(loaded)} source documents were given; at most {limit} are checked with one "
            "article.",
            [{"field": "sources", "message": f"At most {limit} items."}],
        )
    return [SourceDocument.of(fields) for fields in loaded]


def _checker() -> Checker:
    config = current_app.config
    return Checker(get_redis(), config["CHECK_CACHE_TTL"], config)


def _needs_url(article: Article) -> None:
    """ClaimReview output needs the article's URL: 422 without it."""
    if not article.url:
        raise ValidationFailed(
            "ClaimReview output needs the article's URL.",
            [{"field": "url", "message": "Required with Accept: application/ld+json."}],
        )


def _claim_reviews(
    article: Article, sources: list[SourceDocument], result: dict | None = None
) -> Response:
    """schema.org ClaimReview JSON-LD, one per checked claim (`result` when already checked)."""
    config = current_app.config
    result = result or _checker().check(article, sources)
    author, author_url = config["CLAIMREVIEW_AUTHOR_NAME"], config["CLAIMREVIEW_AUTHOR_URL"]
    reviews = claim_reviews(result, author, author_url, date.today())
    return Response(json.dumps(reviews, ensure_ascii=False), mimetype=JSON_LD)
