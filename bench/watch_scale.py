"""Watched articles at scale: 100,000 watches, an import that changes 10 facts, and what the
re-check job does with it (how many articles it re-checks, and the time).

Starts its own redis-server (no persistence) on a free loopback port, loads the bundled facts
and EVENTS synthetic events (a made-up town's flood, fire, storm ... and its toll, each its own
fact), then watches WATCHES one-sentence articles, WATCHES / EVENTS about each event: the first
article of each event is watched through `service.watch.watching.watch` (a real check), the
others are copies of it under their own id and URL (the same claims and index, stored as
`watch` stores them; a full check for each would only make the set-up slow). Then it imports 10
revised tolls (each 3 below the "at least" its articles say) in one import, runs the re-check
task (`service.watch.queue.drain`, what a worker runs) in this process, and does the same for
an import of 10 facts about events no article names.

    .venv/bin/python bench/watch_scale.py [--watches 100000] [--events 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.config import Config  # noqa: E402
from service.keys import Principal  # noqa: E402
from service.model import Article  # noqa: E402
from service.references.changes import CHANGES  # noqa: E402
from service.references.importer import load_bundled  # noqa: E402
from service.references.store import ReferenceStore  # noqa: E402
from service.watch.queue import drain  # noqa: E402
from service.watch.store import ARTICLE, BY, OWNER, WatchStore, uid  # noqa: E402
from service.watch.watching import watch  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

SYLLABLES = "ka ve lo mir dan tor su ren bal quo fen gri hal zo nut pe ras vin".split()
KINDS = "flood earthquake fire storm cyclone blast crash landslide stampede shooting".split()
OWNER_NAME = "bench"


def town(n: int) -> str:
    """A made-up town name for event n: distinct for every n."""
    parts = []
    while True:
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
        if n == 0:
            break
        n -= 1
    return ("".join(parts) + "ton").capitalize()


def kind(n: int) -> str:
    """The event's kind: ten of them, so each event word is shared by a tenth of the events."""
    return KINDS[n % len(KINDS)]


def fact(n: int, value: int) -> dict:
    return {
        "subject": f"{town(n)} {kind(n)}",
        "aliases": [],
        "metric": "killed",
        "value": value,
        "unit": "people",
        "as_of": "2023-07-01",
        "keywords": [],
        "source": {"name": "Bench desk", "url": f"https://desk.example/event/{n}",
                   "retrieved_at": "2023-07-01T00:00:00Z"},
    }  # fmt: skip


def text(n: int, value: int) -> str:
    return f"At least {value} people were killed in the {town(n)} {kind(n)} on June 3, 2023."


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--watches", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=2_000)
    args = parser.parse_args()
    per_event = args.watches // args.events
    rng = random.Random(14)
    tolls = [rng.randrange(5, 500) for _ in range(args.events)]
    config = Config.from_env().as_dict()
    with tempfile.TemporaryDirectory() as tmp:
        server = RedisServer(Path(tmp)).start()
        try:
            client = redis.Redis.from_url(server.url, decode_responses=True)
            load_bundled(client, only_if_empty=False)
            store = ReferenceStore(client)
            store.import_facts([fact(n, tolls[n]) for n in range(args.events)])
            principal = Principal(OWNER_NAME, frozenset({"check"}))
            watches = WatchStore(client)
            started = time.perf_counter()
            for n in range(args.events):
                article = Article(text(n, tolls[n]), "text", None, f"https://news.example/{n}/0")
                watch(client, principal, article, f"e{n}-0", "", config)
            checked = time.perf_counter() - started
            started = time.perf_counter()
            pipe = client.pipeline(transaction=False)
            for n in range(args.events):
                template = watches.load(uid(OWNER_NAME, f"e{n}-0"))
                for k in range(1, per_event):
                    copy = {**template, "id": f"e{n}-{k}", "url": f"https://news.example/{n}/{k}"}
                    key = uid(OWNER_NAME, copy["id"])
                    pipe.set(ARTICLE + key, json.dumps(copy))
                    pipe.zadd(OWNER + OWNER_NAME, {copy["id"]: 0})
                    for name in copy["index"]:
                        pipe.sadd(BY + name, key)
                if n % 500 == 499:
                    pipe.execute()
            pipe.execute()
            copied = time.perf_counter() - started
            total = client.zcard(OWNER + OWNER_NAME)
            supported = sum(
                r["claims"][0]["verdict"] == "supported"
                for r in watches.load_many([uid(OWNER_NAME, f"e{n}-0") for n in range(50)])
            )
            memory = client.info("memory")["used_memory"] / 2**20
            print(
                f"watched articles: {total:,} ({args.events:,} checked in {checked:.1f} s, "
                f"the rest copied in {copied:.1f} s); Redis {memory:,.0f} MB"
            )
            print(f"first 50 tolls supported before the revision: {supported}/50", flush=True)

            revised = rng.sample(range(args.events), 10)
            started = time.perf_counter()
            report = store.import_facts([fact(n, tolls[n] - 3) for n in revised])
            imported = time.perf_counter() - started
            print(
                f"import of 10 revised tolls: {report['updated']} updated in "
                f"{imported * 1000:.1f} ms; change-log entries: {client.llen(CHANGES)}"
            )
            figures = drain(client, config)
            print(
                f"re-check job: {figures['rechecked']:,} articles re-checked of {total:,} "
                f"(expected {10 * per_event}), {figures['alerts']} verdicts changed, "
                f"{figures['seconds']:.2f} s"
            )

            fresh = range(args.events, args.events + 10)
            started = time.perf_counter()
            store.import_facts([fact(n, 11) for n in fresh])
            imported = time.perf_counter() - started
            figures = drain(client, config)
            print(
                f"import of 10 facts no article names: {imported * 1000:.1f} ms; re-check "
                f"job: {figures['rechecked']} re-checked, {figures['seconds']:.3f} s"
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
