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
    linked_data = request.accept_mimetypes.best_match(["application/json", JSON_LD]) == JSON_LD
    if linked_data:
        _needs_url(article)  # before a watch is stored, not after
    result, headers = start_watch(article, options) if options.get("watch") else (None, {})
    if linked_data:
        return _claim_reviews(article, result), headers
    text = json.dumps(result, ensure_ascii=False) if result else _checker().check_json(article)
    return Response(text, mimetype="application/json", headers=headers)


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


def _claim_reviews(article: Article, result: dict | None = None) -> Response:
    """schema.org ClaimReview JSON-LD, one per checked claim (`result` when already checked)."""
    config = current_app.config
    result = result or _checker().check(article)
    author, author_url = config["CLAIMREVIEW_AUTHOR_NAME"], config["CLAIMREVIEW_AUTHOR_URL"]
    reviews = claim_reviews(result, author, author_url, date.today())
    return Response(json.dumps(reviews, ensure_ascii=False), mimetype=JSON_LD)
