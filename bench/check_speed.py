"""Time per check of the seed article, cache cold and warm, and Redis round trips per article,
next to the extraction time alone, all in the same run.

    .venv/bin/python bench/check_speed.py [--repeat N]

Starts its own redis-server on a free loopback port with the bundled references loaded.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.claims import extract  # noqa: E402
from service.model import Article  # noqa: E402
from service.references.importer import load_bundled  # noqa: E402
from service.storage import connect  # noqa: E402
from service.verify.check import Checker  # noqa: E402
from service.verify.context import tokens  # noqa: E402
from service.vocabulary.text import fold  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "article.txt"
PUBLISHED = date(2024, 7, 1)


def timed(fn, repeat: int) -> float:
    """Median milliseconds of `repeat` calls."""
    samples = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def cold_check(checker: Checker, text: str, i: int) -> dict:
    """A check nothing is cached for: a new title misses the result cache, and the matcher's
    memos of the folded text and its words are emptied, as for an article never seen."""
    tokens.cache_clear()
    fold.cache_clear()
    return checker.check(Article(text, title=f"t{i}", published_at=PUBLISHED))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--packs", action="store_true", help="also load the World Bank packs (about 56,000 facts)"
    )
    args = parser.parse_args()
    if not SEED.exists():
        sys.exit(f"{SEED} is absent: this benchmark reads the seed article from ../shared")
    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as data:
        server = RedisServer(Path(data)).start()
        try:
            client = connect(server.url)
            load_bundled(client, only_if_empty=False, packs=args.packs)
            checker = Checker(client)
            extract_ms = timed(lambda i: extract(text, PUBLISHED), args.repeat)
            before = checker.round_trips
            cold_ms = timed(lambda i: cold_check(checker, text, i), args.repeat)
            cold_trips = (checker.round_trips - before) / args.repeat
            checker.check(Article(text, published_at=PUBLISHED))
            before = checker.round_trips
            warm_ms = timed(
                lambda i: checker.check(Article(text, published_at=PUBLISHED)), args.repeat
            )
            warm_trips = (checker.round_trips - before) / args.repeat
        finally:
            server.stop()
    claims = len(extract(text, PUBLISHED))
    facts = "14 bundled facts and the World Bank packs" if args.packs else "14 bundled facts"
    print(f"seed article: {len(text):,} characters, {claims} claims, {args.repeat} runs each")
    print(f"references: {facts}")
    print(f"{'':24}{'ms/article':>12}{'x extraction':>14}{'round trips':>13}")
    print(f"{'extraction alone':24}{extract_ms:12.2f}{1:14.2f}{0:13.0f}")
    print(f"{'check, cache cold':24}{cold_ms:12.2f}{cold_ms / extract_ms:14.2f}{cold_trips:13.1f}")
    print(f"{'check, cache warm':24}{warm_ms:12.2f}{warm_ms / extract_ms:14.2f}{warm_trips:13.1f}")


if __name__ == "__main__":
    main()
