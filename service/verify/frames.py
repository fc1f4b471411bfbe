"""Claim frames: what each claim is about, slot by slot, read from its text and the article.

A frame holds the counted thing (the head noun: soldiers, homes), the metric (the category
extraction found, or a metric word near the claim), the place (in the claim's clause, its
sentence, or the article's main place), the period (a date in its clause, a part of a year,
or the article's own time), the event it names and whether it is a forecast. Each slot keeps
where it came from, so an explanation can say which slot found nothing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from ..claims.categories import qualifies_place
from ..model import Claim, Frame, Kind, Slot, split_year_at, split_year_end
from ..vocabulary.changes import (
    BASE_CHANGE_WORDS,
    COMPARATIVE_WORDS,
    DECREASE_WORDS,
    FALL_AFTER_WORDS,
    INCREASE_WORDS,
    RISE_AFTER_WORDS,
)
from ..vocabulary.lexicon import (
    MONTHS,
    PLACE_ADVERBS,
    PLURALS_WITHOUT_S,
    SMALL_NUMBER_WORDS,
    WEEKDAYS,
)
from ..vocabulary.text import normalize, significant_words, stems
from ..vocabulary.words import (
    CARE_FOLLOWERS,
    CONDITIONAL_WORDS,
    COUNTED_GROUPS,
    DONE_VERBS,
    DURATION_WORDS,
    ECONOMIES,
    EVENT_WORDS,
    FIRST_STAGE_WORDS,
    FORECAST_WORDS,
    FUNCTION_WORDS,
    GENERIC_COUNTED,
    HOSPITAL_WORDS,
    LEGISLATURES,
    MEMBERS,
    METRIC_WORDS,
    PAST_PREDICATE_VERBS,
    PEOPLE_POSTMODIFIERS,
    PER_CAPITA_WORDS,
    PERIOD_WORDS,
    PLANNED_CARE,
    PREDICATE_VERBS,
    RATE_METRICS,
    SEASONS,
    SHARE_WORDS,
    SUB_ANNUAL_WORDS,
    THING_GROUPS,
    YEAR_BEFORE_WORDS,
)
from .compare import negated
from .context import STARTED_FROM, Context, phrase_in, previous_sentence, tokens
from .placing import ArticleView, place_of

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
    while words and _verb_like(words[-1]) and (len(words) > 1 or words[-1].endswith("ing")):
        words = words[:-1]  # "patients brought (by ambulance)", "residents depend heavily"
        # the patients, the residents; "nearly 33,000 starting": no noun at all
    known = [w for w in words if stems(w) & GROUP_OF.keys() and _plural(w)]
    if known and not stems(words[-1]) & GROUP_OF.keys():
        words = words[: words.index(known[-1]) + 1]  # "pupils sat the exam": the pupils;
        # "The country of 14 million people plans": a verb
    plural = [i for i, w in enumerate(words) if _plural(w)]
    if plural and not _plural(words[-1]):
        words = words[: plural[-1] + 1]  # "hospitals ran", "kettles sold in Carradine": a
        # plural ends its phrase, what follows it says what it did or where it is
    if len(words) > 1 and words[-1] in MEMBERS and stems(words[-2]) & GROUP_OF.keys():
        words = words[:-1]  # "21 crew members": the crew
    if not words or words[-1] in METRIC_ONLY:  # "nearly 7,000 damaged": what happened, not who
        return None
    stem = next(iter(stems(words[-1])), None)
    return None if stem in GENERIC_STEMS else stem


def _plural(word: str) -> bool:
    """Whether a counted word is a plural ("pupils", "children"), so ends its phrase when a
    verb follows it ("pupils sat"), unlike a noun qualifying another ("patient records")."""
    return (
        word.endswith("s") and not word.endswith(("ss", "us", "is"))
    ) or word in PLURALS_WITHOUT_S


def _verb_like(word: str) -> bool:
    """A word that ends no counted noun phrase: a verb of a figure, an adverb (of manner or
    of place: "overboard"), an -ing form."""
    return (
        (word in PREDICATE_VERBS and not word.endswith("s"))
        or word in PLACE_ADVERBS
        or (word.endswith("ly") and len(word) > 4)
        or (word.endswith("ing") and len(word) > 5)
    )


METRIC_ONLY = frozenset(
    w for words in METRIC_WORDS.values() for w in words if " " not in w and w.endswith("ed")
)
PER = re.compile(r"\s+(?:per|a|an|each)\s+\w+.*$", re.IGNORECASE)


def counted_groups(found: frozenset[str]) -> set[int]:
    """The counted groups (soldiers, civilians ...) of a set of stems, generic words aside."""
    return {GROUP_OF[s] for s in found if s in GROUP_OF and s not in GENERIC_STEMS}


def _sub_annual(ctx: Context) -> tuple[str, int] | None:
    """A word of part of a year in the claim's clause ("in the third quarter"), not a length
    of time a figure measures ("lasted six weeks", "waiting more than 52 weeks")."""
    words = tokens(ctx.sentence)
    lo, hi = ctx.clause
    for phrase in _PHRASES["sub_annual"]:
        for at in words.find(phrase):
            if lo <= at < hi and not ctx.span[0] <= at < ctx.span[1]:
                if not any(0 <= at - end <= 1 for _, end in (*ctx.figures, ctx.span)):
                    if not DURATION.search(ctx.sentence, max(0, at - 40), at):
                        return " ".join(phrase), at
    return None


# "took a month to put out", "lasted six weeks", "for nine months": a length of time.
DURATION = re.compile(
    rf"\b(?:{'|'.join(DURATION_WORDS)})\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?"
    rf"(?:a|an|one|several|a\s+few|{'|'.join(SMALL_NUMBER_WORDS)}|\d+)\s+$"
)


YEAR_TO = re.compile(r"\b(?:year|12\s+months)\s+to\s+$", re.IGNORECASE)  # "in the year to March"
OWNED = re.compile(
    r"\s*(?:in|for|during|over|of|by|at the end of|by the end of"
    r"|at the (?:start|beginning) of)?\s*$"
)


# "68% at the start of June", "1,873 at the end of March": the month's first or last day,
# the day a level is read on.
MONTH_START = re.compile(r"\b(?:the\s+)?(?:start|beginning)\s+of\s+$")
MONTH_END = re.compile(r"\b(?:the\s+)?end\s+of\s+$")


def _as_period(date: Claim, text: str) -> Claim:
    """A year said as the first of a split year is the split year ("17 prosecutions in
    2024-25": a financial year, not 2024); a month said as its start is its first day."""
    value = str(date.value)
    if len(value) == 7 and value[5:].isdigit():
        if MONTH_START.search(text, max(0, date.start - 24), date.start):
            return replace(date, value=f"{value}-01")
        if MONTH_END.search(text, max(0, date.start - 24), date.start):
            return replace(date, value=_last_day(value))
    split = split_year_at(text, date.end, value) if len(value) == 4 else None
    return replace(date, value=split[0], end=split[1]) if split else date


def _last_day(month: str) -> str:
    """A month's last day ("2024-02": "2024-02-29")."""
    return f"{month}-{calendar.monthrange(int(month[:4]), int(month[5:7]))[1]:02d}"


def _year_before(period: str) -> str:
    """The year before a year, or the split year before a split year (2023-24 before
    2024-25)."""
    first = int(period[:4]) - 1
    return f"{first}-{(first + 1) % 100:02d}" if split_year_end(period) else str(first)


def _period(claim: Claim, ctx: Context, dates: list[Claim], view: ArticleView) -> Slot | None:
    """The period a figure is about: the date that follows it ("$363 billion in 2023"), else
    the date nearest it in its clause, else in its stretch of the sentence (up to the next
    figure: "8.7% over 2023, up from 7.9% in 2022" gives 2022 to the 7.9% only), a year before
    it if its clause says "the year before", a part of a year said in its clause, or the
    article's own time. A date that follows another figure is that figure's."""
    start, text = ctx.offset, ctx.article
    usable = [_as_period(d, text) for d in dates if d.value and str(d.value)[:4].isdigit()]
    base = _change_base(claim, text)
    if base:  # "up 3% on 2023": the year a change is counted from is not the change's; its
        # own is the year of a level said before it ("52,300 people gave blood in 2024, up
        # 3% on 2023"), never another change's base ("rose 10% on 2019 and 3% on 2023") nor a
        # year said of no figure ("After a record 2023, numbers rose 10% on 2019")
        usable = [d for d in usable if d.end <= claim.start and _of_a_level(d, ctx)]
    after_base = None if base else AFTER_FROM.search(text, start, claim.start)
    if after_base and claim.kind is Kind.PERCENT:  # "63 wildfires last year, up from 41 in
        # 2023, a rise of 50%": the change is of the level's period, not of its base's
        levels = [d for d in usable if start <= d.start and d.end <= after_base.start()]
        if levels:
            return Slot(str(levels[-1].value), "sentence", levels[-1].start, levels[-1].end)
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
        before = [
            d for d in before if len(str(d.value)) == 4 or split_year_end(str(d.value))
        ] or before
        if before:
            value = str(before[-1].value)
            if split_year_end(value):  # "in 2024-25, up from 17.3 million the year before"
                return Slot(_year_before(value), "year before", claim.end, claim.end + len(after))
            year = _year_before(value[:4])
            # "38,940 on March 31, up from 36,170 a year earlier": that day a year before (a
            # day said on, "on Tuesday", is not the figure's; a 29 February has none), and
            # "6,120 at the end of January, up from 4,870 a year earlier" that month
            said_on = before[-1].text.lower().startswith(WEEKDAYS)
            year_to = YEAR_TO.search(text, max(0, before[-1].start - 16), before[-1].start)
            if len(value) in (7, 10) and value[5:] != "02-29" and not said_on and not year_to:
                year += value[4:]
                if len(value) == 10 and value == _last_day(value[:7]):
                    year = _last_day(year[:7])  # the end of February a year before (a leap year's)
            return Slot(year, "year before", claim.end, claim.end + len(after))
    # "rose 8.5% in October from a year earlier to 118,460": the change's date is its new level's
    level = NEW_LEVEL.search(text, max(start, claim.start - 12), claim.start) is not None
    end = start + max(ctx.clause[1], ctx.window[1])
    compared = [  # "covers 7.9 square kilometres, more than in 2018"
        d for d in usable if d.start < end and _compared_with(claim, d, text)
    ]
    for origin, (lo, hi) in (("clause", ctx.clause), ("sentence", ctx.window)):
        near = [
            d
            for d in usable
            if start + lo <= d.start < start + hi
            and (not _owned(d, ctx) or (level and origin == "clause" and d.end <= claim.start))
            and d not in compared
            and not (origin == "sentence" and (_leads_another(d, ctx) or _since(claim, d, text)))
        ]
        if near:
            best = min(near, key=lambda d: abs(d.start - claim.start))
            value = str(best.value)
            if (
                origin == "sentence"
                and not base
                and phrase_in(ctx, *ctx.clause, _PHRASES["year_before"])
            ):
                year = _year_before(value if split_year_end(value) else value[:4])
                return Slot(year, "year before", best.start, best.end)
            if origin == "clause" or not _sub_annual(ctx):
                return Slot(value, origin, best.start, best.end)
    compared = [d for d in compared if d.start < start + ctx.window[1]]
    if compared:  # "19.6 million, more than in 2021": of a year the text does not say
        return Slot("earlier", "compared", compared[0].start, compared[0].end)
    sub = _sub_annual(ctx)
    if sub:
        at = start + sub[1]
        return Slot("part of a year", "clause", at, at + len(sub[0]))
    same = phrase_in(ctx, *ctx.clause, _PHRASES["that_year"])
    if same:  # "About 90,000 people were displaced that year": the year the text gave last
        years = [d for d in usable if d.end <= claim.start and len(str(d.value)) >= 4]
        if years:
            at = start + same[1]
            return Slot(str(years[-1].value)[:4], "that year", at, at + len(same[0]))
    since = CHANGED_FROM.search(text, max(start, claim.start - 12), claim.start)
    if since:  # "fell to 5,412 from 6,020": an earlier level, of a period the text does not give
        return Slot("earlier", "from", since.start(), claim.start)
    earlier = phrase_in(ctx, ctx.window[0], ctx.span[0], _PHRASES["year_before"])
    if earlier:  # "The year before, it gave out 51,900 parcels": a year the text does not give
        at = start + earlier[1]
        return Slot("earlier", "year before", at, at + len(earlier[0]))
    lead = ctx.lead and _following(start + ctx.lead[1], usable, text)
    if lead:  # "German prices rose 5.9% in 2023, Italian prices 5.6%": 2023 for both
        return Slot(str(lead.value), "lead", lead.start, lead.end)
    ahead = ctx.lead and [  # "In 2013, Ethiopia's GDP was $43.3 billion and Uganda's $28.9
        # billion": 2013 for both (a date said before the chain, after none of its figures)
        d
        for d in usable
        if start + ctx.lead[0] <= d.start and d.end <= start + ctx.lead[1] and not _owned(d, ctx)
    ]
    if ahead:
        said = max(ahead, key=lambda d: d.start)
        return Slot(str(said.value), "lead", said.start, said.end)
    opening = _opening_period(claim, ctx, usable)
    if opening:
        return opening
    last = LAST_SEASON.search(ctx.sentence, *ctx.clause)
    if last and view.published_at:  # "Last summer the board counted 2.51 million visitors"
        at = start + last.start()
        return Slot(str(view.published_at.year - 1), "clause", at, start + last.end())
    if view.published_at:
        return Slot(view.published_at.isoformat(), "article")
    return None


# "up 3% on 2023", "a fall of 9% on the year before": the period a change is counted from,
# after the change; the change itself is of the period after it (the article's, or the one
# its sentence gives: "41,250 people gave blood in 2024, a fall of 9% on the year before").
# The words between a change's figure and its base: "up 3% on", "9% down on", "a 9% fall on".
CHANGE_TO_BASE = (
    rf"(?:\s+(?:{'|'.join(BASE_CHANGE_WORDS)}))?"
    r"\s+(?:on|compared\s+(?:with|to))\s+"
)
# A percentage's base after a comparative: "9% lower than in 2023", "3% higher than 2023".
CHANGE_THAN_BASE = rf"\s+(?:{'|'.join(COMPARATIVE_WORDS)})\s+than\s+(?:in\s+|for\s+|during\s+)?"
BASE = (
    r"(?P<base>(?:the|a)\s+year\s+(?:before|earlier|ago)|the\s+(?:previous|prior|preceding)"
    r"\s+year|last\s+year|(?:19|20)\d\d(?:-\d\d)?)\b"
)
CHANGE_BASE = re.compile(CHANGE_TO_BASE + BASE)
PERCENT_BASE = re.compile(f"(?:{CHANGE_TO_BASE}|{CHANGE_THAN_BASE}){BASE}")


# A change said after the level it started from ("..., up from 41 in 2023, a rise of 50%").
AFTER_FROM = re.compile(
    rf"\b(?:{'|'.join(sorted(INCREASE_WORDS | DECREASE_WORDS))})\s+from\s+[^;:()]*?,\s+"
    r"(?:(?:an?\s+)?(?:rise|increase|fall|drop|decline|jump|growth)\s+of|or|up|down)\s+$"
)


# A date said as another change's base ("rose 10% on 2018 and 3% on 2019": 2018 is the 10%'s).
BASE_BEFORE = re.compile(rf"(?:[\d%]{CHANGE_TO_BASE}|%{CHANGE_THAN_BASE})$")


def _of_a_level(date: Claim, ctx: Context) -> bool:
    """Whether a date is said after a figure of its sentence and is no change's base."""
    if BASE_BEFORE.search(ctx.article, max(0, date.start - 24), date.start):
        return False
    return date.start >= ctx.offset and any(
        ctx.offset + end <= date.start for _, end in ctx.figures
    )


def _change_base(claim: Claim, text: str) -> tuple[int, int] | None:
    """Where the period a change is counted from is said, right after the change ("up 3% on
    2023", and for a percentage "9% lower than in 2023"; a count's "5,000 more than in 2023"
    is a difference, of no period of its own)."""
    base = PERCENT_BASE if claim.kind is Kind.PERCENT else CHANGE_BASE
    found = base.match(text, claim.end)
    return (found.start("base"), found.end("base")) if found else None


LAST_SEASON = re.compile(
    r"\b(?:last|the\s+previous|the\s+preceding)\s+(?:summer|winter|spring|autumn|fall|season)\b"
)


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
            (len(gap) < 24 and OWNED.match(gap)) or SET_IN.match(gap)
        ):
            return d
    return None


SET_IN = re.compile(
    r",?\s*(?:set|recorded|reached|registered|achieved|established|counted|taken)\s+"
    r"(?:in|on)\s*$"
)


# "covers 7.9 square kilometres, more than in 2018": the year after "than" is the one the
# figure is compared with, not its own.
COMPARED_YEAR = re.compile(r"\bthan\s+(?:in\s+|during\s+|for\s+)?$")
# "about 9% more than in January last year": a change, said of the period after the one it
# is compared with, which is how a change's reference is dated
CHANGE_ON = re.compile(r"\s*(?:more|less|fewer|higher|lower|up|down)\s+(?:than|on)\b")


LEADS = re.compile(r"[^,;:()\d]{0,30}$")  # a date's own clause up to the figure it leads


def _leads_another(date: Claim, ctx: Context) -> bool:
    """Whether a date after the figure opens the clause of a later one ("consumer prices rose
    8.8%, and in 2018 they rose 6.9%": 2018 is the 6.9%'s)."""
    at = date.end - ctx.offset
    return any(
        start >= at and LEADS.match(ctx.sentence[at:start]) is not None
        for start, _ in ctx.figures
        if start > ctx.span[1]
    )


SINCE = re.compile(r"\bsince\b[^,;:()\d]{0,40}$")
WHEN_THEN = re.compile(r"\s*,\s*(?:when|in which)\b")  # "since 2011, when 57 people died"


def _since(claim: Claim, date: Claim, text: str) -> bool:
    """Whether a date is what another clause counts from ("for the first time since the
    branch line closed in 1967, after volunteers finished restoring a 9.6 km stretch"), not
    the time a clause hung on it tells of ("the deadliest since 2011, when 57 people died")."""
    if SINCE.search(text, max(0, date.start - 48), date.start) is None:
        return False
    return not (date.end <= claim.start and WHEN_THEN.match(text, date.end))


def _compared_with(claim: Claim, date: Claim, text: str) -> bool:
    """Whether a date after a level is the one it is compared with ("7.9 square kilometres,
    more than in 2018"), not its own."""
    if date.start <= claim.end or not COMPARED_YEAR.search(text, date.start - 16, date.start):
        return False
    return not (claim.kind is Kind.PERCENT and CHANGE_ON.match(text, claim.end))


CHANGED_FROM = re.compile(r"\bfrom\s+$")  # the level a change started from
NEW_LEVEL = re.compile(r"\bto\s+$")  # the level it reached
OTHER_FIGURE = re.compile(r"[\d%](?:\s*(?:bn|m|billion|million|trillion|per\s*cent|percent))?$")


def _owned(date: Claim, ctx: Context) -> bool:
    """Whether a date follows another figure of the sentence ("... 8% in 2022")."""
    before = ctx.article[max(ctx.offset, date.start - 24) : date.start]
    lead = before[: len(before) - len(OWNED.search(before).group())]
    return bool(OTHER_FIGURE.search(lead.rstrip())) and date.start - len(before) + len(lead) > 0


COMPOUND = re.compile(r"-([a-z]+)\b")  # "65,000-capacity", "a 10-day strike"
# "passed by 38 votes to 21", "backed it 40 to 12": the figure after "to" is the side against.
VOTES_TO = re.compile(r"\b(?:by\s+)?\d[\d,]*\s+(?:votes?\s+)?to\s+$")
# "Together the two fires have burned about 17,000 hectares": a whole of several events,
# no one event's figure.
SEVERAL = re.compile(
    r"\b(?:two|three|four|five|both|all\s+(?:the\s+)?(?:two|three|four))\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(w + "s" for w in EVENT_WORDS if not w.endswith("s")))
    + r")\b"
)


# "Across the five acute hospitals in the Mid-Vale area, performance averaged around 72%": a
# figure of several things together, said in an opening phrase or in the figure's clause
# ("across its 238 stations, lifeboats launched 9,120 times" is its owner's own figure).
ACROSS_SEVERAL = re.compile(
    r"\b(?:across|among)\s+(?:all\s+)?(?:the\s+)?(?:"
    + "|".join(w for w in SMALL_NUMBER_WORDS if w not in ("zero", "one"))
    + r"|\d+)\s+(?:[a-z-]+\s+){0,2}?[a-z]+s\b"
)


def _across_several(ctx: Context) -> re.Match | None:
    """A figure said across several things ("across the five acute hospitals"), in the
    sentence's opening phrase or its own clause."""
    found = ACROSS_SEVERAL.match(ctx.sentence) or ACROSS_SEVERAL.search(
        ctx.sentence, ctx.clause[0], ctx.span[0]
    )
    return None if found is None or found.end() > ctx.span[0] else found


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
# "26 of those arrested", "132 of the total", "12 of them": a share of a count said before.
SUBSET = re.compile(r"\s+(?:of|among)\s+(?:those|them|whom|these|the\s+total)\b")
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
ROUGHLY = r"(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?"
HOME_OF = re.compile(
    r"\b(country|nation|state|home|land|island|region|city|town|village|district|province|"
    r"county|municipality|capital)\s+(?:of|to)\s+" + ROUGHLY + "$"
)
HAS = re.compile(r"\b(?:has|had|have)\b")  # "Germany had 3.97 million people out of work"
# "The country has 85.3 million people", "the nation's 10.4 million residents", "Its 22
# million people": the people of the country the text speaks of.
COUNTRY_HAS = re.compile(
    r"(?:^|\b)(?:the\s+(?:country|nation)(?:['\u2019]s|\s+(?:has|had|now\s+has))|its)\s+"
    + ROUGHLY
    + "$"
)
# A population phrase of these is a town's or a province's, never a country's.
SUB_NATIONAL = frozenset(
    "city town village district province county municipality capital region".split()
)
NAME = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*")
NOT_NAMES = (
    frozenset(
        "the a an that this these those it its their they he she we in on at for of by some "
        "officials".split()
    )
    | PERIOD_WORDS
)  # "Last year 42 people died ... in the country of 27 million"
PLACE_HAS = re.compile(r"^(?:['\u2019]s\s+|,?\s+(?:with|(?:now\s+|still\s+)?(?:has|had)|of)\s+)$")


def _population(claim: Claim, ctx: Context, view: ArticleView) -> Slot | None:
    """The population metric, where the claim counts people of a place in one of the press's
    phrasings of a population."""
    if not claim.kind.counts or claim.category:
        return None
    before = ctx.sentence[ctx.clause[0] : ctx.span[0]]
    subject = (claim.subject or "").lower()
    words = subject.split()
    people = (
        bool(words)
        and words[0] in PEOPLE
        and head(subject) is None
        and not (len(words) > 1 and words[1] in PEOPLE_POSTMODIFIERS)
    )  # "residents depend heavily on farming": people in general; not "residents without power"
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
    """The word joined to the figure ("65,000-capacity"), the votes against ("by 38 votes to
    21"), the category extraction found, a move of shares, a population said as the press
    says it, else the metric word nearest the claim in its clause."""
    compound = COMPOUND.match(ctx.sentence, ctx.span[1])
    if compound:
        at = ctx.offset + compound.start(1)
        return Slot(compound.group(1), "compound", at, at + len(compound.group(1)))
    against = _votes_against(claim, ctx)
    if against is not None:
        return against
    if claim.category:
        return Slot(claim.category, "category")
    shares = _share_move(ctx)
    if shares is not None:
        return shares
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
        found = phrase_in(ctx, lo, hi, phrases)
        if found and qualifies_place(ctx.sentence, found[1], found[1] + len(found[0])):
            continue  # "14 schools in the evacuation zone stayed closed": no evacuation
        if found and (best is None or abs(found[1] - ctx.span[0]) < best[0]):
            best = (abs(found[1] - ctx.span[0]), metric, found)
    if best is None:
        return None
    _, metric, (word, at) = best
    if metric == "production" and claim.kind is Kind.MONEY and _economy_said(ctx, at, view):
        # "In 2021 it produced $8.3 billion": the economy's output, its GDP
        return Slot("gdp", "phrase", ctx.offset + at, ctx.offset + at + len(word))
    return Slot(metric, "clause", ctx.offset + at, ctx.offset + at + len(word))


ASIDE = re.compile(r",[^,]*,")
OF_GOODS = re.compile(r"\s*(?:worth\b|of\b)")
ECONOMY_SAID = re.compile(r"\beconom(?:y|ies)\b|\bgdp\b")
YEAR_OPENING = re.compile(r"^(?:in|by|during)\s+\d{4},?\s*")


def _economy_said(ctx: Context, at: int, view: ArticleView) -> bool:
    """Whether what produced a sum is a whole economy: a country or its economy, by name or
    by pronoun, alone before the verb ("Malta, with a faster-growing economy, produced";
    not "Chile's copper mines produced")."""
    if OF_GOODS.match(ctx.sentence, ctx.span[1]):
        return False  # "$25 billion worth of wine", "$25 billion of goods for export"
    said = YEAR_OPENING.sub("", ASIDE.sub(" ", ctx.sentence[:at]).strip()).strip()
    if said == "it":  # only of an economy the sentence before speaks of
        return ECONOMY_SAID.search(previous_sentence(ctx.article, ctx.offset)[1]) is not None
    if said in ECONOMIES:
        return True
    for s, e, _ in view.places:
        if ctx.offset <= s and e <= ctx.offset + at:
            name = ctx.sentence[s - ctx.offset : e - ctx.offset]
            if said in (name, f"{name}'s economy", f"{name}\u2019s economy"):
                return True
    return False


def _votes_against(claim: Claim, ctx: Context) -> Slot | None:
    """The figure after "N votes to" in a clause about votes: the side against."""
    if not claim.kind.counts:
        return None
    if not VOTES_TO.search(ctx.sentence, max(0, ctx.span[0] - 24), ctx.span[0]):
        return None
    said = phrase_in(ctx, *ctx.clause, METRIC_PHRASES["votes"])
    if said is None:
        return None
    at = ctx.offset + said[1]
    return Slot("votes_against", "phrase", at, at + len(said[0]))


SHARE_PHRASES = tuple(tuple(w.split()) for w in SHARE_WORDS)


def _share_move(ctx: Context) -> Slot | None:
    """A move of a company's shares: a share word before the figure in its clause, a verb
    between them ("shares fell 4.2% in morning trading")."""
    lo, at = ctx.clause[0], ctx.span[0]
    found = phrase_in(ctx, lo, at, SHARE_PHRASES)
    if found is None:
        return None
    word, start = found
    between = set(tokens(ctx.sentence[start + len(word) : at]).words)
    if not between & PREDICATE_VERBS:
        return None
    return Slot("share_price", "phrase", ctx.offset + start, ctx.offset + start + len(word))


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
    end = after.start() if after else hi
    if metric is not None and metric.origin == "phrase":
        end = ctx.span[0]  # a place's population said to describe it: its plans are its own
    own = ctx.span[1] + (len(claim.subject) + 2 if claim.subject else 0)  # its counted noun
    words = tokens(ctx.sentence)
    for phrase in _PHRASES["forecast"]:
        if phrase == ("will",) and period is not None and period.origin == "effective":
            continue  # a price or a level decided, from the day it takes effect
        for at in words.find(phrase):
            if not lo <= at < end:
                continue
            if ctx.span[0] <= at < own or (at >= own and _named_plan(ctx.sentence, at, phrase)):
                continue
            if phrase == ("planned",) and _planned_care(ctx.sentence, at):
                continue  # "waiting for planned treatment has risen to 58,400"
            own_verb = FINITE_PAST.search(
                ctx.sentence, max(at, ctx.span[0] - OWN_VERB_BEFORE), ctx.span[0]
            )
            if at < ctx.span[0] and phrase in MODAL_PHRASES and own_verb:
                continue  # "owners who said they could no longer afford ... rose 38%": the
                # figure's own verb, past and done, follows another clause's modal
            if at < ctx.span[0] and phrase in MODAL_PHRASES:
                if DONE_AFTER.search(ctx.sentence, at, ctx.span[0]):
                    continue  # "will raise it by 4.99% after councillors approved the budget
                    # on 25 February": what was done, told after what will be
            return Slot(
                " ".join(phrase), "clause", ctx.offset + at, ctx.offset + at + len(phrase[0])
            )
    needed = NEEDED.search(ctx.sentence, max(0, ctx.span[0] - 24), ctx.span[0])
    if needed is not None:  # "needed 100,000 signatures to be debated": a threshold
        return Slot(needed[1], "clause", ctx.offset + needed.start(1), ctx.offset + needed.end(1))
    modal = next(
        (m for m in MODAL.finditer(ctx.original, lo, ctx.span[0]) if m.end() <= ctx.span[0]), None
    )
    if modal is not None:
        return Slot(modal[1], "clause", ctx.offset + modal.start(1), ctx.offset + modal.end(1))
    if period is not None and period.origin == "clause" and view.published_at:
        year = period.value[:4]
        if year.isdigit() and int(year) > view.published_at.year:
            return Slot(period.value, "future", period.start, period.end)
    return None


# The day or month a level takes effect from, said in its clause: "will rise to £2.20 from
# 4 May", "will pay £4.50 ... from 1 October".
EFFECTIVE = re.compile(r"\bfrom\s+(?:the\s+)?$")


def _takes_effect(period: Slot | None, ctx: Context, view: ArticleView) -> bool:
    """Whether a figure's clause says it will be so from a day or a month it gives, or for
    the financial year that begins in the article's own year ("will pay £1,742.57 in
    2025-26": a charge set for it)."""
    if period is None or period.origin != "clause":
        return False
    lo, hi = ctx.offset + ctx.clause[0], ctx.offset + ctx.clause[1]
    year = view.published_at.year if view.published_at else None
    if split_year_end(period.value) and year is not None and int(period.value[:4]) <= year:
        return (
            lo <= period.start < hi
            and bool(CHARGED.search(ctx.sentence, *ctx.clause))
            and (not CONDITIONAL.search(ctx.sentence))
        )
    if len(period.value) < len("2025-05"):
        return False  # (a year to come is a forecast: "from 2027")
    before = ctx.article[max(0, period.start - len("from the ")) : period.start]
    return (
        bool(EFFECTIVE.search(before))
        and lo <= period.start < hi
        and bool(WILL.search(ctx.sentence, *ctx.clause))
        and not CONDITIONAL.search(ctx.sentence)
    )


WILL = re.compile(r"\bwill\b")
# A charge set for a period: "will pay", "will be charged", "will cost".
CHARGED = re.compile(r"\bwill\s+(?:pay|be\s+charged|cost|be\s+billed)\b")
MODAL_PHRASES = (("could",), ("will",))  # forecast words of a clause, not verbs of thought
CONDITIONAL = re.compile(rf"\b(?:{'|'.join(CONDITIONAL_WORDS)})\b")  # "... if it is approved"
# A predicate verb in the past, not after a modal's "have" or "to" ("expected to have reached").
FINITE_PAST = re.compile(
    r"(?<!\bto )(?<!\bhave )(?<!\bbe )\b(?:" + "|".join(sorted(PAST_PREDICATE_VERBS)) + r")\b"
)
# A clause of what was done, after a modal's ("after councillors approved the budget on").
DONE_AFTER = re.compile(
    r"\b(?:after|when|once|since|because)\s+(?:[a-z'’]+\s+){0,3}?(?:"
    + "|".join(sorted({*PAST_PREDICATE_VERBS, *DONE_VERBS}))
    + r")\b"
)
OWN_VERB_BEFORE = 24  # characters before a figure its own verb stands in ("rose 38% to 517")
# What a figure had to reach, said just before it ("needed 100,000 signatures"; not "412
# patients have needed treatment").
NEEDED = re.compile(r"\b(needed)\s+(?:at\s+least\s+)?$")  # ("required" is a forecast word)
# A figure said after a modal of what may be ("may hold a further 5,000 coins"): as written,
# lower case, so the month ("In May, 40 ...") is not one.
MODAL = re.compile(r"\b(may|might)\s+(?:also\s+|still\s+)?[a-z]+\b")
PLAN_NOUNS = frozenset({"plan", "plans", "target", "targets", "goal", "outlook", "projection"})


def _named_plan(sentence: str, at: int, phrase: tuple[str, ...]) -> bool:
    """Whether a plan noun after the figure is a noun phrase's head ("the runway plan"), not
    a verb or a noun that governs a figure ("plans to", "a target of")."""
    if phrase[0] not in PLAN_NOUNS:
        return False
    rest = sentence[at + len(phrase[0]) :].lstrip()
    return not rest.startswith(("to ", "of ", "for "))


def _planned_care(sentence: str, at: int) -> bool:
    """Whether "planned" names a kind of hospital care ("waiting for planned treatment"), no
    plan: a noun of care that ends its phrase ("planned care home", "planned treatment works"
    are plans), in a sentence of a hospital's patients."""
    if not HOSPITAL_WORDS.intersection(tokens(sentence).words):  # (the sentence's own, cached)
        return False
    rest = sentence[at + len("planned") :].lstrip()
    for noun in PLANNED_CARE:
        if rest.startswith(noun) and not rest[len(noun) : len(noun) + 1].isalpha():
            after = WORDS.match(rest, len(noun) + 1)
            return after is None or after.group() in FUNCTION_WORDS | CARE_FOLLOWERS
    return False


WORDS = re.compile(r"[a-z]+")  # the word after the care's noun


def _verbs_date(
    claim: Claim, ctx: Context, dates: list[Claim], metric: Slot | None, period: Slot | None
) -> bool:
    """Whether the period found for a population said to describe a place is the date of the
    verb after it, not the figure's own: "The country of 35.1 million people ... hopes to
    join by 2026" (unlike "Germany had 3.97 million people out of work in January")."""
    if metric is None or metric.origin != "phrase" or period is None or period.start is None:
        return False
    own = [d for d in dates if d.start == period.start]
    return (
        period.start >= claim.end
        and period.value[:4].isdigit()
        and not _following(claim.end, own, ctx.article)
        and not HAS.search(ctx.article, metric.start, claim.start)
    )


# "Consumer prices fell 0.4%", "the economy shrank 1.2%": a fall of what a rate measures, so
# the rate is below zero (not "inflation fell to 2%", a level, nor "inflation fell 0.4%", a
# change of the rate itself).
FELL = re.compile(
    r"\b(?:prices|economy|gdp|output)\s+(?:[a-z]+\s+)?(?:fell|dropped|declined|decreased|"
    r"contracted|shrank|slipped|slid)\s+(?:by\s+)?$"
)
CHANGE_RATES = ("inflation", "gdp_growth")


# "a fall of 9%", "down 5%", "fell 7%", "9% lower": a change said as a fall, its figure
# written without its sign (not "fell to 5%", a level); "up 5%", "a rise of 9%", "9% higher"
# the same for a rise.
FALL_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(DECREASE_WORDS))})\s+(?:by\s+|of\s+)?$", re.IGNORECASE
)
FALL_AFTER = re.compile(rf"\s+(?:{'|'.join(FALL_AFTER_WORDS)})\b")
RISE_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(INCREASE_WORDS))})\s+(?:by\s+|of\s+)?$", re.IGNORECASE
)
RISE_AFTER = re.compile(rf"\s+(?:{'|'.join(RISE_AFTER_WORDS)})\b")


def _said_direction(claim: Claim, ctx: Context) -> int:
    """-1 for a percentage said as a fall, +1 for one said as a rise, by the words just before
    or after it ("fell 9 percentage points" too: compared only with a change in points); 0
    for a level or a figure said both ways."""
    lead = ctx.article[max(ctx.offset, claim.start - 24) : claim.start]
    fall = bool(FALL_BEFORE.search(lead) or FALL_AFTER.match(ctx.article, claim.end))
    rise = bool(RISE_BEFORE.search(lead) or RISE_AFTER.match(ctx.article, claim.end))
    return rise - fall


def signed(claim: Claim, frame: Frame, ctx: Context) -> Claim:
    """The claim with the sign its verb gives: a rate of change that fell is negative; any
    other percentage said as a change keeps its figure and says which way (`direction`), so
    that it is compared with a reference change by its sign as well as its size."""
    figure = claim.lower if claim.value is None else claim.value  # "fell 8-9%": a range
    if claim.kind is not Kind.PERCENT or not isinstance(figure, int | float):
        return claim
    if frame.metric is None or frame.metric.value not in CHANGE_RATES:
        direction = _said_direction(claim, ctx)
        return replace(claim, direction=direction) if direction else claim
    if not FELL.search(ctx.sentence, max(0, ctx.span[0] - 48), ctx.span[0]):
        return claim
    return negated(claim)


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
    place = place_of(claim, ctx, view)
    if _verbs_date(claim, ctx, dates, metric, period) and view.published_at:
        period = Slot(view.published_at.isoformat(), "article")
    if _takes_effect(period, ctx, view):
        period = replace(period, origin="effective")
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
        whole=_said(
            ctx,
            WHOLE.search(ctx.sentence, clause[0], ctx.span[0])
            or _several(ctx)
            or _across_several(ctx),
        ),
        part=_said(
            ctx, PART.match(ctx.sentence, ctx.span[1]) or SUBSET.match(ctx.sentence, ctx.span[1])
        ),
        per_capita=_said(ctx, phrase_in(ctx, *clause, _PHRASES["per_capita"])),
        earlier=_said(ctx, EARLIER.search(ctx.sentence, *clause)),
        stage=_stage(ctx),
    )


def with_starting_levels(claims: list[Claim], frames: list[Frame], contexts: list[Context]):
    """The frames, where a bare figure a change started from ("The country has about 3.0
    million people, up from 2.96 million in 2023") takes the population phrase of the figure
    before it in its sentence: the level it changed from is of the same measure."""
    out = list(frames)
    for i, (claim, ctx) in enumerate(zip(claims, contexts, strict=True)):
        if out[i].metric is not None or claim.subject or claim.unit or not claim.kind.counts:
            continue
        if not STARTED_FROM.search(ctx.sentence, max(0, ctx.span[0] - 16), ctx.span[0]):
            continue
        before = [j for j in range(i) if not claims[j].is_date and contexts[j].offset == ctx.offset]
        lead = out[before[-1]].metric if before else None
        if lead is not None and lead.value == "population" and lead.origin == "phrase":
            out[i] = replace(out[i], metric=lead)
    return out


# A figure said as the first of a publisher's figures since revised: "up from an initial
# estimate of 1,200 tonnes", "initially reported a seizure of 2.8 tonnes", "raising the toll
# from two", "up from three a day earlier", "up from 118 cases it reported last Friday".
STAGE_BEFORE = re.compile(
    rf"\b(?:{'|'.join(FIRST_STAGE_WORDS)}|earlier)\s+"
    r"(?:(?:estimate|count|figure|toll|tally|reading|report|put\s+it)\s+"
    r"(?:(?:put|placed|gave)\s+(?:the\s+|its\s+)?(?:[a-z]+\s+){0,2}?)?(?:of|at)\s+|"
    r"(?:estimated|put|reported|counted|gave)\s+(?:at\s+)?"
    r"(?:(?:an?|the|its)\s+(?:[a-z]+\s+){0,2}?(?:of|at)\s+)?)$"
)
REVISED_FROM = re.compile(  # a count a publisher revised: the figure it stood at before
    r"\b(?:rais|revis|lift)[a-z]*\s+(?:the|its|their)\s+(?:[a-z]+\s+)?"
    r"(?:toll|tally|count|estimate)\s+from\s+$"
)
STAGE_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:a|one)\s+day\s+(?:earlier|before)\b"
    rf"|\s+(?:[a-z]+\s+)?the\s+(?:{'|'.join(sorted(SEASONS))}|season)\s+before\b"
    r"|\s+(?:[a-z]+\s+){0,3}?(?:it|they)\s+(?:had\s+)?(?:first\s+)?"
    r"(?:reported|announced|gave|published|recorded|counted|estimated)\b"
)


def _stage(ctx: Context) -> Slot | None:
    """Words that make the figure a publisher's earlier one, since revised: its first estimate
    (value "first"), or the count it revised, the figure a change started from that it gave
    before (value "previous": the one just before the latest)."""
    lo = max(ctx.clause[0], ctx.span[0] - 48)
    found = STAGE_BEFORE.search(ctx.sentence, lo, ctx.span[0])
    if found is not None and found.group().split()[0] in FIRST_STAGE_WORDS:
        return Slot("first", "clause", ctx.offset + found.start())
    found = found or REVISED_FROM.search(ctx.sentence, lo, ctx.span[0])
    if found is None and STARTED_BY.search(ctx.sentence, lo, ctx.span[0]):
        found = STAGE_AFTER.match(ctx.sentence, ctx.span[1])
    return Slot("previous", "clause", ctx.offset + found.start()) if found else None


STARTED_BY = re.compile(r"\bfrom\s+(?:the\s+)?$")  # "raising the toll from three a day earlier"
