"""A real, throwaway Redis Cluster (3 primaries, 3 replicas) on free loopback ports, and a real
Sentinel-watched primary with a replica, for the tests. Needs `redis-server` and `redis-cli`."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis

from service.embedded import find_redis_server
from tests.redis_server import free_port


def _wait(check, what: str, timeout: float = 20.0, died=None) -> None:
    """Poll `check()` until it is true, else (on timeout or `died()`) RuntimeError."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except redis.RedisError:
            pass
        if time.monotonic() > deadline or (died and died()):
            raise RuntimeError(f"gave up waiting for {what}")
        time.sleep(0.05)


class _Servers:
    """redis-server processes started by a helper; stop() ends only those."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.processes: list[subprocess.Popen] = []

    def spawn(self, name: str, *args: str) -> None:
        folder = self.data_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        self.processes.append(
            subprocess.Popen(
                [find_redis_server(), *args, "--dir", str(folder), "--logfile", "redis.log"],
                stdin=subprocess.DEVNULL,
                cwd=folder,
            )
        )

    def died(self) -> bool:
        return any(process.poll() is not None for process in self.processes)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []


def cluster_port() -> int:
    """A free port P whose cluster bus port P + 10000 is free too (so P is at most 55535)."""
    while True:
        port = free_port()
        if port <= 55535 and _free(port) and _free(port + 10000):
            return port


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class RedisClusterServers(_Servers):
    """Six cluster-enabled redis-servers joined by `redis-cli --cluster create`."""

    def __init__(self, data_dir: Path, nodes: int = 6):
        super().__init__(data_dir)
        self.ports: list[int] = []
        while len(self.ports) < nodes:
            port = cluster_port()
            # no node's port may be another's bus port (P + 10000): both would bind it
            taken = {p for chosen in self.ports for p in (chosen, chosen + 10000)}
            if not {port, port + 10000} & taken:
                self.ports.append(port)

    @property
    def url(self) -> str:
        """The service's URL for it: every node a seed."""
        return "redis+cluster://" + ",".join(f"127.0.0.1:{port}" for port in self.ports)

    def start(self) -> RedisClusterServers:
        cli = shutil.which("redis-cli")
        if cli is None:
            raise RuntimeError("redis-cli is not on PATH")
        for port in self.ports:
            self.spawn(
                f"node-{port}", "--port", str(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000", "--appendonly", "yes", "--save", "",
            )  # fmt: skip
        for port in self.ports:
            ping = redis.Redis(port=port, socket_timeout=1, socket_connect_timeout=1).ping
            _wait(ping, f"node {port}; see {self.data_dir}", died=self.died)
        subprocess.run(
            [cli, "--cluster", "create", *[f"127.0.0.1:{p}" for p in self.ports],
             "--cluster-replicas", "1", "--cluster-yes"],
            check=True, stdout=subprocess.DEVNULL, timeout=60,
        )  # fmt: skip
        for port in self.ports:
            _wait(lambda p=port: self._ready(p), f"cluster_state:ok on {port}", timeout=60)
        return self

    @staticmethod
    def _ready(port: int) -> bool:
        node = redis.Redis(port=port, socket_timeout=1, decode_responses=True)
        info = node.cluster("info")
        return info["cluster_state"] == "ok" and int(info["cluster_known_nodes"]) == 6

    def flushall(self) -> None:
        client = redis.cluster.RedisCluster(host="127.0.0.1", port=self.ports[0])
        client.flushall(target_nodes=redis.cluster.RedisCluster.PRIMARIES)
        client.close()


class SentinelServers(_Servers):
    """A primary, a replica of it and one Sentinel watching them as `mymaster`."""

    MASTER = "mymaster"

    def __init__(self, data_dir: Path):
        super().__init__(data_dir)
        self.primary, self.replica, self.sentinel = free_port(), free_port(), free_port()

    @property
    def sentinels(self) -> str:
        return f"127.0.0.1:{self.sentinel}"

    def start(self) -> SentinelServers:
        common = ["--bind", "127.0.0.1", "--appendonly", "yes", "--save", ""]
        self.spawn("primary", "--port", str(self.primary), *common)
        self.spawn(
            "replica", "--port", str(self.replica), *common,
            "--replicaof", "127.0.0.1", str(self.primary),
        )  # fmt: skip
        folder = self.data_dir / "sentinel"
        folder.mkdir(parents=True, exist_ok=True)
        config = folder / "sentinel.conf"  # Sentinel rewrites its config file, so it needs one
        config.write_text(
            f"port {self.sentinel}\nbind 127.0.0.1\n"
            f"sentinel monitor {self.MASTER} 127.0.0.1 {self.primary} 1\n"
            f"sentinel down-after-milliseconds {self.MASTER} 1000\n"
            f"sentinel failover-timeout {self.MASTER} 5000\n"
        )
        self.spawn("sentinel", str(config), "--sentinel")
        sentinel = redis.Redis(port=self.sentinel, socket_timeout=1, decode_responses=True)
        replica = redis.Redis(port=self.replica, socket_timeout=1, decode_responses=True)
        _wait(lambda: replica.info("replication")["master_link_status"] == "up", "replication")
        _wait(
            lambda: sentinel.execute_command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", self.MASTER),
            "sentinel",
        )
        _wait(lambda: sentinel.sentinel_slaves(self.MASTER), "sentinel to see the replica")
        return self

    def failover(self) -> None:
        """Make Sentinel promote the replica now, and wait until it has."""
        sentinel = redis.Redis(port=self.sentinel, socket_timeout=2, decode_responses=True)
        sentinel.execute_command("SENTINEL", "FAILOVER", self.MASTER)

        def promoted() -> bool:
            address = sentinel.sentinel_get_master_addr_by_name(self.MASTER)
            return address and int(address[1]) == self.replica

        _wait(promoted, "the failover", timeout=30)
        replica = redis.Redis(port=self.replica, socket_timeout=1, decode_responses=True)
        _wait(lambda: replica.info("replication")["role"] == "master", "the new primary")
