"""Rate limits per API key, counted in Redis so they hold across workers and replicas.

flask-limiter does the counting (a moving window) and the headers: `RateLimit-Limit`,
`RateLimit-Remaining`, `RateLimit-Reset` on every limited response and `Retry-After` on a
429, which the error handlers render as problem+json. Public routes (health, docs, the editor's
page) are not limited. Without a key (AUTH_DISABLED) the client address is the bucket.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
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


def init_app(app: Flask) -> None:
    """Limit every non-public route to RATE_LIMIT per key (after the key check has run)."""
    limiter = Limiter(
        bucket,
        default_limits=[lambda: current_app.config["RATE_LIMIT"]],
        default_limits_exempt_when=is_public,
        headers_enabled=True,
        header_name_mapping=HEADERS,
        strategy="moving-window",
        storage_uri=storage_uri(app.config["REDIS_URL_RESOLVED"]),
        key_prefix="ratelimit",
        enabled=app.config["RATE_LIMIT"].strip().lower() not in ("", "off"),
    )
    limiter.init_app(app)
    app.extensions["rate_limiter"] = limiter
