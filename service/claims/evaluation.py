"""Scoring extracted claims against annotated articles (used by tests and benchmarks).

An annotation is a JSON file beside its article: ``article`` (or ``html``), ``published_at``,
``claims`` (``anchor``/``at``/``kind``/optional ``value``/``optional``) and ``traps``. A claim
matches an annotated one when their spans overlap, kinds agree (count and quantity are
interchangeable) and, when annotated, the values are equal.
"""

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from service.claims.extract import extract
from service.claims.markup import html_to_text


@dataclass
class Article:
    """An annotated article, its text already reduced from HTML when needed."""

    name: str
    text: str
    published_at: dt.date
    claims: list[dict]
    traps: list[dict]


@dataclass
class Score:
    """Per-kind tallies: required claims found, claims returned, false claims."""

    required: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    returned: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        """Share of required claims found (of one kind, or of all)."""
        want = self.required[kind] if kind else sum(self.required.values())
        got = self.found[kind] if kind else sum(self.found.values())
        return got / want if want else 1.0

    def precision(self, kind: str | None = None) -> float:
        """Share of returned claims that overlap an annotated claim."""
        returned = self.returned[kind] if kind else sum(self.returned.values())
        false = self.false[kind] if kind else sum(self.false.values())
        return (returned - false) / returned if returned else 1.0


def load_articles(*directories: Path) -> Iterator[Article]:
    """Every annotated article in ``directories`` (missing directories are skipped)."""
    for directory in directories:
        for path in sorted(Path(directory).glob("*.json")):
            annotation = json.loads(path.read_text(encoding="utf-8"))
            source = annotation.get("article") or annotation.get("html")
            if not source or "claims" not in annotation:
                continue
            raw = (path.parent / source).read_text(encoding="utf-8")
            yield Article(
                name=f"{path.parent.name}/{source}",
                text=raw if "article" in annotation else html_to_text(raw),
                published_at=dt.date.fromisoformat(annotation["published_at"]),
                claims=annotation["claims"],
                traps=annotation.get("traps", []),
            )


def _overlaps(claim: dict, anchor: dict) -> bool:
    return claim["start"] < anchor["at"] + len(anchor["anchor"]) and claim["end"] > anchor["at"]


def _kind(kind: str) -> str:
    return "count" if kind == "quantity" else kind


def _matches(claim: dict, wanted: dict) -> bool:
    if not _overlaps(claim, wanted) or _kind(claim["kind"]) != _kind(wanted["kind"]):
        return False
    if "value" not in wanted:
        return True
    if wanted["kind"] == "date":
        return str(claim["value"]) == str(wanted["value"])
    try:
        return abs(float(claim["value"]) - float(wanted["value"])) <= 1e-6 * max(
            1.0, abs(float(wanted["value"]))
        )
    except (TypeError, ValueError):
        return False


def score_article(article: Article, claims: list[dict], score: Score) -> None:
    """Add one article's tallies to ``score``."""
    for wanted in article.claims:
        if wanted.get("optional"):
            continue
        kind = _kind(wanted["kind"])
        score.required[kind] += 1
        if any(_matches(claim, wanted) for claim in claims):
            score.found[kind] += 1
        else:
            score.misses.append(
                f"{article.name}: {wanted['anchor']!r} {kind} {wanted.get('value')}"
            )
    for claim in claims:
        kind = _kind(claim["kind"])
        score.returned[kind] += 1
        if not any(_overlaps(claim, wanted) for wanted in article.claims):
            score.false[kind] += 1
            score.extras.append(f"{article.name}: {claim['text']!r} {kind} {claim['value']}")


def score_directories(*directories: Path) -> Score:
    """Extract and score every annotated article in ``directories``."""
    score = Score()
    for article in load_articles(*directories):
        score_article(article, extract(article.text, article.published_at), score)
    return score
