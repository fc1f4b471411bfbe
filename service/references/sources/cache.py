"""Source responses cached in Redis, with negative caching of misses.

An entry is fresh for SOURCE_CACHE_TTL seconds after it was last checked and is kept
SOURCE_STALE_TTL seconds longer so it can be served, marked stale, while the source is down.
A miss (the source knows nothing under a key) is remembered for SOURCE_NEGATIVE_TTL.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Mapping

import redis


class SourceCache:
    """`src:<source>:resp:<hash>` entries and `src:<source>:miss:<hash>` markers."""

    def __init__(self, client: redis.Redis, source: str, settings: Mapping):
        self.client = client
        self.source = source
        self.ttl = settings["SOURCE_CACHE_TTL"]
        self.keep = settings["SOURCE_STALE_TTL"]
        self.miss_ttl = settings["SOURCE_NEGATIVE_TTL"]

    def _key(self, kind: str, name: str) -> str:
        return f"src:{self.source}:{kind}:{hashlib.sha1(name.encode()).hexdigest()[:20]}"

    def get(self, name: str) -> dict | None:
        """The entry `{body, fetched_at, checked_at, etag, last_modified}`, or None."""
        raw = self.client.get(self._key("resp", name))
        return json.loads(raw) if raw else None

    def is_fresh(self, entry: dict) -> bool:
        """Checked against the source less than SOURCE_CACHE_TTL seconds ago."""
        return time.time() - entry["checked_at"] < self.ttl

    def put(self, name: str, body: object, etag: str | None, last_modified: str | None) -> dict:
        """Store a body just fetched (200) and return its entry."""
        now = time.time()
        entry = {
            "body": body,
            "fetched_at": now,
            "checked_at": now,
            "etag": etag,
            "last_modified": last_modified,
        }
        self._save(name, entry)
        return entry

    def revalidated(self, name: str, entry: dict) -> dict:
        """The source answered 304: the entry is fresh again, its body and fetched_at unchanged."""
        entry = {**entry, "checked_at": time.time()}
        self._save(name, entry)
        return entry

    def _save(self, name: str, entry: dict) -> None:
        self.client.set(self._key("resp", name), json.dumps(entry), ex=self.ttl + self.keep)

    def missed(self, name: str) -> bool:
        """The source recently said it knows nothing under `name`."""
        return bool(self.client.exists(self._key("miss", name)))

    def remember_miss(self, name: str) -> None:
        """Remember for SOURCE_NEGATIVE_TTL seconds that `name` found nothing."""
        self.client.set(self._key("miss", name), 1, ex=max(self.miss_ttl, 1))
