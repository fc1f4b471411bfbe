"""What clients see when things break, under a steady bounded load on the real service.

    .venv/bin/python bench/faults.py [--rate 25] [--only redis,source,worker]

Starts its own redis-server (AOF on) on a free loopback port with the bundled references, a
fake Wikidata API on another (a local HTTP server this script controls), and
`python -m service serve` (gunicorn, 2 workers, AUTH_DISABLED=1, RATE_LIMIT=off,
WIKIDATA_ON_DEMAND=1, WIKIDATA_API_URL at the fake). A thread pool sends requests at --rate per
second for a bounded time while one fault is injected:

  redis    redis-server stopped (SIGTERM) for 5 s, then started again on the same port and data
           directory: status codes and latency before, during and after; whether the app
           recovers without a restart; reference facts counted before and after.
  source   the fake Wikidata answers 500, then hangs, then is healthy, while articles name an
           event the store does not know ("the 2031 Examplefield earthquake killed 12 people"):
           check latency in each phase, requests that reached the source, GET /v1/sources.
  worker   a batch job (POST /v1/jobs) whose `python -m service worker` is SIGKILLed mid-batch,
           then a second worker started: does the job finish? Skipped, with the reason, when
           the jobs API or the worker command is not there.

Everything stays on 127.0.0.1; every loop is bounded in time and count.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.references.importer import load_bundled  # noqa: E402
from service.references.store import VERSION, ReferenceStore  # noqa: E402
from service.storage import connect  # noqa: E402
from tests.processes import descendants  # noqa: E402
from tests.redis_server import RedisServer, free_port  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "article.txt"
CLIENT_TIMEOUT = 15.0  # seconds a bench request waits before counting as a hang
SOURCE = {  # remote-source settings for the run: a hang costs at most ~2 x 1 s per look-up
    "SOURCE_TIMEOUT": "1.0",
    "SOURCE_RETRIES": "1",
    "SOURCE_BACKOFF": "0.1",
    "SOURCE_BREAKER_FAILURES": "5",
    "SOURCE_BREAKER_RESET": "30",
}
EVENT = "The 2031 Examplefield earthquake killed 12 people, officials said on Tuesday."


def letters(n: int) -> str:
    """n in base 26 as letters: a unique word with no digit, so no new claim."""
    s = ""
    while True:
        s = chr(97 + n % 26) + s
        n //= 26
        if not n:
            return s


# -- a fake Wikidata ---------------------------------------------------------------------------


class FakeWikidata(ThreadingHTTPServer):
    """wbsearchentities / wbgetentities on 127.0.0.1; `mode` is ok, error (500) or hang."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = "ok"
        self.hits = Counter()
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/w/api.php"

    def handle_error(self, request, client_address) -> None:
        """A client that gave up on a hanging answer is expected: say nothing."""


class _Handler(BaseHTTPRequestHandler):
    server: FakeWikidata

    def log_message(self, *_args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits[self.server.mode] += 1
        if self.server.mode == "error":
            return self._send(500, {"error": "boom"})
        if self.server.mode == "hang":
            self.server.stopping.wait(5.0)  # longer than SOURCE_TIMEOUT; bounded for shutdown
            return self._send(500, {"error": "late"})
        query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        if query.get("action") == "wbsearchentities":
            found = "examplefield" in query.get("search", "").lower()
            return self._send(200, {"search": [{"id": "Q4242"}] if found else []})
        return self._send(200, {"entities": {"Q4242": ENTITY}})

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _quantity(amount: str) -> dict:
    return {"mainsnak": {"snaktype": "value", "datavalue": {"type": "quantity", "value": {
        "amount": amount, "unit": "1"}}}, "rank": "normal"}  # fmt: skip


ENTITY = {
    "id": "Q4242",
    "labels": {"en": {"value": "2031 Examplefield earthquake"}},
    "descriptions": {"en": {"value": "earthquake (fake, for bench/faults.py)"}},
    "aliases": {},
    "sitelinks": {},
    "claims": {"P1120": [_quantity("+12")]},
}


# -- steady load -------------------------------------------------------------------------------


@dataclass
class Sample:
    at: float  # when the request was due, seconds since the load started
    latency: float  # seconds from due to answer (queueing in the pool included)
    status: int | None  # None: no answer (connection error or client timeout)
    content_type: str = ""
    error: str = ""


def steady_load(send, rate: float, seconds: float, workers: int = 48) -> list[Sample]:
    """Call `send(i)` (-> requests.Response) `rate` times a second for `seconds`."""
    samples: list[Sample] = []
    lock = threading.Lock()
    start = time.monotonic()

    def one(i: int, due: float) -> None:
        try:
            response = send(i)
            sample = Sample(due - start, time.monotonic() - due, response.status_code)
            sample.content_type = response.headers.get("Content-Type", "")
        except requests.RequestException as exc:
            sample = Sample(due - start, time.monotonic() - due, None, error=type(exc).__name__)
        with lock:
            samples.append(sample)

    with ThreadPoolExecutor(workers) as pool:
        for i in range(int(rate * seconds)):
            due = start + i / rate
            time.sleep(max(0.0, due - time.monotonic()))
            pool.submit(one, i, due)
    return sorted(samples, key=lambda s: s.at)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q / 100 * len(values)))]


def describe(name: str, samples: list[Sample]) -> None:
    """One line: count, statuses, latency percentiles (ms), failures by kind."""
    statuses = Counter(str(s.status) if s.status else s.error for s in samples)
    ms = [s.latency * 1000 for s in samples]
    shown = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items()))
    print(
        f"  {name:<26} n={len(samples):<4} p50 {pct(ms, 50):7.0f}  p95 {pct(ms, 95):7.0f}  "
        f"p99 {pct(ms, 99):7.0f}  max {max(ms, default=0):7.0f} ms   {shown}"
    )
    odd = Counter(s.content_type for s in samples if s.status and s.status >= 400)
    if odd:
        print(f"  {'':<26} error content types: {dict(odd)}")


# -- the service -------------------------------------------------------------------------------


class Service:
    """`python -m service serve` on a free loopback port, logging to a file."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}"}
        self.log = log
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "service", "serve"], cwd=ROOT, env=self.env,
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the service exited:\n{log.read_text()[-3000:]}")
            try:
                if requests.get(f"{self.base}/readyz", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        sys.exit(f"the service did not come up; see {log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


_local = threading.local()


def session() -> requests.Session:
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


# -- (a) Redis stopped and started again -----------------------------------------------------


def redis_outage(service: Service, redis_server: RedisServer, text: str, rate: float) -> None:
    print("\n(a) Redis stopped for 5 s, then restarted (same port, same data dir, AOF on)")
    client = connect(redis_server.url)
    facts_before, version_before = ReferenceStore(client).count(), client.get(VERSION)
    seed = {"text": text, "published_at": "2024-07-01"}

    def send(i: int) -> requests.Response:
        body = seed  # most requests: the seed article (a cache hit needs Redis too)
        if i % 4 == 0:  # every fourth: a new article (store reads and a cache write)
            body = {**seed, "text": text + f" Filed by desk zq{letters(i)}."}
        return session().post(f"{service.base}/v1/checks", json=body, timeout=CLIENT_TIMEOUT)

    events: dict[str, float] = {}

    def inject() -> None:
        time.sleep(4)
        events["stop"] = time.monotonic()
        redis_server.stop()  # SIGTERM: redis flushes the AOF and exits
        time.sleep(5)
        events["start"] = time.monotonic()
        redis_server.start()  # same port, same --dir: the AOF is replayed
        events["up"] = time.monotonic()

    injector = threading.Thread(target=inject)
    began = time.monotonic()
    injector.start()
    samples = steady_load(send, rate, 16)
    injector.join(timeout=30)
    stop_at, start_at = events["stop"] - began, events["start"] - began
    print(
        f"  load: {rate:g} checks/s for 16 s; Redis down from {stop_at:.1f} s to {start_at:.1f} s"
        f" (restart took {events['up'] - events['start']:.2f} s)"
    )
    describe("before the outage", [s for s in samples if s.at < stop_at])
    describe("during the outage", [s for s in samples if stop_at <= s.at < start_at])
    describe("after the restart", [s for s in samples if s.at >= start_at])
    ok_after = [s.at - start_at for s in samples if s.at >= start_at and s.status == 200]
    if ok_after:
        print(f"  first 200 after the restart: request due {ok_after[0]:.2f} s after it")
    hung = [s for s in samples if s.status is None]
    print(
        f"  500s: {sum(s.status == 500 for s in samples)}, no answer within "
        f"{CLIENT_TIMEOUT:g} s: {len(hung)}; the app was not restarted "
        f"(gunicorn master pid {service.process.pid} still running: "
        f"{service.process.poll() is None})"
    )
    client = connect(redis_server.url)
    facts_after, version_after = ReferenceStore(client).count(), client.get(VERSION)
    print(
        f"  reference facts before/after: {facts_before}/{facts_after}, "
        f"reference version {version_before}/{version_after}: "
        + ("nothing lost" if facts_after == facts_before else "FACTS LOST")
    )


def outage_problem(service: Service, redis_server: RedisServer) -> None:
    """One request while Redis is down, to print the problem document itself."""
    redis_server.stop()
    try:
        r = requests.post(f"{service.base}/v1/checks", json={"text": "Five died."}, timeout=10)
        print(f"  body of a 503 while Redis is down: {r.headers.get('Content-Type')} {r.text}")
    finally:
        redis_server.start()


# -- (b) a remote source failing ------------------------------------------------------------


def failing_source(service: Service, fake: FakeWikidata, redis_url: str, rate: float) -> None:
    print(
        "\n(b) the remote source (a fake Wikidata on 127.0.0.1) fails, then recovers; every"
        " article names an unknown event"
    )
    settings = ", ".join(f"{k}={v}" for k, v in SOURCE.items())
    print(f"  service: WIKIDATA_ON_DEMAND=1, {settings}")
    client = connect(redis_url)
    counter = iter(range(10**6))

    def send(_i: int) -> requests.Response:
        body = {
            "text": f"{EVENT} Filed by desk zq{letters(next(counter))}.",
            "published_at": "2031-06-04",
        }
        return session().post(f"{service.base}/v1/checks", json=body, timeout=CLIENT_TIMEOUT)

    for mode, label in (("error", "answers 500"), ("hang", "hangs (5 s)"), ("ok", "healthy")):
        for key in client.scan_iter("src:wikidata:pybreaker:*"):  # a fresh breaker per phase
            client.delete(key)
        fake.mode = mode
        before = fake.hits[mode]
        samples = steady_load(send, rate, 8)
        describe(f"source {label}", samples)
        state = requests.get(f"{service.base}/v1/sources", timeout=5).json()["sources"][0]
        shown = {k: state[k] for k in ("breaker", "errors", "last_error", "stale", "facts")}
        print(f"  {'':<26} requests that reached the source: {fake.hits[mode] - before}")
        print(f"  {'':<26} GET /v1/sources: {shown}")
    r = session().post(
        f"{service.base}/v1/checks",
        json={"text": f"{EVENT} Filed by desk zzfinal.", "published_at": "2031-06-04"},
        timeout=CLIENT_TIMEOUT,
    )
    claim = next(c for c in r.json()["claims"] if c["text"].startswith("12"))
    cited = claim["evidence"][0]["source"]["url"] if claim["evidence"] else None
    print(f"  with the source healthy, '12 people killed' is {claim['verdict']}, citing {cited}")
    worst = (int(SOURCE["SOURCE_RETRIES"]) + 1) * float(SOURCE["SOURCE_TIMEOUT"])
    print(
        f"  a hanging source costs a check up to ~{worst:g} s per look-up (+ backoff) until the "
        "breaker opens; with the defaults (5 s timeout, 2 retries, 0.5 backoff) ~16.5 s"
    )


# -- (c) a worker killed mid-batch ----------------------------------------------------------


def killed_worker(service: Service, text: str, tmp: Path) -> None:
    print("\n(c) a batch-job worker SIGKILLed mid-batch, then another started")
    from service.cli import main as cli

    if "worker" not in cli.commands or not (ROOT / "service" / "jobs" / "worker.py").exists():
        print("  skipped: `python -m service worker` is not there yet")
        return
    articles = [
        {"text": text + f" Filed by desk zq{letters(i)}.", "published_at": "2024-07-01",
         "title": f"batch article {i}"}
        for i in range(8)
    ]  # fmt: skip
    r = requests.post(f"{service.base}/v1/jobs", json={"articles": articles}, timeout=10)
    if r.status_code != 202:
        print(f"  skipped: POST /v1/jobs answered {r.status_code}: {r.text[:300]}")
        return
    location = service.base + r.headers["Location"]
    env = {**service.env, "JOB_ARTICLE_DELAY": "0.7", "WORKER_HEARTBEAT": "1"}
    started: list[subprocess.Popen] = []

    def start_worker() -> subprocess.Popen:
        log = (tmp / f"worker{len(started)}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "service", "worker"], cwd=ROOT, env=env,
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        started.append(process)
        return process

    def kill(process: subprocess.Popen) -> None:
        for pid in [*descendants(process.pid), process.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait(timeout=10)

    def wait(done, seconds: float) -> dict:
        deadline = time.monotonic() + seconds
        job = requests.get(location, timeout=5).json()
        while not done(job) and time.monotonic() < deadline:
            time.sleep(0.2)
            job = requests.get(location, timeout=5).json()
        return job

    try:
        first = start_worker()
        job = wait(lambda j: j.get("progress", {}).get("done", 0) >= 2, 60)
        kill(first)
        killed = requests.get(location, timeout=5).json()
        print(
            f"  job {killed.get('id')}: {killed.get('status')}, {killed.get('progress')} when "
            "its worker (and work horse) got SIGKILL"
        )
        began = time.monotonic()
        start_worker()
        job = wait(lambda j: j.get("status") not in ("queued", "running"), 120)
        print(
            f"  after a second worker started: {job.get('status')}, {job.get('progress')} "
            f"{time.monotonic() - began:.1f} s later; results: {len(job.get('results') or [])}"
        )
        resumed = [
            line
            for line in (tmp / "worker1.log").read_text(errors="replace").splitlines()
            if "resumes" in line or "already checked" in line
        ]
        if resumed:
            print(f"  second worker's log: {resumed[0][:200]}")
    finally:
        for process in started:
            if process.poll() is None:
                kill(process)


# -- main ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=25.0, help="requests per second")
    parser.add_argument("--only", help="comma-separated: redis,source,worker")
    args = parser.parse_args()
    if not SEED.exists():
        sys.exit(f"{SEED} is absent: this benchmark reads the seed article from ../shared")
    text = SEED.read_text(encoding="utf-8")
    only = set(args.only.split(",")) if args.only else {"redis", "source", "worker"}
    args.rate = max(1.0, min(args.rate, 100.0))

    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        tmp = Path(tmp)
        redis_server = RedisServer(tmp / "redis").start()
        fake = FakeWikidata()
        threading.Thread(target=fake.serve_forever, kwargs={"poll_interval": 0.1}).start()
        service = None
        try:
            load_bundled(connect(redis_server.url), only_if_empty=False)
            env = {
                **os.environ,
                "REDIS_URL": redis_server.url,
                "DATA_DIR": str(tmp / "service"),
                "WEB_CONCURRENCY": "2",
                "AUTH_DISABLED": "1",
                "RATE_LIMIT": "off",
                "LOG_LEVEL": "WARNING",
                "LOAD_BUNDLED_REFERENCES": "0",
                "WIKIDATA_ON_DEMAND": "1",
                "WIKIDATA_API_URL": fake.url,
                **SOURCE,
            }
            env.pop("GUNICORN_CMD_ARGS", None)
            service = Service(env, tmp / "service.log")
            print(
                f"service on {service.base} (gunicorn, 2 workers; AUTH_DISABLED=1, RATE_LIMIT=off"
                f" for the bench), Redis {redis_server.url}, fake Wikidata {fake.url}"
            )
            if "redis" in only:
                redis_outage(service, redis_server, text, args.rate)
                outage_problem(service, redis_server)
            if "source" in only:
                failing_source(service, fake, redis_server.url, args.rate)
            if "worker" in only:
                try:
                    killed_worker(service, text, tmp)
                except Exception as exc:  # the jobs code is being built: report, do not crash
                    print(f"  skipped: {type(exc).__name__}: {exc}")
            tracebacks = service.log.read_text(errors="replace").count("Traceback")
            print(f"\nservice log: {tracebacks} tracebacks")
        finally:
            if service is not None:
                service.stop()
            fake.stopping.set()
            fake.shutdown()
            fake.server_close()
            redis_server.stop()


if __name__ == "__main__":
    main()
