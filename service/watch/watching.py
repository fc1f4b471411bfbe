"""Watching an article, and checking a watched article again.

`watch()` checks the article as `POST /v1/checks` does and stores it; `recheck()` checks a
stored one against the references as they are now, appends to each claim's history when its
verdict (or the facts it rests on) moved, and returns the `verdict.changed` alerts to send.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import redis

from ..documents import document
from ..jobs.queue import vet_callback
from ..keys import Principal
from ..model import Article
from ..verify.check import Checker
from ..verify.placing import ArticleView
from ..verify.sources import ID_PREFIX as SOURCE_FACT
from ..verify.sources import SourceDocument
from . import index
from .store import WatchStore, claim_state, digest, now, uid

EVENT = "verdict.changed"


def places_of(article: Article) -> set[str]:
    """The place keys the checker looks facts up by for the article."""
    a = article
    text, _ = document(a.body, a.source, a.title, a.url, a.published_at)
    view = ArticleView.of(text, a.title, a.published_at)
    return {key for _, _, key in view.places} | ({view.main_place} - {None})


def index_of(article: Article, claims: list[dict], states: list[dict]) -> list[str]:
    """The watch's index keys; the facts of its source documents are no store facts: no
    reference write ever changes them, so none is followed."""
    cited = {f for s in states for f in s["facts"] if not f.startswith(SOURCE_FACT)}
    return sorted(index.article_keys(claims, places_of(article), cited))


def watch(
    client: redis.Redis,
    principal: Principal,
    article: Article,
    article_id: str,
    callback_url: str,
    settings: Mapping,
    sources: Sequence[SourceDocument] = (),
) -> dict:
    """Check `article` (against the source documents given with it, if any), store it as
    watched by `principal` under `article_id` (replacing an earlier watch of that id) with its
    sources, so that every re-check reads them too, and return the check result."""
    if callback_url:
        vet_callback(callback_url, settings)
    store = WatchStore(client)
    store.start_watching(client)
    checker = Checker(client, settings.get("CHECK_CACHE_TTL", 86400), settings)
    result = checker.check(article, sources)
    at = now()
    version = result["reference_version"]
    states = [claim_state(c, version, at) for c in result["claims"]]
    old = store.load_many([uid(principal.name, article_id)])
    record = {
        "id": article_id,
        "owner": principal.name,
        "signer": "key" if principal.webhook_secret else "setting",
        "callback_url": callback_url,
        "url": article.url,
        "title": article.title,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "source": article.source,
        "body": article.body,
        "sources": [s.as_record() for s in sources],
        "digest": digest(article.body),
        "created_at": old[0]["created_at"] if old else at,
        "checked_at": at,
        "reference_version": version,
        "claims": states,
        "index": index_of(article, result["claims"], states),
    }
    store.save(record, old[0]["index"] if old else ())
    return result


def recheck(
    client: redis.Redis, record: dict, changed: dict[str, dict], settings: Mapping
) -> list[dict]:
    """Check a watched article again and store what moved; the alerts (one per claim whose
    verdict changed) to send. `changed`: the changed facts by id (as the change log has them)."""
    article = Article.of(record)
    sources = [SourceDocument.of(s) for s in record.get("sources") or ()]
    checker = Checker(client, settings.get("CHECK_CACHE_TTL", 86400), settings)
    result = checker.check(article, sources)
    at, version = now(), result["reference_version"]
    fresh = {(c["start"], c["end"]): c for c in result["claims"]}
    alerts, states = [], []
    for state in record["claims"]:
        claim = fresh.get((state["start"], state["end"]))
        if claim is None:  # the rules now read the text differently: keep what was said
            states.append(state)
            continue
        new = claim_state(claim, version, at)
        new["history"] = state["history"]
        if (new["verdict"], new["facts"]) != (state["verdict"], state["facts"]):
            new["history"] = [*state["history"], claim_state(claim, version, at)["history"][0]]
        if new["verdict"] != state["verdict"]:
            alerts.append(alert(record, state, new, changed, version))
        states.append(new)
    old_index = record["index"]
    record = {**record, "claims": states, "checked_at": at, "reference_version": version}
    record["index"] = index_of(article, result["claims"], states)
    WatchStore(client).save(record, old_index)
    return alerts


def alert(record: dict, old: dict, new: dict, changed: dict[str, dict], version: int) -> dict:
    """The `verdict.changed` webhook body for one claim."""
    fact = _the_fact(old, new, changed)
    key = f"{record['owner']}\x1f{record['id']}\x1f{old['start']}\x1f{old['end']}\x1f{version}"
    return {
        "id": hashlib.sha256(key.encode()).hexdigest()[:24],
        "event": EVENT,
        "article": {"id": record["id"], "url": record.get("url")},
        "claim": {"start": old["start"], "end": old["end"], "text": old["text"]},
        "old": _side(old),
        "new": _side(new),
        "fact": fact,
        "source": (fact or {}).get("source"),
        "reference_version": version,
    }


def _side(state: dict) -> dict:
    return {
        "verdict": state["verdict"],
        "explanation": state["explanation"],
        "facts": state["facts"],
        "reference_version": state["history"][-1]["reference_version"],
    }


def _the_fact(old: dict, new: dict, changed: dict[str, dict]) -> dict | None:
    """The changed fact the move rests on: one the new verdict cites, else one the old one
    cited (a deleted or revised fact), as the evidence shows it; else the first changed one."""
    for state in (new, old):
        for item in state["evidence"]:
            fact_id = item.get("reference_id")
            if fact_id in changed:
                return {**item, "change": changed[fact_id]["change"]}
    for state in (new, old):
        if state["evidence"]:
            return state["evidence"][0]
    first = next(iter(changed.values()), None)
    return {k: first[k] for k in ("id", "subject", "metric", "change")} if first else None
