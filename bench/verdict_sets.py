"""The annotated verdict sets, loaded as cases for the pure verifier: one module for the
fitting script (bench/fit_weights.py) and the accuracy floor (tests/test_verdict_floor.py).

A case is one annotated article: its text, its typed claims, the candidate facts the service
would look up for it in a real Redis holding the set's references, and the expected verdict of
each annotated claim (matched to an extracted claim as shared/tools/score_claims.py does).
Sets whose texts live in ../shared are skipped, with the reason, where it is absent.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import redis

from bench.verdict_accuracy import same_value
from service.claims import extract
from service.model import Article, Claim, Fact
from service.references.importer import load_bundled, load_file
from service.verify.check import Checker, verify

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
# (name, folder, references): a reference file, or "bundled" for the bundled facts and packs.
SETS = (
    ("verdicts", DATA / "verdicts", DATA / "verdicts" / "references.jsonl"),
    ("holdout", DATA / "verdicts_holdout", DATA / "verdicts_holdout" / "references.jsonl"),
    ("blind", DATA / "verdicts_blind", DATA / "verdicts_blind" / "references.jsonl"),
    ("titles", DATA / "verdicts_titles", DATA / "verdicts" / "references.jsonl"),
    ("stats", DATA / "verdicts_stats", "bundled"),
    ("worldbank", DATA / "verdicts_worldbank", "bundled"),
    ("blind2_wb", DATA / "verdicts_blind2_wb", "bundled"),
    ("blind2", DATA / "verdicts_blind2", DATA / "verdicts_blind2" / "references.jsonl"),
    ("blind3", DATA / "verdicts_blind3", DATA / "verdicts_blind3" / "references.jsonl"),
    ("blind3_wb", DATA / "verdicts_blind3_wb", "bundled"),
    ("blind4", DATA / "verdicts_blind4", DATA / "verdicts_blind4" / "references.jsonl"),
    ("blind4_wb", DATA / "verdicts_blind4_wb", "bundled"),
    ("blind5", DATA / "verdicts_blind5", DATA / "verdicts_blind5" / "references.jsonl"),
    ("blind5_wb", DATA / "verdicts_blind5_wb", "bundled"),
    ("blind6", DATA / "verdicts_blind6", DATA / "verdicts_blind6" / "references.jsonl"),
    ("blind6_wb", DATA / "verdicts_blind6_wb", "bundled"),
    ("blind7", DATA / "verdicts_blind7", DATA / "verdicts_blind7" / "references.jsonl"),
    ("blind7_wb", DATA / "verdicts_blind7_wb", "bundled"),
    ("blind8", DATA / "verdicts_blind8", DATA / "verdicts_blind8" / "references.jsonl"),
    ("blind8_wb", DATA / "verdicts_blind8_wb", "bundled"),
    ("blind9", DATA / "verdicts_blind9", DATA / "verdicts_blind9" / "references.jsonl"),
    ("blind9_wb", DATA / "verdicts_blind9_wb", "bundled"),
    ("blind10", DATA / "verdicts_blind10", DATA / "verdicts_blind10" / "references.jsonl"),
    ("blind10_wb", DATA / "verdicts_blind10_wb", "bundled"),
    ("blind11", DATA / "verdicts_blind11", DATA / "verdicts_blind11" / "references.jsonl"),
    ("blind11_wb", DATA / "verdicts_blind11_wb", "bundled"),
    ("blind12", DATA / "verdicts_blind12", DATA / "verdicts_blind12" / "references.jsonl"),
    ("blind12_wb", DATA / "verdicts_blind12_wb", "bundled"),
    ("blind13", DATA / "verdicts_blind13", DATA / "verdicts_blind13" / "references.jsonl"),
    ("blind13_wb", DATA / "verdicts_blind13_wb", "bundled"),
    ("blind14", DATA / "verdicts_blind14", DATA / "verdicts_blind14" / "references.jsonl"),
    ("blind14_wb", DATA / "verdicts_blind14_wb", "bundled"),
    ("blind15", DATA / "verdicts_blind15", DATA / "verdicts_blind15" / "references.jsonl"),
    ("blind15_wb", DATA / "verdicts_blind15_wb", "bundled"),
    ("blind16", DATA / "verdicts_blind16", DATA / "verdicts_blind16" / "references.jsonl"),
    ("blind16_wb", DATA / "verdicts_blind16_wb", "bundled"),
)
WRONG = ("supported", "contradicted")  # the verdicts that must never be given wrongly


@dataclass
class Case:
    """One annotated article, ready to verify without I/O."""

    set: str
    name: str
    article: Article
    text: str
    claims: list[Claim]
    facts: list[Fact]
    expected: list[tuple[int | None, dict]]  # (index of the extracted claim or None, annotation)


@dataclass
class Score:
    """Verdict counts of a run: right, total, and wrong verdicts by (expected, got)."""

    right: int = 0
    total: int = 0
    wrong: Counter = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def false_supported(self) -> int:
        return sum(n for (want, got), n in self.wrong.items() if got == "supported")

    @property
    def false_contradicted(self) -> int:
        return sum(n for (want, got), n in self.wrong.items() if got == "contradicted")

    def add(self, other: Score) -> Score:
        return Score(self.right + other.right, self.total + other.total, self.wrong + other.wrong)

    def __str__(self) -> str:
        return (
            f"{self.right}/{self.total} = {self.accuracy:.3f}, false supported "
            f"{self.false_supported}, false contradicted {self.false_contradicted}"
        )


def find(claims: list[Claim], expected: dict) -> int | None:
    """The first extracted claim overlapping the anchor with an agreeing kind and value."""
    end = expected["at"] + len(expected["anchor"])
    for i, claim in enumerate(claims):
        kinds = claim.kind.value == expected["kind"] or (
            claim.kind.counts and expected["kind"] in ("count", "quantity")
        )
        if claim.start < end and claim.end > expected["at"] and kinds:
            if "value" not in expected or same_value(
                expected["kind"], claim.value, expected["value"]
            ):
                return i
    return None


def headline(text: str) -> str | None:
    """The first line of a text laid out as headline, blank line, body (as a CMS sends the
    title beside the text)."""
    first, _, rest = text.partition("\n")
    return first.strip() or None if rest.startswith("\n") else None


def _annotations(folder: Path):
    for path in sorted(folder.glob("*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(ann, dict) and "article" in ann and "claims" in ann:
            yield path.stem, (folder / ann["article"]).resolve(), ann


def load(client: redis.Redis, sets=SETS) -> tuple[list[Case], list[str]]:
    """Every case of `sets`, and the reasons sets were skipped. `client` (decoding) is
    emptied before each set's references are loaded."""
    cases, skipped = [], []
    checker = Checker(client)
    loaded = None
    for name, folder, refs in sets:
        annotated = list(_annotations(folder)) if folder.is_dir() else []
        missing = [str(p) for _, p, _ in annotated if not p.is_file()]
        if not annotated or missing:
            skipped.append(f"{name}: {'texts absent: ' + missing[0] if missing else 'no set'}")
            continue
        if refs != loaded:  # sets on the same references share one load
            client.flushdb()
            load_bundled(client) if refs == "bundled" else load_file(client, refs)
            loaded = refs
        for stem, path, ann in annotated:
            text = path.read_text(encoding="utf-8")
            published = ann.get("published_at")
            day = date.fromisoformat(published) if published else None
            article = Article(text, title=ann.get("title") or headline(text), published_at=day)
            claims = [Claim.of(c) for c in extract(text, article.published_at)]
            facts = checker.candidates(article, text, claims)
            expected = [(find(claims, e), e) for e in ann["claims"] if "verdict" in e]
            cases.append(Case(name, stem, article, text, claims, facts, expected))
    return cases, skipped


def score(cases: list[Case]) -> dict[str, Score]:
    """Verdicts of every case with the rules in force, scored per set."""
    scores: dict[str, Score] = {}
    for case in cases:
        verdicts = verify(case.article, case.text, case.claims, case.facts)
        s = scores.setdefault(case.set, Score())
        for index, want in case.expected:
            got = verdicts[index]["verdict"] if index is not None else "missing"
            s.total += 1
            if got == want["verdict"]:
                s.right += 1
            else:
                s.wrong[(want["verdict"], got)] += 1
    return scores


def overall(scores: dict[str, Score]) -> Score:
    total = Score()
    for s in scores.values():
        total = total.add(s)
    return total
