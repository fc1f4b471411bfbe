"""The service's one exception family. Flask-free: the domain library raises these too.

Each class maps to one RFC 9457 problem type; `service.api.errors` renders them as
`application/problem+json`. `errors` carries field-level details as a list of
`{"field", "message"}` dicts, with `row` added for file imports.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: an HTTP status, a stable problem slug and a human title."""

    status = 500
    slug = "internal-error"
    title = "Internal error"

    def __init__(self, detail: str, errors: list[dict] | None = None, headers=None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = dict(headers or {})


class BadRequest(ServiceError):
    status, slug, title = 400, "bad-request", "Bad request"


class Unauthorized(ServiceError):
    status, slug, title = 401, "unauthorized", "Unauthorized"


class Forbidden(ServiceError):
    status, slug, title = 403, "forbidden", "Forbidden"


class NotFound(ServiceError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(ServiceError):
    status, slug, title = 409, "conflict", "Conflict"


class PayloadTooLarge(ServiceError):
    status, slug, title = 413, "payload-too-large", "Payload too large"


class UnsupportedMediaType(ServiceError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class ValidationFailed(ServiceError):
    status, slug, title = 422, "validation-error", "Validation failed"


class TooManyClaims(ServiceError):
    status, slug, title = 422, "too-many-claims", "Too many claims"


class NotImplementedYet(ServiceError):
    status, slug, title = 501, "not-implemented", "Not implemented yet"


class TooManyRequests(ServiceError):
    status, slug, title = 429, "too-many-requests", "Too many requests"


class ServiceUnavailable(ServiceError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"


def field_errors(messages, prefix: str = "") -> list[dict]:
    """Flatten marshmallow's nested messages into `[{"field": "a.b", "message": "..."}]`."""
    if isinstance(messages, str):
        return [{"field": prefix or None, "message": messages}]
    if isinstance(messages, list):
        return [e for m in messages for e in field_errors(m, prefix)]
    out = []
    for key, value in messages.items():
        name = str(key) if key != "_schema" else ""
        path = ".".join(p for p in (prefix, name) if p)
        out.extend(field_errors(value, path))
    return out
