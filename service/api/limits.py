"""Rate limits per API key, counted in Redis so they hold across workers and replicas.

flask-limiter does the counting (a moving window) and the headers: `RateLimit-Limit`,
`RateLimit-Remaining` and `RateLimit-Reset` on every limited response, and `Retry-After` on a
429, which the error handlers render as problem+json. flask-limiter writes the reset as a Unix
time and a Retry-After on every response; `delta_headers` makes the reset the seconds left (as
the IETF RateLimit draft has it) and keeps Retry-After for 429 and 503 only. Public routes
(health, docs, the editor's page) are not limited. With AUTH_DISABLED (local use) there are no
keys: LOCAL_RATE_LIMIT applies (`off` unless asked), the client address being the bucket.
"""

from __future__ import annotations

import time

from flask import Flask, Response, current_app, g, request
from flask_limiter import HeaderNames, Limiter
from flask_limiter.util import get_remote_address

HEADERS = {
    HeaderNames.LIMIT: "RateLimit-Limit",
    HeaderNames.REMAINING: "RateLimit-Remaining",
    HeaderNames.RESET: "RateLimit-Reset",
    HeaderNames.RETRY_AFTER: "Retry-After",
}


def storage_uri(redis_url: str) -> str:
    """The limits library's URI for our Redis: unix sockets are spelt `redis+unix://`;
    `redis+cluster://h:p,h:p` and `redis+sentinel://h:p,h:p/<master>` are limits' own."""
    return "redis+unix" + redis_url[len("unix") :] if redis_url.startswith("unix://") else redis_url


def bucket() -> str:
    """Whose budget a request spends: its key's name, else its address."""
    principal = g.get("principal")
    return f"key:{principal.name}" if principal else f"addr:{get_remote_address()}"


def is_public() -> bool:
    view = current_app.view_functions.get(request.endpoint)
    return view is None or getattr(view, "required_scope", "admin") is None


def limit_of(config) -> str:
    """The limit in force: RATE_LIMIT per key, or LOCAL_RATE_LIMIT when keys are off."""
    return config["LOCAL_RATE_LIMIT"] if config["AUTH_DISABLED"] else config["RATE_LIMIT"]


def delta_headers(response: Response) -> Response:
    """RateLimit-Reset in seconds from now; Retry-After only where it means something."""
    reset = response.headers.get("RateLimit-Reset")
    if reset and reset.isdigit():
        response.headers["RateLimit-Reset"] = str(max(0, int(reset) - int(time.time())))
    if response.status_code not in (429, 503):
        response.headers.pop("Retry-After", None)
    return response


def init_app(app: Flask) -> None:
    """Limit every non-public route per key (after the key check has run)."""
    app.after_request(delta_headers)  # registered first, so it runs after flask-limiter's
    limiter = Limiter(
        bucket,
        default_limits=[lambda: limit_of(current_app.config)],
        default_limits_exempt_when=is_public,
        headers_enabled=True,
        header_name_mapping=HEADERS,
        strategy="moving-window",
        storage_uri=storage_uri(app.config["REDIS_URL_RESOLVED"]),
        key_prefix="ratelimit",
        enabled=limit_of(app.config).strip().lower() not in ("", "off"),
    )
    limiter.init_app(app)
    app.extensions["rate_limiter"] = limiter
