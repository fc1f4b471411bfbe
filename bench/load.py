"""Throughput and latency of the real service under gunicorn, driven by wrk, next to a bare
Flask echo of the same body (the ceiling), all in the same run.

    .venv/bin/python bench/load.py [--duration 10] [--connections 16] [--threads 2]
                                   [--workers 2] [--warmup 2] [--gunicorn-args '...']
                                   [--only warm,cold,extract,auth,packs,ceiling]

Needs `wrk` on PATH (`apt-get install -y wrk`). Starts its own redis-server on a free loopback
port, loads the bundled facts (not the World Bank packs, until the packs scenario), then two
`python -m service serve` on free loopback ports: one with AUTH_DISABLED=1 and RATE_LIMIT=off
(the check path alone), one with keys on (a real key, made here) and the limiter on at a limit
no run reaches, for the rows "with auth". LOG_LEVEL=WARNING. gunicorn's access log stays as
configured (on, to the service's stdout, here a file); `--gunicorn-args` is passed as
GUNICORN_CMD_ARGS to try other gunicorn settings (e.g. `--worker-class gthread`).

Scenarios, each after a short warm-up run whose figures are discarded:

  checks warm     POST /v1/checks, the seed article, the same body every time (cache hits)
  checks cold     POST /v1/checks, the seed article plus a sentence unique to each request
                  (no digits, so no new claim): every request misses the result cache; the
                  service's own hit/miss counters are read before and after to prove it
  extract         POST /v1/extract, the seed article
  warm with auth  checks warm, with X-API-Key, on the service with keys and the limiter on
  cold with auth  checks cold, likewise
  cold, WB packs  checks cold after the bundled World Bank packs (about 56,000 facts) are
                  imported into the same Redis
  ceiling         POST /echo of bench/echo_app.py, the same body, same gunicorn worker count
                  (sync workers, no access log: issue 13's ceiling, which the goals use)
  echo, gevent+log  the same echo with gevent workers and gunicorn's access log on, as the
                  service serves: the like-for-like ceiling ("x alike")

All traffic stays on 127.0.0.1; every wrk run stops by itself after --duration seconds. wrk
shares the machine's cores with the server, as it does on a 2-core box: the ceiling pays the
same tax, so the ratios are fair, the absolute figures are lower than on separate machines.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.keys import KeyStore  # noqa: E402
from service.references.importer import load_bundled, load_bundled_packs  # noqa: E402
from service.storage import connect  # noqa: E402
from tests.redis_server import RedisServer, free_port  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "article.txt"
PUBLISHED = "2024-07-01"
MARK = "\x00UNIQUE\x00"  # where the cold scenario's per-request sentence goes in the body
SCENARIOS = ("warm", "cold", "extract", "auth", "packs", "ceiling")
# Issue 13's goals: ratios against the echo ceiling, p99s, and the packs' cold cost.
GOALS = {
    "checks warm": 0.80,
    "checks cold": 0.25,
    "extract": 0.40,
    "p99 checks warm": 20.0,
    "p99 checks cold": 100.0,
    "packs": 0.10,
}

# One Lua state per wrk thread. args: path, mode (same|unique), nonce, body file[, API key].
# The body file holds the JSON body with MARK where the unique sentence goes.
LUA = r"""
local req, prefix, suffix, path
local counter = 0
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

local function letters(n)
  -- n in base 26 as lowercase letters: unique per request, and no digit, so no new claim
  local s = ""
  repeat
    s = string.char(97 + n % 26) .. s
    n = math.floor(n / 26)
  until n == 0
  return s
end

function init(args)
  path, mode, nonce = args[1], args[2], args[3]
  local f = assert(io.open(args[4], "rb"))
  local body = f:read("*a")
  f:close()
  local at = string.find(body, "\0UNIQUE\0", 1, true)
  prefix, suffix = string.sub(body, 1, at - 1), string.sub(body, at + 8)
  wrk.headers["Content-Type"] = "application/json"
  if args[5] then
    wrk.headers["X-API-Key"] = args[5]
  end
  if mode == "same" then
    req = wrk.format("POST", path, nil, prefix .. suffix)
  end
end

function request()
  if req then
    return req
  end
  counter = counter + 1
  local tag = "zq" .. nonce .. letters(tid) .. "x" .. letters(counter)
  return wrk.format("POST", path, nil, prefix .. " Filed by desk " .. tag .. "." .. suffix)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def start_service(home: Path, env: dict) -> tuple[str, subprocess.Popen, Path]:
    """`python -m service serve` on a free loopback port with `env`, up: its URL, process and
    log file."""
    port = free_port()
    log = home.with_suffix(".log")
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service", "serve"], cwd=ROOT,
            env=env | {"DATA_DIR": str(home), "BIND": f"127.0.0.1:{port}"},
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_until_up(f"{base}/readyz", process, log)
    return base, process, log


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{url} exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    sys.exit(f"{url} did not come up in {seconds} s; see {log}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM the gunicorn master we started (by its pid) and wait for a clean exit."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wrk(base, path, mode, body_file: Path, lua: Path, args, seconds: int, key=None) -> dict:
    """One bounded wrk run; its summary as a dict (latencies in microseconds)."""
    nonce = "".join(chr(97 + int(c)) for c in str(time.monotonic_ns())[-8:])
    cmd = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency",
        "--timeout", "5s", "-s", str(lua), base, "--", path, mode, nonce, str(body_file),
        *([key] if key else []),
    ]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30, check=True)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        sys.exit(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")
    result = json.loads(line[len("RESULT ") :])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


def cache_counts(base: str) -> dict[str, float]:
    """The service's check cache hits (from memory or from Redis) and misses so far, across
    its workers."""
    text = requests.get(f"{base}/metrics", timeout=5).text
    counts = {"hit": 0.0, "miss": 0.0}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "factcheck_check_cache_total":
                result = sample.labels["result"]
                counts["miss" if result == "miss" else "hit"] += sample.value
    return counts


def workers_of(master: subprocess.Popen) -> list[int]:
    """The pids of the gunicorn master's children (its workers)."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def profiled(name: str, master: subprocess.Popen, args) -> list[subprocess.Popen]:
    """py-spy on every worker for the scenario's duration (investigation only, --profile)."""
    if not args.profile:
        return []
    out = Path(args.profile)
    out.mkdir(parents=True, exist_ok=True)
    slug = name.split(" (")[0].replace(" ", "-")
    return [
        subprocess.Popen(
            [
                shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy"),
                "record",
                "--pid",
                str(pid),
                "--duration",
                str(args.duration),
                "--rate",
                "250",
                "--nonblocking",
                "--format",
                "raw",
                "--output",
                str(out / f"{slug}-{pid}.txt"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for pid in workers_of(master)
    ]


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scenario(name, base, path, mode, body_file, lua, args, master, redis_pid, key=None) -> dict:
    """Warm up, then one measured wrk run (with `key` as X-API-Key); CPU used per request by
    the app's processes (master and workers), by redis-server and by wrk itself, from /proc
    and getrusage."""
    if args.warmup:
        wrk(base, path, mode, body_file, lua, args, args.warmup, key)
    before = cache_counts(base) if path == "/v1/checks" and not key else None
    spies = profiled(name, master, args)
    app_pids = [master.pid, *workers_of(master)]
    cpu = (cpu_seconds(app_pids), cpu_seconds([redis_pid]), children_cpu())
    result = wrk(base, path, mode, body_file, lua, args, args.duration, key)
    cpu_after = (cpu_seconds(app_pids), cpu_seconds([redis_pid]), children_cpu())
    for spy in spies:
        spy.wait(timeout=60)
    for key, was, now in zip(("app", "redis", "wrk"), cpu, cpu_after, strict=True):
        result[f"cpu_{key}_ms"] = (now - was) * 1000 / max(result["requests"], 1)
    if before is not None:
        after = cache_counts(base)
        result["hits"] = after["hit"] - before["hit"]
        result["misses"] = after["miss"] - before["miss"]
    result["name"] = name
    result["load"] = os.getloadavg()[0]
    print(
        f"  {name:<14} {result['rps']:8.0f} req/s   (1-min load average after: "
        f"{result['load']:.1f})",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (both apps)")
    parser.add_argument("--gunicorn-args", default="", help="GUNICORN_CMD_ARGS for the service")
    parser.add_argument(
        "--only", help="comma-separated scenarios: warm,cold,extract,auth,packs,ceiling"
    )
    parser.add_argument(
        "--profile", metavar="DIR", help="py-spy each worker into DIR (raw stacks); slows the run"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not on PATH: apt-get install -y wrk")
    if not SEED.exists():
        sys.exit(f"{SEED} is absent: this benchmark reads the seed article from ../shared")
    text = SEED.read_text(encoding="utf-8")
    only = set(args.only.split(",")) if args.only else set(SCENARIOS)

    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        tmp = Path(tmp)
        body = json.dumps({"text": text + MARK, "published_at": PUBLISHED})
        body_file = tmp / "body.json"
        body_file.write_bytes(body.encode().replace(json.dumps(MARK)[1:-1].encode(), MARK.encode()))
        lua = tmp / "post.lua"
        lua.write_text(LUA)
        size = len(body.replace(json.dumps(MARK)[1:-1], "").encode())

        redis_server = RedisServer(tmp / "redis").start()
        services, echo = [], None
        results = []
        try:
            client = connect(redis_server.url)
            redis_pid = redis_server.process.pid
            report = load_bundled(client, only_if_empty=False, packs=False)
            key, _ = KeyStore(client).create("bench", ["check"])
            env = {
                **os.environ,
                "REDIS_URL": redis_server.url,
                "WEB_CONCURRENCY": str(args.workers),
                "LOG_LEVEL": "WARNING",
                "LOAD_BUNDLED_REFERENCES": "0",
                "WIKIDATA_ON_DEMAND": "0",
            }
            env.pop("GUNICORN_CMD_ARGS", None)
            if args.gunicorn_args:
                env["GUNICORN_CMD_ARGS"] = args.gunicorn_args
            # The service as benched (no keys, no limiter), and beside it the same with keys
            # and the limiter on (a limit no run reaches, so every request is counted, none
            # refused), for the cost of the key check and the limiter as rows of their own.
            base, process, service_log = start_service(
                tmp / "open", env | {"AUTH_DISABLED": "1", "RATE_LIMIT": "off"}
            )
            services.append(process)
            auth_base, auth_process, _ = start_service(
                tmp / "auth", env | {"AUTH_DISABLED": "0", "RATE_LIMIT": "100000000/minute"}
            )
            services.append(auth_process)
            first = requests.post(
                f"{base}/v1/checks", data=body_file.read_bytes().replace(MARK.encode(), b""),
                headers={"Content-Type": "application/json"}, timeout=30,
            )  # fmt: skip
            first.raise_for_status()
            claims = first.json()["summary"]["total"]

            print(f"seed article: {len(text):,} characters, {claims} claims; body {size:,} bytes")
            print(f"references: {report}")
            print(
                f"service: gunicorn, {args.workers} workers, on {base}, Redis {redis_server.url};"
                " AUTH_DISABLED=1 and RATE_LIMIT=off (rows 'with auth': a real key and the"
                " limiter on, on a second service), LOG_LEVEL=WARNING, access log "
                + ("as configured (on, to stdout)" if not args.gunicorn_args else "as configured")
            )
            if args.gunicorn_args:
                print(f"GUNICORN_CMD_ARGS={args.gunicorn_args}")
            print(
                f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency "
                f"(after {args.warmup} s of warm-up), on {os.cpu_count()} cores shared with wrk"
            )
            runs = [
                ("warm", "checks warm", base, "/v1/checks", "same", process, None),
                ("cold", "checks cold", base, "/v1/checks", "unique", process, None),
                ("extract", "extract", base, "/v1/extract", "same", process, None),
                ("auth", "warm with auth", auth_base, "/v1/checks", "same", auth_process, key),
                ("auth", "cold with auth", auth_base, "/v1/checks", "unique", auth_process, key),
            ]
            for only_key, name, url, path, mode, master, api_key in runs:
                if only_key in only:
                    results.append(
                        scenario(
                            name, url, path, mode, body_file, lua, args, master, redis_pid, api_key
                        )  # fmt: skip
                    )
            if "packs" in only:
                packs = load_bundled_packs(client)
                facts = sum(r["imported"] for r in packs.values())
                print(f"  World Bank packs loaded: {facts:,} facts more")
                results.append(
                    scenario(
                        "cold, WB packs",
                        base,
                        "/v1/checks",
                        "unique",
                        body_file,
                        lua,
                        args,
                        process,
                        redis_pid,
                    )  # fmt: skip
                )
            for service in services:
                stop(service)

            if "ceiling" in only:
                # The ceiling (sync workers, no access log), and the same echo under
                # the service's own serving settings (gevent workers, access log on): the
                # like-for-like ceiling, as a second row.
                ceilings = (
                    ("ceiling (echo)", []),
                    ("echo, gevent+log", ["-k", "gevent", "--access-logfile", "-"]),
                )
                for name, extra in ceilings:
                    echo_port = free_port()
                    echo_log = tmp / f"echo-{len(extra)}.log"
                    with echo_log.open("w") as out:
                        echo = subprocess.Popen(
                            [sys.executable, "-m", "gunicorn", "-w", str(args.workers), *extra,
                             "-b", f"127.0.0.1:{echo_port}", "bench.echo_app:app"],
                            cwd=ROOT,
                            env={k: v for k, v in env.items() if k != "GUNICORN_CMD_ARGS"},
                            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                        )  # fmt: skip
                    echo_base = f"http://127.0.0.1:{echo_port}"
                    wait_until_up(f"{echo_base}/", echo, echo_log)
                    results.append(
                        scenario(
                            name, echo_base, "/echo", "same", body_file, lua, args, echo, redis_pid
                        )  # fmt: skip
                    )
                    stop(echo)
                    echo = None
            log_tail = [
                line for line in service_log.read_text(errors="replace").splitlines()
                if "Traceback" in line or '"level": "ERROR"' in line
            ]  # fmt: skip
        finally:
            for process in (*services, echo):
                if process is not None:
                    stop(process)
            redis_server.stop()

    report_table(results, log_tail)


def report_table(results: list[dict], log_errors: list[str]) -> None:
    ceiling = next((r["rps"] for r in results if r["name"].startswith("ceiling")), None)
    alike = next((r["rps"] for r in results if r["name"].startswith("echo, gevent")), None)
    print()
    header = f"{'scenario':<16}{'req/s':>9}{'x ceiling':>11}{'x alike':>9}{'p50 ms':>9}"
    print(header + f"{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}{'requests':>10}")
    for r in results:
        ratio = f"{r['rps'] / ceiling:.2f}" if ceiling else "-"
        like = f"{r['rps'] / alike:.2f}" if alike else "-"
        print(
            f"{r['name']:<16}{r['rps']:9.0f}{ratio:>11}{like:>9}{r['p50_us'] / 1e3:9.2f}"
            f"{r['p90_us'] / 1e3:9.2f}{r['p99_us'] / 1e3:9.2f}{r['max_us'] / 1e3:9.1f}"
            f"{r['errors']:8d}{r['requests']:10d}"
        )
    for r in results:
        if r["errors"]:
            kinds = ", ".join(
                f"{k} {r[k]}" for k in ("status", "connect", "read", "write", "timeout") if r[k]
            )
            print(f"  {r['name']}: errors: {kinds} (status = non-2xx/3xx responses)")
        if "hits" in r:
            print(
                f"  {r['name']}: service counted {r['hits']:.0f} cache hits, "
                f"{r['misses']:.0f} misses (wrk completed {r['requests']})"
            )
    by_name = {r["name"]: r for r in results}
    if ceiling:
        print("\ngoals (issue 13):")
        for name in ("checks warm", "checks cold", "extract"):
            if name in by_name:
                ratio = by_name[name]["rps"] / ceiling
                verdict = "met" if ratio >= GOALS[name] else "MISSED"
                print(f"  {name}: {ratio:.2f} x ceiling, goal >= {GOALS[name]:.2f}: {verdict}")
    for name in ("checks warm", "checks cold"):
        if name in by_name:
            p99, goal = by_name[name]["p99_us"] / 1e3, GOALS[f"p99 {name}"]
            verdict = "met" if p99 < goal else "MISSED"
            print(f"  {name}: p99 {p99:.1f} ms, goal < {goal:.0f} ms: {verdict}")
    if "checks cold" in by_name and "cold, WB packs" in by_name:
        cost = by_name["cold, WB packs"]["cpu_app_ms"] / by_name["checks cold"]["cpu_app_ms"] - 1
        verdict = "met" if cost <= GOALS["packs"] else "MISSED"
        print(f"  cold with the WB packs: {cost:+.0%} app CPU per check, goal within "
              f"{GOALS['packs']:.0%}: {verdict}")  # fmt: skip
    for name in ("warm", "cold"):
        plain, keyed = by_name.get(f"checks {name}"), by_name.get(f"{name} with auth")
        if plain and keyed:
            extra = keyed["cpu_app_ms"] - plain["cpu_app_ms"]
            print(f"  {name} with auth: the key check and the limiter cost {extra:+.2f} ms of "
                  f"app CPU and {keyed['cpu_redis_ms'] - plain['cpu_redis_ms']:+.2f} ms of "
                  "Redis CPU per request")  # fmt: skip
    print(
        "\nCPU per request (ms; user+system from /proc and getrusage), and the req/s the box's"
        f" {os.cpu_count()} cores would give if they did nothing else:"
    )
    print(f"{'scenario':<16}{'app':>8}{'redis':>8}{'wrk':>8}{'total':>8}{'cap req/s':>11}")
    for r in results:
        total = r["cpu_app_ms"] + r["cpu_redis_ms"] + r["cpu_wrk_ms"]
        print(
            f"{r['name']:<16}{r['cpu_app_ms']:8.2f}{r['cpu_redis_ms']:8.2f}{r['cpu_wrk_ms']:8.2f}"
            f"{total:8.2f}{os.cpu_count() * 1000 / total:11.0f}"
        )
    loads = ", ".join(f"{r['load']:.1f}" for r in results)
    print(f"1-min load average after each scenario: {loads} (above {os.cpu_count()}: others ran)")
    errors = sum(r["errors"] for r in results)
    print(f"  errors: {errors}, goal 0: {'met' if errors == 0 else 'MISSED'}")
    if log_errors:
        print(f"service log: {len(log_errors)} error lines, first: {log_errors[0][:200]}")


if __name__ == "__main__":
    main()
