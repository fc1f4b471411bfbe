"""Marshmallow fields shared by the API and the reference library, matching openapi.yaml."""

from __future__ import annotations

from marshmallow import fields, validate

# What openapi.yaml says an http(s) URL is: a scheme, a host, and no spaces or control
# characters (written without \s, which JSON Schema and Python read differently).
HTTP_URL = r"^https?://[^\x00-\x20/?#]+[^\x00-\x20]*\Z"


def HttpUrl(**kwargs) -> fields.String:  # noqa: N802 (reads like a field class)
    """An http or https URL of at most 2,048 characters."""
    return fields.String(
        validate=[
            validate.Length(max=2048),
            validate.Regexp(HTTP_URL, error="Not an http(s) URL."),
        ],
        **kwargs,
    )
