"""How often a source document decides a claim it is not about: every annotated article of
tests/data checked against every other one as its `sources` document.

    .venv/bin/python -m bench.source_pairs [--show]

No Redis and no store facts: only the other article's figures can give a verdict, so every
verdict printed rests on a source figure. Most pairs are unrelated stories (a verdict there is a
false one); a few are two articles about one story (one flood, one quake), where the two texts
may really agree or disagree. `--show` prints each verdict with the words the two sentences
share.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from datetime import date
from pathlib import Path

from service.claims import extract
from service.model import Article, Claim
from service.verify.check import verify
from service.verify.profiles import profile
from service.verify.sources import SourceDocument, read_source

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def published(path: Path) -> date:
    """The article's date from its annotation file, else mid-2024."""
    annotation = path.with_suffix(".json")
    if annotation.is_file():
        record = json.loads(annotation.read_text(encoding="utf-8"))
        if isinstance(record, dict) and record.get("published_at"):
            return date.fromisoformat(record["published_at"][:10])
    return date(2024, 7, 1)


def main(show: bool = False) -> None:
    paths = sorted([*DATA.glob("verdicts*/*.txt"), *DATA.glob("*.txt")])
    articles = [(p.stem, p.read_text(encoding="utf-8"), published(p)) for p in paths]
    started = time.perf_counter()
    checked = decided = 0
    for (name, text, day), (other, source, other_day) in itertools.permutations(articles, 2):
        claims = [Claim.of(r) for r in extract(text, day)]
        read = read_source(0, SourceDocument(other, source, published_at=other_day), day)
        verdicts = verify(Article(text, published_at=day), text, claims, list(read.facts))
        for claim, verdict in zip(claims, verdicts, strict=True):
            checked += 1
            if verdict["verdict"] == "unverifiable":
                continue
            decided += 1
            if show:
                cited = verdict["evidence"][0]
                fact = next(f for f in read.facts if f.id == cited["reference_id"])
                sentence = claim.sentence.lower()
                shared = [" ".join(k) for k in profile(fact).keywords if " ".join(k) in sentence]
                print(f"{name} <- {other}: {claim.text!r} {verdict['verdict']} by "
                      f"{fact.source.span.text!r} (shared: {', '.join(shared)})")  # fmt: skip
    pairs = len(articles) * (len(articles) - 1)
    seconds = time.perf_counter() - started
    print(f"{len(articles)} articles, {pairs} pairs, {checked:,} claims checked against another "
          f"article: {decided} got a verdict from it ({seconds:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main("--show" in sys.argv[1:])
