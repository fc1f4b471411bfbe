"""Matching: which reference facts are about the same thing as a claim?

Property by property. First the gates (`gates.py`): the fact must state the same kind of
figure in the same metric, count the same things, and, for a figure of a series (a year's
population), be about the claim's place and period; a forecast is checked against nothing.
Then the scored rules of `rules.RULES`: the fact's event named in the claim's sentence, its
keywords near, the article's earlier words and title (the article as a prior), the counted
group, the year, the place. Below the threshold nothing matches and the claim is unverifiable,
never guessed; the gate a near candidate failed is the reason given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Claim, Fact, Frame, Kind
from ..vocabulary.changes import DECREASE_WORDS, INCREASE_WORDS
from ..vocabulary.lexicon import MONTHS, NOT_CHANGE_VERBS
from ..vocabulary.places import known_place, place_key
from ..vocabulary.text import in_a_row, normalize, stems
from ..vocabulary.words import (
    BARE_METRIC_WORDS,
    BARE_MODIFIERS_OF_ITS_OWN,
    EVENT_WORDS,
    FUNCTION_WORDS,
    GENERIC_METRICS,
    JOINING_WORDS,
    METRIC_WORDS,
    NAMED_KINDS,
    PERIOD_WORDS,
    PREDICATE_VERBS,
)
from . import gates
from .compare import SMALL_COUNT, agrees, significant_digits
from .context import Context, tokens
from .placing import BESIDE, SETTLEMENT
from .profiles import (
    Hints,
    Profile,
    event_of,
    is_member,
    named_in_window,
    named_years,
    place_names,
    profile,
    same_kind,
)
from .rules import ARTICLE_PLACES, NEAR_BEFORE, PARAMS, POSITION, RULES, WEIGHTS

CHANGE_WORDS = INCREASE_WORDS | DECREASE_WORDS

# A place said as where a figure is ("in Nareth", "at the port of X"), not as what it is
# asked of ("asked the European Union for help").
LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|across|throughout|outside|inside)\s+(?:the\s+)?(?:" + BESIDE + r"\s+|"
    r"(?:[a-z]+\s+)?" + SETTLEMENT + r"(?:\s+of|,)?\s+)?|\b" + BESIDE + r"\s+)$"
)


@dataclass(frozen=True)
class Match:
    """A fact that matches, with its score (at most 1) and the weighted sum before it is
    capped (`raw`): two facts both past 1 are not equally well spoken of."""

    fact: Fact
    score: float
    raw: float | None = None
    named: bool = True  # its name is said in the claim's sentence (or the one a pronoun means)
    here: float = 0.0  # what the claim's own sentence says for it
    # Its own words (keywords or metric words no equally good match has) stand in the claim's
    # clause and theirs do not: "broke out ... on July 6" is the fire's day, not the day its
    # evacuation order was lifted, though both facts' shared keywords fill the score's cap.
    distinct: bool = False
    # The claim's period lies inside the fact's ("on 14 June 2022" and 2022), the one period
    # the references hold of its series: it can back the claim, never refute it.
    within: bool = False

    @property
    def rank(self) -> float:
        return self.score if self.raw is None else self.raw


# -- inputs of the scored rules ---------------------------------------------------------------


@dataclass
class Inputs:
    """Everything the rules read for one claim and one fact."""

    claim: Claim
    frame: Frame
    fact: Fact
    name_here: float = 0.0
    name_near: bool = False
    name_earlier: bool = False
    name_in_title: bool = False
    keywords_here: float = 0.0
    keywords_before: float = 0.0
    partner: bool = False
    counted: str | None = None
    metric_said: float = 0.0
    year: str | None = None
    place: str | None = None
    period: str | None = None


def _spoken(found: Profile, ctx: Context) -> tuple:
    """How the claim's sentence and article speak of a fact's names and keywords: (name here,
    name near, name earlier, name in title, keywords here, keywords before). Remembered per
    claim: facts named alike (a series' many years) are spoken of alike."""
    key = (found.names, found.keywords, found.ordinals)
    if key not in ctx.memo:
        ctx.memo[key] = (*_names(found, ctx), *_keywords(found, ctx))
    return ctx.memo[key]


def _names(found: Profile, ctx: Context) -> tuple[float, bool, bool, bool]:
    here, near, earlier, title = 0.0, False, False, False
    for phrase in found.names:
        hits = ctx.here(phrase)
        if hits:
            weights = (1.0 if ctx.heads(h, phrase) else ctx.weight(h, name=True) for h in hits)
            here = max(here, max(weights))
        elif ctx.in_previous(phrase):
            here = max(here, POSITION["previous_sentence"])
        elif (distance := ctx.before(phrase)) is not None:
            near |= distance <= NEAR_BEFORE
            earlier |= distance > NEAR_BEFORE
        elif ctx.in_title(phrase):
            title = True
    for phrase in found.ordinals:  # "the first quake": said here, never as the article's prior
        hits = ctx.here(phrase)
        if hits:
            here = max(here, *(ctx.weight(h, name=True) for h in hits))
        elif ctx.in_previous(phrase):
            here = max(here, POSITION["previous_sentence"])
    return here, near, earlier, title


def _keywords(found: Profile, ctx: Context) -> tuple[float, float]:
    here = before = 0.0
    for phrase in found.keywords:
        hits = ctx.here_any_form(phrase)
        if hits:
            here += max(ctx.weight(h) for h in hits)
        elif ctx.in_previous(phrase):
            here += POSITION["previous_sentence"]
        elif (ctx.before(phrase) or NEAR_BEFORE + 1) <= NEAR_BEFORE:
            before += 1
    return here, before


def _speak(x: Inputs, found: Profile, ctx: Context) -> None:
    (x.name_here, x.name_near, x.name_earlier, x.name_in_title, x.keywords_here,
     x.keywords_before) = _spoken(found, ctx)  # fmt: skip


def _metric_said(claim: Claim, frame: Frame, fact: Fact, found: Profile, ctx: Context, hints):
    """For a figure with no category, how near its sentence says the fact's metric, by the
    metric's words or the fact's own keywords (None: nowhere, and the fact's metric is
    specific: "a convoy of 6 vehicles" is no toll)."""
    lead = ctx.lead  # the figure before, when nothing between gives this one its own verb
    if found.modifier and not any(
        ctx.own(h) or (lead and lead[0] <= h < lead[1])
        for h in _modifier_said(fact, found, ctx, hints)
    ):
        return None  # "an average of 2,900 spectators", not any crowd; a record's date
    if claim.is_date or claim.category or not found.metric_words:
        return 0.0
    if frame.metric is not None and frame.metric.origin == "phrase":
        return 1.0 if frame.metric.value == fact.metric else None
    phrases = found.metric_words
    if fact.metric not in METRIC_WORDS:  # a metric of the source's own: its keywords say it
        phrases = (*phrases, *hints.metric_keywords.get(fact.id, ()))
    said = [(h, phrase) for phrase in phrases for h in ctx.here(phrase)]
    bare = _bare(fact, ctx)
    hits = [h for h, phrase in said if ctx.own(h) and not ctx.leads_next(h, phrase)]
    hits += [h for h in bare if ctx.own(h)]
    hits += [  # its subject, when all its facts measure one thing: before it in its clause
        h
        for phrase in hints.subject_keywords.get(fact.id, ())
        for h in ctx.here(phrase)
        if ctx.clause[0] <= h < ctx.span[0]
        and not ANOTHER_THING.search(ctx.sentence, h, ctx.span[0])  # "beside a river 20 m"
    ]
    if hits:
        return max(ctx.weight(h) for h in hits)
    if lead and any(lead[0] <= h < lead[1] for h in (*(h for h, _ in said), *bare)):
        return POSITION["inherited"]
    if any(ctx.in_previous(phrase) for phrase in phrases):  # "It was worth $525 billion"
        return POSITION["inherited"]
    if _dimension_said(claim, fact, ctx):
        return 1.0  # "a strewn field about 3 km wide": its width
    if claim.kind is Kind.PERCENT and _names_change(fact) and _said_as_change(ctx):
        if _what_changed(found, ctx):  # "rents up 9.1% on a year earlier": a change of the
            return 1.0  # fact's own name, of what its clause says changed
    return None


MODIFIER_REACH = 14  # characters between a metric's word and a keyword said as its modifier


def _modifier_said(fact: Fact, found: Profile, ctx: Context, hints) -> list[int]:
    """Where the sentence says the word that makes the fact's metric a kind of a known one
    ("outstanding" of "outstanding_cases"), or a one-word keyword of the fact's own beside
    the known one's word, as its modifier ("cases waiting to be heard": "waiting"), never a
    month or a period word ("fields of wheat" is no modifier of "damaged")."""
    said = ctx.here((found.modifier,))
    heads = [h for phrase in found.metric_words for h in ctx.here(phrase)]
    for phrase in hints.metric_keywords.get(fact.id, ()):
        if len(phrase) == 1 and phrase[0] not in MONTHS and phrase[0] not in PERIOD_WORDS:
            said += [
                h
                for h in ctx.here(phrase)
                if any(abs(h - head) <= MODIFIER_REACH for head in heads)
            ]
    return said


# What may stand just before a bare metric word: a sentence or clause start, a year, a
# preposition or conjunction ("As recently as 2021 prices rose"; "In Senegal, prices rose").
BARE_BEFORE = re.compile(r"(?:^|[,;:(]|\b(?:the|in|and|as|but|while|when|where|that|\d{4}))\s*$")
BARE_VERBS = INCREASE_WORDS | DECREASE_WORDS | {"slowed", "eased", "accelerated"}


def _bare(fact: Fact, ctx: Context) -> list[int]:
    """Where the sentence says the fact's metric by a bare head word (BARE_METRIC_WORDS)
    followed by a change verb, while neither it nor the sentence before names what is priced
    ("House prices are high in El Salvador. Prices rose 0.9%": house prices)."""
    words = BARE_METRIC_WORDS.get(fact.metric, ())
    if not words:
        return []
    found = []
    previous = ctx.article[ctx.article.rfind(". ", 0, max(0, ctx.offset - 2)) + 1 : ctx.offset]
    for word in words:
        if _modified(word, previous) or _modified(word, ctx.sentence):
            continue
        for h in ctx.here((word,)):
            after = ctx.sentence[h + len(word) :].split(maxsplit=1)
            if after and after[0] in BARE_VERBS and BARE_BEFORE.search(ctx.sentence, 0, h):
                found.append(h)
    return found


def _modified(word: str, text: str) -> bool:
    """Whether `text` says `word` after a word naming what it is of ("house prices"), other
    than a metric word of its own ("consumer prices")."""
    for found in re.finditer(rf"\b([a-z]+)\s+{word}\b", text):
        if found[1] not in FUNCTION_WORDS and found[1] not in BARE_MODIFIERS_OF_ITS_OWN:
            return True
    return False


# The words of a source's own metric that name a change ("annual_change", "price_increase").
CHANGE_NAMES = frozenset({"change", "increase", "rise", "growth", "decrease", "fall", "decline"})
# A figure said as a change: a change word just before it ("up 9.1%", "rose by 9.1%", "an
# increase of 9%"; not "more than 9%", a bound) or just after it ("9% more than", "9.1% higher").
COMPARATIVES = frozenset({"more", "less", "higher", "lower"})
CHANGE_BEFORE = re.compile(
    r"(?:\b([a-z]+)\s+)?\b(?:"
    + "|".join(sorted(CHANGE_WORDS - COMPARATIVES))
    + r")(?:\s+(?:by|of))?\s+$"
)
# After the figure: a change word ("9.1% up on"), or a comparative with the period it is of
# ("9% more than in January last year", "9% lower on 2023"; not "8.1% higher than the
# national average").
CHANGE_AFTER = re.compile(
    r"\s+(?:(?:" + "|".join(sorted(CHANGE_WORDS - COMPARATIVES)) + r")\b"
    r"|(?:" + "|".join(sorted(COMPARATIVES)) + r")\s+(?:(?:[a-z]+\s+){0,2}?than|on)\s+"
    r"(?:[a-z]+\s+){0,3}?"
    r"(?:year|month|week|quarter|earlier|before|last|previous|\d{4})\b)"
)


def _dimension_said(claim: Claim, fact: Fact, ctx: Context) -> bool:
    """Whether the claim's figure is said of the dimension the fact's metric names, and the
    metric's other words stand in its clause ("strewn field" of "strewn_field_width")."""
    words = fact.metric.split("_")
    said = gates.said_dimension(claim, ctx)
    if said is None or said not in words:
        return False
    rest = tuple(w for w in words if w != said)
    if rest:
        return any(ctx.own(h) for h in ctx.here(rest))
    return _of_the_named(profile(fact), ctx)


def _of_the_named(found: Profile, ctx: Context) -> bool:
    """Whether a measure is of the thing the fact names before it, nothing else brought in
    between ("the sinkhole is 18 metres wide"; not "the sinkhole opened beside a river 20
    metres wide")."""
    hits = [h for phrase in (*found.names, *found.keywords) for h in ctx.here(phrase)]
    last = max((h for h in hits if h < ctx.span[0]), default=None)
    return last is not None and not ANOTHER_THING.search(ctx.sentence, last, ctx.span[0])


ANOTHER_THING = re.compile(r"\b(?:an?|another)\s+[a-z]")


def _names_change(fact: Fact) -> bool:
    """Whether a fact's metric, one of the source's own, is a change ("annual_change")."""
    return fact.metric not in METRIC_WORDS and bool(CHANGE_NAMES & set(fact.metric.split("_")))


def _what_changed(found: Profile, ctx: Context) -> bool:
    """Whether the claim's clause says what the fact measures the change of, or its sentence
    before it with no other rate between ("Rents reached GBP 1,450, up 9.1%"): a keyword of
    the fact's that is no place and no change word ("rents", "A&E"; not "Bellmar", "rose")."""
    return any(
        ctx.clause[0] <= h < ctx.clause[1]
        or (h < ctx.span[0] and not _another_rate_between(ctx, h))
        for words in found.keywords
        if not set(words) <= CHANGE_WORDS and place_key(" ".join(words)) not in found.places
        for h in ctx.here(words)
    )


def _another_rate_between(ctx: Context, at: int) -> bool:
    """Whether another rate, or a clause joined on, stands between `at` and the figure
    ("House prices rose 6 per cent, and spending on parks was up 8.1%")."""
    between = ctx.sentence[at : ctx.span[0]]
    rates = any(at <= a < ctx.span[0] for a, _ in ctx.figures) and RATE.search(between)
    return bool(rates or JOINED_ON.search(between))


RATE = re.compile(r"%|\bper\s*cent\b")
JOINED_ON = re.compile(r"\b(?:while|whereas|but|and)\b")


def _said_as_change(ctx: Context) -> bool:
    """Whether the claim's figure is said as a change, by the words beside it."""
    start, end = ctx.span
    before = CHANGE_BEFORE.search(ctx.sentence, max(0, start - 24), start)
    if before is not None and before[1] not in NOT_CHANGE_VERBS:  # "makes up 61%": no rise
        return True
    return CHANGE_AFTER.match(ctx.sentence, end) is not None


def _measured(claim: Claim, fact: Fact, found: Profile, x: Inputs, ctx: Context) -> bool:
    """A quantity in the unit of a fact whose metric is the source's own (a stage's length in
    km, a census area in hectares), said beside the fact's name, its unit not saying what else
    it measures ("1,150 kg of fuel" is no satellite's mass)."""
    if claim.kind is not Kind.QUANTITY or x.counted != "same" or fact.metric in METRIC_WORDS:
        return False
    if not named_in_window(fact, ctx):  # a unit many measures share: its subject must be named
        return False
    if gates.said_dimension(claim, ctx) and not _of_the_named(found, ctx):
        return False  # "the sinkhole opened beside a river 20 metres wide": the river's
    of = gates.UNIT_OF.match(ctx.sentence, ctx.span[1])  # "millimetres of rain": rainfall
    return of is None or of[2] in found.words


def _place_aside(fact: Fact, frame: Frame, found: Profile) -> bool:
    """A series of a company or a body (its revenue, its output) is about its subject, not
    its place: the article's main place does not rule it out ("Halvern Motors reported
    revenue of €8.4 billion", in a story datelined in one of its towns). A place the claim's
    own sentence gives still must be the fact's."""
    if frame.place is not None and frame.place.origin not in ARTICLE_PLACES:
        return False
    return place_key(fact.subject) not in found.places and known_place(fact.subject) is None


def _own_metric_words(fact: Fact, hints: Hints) -> tuple:
    """The keywords that say a metric of the source's own ("registered", "of the vote")."""
    return () if fact.metric in METRIC_WORDS else hints.metric_keywords.get(fact.id, ())


def _year(claim: Claim, frame: Frame, fact: Fact, ctx: Context, hints: Hints) -> str | None:
    """A date's year names its event ("the 2019 flood"); so does the year a figure is about
    (its frame's period: "Turnout was 61%, up from 57.1% in 2019" dates the 57.1% only)."""
    if claim.is_date:
        return "same" if str(claim.value)[:4] == str(fact.value)[:4] else None
    known = hints.event_years.get(event_of(fact))
    if not known or fact.is_series:
        return None
    period = frame.period
    if period is not None and period.origin != "article" and period.value[:4].isdigit():
        years = {period.value[:4]}
    else:  # the sentence's dates that no other figure takes ("..., the union said on Sunday")
        years = ctx.years
    if not years:
        return None
    return "same" if years & known else "other"


def _of_a_dated_rival(claim: Claim, frame: Frame, fact: Fact, hints: Hints) -> bool:
    """Whether the claim's own year is before the fact's, which names no year, and an event
    of the fact's kind is dated to it ("The last bloom, in 2018, covered 7.9 square
    kilometres": the 2018 bloom's, not this year's, reported with no year of its own). The
    event of the other is this one's name and its year ("Lake Sorvan algae bloom 2018")."""
    period = frame.period
    if claim.is_date or fact.is_series or fact.period or frame.stage is not None:
        return False
    if period is None or period.origin not in ("clause", "sentence"):
        return False
    if named_years(fact.subject, fact.keywords):
        return False  # a fact that names its own year is matched by it (`_year`)
    year = period.value[:4]
    if not year.isdigit() or year >= (fact.as_of or "")[:4]:
        return False
    event = event_of(fact)
    return any(
        other.id != fact.id
        and event in event_of(other)
        and year in {(other.period or "")[:4], *named_years(other.subject, other.keywords)}
        for group in hints.by_class.values()
        for other in group
    )


def inputs(
    claim: Claim,
    frame: Frame,
    fact: Fact,
    ctx: Context,
    hints: Hints,
    agreeing: Agreeing | frozenset = frozenset(),
) -> tuple[Inputs | None, str | None]:
    """The rules' inputs, or None and the name of the gate the fact fails; `agreeing` are
    the things (`Fact.thing`) of which some candidate holds the claim's figure."""
    gate = gates.kind_fits(claim, fact)
    if gate:
        return None, gate
    if not gates.dates_an_event(claim, ctx):
        return None, "deadline"
    found = profile(fact)
    if gates.other_namesake(fact, ctx):
        return None, "other subject"
    if (
        gates.proposed_not_decided(fact, ctx)
        or gates.average_of_another(fact, ctx)
        or gates.one_of_either(fact, found, ctx)
    ):
        return None, "metric"
    if (
        gates.other_event(claim, frame, fact, hints, ctx)
        or gates.other_end(claim, fact, found, ctx)
        or gates.other_doer(claim, fact, found, ctx)
    ):
        return None, "other event"
    x = Inputs(claim, frame, fact)
    x.counted = gates.counted(claim, fact, found, frame, ctx)
    if x.counted in ("other thing", "other group"):
        return None, "counted"
    said = _metric_said(claim, frame, fact, found, ctx, hints)
    if said is None and _measured(claim, fact, found, x, ctx):
        said = 0.0  # "a 187 km stage": a quantity in the fact's own unit says its measure
    if said is None and x.counted == "same" and gates.counts_times(claim):
        said = 0.0  # "the station launched 159 times": its clause did what the fact counts
    if (
        said is None
        and fact.thing in agreeing
        and _counts_alike(claim, fact, x)
        and not _of_its_own_subject(claim, found, ctx)
    ):
        said = 0.0  # "About 3,200 people were moved out of their homes": said in no word of
        # the fact's, the measure of a thing that holds this very figure of the same things
        # (and its rival publishers' and earlier stages' figures of it with it)
    if (
        said is None
        and fact.metric not in GENERIC_METRICS
        or gates.other_metric(claim, frame, found, ctx, _own_metric_words(fact, hints))
        or gates.other_dimension(claim, fact.metric, ctx)
    ):
        return None, "metric"
    x.metric_said = said or 0.0
    if frame.forecast is not None:
        return None, "forecast"
    if frame.to_come and not fact.is_series:
        return None, "to come"  # a level from a day to come: only a period's figure holds it
    if frame.per_capita is not None and "per" not in f"{fact.metric} {fact.unit or ''}":
        return None, "per capita"
    if gates.whole_gate(frame, fact, ctx):
        return None, "whole"  # a whole is compared with totals only, a part never with one
    claim_place = frame.place.value if frame.place else None
    if found.places and claim_place:  # an event in a province is in its country too
        within = found.places if fact.is_series else found.regions
        x.place = "same" if claim_place in within else "other"
    if x.place == "other" and frame.place.origin in ("clause", "sentence") and not claim.is_date:
        # (a date says when its event happened, in any of its towns: "The first case was
        # confirmed on July 2 in the market town of Bellu")
        if LOCATIVE.search(ctx.article, max(0, frame.place.start - 40), frame.place.start):
            return None, "place"  # "In the capital, Nareth, 37 cases": not the region's outbreak
    if not fact.is_series and frame.stage is None and _change_start(frame, ctx):
        # "stands at 11,260 households, up from about 9,000": where a change started, not the
        # level a reference without a period holds now (unless it names the earlier event, or
        # the figure is its publisher's since revised: "up from 118 cases it reported")
        return None, "period"
    when = frame.period
    if not fact.is_series and frame.stage is None and when and when.value == "earlier":
        if when.origin in ("year before", "compared"):
            return None, "period"  # "The year before, it gave out 51,900": no current level
    if gates.part_of_period(frame, fact, found, ctx) or gates.other_season(found, ctx):
        return None, "sub-annual"
    if fact.is_series:
        if x.place != "same" and not _place_aside(fact, frame, found):
            return None, "place"
        period = gates.period_gate(frame, fact, found, hints)
        if period and period != "within":
            return None, period
        x.period = period or "same"
    _speak(x, found, ctx)
    if not x.name_here and _another_named(fact, ctx):
        return None, "other event"
    if not x.name_here and ELSEWHERE.search(ctx.sentence, 0, ctx.span[0]):
        return None, "place"  # "Elsewhere in the country, traffic at Kellmouth Airport fell"
    if x.place == "other" and _unspoken(fact, found, ctx):
        return None, "place"  # a fact of a place the article never names, nor its name
    x.partner = fact.subject in hints.partners
    x.year = _year(claim, frame, fact, ctx, hints)
    if _of_a_dated_rival(claim, frame, fact, hints):
        return None, "other event"
    own_place = x.place == "same" and frame.place.origin not in ARTICLE_PLACES
    named = x.name_here or x.keywords_here or x.partner or own_place
    elsewhere = x.name_near or x.name_earlier or x.name_in_title or x.place == "same"
    positive = x.counted == "same" or x.metric_said > 0 or claim.category is not None
    if not (named or (elsewhere and positive)) or (
        is_member(fact.subject) and (not x.name_here or _headed_by_another(found, ctx, hints))
    ):
        return None, "evidence"
    if _headed_by_other_name(fact, found, ctx):
        return None, "evidence"
    return x, None


# A name and the kind of place it names: "Askel glacier", "Brenn Glacier", "Port of Kellhaven".
NAME = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)*"
NAMED_KIND = re.compile(
    rf"(?<![\w'\u2019-])({NAME})(?:\s+([a-z]{{3,}}))?\b|\b([A-Za-z]{{3,}})\s+of\s+({NAME})"
)


def _unspoken(fact: Fact, found: Profile, ctx: Context) -> bool:
    """Whether the article names neither the fact's place (nor the country it lies in) nor
    the fact: a warehouse's cost in Brennick is not what an article about Wrenhill's railway
    "estimated the cost at", a courtroom's running cost in Dunfallow not what a blood service
    in Caldermoor "spends a year"."""
    places = (*place_names(fact.place), *(fact.place or "").split(","))  # its country too
    said = (*found.names, *(tuple(normalize(p).split()) for p in places))
    return not any(ctx.in_article(phrase) for phrase in said if phrase)


def _named_kinds(text: str, end: int | None = None) -> list[tuple[frozenset, str, int]]:
    """The (words of a name, kind, end) of the places of a kind a text names before `end`,
    folded, in order (a capitalised kind is the name's last word: "Brenn Glacier")."""
    found = []
    for m in NAMED_KIND.finditer(text, 0, len(text) if end is None else end):
        words = normalize(m[1] or m[4]).split()
        kind = normalize(m[2] or m[3] or "")
        if m[1] and kind not in NAMED_KINDS and words and words[-1] in NAMED_KINDS:
            *words, kind = words
        name = frozenset(words) - FUNCTION_WORDS
        if kind in NAMED_KINDS and name:
            found.append((name, kind, m.end()))
    return found


@lru_cache(maxsize=65536)
def _own_kinds(fact: Fact) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the names of the places of a kind the fact's subject or place names, and
    those kinds (cached across claims and articles, as `profile` is)."""
    own = _named_kinds(f"{fact.subject}. {fact.place or ''}")
    if fact.place:  # a place and a kind its keywords give: "Kellhaven" and "port"
        place = frozenset(normalize(fact.place).split())
        own += [(place, k, 0) for k in map(normalize, fact.keywords) if k in NAMED_KINDS]
    return frozenset().union(*(name for name, _, _ in own)), frozenset(k for _, k, _ in own)


def _another_named(fact: Fact, ctx: Context) -> bool:
    """Whether the place of the fact's kind the claim's sentence names last, up to the claim,
    is another one, the fact's own not named after it: "The nearby Brenn glacier retreated 22
    metres" is no figure of the Askel glacier, "on the Dunmore coast, the retreat averaged 0.9
    metres" none of the Halsey coast's."""
    names, kinds = _own_kinds(fact)
    if "named kinds" not in ctx.memo:  # the sentence's, read once for all the candidates
        ctx.memo["named kinds"] = _named_kinds(ctx.original, ctx.span[1])
    said = [n for n in ctx.memo["named kinds"] if n[1] in kinds]
    if not said:
        return False
    name, _, end = said[-1]
    after = set(normalize(ctx.original[end : ctx.span[0]]).split())
    return not name & names and not after & names


# A sentence that turns to another place or body than the one the article speaks of: what
# the article said before does not speak for the facts its own sentence does not name.
ELSEWHERE = re.compile(r"\b(?:elsewhere|meanwhile in|in other parts of)\b")


FROM_BEFORE = re.compile(r"\bfrom\s+$")


def _change_start(frame: Frame, ctx: Context) -> bool:
    """Whether the claim is the level a change said before it started from ("rose to 31
    from 23", "up from about 9,000"), not "heard from 62 witnesses", not "up from 58.1% at
    the previous election"."""
    if frame.period is None or frame.earlier is not None:
        return False
    if frame.period.origin == "year before":  # "down from 161 million a year earlier": last
        # year's level, not the one a reference holds now ("down 12% from a year earlier" is
        # the change itself)
        if not FROM_BEFORE.search(ctx.sentence, max(0, ctx.span[0] - 8), ctx.span[0]):
            return False
    elif frame.period.origin != "from":
        return False
    before = ctx.sentence[ctx.clause[0] : ctx.span[0]].split()
    return bool(CHANGE_WORDS.intersection(before))


# "the small Farmers' Party, which lost all 7 of its seats": the name a relative clause is of
HEADED = re.compile(
    r"([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)['\u2019s]*\s*,\s*(?:who|which|whose)\s"
)


def _headed_by_other_name(fact: Fact, found: Profile, ctx: Context) -> bool:
    """Whether the claim's clause is a relative one about a named party, company or team
    that is not the fact's subject (an event's figures may stand in a clause about anyone:
    "the ministry, which said 23 people had died")."""
    if EVENT_WORDS & set(normalize(fact.subject).split()):
        return False
    lo = ctx.clause[0]
    head = next((m for m in HEADED.finditer(ctx.original, 0, ctx.span[0]) if m.end() >= lo), None)
    if head is None:
        return False
    name = tuple(normalize(head.group(1)).split())
    return bool(name) and not any(
        in_a_row(name, phrase) or in_a_row(phrase, name) for phrase in found.names
    )


def _headed_by_another(found: Profile, ctx: Context, hints: Hints) -> bool:
    """Whether the claim's clause is a relative one about another member of the event ("the
    Social Democrats, who came third with 13 seats" holds no seats of the Greens)."""
    return any(
        ctx.heads(h, name) for name in hints.member_names - set(found.names) for h in ctx.here(name)
    )


@dataclass(frozen=True)
class Evidence:
    """A fact's score for a claim in three parts: what the claim's own sentence says of it
    (`here`), what the rest of the article adds (`around`) and the claim's own properties
    (`rest`)."""

    here: float
    around: float
    rest: float
    named: bool = False
    within: bool = False  # the claim's period lies inside the fact's, a one-off figure's

    def total(self, with_around: bool = True) -> float:
        return round(max(0.0, min(1.0, self.raw(with_around))), 3)

    def raw(self, with_around: bool = True) -> float:
        return round(self.here + (self.around if with_around else 0.0) + self.rest, 3)


def evidence(x: Inputs) -> Evidence:
    """The weighted sum of the rules, by part; `around` counts only what the sentence does
    not already say (a name both here and in the title counts once)."""
    parts = {"here": 0.0, "around": 0.0, "rest": 0.0}
    for rule in RULES:
        parts[rule.part] += WEIGHTS[rule.name] * rule.feature(x)
    around = max(0.0, parts["around"] - WEIGHTS["name_here"] * x.name_here)
    return Evidence(
        parts["here"], around, parts["rest"], x.name_here > 0, within=x.period == "within"
    )


@dataclass
class Outcome:
    """The matches of a claim, best first, and for none the gate its nearest candidates
    failed (`reason`) with one such candidate (`near`); `rival`, a fact of another event the
    claim may as well be about."""

    matches: list[Match]
    reason: str | None = None
    near: Fact | None = None
    rival: Fact | None = None


GATE_ORDER = (
    "kind", "deadline", "other subject", "other event", "counted", "metric", "currency",
    "forecast", "to come", "per capita", "whole",
    "place",
    "evidence", "no period", "sub-annual", "precision", "period",
)  # fmt: skip


def best_matches(
    claim: Claim,
    frame: Frame,
    facts: list[Fact],
    ctx: Context,
    hints: Hints,
) -> Outcome:
    """Facts at or above the threshold, best first, and every other source on the same thing.

    The rest of the article speaks for a fact only while the claim's sentence does not speak
    clearly more of another: "the riot erupted as a cholera outbreak has killed 120" is about
    the outbreak, even in an article about the riot. `hints` are over `facts`
    (`Hints.from_facts` or `Hints.over`): their classes and rival events are those of `facts`.
    """
    pool = hints.by_class.get(gates.claim_class(claim), ())
    found, failed = _gated(claim, frame, pool or facts, ctx, hints)
    if not found and pool and all(depth == 0 for depth, _ in failed):
        found, failed = _gated(claim, frame, facts, ctx, hints)  # the same near fact as ever
    clearest = max((e.here for _, e in found), default=0.0)
    scored = []
    for f, e in found:
        around = e.here >= clearest - PARAMS["clearer"]
        scored.append(Match(f, e.total(around), e.raw(around), e.named, e.here, within=e.within))
    scored = _current(claim, frame, scored, hints)
    passed = [m.fact for m in scored if m.score >= PARAMS["threshold"]]
    things = {p.thing for p in passed}
    kept = sorted(
        (m for m in scored if m.fact.thing in things),
        key=lambda m: (-m.score, -m.rank, m.fact.id),
    )
    kept = _by_own_words(kept, ctx)
    kept += _siblings(kept, failed)  # after the matches: never the best of them
    named = _named_without_period(failed, kept, ctx)
    if named is not None:
        return Outcome([], GATE_ORDER[named[0]], named[1])
    if kept:
        rival = _rival_event(claim, frame, kept[0].fact, facts, ctx, hints)
        return Outcome(kept, rival=rival)
    if not failed:
        return Outcome([], "nothing")
    depth, near = max(failed, key=lambda f: (f[0], f[1].id))
    return Outcome([], GATE_ORDER[depth], near)


# How close before a figure a fact's own word must stand to tell it from an equal match.
OWN_WORD_BEFORE = 60


def _by_own_words(kept: list[Match], ctx: Context) -> list[Match]:
    """The matches, with the one of those tied first put first and marked `distinct` whose
    own words (none of theirs) stand just before the figure in its clause while no other's
    stand anywhere in the clause ("the blaze broke out on July 6": not the day its evacuation
    order was lifted; "a recount of the ballots cast in the May 8 election" stays a tie)."""
    tied = [m for m in kept if (m.score, m.rank) == (kept[0].score, kept[0].rank)] if kept else []
    if len(tied) < 2:
        return kept
    words = [_own_phrases(m.fact) for m in tied]
    lo, hi = ctx.clause
    near, anywhere = [], []
    for i in range(len(tied)):
        own = words[i] - set().union(*(w for j, w in enumerate(words) if j != i))
        hits = [h for p in own for h in ctx.here_any_form(p) if lo <= h < hi]
        near.append(any(ctx.span[0] - OWN_WORD_BEFORE <= h < ctx.span[0] for h in hits))
        anywhere.append(bool(hits))
    if near.count(True) != 1 or anywhere.count(True) != 1:
        return kept
    first = tied[near.index(True)]
    return [replace(first, distinct=True), *(m for m in kept if m is not first)]


def _own_phrases(fact: Fact) -> frozenset[tuple[str, ...]]:
    """A fact's keywords and the words of its metric, as normalised phrases."""
    found = profile(fact)
    metric = {(w,) for phrase in found.metric_words for w in phrase}
    return frozenset(found.keywords) | metric


def _siblings(kept: list[Match], failed: list[tuple[int, Fact]]) -> list[Match]:
    """Other publishers' and stages' facts on a thing that matches, which failed only for the
    words the sentence says of them (its metric's or its event's): what the sentence says of
    the thing, it says of them too
    ("The institute put the winter loss at 19.8%": the association's 23.6% is the same loss)."""
    best: dict[tuple, Match] = {}
    for m in kept:  # best first
        best.setdefault(m.fact.thing, m)
    # (another publisher's metric too, where only the keywords of each publisher's own say it:
    # "Annual visitor numbers reached 612,000" is the tourist board's visitors as much as the
    # zoo's)
    evidence, metric = GATE_ORDER.index("evidence"), GATE_ORDER.index("metric")
    return [
        replace(best[f.thing], fact=f)
        for depth, f in failed
        if f.thing in best
        and (depth == evidence or (depth == metric and f.publisher != best[f.thing].fact.publisher))
    ]


PERIOD_GATES = GATE_ORDER.index("no period")  # this gate and those after it: a period's


def _named_without_period(failed: list, kept: list[Match], ctx: Context) -> tuple | None:
    """A fact the claim's own stretch names, failing only for its period, when the best match
    is not named there: the claim is about the named one, whose reference lacks its period
    ("The Lerwin Modern said it received 640,000 visitors", the gallery's 2025 not held), not
    about another subject's figure."""
    if kept and kept[0].named:
        return None
    named = [(d, f) for d, f in failed if d >= PERIOD_GATES and named_in_window(f, ctx)]
    return max(named, key=lambda n: (n[0], n[1].id)) if named else None


# A rate or a sum written to this many digits ("61.5%", not "0.5%") is too particular to
# agree with a fact by chance; so is a count of people no smaller than SMALL_COUNT.
PARTICULAR_DIGITS = 3


def _counts_alike(claim: Claim, fact: Fact, x: Inputs) -> bool:
    """Whether the claim counts what the fact counts, by its words, or by its very unit when
    its figure is too particular to agree by chance ("people" of a fact in people)."""
    if x.counted == "same":
        return True
    said = claim.unit or claim.subject
    if x.counted is not None or not said or not _same_unit(said, fact.unit):
        return False
    if claim.kind.counts and abs(claim.value or 0) >= SMALL_COUNT:
        return True
    return significant_digits(claim) >= PARTICULAR_DIGITS


def _of_its_own_subject(claim: Claim, found: Profile, ctx: Context) -> bool:
    """Whether a percentage, whose sign says no thing, has a subject of its own before
    its verb that is none of the fact's words: "..., while wages rose 13.4%" is no inflation
    figure, however close its value."""
    if claim.kind is not Kind.PERCENT:
        return False
    words = tokens(ctx.sentence[ctx.clause[0] : ctx.span[0]]).words
    verb = next((i for i, w in enumerate(words) if w in PREDICATE_VERBS), None)
    subject = set(words[:verb]) - FUNCTION_WORDS - JOINING_WORDS if verb else set()
    known = stems(" ".join((*found.words, *(w for phrase in found.metric_words for w in phrase))))
    return bool(subject) and not stems(" ".join(subject)) <= known


def _same_unit(said: str, unit: str | None) -> bool:
    """Whether a claim's unit is the fact's: by their words' stems, or as written when it is
    a sign or a symbol ("%", "m"), whose words are none."""
    words = stems(said)
    return words == stems(unit) if words else said.strip().lower() == (unit or "").strip().lower()


class Agreeing:
    """The things of which some candidate holds the claim's figure (a date names its event
    by other means), found the first time one is asked about: most claims never ask."""

    def __init__(self, claim: Claim, facts: list[Fact]):
        self.claim, self.facts = claim, facts
        self._things: frozenset[tuple] | None = None

    def __contains__(self, thing: tuple) -> bool:
        if self._things is None:
            held = [] if self.claim.is_date else self.facts
            numbers = (f for f in held if isinstance(f.value, int | float) and not f.is_date)
            self._things = frozenset(f.thing for f in numbers if agrees(self.claim, f) is True)
        return thing in self._things


def _gated(claim, frame, facts, ctx, hints) -> tuple[list, list]:
    """The facts that pass the gates, with their evidence, and those that fail, with the
    depth of the gate they fail."""
    found, failed = [], []
    agreeing = Agreeing(claim, facts)
    for fact in facts:
        x, gate = inputs(claim, frame, fact, ctx, hints, agreeing)
        if x is None:
            failed.append((GATE_ORDER.index(gate), fact))
        else:
            found.append((fact, evidence(x)))
    return found, failed


def _event_scores(
    claim: Claim, frame: Frame, facts: list[Fact], ctx: Context, hints: Hints
) -> dict[str, tuple[float, float, Fact]]:
    """How strongly the claim's sentence and article speak of each candidate event, on the
    event slot alone (names, keywords, the year), whatever its facts' metrics: by event,
    (here, total, a fact of it)."""
    scores: dict[str, tuple[float, float, Fact]] = {}
    said: dict[tuple, Evidence] = {}  # facts named alike are spoken of alike (a series' years)
    for fact in facts:
        if gates.other_event(claim, frame, fact, hints, ctx):
            continue
        found = profile(fact)
        year = _year(claim, frame, fact, ctx, hints) if claim.is_date == fact.is_date else None
        key = (found.names, found.keywords, found.ordinals, year)
        if key not in said:
            x = Inputs(claim, frame, fact, year=year)
            _speak(x, found, ctx)
            said[key] = evidence(x)
        e = said[key]
        event = event_of(fact)
        if e.total() > scores.get(event, (0.0, -1.0, None))[1]:
            scores[event] = (e.here, e.total(), fact)
    clearest = max((here for here, _, _ in scores.values()), default=0.0)
    return {  # the article speaks for an event only while the sentence speaks as much of it
        event: (here, total if here >= clearest - PARAMS["clearer"] else here, fact)
        for event, (here, total, fact) in scores.items()
    }


def _current(claim: Claim, frame: Frame, scored: list[Match], hints: Hints) -> list[Match]:
    """An undated claim's matches less those of an event years before the article when an
    event of the same kind and of the article's year matches too."""
    events = {event_of(m.fact) for m in scored}
    if len(events) < 2:
        return scored
    past = {e for e in events if any(_past(claim, frame, other, e, hints) for other in events)}
    return [m for m in scored if event_of(m.fact) not in past] if past else scored


def _past(claim: Claim, frame: Frame, event: str, other: str, hints: Hints) -> bool:
    """Whether `other` is an event years before the article while `event` is of its year, and
    the claim gives no date of its own: "has now infected more than 4,600 people" is the
    current outbreak's figure, not the one of 2017."""
    undated = frame.period is None or frame.period.origin == "article"
    if claim.is_date or not undated or hints.year is None:
        return False
    now, then = hints.event_years.get(event, ()), hints.event_years.get(other, ())
    if hints.year not in now or not same_kind(event, other):
        return False
    return gates._apart(hints.year, then) or _earlier_edition(event, other, hints.year, then)


YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _earlier_edition(event: str, other: str, year: str, then) -> bool:
    """Whether `other` is an earlier year's edition of the event ("wexborough marathon 2024"
    beside "wexborough marathon 2025"): all its dates before the article's year."""
    if not (YEAR.search(event) and YEAR.search(other)):
        return False
    years = gates.years_in(then)
    same = " ".join(YEAR.sub(" ", event).split()) == " ".join(YEAR.sub(" ", other).split())
    return same and bool(years) and max(years) < int(year[:4])


def _placed_apart(frame: Frame, best: Fact, other: Fact) -> bool:
    """Whether the claim's own clause or sentence puts it in the best fact's place and not in
    the other's: "the death toll from a landslide there [Mirvane] to 7, as a second slide
    ... struck a bus near the town of Tovany" is Mirvane's."""
    place = frame.place
    if place is None or place.origin not in ("clause", "sentence"):
        return False
    return place.value in profile(best).regions and place.value not in profile(other).places


def _rival_event(claim, frame, best: Fact, facts, ctx, hints) -> Fact | None:
    """Another event of the same kind (another quake, another storm) that the claim's sentence
    speaks of about as much as the best fact's, even if the references hold no such figure on
    it: "It killed eight people ... and injured about 120", of the second of two quakes, is not
    the first quake's injured count because only the first has one."""
    event = event_of(best)
    if event not in hints.with_rivals:
        return None  # no other event of its kind among the candidates
    scores = _event_scores(claim, frame, facts, ctx, hints)
    best_here, best_total, _ = scores[event]
    margin = PARAMS["event_margin"]
    rivals = [
        (total, fact)
        for other, (here, total, fact) in scores.items()
        if same_kind(event, other)
        and here >= best_here - margin
        and total >= best_total - margin
        and here > 0
        and not _past(claim, frame, event, other, hints)
        and not _placed_apart(frame, best, fact)
    ]
    return max(rivals, key=lambda r: (r[0], r[1].id))[1] if rivals else None
