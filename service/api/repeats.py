"""A repeated check answered from memory: the first-level result cache.

A CMS re-checks the same article on every save. Such a request is answered from a per-process
memory of recent results, keyed by a digest of the request's raw bytes that decide the result
(content type, query string, body), before JSON parsing, schema validation and extraction. An
entry holds the reference version it was computed at and is served only while the store is at
that version (one Redis GET per request), so a reference write is never served stale. The rules
version and the settings are fixed for the life of a process, so they need not be in the key;
the second-level cache (`check:*` in Redis, `verify.check.cache_key`) still carries them for
other processes. Only plain JSON results of checks without side effects (no `watch`) are kept.
"""

from __future__ import annotations

import hashlib
import threading

from cachetools import LRUCache
from flask import Request

from .. import metrics

SEPARATOR = b"\x00"


class RecentChecks:
    """Recent check results of this process, at most `max_bytes` of JSON text in all."""

    def __init__(self, max_bytes: int):
        self._entries: LRUCache = LRUCache(max_bytes, getsizeof=lambda entry: len(entry[1]))
        self._lock = threading.Lock()  # gthread workers; gevent never switches inside
        self.max_bytes = max_bytes

    @staticmethod
    def key(request: Request) -> bytes:
        """The digest of what decides a check's result in the request's bytes."""
        digest = hashlib.sha256(request.headers.get("Content-Type", "").encode("latin-1"))
        digest.update(SEPARATOR + request.query_string + SEPARATOR)
        digest.update(request.get_data(cache=True))
        return digest.digest()

    def get(self, key: bytes, version: int) -> str | None:
        """The JSON text kept for `key` at reference `version`, if any."""
        with self._lock:
            entry = self._entries.get(key)
        if entry is None or entry[0] != version:
            return None
        metrics.CHECK_CACHE.labels("memory").inc()
        return entry[1]

    def put(self, key: bytes, version: int, text: str) -> None:
        """Keep `text` (a result at reference `version`); one larger than the whole budget is
        not kept."""
        if len(text) <= self.max_bytes:
            with self._lock:
                self._entries[key] = (version, text)
