"""The worker process (`python -m service worker`): an RQ worker on the `callbacks` and `jobs`
queues, with RQ's scheduler for callback retries.

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


def run_worker(url: str, config: Mapping, burst: bool = False) -> bool:
    """Work until stopped (or, with `burst`, until the queues are empty)."""
    retry_delays(config)  # refuse a bad CALLBACK_RETRY_DELAYS now, not at the first callback
    configure(config)
    if not logging.getLogger().handlers:
        logging.basicConfig(
            stream=sys.stdout, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("service").setLevel(config["LOG_LEVEL"])
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise SystemExit(
            f"batch-job workers need a plain Redis URL (redis://, rediss:// or unix://), not "
            f"{url.split('://')[0]}://: RQ does not run on Redis Cluster (rq/rq#1048)"
        )
    connection = redis.Redis.from_url(url, socket_connect_timeout=config["REDIS_TIMEOUT"])
    worker = build_worker(connection, config["WORKER_HEARTBEAT"])
    log.info("worker %s on %s", worker.name, ", ".join(worker.queue_names()))
    return worker.work(burst=burst, with_scheduler=True, logging_level=config["LOG_LEVEL"])
