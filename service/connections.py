"""Redis clients, Flask-free: which client a URL asks for, and twins that decode or not.

What REDIS_URL's scheme says decides the client (docs/redis-keys.md, "Deployments"):

- `redis://`, `rediss://`, `unix://`: one server, `redis.Redis` on a pool; each request gets a
  client on that pool, cached on `g`.
- `redis+cluster://[user:password@]host:port[,host:port...]`: Redis Cluster, one
  `redis.cluster.RedisCluster` (the listed nodes are seeds; it finds the rest) shared by every
  request of the process (it is thread-safe and holds a pool per node).
- `redis+sentinel://[user:password@]host:port[,host:port...]/<master name>`: a primary watched
  by Sentinel, `Sentinel(...).master_for(name)`; it follows a failover. The password is the
  primary's and the sentinels' (as in flask-limiter's `limits`). REDIS_SENTINELS and
  REDIS_SENTINEL_MASTER are another spelling of it (`resolve_url` turns them into this URL).

With no REDIS_URL (nor sentinels), `resolve_url` starts (or joins) the embedded server in
DATA_DIR.

JOBS_REDIS_URL (`resolve_jobs_url`) may name a Redis of their own for the batch jobs' queues
and records (RQ), in any of the forms above but a cluster: RQ cannot run on Redis Cluster, so a
fleet on a cluster queues its jobs there. `link_queue` ties a store client to its queue client,
so code that holds only the store client (the reference store announcing a change to the
watchers) finds the queue with `queue_for`.
"""

from __future__ import annotations

import atexit
from urllib.parse import unquote, urlsplit
from weakref import WeakKeyDictionary

import redis
from redis.cluster import ClusterNode, RedisCluster
from redis.sentinel import Sentinel, SentinelConnectionPool

from .config import ConfigError
from .embedded import EmbeddedRedis

CLUSTER_SCHEME = "redis+cluster"
SENTINEL_SCHEME = "redis+sentinel"
Client = redis.Redis | RedisCluster


def _hosts(url: str, setting: str = "REDIS_URL") -> tuple[list[tuple[str, int]], dict, str]:
    """`scheme://[user:password@]host:port,host:port/path`: (hosts, auth kwargs, path)."""
    netloc, path = url.split("://", 1)[1].partition("/")[::2]
    auth, _, hostlist = netloc.rpartition("@")
    user, _, password = auth.partition(":")
    hosts = []
    for item in filter(None, (h.strip() for h in hostlist.split(","))):
        parsed = urlsplit(f"//{item}")
        if not parsed.hostname or not parsed.port:
            raise ConfigError(f"{setting}: {item!r} is not host:port")
        hosts.append((parsed.hostname, parsed.port))
    if not hosts:
        raise ConfigError(f"{setting} {url.split('@')[-1]!r} names no host:port")
    credentials = {"username": unquote(user) or None, "password": unquote(password) or None}
    return hosts, {k: v for k, v in credentials.items() if v}, path.strip("/")


def connect(url: str, timeout: float = 2.0, setting: str = "REDIS_URL") -> Client:
    """A client with its own pool(s), for code that runs outside a Flask app (CLI, workers).

    The client decodes responses (str). `redis+cluster://` gives a `RedisCluster`,
    `redis+sentinel://` a `redis.Redis` on the Sentinel-managed primary, anything else
    `redis.Redis.from_url`. `setting` names the variable the URL came from, in errors.
    """
    options = {
        "decode_responses": True,
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "health_check_interval": 30,
    }
    scheme = url.split("://", 1)[0].lower()
    if scheme == CLUSTER_SCHEME:
        hosts, auth, _path = _hosts(url, setting)
        nodes = [ClusterNode(host, port) for host, port in hosts]
        return RedisCluster(startup_nodes=nodes, **auth, **options)
    if scheme == SENTINEL_SCHEME:
        hosts, auth, master = _hosts(url, setting)
        if not master or "/" in master:
            raise ConfigError(f"{setting}: name the Sentinel master, {SENTINEL_SCHEME}://h:p/name")
        sentinel_options = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
        sentinel = Sentinel(hosts, sentinel_kwargs={**auth, **sentinel_options}, **auth)
        return sentinel.master_for(master, **options)
    return redis.Redis.from_url(url, **options)


def is_cluster(client: Client) -> bool:
    return isinstance(client, RedisCluster)


def resolve_url(config) -> str:
    """REDIS_URL; else the Sentinel URL of REDIS_SENTINELS and REDIS_SENTINEL_MASTER; else the
    URL of the embedded server (started if it is not running)."""
    sentinels = config.get("REDIS_SENTINELS")
    if sentinels:
        if config["REDIS_URL"]:
            raise ConfigError(
                "REDIS_SENTINELS and REDIS_URL are both set: set one (REDIS_URL may be "
                f"{SENTINEL_SCHEME}://host:port,host:port/<master>)"
            )
        hosts = ",".join(h.strip() for h in sentinels.split(",") if h.strip())
        return f"{SENTINEL_SCHEME}://{hosts}/{config['REDIS_SENTINEL_MASTER']}"
    if config["REDIS_URL"]:
        return config["REDIS_URL"]
    server = EmbeddedRedis(config["DATA_DIR"], config["REDIS_SERVER_BIN"])
    url = server.ensure_running()
    atexit.register(server.stop)  # a no-op unless this process started it
    return url


QUEUE_SCHEMES = ("redis", "rediss", "unix", SENTINEL_SCHEME)


def resolve_jobs_url(config) -> str | None:
    """JOBS_REDIS_URL, the Redis the batch jobs queue on when it is not REDIS_URL's; None when
    it is unset (or the same URL as REDIS_URL): the jobs then use REDIS_URL's Redis, as the rest
    of the service does. A cluster URL is refused here, at start-up, since RQ cannot run on it."""
    url = (config.get("JOBS_REDIS_URL") or "").strip()
    if not url or url == config.get("REDIS_URL"):
        return None
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme == CLUSTER_SCHEME:
        raise ConfigError(
            "JOBS_REDIS_URL may not be a Redis Cluster (redis+cluster://): batch jobs (RQ) need "
            "multi-key transactions, which a cluster refuses. Name a plain Redis "
            f"(redis://host:6379/0) or a Sentinel primary ({SENTINEL_SCHEME}://host:port/<master>) "
            "for the job queue; REDIS_URL may stay the cluster."
        )
    if scheme not in QUEUE_SCHEMES:
        raise ConfigError(
            f"JOBS_REDIS_URL must start with one of {', '.join(s + '://' for s in QUEUE_SCHEMES)}; "
            f"got {url.split('@')[-1]!r}"
        )
    return url


_QUEUES: WeakKeyDictionary = WeakKeyDictionary()


def _owner(client: Client):
    """What a client's state hangs on: its connection pool, or the cluster client itself."""
    return client if is_cluster(client) else client.connection_pool


def link_queue(store: Client, queue: Client) -> None:
    """Make `queue` the job-queue client of `store` (and of every client on its pool)."""
    _QUEUES[_owner(store)] = queue


def queue_for(client: Client) -> Client:
    """The job-queue client linked to `client` (JOBS_REDIS_URL's), else `client` itself."""
    return _QUEUES.get(_owner(client), client)


def connect_store(config, timeout: float = 2.0) -> Client:
    """A client of REDIS_URL's Redis (`resolve_url`) for code outside the app (CLI, gunicorn's
    master), linked to a client of JOBS_REDIS_URL's when that is set."""
    jobs_url = resolve_jobs_url(config)
    client = connect(resolve_url(config), timeout)
    if jobs_url:
        link_queue(client, connect(jobs_url, timeout, setting="JOBS_REDIS_URL"))
    return client


_TWINS: WeakKeyDictionary = WeakKeyDictionary()
# Per-pool state redis-py adds to connection kwargs; a new pool or cluster client makes its own.
_POOL_STATE = {
    "maint_notifications_pool_handler",
    "himport_registry",
    "orig_host_address",
    "orig_socket_timeout",
    "orig_socket_connect_timeout",
    "connection_pool",
}


def decoding(client: Client, decode: bool) -> Client:
    """A client on the same server (plain, Sentinel primary or cluster) as `client` that does,
    or does not, decode replies: RQ and pybreaker want bytes, the service str. Made once per
    connection pool or cluster client."""
    cluster = is_cluster(client)
    owner = client if cluster else client.connection_pool
    kwargs = client.get_connection_kwargs() if cluster else owner.connection_kwargs
    if bool(kwargs.get("decode_responses")) == decode:
        return client
    twins = _TWINS.setdefault(owner, {})
    if decode not in twins:
        kwargs = {k: v for k, v in kwargs.items() if k not in _POOL_STATE}
        kwargs["decode_responses"] = decode
        if cluster:
            nodes = [ClusterNode(node.host, node.port) for node in client.get_primaries()]
            twins[decode] = RedisCluster(startup_nodes=nodes, **kwargs)
        elif isinstance(owner, SentinelConnectionPool):
            twins[decode] = owner.sentinel_manager.master_for(owner.service_name, **kwargs)
        else:
            pool = redis.ConnectionPool(connection_class=owner.connection_class, **kwargs)
            twins[decode] = redis.Redis(connection_pool=pool)
    return twins[decode]
