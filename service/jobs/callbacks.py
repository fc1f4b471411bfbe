"""Telling the caller a job has ended: a signed POST of the Job body to its `callback_url`.

The body is the Job exactly as `GET /v1/jobs/<id>` shows it, as compact UTF-8 JSON. Headers:
`X-Signature-Timestamp: <unix seconds>` and `X-Signature: sha256=<hex>`, the HMAC-SHA256 of
`<timestamp>.<body>` keyed with the submitting API key's webhook secret (or, for callers without
a key, WEBHOOK_SECRET; with neither, no signature headers are sent). Receivers should recompute
it, compare in constant time and reject old timestamps.

Delivery is an RQ job on the `callbacks` queue with a fixed id (`<job id>-callback`, so it is
queued once) and `Retry(interval=CALLBACK_RETRY_DELAYS)`: a non-2xx answer, a redirect or a
network error is retried after each delay in turn (RQ's scheduler, run by every worker, enqueues
due retries). Every attempt is counted in the job's `callback` field.

The same delivery serves any signed POST whose state is a hash with `owner`, `signer`,
`callback_url` and the `callback_*` fields: `enqueue(client, deliver_stored, key, key, id,
config)` sends the hash's stored `body` (the watched articles' `verdict.changed` alerts).

That state and the delivery's RQ job are on the queue's Redis; the signing key's secret is read
from the API keys on the store's (`settings.store`), which differ only with JOBS_REDIS_URL.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Mapping
from urllib.parse import urlsplit

import redis
import requests
from rq import Callback, Queue, Retry, get_current_job
from rq.exceptions import DuplicateJobError

from ..config import ConfigError
from ..keys import KeyStore
from . import records, ssrf
from .settings import settings, store

log = logging.getLogger(__name__)
CALLBACKS_QUEUE = "callbacks"
USER_AGENT = "factcheck-service/0.1 (job callback)"


class DeliveryFailed(Exception):
    """The receiver did not take the callback; RQ retries it."""


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Signature value for `body` sent at `timestamp`."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def retry_delays(config: Mapping) -> list[int]:
    """CALLBACK_RETRY_DELAYS as whole seconds; [] for `none`."""
    spec = (config["CALLBACK_RETRY_DELAYS"] or "").strip().lower()
    if spec in ("", "none"):
        return []
    try:
        delays = [int(part) for part in spec.split(",")]
    except ValueError:
        delays = [-1]
    if any(d < 0 for d in delays):
        raise ConfigError(f"CALLBACK_RETRY_DELAYS must be whole seconds like 10,60,300: {spec!r}")
    return delays


def enqueue_delivery(client: redis.Redis, job_id: str, config: Mapping) -> None:
    """Queue the job's callback unless it already is (or was)."""
    enqueue(client, deliver, job_id, records.key(job_id), f"{job_id}-callback", config)
    client.hsetnx(records.key(job_id), "callback_status", "pending")


def enqueue(client: redis.Redis, task, arg: str, record_key: str, rq_id: str, config: Mapping):
    """Queue `task(arg)`, a delivery of the signed POST whose state is the hash `record_key`,
    under the fixed RQ id `rq_id` (queued once), retried after each CALLBACK_RETRY_DELAYS."""
    delays = retry_delays(config)
    try:
        Queue(CALLBACKS_QUEUE, connection=records.raw(client)).enqueue_call(
            task,
            args=(arg,),
            job_id=rq_id,
            unique=True,
            timeout=int(config["CALLBACK_TIMEOUT"] * 2) + 30,
            result_ttl=config["JOB_TTL"],
            failure_ttl=config["JOB_TTL"],
            retry=Retry(max=len(delays), interval=delays) if delays else None,
            on_failure=Callback(delivery_failed),
            meta={"record": record_key},
            description=f"callback {rq_id}",
        )
    except DuplicateJobError:
        pass


def deliver(job_id: str) -> None:
    """RQ task: POST the job to its callback URL; raise DeliveryFailed to be retried."""
    client = records.decoded(get_current_job().connection)

    def body(record: dict) -> bytes:
        view = records.view(client, job_id, record)
        return json.dumps(view, ensure_ascii=False).encode()

    attempt(client, records.key(job_id), body, f"job {job_id}")


def deliver_stored(record_key: str) -> None:
    """RQ task: POST the body stored in the hash `record_key` (field `body`, with `owner`,
    `signer` and `callback_url`, as a job's record has them) the same way."""
    client = records.decoded(get_current_job().connection)
    attempt(client, record_key, lambda record: record["body"].encode(), record_key)


def attempt(client: redis.Redis, key: str, body_of, label: str) -> None:
    """One delivery attempt of the hash `key`'s POST (`body_of(record)` its body): count it,
    sign it, send it, record the outcome; raise DeliveryFailed to be retried."""
    config = settings()
    record = client.hgetall(key)
    if not record or record.get("callback_status") in ("delivered", "failed"):
        return
    attempt_no = client.hincrby(key, "callback_attempts", 1)
    record["callback_attempts"] = str(attempt_no)
    body = body_of(record)
    secret = signing_secret(store(client), record, config)
    if secret is False:
        return _give_up(client, key, label, "The API key that submitted it was revoked.")
    timestamp = int(time.time())
    headers = {"X-Signature-Timestamp": str(timestamp)}
    if secret:
        headers["X-Signature"] = sign(secret, timestamp, body)
    try:
        response = post(record["callback_url"], body, headers, config)
    except ssrf.Refused as exc:
        return _give_up(client, key, label, f"Refused at delivery: {exc}")
    except requests.RequestException as exc:
        error = f"{type(exc).__name__} reaching the callback URL"
    else:
        if 200 <= response.status_code < 300:
            client.hset(
                key,
                mapping={
                    "callback_status": "delivered",
                    "callback_error": "",
                    "callback_delivered_at": records.now(),
                },
            )
            log.info("%s: callback delivered on attempt %d", label, attempt_no)
            return
        error = f"The callback URL answered {response.status_code}"
    client.hset(key, "callback_error", error)
    log.warning("%s: callback attempt %d failed: %s", label, attempt_no, error)
    raise DeliveryFailed(error)


def signing_secret(client: redis.Redis, record: dict, config: Mapping) -> str | None | bool:
    """The submitting key's webhook secret (False if the key is gone), else WEBHOOK_SECRET;
    `client` is on the Redis of the API keys."""
    if record.get("signer") == "key":
        return KeyStore(client).secret(record["owner"]) or False
    return config["WEBHOOK_SECRET"] or None


def _give_up(client: redis.Redis, key: str, label: str, error: str) -> None:
    log.warning("%s: callback not delivered: %s", label, error)
    client.hset(key, mapping={"callback_status": "failed", "callback_error": error})


def delivery_failed(job, connection, exc_type, exc, _traceback) -> None:
    """RQ's on_failure for a delivery: once no retry is left, the delivery has failed."""
    if job.retries_left:
        return
    client = records.decoded(connection)
    key = job.meta.get("record") or records.key(job.args[0])
    if client.hget(key, "callback_status") == "pending":
        error = client.hget(key, "callback_error") or f"Delivery failed ({exc_type.__name__})."
        _give_up(client, key, key, error + "; no retry is left.")


def post(url: str, body: bytes, headers: dict, config: Mapping) -> requests.Response:
    """POST `body` to `url` after vetting it again (DNS rebinding), never following redirects."""
    target = ssrf.vet(url, ssrf.AllowList.parse(config["CALLBACK_ALLOWED_HOSTS"]))
    pinned = urlsplit(url)._replace(netloc=target.pinned_netloc).geturl()
    with requests.Session() as session:
        session.trust_env = False  # no proxies from the environment: we connect where we vetted
        session.mount(f"{target.scheme}://", ssrf.PinnedAdapter(target.host))
        return session.post(
            pinned,
            data=body,
            headers={
                **headers,
                "Host": target.netloc,
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
            },
            timeout=config["CALLBACK_TIMEOUT"],
            allow_redirects=False,
            verify=os.environ.get("REQUESTS_CA_BUNDLE") or True,  # private CAs still work
        )
