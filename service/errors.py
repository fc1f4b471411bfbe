"""The service's one exception family. Flask-free: the domain library raises these too.

Each class is one RFC 9457 problem type (a slug and a title). What HTTP status a type gets is
the API's business: one table in `service.api.errors` maps each class to its status and renders
it as `application/problem+json`. `errors` carries field-level details as a list of
`{"field", "message"}` dicts, with `row` added for file imports. Callers that must tell a
passing outage from a refusal (the batch jobs) do it by type: `ServiceUnavailable` is the only
transient one.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: a stable problem slug and a human title."""

    slug = "internal-error"
    title = "Internal error"

    def __init__(self, detail: str, errors: list[dict] | None = None, headers=None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = dict(headers or {})


class BadRequest(ServiceError):
    slug, title = "bad-request", "Bad request"


class Unauthorized(ServiceError):
    slug, title = "unauthorized", "Unauthorized"


class Forbidden(ServiceError):
    slug, title = "forbidden", "Forbidden"


class NotFound(ServiceError):
    slug, title = "not-found", "Not found"


class Conflict(ServiceError):
    slug, title = "conflict", "Conflict"


class PayloadTooLarge(ServiceError):
    slug, title = "payload-too-large", "Payload too large"


class UnsupportedMediaType(ServiceError):
    slug, title = "unsupported-media-type", "Unsupported media type"


class ValidationFailed(ServiceError):
    slug, title = "validation-error", "Validation failed"


class TooManyClaims(ServiceError):
    slug, title = "too-many-claims", "Too many claims"


class NotImplementedYet(ServiceError):
    slug, title = "not-implemented", "Not implemented yet"


class TooManyRequests(ServiceError):
    slug, title = "too-many-requests", "Too many requests"


class ServiceUnavailable(ServiceError):
    slug, title = "service-unavailable", "Service unavailable"


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
