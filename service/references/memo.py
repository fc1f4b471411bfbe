"""What this process has read of the reference store, kept while the store does not change.

Every write to the store sets its stamp (`ref:{ref}:stamp`) to a new random token in the same
MULTI/EXEC that moves the version, so a stamp names one content of the store, on any server,
after any failover or flush. A check reads the stamp with the reference version (the same round
trip) and hands it to `ReferenceStore.candidates`, which answers the look-ups it has made under
that stamp before (a term's facts, a place's facts for some years, the records) from here and
asks Redis only for the rest. A new stamp empties the memo first; it is bounded (least recently
used entries go), and only ever a copy of what Redis holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from cachetools import LRUCache

# Bounds per process: term and place look-ups are small lists of ids; a record is a fact's
# JSON and its typed Fact (about 2 KB together), so the facts bound is about 40 MB at most.
TERMS = 50_000
LOOKUPS = 20_000
FACTS = 20_000


class StoreMemo:
    """The reference look-ups of one store content (one stamp), least recently used go."""

    def __init__(self) -> None:
        self.stamp: str | None = None
        self.terms: LRUCache = LRUCache(TERMS)  # normalised term -> ids
        self.lookups: LRUCache = LRUCache(LOOKUPS)  # (place key, metric, from year) -> members
        self.records: LRUCache = LRUCache(FACTS)  # id -> record (without matched_*)
        self.derived: LRUCache = LRUCache(FACTS)  # id -> what a reader made of the record
        self.lock = threading.Lock()

    def at(self, stamp: str) -> StoreMemo:
        """This memo, emptied first if it held another stamp's look-ups."""
        with self.lock:
            if stamp != self.stamp:
                for entries in (self.terms, self.lookups, self.records, self.derived):
                    entries.clear()
                self.stamp = stamp
        return self

    def known(self, entries: LRUCache, keys: list[Hashable]) -> tuple[dict, list]:
        """Of `keys`, the entries held (by key) and the keys missing."""
        held, missing = {}, []
        with self.lock:
            for key in keys:
                value = entries.get(key)
                if value is None:
                    missing.append(key)
                else:
                    held[key] = value
        return held, missing

    def keep(self, entries: LRUCache, found: dict) -> None:
        with self.lock:
            entries.update(found)

    def derive(self, record: dict, make: Callable[[dict], object]) -> object:
        """`make(record)`, made once per fact id under this stamp."""
        with self.lock:
            made = self.derived.get(record["id"])
        if made is None:
            made = make(record)
            with self.lock:
                self.derived[record["id"]] = made
        return made


MEMO = StoreMemo()  # one per process: a cache of Redis, never a source of truth
