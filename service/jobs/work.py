"""The RQ task that checks a job's articles, and what happens when it ends.

`run_job` checks each article with the same `Checker` as `POST /v1/checks` and stores each
result the moment it is ready (HSETNX), so progress moves article by article and a re-run of
the job (after an error, a timeout or a dead worker) checks only the articles still missing.
An article the checker refuses (too many claims ...) gets its own problem in place of a result
(`{"problem": {type, title, status, detail}}`, as `POST /v1/checks` would have answered) and
the others go on: the job still ends `done`, with `progress.failed` counting such articles. An
outage (`ServiceUnavailable`, a Redis error) is not the article's fault: the job is run again.
Ending is idempotent too: the status is set, then the callback is enqueued under a fixed RQ job
id, so a job that is re-run after it ended never sends two callbacks.

The job's record and results are on the queue's Redis (the task's connection); the checks read
references and the check cache on the store's (`settings.store`: REDIS_URL's, which is another
Redis only when JOBS_REDIS_URL is set).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping

import redis
from rq import get_current_job
from rq.exceptions import AbandonedJobError

from ..api.errors import problem_fields
from ..errors import ServiceError, ServiceUnavailable
from ..model import Article
from ..verify.check import Checker
from . import records
from .callbacks import enqueue_delivery
from .settings import settings, store

log = logging.getLogger(__name__)


def run_job(job_id: str) -> None:
    """Check every article of the job not checked yet, then end it as done."""
    config = settings()
    connection = get_current_job().connection
    client = records.decoded(connection)
    record = client.hgetall(records.key(job_id))
    if not record:
        log.warning("job %s: gone (expired?), nothing to do", job_id)
        return
    if record["status"] in records.FINAL:
        finish(client, job_id, record["status"], record.get("error"), config)
        return
    client.hset(records.key(job_id), "status", "running")
    runs = client.hincrby(records.key(job_id), "runs", 1)
    articles = client.lrange(records.articles_key(job_id), 0, -1)
    finished = client.hkeys(records.results_key(job_id))
    if finished:
        log.info(
            "job %s: run %d resumes with %d of %d articles already checked",
            job_id,
            runs,
            len(finished),
            len(articles),
        )
    checker = Checker(store(connection), config["CHECK_CACHE_TTL"], config)
    for index, stored in enumerate(articles):
        if str(index) in finished:
            continue
        if config["JOB_ARTICLE_DELAY"]:
            time.sleep(config["JOB_ARTICLE_DELAY"])
        try:
            result = check_article(checker, json.loads(stored))
        except ServiceUnavailable:
            raise  # an outage: RQ runs the job again
        except ServiceError as exc:  # the article itself is refused: retrying cannot help
            log.info("job %s: article %d refused: %s", job_id, index + 1, exc.detail)
            result = {"problem": problem_fields(exc)}
        with client.pipeline(transaction=False) as pipe:
            pipe.hsetnx(records.results_key(job_id), str(index), json.dumps(result))
            if "problem" in result:
                pipe.sadd(records.failed_key(job_id), str(index))
            for name in (records.results_key(job_id), records.failed_key(job_id)):
                pipe.expire(name, config["JOB_TTL"])
            pipe.execute()
    finish(client, job_id, "done", None, config)


def check_article(checker: Checker, article: dict) -> dict:
    """One article's CheckResult, as `POST /v1/checks` gives it."""
    return checker.check(Article.of(article))


def finish(
    client: redis.Redis, job_id: str, status: str, error: str | None, config: Mapping
) -> None:
    """End the job (once: a job that has ended keeps its status and time), then make sure its
    callback is queued."""
    key = records.key(job_id)
    current = client.hget(key, "status")
    if current is None:
        return
    if current not in records.FINAL:
        with client.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"status": status, "error": error or ""})
            pipe.hsetnx(key, "finished_at", records.now())
            pipe.execute()
    ttl = config["JOB_TTL"]
    for name in records.all_keys(job_id):
        client.expire(name, ttl)
    if client.hget(key, "callback_url"):
        enqueue_delivery(client, job_id, config)


def job_failed(job, connection, exc_type, exc, _traceback) -> None:
    """RQ's on_failure for `run_job` (an exception, a timeout, or its worker died): log it, and
    when no retry is left end the job as failed."""
    job_id = job.args[0]
    if job.retries_left:
        log.warning(
            "job %s: run failed (%s), %d retries left", job_id, exc_type.__name__, job.retries_left
        )
        return
    if isinstance(exc, ServiceError):
        error = exc.detail
    elif isinstance(exc, AbandonedJobError):
        error = "The worker running the job stopped, and no retry is left."
    else:
        error = f"Checking failed ({exc_type.__name__}), and no retry is left."
    log.error("job %s: failed: %s", job_id, error)
    finish(records.decoded(connection), job_id, "failed", error, settings())
