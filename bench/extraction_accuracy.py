"""Claim-extraction accuracy: recall and precision per kind over the annotated articles.

Reads our own articles (tests/data) and, when ../shared is present, the seed article and the
BBC articles, lists misses and false claims, then the share of QuanTemp claims in which at
least one claim is found. Run from the repository root: ``python bench/extraction_accuracy.py``.
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere

from service.claims import extract  # noqa: E402
from service.claims.evaluation import Score, score_directories  # noqa: E402

SHARED = REPO.parent / "shared"
GROUPS = {
    "own (tests/data)": REPO / "tests" / "data",
    "seed": SHARED / "seed",
    "bbc news": SHARED / "bench" / "news",
}
QUANTEMP = SHARED / "bench" / "quantemp_claims.jsonl"


def report(name: str, score: Score) -> None:
    """Print one group's figures per kind, then its misses and false claims."""
    print(f"\n== {name}: recall {score.recall():.3f}  precision {score.precision():.3f}")
    for kind in sorted(set(score.required) | set(score.returned)):
        print(
            f"   {kind:8} recall {score.recall(kind):.3f} ({score.found[kind]}/"
            f"{score.required[kind]})  precision {score.precision(kind):.3f} "
            f"({score.returned[kind] - score.false[kind]}/{score.returned[kind]})"
        )
    for line in score.misses:
        print(f"   missed: {line}")
    for line in score.extras:
        print(f"   false:  {line}")


def quantemp_share() -> None:
    """Share of QuanTemp claims in which the extractor finds at least one claim."""
    rows = [json.loads(line) for line in QUANTEMP.read_text(encoding="utf-8").splitlines()]
    hits = sum(1 for row in rows if extract(row["claim"]))
    print(f"\n== QuanTemp: at least one claim in {hits}/{len(rows)} = {hits / len(rows):.3f}")


def main() -> None:
    """Print every figure for the groups that are present."""
    for name, directory in GROUPS.items():
        if directory.is_dir():
            report(name, score_directories(directory))
        else:
            print(f"\n== {name}: skipped ({directory} not present)")
    if QUANTEMP.is_file():
        quantemp_share()


if __name__ == "__main__":
    main()
