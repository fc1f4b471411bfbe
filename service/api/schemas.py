"""Request schemas. Unknown fields are rejected everywhere (`BaseSchema`)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema


class BaseSchema(Schema):
    """Every request schema rejects fields it does not know."""

    class Meta:
        unknown = RAISE


class ArticleSchema(BaseSchema):
    """An article to extract claims from or check: exactly one of `text` and `html`."""

    text = fields.String(validate=validate.Length(max=10_000_000))
    html = fields.String(validate=validate.Length(max=10_000_000))
    title = fields.String(validate=validate.Length(max=1000))
    url = fields.Url(schemes={"http", "https"}, validate=validate.Length(max=2048))
    published_at = fields.Date()
    language = fields.String(validate=validate.OneOf(["en"]))

    @validates_schema
    def one_body(self, data: dict, **_kwargs) -> None:
        """Require exactly one non-blank body field."""
        given = [name for name in ("text", "html") if name in data]
        if not given:
            raise ValidationError("One of 'text' or 'html' is required.", "text")
        if len(given) == 2:
            raise ValidationError("Give either 'text' or 'html', not both.", "html")
        if not data[given[0]].strip():
            raise ValidationError("Must not be empty.", given[0])
