"""Per request: an id (`X-Request-ID`, propagated or made, echoed back and in every log line)
and the request count and latency metrics."""

from __future__ import annotations

import re
import time
import uuid

from flask import Flask, Response, g, request

from .. import logs
from ..metrics import LATENCY, REQUESTS

VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def start() -> None:
    """Take the caller's request id if it is sane, else make one; start the clock."""
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if VALID_ID.match(given) else uuid.uuid4().hex
    g.request_id_token = logs.request_id.set(g.request_id)
    g.started = time.perf_counter()


def finish(response: Response) -> Response:
    """Echo the id and count the request under its route (not its raw path)."""
    response.headers["X-Request-ID"] = g.get("request_id", "")
    endpoint = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(request.method, endpoint, str(response.status_code)).inc()
    if "started" in g:
        LATENCY.labels(request.method, endpoint).observe(time.perf_counter() - g.started)
    return response


def forget(_exc=None) -> None:
    """Leave the request id behind with the request."""
    token = g.pop("request_id_token", None)
    if token is not None:
        logs.request_id.reset(token)


def init_app(app: Flask) -> None:
    app.before_request(start)
    app.after_request(finish)
    app.teardown_request(forget)
