"""Claim-extraction speed on one core: seed-sized and ~100 KB articles, and linearity.

Each figure is printed next to a plain ``re.finditer(r"\\d+")`` pass over the same text in the
same run, as a ratio. Articles are built at run time from the seed article (or, without
../shared, from our own annotated articles). Run: ``python bench/extraction_speed.py``.
"""

import datetime as dt
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere

from service.claims import extract  # noqa: E402

SEED = REPO.parent / "shared" / "seed" / "article.txt"
PUBLISHED = dt.date(2024, 7, 1)
DIGITS = re.compile(r"\d+")


def base_text() -> str:
    """The seed article, or our own articles joined when ../shared is absent."""
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8")
    return "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((REPO / "tests/data").glob("*.txt"))
    )


def sized(text: str, size: int) -> str:
    """``text`` repeated (paragraph-separated) and cut to ``size`` characters."""
    return ((text + "\n\n") * (size // len(text) + 1))[:size]


def median_seconds(work: Callable[[], object], budget: float = 2.0) -> float:
    """Median wall time of ``work`` over repeated runs within about ``budget`` seconds."""
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < 5 or (time.perf_counter() < deadline and len(times) < 2000):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(label: str, text: str) -> float:
    """Print articles/s, ms per article and the ratio to a plain digit regex pass."""
    ours = median_seconds(lambda: extract(text, PUBLISHED))
    baseline = median_seconds(lambda: sum(1 for _ in DIGITS.finditer(text)))
    print(
        f"{label:>14}: {len(text) / 1000:7.1f} KB  {1 / ours:9.1f} articles/s  "
        f"{ours * 1000:8.3f} ms  re.finditer {baseline * 1000:7.3f} ms  "
        f"ratio {ours / baseline:6.1f}x"
    )
    return ours


def main() -> None:
    """Seed-sized and 100 KB figures, then the time per KB at 25/50/100/200 KB."""
    text = base_text()
    measure("seed article", text)
    measure("100 KB", sized(text, 100_000))
    print("\nlinearity (time per KB should stay flat):")
    per_kb = []
    for size in (25_000, 50_000, 100_000, 200_000):
        seconds = measure(f"{size // 1000} KB", sized(text, size))
        per_kb.append(seconds / (size / 1000))
    spread = max(per_kb) / min(per_kb)
    print(f"time per KB max/min = {spread:.2f} ({'linear' if spread < 1.5 else 'NOT linear'})")


if __name__ == "__main__":
    main()
