"""Watched articles in Redis, each under the API key (principal name) that watches it.

Keys (every one carries the hash tag `{watch}`, so the MULTIs below stay in one slot):

- `watch:{watch}:article:<uid>` string: the watch as JSON (id, owner, signer, callback_url,
  the article itself and its source documents (`sources`) so it can be checked again, its
  digest, created_at, checked_at, reference_version, index keys, and each claim: start, end,
  text, verdict, explanation, evidence, facts, frame, history of verdicts); `<uid>` is 24 hex
  digits of sha256 over the owner and the article id, so two keys' articles of the same id
  never meet;
- `watch:{watch}:owner:<owner>` sorted set: the owner's article ids, score 0 (pages by id);
- `watch:{watch}:by:<index key>` set: the uids indexed there (`index.py`).

While one article is watched, `ref:{ref}:watching` is set, which makes every reference write
record its changes (`service/references/changes.py`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime

import redis

from ..errors import NotFound, ValidationFailed
from ..references.changes import WATCHING

PREFIX = "watch:{watch}:"
ARTICLE = PREFIX + "article:"
OWNER = PREFIX + "owner:"
BY = PREFIX + "by:"
ALL = PREFIX + "all"  # the uids of every watched article (for the metrics' count)
TOTALS = PREFIX + "totals"  # re-check figures since the start: runs, rechecked, alerts, facts


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def uid(owner: str, article_id: str) -> str:
    return hashlib.sha256(f"{owner}\x1f{article_id}".encode()).hexdigest()[:24]


def digest(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode()).hexdigest()


def article_id(given: str | None, url: str | None) -> str:
    """The CMS's id, else one made from the URL (the first 16 hex digits of its sha256)."""
    return given or "u" + hashlib.sha256(url.encode()).hexdigest()[:16]


def claim_state(claim: dict, version: int, at: str) -> dict:
    """What a watch keeps of one checked claim, with its first history entry."""
    cited = [e["reference_id"] for e in claim.get("evidence") or [] if e.get("reference_id")]
    return {
        "start": claim["start"],
        "end": claim["end"],
        "text": claim["text"],
        "verdict": claim["verdict"],
        "explanation": claim.get("explanation"),
        "evidence": claim.get("evidence") or [],
        "facts": cited,
        "frame": claim.get("frame") or {},
        "history": [
            {"verdict": claim["verdict"], "facts": cited, "reference_version": version, "at": at}
        ],  # fmt: skip
    }


class WatchStore:
    """Reads and writes of watched articles; `client` decodes responses."""

    def __init__(self, client: redis.Redis):
        self.client = client

    @staticmethod
    def start_watching(client: redis.Redis) -> None:
        """Make reference writes record their changes (before the article's first check, so
        a write after that check is recorded)."""
        client.set(WATCHING, 1)

    def load(self, key: str) -> dict | None:
        raw = self.client.get(ARTICLE + key)
        return json.loads(raw) if raw else None

    def load_many(self, keys: list[str]) -> list[dict]:
        raws = self.client.mget([ARTICLE + k for k in keys]) if keys else []
        return [json.loads(r) for r in raws if r]

    def save(self, record: dict, old_index: Iterable[str] = ()) -> None:
        """Write the watch and move its index entries, in one MULTI."""
        key = uid(record["owner"], record["id"])
        new_index = set(record["index"])
        old_index = set(old_index)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(ARTICLE + key, json.dumps(record, ensure_ascii=False))
            pipe.zadd(OWNER + record["owner"], {record["id"]: 0})
            pipe.sadd(ALL, key)
            for name in old_index - new_index:
                pipe.srem(BY + name, key)
            for name in new_index - old_index:
                pipe.sadd(BY + name, key)
            pipe.execute()

    def get(self, owner: str, article_id: str) -> dict:
        """The owner's watched article, or NotFound (another key's is not found either)."""
        record = self.load(uid(owner, article_id)) if len(article_id) <= 200 else None
        if record is None or record["owner"] != owner:
            raise NotFound(f"No watched article {article_id!r}.")
        return record

    def delete(self, owner: str, article_id: str) -> None:
        """Stop watching: the record, its index entries and its place in the listing."""
        record = self.get(owner, article_id)
        key = uid(owner, article_id)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(ARTICLE + key)
            pipe.zrem(OWNER + owner, article_id)
            pipe.srem(ALL, key)
            for name in record["index"]:
                pipe.srem(BY + name, key)
            pipe.execute()

    def list(self, owner: str, cursor: str | None, limit: int) -> dict:
        """A page of the owner's watched articles, by id; `cursor` is the previous page's last."""
        if not 1 <= limit <= 500:
            raise ValidationFailed("Bad page size.", [{"field": "limit", "message": "1 to 500."}])
        start = f"({cursor}" if cursor else "-"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.zrangebylex(OWNER + owner, start, "+", 0, limit + 1)
            pipe.zcard(OWNER + owner)
            ids, total = pipe.execute()
        records = self.load_many([uid(owner, i) for i in ids[:limit]])
        more = len(ids) > limit
        return {
            "items": [summary(r) for r in records],
            "next_cursor": ids[limit - 1] if more else None,
            "total": total,
        }

    def figures(self) -> dict[str, int]:
        """How many articles are watched, and the re-check totals since the start."""
        with self.client.pipeline(transaction=False) as pipe:
            watched, totals = pipe.scard(ALL).hgetall(TOTALS).execute()
        return {"watched": watched, **{k: int(v) for k, v in totals.items()}}

    def count_run(self, figures: dict) -> None:
        """Add a re-check run's figures to the totals."""
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hincrby(TOTALS, "runs", 1)
            for name in ("rechecked", "alerts", "facts"):
                pipe.hincrby(TOTALS, name, figures[name])
            pipe.execute()

    def affected(self, index_keys: Iterable[str]) -> set[str]:
        """The uids of the watches indexed under any of `index_keys`: one SUNION."""
        names = [BY + k for k in index_keys]
        return set(self.client.sunion(names)) if names else set()


def summary(record: dict) -> dict:
    """A watched article in a listing."""
    verdicts: dict[str, int] = {}
    for claim in record["claims"]:
        verdicts[claim["verdict"]] = verdicts.get(claim["verdict"], 0) + 1
    return {
        "id": record["id"],
        "url": record.get("url"),
        "title": record.get("title"),
        "digest": record["digest"],
        "created_at": record["created_at"],
        "checked_at": record["checked_at"],
        "reference_version": record["reference_version"],
        "verdicts": verdicts,
    }


def view(record: dict) -> dict:
    """`GET /v1/articles/{id}`: the watch and each claim with its verdict history."""
    claims = [
        {
            k: c[k]
            for k in ("start", "end", "text", "verdict", "explanation", "facts", "frame", "history")
        }  # fmt: skip
        for c in record["claims"]
    ]
    return {**summary(record), "callback_url": record["callback_url"], "claims": claims}
