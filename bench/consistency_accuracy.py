"""Precision and recall of the internal consistency findings on our annotated cases.

    .venv/bin/python -m bench.consistency_accuracy [tests/data/consistency/cases.jsonl]

Each case is a short text with the findings it should give (type and an anchor of each of two
of its spans; a consistent case expects none). A finding counts as found when one expected of
its type has both anchors among the finding's spans. No Redis: findings need no references.

`cases.jsonl` is what the rules were written against (the tests hold it to 0.9); `holdout.jsonl`
was annotated after them and never tuned on (no test holds it):

    .venv/bin/python -m bench.consistency_accuracy tests/data/consistency/holdout.jsonl
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from service.claims import extract
from service.model import Article, Claim, Frame
from service.verify.check import verify
from service.verify.consistency import Finding, findings

CASES = Path(__file__).parents[1] / "tests" / "data" / "consistency" / "cases.jsonl"
TYPES = ("restated", "parts_total", "change")


def load(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def findings_of(text: str, published_at: str | None = None) -> list[Finding]:
    """The findings of a text, as `POST /v1/checks` computes them (no reference facts)."""
    day = date.fromisoformat(published_at) if published_at else None
    claims = [Claim.of(r) for r in extract(text, day)]
    verdicts = verify(Article(text, published_at=day), text, claims, [])
    frames = [Frame.of(c.kind, v["frame"]) for c, v in zip(claims, verdicts, strict=True)]
    return findings(text, claims, frames)


def matches(finding: Finding, expected: dict) -> bool:
    texts = [s.text for s in finding.claims]
    return finding.type == expected["type"] and all(
        any(anchor == t.strip() or anchor in t for t in texts) for anchor in expected["anchors"]
    )


def score(cases: list[dict]) -> dict[str, dict[str, int]]:
    """True positives, false positives and false negatives per type."""
    counts = {t: {"tp": 0, "fp": 0, "fn": 0} for t in TYPES}
    for case in cases:
        found = findings_of(case["text"], case.get("published_at"))
        unmatched = list(case["expected"])
        for finding in found:
            hit = next((e for e in unmatched if matches(finding, e)), None)
            if hit is None:
                counts[finding.type]["fp"] += 1
            else:
                unmatched.remove(hit)
                counts[finding.type]["tp"] += 1
        for missed in unmatched:
            counts[missed["type"]]["fn"] += 1
    return counts


def rates(count: dict[str, int]) -> tuple[float, float]:
    tp, fp, fn = count["tp"], count["fp"], count["fn"]
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def main(argv: list[str]) -> None:
    cases = load(Path(argv[0])) if argv else load()
    counts = score(cases)
    print(f"{len(cases)} cases")
    print(f"{'type':<12} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>6}")
    for kind, count in counts.items():
        precision, recall = rates(count)
        print(
            f"{kind:<12} {count['tp']:>3} {count['fp']:>3} {count['fn']:>3}"
            f" {precision:>9.2f} {recall:>6.2f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
