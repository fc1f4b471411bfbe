"""Prometheus metrics: what the service counts, and how /metrics gathers them.

Under gunicorn every worker writes its samples to PROMETHEUS_MULTIPROC_DIR (set up by the
master, see `gunicorn_conf`) and a scrape adds them up; in a single process the default
registry is used. Flask-free: the checker and the sources count here too. The counts live in
the processes, not in Redis, so a scrape always answers: what Redis alone knows (the job queue
depth) is left out while Redis is down, and `factcheck_redis_up` says so. With a queue Redis
of its own (JOBS_REDIS_URL), `factcheck_redis_up` is REDIS_URL's and `factcheck_jobs_redis_up`
the queue's, which the depth is read from.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import redis
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import REGISTRY, CounterMetricFamily, GaugeMetricFamily

from .errors import ServiceError

REQUESTS = Counter(
    "factcheck_http_requests_total", "HTTP requests by endpoint and status.",
    ["method", "endpoint", "status"],
)  # fmt: skip
LATENCY = Histogram(
    "factcheck_http_request_duration_seconds", "HTTP request latency by endpoint.",
    ["method", "endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)  # fmt: skip
CLAIMS = Counter("factcheck_claims_extracted_total", "Numeric claims extracted.", ["kind"])
VERDICTS = Counter("factcheck_verdicts_total", "Verdicts given.", ["verdict"])
FINDINGS = Counter("factcheck_findings_total", "Internal consistency findings, by type.", ["type"])
CHECK_CACHE = Counter(
    "factcheck_check_cache_total",
    "Check results served from the process's memory (memory), from Redis (hit), or computed "
    "(miss).",
    ["result"],
)
SOURCE_DOCUMENTS = Counter(
    "factcheck_source_documents_total",
    "Source documents (press releases, filings ...) checked with an article.",
)
SOURCE_ERRORS = Counter(
    "factcheck_source_errors_total", "Failed requests to remote reference sources.", ["source"]
)


class QueueDepth:
    """Jobs waiting, read from Redis at scrape time (a custom collector), and whether Redis
    answered: an outage is `factcheck_redis_up 0`, never a failed scrape. With `store_up` (the
    queue is a Redis of its own), `factcheck_redis_up` is what it says of REDIS_URL's Redis and
    the queue's answer is `factcheck_jobs_redis_up`."""

    def __init__(
        self,
        depth: Callable[[], dict[str, int]],
        store_up: Callable[[], object] | None = None,
    ):
        self.depth = depth
        self.store_up = store_up

    def collect(self):
        if self.store_up is not None:
            doc = "1 if Redis (REDIS_URL) answered this scrape, else 0."
            yield _up("factcheck_redis_up", doc, self.store_up)
            name, doc = "factcheck_jobs_redis_up", "1 if the job queue's Redis answered, else 0."
        else:
            name, doc = "factcheck_redis_up", "1 if Redis answered this scrape, else 0."
        up = GaugeMetricFamily(name, doc)
        gauge = GaugeMetricFamily(
            "factcheck_job_queue_depth", "Jobs waiting in each queue.", labels=["queue"]
        )
        try:
            depths = self.depth()
        except redis.RedisError:
            up.add_metric([], 0)
            yield up
            return
        except ServiceError:
            return  # no job queue here (Redis Cluster): the other metrics still count
        up.add_metric([], 1)
        yield up
        for queue, size in depths.items():
            gauge.add_metric([queue], size)
        yield gauge


def _up(name: str, doc: str, ping: Callable[[], object]) -> GaugeMetricFamily:
    """A gauge of 1 if `ping()` answered, else 0."""
    gauge = GaugeMetricFamily(name, doc)
    try:
        ping()
    except redis.RedisError:
        gauge.add_metric([], 0)
    else:
        gauge.add_metric([], 1)
    return gauge


class WatchFigures:
    """Watched articles and their re-checks, read from Redis at scrape time: the job workers
    re-check, so their counts live in Redis (`WatchStore.figures`), not in this process."""

    TOTALS = {
        "runs": "Re-check runs after reference changes.",
        "rechecked": "Watched articles re-checked after reference changes.",
        "alerts": "verdict.changed alerts queued for delivery.",
        "facts": "Changed reference facts the re-checks looked at.",
    }

    def __init__(self, figures: Callable[[], dict[str, int]]):
        self.figures = figures

    def collect(self):
        try:
            figures = self.figures()
        except redis.RedisError:
            return  # factcheck_redis_up says why
        watched = GaugeMetricFamily("factcheck_watched_articles", "Articles being watched.")
        watched.add_metric([], figures.get("watched", 0))
        yield watched
        for name, doc in self.TOTALS.items():
            total = CounterMetricFamily(f"factcheck_watch_{name}", doc)
            total.add_metric([], figures.get(name, 0))
            yield total


def exposition(
    queue_depth: Callable[[], dict[str, int]] | None = None,
    store_up: Callable[[], object] | None = None,
    watch_figures: Callable[[], dict[str, int]] | None = None,
) -> bytes:
    """The metrics in Prometheus' text format, across every worker process; `store_up` pings
    REDIS_URL's Redis when the job queue is another one; `watch_figures` reads the watches'."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Default())
    if queue_depth:
        registry.register(QueueDepth(queue_depth, store_up))
    if watch_figures:
        registry.register(WatchFigures(watch_figures))
    return generate_latest(registry)


class _Default:
    """The process's own metrics, wrapped so a scrape registry can hold them beside others."""

    def collect(self):
        return REGISTRY.collect()
