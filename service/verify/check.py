"""Checking an article: extract its claims, look up the references once, decide each verdict.

Reference look-ups are batched for the whole article (two Redis round trips, whatever the number
of claims), and results are cached by (article hash, reference version): a re-check of an
unchanged article against unchanged references costs one round trip. Any reference write moves
the version, so a cached result is never served against changed references.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import redis

from .. import metrics
from ..claims import extract
from ..documents import counted, document
from ..errors import ServiceError
from ..references.sources.wikidata import WikidataSource
from ..references.store import VERSION, ReferenceStore
from ..references.terms import normalize, significant_words
from .match import Hints, best_matches, context_of, fold, sentence_start
from .verdicts import decide

log = logging.getLogger(__name__)
CACHE = "check:"
VERDICTS = ("supported", "contradicted", "conflicting", "unverifiable")
EVENT_WORDS = frozenset(
    "operation attack attacks bombing bombings blast explosion flood floods earthquake war "
    "battle massacre crash sinking shooting siege riot riots hurricane cyclone typhoon storm "
    "wildfire fire disaster offensive uprising coup insurgency airstrike airstrikes".split()
)
_EVENT_AFTER = (
    r"(?:\b\d{{4}}\s+)?\b{name}(?:\s+[a-z-]+){{0,2}}?\s+(?:"
    + "|".join(sorted(EVENT_WORDS))
    + r")\b"
)
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


def event_names(text: str, claims: list[dict]) -> list[str]:
    """Named events in the claims' sentences, in text order: a named thing with an event word
    in or just after it ("Operation Granite Shield", "2024 Besham suicide bombing")."""
    names = dict.fromkeys(e for c in claims for e in c.get("entities") or [])
    found: dict[str, None] = {}
    for name in names:
        if EVENT_WORDS & set(normalize(name).split()):
            found[name] = None
            continue
        pattern = _EVENT_AFTER.format(name=re.escape(name))
        for match in re.finditer(pattern, text, re.IGNORECASE):
            found[match.group().strip()] = None
    return list(found)


def unknown_events(text: str, claims: list[dict], facts: list[dict]) -> list[str]:
    """Named events that no candidate fact names: what a remote source may be asked about."""
    known = {normalize(n) for f in facts for n in (f["subject"], *f.get("aliases", []))}
    return [
        name
        for name in event_names(text, claims)
        if not any(normalize(name) in k or k in normalize(name) for k in known)
    ]


def verify(
    text: str,
    claims: list[dict],
    store: ReferenceStore,
    title: str | None = None,
    discover: Callable[[str], list[dict]] | None = None,
    discover_limit: int = 3,
):
    """Each claim with its verdict, confidence, explanation and evidence, in text order.

    `discover(name)`, if given, fetches facts on an event the store does not know (Wikidata),
    for at most `discover_limit` names. Counts and figures are matched first; a date then
    also takes the event of the counts in its window ("seven soldiers were killed in March
    2024").
    """
    facts = store.candidates(lookup_terms(text, claims, title)) if claims else []
    if discover:
        for name in unknown_events(text, claims, facts)[:discover_limit]:
            facts += discover(name)
    neighbours: dict[int, list[dict]] = {}
    for claim in claims:
        neighbours.setdefault(sentence_start(text, claim)[0], []).append(claim)
    contexts = [
        context_of(text, claim, title, neighbours[sentence_start(text, claim)[0]])
        for claim in claims
    ]
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
    """A digest of the code and libraries a result depends on (extraction, matching, the
    reference terms, HTML to text), so a new release never serves results cached by an old
    one."""
    service = Path(__file__).parents[1]
    modules = [
        *sorted((service / "claims").glob("*.py")),
        *sorted((service / "verify").glob("*.py")),
        service / "references" / "terms.py",
        service / "references" / "schema.py",
        service / "documents.py",
    ]
    digest = hashlib.sha256(importlib.metadata.version("inscriptis").encode())
    for module in modules:
        digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def cache_key(body: str, source: str, published_at: date | None, title, url) -> str:
    """The article's identity: everything that can change its result."""
    parts = [rules_version(), source, str(published_at or ""), title or "", url or "", body]
    return CACHE + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class Checker:
    """Checks articles against the reference store in `client`, caching results.

    With `settings` whose WIKIDATA_ON_DEMAND is on, events the store does not know are looked
    up on Wikidata (at most WIKIDATA_LOOKUPS_PER_CHECK per article); a source that fails is
    logged and the check goes on with what the store has.
    """

    def __init__(self, client: redis.Redis, cache_ttl: int = 86400, settings: Mapping = None):
        self.client = client
        self.store = ReferenceStore(client)
        self.cache_ttl = cache_ttl
        self.cache_round_trips = 0
        self.settings = settings or {}

    def _discover(self, name: str) -> list[dict]:
        """Facts Wikidata holds on `name`, or none if it cannot be reached."""
        try:
            return WikidataSource(self.client, self.settings).lookup(name)
        except ServiceError as exc:
            log.warning("Wikidata lookup of %r failed: %s", name, exc.detail)
            return []

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

    def check(self, *article, **named) -> dict:
        """The `POST /v1/checks` result for one article (arguments as for `check_json`)."""
        return json.loads(self.check_json(*article, **named))

    def check_json(
        self,
        body: str,
        source: str = "text",
        published_at: date | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> str:
        """The same result as JSON text: what the cache holds, so a hit is sent as it is."""
        key = cache_key(body, source, published_at, title, url)
        version, cached = self._exchange(("get", VERSION), ("hgetall", key))
        version = int(version or 0)
        if cached and int(cached.get("version", -1)) == version:
            metrics.CHECK_CACHE.labels("hit").inc()
            return cached["result"]
        metrics.CHECK_CACHE.labels("miss").inc()
        text, doc = document(body, source, title, url, published_at)
        discover = self._discover if self.settings.get("WIKIDATA_ON_DEMAND") else None
        limit = self.settings.get("WIKIDATA_LOOKUPS_PER_CHECK", 0)
        claims = counted(extract(text, published_at, self.settings.get("MAX_CLAIMS")))
        checked = verify(text, claims, self.store, title, discover, limit)
        for claim in checked:
            metrics.VERDICTS.labels(claim["verdict"]).inc()
        result = json.dumps(
            {
                "document": doc,
                "claims": checked,
                "summary": summarize(checked),
                "reference_version": version,
            },
            ensure_ascii=False,
        )
        record = {"version": version, "result": result}
        self._exchange(("hset", key, None, None, record), ("expire", key, self.cache_ttl))
        return result
