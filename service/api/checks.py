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
from .articles import read_article
from .auth import requires

bp = Blueprint("checks", __name__)
JSON_LD = "application/ld+json"


@bp.post("/v1/checks")
@requires("check")
def create_check():
    """Check every numeric claim of an article against the references."""
    article = read_article()
    if request.accept_mimetypes.best_match(["application/json", JSON_LD]) == JSON_LD:
        return _claim_reviews(article)
    return Response(_checker().check_json(article), mimetype="application/json")


def _checker() -> Checker:
    config = current_app.config
    return Checker(get_redis(), config["CHECK_CACHE_TTL"], config)


def _claim_reviews(article: Article) -> Response:
    """schema.org ClaimReview JSON-LD, one per checked claim; it needs the article's URL."""
    if not article.url:
        raise ValidationFailed(
            "ClaimReview output needs the article's URL.",
            [{"field": "url", "message": "Required with Accept: application/ld+json."}],
        )
    config = current_app.config
    result = _checker().check(article)
    author, author_url = config["CLAIMREVIEW_AUTHOR_NAME"], config["CLAIMREVIEW_AUTHOR_URL"]
    reviews = claim_reviews(result, author, author_url, date.today())
    return Response(json.dumps(reviews, ensure_ascii=False), mimetype=JSON_LD)
