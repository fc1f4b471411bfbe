"""Checking an article: extract its claims, look up the references once, decide each verdict.

`verify(article, text, claims, facts)` is pure: typed claims and facts in, verdicts out. The
`Checker` owns the I/O around it: reference look-ups batched for the whole article (two Redis
round trips, whatever the number of claims), the result cache keyed by (article, rules version,
reference version), metrics and on-demand remote look-ups. Any reference write moves the
version, so a cached result is never served against changed references.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import redis

from .. import metrics
from ..claims import extract
from ..documents import counted, document
from ..errors import ServiceError
from ..model import Article, Claim, Fact, Frame
from ..references.memo import MEMO
from ..references.sources.wikidata import WikidataSource
from ..references.store import STAMP, VERSION, ReferenceStore
from ..vocabulary.places import place_name
from ..vocabulary.text import fold, normalize, significant_words
from ..vocabulary.words import BARE_METRIC_WORDS, EVENT_WORDS, METRIC_WORDS
from .consistency import findings
from .context import context_of, sentence_start, tokens
from .frames import frame_of, signed, with_starting_levels
from .match import Outcome, best_matches
from .placing import ArticleView
from .profiles import Hints, place_names, profile
from .siblings import without_taken
from .sources import SourceDocument, admitted, document_names, is_source_fact, read_sources
from .verdicts import decide

log = logging.getLogger(__name__)
CACHE = "check:"
VERDICTS = ("supported", "contradicted", "conflicting", "unverifiable")
_EVENT_AFTER = (
    r"(?:\b\d{{4}}\s+)?\b{name}(?:\s+[a-z-]+){{0,2}}?\s+(?:"
    + "|".join(sorted(EVENT_WORDS))
    + r")\b"
)
WINDOW = 80  # characters around a claim whose words look up candidate facts
_WORD = re.compile(r"\w[\w'-]*")
# The modules whose code decides a result: a change to any of them is a new rules version.
RULES_MODULES = (
    "claims/*.py",
    "verify/*.py",
    "verify/weights.json",
    "vocabulary/*.py",
    "references/terms.py",
    "references/schema.py",
    "documents.py",
    "model.py",
)
RULES_LIBRARIES = (
    "inscriptis",
    "PyStemmer",
    "countryinfo",
)  # HTML to text; keyword stems; country adjectives


def lookup_terms(text: str, claims: list[Claim], title: str | None, view: ArticleView) -> set[str]:
    """What to look facts up by: named things, what is counted, the words near each claim,
    and the article's places by their reference names."""
    terms: set[str] = set()
    for claim in claims:
        terms.update(claim.entities)
        terms.update(t for t in (claim.subject, claim.unit) if t)
        near = fold(text[max(0, claim.start - WINDOW) : claim.end + WINDOW])
        terms.update(significant_words(" ".join(_WORD.findall(near))))
    if title:
        terms.update(significant_words(fold(title)))
    terms.update(place_name(key) for _, _, key in view.places)
    return terms


def event_names(text: str, claims: list[Claim]) -> list[str]:
    """Named events in the claims' sentences, in text order: a named thing with an event word
    in or just after it ("Operation Granite Shield", "2024 Besham suicide bombing")."""
    names = dict.fromkeys(e for c in claims for e in c.entities)
    found: dict[str, None] = {}
    for name in names:
        if EVENT_WORDS & set(normalize(name).split()):
            found[name] = None
            continue
        pattern = _EVENT_AFTER.format(name=re.escape(name))
        for match in re.finditer(pattern, text, re.IGNORECASE):
            found[match.group().strip()] = None
    return list(found)


def unknown_events(text: str, claims: list[Claim], facts: list[Fact]) -> list[str]:
    """Named events that no candidate fact names: what a remote source may be asked about."""
    known = {normalize(n) for f in facts for n in (f.subject, *f.aliases)}
    return [
        name
        for name in event_names(text, claims)
        if not any(normalize(name) in k or k in normalize(name) for k in known)
    ]


def verify(
    article: Article,
    text: str,
    claims: list[Claim],
    facts: list[Fact],
) -> list[dict]:
    """Each claim's verdict fields (verdict, confidence, explanation, evidence, frame), in
    text order. Counts and figures are matched first; a date then also takes the event of the
    counts in its window ("seven soldiers were killed in March 2024")."""
    view = ArticleView.of(text, article.title, article.published_at, _places_of(facts))
    starts = [sentence_start(text, c)[0] for c in claims]  # where each claim's sentence starts
    by_sentence: dict[int, list[Claim]] = {}
    for claim, start in zip(claims, starts, strict=True):
        by_sentence.setdefault(start, []).append(claim)
    contexts = [
        context_of(text, c, article.title, by_sentence[start])
        for c, start in zip(claims, starts, strict=True)
    ]
    dates = [c for c in claims if c.is_date]
    frames = [frame_of(c, ctx, dates, view) for c, ctx in zip(claims, contexts, strict=True)]
    frames = with_starting_levels(claims, frames, contexts)
    # Matched and compared with the sign their verb gives ("prices fell 0.4%": -0.4%).
    claims = [signed(c, f, ctx) for c, f, ctx in zip(claims, frames, contexts, strict=True)]
    before = article.published_at.isoformat() if article.published_at else None
    facts = _said_series(facts, text)
    hints = Hints.from_facts(facts, before)
    sourced = any(is_source_fact(f) for f in facts)
    names = document_names(text, claims, view) if sourced else frozenset()

    def candidates(i: int, given: Hints) -> tuple[list[Fact], Hints]:
        """The claim's candidates (source facts only where their own gates admit them), and
        the hints over them."""
        if not sourced:
            return facts, given
        admitted_facts = admitted(facts, claims[i], frames[i], contexts[i], names)
        return admitted_facts, given.over(admitted_facts)

    outcomes: dict[int, Outcome] = {}
    for i, claim in enumerate(claims):
        if not claim.is_date:
            pool, pool_hints = candidates(i, hints)
            outcomes[i] = best_matches(claim, frames[i], pool, contexts[i], pool_hints)
    sentences: dict[int, list[int]] = {}
    for i in outcomes:
        sentences.setdefault(starts[i], []).append(i)
    for sentence in sentences.values():
        without_taken(claims, frames, outcomes, sentence)
    for i, claim in enumerate(claims):
        if claim.is_date:
            lo = sentence_start(text, claim)[0] + contexts[i].window[0]
            hi = lo - contexts[i].window[0] + contexts[i].window[1]
            partners = frozenset(
                found.matches[0].fact.subject
                for j, found in outcomes.items()
                if found.matches and lo <= claims[j].start < hi
            )
            date_hints = replace(hints, partners=partners)
            pool, pool_hints = candidates(i, date_hints)
            outcomes[i] = best_matches(claim, frames[i], pool, contexts[i], pool_hints)
    return [
        {**decide(claim, outcomes[i], frames[i]), "frame": frames[i].as_dict()}
        for i, claim in enumerate(claims)
    ]


LATEST_YEARS = 4  # a level with no year of its own is about the latest of these before the article


def _years(claims: list[Claim], article: Article) -> set[int]:
    """The years a series figure of the article can be about: those its dates name (and the
    year before each, for "the year before"), and the years just before its publication."""
    years = {int(str(c.value)[:4]) for c in claims if c.is_date and str(c.value)[:4].isdigit()}
    years |= {y - 1 for y in years}
    if article.published_at:
        years |= {article.published_at.year - k for k in range(LATEST_YEARS)}
    return years


def _places_of(facts: list[Fact]) -> tuple[str, ...]:
    """Place names the candidates know, for the article's gazetteer look-up."""
    return tuple(dict.fromkeys(name for f in facts for name in place_names(f.place)))


def _said_series(facts: list[Fact], text: str) -> list[Fact]:
    """The candidates less the series whose metric the article never names (nor its bare
    word, "prices"): a series figure is compared only where its metric's words stand by the
    claim (the metric gate), so the years of a place's GDP need no look at all in a story
    that never speaks of its economy.
    (A population is also said by phrasing, "a country of 85 million people": kept.)"""
    words = tokens(fold(text))
    said: dict[str, bool] = {}
    kept = []
    for fact in facts:
        metric = fact.metric
        if fact.is_series and metric in METRIC_WORDS and metric != "population":
            if metric not in said:
                bare = tuple((word,) for word in BARE_METRIC_WORDS.get(metric, ()))
                said[metric] = any(words.find(p) for p in (*profile(fact).metric_words, *bare))
            if not said[metric]:
                continue
        kept.append(fact)
    return kept


def summarize(checked: list[dict]) -> dict:
    """Claims per verdict, and the total."""
    counts = Counter(c["verdict"] for c in checked)
    return {**{v: counts.get(v, 0) for v in VERDICTS}, "total": len(checked)}


@cache
def rules_version() -> str:
    """A digest of the modules in RULES_MODULES and the libraries a result depends on, so a
    new release never serves results cached by an old one."""
    service = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for library in RULES_LIBRARIES:
        digest.update(importlib.metadata.version(library).encode())
    for pattern in RULES_MODULES:
        for module in sorted(service.glob(pattern)):
            digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def cache_key(article: Article, sources: Sequence[SourceDocument] = ()) -> str:
    """The article's identity and its source documents': everything that can change its
    result (a source's name, url, date, kind and body, and their order)."""
    a = article
    parts = [rules_version(), a.source, str(a.published_at or ""), a.title or "", a.url or ""]
    if sources:
        records = json.dumps([s.as_record() for s in sources], ensure_ascii=False)
        parts.append(hashlib.sha256(records.encode()).hexdigest())
    return CACHE + hashlib.sha256("\x1f".join([*parts, a.body]).encode()).hexdigest()


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
        self.stamp: str | None = None  # the store's, once read: look-ups use the memo under it

    def _discover(self, name: str) -> list[Fact]:
        """Facts Wikidata holds on `name`, or none if it cannot be reached."""
        try:
            return [Fact.of(f) for f in WikidataSource(self.client, self.settings).lookup(name)]
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

    def candidates(self, article: Article, text: str, claims: list[Claim]) -> list[Fact]:
        """The reference facts that may be about the article's claims: the store's, found by
        the article's words and places (series by the years the article can be about), and
        Wikidata's on named events the store does not know (when on-demand look-ups are on)."""
        if not claims:
            return []
        view = ArticleView.of(text, article.title, article.published_at)
        terms = lookup_terms(text, claims, article.title, view)
        places = {key for _, _, key in view.places} | ({view.main_place} - {None})
        years = _years(claims, article)
        records = self.store.candidates(terms, places, years=years, stamp=self.stamp)
        memo = MEMO.at(self.stamp) if self.stamp else None
        facts = [memo.derive(r, Fact.of) if memo else Fact.of(r) for r in records]
        if self.settings.get("WIKIDATA_ON_DEMAND"):
            limit = self.settings.get("WIKIDATA_LOOKUPS_PER_CHECK", 0)
            for name in unknown_events(text, claims, facts)[:limit]:
                facts += self._discover(name)
        return facts

    def check(self, article: Article, sources: Sequence[SourceDocument] = ()) -> dict:
        """The `POST /v1/checks` result for one article, checked against the store and the
        source documents given with it, if any (a cached result is decoded once; a new one is
        returned as computed, not encoded and decoded again)."""
        text, result, _ = self._checked(article, sources)
        return json.loads(text) if result is None else result

    def check_json(
        self, article: Article, sources: Sequence[SourceDocument] = ()
    ) -> tuple[str, int]:
        """The same result as JSON text (what the cache holds, so a hit is sent as it is) and
        the reference version it holds for."""
        text, _, version = self._checked(article, sources)
        return text, version

    def _checked(
        self, article: Article, sources: Sequence[SourceDocument] = ()
    ) -> tuple[str, dict | None, int]:
        """The result's JSON text, the result itself when it was computed now (None when it
        came from the cache), and the reference version."""
        key = cache_key(article, sources)
        stamp, version, cached = self._exchange(("get", STAMP), ("get", VERSION), ("hgetall", key))
        version = int(version or 0)
        if cached and int(cached.get("version", -1)) == version:
            metrics.CHECK_CACHE.labels("hit").inc()
            return cached["result"], None, version
        metrics.CHECK_CACHE.labels("miss").inc()
        self.stamp = stamp or self.store.stamp_and_version()[0]
        result = self._result(article, version, sources)
        text = json.dumps(result, ensure_ascii=False)
        self._exchange(("hset", key, None, None, {"version": version, "result": text}),
                       ("expire", key, self.cache_ttl))  # fmt: skip
        return text, result, version

    def _result(
        self, article: Article, version: int, sources: Sequence[SourceDocument] = ()
    ) -> dict:
        """Extract, look up and verify: the result of one article at one reference version.
        The source documents' facts join the store's candidates for this check only: they
        are never written to the store."""
        a = article
        max_claims = self.settings.get("MAX_CLAIMS")
        text, doc = document(a.body, a.source, a.title, a.url, a.published_at)
        records = counted(extract(text, a.published_at, max_claims))
        claims = [Claim.of(r) for r in records]
        facts = self.candidates(article, text, claims)
        if sources:
            read = read_sources(sources, a.published_at, max_claims, _places_of(facts))
            metrics.SOURCE_DOCUMENTS.inc(len(read))
            doc["sources"] = [r.meta for r in read]
            facts = [*facts, *(f for r in read for f in r.facts)]
        verdicts = verify(article, text, claims, facts)
        checked = [{**r, **v} for r, v in zip(records, verdicts, strict=True)]
        frames = [Frame.of(c.kind, v["frame"]) for c, v in zip(claims, verdicts, strict=True)]
        found = [f.as_dict() for f in findings(text, claims, frames)]
        for claim in checked:
            metrics.VERDICTS.labels(claim["verdict"]).inc()
        for finding in found:
            metrics.FINDINGS.labels(finding["type"]).inc()
        return {
            "document": doc,
            "claims": checked,
            "findings": found,
            "summary": summarize(checked),
            "reference_version": version,
        }
