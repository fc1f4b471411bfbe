"""Request schemas. Unknown fields are rejected everywhere (`BaseSchema`)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ..fields import HttpUrl
from ..jobs.queue import MAX_ARTICLES

BLANK = " \t\n\r\f\v"  # what openapi.yaml's "[^ \t\n\r\f\v]" pattern calls blank
MAX_BODY_CHARS = 10_000_000  # an article's text or html, and each source document's


class BaseSchema(Schema):
    """Every request schema rejects fields it does not know."""

    class Meta:
        unknown = RAISE


class ArticleFieldsSchema(BaseSchema):
    """The fields of an article, each checked on its own."""

    text = fields.String(validate=validate.Length(max=MAX_BODY_CHARS))
    html = fields.String(validate=validate.Length(max=MAX_BODY_CHARS))
    title = fields.String(validate=validate.Length(max=1000))
    url = HttpUrl()
    published_at = fields.Date()
    language = fields.String(validate=validate.OneOf(["en"]))


def _one_body(data: dict) -> None:
    """Require exactly one non-blank body field, `text` or `html`."""
    given = [name for name in ("text", "html") if name in data]
    if not given:
        raise ValidationError("One of 'text' or 'html' is required.", "text")
    if len(given) == 2:
        raise ValidationError("Give either 'text' or 'html', not both.", "html")
    if not data[given[0]].strip(BLANK):
        raise ValidationError("Must not be empty.", given[0])


class ArticleSchema(ArticleFieldsSchema):
    """An article to extract claims from or check: exactly one of `text` and `html`."""

    @validates_schema
    def one_body(self, data: dict, **_kwargs) -> None:
        _one_body(data)


class SourceDocumentSchema(BaseSchema):
    """A document given with an article to check it against (a press release, a filing): its
    name, a url to cite, its date, and exactly one of `text` and `html`, sized as an
    article's."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    url = HttpUrl()
    text = fields.String(validate=validate.Length(max=MAX_BODY_CHARS))
    html = fields.String(validate=validate.Length(max=MAX_BODY_CHARS))
    published_at = fields.Date()

    @validates_schema
    def one_body(self, data: dict, **_kwargs) -> None:
        if "name" in data and not data["name"].strip(BLANK):
            raise ValidationError("Must not be blank.", "name")
        _one_body(data)


class JobRequestSchema(BaseSchema):
    """A batch: 1-100 articles, each as `POST /v1/checks` takes it, and an optional callback."""

    articles = fields.List(
        fields.Nested(ArticleSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_ARTICLES),
    )
    callback_url = HttpUrl()


class PackageImportSchema(BaseSchema):
    """A data package to import: its URL and, optionally, the mapping of its rows to facts."""

    url = HttpUrl(required=True)
    mapping = fields.Dict()


ARTICLE_ID = r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}\Z"  # openapi.yaml's ArticleId


class CheckRequestSchema(ArticleSchema):
    """`POST /v1/checks`: an article and, to keep watching it, `watch` with a `url` or a CMS
    `id` and an optional `callback_url` for `verdict.changed` alerts."""

    watch = fields.Boolean(truthy={True}, falsy={False})
    id = fields.String(
        validate=validate.Regexp(ARTICLE_ID, error="1-200 letters, digits, '.', '_', '~', '-'.")
    )
    callback_url = HttpUrl()
    # At most MAX_SOURCES (a setting: `checks.read_sources` holds them to it).
    sources = fields.List(fields.Nested(SourceDocumentSchema), validate=validate.Length(min=1))

    @validates_schema
    def watch_fields(self, data: dict, **_kwargs) -> None:
        """`id` and `callback_url` only with `watch` (which needs a `url` or an `id` in the
        body: `articles.read_check` sees the body)."""
        if not data.get("watch"):
            for name in ("id", "callback_url"):
                if name in data:
                    raise ValidationError('Only with "watch": true.', name)


class WatchListQuerySchema(BaseSchema):
    """`GET /v1/articles`: a page size and the previous page's last id."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    cursor = fields.String(validate=validate.Length(min=1, max=200))
