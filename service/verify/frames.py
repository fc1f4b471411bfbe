"""Claim frames: what each claim is about, slot by slot, read from its text and the article.

A frame holds the counted thing (the head noun: soldiers, homes), the metric (the category
extraction found, or a metric word near the claim), the place (in the claim's clause, its
sentence, or the article's main place), the period (a date in its clause, a part of a year,
or the article's own time), the event it names and whether it is a forecast. Each slot keeps
where it came from, so an explanation can say which slot found nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..model import Claim, Frame, Slot
from ..vocabulary.places import find_places
from ..vocabulary.text import normalize, significant_words, stems
from ..vocabulary.words import (
    COUNTED_GROUPS,
    EVENT_WORDS,
    FORECAST_WORDS,
    GENERIC_COUNTED,
    METRIC_WORDS,
    PER_CAPITA_WORDS,
    SUB_ANNUAL_WORDS,
    THING_GROUPS,
    YEAR_BEFORE_WORDS,
)
from .context import Context, tokens

COUNTED_STEMS = frozenset().union(*map(stems, COUNTED_GROUPS))
GENERIC_STEMS = stems(GENERIC_COUNTED)
GROUP_OF = {
    stem: i for i, group in enumerate(COUNTED_GROUPS + THING_GROUPS) for stem in stems(group)
}
_PHRASES = {
    "forecast": tuple(tuple(w.split()) for w in FORECAST_WORDS),
    "sub_annual": tuple(tuple(normalize(w).split()) for w in SUB_ANNUAL_WORDS),
    "year_before": tuple(tuple(normalize(w).split()) for w in YEAR_BEFORE_WORDS),
    "per_capita": tuple(tuple(normalize(w).split()) for w in PER_CAPITA_WORDS),
}
METRIC_PHRASES = {
    metric: tuple(tuple(normalize(w).split()) for w in words if normalize(w))
    for metric, words in METRIC_WORDS.items()
}


def head(text: str | None) -> str | None:
    """The stem of a noun phrase's last significant word: 'Pakistani soldiers' -> 'soldier'."""
    words = significant_words(normalize(text or ""))
    if not words:
        return None
    stem = next(iter(stems(words[-1])), None)
    return None if stem in GENERIC_STEMS else stem


def counted_groups(found: frozenset[str]) -> set[int]:
    """The counted groups (soldiers, civilians ...) of a set of stems, generic words aside."""
    return {GROUP_OF[s] for s in found if s in GROUP_OF and s not in GENERIC_STEMS}


@dataclass(frozen=True)
class ArticleView:
    """What the article as a whole says: its places (with offsets), its main place (the
    title's, else the most named), its publication date."""

    places: tuple[tuple[int, int, str], ...]
    main_place: str | None
    published_at: date | None

    @classmethod
    def of(cls, text: str, title: str | None, published_at: date | None, extra=()) -> ArticleView:
        places = tuple(find_places(text, extra))
        in_title = [key for _, _, key in find_places(title or "", extra)]
        counts = Counter(key for _, _, key in places)
        main = in_title[0] if in_title else (counts.most_common(1)[0][0] if counts else None)
        return cls(places, main, published_at)


def _in(ctx: Context, lo: int, hi: int, phrases) -> tuple[str, int] | None:
    """The first of `phrases` found in the sentence between lo and hi, with its offset."""
    found = sentences = tokens(ctx.sentence)
    for phrase in phrases:
        for at in sentences.find(phrase):
            if lo <= at < hi and not (ctx.span[0] <= at < ctx.span[1]):
                found = (" ".join(phrase), at)
                return found
    return None


def _place(claim: Claim, ctx: Context, view: ArticleView) -> Slot | None:
    """The place nearest before the claim in its clause, else nearest after it there, else the
    nearest before it in its sentence (a sentence's subject comes first: "The country of 20
    million people ... immigration from Venezuela" is not about Venezuela; "Germany's inflation
    was 5.9% in 2023 and the US ..." is Germany's), else the article's main place."""
    start = ctx.offset
    clause = (start + ctx.clause[0], start + ctx.clause[1])
    stretches = (
        ("clause", (clause[0], claim.start)),
        ("clause", (claim.end, clause[1])),
        ("sentence", (start, claim.start)),
    )
    for origin, (lo, hi) in stretches:
        near = [
            (abs(s - claim.start), s, e, key)
            for s, e, key in view.places
            if lo <= s < hi
            and not (claim.start <= s < claim.end)
            and not RANKED.match(ctx.article, e)
        ]
        if near:
            _, s, e, key = min(near)
            return Slot(key, origin, s, e)
    return Slot(view.main_place, "article") if view.main_place else None


OWNED = re.compile(r"\s*(?:in|for|during|over|of|at the end of|by the end of)?\s*$")


def _period(claim: Claim, ctx: Context, dates: list[Claim], view: ArticleView) -> Slot | None:
    """The period a figure is about: the date that follows it ("$363 billion in 2023"), else
    the date nearest it in its clause, else in its stretch of the sentence (up to the next
    figure: "8.7% over 2023, up from 7.9% in 2022" gives 2022 to the 7.9% only), a year before
    it if its clause says "the year before", a part of a year said in its clause, or the
    article's own time. A date that follows another figure is that figure's."""
    start, text = ctx.offset, ctx.article
    usable = [d for d in dates if d.value and str(d.value)[:4].isdigit()]
    own = _following(claim.end, usable, text)
    if own:
        return Slot(str(own.value), "clause", own.start, own.end)
    for origin, (lo, hi) in (("clause", ctx.clause), ("sentence", ctx.window)):
        near = [d for d in usable if start + lo <= d.start < start + hi and not _owned(d, ctx)]
        if near:
            best = min(near, key=lambda d: abs(d.start - claim.start))
            value = str(best.value)
            if origin == "sentence" and _in(ctx, *ctx.clause, _PHRASES["year_before"]):
                return Slot(str(int(value[:4]) - 1), "year before", best.start, best.end)
            if origin == "clause" or not _in(ctx, *ctx.clause, _PHRASES["sub_annual"]):
                return Slot(value, origin, best.start, best.end)
    sub = _in(ctx, *ctx.clause, _PHRASES["sub_annual"])
    if sub:
        at = start + sub[1]
        return Slot("part of a year", "clause", at, at + len(sub[0]))
    lead = ctx.lead and _following(start + ctx.lead[1], usable, text)
    if lead:  # "German prices rose 5.9% in 2023, Italian prices 5.6%": 2023 for both
        return Slot(str(lead.value), "lead", lead.start, lead.end)
    if view.published_at:
        return Slot(view.published_at.isoformat(), "article")
    return None


def _following(end: int, dates: list[Claim], text: str) -> Claim | None:
    """The date that follows a figure ending at `end` ("$363 billion in 2023")."""
    for d in dates:
        if end <= d.start < end + 16 and OWNED.match(text[end : d.start]):
            return d
    return None


OTHER_FIGURE = re.compile(r"[\d%](?:\s*(?:bn|m|billion|million|trillion|per\s*cent|percent))?$")


def _owned(date: Claim, ctx: Context) -> bool:
    """Whether a date follows another figure of the sentence ("... 8% in 2022")."""
    before = ctx.article[max(ctx.offset, date.start - 24) : date.start]
    lead = before[: len(before) - len(OWNED.search(before).group())]
    return bool(OTHER_FIGURE.search(lead.rstrip())) and date.start - len(before) + len(lead) > 0


# "the world's most populous country", "Europe's largest economy": a ranking among the
# place's members, not a figure of the place itself.
RANKED = re.compile(r"['\u2019]s\s+(?:[a-z]+-)?(?:most|least|[a-z]+est)\b")
COMPOUND = re.compile(r"-([a-z]+)\b")  # "65,000-capacity", "a 10-day strike"
PART = re.compile(r"\s+(?:of|out\s+of)\s+(?:the\s+|all\s+)?\d")  # "58 of the 120 seats"
WHOLE = re.compile(r"\d[\d,.]*\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?$")
# "at the previous election", "the last flood": an earlier event of the kind, not this one.
EARLIER = re.compile(
    r"\b(?:previous|last|prior|preceding|earlier)\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(EVENT_WORDS))
    + r")\b"
)


# How the press gives a place's population without the word: "a country of 85 million people",
# "home to 211 million people", "Britain's 68.5 million people", "South Korea, with 52 million
# people", "Mexico had 129.7 million people".
PEOPLE = frozenset({"people", "residents", "inhabitants", "citizens"})
HOME_OF = re.compile(
    r"\b(?:country|nation|state|home|land|island|region|city)\s+(?:of|to)\s+(?:some\s+|about\s+|"
    r"around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$"
)
PLACE_HAS = re.compile(r"^(?:['\u2019]s\s+|,?\s+(?:with|has|had|of)\s+)$")


def _population(claim: Claim, ctx: Context, view: ArticleView) -> Slot | None:
    """The population metric, where the claim counts people of a place in one of the press's
    phrasings of a population."""
    if not claim.kind.counts or claim.category or (claim.subject or "").lower() not in PEOPLE:
        return None
    before = ctx.sentence[ctx.clause[0] : ctx.span[0]]
    if HOME_OF.search(before):
        return Slot("population", "phrase", ctx.offset + ctx.clause[0], claim.start)
    qualifier = len(claim.text) - len(claim.text.lstrip()) if claim.qualifier else 0
    for s, e, _ in view.places:
        gap = ctx.article[e : claim.start + qualifier]
        if ctx.offset <= s and e <= claim.start and PLACE_HAS.match(gap):
            return Slot("population", "phrase", s, claim.start)
    return None


def _metric(claim: Claim, ctx: Context, view: ArticleView) -> Slot | None:
    """The word joined to the figure ("65,000-capacity"), the category extraction found, a
    population said as the press says it, else the metric word nearest the claim in its
    clause."""
    compound = COMPOUND.match(ctx.sentence, ctx.span[1])
    if compound:
        at = ctx.offset + compound.start(1)
        return Slot(compound.group(1), "compound", at, at + len(compound.group(1)))
    if claim.category:
        return Slot(claim.category, "category")
    population = _population(claim, ctx, view)
    if population:
        return population
    best = None
    for metric, phrases in METRIC_PHRASES.items():
        found = _in(ctx, *ctx.clause, phrases)
        if found and (best is None or abs(found[1] - ctx.span[0]) < best[0]):
            best = (abs(found[1] - ctx.span[0]), metric, found)
    if best is None:
        return None
    _, metric, (word, at) = best
    return Slot(metric, "clause", ctx.offset + at, ctx.offset + at + len(word))


def _said(ctx: Context, found: tuple[str, int] | re.Match | None) -> Slot | None:
    """A flag slot for words found in the claim's sentence (`_in`'s pair or a match)."""
    if found is None:
        return None
    if isinstance(found, re.Match):
        return Slot(found.group().strip(), "clause", ctx.offset + found.start())
    return Slot(found[0], "clause", ctx.offset + found[1], ctx.offset + found[1] + len(found[0]))


def frame_of(claim: Claim, ctx: Context, dates: list[Claim], view: ArticleView) -> Frame:
    """The claim's frame (`dates`: the article's date claims)."""
    counted_text = claim.subject or claim.unit
    counted = head(counted_text) if claim.kind.counts else None
    clause = ctx.clause
    return Frame(
        kind=claim.kind,
        counted=Slot(counted, "subject", claim.end) if counted else None,
        metric=_metric(claim, ctx, view) if not claim.is_date else None,
        place=_place(claim, ctx, view),
        period=_period(claim, ctx, dates, view) if not claim.is_date else None,
        forecast=_said(ctx, _in(ctx, *clause, _PHRASES["forecast"])),
        whole=_said(ctx, WHOLE.search(ctx.sentence, clause[0], ctx.span[0])),
        part=_said(ctx, PART.match(ctx.sentence, ctx.span[1])),
        per_capita=_said(ctx, _in(ctx, *clause, _PHRASES["per_capita"])),
        earlier=_said(ctx, EARLIER.search(ctx.sentence, *clause)),
    )
