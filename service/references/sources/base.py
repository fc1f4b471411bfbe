"""What every remote source shares: breaker-guarded, cached, conditional GETs and a state.

`cached_get` serves a fresh cache entry without asking the source; otherwise it asks (with
If-None-Match / If-Modified-Since when the entry has validators). When the source fails or its
breaker is open, the cached copy is served and marked stale (stale-if-error); with no cached
copy the failure is a ServiceUnavailable. State lives in the hash `src:<name>:state` and the
ids of the facts a source wrote in the set `src:<name>:facts`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import pybreaker
import redis
import requests

from ...errors import ServiceUnavailable, ValidationFailed
from ...metrics import SOURCE_ERRORS
from ..schema import validate_rows
from ..store import ReferenceStore
from .breaker import breaker_for
from .cache import SourceCache
from .http import SourceFailure, fetch

Decoder = Callable[[requests.Response], object]


@dataclass
class Fetched:
    """A body from a source or its cache; `body` None is a (remembered) miss."""

    body: object
    fetched_at: float | None
    stale: bool = False

    @property
    def retrieved_at(self) -> str:
        """When the body left the source, as an ISO datetime."""
        return _iso(self.fetched_at)


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class RemoteSource:
    """A named remote source; subclasses set `name`, `kind`, `base_url` and `refresh()`."""

    name = ""
    kind = ""

    def __init__(self, client: redis.Redis, settings: Mapping):
        self.client = client
        self.settings = settings
        self.cache = SourceCache(client, self.name, settings)
        self.breaker = breaker_for(client, self.name, settings)
        self.store = ReferenceStore(client)
        self.state_key = f"src:{self.name}:state"
        self.facts_key = f"src:{self.name}:facts"

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def refresh(self) -> int:
        """Re-fetch now; returns how many facts were created, updated or removed."""
        raise NotImplementedError

    def cached_get(
        self, key: str, url: str, params: dict | None, decode: Decoder, force: bool = False
    ) -> Fetched:
        """The body under `key`: cached while fresh (unless `force`), else fetched; the
        cached copy, stale, when the source fails; ServiceUnavailable with no copy."""
        if not force and self.cache.missed(key):
            return Fetched(None, None)
        entry = self.cache.get(key)
        if entry and not force and self.cache.is_fresh(entry):
            return Fetched(entry["body"], entry["fetched_at"])
        try:
            fetched = self.breaker.call(self._fetch, key, url, params, decode, entry)
        except (SourceFailure, pybreaker.CircuitBreakerError) as exc:
            cause = exc.__context__ if isinstance(exc, pybreaker.CircuitBreakerError) else exc
            if cause is None:  # the open breaker refused the call: the source was not asked
                self.client.hset(self.state_key, "stale", 1)
            else:  # a failure (perhaps the one that opened the breaker): count its real cause
                self._record_failure(cause)
            if entry is None:
                raise self.unavailable(str(exc)) from None
            return Fetched(entry["body"], entry["fetched_at"], stale=True)
        self._record_success()
        return fetched

    def _fetch(
        self, key: str, url: str, params: dict | None, decode: Decoder, entry: dict | None
    ) -> Fetched:
        """One conditional GET; a None body is remembered as a miss, not cached."""
        response = fetch(self.settings, url, params, _validators(entry))
        if response.status_code == 304 and entry:
            entry = self.cache.revalidated(key, entry)
            return Fetched(entry["body"], entry["fetched_at"])
        if response.status_code != 200:
            raise SourceFailure(f"HTTP {response.status_code} from {url}")
        body = decode(response)
        if body is None:
            self.cache.remember_miss(key)
            return Fetched(None, None)
        headers = response.headers
        entry = self.cache.put(key, body, headers.get("ETag"), headers.get("Last-Modified"))
        return Fetched(body, entry["fetched_at"])

    def import_facts(self, facts: list[dict], replace: bool = False) -> tuple[list[dict], dict]:
        """Validate and write facts from this source, remembering their ids; with `replace`,
        the source's earlier facts that are not among them are deleted in the same write.
        Returns the canonical facts and the store's import report."""
        try:
            facts = validate_rows(facts)
        except ValidationFailed as exc:
            self._record_failure(SourceFailure(f"invalid facts: {exc.detail}"))
            raise ServiceUnavailable(
                f"Source '{self.name}' sent invalid facts: {exc.detail}", exc.errors
            ) from None
        previous = self.client.smembers(self.facts_key) if replace else set()
        report = self.store.import_facts(facts, remove=previous)
        pipe = self.client.pipeline()
        if replace:
            pipe.delete(self.facts_key)
        if facts:
            pipe.sadd(self.facts_key, *[fact["id"] for fact in facts])
        pipe.execute()
        return facts, report

    def unavailable(self, reason: str) -> ServiceUnavailable:
        """The error for a source that could not be used; Retry-After: SOURCE_BREAKER_RESET."""
        headers = {"Retry-After": str(int(self.settings["SOURCE_BREAKER_RESET"]))}
        return ServiceUnavailable(f"Source '{self.name}' is unavailable: {reason}", headers=headers)

    def _record_success(self) -> None:
        """The source answered: note when, and that what it serves is not stale."""
        self.client.hset(self.state_key, mapping={"last_refresh": _iso_now(), "stale": 0})

    def _record_failure(self, exc: Exception) -> None:
        """The source failed: count it, keep the reason, mark what is served stale."""
        SOURCE_ERRORS.labels(self.name).inc()
        pipe = self.client.pipeline()
        pipe.hincrby(self.state_key, "errors", 1)
        pipe.hset(
            self.state_key, mapping={"last_error": str(exc) or type(exc).__name__, "stale": 1}
        )
        pipe.execute()

    def state(self) -> dict:
        """The public state: name, kind, base_url, last_refresh, facts, errors, last_error,
        breaker (closed, open or half-open) and stale."""
        raw = self.client.hgetall(self.state_key)
        return {
            "name": self.name,
            "kind": self.kind,
            "base_url": self.base_url,
            "last_refresh": raw.get("last_refresh"),
            "facts": self.client.scard(self.facts_key),
            "errors": int(raw.get("errors", 0)),
            "last_error": raw.get("last_error"),
            "breaker": self.breaker.current_state,
            "stale": raw.get("stale") == "1",
        }


def _iso_now() -> str:
    return _iso(datetime.now(UTC).timestamp())


def _validators(entry: dict | None) -> dict:
    """Conditional-GET headers from a cached entry's ETag and Last-Modified."""
    if not entry:
        return {}
    headers = {"If-None-Match": entry.get("etag"), "If-Modified-Since": entry.get("last_modified")}
    return {name: value for name, value in headers.items() if value}
