"""Checking an article: extract its claims, look up the references once, decide each verdict.

Reference look-ups are batched for the whole article (two Redis round trips, whatever the number
of claims), and results are cached by (article hash, reference version): a re-check of an
unchanged article against unchanged references costs one round trip. Any reference write moves
the version, so a cached result is never served against changed references.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import redis

from ..claims import extract
from ..documents import document
from ..references.store import VERSION, ReferenceStore
from ..references.terms import significant_words
from .match import Hints, best_matches, context_of, fold, sentence_start
from .verdicts import decide

CACHE = "check:"
VERDICTS = ("supported", "contradicted", "conflicting", "unverifiable")
WINDOW = 80  # characters around a claim whose words look up candidate facts
CLEAR_LEAD = 0.15  # a count lends its event to a date only when no other event comes close
_WORD = re.compile(r"\w[\w'-]*")


def lookup_terms(text: str, claims: list[dict], title: str | None) -> set[str]:
    """What to look facts up by: named things, what is counted, the words near each claim."""
    terms: set[str] = set()
    for claim in claims:
        terms.update(claim.get("entities") or [])
        terms.update(t for t in (claim.get("subject"), claim.get("unit")) if t)
        near = fold(text[max(0, claim["start"] - WINDOW) : claim["end"] + WINDOW])
        terms.update(significant_words(" ".join(_WORD.findall(near))))
    if title:
        terms.update(significant_words(fold(title)))
    return terms


def verify(text: str, claims: list[dict], store: ReferenceStore, title: str | None = None):
    """Each claim with its verdict, confidence, explanation and evidence, in text order.

    Counts and figures are matched first; a date then also takes the event of the counts in
    its window ("seven soldiers were killed in March 2024").
    """
    facts = store.candidates(lookup_terms(text, claims, title)) if claims else []
    contexts = [context_of(text, claim, title, claims) for claim in claims]
    hints = Hints.from_facts(facts)
    matches: dict[int, list] = {}
    for i, claim in enumerate(claims):
        if claim["kind"] != "date":
            matches[i] = best_matches(claim, facts, contexts[i], hints)
    for i, claim in enumerate(claims):
        if claim["kind"] == "date":
            partners = _partners(claims, contexts[i], claim, matches, text)
            date_hints = replace(hints, partners=partners)
            matches[i] = best_matches(claim, facts, contexts[i], date_hints)
    return [{**claim, **decide(claim, matches[i])} for i, claim in enumerate(claims)]


def _partners(claims, ctx, claim, matches, text) -> frozenset[str]:
    """Events of the counts standing in a date's window, where each count's event is clear
    (its best match well ahead of any other event's)."""
    start, _ = sentence_start(text, claim)
    lo, hi = start + ctx.window[0], start + ctx.window[1]
    return frozenset(
        found[0].fact["subject"]
        for i, found in matches.items()
        if found and lo <= claims[i]["start"] < hi and _clear(found)
    )


def _clear(found: list) -> bool:
    best = found[0]
    others = [m.score for m in found[1:] if m.fact["subject"] != best.fact["subject"]]
    return best.score - max(others, default=0.0) >= CLEAR_LEAD


def summarize(checked: list[dict]) -> dict:
    """Claims per verdict, and the total."""
    counts = Counter(c["verdict"] for c in checked)
    return {**{v: counts.get(v, 0) for v in VERDICTS}, "total": len(checked)}


@cache
def rules_version() -> str:
    """A digest of the extraction and verification code, so a new release never serves
    results cached by an old one."""
    digest = hashlib.sha256()
    for package in (Path(__file__).parent, Path(__file__).parents[1] / "claims"):
        for module in sorted(package.glob("*.py")):
            digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def cache_key(body: str, source: str, published_at: date | None, title, url) -> str:
    """The article's identity: everything that can change its result."""
    parts = [rules_version(), source, str(published_at or ""), title or "", url or "", body]
    return CACHE + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class Checker:
    """Checks articles against the reference store in `client`, caching results."""

    def __init__(self, client: redis.Redis, cache_ttl: int = 86400):
        self.client = client
        self.store = ReferenceStore(client)
        self.cache_ttl = cache_ttl
        self.cache_round_trips = 0

    @property
    def round_trips(self) -> int:
        """Redis exchanges so far: cache reads and writes plus reference look-ups."""
        return self.cache_round_trips + self.store.round_trips

    def _exchange(self, *commands) -> list:
        """Send `(method, args...)` commands in one pipeline: one round trip."""
        pipe = self.client.pipeline(transaction=False)
        for method, *args in commands:
            getattr(pipe, method)(*args)
        self.cache_round_trips += 1
        return pipe.execute()

    def check(
        self,
        body: str,
        source: str = "text",
        published_at: date | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> dict:
        """The `POST /v1/checks` result for one article."""
        key = cache_key(body, source, published_at, title, url)
        version, cached = self._exchange(("get", VERSION), ("hgetall", key))
        version = int(version or 0)
        if cached and int(cached.get("version", -1)) == version:
            return json.loads(cached["result"])
        text, doc = document(body, source, title, url, published_at)
        checked = verify(text, extract(text, published_at), self.store, title)
        result = {
            "document": doc,
            "claims": checked,
            "summary": summarize(checked),
            "reference_version": version,
        }
        record = {"version": version, "result": json.dumps(result)}
        self._exchange(("hset", key, None, None, record), ("expire", key, self.cache_ttl))
        return result
