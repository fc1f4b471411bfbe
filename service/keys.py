"""API keys: stored hashed in Redis with a name and scopes. Flask-free; the API and CLI share it.

A key is shown once, when it is created; Redis keeps only its SHA-256 (keys are 256 random bits,
so a plain hash is as good as a slow one). Each key also gets a webhook secret, which signs the
callbacks of its batch jobs and so must be kept readable.

Layout: `auth:{auth}:key:<sha256>` hash {name, scopes, created_at, webhook_secret} (so a
request's key check is one read); `auth:{auth}:name:<name>` hash {hash, scopes, created_at,
webhook_secret}; `auth:{auth}:names` set of names. `{auth}` is a
Redis Cluster hash tag: the keys share one slot, so revoking (one DEL of two keys) works there.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import redis

from .errors import Conflict, NotFound, ValidationFailed

SCOPES = ("check", "admin")
PREFIX = "fck_"
KEY, NAME, NAMES = "auth:{auth}:key:", "auth:{auth}:name:", "auth:{auth}:names"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's name and scopes, and its webhook secret."""

    name: str
    scopes: frozenset[str]
    webhook_secret: str = ""


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class KeyStore:
    """Create, find, list and revoke API keys."""

    def __init__(self, client: redis.Redis):
        self.client = client

    def create(self, name: str, scopes: list[str]) -> tuple[str, str]:
        """A new key and its webhook secret, both shown only now."""
        errors = []
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            errors.append({"field": "name", "message": "use letters, digits, - and _"})
        if unknown := sorted(set(scopes) - set(SCOPES)):
            message = f"unknown scopes {unknown}; use {', '.join(SCOPES)}"
            errors.append({"field": "scopes", "message": message})
        if errors:
            raise ValidationFailed("Invalid key.", errors)
        key, secret = PREFIX + secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        record = {
            "name": name,
            "scopes": ",".join(sorted(set(scopes))),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if not self.client.sadd(NAMES, name):
            raise Conflict(f"A key named {name!r} exists; revoke it first.")
        pipe = self.client.pipeline(transaction=True)  # MULTI on a cluster too: one slot
        record["webhook_secret"] = secret
        pipe.hset(KEY + digest(key), mapping=record)
        pipe.hset(NAME + name, mapping={**record, "hash": digest(key)})
        pipe.execute()
        return key, secret

    def find(self, key: str) -> Principal | None:
        """The key's holder, or None for an unknown or revoked key."""
        record = self.client.hgetall(KEY + digest(key)) if key.startswith(PREFIX) else {}
        if not record:
            return None
        scopes = frozenset(record["scopes"].split(","))
        return Principal(record["name"], scopes, record.get("webhook_secret", ""))

    def secret(self, name: str) -> str | None:
        """The webhook secret of the key called `name`."""
        return self.client.hget(NAME + name, "webhook_secret")

    def list(self) -> list[dict]:
        """Every key's name, scopes and creation time (never the key)."""
        pipe = self.client.pipeline()
        names = sorted(self.client.smembers(NAMES))
        for name in names:
            pipe.hmget(NAME + name, "scopes", "created_at")
        return [
            {"name": n, "scopes": s.split(","), "created_at": c}
            for n, (s, c) in zip(names, pipe.execute(), strict=True)
        ]

    def revoke(self, name: str) -> None:
        """Revoke the key called `name` at once."""
        hashed = self.client.hget(NAME + name, "hash")
        if hashed is None:
            raise NotFound(f"No key named {name!r}.")
        pipe = self.client.pipeline(transaction=True)  # MULTI on a cluster too: one slot
        pipe.delete(KEY + hashed)  # one key per DEL: redis-py's cluster pipeline wants that
        pipe.delete(NAME + name)
        pipe.srem(NAMES, name)
        pipe.execute()
