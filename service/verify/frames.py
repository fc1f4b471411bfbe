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

import pycountry

from ..model import Claim, Frame, Kind, Slot
from ..vocabulary.lexicon import MONTHS, PHRASE_STOPS, WEEKDAYS
from ..vocabulary.places import find_places, known_place, place_key
from ..vocabulary.text import normalize, significant_words, stems
from ..vocabulary.words import (
    COUNTED_GROUPS,
    EVENT_WORDS,
    FORECAST_WORDS,
    GENERIC_COUNTED,
    LEGISLATURES,
    METRIC_WORDS,
    NATIONAL_WORDS,
    NOT_PLACE_WORDS,
    PER_CAPITA_WORDS,
    RATE_METRICS,
    SUB_ANNUAL_WORDS,
    SUPERLATIVES,
    THING_GROUPS,
    YEAR_BEFORE_WORDS,
)
from .context import RELATIVE, Context, tokens

COUNTED_STEMS = frozenset().union(*map(stems, COUNTED_GROUPS))
GENERIC_STEMS = stems(GENERIC_COUNTED)
GROUP_OF = {
    stem: i for i, group in enumerate(COUNTED_GROUPS + THING_GROUPS) for stem in stems(group)
}
_PHRASES = {
    "forecast": tuple(tuple(w.split()) for w in FORECAST_WORDS),
    # a month's name alone ("January alone brought six homicides") is part of a year too
    "sub_annual": tuple(tuple(normalize(w).split()) for w in SUB_ANNUAL_WORDS)
    + tuple((m,) for m in MONTHS if len(m) > 3 and m not in ("may", "sept")),
    "year_before": tuple(tuple(normalize(w).split()) for w in YEAR_BEFORE_WORDS),
    "per_capita": tuple(tuple(normalize(w).split()) for w in PER_CAPITA_WORDS),
    "national": tuple(tuple(normalize(w).split()) for w in NATIONAL_WORDS),
    "that_year": (("that", "year"), ("the", "same", "year"), ("that", "same", "year")),
}
METRIC_PHRASES = {
    metric: tuple(tuple(normalize(w).split()) for w in words if normalize(w))
    for metric, words in METRIC_WORDS.items()
}


def head(text: str | None) -> str | None:
    """The stem of a noun phrase's last significant word: 'Pakistani soldiers' -> 'soldier'
    ('spectators per match' -> 'spectator': what is counted, not what it is counted per)."""
    words = significant_words(normalize(PER.sub("", text or "")))
    if not words or words[-1] in METRIC_ONLY:  # "nearly 7,000 damaged": what happened, not who
        return None
    stem = next(iter(stems(words[-1])), None)
    return None if stem in GENERIC_STEMS else stem


METRIC_ONLY = frozenset(
    w for words in METRIC_WORDS.values() for w in words if " " not in w and w.endswith("ed")
)
PER = re.compile(r"\s+(?:per|a|an|each)\s+\w+.*$", re.IGNORECASE)


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
    ranked: frozenset[int] = frozenset()  # the starts of places ranked against
    datelines: frozenset[int] = frozenset()  # ... and of datelines ("VELMSTAD, Calvaria —")
    country: str = "the country"  # the main place's country ("Brennick, Vestria": Vestria)
    unknown: frozenset[int] = frozenset()  # the starts of places only "in ..." says are places

    @classmethod
    def of(cls, text: str, title: str | None, published_at: date | None, extra=()) -> ArticleView:
        named = [m for m in find_places(text, extra) if not compound(text, *m[:2])]
        ranked = frozenset(s for s, e, _ in named if is_ranked(text, s, e))
        in_title = [
            key
            for s, e, key in find_places(title or "", extra)
            if not compound(title, s, e) and not is_ranked(title, s, e)
        ]
        located = _located(text, named)
        counts = Counter(key for s, _, key in named + located if s not in ranked)
        main = in_title[0] if in_title else (counts.most_common(1)[0][0] if counts else None)
        places = sorted(named + located)
        datelines = frozenset(s for s, _, _ in places if _dateline(text, s))
        return cls(
            tuple(places),
            main,
            published_at,
            ranked,
            datelines,
            _country(main, extra),
            frozenset(s for s, _, _ in located),
        )


# "the world's most populous country", "Europe's largest economy": a ranking among the
# place's members, not a figure of the place itself; so is "the largest economy in West
# Africa", "one of the youngest in the world", "the second most populous nation after
# Indonesia".
RANKED = re.compile(r"['\u2019]s\s+(?:[a-z]+-)?(?:most|least|[a-z]+est)\b")
RANKED_BEFORE = re.compile(
    r"\b(?:most|least|" + "|".join(sorted(SUPERLATIVES)) + r")(?:[\s-]+[a-z-]+){0,2}?"
    r"\s+(?:in|of|among|after|across)\s+(?:the\s+)?(?:[a-z-]+\s+)?$"
)


DATELINE = re.compile(
    r"[A-Z][A-Z .'-]*(?:,\s+[A-Z][\w .'-]*)?\s*(?:\u2014|\u2013|-|\(|,\s+[A-Z][a-z]{2,4}\.?\s+\d)"
)


def _dateline(text: str, start: int) -> bool:
    """Whether a place opens a line as its dateline ("VELMSTAD, Calvaria —", "DAKAR, June 21
    (...) -"): where the reporter files from, not what a figure is about."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip() and bool(DATELINE.match(text, start))


def _country(main: str | None, extra) -> str:
    """The country a place lies in, as the references name places ("Brennick, Vestria"); a
    country is its own. Unknown: a key no fact's place has ("the country")."""
    if main is None:
        return "the country"
    if known_place(main) and len(main) == 3 and pycountry.countries.get(alpha_3=main):
        return main
    for name in extra:
        parts = [p.strip() for p in name.split(",")]
        if len(parts) > 1 and main in (place_key(parts[0]), place_key(name)):
            return place_key(parts[-1])
    return "the country"


def is_ranked(text: str, start: int, end: int) -> bool:
    """Whether a place mention is one others are ranked against, or within."""
    before, after = text[max(0, start - 60) : start].lower(), text[end : end + 40].lower()
    return bool(RANKED.match(after) or RANKED_BEFORE.search(before))


COMPOUND_AFTER, COMPOUND_BEFORE = re.compile(r"-[a-z]"), re.compile(r"[a-z]-$")


def compound(text: str, start: int, end: int) -> bool:
    """Whether a place mention is part of a compound adjective ("French-speaking", "US-led",
    "pro-Russian"): it does not say where a figure is."""
    return bool(
        COMPOUND_AFTER.match(text[end : end + 2].lower())
        or COMPOUND_BEFORE.search(text[max(0, start - 2) : start].lower())
    )


# "In neighbouring Harlow, ...", "In Casablanca, home to ...", "about 9 million people live
# in Tehran", "In the smaller town of Orsk", "Neighbouring Ostrel county has reported": a
# place, even one the gazetteer does not know.
LOCATED = re.compile(
    r"(?<![\w-])(?:[Ii]n\s+(?:neighbouring\s+|neighboring\s+|nearby\s+|the\s+(?:[a-z]+\s+)?"
    r"(?:capital|city|town|village|port|district|province)(?:\s+of|,)?\s+)?"
    r"|(?P<beside>[Nn]eighbouring\s+|[Nn]eighboring\s+|[Nn]earby\s+))"
    r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})(?![\w'\u2019])(?:\s+([a-z]+))?"
)
REGION_NOUNS = frozenset("county province district region state municipality".split())


def _located(text: str, known: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Places named after "in" that the gazetteer does not know, keyed by their name: not a
    month or a day, an event, an elected body, an acronym, nor a name qualifying a noun after
    it ("in Sunday's vote", "in Gallow Ridge mine blast", "in Aldmark province")."""
    found = []
    covered = [(s, e) for s, e, _ in known]
    for match in LOCATED.finditer(text):
        s, e = match.span(2)
        words = normalize(match.group(2)).split()
        following = match.group(3)
        if match.group("beside") and following in REGION_NOUNS:
            following = None  # "Neighbouring Ostrel county": the county is the place
        if (
            any(a < e and s < b for a, b in covered)
            or not words
            or match.group(2).isupper()
            or (following is not None and following not in PHRASE_STOPS)
            or words[0] in MONTHS
            or words[0] in WEEKDAYS
            or set(words) & (EVENT_WORDS | LEGISLATURES | NOT_PLACE_WORDS)
        ):
            continue
        found.append((s, e, " ".join(words)))
    return found


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
    owner = _owner(ctx, view)
    if owner is not None:
        return owner
    national = _in(ctx, ctx.window[0], ctx.clause[1], _PHRASES["national"])  # its own stretch
    others = [(start + a, start + b) for a, b in ctx.figures if start + a != claim.start]
    for origin, (lo, hi) in stretches:
        if national and origin == "sentence":  # "the national average of 5.1", "Nationally, ..."
            at = start + national[1]
            return Slot(view.country, "national", at, at + len(national[0]))
        near = [
            (abs(s - claim.start), s, e, key)
            for s, e, key in view.places
            if lo <= s < hi
            and not (claim.start <= s < claim.end)
            and (s not in view.ranked or _heads(ctx.article, e, clause[0]))
            and not _taken(ctx.article, s, others)
            and not FROM_PLACE.search(ctx.article, max(0, s - 80), s)
            and s not in view.datelines
        ]
        if near:
            _, s, e, key = min(near)
            return Slot(key, origin, s, e)
    earlier = _opening_place(ctx.article, start, view)
    if earlier is not None:
        # "Its GDP came to ...": the place the text before opened on, the sentence's own place
        # when it opens on a pronoun; else the place the text last spoke of, the article's
        # rather than its title's ("Inflation stayed at 2.4%", in a round-up of countries).
        origin = "previous" if ctx.previous_at >= 0 else "before"
        return Slot(earlier[2], origin, earlier[0], earlier[1])
    return Slot(view.main_place, "article") if view.main_place else None


# "the population of Oslo passed 709,000": the place a measure is of, even one the gazetteer
# does not know.
MEASURE_OF = re.compile(
    r"\b(?i:population|economy|inflation|gdp|output|unemployment|turnout)\s+(?i:of)\s+"
    r"(?:the\s+)?([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})"
)


def _owner(ctx: Context, view: ArticleView) -> Slot | None:
    """The place the measure in the claim's clause is said to be of, before the claim."""
    found = [*MEASURE_OF.finditer(ctx.original, ctx.clause[0], ctx.span[0])][-1:]
    if not found:
        return None
    s, e = (ctx.offset + at for at in found[0].span(1))
    key = next((k for a, b, k in view.places if a <= s < b), None)
    return Slot(key or normalize(found[0].group(1)), "clause", s, e)


def _opening_place(text: str, before: int, view: ArticleView) -> tuple[int, int, str] | None:
    """The first place of the nearest sentence before `before` that names one (not ranked
    against, not where something came from), of those the gazetteer or the references know:
    a town only "in" names ("most of them in the old town of Aveline") may lie in the place
    the facts are about, or not, so it says nothing of a later sentence's figures."""
    named = [
        m
        for m in view.places
        if m[0] < before
        and m[0] not in view.ranked
        and m[0] not in view.unknown
        and not FROM_PLACE.search(text, max(0, m[0] - 80), m[0])
    ]
    while named:
        last = named[-1][0]
        cut = max(text.rfind(". ", 0, last), text.rfind("\n", 0, last))  # its sentence's start
        first = next(m for m in named if m[0] > cut)
        lead_in = len(DATELINE_END.split(text[cut + 1 : first[0]])[-1].split())
        if lead_in <= SUBJECT_REACH or first[2] == view.main_place:
            return first
        # a place deep in its sentence ("Remittances from Uzbeks working in Russia reached
        # ...") is no subject "The country" goes back to: a sentence before may have one
        named = [m for m in named if m[0] <= cut]
    return None


DATELINE_END = re.compile(r"\s[-\u2014\u2013]\s")
SUBJECT_REACH = 3  # words into a sentence its subject's place may stand ("In neighbouring Peru")


# "travellers returning from Amarri", "imports from China": where from, not where.
FROM_PLACE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:[a-z'-]+(?:\s+[a-z'-]+){0,2},\s+){0,4}(?:[a-z'-]+(?:\s+[a-z'-]+){0,2}"
    r",?\s+(?:and|or)\s+)?$"
)  # ... or a list after it ("immigration from Venezuela, Haiti and Colombia")
PLACE_OF = re.compile(r"\s*(?:in|for|of|at)\s+(?:the\s+)?$")


def _taken(text: str, at: int, figures: list[tuple[int, int]]) -> bool:
    """Whether a place follows another figure of the sentence, so is that figure's ("2.8% in
    the Czech Republic and 2.7% in Slovakia": the Czech Republic is not the 2.7%'s)."""
    return any(0 <= at - end < 24 and PLACE_OF.match(text[end:at]) for _, end in figures)


def _heads(text: str, end: int, clause_start: int) -> bool:
    """Whether a place ends right before the claim's clause begins and the clause is a
    relative one about it ("... after Indonesia, whose population reached 275 million"), not
    the sentence's own predicate ("Argentina, the region's largest economy after Brazil, had
    output of $631 billion"; "the fastest rates in the world, as the central bank ...")."""
    return (
        end <= clause_start
        and not text[end:clause_start].strip(" ,")
        and bool(RELATIVE.match(text, end))
    )


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
    after = text[claim.end : claim.end + 24]
    if any(after.startswith(" " + " ".join(p)) for p in _PHRASES["year_before"]):
        # "$362 billion in 2020 from $377 billion a year earlier": the year before the date
        # the sentence gives before the figure
        before = [d for d in usable if start <= d.end <= claim.start]
        # a year the sentence gives rather than the day it was said on ("... in 2024, the
        # operator said on Tuesday, up from 13.1 million the year before")
        before = [d for d in before if len(str(d.value)) == 4] or before
        if before:
            year = int(str(before[-1].value)[:4]) - 1
            return Slot(str(year), "year before", claim.end, claim.end + len(after))
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
    same = _in(ctx, *ctx.clause, _PHRASES["that_year"])
    if same:  # "About 90,000 people were displaced that year": the year the text gave last
        years = [d for d in usable if d.end <= claim.start and len(str(d.value)) >= 4]
        if years:
            at = start + same[1]
            return Slot(str(years[-1].value)[:4], "that year", at, at + len(same[0]))
    since = CHANGED_FROM.search(text, max(start, claim.start - 12), claim.start)
    if since:  # "fell to 5,412 from 6,020": an earlier level, of a period the text does not give
        return Slot("earlier", "from", since.start(), claim.start)
    lead = ctx.lead and _following(start + ctx.lead[1], usable, text)
    if lead:  # "German prices rose 5.9% in 2023, Italian prices 5.6%": 2023 for both
        return Slot(str(lead.value), "lead", lead.start, lead.end)
    opening = _opening_period(claim, ctx, usable)
    if opening:
        return opening
    if view.published_at:
        return Slot(view.published_at.isoformat(), "article")
    return None


def _opening_period(claim: Claim, ctx: Context, dates: list[Claim]) -> Slot | None:
    """The year the sentence's first figure is of, for a figure of a clause joined on to it
    with no date of its own: "Colombia's economy was worth $345 billion last year, ..., but
    consumer prices rose 10.2%"; "had an economy worth $49.3 billion last year, and inflation
    slowed to 5.4% from 7.2% in 2022" (2022 is the 7.2%'s)."""
    for first in sorted(f for f in ctx.figures if ctx.offset + f[1] <= claim.start):
        own = _following(ctx.offset + first[1], dates, ctx.article)
        if own is not None:
            joined = COORDINATED_CLAUSE.search(ctx.sentence, first[1], ctx.span[0])
            if len(str(own.value)) != 4 or joined is None:
                return None
            return Slot(str(own.value), "opening", own.start, own.end)
    return None


COORDINATED_CLAUSE = re.compile(r",?\s+(?:and|but|while|whereas)\s+(?!the\s+year)")


def _following(end: int, dates: list[Claim], text: str) -> Claim | None:
    """The date that follows a figure ending at `end` ("$363 billion in 2023"; "a record of
    64,732, set in 1998")."""
    for d in dates:
        gap = text[end : d.start]
        if end <= d.start < end + 28 and (
            (len(gap) < 16 and OWNED.match(gap)) or SET_IN.match(gap)
        ):
            return d
    return None


SET_IN = re.compile(
    r",?\s*(?:set|recorded|reached|registered|achieved|established|counted|taken)\s+"
    r"(?:in|on)\s*$"
)


CHANGED_FROM = re.compile(r"\bfrom\s+$")  # the level a change started from
OTHER_FIGURE = re.compile(r"[\d%](?:\s*(?:bn|m|billion|million|trillion|per\s*cent|percent))?$")


def _owned(date: Claim, ctx: Context) -> bool:
    """Whether a date follows another figure of the sentence ("... 8% in 2022")."""
    before = ctx.article[max(ctx.offset, date.start - 24) : date.start]
    lead = before[: len(before) - len(OWNED.search(before).group())]
    return bool(OTHER_FIGURE.search(lead.rstrip())) and date.start - len(before) + len(lead) > 0


COMPOUND = re.compile(r"-([a-z]+)\b")  # "65,000-capacity", "a 10-day strike"
# "Together the two fires have burned about 17,000 hectares": a whole of several events,
# no one event's figure.
SEVERAL = re.compile(
    r"\b(?:two|three|four|five|both|all\s+(?:the\s+)?(?:two|three|four))\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(w + "s" for w in EVENT_WORDS if not w.endswith("s")))
    + r")\b"
)


# "This year landslides have killed 31 people across the province": events of a kind, in
# the plural with no article, as the figure's subject (an event's own plural name, "the
# floods", "the attacks", is one event).
PLURAL_EVENTS = re.compile(
    r"(?<![\w'\u2019])(?:"
    + "|".join(sorted(w + "s" for w in EVENT_WORDS if not w.endswith("s")))
    + r")\s+(?:have|has|had)\b"
)
DETERMINERS = frozenset("the these those its their both all two three four five".split())


def _several(ctx: Context) -> re.Match | None:
    """Several events said together in the figure's own predicate ("the two fires have
    burned", not "Two wildfires rage ... as Corran blaze passes 14,000"), or events of a
    kind in the plural ("landslides have killed 31")."""
    for found in PLURAL_EVENTS.finditer(ctx.sentence, ctx.clause[0], ctx.span[0]):
        before = ctx.sentence[: found.start()].split()[-1:]
        if not (before and (before[0] in DETERMINERS or before[0].endswith("'s"))):
            return found
    for found in SEVERAL.finditer(ctx.sentence, *ctx.clause):
        lo, hi = sorted(
            (found.end(), ctx.span[0])
            if found.end() <= ctx.span[0]
            else (ctx.span[1], found.start())
        )
        if not NEXT_PREDICATE.search(ctx.sentence, lo, hi):
            return found
    return None


PART = re.compile(r"\s+(?:of|out\s+of)\s+(?:the\s+|all\s+)?\d")  # "58 of the 120 seats"
WHOLE = re.compile(r"\d[\d,.]*\s+(?:of|out\s+of)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?$")
# "at the previous election", "the last flood": an earlier event of the kind, not this one.
# So is "the outgoing assembly": the legislature elected before this election.
EARLIER = re.compile(
    r"\b(?:(?:previous|last|prior|preceding|earlier)\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(EVENT_WORDS))
    + r")|(?:outgoing|previous|last|departing)\s+(?:"
    + "|".join(sorted(LEGISLATURES))
    + r"))\b"
)


# How the press gives a place's population without the word: "a country of 85 million people",
# "home to 211 million people", "Britain's 68.5 million people", "South Korea, with 52 million
# people", "Mexico had 129.7 million people".
PEOPLE = frozenset({"people", "residents", "inhabitants", "citizens"})
HOME_OF = re.compile(
    r"\b(country|nation|state|home|land|island|region|city|town|village|district|province|"
    r"county|municipality|capital)\s+(?:of|to)\s+(?:some\s+|about\s+|"
    r"around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$"
)
HAS = re.compile(r"\b(?:has|had|have)\b")  # "Germany had 3.97 million people out of work"
# "The country has 85.3 million people", "the nation's 10.4 million residents", "Its 22
# million people": the people of the country the text speaks of.
COUNTRY_HAS = re.compile(
    r"(?:^|\b)(?:the\s+(?:country|nation)(?:['\u2019]s|\s+(?:has|had|now\s+has))|its)\s+"
    r"(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$"
)
# A population phrase of these is a town's or a province's, never a country's.
SUB_NATIONAL = frozenset(
    "city town village district province county municipality capital region".split()
)
NAME = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*")
NOT_NAMES = frozenset(
    "the a an that this these those it its their they he she we in on at for of by some "
    "officials".split()
)
PLACE_HAS = re.compile(r"^(?:['\u2019]s\s+|,?\s+(?:with|has|had|of)\s+)$")


def _population(claim: Claim, ctx: Context, view: ArticleView) -> Slot | None:
    """The population metric, where the claim counts people of a place in one of the press's
    phrasings of a population."""
    if not claim.kind.counts or claim.category:
        return None
    before = ctx.sentence[ctx.clause[0] : ctx.span[0]]
    people = (claim.subject or "").lower() in PEOPLE
    home = HOME_OF.search(before)
    if home and (people or not claim.subject):  # "a city of 310,000"
        return Slot("population", "phrase", ctx.offset + ctx.clause[0] + home.start(), claim.start)
    if not people:
        return None
    said = COUNTRY_HAS.search(before)
    if said:  # "The country has 85.3 million people", "Its 22 million people"
        at = ctx.offset + ctx.clause[0] + said.start()
        return Slot("population", "phrase", at, claim.start)
    qualifier = len(claim.text) - len(claim.text.lstrip()) if claim.qualifier else 0
    for s, e, _ in view.places:
        gap = ctx.article[e : claim.start + qualifier]
        if ctx.offset <= s and e <= claim.start and PLACE_HAS.match(gap):
            return Slot("population", "phrase", s, claim.start)
    return None


def _population_place(ctx: Context, metric: Slot, view: ArticleView) -> Slot | None:
    """The place a population phrase is attached to: "Brennick, a city of 310,000", "Metro
    Manila alone is home to about 13.5 million", "In Casablanca, home to ...". A name the
    gazetteer does not know is a place of its own; a town's phrase ("a city of 15 million")
    with no name before it is no country's population."""
    home = HOME_OF.search(ctx.article[metric.start : metric.end])
    if home is None:
        return None
    lo, hi = ctx.offset, metric.start
    known = [(s, e, key) for s, e, key in view.places if lo <= s and e <= hi]
    text = ctx.original[: hi - lo] if ctx.original else ""
    names = [m for m in NAME.finditer(text) if m.group().split()[0].lower() not in NOT_NAMES]
    if names and (not known or lo + names[-1].start() >= known[-1][1]):
        # a name nearer the phrase than any place the gazetteer knows: "Peru's population
        # ..., and the unemployment rate in metropolitan Lima, home to about 10 million"
        name = names[-1]
        return Slot(normalize(name.group()), "phrase", lo + name.start(), lo + name.end())
    if known:
        s, e, key = known[-1]
        return Slot(key, "phrase", s, e)
    if home.group(1) in SUB_NATIONAL:
        return Slot(home.group(1), "phrase", metric.start, metric.end)
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
    lo, hi = ctx.clause
    after = NEXT_PREDICATE.search(ctx.sentence, ctx.span[1], hi)  # "... as ... steady growth"
    hi = after.start() if after else hi
    for metric, phrases in METRIC_PHRASES.items():
        if claim.kind is Kind.MONEY and metric in RATE_METRICS:
            continue  # a sum of money is no rate ("$407 billion ... offset steady growth")
        found = _in(ctx, lo, hi, phrases)
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


# Words after a figure that begin another predicate: a forecast word past them is not the
# figure's ("won 10 seats and will be courted", "grew to 32.2 million as ... projects").
NEXT_PREDICATE = re.compile(r"\b(?:and|but|as|while|which|who|where|when|because|though)\b")


def _forecast(
    claim: Claim, ctx: Context, period: Slot | None, view: ArticleView, metric: Slot | None
) -> Slot | None:
    """A forecast, target or plan: a forecast word in the figure's clause (after the figure,
    only before another predicate begins), or a period after the article's own year in the
    figure's clause ("5,000 by 2027"). Not the figure's own noun ("27 league goals"), a plan
    a noun phrase names after the figure ("marched against the runway plan"), nor what the
    place a population phrase describes plans ("The country of 14 million people plans ...")."""
    lo, hi = ctx.clause
    after = NEXT_PREDICATE.search(ctx.sentence, ctx.span[1], hi)
    if metric is not None and metric.origin == "phrase":
        hi = ctx.span[0]  # a place's population said to describe it: its plans are its own
    own = ctx.span[1] + (len(claim.subject) + 2 if claim.subject else 0)  # its counted noun
    for phrase in _PHRASES["forecast"]:
        for at in tokens(ctx.sentence).find(phrase):
            if not (lo <= at < (after.start() if after else hi) and at < hi):
                continue
            if ctx.span[0] <= at < own or (at >= own and _named_plan(ctx.sentence, at, phrase)):
                continue
            return Slot(
                " ".join(phrase), "clause", ctx.offset + at, ctx.offset + at + len(phrase[0])
            )
    if period is not None and period.origin == "clause" and view.published_at:
        year = period.value[:4]
        if year.isdigit() and int(year) > view.published_at.year:
            return Slot(period.value, "future", period.start, period.end)
    return None


PLAN_NOUNS = frozenset({"plan", "plans", "target", "targets", "goal", "outlook", "projection"})


def _named_plan(sentence: str, at: int, phrase: tuple[str, ...]) -> bool:
    """Whether a plan noun after the figure is a noun phrase's head ("the runway plan"), not
    a verb or a noun that governs a figure ("plans to", "a target of")."""
    if phrase[0] not in PLAN_NOUNS:
        return False
    rest = sentence[at + len(phrase[0]) :].lstrip()
    return not rest.startswith(("to ", "of ", "for "))


def frame_of(claim: Claim, ctx: Context, dates: list[Claim], view: ArticleView) -> Frame:
    """The claim's frame (`dates`: the article's date claims)."""
    counted_text = claim.subject or claim.unit
    counted = head(counted_text) if claim.kind.counts else None
    origin = "subject"
    if counted is None and ctx.counted_before:  # "..., up from 13.1 million": passengers too
        counted, origin = head(ctx.counted_before), "change"
    clause = ctx.clause
    period = _period(claim, ctx, dates, view) if not claim.is_date else None
    metric = _metric(claim, ctx, view) if not claim.is_date else None
    place = _place(claim, ctx, view)
    if (
        metric is not None
        and metric.origin == "phrase"
        and period is not None
        and period.start is not None
        and period.start >= claim.end
        and period.value[:4].isdigit()
        and not _following(claim.end, [d for d in dates if d.start == period.start], ctx.article)
        and not HAS.search(ctx.article, metric.start, claim.start)
        and view.published_at
    ):  # "The country of 35.1 million people ... hopes to join by 2026": the verb's date
        period = Slot(view.published_at.isoformat(), "article")
    if metric is not None and metric.origin == "phrase" and metric.start >= ctx.offset:
        phrase_place = _population_place(ctx, metric, view)
        if phrase_place is not None and not (
            phrase_place.value in SUB_NATIONAL and place and not place.value.isupper()
        ):
            place = phrase_place
    return Frame(
        kind=claim.kind,
        counted=Slot(counted, origin, claim.end) if counted else None,
        metric=metric,
        place=place,
        period=period,
        forecast=_forecast(claim, ctx, period, view, metric),
        whole=_said(ctx, WHOLE.search(ctx.sentence, clause[0], ctx.span[0]) or _several(ctx)),
        part=_said(ctx, PART.match(ctx.sentence, ctx.span[1])),
        per_capita=_said(ctx, _in(ctx, *clause, _PHRASES["per_capita"])),
        earlier=_said(ctx, EARLIER.search(ctx.sentence, *clause)),
    )
