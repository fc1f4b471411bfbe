"""POST /v1/checks: article in, claims with verdicts and evidence out."""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, Response, current_app, request

from ..errors import ValidationFailed
from ..model import Article
from ..references.store import ReferenceStore
from ..storage import get_redis
from ..verify.check import Checker
from ..verify.claimreview import claim_reviews
from ..verify.sources import SourceDocument
from .articles import RAW_TYPES, read_check
from .auth import requires
from .repeats import RecentChecks
from .schemas import CheckRequestSchema
from .watched import start_watch

bp = Blueprint("checks", __name__)
JSON_LD = "application/ld+json"
CHECK = CheckRequestSchema()
READABLE = {"application/json", *RAW_TYPES}  # the bodies read_check reads


@bp.record_once
def _remember(state) -> None:
    """Each app process keeps its recent results (CHECK_MEMORY_BYTES of them; 0 is off)."""
    state.app.extensions["recent_checks"] = RecentChecks(state.app.config["CHECK_MEMORY_BYTES"])


@bp.post("/v1/checks")
@requires("check")
def create_check():
    """Check every numeric claim of an article against the references (and, with `watch`,
    keep watching it: the Location header is the watched article's)."""
    key = RecentChecks.key(request) if _memorable() else None
    if key and (text := _recent(key)):
        return Response(text, mimetype="application/json")
    article, options = read_check(CHECK)
    sources = read_sources(options.get("sources") or ())
    if options.get("watch"):
        return _watch(article, options, sources)
    if _linked_data():
        return _claim_reviews(article, sources)
    text, version = _checker().check_json(article, sources)
    if key:
        current_app.extensions["recent_checks"].put(key, version, text)
    return Response(text, mimetype="application/json")


def _linked_data() -> bool:
    return request.accept_mimetypes.best_match(["application/json", JSON_LD]) == JSON_LD


def _memorable() -> bool:
    """A request whose answer may be kept in memory: a plain JSON result of a readable body."""
    memory_on = current_app.extensions["recent_checks"].max_bytes > 0
    return memory_on and request.mimetype in READABLE and not _linked_data()


def _recent(key: bytes) -> str | None:
    """This process's result for the same request bytes, if the references have not moved."""
    recent = current_app.extensions["recent_checks"]
    return recent.get(key, ReferenceStore(get_redis()).version())


def _watch(article: Article, options: dict, sources: list[SourceDocument]) -> Response:
    """Check the article and keep watching it (ClaimReview output needs its URL, asked for
    before the watch is stored)."""
    linked_data = _linked_data()
    if linked_data:
        _needs_url(article)
    result, headers = start_watch(article, options, sources)
    if linked_data:
        return _claim_reviews(article, sources, result), headers
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
    _needs_url(article)
    config = current_app.config
    result = result or _checker().check(article, sources)
    author, author_url = config["CLAIMREVIEW_AUTHOR_NAME"], config["CLAIMREVIEW_AUTHOR_URL"]
    reviews = claim_reviews(result, author, author_url, date.today())
    return Response(json.dumps(reviews, ensure_ascii=False), mimetype=JSON_LD)
