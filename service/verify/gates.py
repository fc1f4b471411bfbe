"""The gates of matching: the properties a fact must share with a claim to be compared at
all. Each returns the name of the gate a fact fails (None: it passes); the first failed gate
of the nearest candidates is the reason an "unverifiable" verdict gives."""

from __future__ import annotations

import calendar
import re

from ..model import YEAR_RANGE, Claim, Fact, Frame, Kind, is_span, period_end, period_start
from ..vocabulary.lexicon import MEASURE_UNITS, SMALL_NUMBER_WORDS
from ..vocabulary.places import known_place
from ..vocabulary.text import fold, in_a_row, normalize, stem, stems
from ..vocabulary.units import in_points, same_unit, unit_of
from ..vocabulary.words import (
    AVERAGE_WORDS,
    CATEGORY_METRICS,
    COMPOUND_PREFIXES,
    END_WORDS,
    FUNCTION_WORDS,
    MEASURE_NOUNS,
    METRIC_WORDS,
    OPENING_WORDS,
    PREMISES_PARTS,
    PROPOSAL_WORDS,
    SEASONS,
    START_WORDS,
)
from .context import Context, tokens
from .frames import GENERIC_STEMS, GROUP_OF, counted_groups, head
from .profiles import (
    Hints,
    Profile,
    event_of,
    fact_families,
    named_in_window,
    said_families,
    series,
    unit_class,
)

NOT_AN_EVENT = re.compile(r"(?:\b(?:by|until|till|since|before|after)\s+(?:the\s+end\s+of\s+)?)$")


def claim_class(claim: Claim) -> str:
    """The class of facts a claim can be checked against at all: where `fact_class` differs,
    `kind_fits` says "kind"."""
    if claim.is_date:
        return "date"
    return "count" if claim.kind.counts else claim.kind.value


def kind_fits(claim: Claim, fact: Fact) -> str | None:
    """A date needs a date fact; a percentage a percentage, money the same currency; a count a
    count of the same category (a death toll is never checked against the injured)."""
    if claim.is_date or fact.is_date:
        return None if claim.is_date and fact.is_date else "kind"
    kind = "count" if claim.kind.counts else claim.kind.value
    if unit_class(fact.unit) != kind:
        return "kind"
    if kind == "percent" and ("point" in claim.text.lower()) != in_points(fact.unit):
        return "kind"  # "fell 9 percentage points" is no relative fall of 9%, nor a rate
    if claim.kind is Kind.QUANTITY and claim.unit and not _same_measure(claim.unit, fact.unit):
        return "kind"  # "185 km/h" is no count of people, "10 km" no magnitude
    if _measure(fact.unit) and not _same_measure(claim.unit or "", fact.unit):
        return "kind"  # a measure needs its unit said: "214 across the country" is no 236 m
    if kind == "money" and fact.unit != claim.unit:
        return "currency"
    if claim.category and fact.metric not in CATEGORY_METRICS.get(claim.category, {claim.category}):
        if not _names_category(fact, claim.category):
            return "kind"
    return None


def _names_category(fact: Fact, category: str) -> bool:
    """Whether a metric of the source's own is the category of what its unit counts, in its
    words ("dogs_died" of dogs is of the killed; "drug_arrests" of people is a kind of arrest
    of its own, not every arrest)."""
    if fact.metric in METRIC_WORDS:
        return False
    words = fact.metric.split("_")
    said = [w for w in words if w in METRIC_WORDS.get(category, ())]
    rest = stems(" ".join(w for w in words if w not in said))
    return bool(said) and rest <= stems(fact.unit)


def _measure(unit: str | None) -> bool:
    """Whether a fact's unit is a unit of measure ("m", "km/h", "tonnes"), not what is counted."""
    first = normalize(unit or "").split()[:1]
    return bool(first) and MEASURE_UNITS.get(first[0], first[0]) in MEASURE_SYMBOLS


MEASURE_SYMBOLS = frozenset(MEASURE_UNITS.values())


def _same_unit(claim: Claim, fact: Fact) -> bool:
    """Whether the claim's unit, or the words it counts, and the fact's unit are one unit of
    measure however written ("square kilometres" and "km2")."""
    said = unit_of(claim.unit) or unit_of(claim.subject)
    return said is not None and said == unit_of(fact.unit)


def _same_measure(said: str, unit: str | None) -> bool:
    """A measured quantity's unit ("km") is the fact's, or begins it ("km/h"), in the
    singular or the plural ("hectare", "hectares")."""
    if not unit:
        return False
    first, other = normalize(unit).split()[:1], normalize(said).split()[:1]
    if first == other:
        return True
    words = stems(" ".join(first))  # a symbol has no stems: "km" is not "m" for that
    return bool(words) and words == stems(" ".join(other)) or same_unit(said, unit)


# A unit per another said after a figure: "270 km/h", "3 tonnes per hectare", "litres a day".
PER = re.compile(
    r"\s*(?:[^\W\d]+\.?\s*)?(?:(?:/\s*|per\s+)[^\W\d]|an?\s+(?:hour|day|week|month|year)\b)"
)


def _per_said(ctx: Context) -> bool:
    """Whether the figure's unit is said per something ("270 km/h", not "40 km")."""
    return PER.match(ctx.sentence, ctx.span[1]) is not None


def _per_unit(unit: str | None) -> bool:
    """Whether a fact's unit is one per another ("km/h", "litres per day")."""
    return bool(unit) and re.search(r"/|\bper\b", unit) is not None


# Premises said as what they are: homes and the places people work.
HOMES_AND_BUSINESSES = re.compile(
    rf"\s+(?:{'|'.join(PREMISES_PARTS[0])})\s+and\s+(?:{'|'.join(PREMISES_PARTS[1])})\b"
)


# The verb just before a count of times ("launched 159 times", "spilled 212 times"), not the
# subject's noun ("volunteers were paged 160 times" counts no volunteers).
DONE = re.compile(r"\b([a-z]+)\s+(?:a\s+further\s+|another\s+|more\s+than\s+|about\s+)?$")


def counts_times(claim: Claim) -> bool:
    """Whether a figure counts the times something was done ("launched 159 times")."""
    return bool(claim.subject) and head(claim.subject) == "time"


def counted(claim: Claim, fact: Fact, found: Profile, frame: Frame, ctx: Context) -> str | None:
    """'same', 'other group' (soldiers against a toll of civilians), 'other thing' ("12
    villages" against a toll of people), or None when nothing tells. Either 'other' is never
    compared."""
    bare = claim.kind in (Kind.COUNT, Kind.QUANTITY, Kind.NUMBER) and not claim.unit
    if bare and not claim.subject and (group := _said_to_be(ctx)):
        # "Of those infected, 62 are children under 15": the children among a count
        return "same" if group & found.counted else "other group"
    if not claim.kind.counts:
        return None
    if claim.kind is Kind.QUANTITY and claim.unit and _same_measure(claim.unit, fact.unit):
        if _per_said(ctx) != _per_unit(fact.unit) or _measure_of_another(fact, found, ctx):
            return "other thing"  # "a path of nearly 40 km" is no wind speed in km/h
        return "same"  # "200 millimetres" of rain and a fact in mm: the unit says it
    if _same_unit(claim, fact):
        # "6.5 square kilometres" of a fact in km2, "420 megawatts" in MW, unless the words
        # before say it measures another thing ("its cable can carry 520 megawatts")
        return "other thing" if _measure_of_another(fact, found, ctx) else "same"
    if claim.kind is Kind.COUNT and _of_another(fact, found, ctx):
        return "other thing"  # "about 4,300 pairs of puffins" are no guillemots' pairs
    said = head(claim.subject) if claim.subject else head(claim.unit)  # (the unit is the
    # subject's first word: "people plans" counts people in general, not plans)
    if said is None and frame.counted and frame.counted.origin == "change":
        said = frame.counted.value  # the figure the change starts from counts the same things
    counted = head(fact.unit)
    if counted == "premise" and HOMES_AND_BUSINESSES.match(ctx.sentence, ctx.span[1]):
        return "same"  # "48,000 homes and businesses" are premises
    if counts_times(claim):  # "the station launched 159 times": launches, what its clause did
        verb = DONE.search(ctx.sentence, ctx.clause[0], ctx.span[0])
        unit = {stem(w) for w in normalize(fact.unit or "").split()}
        return "same" if verb and unit == {stem(verb[1])} else "other thing"
    subject = tuple(normalize(claim.subject or "").split())
    if subject and any(_within(phrase, subject) for phrase in found.metric_words):
        return "same"  # "1,150 job cuts" counts the job cuts a fact of job cuts counts
    if said and stems(fact.metric) == {said}:
        return "same"  # "13,270 arrivals": what the fact's metric counts, in its one word
    if said and counted:
        same = said == counted or (said in GROUP_OF and GROUP_OF.get(counted) == GROUP_OF[said])
        same = same or (
            any(said == p + counted for p in COMPOUND_PREFIXES)
        )  # "oiled seabirds" are birds ("firefighters" are no fighters, "mushrooms" no rooms)
        return "same" if same else "other thing"
    if said and said not in GROUP_OF and stems(fact.unit) <= stems("people person"):
        return "other thing"
    generic = claim.subject or claim.unit
    if not said and counted in HOMES and generic and stems(generic) <= GENERIC_STEMS:
        return "other thing"  # "about 3.1 million people", "140,000 residents": no properties
    groups = counted_groups(stems(claim.subject) | stems(claim.unit))
    if not groups:
        return None
    if groups & found.counted:
        return "same"
    if found.counted:
        return "other group"
    # A fact counting people in general counts no group of them: "30 million fewer workers"
    # is not a population, "seven soldiers were killed" not a toll of 31 people (the dead,
    # the victims are the people of a toll).
    if fact.unit and stems(fact.unit) <= GENERIC_STEMS and not groups <= VICTIMS:
        return "other group"
    return None


# A count said to be of a group after it: "62 are children", "12 were soldiers".
SAID_TO_BE = re.compile(r"\s+(?:are|were|was|is)\s+(?:all\s+)?([^\W\d]+)")


def _said_to_be(ctx: Context) -> set[int]:
    """The counted groups a figure with no noun of its own is said to be ("62 are children")."""
    said = SAID_TO_BE.match(ctx.sentence, ctx.span[1])
    return counted_groups(stems(said[1])) if said else set()


# "kg of fuel", "pairs of puffins", "pairs of the island's Atlantic puffins": the measure, then
# the (at most two) words of what it measures, after any determiner or possessive.
UNIT_OF = re.compile(
    r"[\s-]*([^\W\d]+)\.?\s+of\s+(?:(?:the|its|their|[^\W\d]+['\u2019]s)\s+)*"
    r"([^\W\d]+)(?:\s+([^\W\d]+))?"
)


def _of_another(fact: Fact, found: Profile, ctx: Context) -> bool:
    """Whether a figure counts a measure of something ("pairs of puffins", "bags of rice")
    the fact's words do not name (a measure that is no counted group: "residents of coastal
    villages" are people)."""
    of = UNIT_OF.match(ctx.sentence, ctx.span[1])
    if of is None or stems(of[1]) & GROUP_OF.keys():
        return False
    what = [stems(w) for w in (of[2], of[3]) if w and stems(w)]
    own = stems(" ".join((*found.words, fact.unit or "", fact.metric.replace("_", " "))))
    return bool(what) and not any(w <= own for w in what)


# What a measure is of, said just before it in its clause: a possessive ("the lake's total
# area is", "its cable can carry") or the measure's own "of" ("the area of the whole lake
# at"), with a few words between and no word that opens another phrase ("its banks after
# more than 200 millimetres of rain" says what the rain did, not what the banks measure).
MEASURED = re.compile(
    r"\b(?:([^\W\d]+)['\u2019]s|(its|their)|(?:" + "|".join(MEASURE_NOUNS) + r")\s+of)\s+"
    r"((?:(?!(?:" + "|".join(OPENING_WORDS) + r")\b)[^\W\d]+\s+){0,4})$"
)


def _measure_of_another(fact: Fact, found: Profile, ctx: Context) -> bool:
    """Whether the words a measure is said of name none of the fact's own words (its subject,
    keywords and metric, less its place): "the lake's total area is 6.5 square kilometres"
    is no algae bloom's area, "its cable can carry 520 megawatts" no wind farm's capacity."""
    mark = MEASURED.search(ctx.sentence[ctx.clause[0] : ctx.span[0]])
    if mark is None:
        return False
    words = stems(mark[3]) - FUNCTION_STEMS
    metric = stems(" ".join(" ".join(p) for p in found.metric_words))
    own = (stems(" ".join(found.words)) - stems(fact.place)) | metric
    if mark[1] and not stems(mark[1]) <= own:  # a possessor that is not the fact's
        return not words & (own - metric)  # ... unless its thing is ("Velsk's tram line")
    return bool(words) and not words & own


FUNCTION_STEMS = stems(" ".join(FUNCTION_WORDS) + " is are was were be been can could will")


# Never a count of people (a plural s dropped: "properties" is "propertie").
HOMES = frozenset(stems("home house dwelling household property properties premises"))
VICTIMS = frozenset(counted_groups(stems("victims casualties dead")))


def _within(phrase: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether a phrase of two words or more stands in a row in `words`."""
    return len(phrase) > 1 and in_a_row(words, phrase)


def _inside(value: str, period: str) -> bool:
    """Whether a period lies inside another, longer one: a day or a month of its year, a day
    of its span (a split year taken as its two calendar years). A month is no day of a span:
    a span is what a figure adds up over ("18,900 parcels" over a winter are not January's)."""
    first, last = period_start(period), period_end(period)
    start, end = period_start(value), period_end(value)
    if len(start) < len(first) or len(end) < len(last) or value == period:
        return False
    if is_span(period) and (is_span(value) or len(value) < len("2025-01-01")):
        return False
    return start[: len(first)] >= first and end[: len(last)] <= last


def period_gate(frame: Frame, fact: Fact, found: Profile, hints: Hints) -> str | None:
    """A series figure is about one period: the claim's must be the same, at the same
    precision (a month's inflation is not the year's). Without a period of its own, a level
    (a population, an economy's size) is about the latest period before the article's date;
    a rate is not checked."""
    period = frame.period
    if period is None or period.origin in ("from", "compared"):
        return "no period"
    if period.value == "part of a year":
        return "sub-annual"
    if period.origin == "article":
        if fact.unit == "%" and series(fact) not in hints.single:
            return "no period"
        if _stale(fact, hints):
            return "period"
        return None if hints.latest.get(series(fact)) == fact.period else "period"
    value = period.value
    if frame.to_come:  # "from 4 May": the figure of a period it begins in
        first = period_start(fact.period)  # (a month's figure must be that very month's)
        return None if first == value[: len(first)] else "period"
    if len(value) != len(fact.period):
        if _month_end(value) == fact.period:
            return None  # "1,873 at the end of March": the level a month's figure is read at
        if is_span(value) and _names(fact, value):
            return None  # "a budget of £412 million for 2025-26": "budget 2025-26", of 2025
        rate_of_a_part = fact.unit == "%" and len(value) < len("2025-01-01")
        if series(fact) in hints.lone and not rate_of_a_part and _inside(value, fact.period):
            return "within"  # "worth £212 million when signed on 14 June 2022": its 2022 figure
            # (a rate only on a day it was said: March's unemployment rate is not the year's)
        return "precision"
    return None if value == fact.period else "period"


def _month_end(day: str) -> str | None:
    """The month a day ends ("2025-03-31": "2025-03"), if it is a month's last."""
    if not DAY.fullmatch(day):
        return None
    year, month = int(day[:4]), int(day[5:7])
    return day[:7] if int(day[8:]) == calendar.monthrange(year, month)[1] else None


DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _names(fact: Fact, period: str) -> bool:
    """Whether a fact's subject or a keyword names a period as written ("budget 2025-26",
    "2025/26", "2025–26")."""
    return any(period in SPLIT_SEPARATOR.sub("-", text) for text in (fact.subject, *fact.keywords))


SPLIT_SEPARATOR = re.compile(r"(?<=\d)[/\u2013](?=\d)")


ALONE = re.compile(r"\s+alone\b")


# A part of a year no reference period can be: "in the first half of the year", "in the
# second quarter", "in the first nine months".
# "the first eight months": two to eleven of them, in words or digits
MONTHS_OF_A_YEAR = "|".join(SMALL_NUMBER_WORDS[2:12]) + r"|[2-9]|1[01]"
PART_OF_YEAR = re.compile(
    r"\b(?:(?:first|second|third|fourth|final|last)\s+(?:half|quarter)|"
    rf"(?:first|last)\s+(?:{MONTHS_OF_A_YEAR})\s+months|q[1-4]|h[12])\b"
)


def part_of_period(frame: Frame, fact: Fact, found: Profile, ctx: Context) -> bool:
    """ "Arrivals in May alone reached 6,050": a month's share of a longer tally, compared
    only with a fact of that very month, never with the tally; a half or a quarter of a year,
    which no reference period is, only with a fact whose words name it ("third-quarter
    results")."""
    part = PART_OF_YEAR.search(ctx.sentence, *ctx.clause)
    if part is not None:
        return not set(part.group().split()) <= found.words
    period = frame.period
    if period is None or period.origin != "clause" or period.end is None:
        return False
    if len(str(period.value)) != 7 or not ALONE.match(ctx.article, period.end):
        return False
    return fact.period != period.value


def other_season(found: Profile, ctx: Context) -> bool:
    """Whether the claim's clause names a season and the fact's words only another: "a
    further 7% of their colonies had been lost over the summer" is no winter's loss."""
    said = SEASONS.intersection(tokens(ctx.sentence[slice(*ctx.clause)]).words)
    own = SEASONS & found.words
    return bool(said and own and not said & own)


def _stale(fact: Fact, hints: Hints) -> bool:
    """A year of a series of the source's own (a gallery's visitors) older than the year
    before the article's: an undated figure of a story ("it received 640,000 visitors", in
    January 2026) is of the year just ended, not the last the references hold. Statistics
    offices' series (population, GDP) lag by years and are read as the latest."""
    if fact.metric in METRIC_WORDS or hints.year is None:
        return False
    if is_span(fact.period) and not YEAR_RANGE.match(fact.period):
        # a season or a split year that ended in an earlier year than the article's: a
        # later one has begun ("260 cm of snow" in April 2025 is no 2023-24 season's)
        return period_end(fact.period)[:4] < hints.year
    if len(fact.period) != 4:
        return False
    return fact.period.isdigit() and int(fact.period) < int(hints.year) - 1


def other_end(claim: Claim, fact: Fact, found: Profile, ctx: Context) -> bool:
    """A date said with one end of an event ("finishes on July 27") against a fact of its
    other end (a start date, by its metric, subject or keywords), and not of both."""
    if not claim.is_date:
        return False
    said = set(tokens(ctx.sentence[ctx.window[0] : ctx.window[1]]).words)  # its own stretch
    about = found.words.union(tokens(fold(fact.metric)).words)
    claim_ends = (bool(said & START_WORDS), bool(said & END_WORDS))
    fact_ends = (bool(about & START_WORDS), bool(about & END_WORDS))
    return claim_ends in ((True, False), (False, True)) and fact_ends == claim_ends[::-1]


# A date's own verb and what did it, in its clause: "(and that) its online outage map crashed
# on 25 January": the words after the last word that opens a clause, then a verb in the past.
DATE_DOER = re.compile(
    r"(?:^|[,;]|\b(?:and|but|that|which|while|when|after|before|as)\b)"
    r"((?:\s+(?!(?:and|but|that|which|while|when|after|before|as)\b)[a-z'\u2019-]+)*?)"
    r"\s+([a-z]{3,}ed)\s+(?:on|in)\s+(?:the\s+)?$"
)
DOER_STOP_WORDS = frozenset("it its they their this these those he his she her we our".split())


def other_doer(claim: Claim, fact: Fact, found: Profile, ctx: Context) -> bool:
    """A date said as the day something named did a thing ("its online outage map crashed
    on 25 January") against a date fact none of whose words (subject, keywords, metric) is
    that thing or that verb: the storm's day, the day a review was published, are no day a
    map crashed. A pronoun says nothing ("it struck on 3 March")."""
    if not (claim.is_date and fact.is_date):
        return False
    said = DATE_DOER.search(ctx.sentence, ctx.clause[0], ctx.span[0])
    if said is None:
        return False
    doer = stems(said[1]) - FUNCTION_STEMS - stems(" ".join(DOER_STOP_WORDS))
    about = stems(" ".join((*found.words, fact.metric.replace("_", " "), *fact.aliases)))
    return bool(doer) and not (doer | {stem(said[2])}) & about


OTHER_EVENT_YEARS = 1  # a date further than this from an event's date is of another event


def other_event(claim: Claim, frame: Frame, fact: Fact, hints: Hints, ctx: Context) -> bool:
    """A claim dated years away from the fact's event is about another event: a date
    ("last produced a destructive earthquake in 1978") or a count its sentence dates ("The
    quake of April 2012, which killed 57 people" is not the 2024 quake's toll)."""
    if _other_kind(fact, ctx):
        return True
    known = hints.event_years.get(event_of(fact))
    if claim.is_date:  # a wrong year for an event the sentence names is an error, not another
        dated = {str(fact.value)} if fact.is_date else known  # or the years its name gives
        apart = bool(dated) and _apart(str(claim.value), dated)
        return apart and not named_in_window(fact, ctx)
    if frame.earlier is not None and known and hints.year in known:
        return True  # "at the previous election" is not this year's election
    period = frame.period
    if fact.is_series or period is None or period.origin == "article":
        return False
    if len(period.value) == 4 and period.origin in ("clause", "sentence"):
        # a year the claim's own text gives is the event's year or another's ("last year,
        # when drought cut the wheat harvest to 2.9 million tonnes": not the 2025 harvest);
        # a day it gives may be when a figure of last year's event was said
        return bool(known) and period.value not in known
    return bool(known) and _apart(period.value, known)


# A proper name before a head noun: "Dunmere Airport", "St Mary's Hospital".
NAMED = r"((?:[A-Z][\w'’.-]*\s+)+)"


def other_namesake(fact: Fact, ctx: Context) -> bool:
    """Whether the claim's sentence, before it, last names another thing of the kind the fact's
    subject is ("Dunmere Airport, 40 miles to the south, handled 5.1 million passengers"
    against Marlcaster Airport's count): the head of the fact's subject ("Airport") after a
    name none of whose words the fact's subject, aliases, place or keywords hold."""
    heads = {name.split()[-1] for name in (fact.subject, *fact.aliases) if len(name.split()) > 1}
    place = stems(fact.place or "")
    heads = {  # a kind of thing ("Airport", "Council"), not a name ("Dunfallow", "Kazakhstan")
        h
        for h in heads
        if h[:1].isupper()
        and h.lower() not in FUNCTION_WORDS
        and not stems(h) & place
        and not known_place(h)
    }
    if not heads:
        return False
    before = ctx.original[: ctx.span[0]]  # (the folded sentence keeps no capitals)
    found = list(re.finditer(NAMED + rf"(?:{'|'.join(map(re.escape, heads))})\b", before))
    if not found:
        return False
    own = stems(" ".join((fact.subject, *fact.aliases, fact.place or "", *fact.keywords)))
    said = stems(found[-1][1]) - FUNCTION_STEMS
    return bool(said) and not said & own


PROPOSED = re.compile(  # "proposed a fine of", "offered a", "sought damages of"
    rf"\b({'|'.join(PROPOSAL_WORDS)})\s+(?:(?:an?|the|its|their)\s+)?"
    r"(?:(?:[a-z]+\s+){1,2}?(?:of|at)\s+)?$"
)


def proposed_not_decided(fact: Fact, ctx: Context) -> bool:
    """Whether the figure is said as one put forward ("It had first proposed a fine of
    £500,000") and the fact's metric is not of that stage (the fine imposed, not
    "proposed_fine")."""
    found = PROPOSED.search(ctx.sentence, max(ctx.clause[0], ctx.span[0] - 48), ctx.span[0])
    return found is not None and found[1] not in fact.metric.split("_")


# "the average rent for a room ... reaching £212": an average said before its noun, in the
# figure's clause (not "an average of", a fact's modifier, nor "above average"; nor the verb,
# "inflation averaged 16.5% last year" being the year's rate).
AVERAGE_SAID = re.compile(r"(?<!above )(?<!below )\baverage\s+(?!of\b)[a-z]")


def average_of_another(fact: Fact, ctx: Context) -> bool:
    """Whether the figure is said as an average ("the average rent for a room ... reaching
    £212") and nothing of the fact says it is one: a standard room's listed rent is no
    average of rooms."""
    found = AVERAGE_SAID.search(ctx.sentence, ctx.clause[0], ctx.span[0])
    if found is None or not ctx.own(found.start()):
        return False
    names = (fact.metric.replace("_", " "), fact.subject, *fact.aliases, *fact.keywords)
    said = set(tokens(fold(" ".join((*names, fact.note or "")))).words)
    return not said & set(AVERAGE_WORDS)


# A figure of either of two things, just after it: "close to 5,000 missed or cancelled buses",
# "120 dead or missing" (not "5,000 more or less").
EITHER = re.compile(r"\s+(?:people\s+)?([a-z]+)\s+or\s+([a-z]+)\b")
NOT_EITHER = frozenset("more less so thereabouts".split())


def one_of_either(fact: Fact, found: Profile, ctx: Context) -> bool:
    """Whether the figure counts either of two things ("close to 5,000 missed or cancelled
    buses") and the fact names one of them only: a figure of both is no figure of one."""
    said = EITHER.match(ctx.sentence, ctx.span[1])
    if said is None or {said[1], said[2]} & (NOT_EITHER | FUNCTION_WORDS):
        return False
    own = stems(" ".join((*found.words, fact.metric.replace("_", " "), fact.unit or "")))

    def named(word: str) -> bool:
        return bool(stems(word) & own or counted_groups(stems(word)) & found.counted)

    return named(said[1]) != named(said[2])


def _other_kind(fact: Fact, ctx: Context) -> bool:
    """The claim's sentence names a kind of incident (a crash) and the fact's event is only of
    other kinds (an attack), and does not name the fact's event: "Separately, 4 people were
    killed in a road crash" is no figure of the attack the article spoke of before."""
    said = said_families(ctx)
    if not said:
        return False
    known = fact_families(fact)
    return bool(known) and not said & known and not named_in_window(fact, ctx)


def years_in(dates) -> list[int]:
    """The years of those of `dates` (ISO strings) that begin with one."""
    return [int(d[:4]) for d in dates if d[:4].isdigit()]


def _apart(said: str, known) -> bool:
    """Whether a date lies more than OTHER_EVENT_YEARS from every one of `known` dates."""
    if not said[:4].isdigit():
        return False
    years = years_in(known)
    return bool(years) and all(abs(int(said[:4]) - y) > OTHER_EVENT_YEARS for y in years)


def dates_an_event(claim: Claim, ctx: Context) -> bool:
    """False for a date that bounds a period or sets a deadline ("by 2020", "since 2014")."""
    return not claim.is_date or not NOT_AN_EVENT.search(ctx.sentence[: ctx.span[0]])


def says_total(fact: Fact) -> bool:
    """A fact about a whole ("seats_total", "total seats"), not one of its parts: by its metric,
    subject or a keyword naming a whole ("total seats"); a bare keyword "total" says how a
    running total is spoken of, not that it is a whole of parts ("The appeal has raised GBP
    2.87 million")."""
    named = [k for k in fact.keywords if " " in k.strip()]
    return "total" in f"{fact.metric} {fact.subject} {' '.join(named)}".lower()


TOTAL = re.compile(r"\b(?:total|totals|totalled|totaled|in all|altogether|overall|all)\b")


def whole_gate(frame: Frame, fact: Fact, ctx: Context) -> bool:
    """A whole ("of the 120 seats") is compared with totals only, a part ("58 of") never with
    one; nor is a figure that does not say it is a total ("The Greens won 9 seats" is no
    count of the parliament's seats)."""
    total = says_total(fact)
    subset = frame.part is not None and not any(c.isdigit() for c in frame.part.value)
    if subset and frame.kind.counts:  # ("71.3% of them passed" is their rate: a whole's)
        return True  # "26 of those arrested" is a share of the arrested, not their count
    if frame.whole is not None or frame.part is not None:
        return (frame.whole is not None) != total
    return total and not TOTAL.search(ctx.sentence, *ctx.clause)


COORDINATED = re.compile(r"\b(?:and|or|but|while|whereas)\b")


# A measure's dimension said after its unit ("8 km long", "2 m deep"), and its name in a metric.
DIMENSIONS = {
    "long": "length",
    "wide": "width",
    "across": "width",
    "deep": "depth",
    "high": "height",
    "tall": "height",
}
_DIMENSIONS = "|".join(d for d in DIMENSIONS if d != "across")
DIMENSION_AFTER = re.compile(  # "18 metres across, ...", not "a path of 40 km across farmland"
    r"\s*(?:[^\W\d]+\.?\s+)?(?:(" + _DIMENSIONS + r")\b"
    r"|(across)(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|at|by)\b))"
)


def said_dimension(claim: Claim, ctx: Context) -> str | None:
    """The dimension a quantity is said of, by the word after its unit ("8 km long": length)."""
    if claim.kind is not Kind.QUANTITY:
        return None
    said = DIMENSION_AFTER.match(ctx.sentence, ctx.span[1])
    return DIMENSIONS[said[1] or said[2]] if said else None


def other_dimension(claim: Claim, metric: str, ctx: Context) -> bool:
    """Whether a quantity said of one dimension ("a strip about 8 km long") is checked against
    a fact whose metric names another ("strewn_field_width")."""
    said = said_dimension(claim, ctx)
    named = set(DIMENSIONS.values()) & set(metric.split("_"))
    return said is not None and bool(named) and said not in named


def other_metric(claim: Claim, frame: Frame, found: Profile, ctx: Context, own: tuple = ()) -> bool:
    """The claim's own clause says what its figure measures, and it is not the fact's metric
    (by its words, or the keywords of its own, `own`): "Of the homes destroyed, only 1,350
    houses have been rebuilt" is no count of destroyed homes; a "65,000-capacity" stadium's
    figure is no crowd; "registered to vote" says a count of registered voters, not votes."""
    if frame.metric is not None and frame.metric.origin == "compound":
        said = frame.metric.value
        return not any(said in phrase or said + "s" in phrase for phrase in found.metric_words)
    if claim.category or frame.metric is None or frame.metric.origin != "clause":
        return False
    lo, hi = ctx.clause
    if frame.metric.start - ctx.offset < ctx.window[1] and frame.part is None:
        # A figure with a metric word of its own before the next figure: the words past that
        # figure are its ("About 1,200 homes were destroyed and nearly 7,000 damaged"), unlike
        # a metric two figures share ("seven soldiers and 63 militants were killed").
        hi = min(hi, ctx.window[1])
    said_at = frame.metric.start - ctx.offset
    joined = [
        m.end() for m in COORDINATED.finditer(ctx.sentence, max(lo, ctx.window[0]), ctx.span[0])
    ]
    if joined and said_at >= joined[-1]:
        # ... and the words before the "and" that joins it on, when its own metric word
        # follows: "About 1,200 homes were destroyed and nearly 7,000 damaged".
        lo = joined[-1]
    return not any(
        lo <= h < hi and not ctx.leads_next(h, phrase)
        for phrase in (*found.metric_words, *own)
        for h in ctx.here(phrase)
    )
