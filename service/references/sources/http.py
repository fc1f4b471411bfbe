"""The HTTP side of remote sources: one pooled `requests.Session` per process and policy.

Retries with exponential backoff are urllib3's `Retry` mounted through `HTTPAdapter`; every
request has a connect and read timeout. Failures the caller should treat as "source down"
(network errors, timeouts, 429/5xx after the retries) raise `SourceFailure`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

RETRY_STATUSES = (429, 500, 502, 503, 504)


class SourceFailure(Exception):
    """The source did not answer usefully: network error, timeout, 5xx or a malformed body."""


@functools.lru_cache(maxsize=8)
def session(retries: int, backoff: float, user_agent: str) -> requests.Session:
    """A pooled session that retries idempotent GETs on connection errors and 429/5xx."""
    retry = Retry(
        total=retries,
        backoff_factor=backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,
        respect_retry_after_header=False,  # keep a request's worst case bounded
    )
    adapter = HTTPAdapter(max_retries=retry, pool_connections=4, pool_maxsize=8)
    http = requests.Session()
    http.mount("http://", adapter)
    http.mount("https://", adapter)
    http.headers["User-Agent"] = user_agent
    return http


def fetch(
    settings: Mapping, url: str, params: dict | None = None, headers: dict | None = None
) -> requests.Response:
    """GET `url`; 2xx, 3xx and 4xx responses are returned, anything else is SourceFailure."""
    http = session(
        settings["SOURCE_RETRIES"], settings["SOURCE_BACKOFF"], settings["SOURCE_USER_AGENT"]
    )
    try:
        response = http.get(url, params=params, headers=headers, timeout=settings["SOURCE_TIMEOUT"])
    except requests.RequestException as exc:
        raise SourceFailure(f"{_cause(exc)} fetching {url}") from exc
    if response.status_code in RETRY_STATUSES:
        raise SourceFailure(f"HTTP {response.status_code} from {url}")
    return response


def _cause(exc: requests.RequestException) -> str:
    """The root cause's class name: urllib3 wraps e.g. a read timeout in MaxRetryError."""
    inner = exc.args[0] if exc.args else None
    return type(getattr(inner, "reason", None) or exc).__name__


def json_body(response: requests.Response) -> object:
    """The response's JSON, or SourceFailure when it is not JSON."""
    try:
        return response.json()
    except ValueError:
        raise SourceFailure(f"Malformed JSON from {response.url}") from None
