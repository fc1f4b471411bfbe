"""Candidate look-up time for the seed article's terms, with 1,000 and 1,000,000 facts.

Starts its own redis-server (no persistence) on a free loopback port, loads the bundled facts
plus generated ones through `ReferenceStore.import_facts` in chunks (each chunk one
transaction), then times `candidates()` for ~30 terms of the seed article. Generated facts are
other events (synthetic subjects, places and groups), so the seed terms' index sets stay the
size the real data makes them: the figure shows what the store's size itself costs.

    .venv/bin/python bench/reference_lookup.py [--sizes 1000 1000000] [--repeat 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.embedded import find_redis_server  # noqa: E402
from service.references.importer import load_bundled  # noqa: E402
from service.references.store import ReferenceStore  # noqa: E402
from tests.redis_server import free_port  # noqa: E402

SEED_TERMS = [
    "Pakistan",
    "Afghan Taliban",
    "Kabul",
    "Islamabad",
    "China",
    "Chinese citizens",
    "Azm-i-Istehkam",
    "Strong Resolution for Stability",
    "Prime Minister's Office",
    "Khwaja Asif",
    "Afghanistan",
    "Zarb-e-Azb",
    "Sword of the Prophet Muhammad",
    "Tehreek-e-Taliban Pakistan",
    "TTP",
    "North Waziristan",
    "militants",
    "terrorists",
    "civilians",
    "Radd-ul-Fasaad",
    "Pakistan Army",
    "Islamic Emirate",
    "ceasefire",
    "Pakistani security forces",
    "Inter-Services Intelligence",
    "Islamic State Khorasan",
    "Pakistani soldiers",
    "lieutenant colonel",
    "airstrikes",
    "Paktika",
    "Khost",
    "Durand Line",
]
METRICS = ["killed", "injured", "displaced", "arrested", "attacks"]
CHUNK = 5_000


def start_server(data_dir: str) -> tuple[subprocess.Popen, redis.Redis]:
    """A throwaway redis-server without persistence; returns it and a client."""
    port = free_port()
    args = [
        find_redis_server(),
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        data_dir,
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    client = redis.Redis(port=port, decode_responses=True, socket_timeout=60)
    for _ in range(500):
        try:
            client.ping()
            return process, client
        except redis.ConnectionError:
            time.sleep(0.02)
    process.terminate()
    raise RuntimeError("redis-server did not start")


def generated(start: int, count: int, rng: random.Random) -> list[dict]:
    """`count` facts about synthetic events: 5,000 places and 2,000 groups shared among them."""
    facts = []
    for n in range(start, start + count):
        place, group = f"place{rng.randrange(5_000)}", f"group{rng.randrange(2_000)}"
        facts.append(
            {
                "subject": f"Incident {n} in {place}",
                "aliases": [f"incident{n}", f"{place} incident {n}"],
                "metric": rng.choice(METRICS),
                "value": rng.randrange(1, 5_000),
                "as_of": "2024-01-01",
                "keywords": [place, group, f"{group} fighters"],
                "source": {
                    "name": "Generated",
                    "url": f"https://example.org/events/{n}",
                    "retrieved_at": "2024-07-01T00:00:00Z",
                },
            }
        )
    return facts


def fill(store: ReferenceStore, size: int) -> float:
    """Load the bundled facts and generated ones up to `size` in all; returns seconds taken."""
    began, rng = time.perf_counter(), random.Random(4)
    have = load_bundled(store.client, only_if_empty=False)["imported"]
    while have < size:
        count = min(CHUNK, size - have)
        store.import_facts(generated(have, count, rng))
        have += count
    return time.perf_counter() - began


def measure(store: ReferenceStore, repeat: int) -> dict:
    """Median and p95 of one article's look-up, with its round trips and candidates."""
    timings = []
    for _ in range(repeat):
        before, began = store.round_trips, time.perf_counter()
        found = store.candidates(SEED_TERMS)
        timings.append(time.perf_counter() - began)
        trips = store.round_trips - before
    timings.sort()
    return {
        "median_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[int(len(timings) * 0.95) - 1] * 1000,
        "round_trips": trips,
        "candidates": len(found),
    }


def run(size: int, repeat: int) -> dict:
    """Fill a fresh server to `size` facts and measure."""
    with tempfile.TemporaryDirectory() as data_dir:
        process, client = start_server(data_dir)
        try:
            store = ReferenceStore(client)
            load_seconds = fill(store, size)
            result = measure(store, repeat)
            memory = client.info("memory")["used_memory"] / 2**20
            return {"facts": store.count(), "load_s": load_seconds, "memory_mb": memory, **result}
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    """Run every size and print them side by side with the growth of the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    results = [run(size, args.repeat) for size in args.sizes]
    rows = ["facts", "load_s", "memory_mb", "median_ms", "p95_ms", "round_trips", "candidates"]
    print(
        f"{'seed article, ' + str(len(SEED_TERMS)) + ' terms':<28}"
        + "".join(f"{r['facts']:>16,}" for r in results)
    )
    for row in rows[1:]:
        print(f"{row:<28}" + "".join(f"{r[row]:>16,.2f}" for r in results))
    growth = results[-1]["median_ms"] / results[0]["median_ms"]
    print(f"{'median growth':<28}{growth:>16.2f}x  (goal: under 1.5x)")


if __name__ == "__main__":
    main()
