"""Circuit breakers (pybreaker) whose state lives in Redis, shared by every worker.

pybreaker's `CircuitRedisStorage` decodes bytes itself, so it gets a non-decoding client on
the same server or cluster (one per connection pool or cluster client, made on first use). Keys:
`src:<source>:pybreaker:{state,fail_counter,success_counter,opened_at}`; every command on them
is single-key (on a cluster pybreaker's `cluster_mode` drops its one-key WATCH transaction).
"""

from __future__ import annotations

from collections.abc import Mapping
from weakref import WeakKeyDictionary

import pybreaker
import redis
from redis.cluster import ClusterNode, RedisCluster
from redis.sentinel import SentinelConnectionPool

_BYTES_CLIENTS: WeakKeyDictionary = WeakKeyDictionary()
# Per-pool state redis-py adds to connection kwargs; a new pool or cluster client makes its own.
_POOL_STATE = {
    "maint_notifications_pool_handler",
    "himport_registry",
    "orig_host_address",
    "orig_socket_timeout",
    "orig_socket_connect_timeout",
    "connection_pool",
}


def _bytes_client(client: redis.Redis | RedisCluster) -> redis.Redis | RedisCluster:
    """A client on the same server (Sentinel primary, cluster) as `client` that returns bytes."""
    cluster = isinstance(client, RedisCluster)
    owner = client if cluster else client.connection_pool
    if owner not in _BYTES_CLIENTS:
        kwargs = client.get_connection_kwargs() if cluster else owner.connection_kwargs
        kwargs = {k: v for k, v in kwargs.items() if k not in _POOL_STATE}
        kwargs["decode_responses"] = False
        if cluster:
            nodes = [ClusterNode(node.host, node.port) for node in client.get_primaries()]
            made = RedisCluster(startup_nodes=nodes, **kwargs)
        elif isinstance(owner, SentinelConnectionPool):
            made = owner.sentinel_manager.master_for(owner.service_name, **kwargs)
        else:
            pool = redis.ConnectionPool(connection_class=owner.connection_class, **kwargs)
            made = redis.Redis(connection_pool=pool)
        _BYTES_CLIENTS[owner] = made
    return _BYTES_CLIENTS[owner]


def breaker_for(client: redis.Redis, source: str, settings: Mapping) -> pybreaker.CircuitBreaker:
    """The breaker of `source`: opens after SOURCE_BREAKER_FAILURES failures in a row and
    lets one trial call through (half-open) SOURCE_BREAKER_RESET seconds later."""
    storage = pybreaker.CircuitRedisStorage(
        pybreaker.STATE_CLOSED,
        _bytes_client(client),
        namespace=f"src:{source}",
        cluster_mode=isinstance(client, RedisCluster),
    )
    return pybreaker.CircuitBreaker(
        fail_max=settings["SOURCE_BREAKER_FAILURES"],
        reset_timeout=settings["SOURCE_BREAKER_RESET"],
        state_storage=storage,
        name=source,
    )
