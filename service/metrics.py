"""Prometheus metrics: what the service counts, and how /metrics gathers them.

Under gunicorn every worker writes its samples to PROMETHEUS_MULTIPROC_DIR (set up by the
master, see `gunicorn_conf`) and a scrape adds them up; in a single process the default
registry is used. Flask-free: the checker and the sources count here too. The counts live in
the processes, not in Redis, so a scrape always answers: what Redis alone knows (the job queue
depth) is left out while Redis is down, and `factcheck_redis_up` says so.
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
from prometheus_client.core import REGISTRY, GaugeMetricFamily

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
    "factcheck_check_cache_total", "Check results served from the cache or computed.", ["result"]
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
    answered: an outage is `factcheck_redis_up 0`, never a failed scrape."""

    def __init__(self, depth: Callable[[], dict[str, int]]):
        self.depth = depth

    def collect(self):
        up = GaugeMetricFamily("factcheck_redis_up", "1 if Redis answered this scrape, else 0.")
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


def exposition(queue_depth: Callable[[], dict[str, int]] | None = None) -> bytes:
    """The metrics in Prometheus' text format, across every worker process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Default())
    if queue_depth:
        registry.register(QueueDepth(queue_depth))
    return generate_latest(registry)


class _Default:
    """The process's own metrics, wrapped so a scrape registry can hold them beside others."""

    def collect(self):
        return REGISTRY.collect()
