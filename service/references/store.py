"""The reference store: one JSON record per fact in Redis, with set indexes.

Layout (see docs/redis-keys.md): `ref:{ref}:fact:<id>` JSON record; `ref:{ref}:ids` sorted set
of every id (score 0, so ordered by id); `ref:{ref}:term:<term>` and `ref:{ref}:name:<term>` sets
of ids; `ref:{ref}:metric:<metric>`, `ref:{ref}:place:<place key>` and `ref:{ref}:year:<YYYY>`
sets of ids; `ref:{ref}:package:<name>` the ids a data package wrote; `ref:{ref}:version`
counter. Every key carries the hash tag `{ref}`, so on Redis Cluster they all live in one slot,
as the transactions and MGETs below need. Every write is one MULTI/EXEC that WATCHes the
version and INCRs it, so a reader never sees half a write and concurrent writers retry instead
of interleaving. The client must decode responses (`decode_responses=True`).
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections import defaultdict
from collections.abc import Iterable

import redis
from redis.client import Pipeline

from ..errors import Conflict, NotFound, ValidationFailed
from ..model import period_end
from ..vocabulary.places import known_place, place_key
from . import changes as change_log
from .memo import MEMO, StoreMemo
from .schema import identity_changes, load_fact, validate_rows
from .terms import expand, index_terms, name_terms, normalize, significant_words

# `{ref}` is a Redis Cluster hash tag: only it is hashed, so every key below shares one slot
# (one shard) and transactions, ZINTERSTORE and MGET over them work on a cluster too.
PREFIX = "ref:{ref}:"
FACT = PREFIX + "fact:"
TERM = PREFIX + "term:"
NAME = PREFIX + "name:"
METRIC = PREFIX + "metric:"
PLACE = PREFIX + "place:"
PLACE_METRIC = PREFIX + "placemetric:"
NO_PERIOD = float("inf")  # the score of a place's facts without a period
PACKAGE = PREFIX + "package:"
CHUNK = 10_000  # members per SADD/SREM/ZADD of a large write
IDS = PREFIX + "ids"
VERSION = PREFIX + "version"
STAMP = PREFIX + "stamp"  # a new random token on every write: see memo.py
TMP = PREFIX + "tmp:"
TMP_TTL = 30


def _encode(fact: dict) -> str:
    return json.dumps(fact, ensure_ascii=False, separators=(",", ":"))


def fact_place(fact: dict) -> str | None:
    """The place key a fact is about: its `place`, else its subject when the subject is a
    place the gazetteer knows (a country, a region), else None."""
    if fact.get("place"):
        return place_key(fact["place"])
    return known_place(fact["subject"])


def term_index(fact: dict) -> set[str]:
    """The terms a fact is found by: its names and keywords, phrases and words, except that a
    fact whose subject is just its place (a country's population) is found through the place
    index, not by its subject's words ("south", "africa" would find thousands of figures)."""
    place = fact_place(fact)
    if place is not None and place_key(fact["subject"]) == place:
        return expand(fact["keywords"])
    return index_terms(fact)


def year_score(fact: dict) -> float:
    """A fact's score in its place's sorted sets: its period's year, +inf without a period
    (so a range from a year up also takes the facts about no particular time)."""
    # a span by its last year: "2019-2025" is found for an article of 2025
    return int(period_end(fact["period"])[:4]) if fact.get("period") else NO_PERIOD


def index_keys(fact: dict) -> dict[str, float]:
    """Every index the fact's id belongs to, with its score there (0 in plain sets)."""
    keys = dict.fromkeys([TERM + t for t in term_index(fact)], 0)
    keys.update(dict.fromkeys([NAME + t for t in name_terms(fact)], 0))
    keys[METRIC + fact["metric"]] = 0
    place = fact_place(fact)
    if place is not None:
        keys[PLACE + place] = keys[f"{PLACE_METRIC}{place}:{fact['metric']}"] = year_score(fact)
    return keys


def _sorted(key: str) -> bool:
    """Whether an index key is a sorted set (the ids, and each place's facts by year)."""
    return key == IDS or key.startswith((PLACE, PLACE_METRIC))


def series_key(fact: dict) -> tuple:
    """What a newer vintage of a figure shares with the one it revises: the place, subject,
    metric, unit and period (two events in one country are two series)."""
    unit = normalize(fact.get("unit") or "")
    subject = normalize(fact["subject"])
    return fact_place(fact), subject, fact["metric"], unit, fact.get("period")


class _Batch:
    """The changes of many facts merged per key, so a large write is few commands."""

    def __init__(self) -> None:
        self.records: dict[str, str] = {}
        self.deleted: list[str] = []
        self.adds: dict[str, dict[str, float]] = defaultdict(dict)
        self.removes: dict[str, set[str]] = defaultdict(set)

    def replace(self, old: dict | None, new: dict | None) -> None:
        """Turn record `old` into `new` (either may be None)."""
        before = index_keys(old) if old else {}
        after = index_keys(new) if new else {}
        for key in before.keys() - after.keys():
            self.removes[key].add(old["id"])
        for key, score in after.items():
            if before.get(key) != score:
                self.adds[key][new["id"]] = score
        if new is None:
            self.removes[IDS].add(old["id"])
            self.deleted.append(FACT + old["id"])
        else:
            self.adds[IDS][new["id"]] = 0
            self.records[FACT + new["id"]] = _encode(new)

    def queue(self, pipe: Pipeline) -> None:
        """Queue the commands (inside the caller's MULTI)."""
        for key, members in self.removes.items():
            for part in _chunks(sorted(members)):
                if _sorted(key):
                    pipe.zrem(key, *part)
                else:
                    pipe.srem(key, *part)
        for key in self.deleted:
            pipe.delete(key)
        for key, raw in self.records.items():
            pipe.set(key, raw)
        for key, scores in self.adds.items():
            for part in _chunks(sorted(scores)):
                if _sorted(key):
                    pipe.zadd(key, {member: scores[member] for member in part})
                else:
                    pipe.sadd(key, *part)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


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

    def candidates(
        self,
        terms: Iterable[str],
        places: Iterable[str] = (),
        metrics: Iterable[str] | None = None,
        years: Iterable[int | str] | None = None,
        stamp: str | None = None,
    ) -> list[dict]:
        """Facts indexed under any of `terms` or about any of `places`, most matched first:
        two round trips whatever the store holds (none for what the memo holds).

        Each term is normalised and looked up whole (index terms are phrases and their words).
        `places` are place keys (`service.vocabulary.places.place_key` or `find_places`);
        `metrics` keeps facts of those metrics only (a place's are read per metric); `years`
        keeps, of a place's facts, those whose period falls in one of the years and those
        without a period (one `ZRANGEBYSCORE` from the first year up per place and metric).
        Every fact carries `matched_terms`, the terms that found it, and, when `places` were
        given, `matched_places`, the place keys that did. With the store's `stamp` (read by
        `stamp_and_version`), look-ups made under it before come from this process's memo.
        """
        keys = sorted({normalize(t) for t in terms} - {""})
        place_keys = sorted(set(places) - {""})
        wanted = set(metrics) if metrics is not None else None
        if not keys and not place_keys:
            return []
        memo = MEMO.at(stamp) if stamp else None
        wanted_years = {int(str(y)[:4]) for y in years} if years else None
        low = min(wanted_years) if wanted_years else "-inf"
        lookups = [
            (place, metric, low)
            for place in place_keys
            for metric in (sorted(wanted) if wanted is not None else [None])
        ]
        terms_found, lookups_found = self._indexes(memo, keys, lookups, bool(wanted_years))
        hits: dict[str, list[str]] = {}
        for key in keys:
            for fact_id in terms_found[key]:
                hits.setdefault(fact_id, []).append(key)
        near: dict[str, list[str]] = {}
        for lookup in lookups:
            place = lookup[0]
            for member in lookups_found[lookup]:
                if wanted_years:
                    fact_id, score = member
                    if score != NO_PERIOD and int(score) not in wanted_years:
                        continue
                else:
                    fact_id = member
                found = near.setdefault(fact_id, [])
                if place not in found:
                    found.append(place)
        facts = []
        for record in self._memo_records(memo, sorted(hits.keys() | near.keys())):
            if wanted is None or record["metric"] in wanted:
                fact = {**record, "matched_terms": hits.get(record["id"], [])}
                if place_keys:
                    fact["matched_places"] = near.get(record["id"], [])
                facts.append(fact)
        return sorted(
            facts,
            key=lambda f: (-len(f["matched_terms"]) - len(f.get("matched_places", ())), f["id"]),
        )

    def _indexes(
        self, memo: StoreMemo | None, keys: list[str], lookups: list[tuple], scored: bool
    ) -> tuple[dict, dict]:
        """The ids under each term key and the members of each (place, metric, from year)
        look-up: the memo's, and the rest in one round trip."""
        terms, missing_terms = memo.known(memo.terms, keys) if memo else ({}, keys)
        found, missing = memo.known(memo.lookups, lookups) if memo else ({}, lookups)
        if missing_terms or missing:
            pipe = self.client.pipeline(transaction=False)
            for key in missing_terms:
                pipe.smembers(TERM + key)
            for place, metric, low in missing:
                key = f"{PLACE_METRIC}{place}:{metric}" if metric else PLACE + place
                pipe.zrangebyscore(key, low, "+inf", withscores=scored)
            results = self._run(pipe)
            new_terms = dict(zip(missing_terms, map(tuple, results), strict=False))
            new_found = dict(zip(missing, map(tuple, results[len(missing_terms) :]), strict=True))
            if memo:
                memo.keep(memo.terms, new_terms)
                memo.keep(memo.lookups, new_found)
            terms |= new_terms
            found |= new_found
        return terms, found

    def _memo_records(self, memo: StoreMemo | None, ids: list[str]) -> list[dict]:
        """The records of `ids` (in that order, less those deleted meanwhile): the memo's,
        and the rest in one MGET."""
        if memo is None:
            return self._records(ids)
        held, missing = memo.known(memo.records, ids)
        if missing:
            fetched = {r["id"]: r for r in self._records(missing)}
            memo.keep(memo.records, fetched)
            held |= fetched
        return [held[i] for i in ids if i in held]

    def stamp_and_version(self) -> tuple[str, int]:
        """The store's stamp (a token every write renews; made here for a store written
        before stamps) and its version, in one round trip."""
        self.round_trips += 1
        stamp, version = self.client.pipeline(transaction=False).get(STAMP).get(VERSION).execute()
        if stamp is None:
            self.client.set(STAMP, secrets.token_hex(8), nx=True)
            return self.stamp_and_version()
        return stamp, int(version or 0)

    # -- writes ------------------------------------------------------------------------------

    def import_facts(self, facts: list[dict], remove: Iterable[str] = ()) -> dict:
        """Validate every fact, then write them all (and delete the `remove` ids) atomically.

        Report: imported (rows given), created, updated, unchanged, removed, and the version
        after the write; the version does not move when nothing changed.
        """
        return self.write_facts(validate_rows(facts), remove)

    def write_facts(
        self,
        facts: list[dict],
        remove: Iterable[str] = (),
        package: str | None = None,
        refuse_older: bool = True,
    ) -> dict:
        """Write canonical facts (from `validate_rows`) atomically, as `import_facts` does.

        With `package`, the facts are that data package's whole content: the facts it wrote
        before and does not hold now are removed, and the report's `revised` counts those a
        newer vintage replaced (same place, metric, unit and period, a later `as_of`;
        `revised_values`: how many of them with a different value). Importing an older vintage
        than the stored one is a Conflict and writes nothing (unless not `refuse_older`: a
        source whose statements' dates may move either way, like Wikidata's).
        """
        new_ids = {f["id"] for f in facts}
        remove = [i for i in dict.fromkeys(remove) if i not in new_ids]
        owned = PACKAGE + package if package else None

        recorded: list[int] = []

        def apply(pipe: Pipeline) -> dict:
            recorded.clear()
            watched_now = change_log.watching(pipe)
            before = set(pipe.smembers(owned)) if owned else set()
            gone_ids = [*remove, *sorted(before - new_ids - set(remove))]
            old = self._watched_records(pipe, [*new_ids, *gone_ids])
            changed = [f for f in facts if old.get(f["id"]) != f]
            gone = [old[i] for i in gone_ids if i in old]
            revised, revised_values = (
                self._revisions(gone, facts, refuse_older) if owned else (0, 0)
            )
            version = int(pipe.get(VERSION) or 0)
            pipe.multi()
            batch = _Batch()
            for fact in changed:
                batch.replace(old.get(fact["id"]), fact)
            for fact in gone:
                batch.replace(fact, None)
            batch.queue(pipe)
            if owned and before != new_ids:
                pipe.delete(owned)
                for part in _chunks(sorted(new_ids)):
                    pipe.sadd(owned, *part)
            if changed or gone:
                version += 1
                pipe.incr(VERSION)
                pipe.set(STAMP, secrets.token_hex(8))
                if watched_now:
                    pairs = [(old.get(f["id"]), f) for f in changed] + [(f, None) for f in gone]
                    summaries = [change_log.summary(a, b, fact_place) for a, b in pairs]
                    change_log.record(pipe, version, summaries)
                    recorded.append(version)
            created = sum(f["id"] not in old for f in changed)
            report = {
                "imported": len(facts),
                "created": created,
                "updated": len(changed) - created,
                "unchanged": len(facts) - len(changed),
                "removed": len(gone),
                "version": version,
            }
            if owned:
                report |= {"revised": revised, "revised_values": revised_values}
            return report

        watched = (VERSION, change_log.WATCHING, *([owned] if owned else []))
        report = self.client.transaction(apply, *watched, value_from_callable=True)
        self._announce(recorded)
        return report

    @staticmethod
    def _revisions(gone: list[dict], facts: list[dict], refuse_older: bool) -> tuple[int, int]:
        """How many removed facts a newer vintage replaces, and how many of those with a new
        value; Conflict when the import is an older vintage than what it would replace."""
        latest = {series_key(f): f for f in facts}
        revised = revised_values = 0
        for old in gone:
            new = latest.get(series_key(old))
            if new is None or (new["as_of"] or "") == (old["as_of"] or ""):
                continue
            if (new["as_of"] or "") < (old["as_of"] or "") and refuse_older:
                raise Conflict(
                    f"The package is an older vintage (as_of {new['as_of']}) than the stored "
                    f"one (as_of {old['as_of']}); nothing was imported."
                )
            revised += 1
            revised_values += new["value"] != old["value"]
        return revised, revised_values

    def put(self, fact_id: str, data: dict) -> dict:
        """Replace an existing fact (NotFound if absent); id-defining fields may not change."""
        new = load_fact(data)
        recorded: list[int] = []

        def apply(pipe: Pipeline) -> dict:
            recorded.clear()
            old = self._watched_records(pipe, [fact_id]).get(fact_id)
            if old is None:
                raise NotFound(f"No reference fact has id {fact_id!r}.")
            if new["id"] != fact_id:
                raise ValidationFailed("The fact's id would change.", identity_changes(old, new))
            self._record_change(pipe, old, new, recorded)
            return new

        watched = (VERSION, change_log.WATCHING)
        result = self.client.transaction(apply, *watched, value_from_callable=True)
        self._announce(recorded)
        return result

    def delete(self, fact_id: str) -> None:
        """Delete one fact and its index entries, or raise NotFound."""

        recorded: list[int] = []

        def apply(pipe: Pipeline) -> None:
            recorded.clear()
            old = self._watched_records(pipe, [fact_id]).get(fact_id)
            if old is None:
                raise NotFound(f"No reference fact has id {fact_id!r}.")
            self._record_change(pipe, old, None, recorded)

        self.client.transaction(apply, VERSION, change_log.WATCHING)
        self._announce(recorded)

    @staticmethod
    def _record_change(pipe: Pipeline, old: dict, new: dict | None, recorded: list[int]) -> None:
        """Start the MULTI and queue one fact's change, its version and, while articles are
        watched, its change-log entry (`service/references/changes.py`)."""
        if old == new:
            pipe.multi()
            return
        watched_now = change_log.watching(pipe)
        version = int(pipe.get(VERSION) or 0) + 1
        pipe.multi()
        ReferenceStore._replace(pipe, old, new)
        pipe.incr(VERSION)
        pipe.set(STAMP, secrets.token_hex(8))
        if watched_now:
            change_log.record(pipe, version, [change_log.summary(old, new, fact_place)])
            recorded.append(version)

    def _announce(self, recorded: list[int]) -> None:
        """After a write that logged its changes: tell the watchers (queue their job)."""
        if recorded:
            change_log.announce(self.client, recorded[-1])

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
        batch = _Batch()
        batch.replace(old, new)
        batch.queue(pipe)
