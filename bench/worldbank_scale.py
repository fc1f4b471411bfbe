"""The World Bank packs at scale: first start, and an article's candidate look-up next to 1,000
facts, in the same run.

    .venv/bin/python bench/worldbank_scale.py [--repeat 200]

1. First start: `load_bundled` (the 14 bundled facts and the three World Bank packages, about
   56,000 facts) into an empty redis-server of its own; seconds taken and Redis `used_memory`
   (goals: under 20 s and 200 MB).
2. Look-up: the same `candidates()` calls against a store of 1,000 facts and against the
   bundled facts with the packs loaded (goal: the packs' median within 1.5x of the 1,000-fact
   one). The 1,000 facts are the 14 bundled ones, the World Bank figures the economy story's
   look-up finds (so both stores answer it with the same facts, and the ratio is what the
   store's size costs, not the work of reading more answers) and generated events
   (reference_lookup.py's). Two articles of our own writing: a security
   story (the seed article's ~30 terms, its places, the metrics its claims are about) and an
   economy story (its terms as the checker picks them, the places `find_places` reads in it, the
   statistics metrics, the years it names). The economy story is also timed without metric and
   year filters: the worst case, every figure of every place it names.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.reference_lookup import SEED_TERMS, generated, start_server  # noqa: E402
from service.claims import extract  # noqa: E402
from service.references.importer import BUNDLED_PACKS, load_bundled  # noqa: E402
from service.references.packages import open_folder, package_facts  # noqa: E402
from service.references.store import ReferenceStore, fact_place  # noqa: E402
from service.verify.check import lookup_terms  # noqa: E402
from service.vocabulary.places import find_places  # noqa: E402

SECURITY_PLACES = ["PAK", "AFG", "CHN"]
SECURITY_METRICS = ["killed", "injured", "date", "start_date", "attacks"]
ECONOMY = (
    "The US economy grew by 2.5% in 2023, while China's output rose 5.2% and Japan's stalled. "
    "Germany slipped into recession and the eurozone barely grew. Britain's inflation fell to "
    "4% from a peak above 11% in 2022, and India overtook the UK as the world's fifth-largest "
    "economy, worth $3.5 trillion. Brazil's population passed 216 million in 2023; Nigeria's "
    "reached 223 million. Inflation in Argentina topped 130% in 2023, in Turkey 53%. "
    "Sub-Saharan Africa grew 3.6% while South Africa's GDP rose 0.7%. The world's population "
    "passed 8 billion, the World Bank said. "
)
STAT_METRICS = ["population", "gdp", "inflation", "gdp_deflator"]


def economy_lookup() -> dict:
    """The economy story's look-up arguments, as a checker using the gazetteer would make them."""
    claims = extract(ECONOMY)
    return {
        "terms": sorted(lookup_terms(ECONOMY, claims, None)),
        "places": sorted({key for _, _, key in find_places(ECONOMY)}),
        "metrics": STAT_METRICS,
        "years": sorted(set(re.findall(r"\b(?:19|20)\d\d\b", ECONOMY))),
    }


def timed(stores: list[ReferenceStore], repeat: int, **lookup) -> list[dict]:
    """Median look-up time in each store, the stores taking turns (so load on the machine
    weighs on both alike)."""
    samples = [[] for _ in stores]
    found, trips = [0] * len(stores), [0] * len(stores)
    for _ in range(repeat):
        for i, store in enumerate(stores):
            before, began = store.round_trips, time.perf_counter()
            found[i] = len(store.candidates(**lookup))
            samples[i].append(time.perf_counter() - began)
            trips[i] = store.round_trips - before
    return [
        {"median_ms": statistics.median(s) * 1000, "trips": t, "found": f}
        for s, t, f in zip(samples, trips, found, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    economy = economy_lookup()
    lookups = {
        "security article": {
            "terms": SEED_TERMS,
            "places": SECURITY_PLACES,
            "metrics": SECURITY_METRICS,
        },
        "economy article": economy,
        "economy, no filters": {"terms": economy["terms"], "places": economy["places"]},
    }
    with tempfile.TemporaryDirectory() as small_dir, tempfile.TemporaryDirectory() as big_dir:
        small_proc, small = start_server(small_dir)
        big_proc, big = start_server(big_dir)
        try:
            began = time.perf_counter()
            report = load_bundled(big)
            first_start = time.perf_counter() - began
            memory = big.info("memory")["used_memory"] / 2**20
            small_store, big_store = ReferenceStore(small), ReferenceStore(big)
            load_bundled(small, packs=False)
            relevant = [
                f
                for folder in sorted(p.parent for p in BUNDLED_PACKS.glob("*/datapackage.json"))
                for f in package_facts(open_folder(folder))[1]
                if fact_place(f) in economy["places"] and f["period"] in economy["years"]
            ]
            small_store.write_facts(relevant)
            have = 14 + len(relevant)
            small_store.import_facts(generated(have, 1_000 - have, random.Random(4)))
            print(
                f"first start: {big_store.count():,} facts "
                f"({len(report['packages'])} packs) in {first_start:.1f} s "
                f"(goal < 20 s); Redis used_memory {memory:.0f} MB (goal < 200 MB)"
            )
            print(
                f"economy article: {len(economy['terms'])} terms, places {economy['places']}, "
                f"years {economy['years']}"
            )
            print(
                f"{'look-up':<22}{'1,000 facts':>14}{'with packs':>14}{'ratio':>8}"
                f"{'found':>14}{'trips':>7}"
            )
            for name, lookup in lookups.items():
                timed([small_store, big_store], 20, **lookup)  # warm up
                a, b = timed([small_store, big_store], args.repeat, **lookup)
                ratio = b["median_ms"] / a["median_ms"]
                print(
                    f"{name:<22}{a['median_ms']:>11.3f} ms{b['median_ms']:>11.3f} ms"
                    f"{ratio:>7.2f}x{a['found']:>6} /{b['found']:>6}{b['trips']:>7}"
                )
            print("goal: the filtered look-ups within 1.5x; two round trips each")
        finally:
            for process in (small_proc, big_proc):
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
