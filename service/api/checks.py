"""POST /v1/checks: article in, claims with verdicts and evidence out."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, jsonify, request

from ..errors import ValidationFailed
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
    wants_ld = request.accept_mimetypes.best_match(["application/json", JSON_LD]) == JSON_LD
    if wants_ld and not article.url:
        raise ValidationFailed(
            "ClaimReview output needs the article's URL.",
            [{"field": "url", "message": "Required with Accept: application/ld+json."}],
        )
    config = current_app.config
    result = Checker(get_redis(), config["CHECK_CACHE_TTL"], config).check(
        article.body, article.source, article.published_at, article.title, article.url
    )
    if not wants_ld:
        return result
    reviews = claim_reviews(
        result, config["CLAIMREVIEW_AUTHOR_NAME"], config["CLAIMREVIEW_AUTHOR_URL"], date.today()
    )
    return jsonify(reviews), 200, {"Content-Type": JSON_LD}
