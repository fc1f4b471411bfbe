"""The extraction pipeline: text -> mentions (dates, numbers) -> claim dicts."""

import bisect
import datetime as dt
from functools import lru_cache

from service.claims.categories import category, subject_tokens
from service.claims.dates import find_dates
from service.claims.entities import entities
from service.claims.mention import Mention
from service.claims.numbers import digit_mentions, measure_unit, vague_mentions, word_mentions
from service.claims.qualifiers import apply_qualifier, merge_between
from service.claims.sentences import SentenceIndex
from service.errors import TooManyClaims

_VAGUE_NOTE = "vague amount: the interval is a rough reading of the wording"


def extract(
    text: str, published_at: dt.date | None = None, max_claims: int | None = None
) -> list[dict]:
    """Every numeric claim of ``text`` as a JSON-ready dict, in text order.

    With ``max_claims``, a text holding more raises TooManyClaims before the per-claim work,
    so a pathological input (a table of 100,000 figures) costs a scan, not minutes.
    """
    sentences = SentenceIndex(text)
    starts = lambda offset: sentences.at(offset)[0]  # noqa: E731
    mentions = _without_overlaps(
        find_dates(text, published_at, sentences.at),
        [*digit_mentions(text, starts), *vague_mentions(text), *word_mentions(text, starts)],
    )
    for mention in mentions:
        if mention.kind != "date":
            apply_qualifier(text, mention)
    mentions = merge_between(text, mentions)
    if max_claims is not None and len(mentions) > max_claims:
        raise TooManyClaims(
            f"The text holds {len(mentions):,} numeric claims; at most {max_claims:,} are "
            "checked in one request. Split it, or send the parts as a batch job."
        )
    sentence_entities = lru_cache(maxsize=None)(entities)
    ends = [mention.end for mention in mentions]
    claims = []
    for index, mention in enumerate(mentions):
        start, end = sentences.at(mention.start)
        sentence = text[start:end]
        previous_end = max(start, ends[index - 1] if index else 0)
        next_start = min(end, mentions[index + 1].start if index + 1 < len(mentions) else end)
        claims.append(
            _claim(text, mention, sentence, sentence_entities(sentence), previous_end, next_start)
        )
    return claims


def _without_overlaps(first: list[Mention], second: list[Mention]) -> list[Mention]:
    """``first`` plus the mentions of ``second`` overlapping nothing kept so far, sorted."""
    kept = sorted(first, key=lambda m: m.start)
    starts = [m.start for m in kept]
    for mention in sorted(second, key=lambda m: (m.start, m.start - m.end)):
        index = bisect.bisect_left(starts, mention.end)
        if index and kept[index - 1].end > mention.start:
            continue
        kept.insert(index, mention)
        starts.insert(index, mention.start)
    return kept


def _claim(
    text: str, mention: Mention, sentence: str, names: list[str], previous_end: int, next_start: int
) -> dict:
    """The claim dict of one mention; numbers get their kind, unit, subject and category."""
    subject = kind_category = None
    if mention.kind != "date":
        phrase, rest = subject_tokens(text, mention.end, next_start)
        kind_category = category(text, mention.start, phrase, rest, previous_end, next_start)
        subject = " ".join(token.group() for token in phrase) or None
        _settle_kind(text, mention, subject, kind_category)
    return {
        "id": f"c{mention.start}-{mention.end}",
        "text": text[mention.start : mention.end],
        "start": mention.start,
        "end": mention.end,
        "sentence": sentence,
        "kind": mention.kind,
        "value": mention.value,
        "precision": mention.precision,
        "qualifier": mention.qualifier,
        "lower": mention.lower,
        "upper": mention.upper,
        "bounds": mention.bounds,
        "unit": mention.unit,
        # the categories count people and events: a sum is none ("fined £3.6m after ...,
        # killing more than 4,000 fish")
        "category": kind_category if mention.kind != "money" else None,
        "subject": subject if mention.kind in ("count", "quantity") else None,
        "entities": names,
        "confidence": mention.confidence,
        "note": mention.note,
    }


def _settle_kind(text: str, mention: Mention, subject: str | None, category: str | None) -> None:
    """Decide count vs quantity for plain numbers (counted noun or category) and set the unit."""
    if mention.vague and mention.note is None:
        mention.note = _VAGUE_NOTE
    if mention.kind != "number":
        return
    unit = measure_unit(text, mention.end)
    integral = mention.value is None or isinstance(mention.value, int)
    if unit is None and (subject or category) and integral:
        mention.kind = "count"
        mention.unit = subject.split()[-1].lower() if subject else None
        return
    mention.kind, mention.unit = "quantity", unit
    if unit is None and not mention.vague:
        mention.confidence = min(mention.confidence, 0.6)
