"""Watched articles: `POST /v1/checks` with `"watch": true` starts a watch; list, read and
stop watches under the caller's key. The domain is `service.watch`."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Blueprint, current_app, g, request, url_for

from ..model import Article
from ..storage import get_redis
from ..verify.sources import SourceDocument
from ..watch.store import WatchStore, article_id, view
from ..watch.watching import watch
from .auth import requires
from .schemas import WatchListQuerySchema

bp = Blueprint("watched", __name__)


def start_watch(
    article: Article, options: dict, sources: Sequence[SourceDocument] = ()
) -> tuple[dict, dict]:
    """Check and store the article (and the source documents it is checked against) as
    watched by the caller: the result and the headers."""
    given = article_id(options.get("id"), article.url)
    callback = options.get("callback_url") or ""
    config = current_app.config
    result = watch(get_redis(), g.principal, article, given, callback, config, sources)
    return result, {"Location": url_for("watched.get_article", article_id=given)}


@bp.get("/v1/articles")
@requires("check")
def list_articles():
    """The caller's watched articles, a page at a time, by id."""
    query = WatchListQuerySchema().load(request.args.to_dict())
    return WatchStore(get_redis()).list(g.principal.name, query.get("cursor"), query["limit"])


@bp.get("/v1/articles/<article_id>")
@requires("check")
def get_article(article_id: str):
    """One watched article with each claim's verdict history (only to the key watching it)."""
    return view(WatchStore(get_redis()).get(g.principal.name, article_id))


@bp.delete("/v1/articles/<article_id>")
@requires("check")
def delete_article(article_id: str):
    """Stop watching: no more re-checks, no more alerts."""
    WatchStore(get_redis()).delete(g.principal.name, article_id)
    return "", 204
