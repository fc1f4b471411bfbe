"""Circuit breakers (pybreaker) whose state lives in Redis, shared by every worker.

pybreaker's `CircuitRedisStorage` decodes bytes itself, so it gets a non-decoding client on
the same server or cluster (one per connection pool or cluster client, made on first use). Keys:
`src:<source>:pybreaker:{state,fail_counter,success_counter,opened_at}`; every command on them
is single-key (on a cluster pybreaker's `cluster_mode` drops its one-key WATCH transaction).
"""

from __future__ import annotations

from collections.abc import Mapping

import pybreaker
import redis
from redis.cluster import RedisCluster

from ...connections import decoding


def breaker_for(client: redis.Redis, source: str, settings: Mapping) -> pybreaker.CircuitBreaker:
    """The breaker of `source`: opens after SOURCE_BREAKER_FAILURES failures in a row and
    lets one trial call through (half-open) SOURCE_BREAKER_RESET seconds later."""
    storage = pybreaker.CircuitRedisStorage(
        pybreaker.STATE_CLOSED,
        decoding(client, decode=False),
        namespace=f"src:{source}",
        cluster_mode=isinstance(client, RedisCluster),
    )
    return pybreaker.CircuitBreaker(
        fail_max=settings["SOURCE_BREAKER_FAILURES"],
        reset_timeout=settings["SOURCE_BREAKER_RESET"],
        state_storage=storage,
        name=source,
    )
