"""The reference store: one JSON record per fact in Redis, with set indexes.

Layout (see docs/redis-keys.md): `ref:{ref}:fact:<id>` JSON record; `ref:{ref}:ids` sorted set
of every id (score 0, so ordered by id); `ref:{ref}:term:<term>` and `ref:{ref}:name:<term>` sets
of ids; `ref:{ref}:metric:<metric>` set of ids; `ref:{ref}:version` counter. Every key carries the
hash tag `{ref}`, so on Redis Cluster they all live in one slot, as the transactions and MGETs
below need. Every write is one MULTI/EXEC that WATCHes the version and INCRs it, so a reader never
sees half a write and concurrent writers retry instead of interleaving. The client must decode
responses (`decode_responses=True`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

import redis
from redis.client import Pipeline

from ..errors import NotFound, ValidationFailed
from .schema import identity_changes, load_fact, validate_rows
from .terms import index_terms, name_terms, normalize, significant_words

# `{ref}` is a Redis Cluster hash tag: only it is hashed, so every key below shares one slot
# (one shard) and transactions, ZINTERSTORE and MGET over them work on a cluster too.
PREFIX = "ref:{ref}:"
FACT = PREFIX + "fact:"
TERM = PREFIX + "term:"
NAME = PREFIX + "name:"
METRIC = PREFIX + "metric:"
IDS = PREFIX + "ids"
VERSION = PREFIX + "version"
TMP = PREFIX + "tmp:"
TMP_TTL = 30


def _encode(fact: dict) -> str:
    return json.dumps(fact, ensure_ascii=False, separators=(",", ":"))


class ReferenceStore:
    """Reads and atomic writes of reference facts. `round_trips` counts read exchanges."""

    def __init__(self, client: redis.Redis):
        self.client = client
        self.round_trips = 0

    # -- reads -------------------------------------------------------------------------------

    def _run(self, pipe: Pipeline) -> list:
        """Send a pipeline: one round trip."""
        self.round_trips += 1
        return pipe.execute()

    def _records(self, ids: list[str]) -> list[dict]:
        """The records of `ids` in one MGET, skipping ids deleted meanwhile."""
        if not ids:
            return []
        self.round_trips += 1
        return [json.loads(raw) for raw in self.client.mget([FACT + i for i in ids]) if raw]

    def get(self, fact_id: str) -> dict:
        """One fact, or NotFound."""
        found = self._records([fact_id])
        if not found:
            raise NotFound(f"No reference fact has id {fact_id!r}.")
        return found[0]

    def version(self) -> int:
        """The reference version: it grows by one on every write that changes something."""
        self.round_trips += 1
        return int(self.client.get(VERSION) or 0)

    def count(self) -> int:
        """How many facts the store holds."""
        self.round_trips += 1
        return self.client.zcard(IDS)

    def list(
        self,
        subject: str | None = None,
        metric: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> dict:
        """A page of facts ordered by id, filtered by subject words and metric.

        `subject` matches facts whose subject or an alias contains every significant word of it
        (case, accents and punctuation ignored). `cursor` is the last id of the previous page.
        """
        if not 1 <= limit <= 500:
            raise ValidationFailed("Bad page size.", [{"field": "limit", "message": "1 to 500."}])
        filters = self._filter_keys(subject, metric)
        start = f"({cursor}" if cursor else "-"
        pipe = self.client.pipeline(transaction=True)
        source = IDS
        if filters:
            source = f"{TMP}{uuid.uuid4().hex}"
            pipe.zinterstore(source, {IDS: 0, **{key: 0 for key in filters}})
        pipe.zrangebylex(source, start, "+", 0, limit + 1)
        pipe.zcard(source)
        if filters:
            pipe.delete(source)
        results = self._run(pipe)
        ids, total = results[-3:-1] if filters else results
        items = self._records(ids[:limit])
        more = len(ids) > limit
        return {"items": items, "next_cursor": ids[limit - 1] if more else None, "total": total}

    @staticmethod
    def _filter_keys(subject: str | None, metric: str | None) -> list[str]:
        """Index keys whose intersection is the filtered set."""
        keys = [METRIC + metric] if metric else []
        if subject:
            term = normalize(subject)
            keys += [NAME + w for w in significant_words(term) or [term]]
        return keys

    def candidates(self, terms: Iterable[str], metrics: Iterable[str] | None = None) -> list[dict]:
        """Facts indexed under any of `terms`, most matched terms first: two round trips.

        Each term is normalised and looked up whole (index terms are phrases and their words).
        Every returned fact carries `matched_terms`, the normalised terms that found it.
        """
        keys = sorted({normalize(t) for t in terms} - {""})
        if not keys:
            return []
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.smembers(TERM + key)
        hits: dict[str, list[str]] = {}
        for key, members in zip(keys, self._run(pipe), strict=True):
            for fact_id in members:
                hits.setdefault(fact_id, []).append(key)
        wanted = set(metrics) if metrics is not None else None
        facts = [
            {**fact, "matched_terms": hits[fact["id"]]}
            for fact in self._records(sorted(hits))
            if wanted is None or fact["metric"] in wanted
        ]
        return sorted(facts, key=lambda f: (-len(f["matched_terms"]), f["id"]))

    # -- writes ------------------------------------------------------------------------------

    def import_facts(self, facts: list[dict], remove: Iterable[str] = ()) -> dict:
        """Validate every fact, then write them all (and delete the `remove` ids) atomically.

        Report: imported (rows given), created, updated, unchanged, removed, and the version
        after the write; the version does not move when nothing changed.
        """
        facts = validate_rows(facts)
        new_ids = {f["id"] for f in facts}
        remove = [i for i in dict.fromkeys(remove) if i not in new_ids]

        def apply(pipe: Pipeline) -> dict:
            old = self._watched_records(pipe, [*new_ids, *remove])
            changed = [f for f in facts if old.get(f["id"]) != f]
            gone = [old[i] for i in remove if i in old]
            version = int(pipe.get(VERSION) or 0)
            pipe.multi()
            for fact in changed:
                self._replace(pipe, old.get(fact["id"]), fact)
            for fact in gone:
                self._replace(pipe, fact, None)
            if changed or gone:
                version += 1
                pipe.incr(VERSION)
            created = sum(f["id"] not in old for f in changed)
            return {
                "imported": len(facts),
                "created": created,
                "updated": len(changed) - created,
                "unchanged": len(facts) - len(changed),
                "removed": len(gone),
                "version": version,
            }

        return self.client.transaction(apply, VERSION, value_from_callable=True)

    def put(self, fact_id: str, data: dict) -> dict:
        """Replace an existing fact (NotFound if absent); id-defining fields may not change."""
        new = load_fact(data)

        def apply(pipe: Pipeline) -> dict:
            old = self._watched_records(pipe, [fact_id]).get(fact_id)
            if old is None:
                raise NotFound(f"No reference fact has id {fact_id!r}.")
            if new["id"] != fact_id:
                raise ValidationFailed("The fact's id would change.", identity_changes(old, new))
            pipe.multi()
            if old != new:
                self._replace(pipe, old, new)
                pipe.incr(VERSION)
            return new

        return self.client.transaction(apply, VERSION, value_from_callable=True)

    def delete(self, fact_id: str) -> None:
        """Delete one fact and its index entries, or raise NotFound."""

        def apply(pipe: Pipeline) -> None:
            old = self._watched_records(pipe, [fact_id]).get(fact_id)
            if old is None:
                raise NotFound(f"No reference fact has id {fact_id!r}.")
            pipe.multi()
            self._replace(pipe, old, None)
            pipe.incr(VERSION)

        self.client.transaction(apply, VERSION)

    @staticmethod
    def _watched_records(pipe: Pipeline, ids: list[str]) -> dict[str, dict]:
        """Current records of `ids` read inside a WATCH, by id."""
        # execute_command: redis-py's cluster pipeline blocks its mget() helper, not MGET itself
        # (allowed here: every key is in the `{ref}` slot, and WATCH runs it at once).
        raws = pipe.execute_command("MGET", *[FACT + i for i in ids]) if ids else []
        return {i: json.loads(raw) for i, raw in zip(ids, raws, strict=True) if raw}

    @staticmethod
    def _replace(pipe: Pipeline, old: dict | None, new: dict | None) -> None:
        """Queue the commands that turn record `old` into `new` (either may be None)."""
        if old is not None:
            for term in index_terms(old) - (index_terms(new) if new else set()):
                pipe.srem(TERM + term, old["id"])
            for term in name_terms(old) - (name_terms(new) if new else set()):
                pipe.srem(NAME + term, old["id"])
        if new is None:
            pipe.srem(METRIC + old["metric"], old["id"])
            pipe.zrem(IDS, old["id"])
            pipe.delete(FACT + old["id"])
            return
        pipe.set(FACT + new["id"], _encode(new))
        pipe.zadd(IDS, {new["id"]: 0})
        pipe.sadd(METRIC + new["metric"], new["id"])
        for term in index_terms(new):
            pipe.sadd(TERM + term, new["id"])
        for term in name_terms(new):
            pipe.sadd(NAME + term, new["id"])
