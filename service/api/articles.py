"""Reading an article from a request: a JSON object, or a raw text/plain or text/html body."""

from __future__ import annotations

import codecs
import json

from flask import request
from marshmallow import Schema

from .. import jsontext
from ..errors import BadRequest, UnsupportedMediaType, ValidationFailed
from ..model import Article
from .schemas import ArticleFieldsSchema, ArticleSchema

QUERY_FIELDS = ("title", "url", "published_at", "language")
ARTICLE = ArticleSchema()  # schemas are stateless: one per process
QUERY = ArticleFieldsSchema(only=QUERY_FIELDS)
RAW_TYPES = {"text/plain": "text", "text/html": "html"}
ACCEPTED = "application/json, text/plain or text/html"


def read_article() -> Article:
    """Parse and validate the current request's article, or raise a ServiceError."""
    return read_check(ARTICLE)[0]


def read_check(schema: Schema = ARTICLE) -> tuple[Article, dict]:
    """The request's article and, from a JSON body loaded with `schema`, its other fields
    (`watch`, `id`, `callback_url` of a check)."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        body = _json_body()
        loaded = schema.load(_with_query(body))
        extra = {k: v for k, v in loaded.items() if k not in ARTICLE.fields}
        if extra.get("watch") and not {"id", "url"} & body.keys():
            message = 'A watch needs the article\'s "url" or an "id" in the JSON body.'
            raise ValidationFailed("Nothing to know the watched article by.",
                                   [{"field": "id", "message": message}])  # fmt: skip
        return to_article(loaded), extra
    if mimetype in RAW_TYPES:
        data = _raw_body(RAW_TYPES[mimetype])
    else:
        shown = mimetype or "none"
        raise UnsupportedMediaType(f"Content-Type {shown} is not supported; send {ACCEPTED}.")
    return to_article(ARTICLE.load(data)), {}


def to_article(loaded: dict) -> Article:
    """An Article from a validated ArticleSchema load."""
    source = "html" if "html" in loaded else "text"
    return Article(
        body=loaded[source],
        source=source,
        title=loaded.get("title"),
        url=loaded.get("url"),
        published_at=loaded.get("published_at"),
        language=loaded.get("language", "en"),
    )


def json_object(accepted: str = "application/json") -> dict:
    """The request's JSON object body, or the service's 415, 400 or 422."""
    if request.mimetype != "application/json":
        shown = request.mimetype or "none"
        raise UnsupportedMediaType(f"Content-Type {shown} is not supported; send {accepted}.")
    return _json_body()


def decode_body(charset: str) -> str:
    """The request body as text in `charset`, or 415 (no such text encoding) or 400 (bytes
    that are not valid in it): never a body with replacement characters."""
    try:
        codecs.lookup(charset)
    except LookupError:
        raise UnsupportedMediaType(f"Charset {charset!r} is not supported; use utf-8.") from None
    try:
        return request.get_data().decode(charset)
    except LookupError:  # a codec that is not a text encoding ("rot13", "base64")
        raise UnsupportedMediaType(f"Charset {charset!r} is not a text encoding.") from None
    except UnicodeDecodeError as exc:
        detail = f"The body is not valid {charset}: byte {exc.start} cannot be decoded."
        raise BadRequest(detail) from None


def _json_body() -> dict:
    text = decode_body("utf-8")
    try:
        data = jsontext.loads(text)
    except ValueError as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}.") from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest("The body's JSON holds a lone surrogate (\\ud800-\\udfff).") from None
    if not isinstance(data, dict):
        raise ValidationFailed(
            "The body must be a JSON object.", [{"field": None, "message": "Expected an object."}]
        )
    return data


def _with_query(body: dict) -> dict:
    """The JSON body's fields and those given as query parameters (each checked on its own);
    a field given in both places is 422, naming both."""
    query = _query()
    QUERY.load(query)
    twice = sorted(query.keys() & body.keys())
    if twice:
        raise ValidationFailed(
            f"{', '.join(twice)}: given both as a query parameter and in the JSON body; "
            "give each once.",
            [
                {"field": f"{where}.{name}", "message": "Also given in the " + other + "."}
                for name in twice
                for where, other in (("query", "JSON body"), ("body", "query"))
            ],
        )
    return {**query, **body}


def _query() -> dict:
    """The query parameters; the article itself is never one."""
    clashing = sorted({"text", "html"} & request.args.keys())
    if clashing:
        raise ValidationFailed(
            "The article is the request body, never a query parameter.",
            [{"field": name, "message": "Not allowed as a query parameter."} for name in clashing],
        )
    return request.args.to_dict()


def _raw_body(field: str) -> dict:
    charset = request.mimetype_params.get("charset", "utf-8")
    return {**_query(), field: decode_body(charset)}
