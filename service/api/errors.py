"""One error shape everywhere: RFC 9457 `application/problem+json`.

Every failure, ours (`ServiceError`), Werkzeug's (404, 405, 413 ...), marshmallow's and Redis
outages, is rendered by `problem()`. Unexpected exceptions are logged and become a 500 problem
that names no internals. `STATUS` is the one table of HTTP statuses: the domain's errors carry
none (the batch jobs render an article's refusal with `problem_fields` too).
"""

from __future__ import annotations

import logging

import redis
from flask import Flask, Response, current_app, json, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from .. import errors as e
from ..errors import ServiceError, ServiceUnavailable, ValidationFailed, field_errors

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)
STATUS: dict[type[ServiceError], int] = {
    e.BadRequest: 400,
    e.Unauthorized: 401,
    e.Forbidden: 403,
    e.NotFound: 404,
    e.Conflict: 409,
    e.PayloadTooLarge: 413,
    e.UnsupportedMediaType: 415,
    e.ValidationFailed: 422,
    e.TooManyClaims: 422,
    e.TooManyRequests: 429,
    e.ServiceError: 500,
    e.NotImplementedYet: 501,
    e.ServiceUnavailable: 503,
}
_BY_STATUS = {status: cls for cls, status in reversed(STATUS.items())}  # 422: ValidationFailed


def status_of(exc: ServiceError) -> int:
    """The HTTP status of an error: its class's, else its nearest base class's."""
    return next(STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS)


def problem_fields(exc: ServiceError) -> dict:
    """The problem document's core fields for one of our errors."""
    status = status_of(exc)
    return {
        "type": f"/docs#problem-{exc.slug}",
        "title": exc.title,
        "status": status,
        "detail": exc.detail,
    }


def problem(status: int, slug: str, title: str, detail: str, errors=None, headers=None) -> Response:
    """Render one problem document."""
    body = {
        "type": f"/docs#problem-{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    response.headers.update(headers or {})
    return response


def _service_error(exc: ServiceError) -> Response:
    return problem(status_of(exc), exc.slug, exc.title, exc.detail, exc.errors, exc.headers)


def _validation_error(exc: ValidationError) -> Response:
    return _service_error(
        ValidationFailed("The request has invalid fields.", field_errors(exc.messages))
    )


def _http_error(exc: HTTPException) -> Response:
    """Werkzeug's errors (routing, 413 ...) in our problem types where we have one."""
    ours = _BY_STATUS.get(exc.code)
    slug = ours.slug if ours else (exc.name or "error").lower().replace(" ", "-")
    detail = exc.description or exc.name
    if exc.code == 413:
        detail = f"The body is larger than {current_app.config['MAX_CONTENT_LENGTH']} bytes."
    headers = {k: v for k, v in exc.get_headers() if k.lower() == "allow"}
    return problem(exc.code or 500, slug, ours.title if ours else exc.name, detail, headers=headers)


def _redis_down(exc: redis.RedisError) -> Response:
    log.warning("Redis unavailable: %s", exc)
    return _service_error(
        ServiceUnavailable(
            "The reference store (Redis) is not answering; try again shortly.",
            headers={"Retry-After": "5"},
        )
    )


def _unexpected(exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return problem(500, "internal-error", "Internal error", "An unexpected error occurred.")


def init_app(app: Flask) -> None:
    """Register the handlers that turn every error into a problem document."""
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(ValidationError, _validation_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(redis.ConnectionError, _redis_down)
    app.register_error_handler(redis.TimeoutError, _redis_down)
    app.register_error_handler(Exception, _unexpected)
