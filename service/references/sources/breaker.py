"""Circuit breakers (pybreaker) whose state lives in Redis, shared by every worker.

pybreaker's `CircuitRedisStorage` decodes bytes itself, so it gets a non-decoding client on
the same server (one per connection pool, made on first use). Keys:
`src:<source>:pybreaker:{state,fail_counter,success_counter,opened_at}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from weakref import WeakKeyDictionary

import pybreaker
import redis

_BYTES_CLIENTS: WeakKeyDictionary[redis.ConnectionPool, redis.Redis] = WeakKeyDictionary()


def _bytes_client(client: redis.Redis) -> redis.Redis:
    """A client on the same server as `client` that returns bytes."""
    pool = client.connection_pool
    if pool not in _BYTES_CLIENTS:
        kwargs = {**pool.connection_kwargs, "decode_responses": False}
        raw_pool = redis.ConnectionPool(connection_class=pool.connection_class, **kwargs)
        _BYTES_CLIENTS[pool] = redis.Redis(connection_pool=raw_pool)
    return _BYTES_CLIENTS[pool]


def breaker_for(client: redis.Redis, source: str, settings: Mapping) -> pybreaker.CircuitBreaker:
    """The breaker of `source`: opens after SOURCE_BREAKER_FAILURES failures in a row and
    lets one trial call through (half-open) SOURCE_BREAKER_RESET seconds later."""
    storage = pybreaker.CircuitRedisStorage(
        pybreaker.STATE_CLOSED, _bytes_client(client), namespace=f"src:{source}"
    )
    return pybreaker.CircuitBreaker(
        fail_max=settings["SOURCE_BREAKER_FAILURES"],
        reset_timeout=settings["SOURCE_BREAKER_RESET"],
        state_storage=storage,
        name=source,
    )
