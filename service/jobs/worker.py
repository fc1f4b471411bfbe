"""The worker process (`python -m service worker`): an RQ worker on the `callbacks` and `jobs`
queues, with RQ's scheduler for callback retries.

It takes its jobs from the queue Redis, JOBS_REDIS_URL's when it is set (a plain Redis or a
Sentinel primary beside a Redis Cluster in REDIS_URL), else REDIS_URL's; its tasks check
articles against REDIS_URL's (`settings.store`). RQ cannot run on a cluster: a cluster queue is
refused at start.

How a job survives its worker being killed (SIGKILL, OOM, a lost machine): while a job runs,
the worker heartbeats every WORKER_HEARTBEAT seconds, pushing the job's deadline in RQ's
StartedJobRegistry three heartbeats ahead. A dead worker stops heartbeating; once the deadline
passes, any worker's registry maintenance (every two heartbeats, and at start-up) finds the job
abandoned and, as the job was enqueued with `Retry(max=JOB_RETRIES)`, puts it back on the
queue; the next run skips the articles whose results are already stored. RQ's stock timings
(a 60 s grace, maintenance every 10 minutes, a 405 s idle wait) are tied to WORKER_HEARTBEAT
here so a lost job is picked up again within about five heartbeats.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping

import redis
from rq import Queue, Worker

from ..connections import CLUSTER_SCHEME, SENTINEL_SCHEME, connect, decoding
from .callbacks import CALLBACKS_QUEUE, retry_delays
from .queue import JOBS_QUEUE
from .settings import configure

log = logging.getLogger(__name__)


class JobWorker(Worker):
    """RQ's forking worker, declaring a job abandoned after three missed heartbeats."""

    def get_heartbeat_ttl(self, job) -> int:
        return 3 * self.job_monitoring_interval


def build_worker(connection: redis.Redis, heartbeat: int) -> JobWorker:
    """A worker on the callbacks queue first, then the jobs queue."""
    queues = [Queue(name, connection=connection) for name in (CALLBACKS_QUEUE, JOBS_QUEUE)]
    return JobWorker(
        queues,
        connection=connection,
        job_monitoring_interval=heartbeat,
        maintenance_interval=2 * heartbeat,
        worker_ttl=2 * heartbeat + 15,  # RQ waits worker_ttl - 15 s for a job between upkeeps
    )


def run_worker(
    url: str, config: Mapping, burst: bool = False, store_url: str | None = None
) -> bool:
    """Work the queues on `url` until stopped (or, with `burst`, until they are empty);
    `store_url`: where the work's data is (REDIS_URL's) when that is not `url` (JOBS_REDIS_URL)."""
    retry_delays(config)  # refuse a bad CALLBACK_RETRY_DELAYS now, not at the first callback
    configure(config, store_url)
    if not logging.getLogger().handlers:
        logging.basicConfig(
            stream=sys.stdout, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("service").setLevel(config["LOG_LEVEL"])
    setting = "JOBS_REDIS_URL" if store_url else "REDIS_URL"
    connection = queue_connection(url, config["REDIS_TIMEOUT"], setting)
    worker = build_worker(connection, config["WORKER_HEARTBEAT"])
    where = "its own queue Redis (JOBS_REDIS_URL)" if store_url else "REDIS_URL"
    log.info("worker %s on %s, on %s", worker.name, ", ".join(worker.queue_names()), where)
    return worker.work(burst=burst, with_scheduler=True, logging_level=config["LOG_LEVEL"])


def queue_connection(url: str, timeout: float, setting: str = "REDIS_URL") -> redis.Redis:
    """RQ's (bytes) connection to the queue Redis: one server, or a Sentinel primary; a cluster
    is refused, as RQ cannot run there (rq/rq#1048)."""
    scheme = url.split("://", 1)[0].lower()
    if scheme == CLUSTER_SCHEME:
        raise SystemExit(
            "batch-job workers cannot take their jobs from a Redis Cluster: RQ needs multi-key "
            "transactions (rq/rq#1048). Set JOBS_REDIS_URL to a plain Redis (redis://...) or a "
            f"Sentinel primary ({SENTINEL_SCHEME}://...) for the queue; REDIS_URL may stay the "
            "cluster."
        )
    if scheme == SENTINEL_SCHEME:
        return decoding(connect(url, timeout, setting), decode=False)
    return redis.Redis.from_url(url, socket_connect_timeout=timeout)
