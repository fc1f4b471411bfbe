"""What matching knows of the candidate facts: each fact's profile (its names, keywords,
counted groups, metric words and places), and what the candidates tell together (`Hints`:
the years of each event, the latest period of each series, the keywords that say a fact's own
metric)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from ..model import Fact, is_span, period_end, period_start
from ..vocabulary.places import known_place, place_key
from ..vocabulary.qualifiers import GROUPS
from ..vocabulary.qualifiers import group as qualifier_group
from ..vocabulary.text import fold, normalize, significant_words, stems
from ..vocabulary.units import in_points
from ..vocabulary.words import (
    EVENT_FAMILY_OF,
    EVENT_WORDS,
    FUNCTION_WORDS,
    GENERIC_METRICS,
    METRIC_WORDS,
    ORDINALS,
    PERIOD_WORDS,
    RATE_ADJECTIVES,
    RATE_SAYINGS,
)
from .context import Context, tokens
from .frames import COUNTED_STEMS, counted_groups

PARENTHESES = re.compile(r"\s*\([^)]*\)")  # "Fall of Kabul (2021)" is named "Fall of Kabul"


@dataclass(frozen=True)
class Profile:
    """What matching needs of a fact, derived once: its name and keyword phrases, who it
    counts, the words of its metric and its place. Keywords that only say who was counted
    ("civilians") are left to the counted rule: they do not identify the event."""

    names: tuple[tuple[str, ...], ...]
    keywords: tuple[tuple[str, ...], ...]
    counted: frozenset[int]
    metric_words: tuple[tuple[str, ...], ...]
    places: frozenset[str]
    regions: frozenset[str]  # the places and those they lie in ("Teravan, Corvenia": Corvenia)
    modifier: str | None = None  # "average" of "average_attendance": said too, in the clause
    # "first quake" for the "first Sarrow Valley earthquake": a name in the claim's sentence
    # (or the one its pronoun means) only, as the article tells events of a series apart
    ordinals: tuple[tuple[str, str], ...] = ()
    words: frozenset[str] = frozenset()  # the folded words of its subject and keywords


@lru_cache(maxsize=65536)
def profile(fact: Fact) -> Profile:
    """The fact's matching profile (cached across articles)."""
    names = (PARENTHESES.sub("", fact.subject), *fact.aliases)
    terms = [normalize(k) for k in fact.keywords]
    unit = stems(fact.unit)
    described = unit.union(*(stems(t) for t in terms))
    places = frozenset(map(place_key, place_names(fact.place)))
    if not places and (subject := known_place(fact.subject)):
        places = frozenset({subject})  # a fact about "Pakistan" is about Pakistan
    parts = (p.strip() for p in (fact.place or "").split(",") if p.strip())
    phrases = tuple(tuple(t.split()) for t in map(normalize, names) if t)
    return Profile(
        names=phrases,
        keywords=tuple(
            tuple(t.split())
            for t in terms
            if t and not stems(t) <= COUNTED_STEMS | unit and not YEAR.fullmatch(t)
        ),  # a year is the event's date (`Hints.event_years`), not a word about it; the unit
        # ("tonnes") says what is counted (the counted rule's), not which event or series
        counted=frozenset(counted_groups(described)),
        metric_words=tuple(tuple(normalize(w).split()) for w in _metric_words(fact) if w),
        places=places,
        regions=places | frozenset(map(place_key, parts)),
        modifier=_modifier(fact.metric),
        ordinals=_ordinal_names(phrases, terms),
        words=frozenset(tokens(fold(" ".join((fact.subject, *fact.keywords)))).words),
    )


def _modifier(metric: str) -> str | None:
    """The word that makes a metric of the source's own a kind of a known one: "average" of
    "average_attendance", "record" of "record_attendance"."""
    first, _, base = metric.removesuffix("_date").partition("_")
    return first if base in METRIC_WORDS and first not in METRIC_WORDS else None


def _ordinal_names(names: tuple, terms: list[str]) -> tuple[tuple[str, str], ...]:
    """The short names an ordinal gives an event of a series: "the first quake" for the
    "first Sarrow Valley earthquake" (with each word of its kind its keywords use: quake,
    earthquake, tremor)."""
    kinds = EVENT_WORDS & {w for t in (*map(" ".join, names), *terms) for w in t.split()}
    found = {
        (word, kind)
        for name in names
        for word in name
        if word in ORDINALS and EVENT_WORDS & set(name)
        for kind in kinds
    }
    return tuple(sorted(found - set(names)))


def _metric_words(fact: Fact) -> tuple[str, ...]:
    """Words that say the fact's metric; a generic metric ("count") takes the detail its
    subject gives in parentheses ("Lorvan school kidnapping (students released)")."""
    if fact.metric in METRIC_WORDS:
        return METRIC_WORDS[fact.metric]
    if not fact.is_date and (modifier := _modifier(fact.metric)):  # "average_attendance"
        return METRIC_WORDS[fact.metric[len(modifier) + 1 :]]  # is said as an attendance
    detail = PARENTHESES.search(fact.subject)
    if fact.metric in GENERIC_METRICS:
        if not detail:
            return ()
        words = significant_words(normalize(detail.group()))
        return tuple(w for w in words if stems(w) - COUNTED_STEMS)
    words = [w for w in fact.metric.split("_") if w != "total"]
    name = " ".join(words)  # a metric of the source's own: its name says it, its bound in
    # any words of its qualifier group ("waiting over 52 weeks": "waiting more than 52 weeks")
    bound = next((w for w in words if qualifier_group(w) in ("above", "below")), None)
    if bound is None:
        head = _head_of_its_subject(fact.subject, words)
        if head:  # "reservoir_stocks" of "Northmoor Water reservoir stocks": "Stocks stood at"
            return (name, head)
        if len(words) > 1 and words[0].endswith("ed"):  # "proposed_fine": "proposed a fine"
            rest = " ".join(words[1:])
            return (name, *(f"{words[0]} {article} {rest}" for article in ("a", "an", "the")))
        return (name,)
    said = f" {name} "
    return tuple(
        dict.fromkeys(
            said.replace(f" {bound} ", f" {w} ").strip() for w in GROUPS[qualifier_group(bound)]
        )
    )


def _head_of_its_subject(subject: str, words: list[str]) -> str | None:
    """The last word of a metric of the source's own whose other words its subject says: the
    subject names the thing ("Northmoor Water reservoir stocks"), the head word its measure."""
    if len(words) < 2 or words[-1] in FUNCTION_WORDS:
        return None
    said = stems(subject)
    return words[-1] if stems(" ".join(words)) <= said else None


def place_names(place: str | None) -> tuple[str, ...]:
    """A fact's place and, for "Teravan, Corvenia", its first part: the province is named in
    an article as "Teravan" as often as with its country (but the country is not the place);
    islands by their name alone too ("Skarn boats", of the Skarn Islands)."""
    if not place:
        return ()
    first = place.split(",")[0].strip()
    isles = ISLANDS.fullmatch(first)
    names = (place, first, isles[1] if isles else first)
    return tuple(dict.fromkeys(n for n in names if n))


ISLANDS = re.compile(r"(?:the\s+)?(.+?)\s+(?:Islands|Isles)", re.IGNORECASE)


def named_in_window(fact: Fact, ctx: Context) -> bool:
    """Whether the fact's event is named in the claim's own stretch of its sentence."""
    lo, hi = ctx.window
    return any(lo <= h < hi for phrase in profile(fact).names for h in ctx.here(phrase))


def event_families(words: Iterable[str]) -> frozenset[str]:
    """The kinds of incident folded words name (`words.EVENT_FAMILIES`)."""
    return frozenset(EVENT_FAMILY_OF[w] for w in words if w in EVENT_FAMILY_OF)


def said_families(ctx: Context) -> frozenset[str]:
    """The kinds of incident the claim's sentence names, once per claim."""
    if "families" not in ctx.memo:
        ctx.memo["families"] = event_families(ctx.sentence_words)
    return ctx.memo["families"]


@lru_cache(maxsize=65536)
def fact_families(fact: Fact) -> frozenset[str]:
    """The kinds of incident a fact's event is of, by its subject, aliases and keywords."""
    return event_families(
        tokens(fold(" ".join((fact.subject, *fact.aliases, *fact.keywords)))).words
    )


def event_of(fact: Fact) -> str:
    """The event a fact is about: its subject without a parenthetical detail."""
    return _event(fact.subject)


@lru_cache(maxsize=65536)
def _event(subject: str) -> str:
    return normalize(PARENTHESES.sub("", subject))


@dataclass(frozen=True)
class Hints:
    """What the rest of the article and the candidates tell: the events of the counts beside
    a date (`partners`), the years the candidates date each event to (`event_years`), and
    the latest period of each series before the article's date (`latest`)."""

    partners: frozenset[str] = frozenset()
    event_years: Mapping[str, frozenset[str]] = field(default_factory=dict)
    latest: Mapping[tuple, str] = field(default_factory=dict)
    metric_keywords: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # Those of `metric_keywords` that say a subject whose facts all measure one thing: said
    # before the figure in its clause ("Adult social care remains the largest item, at ...").
    subject_keywords: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    year: str | None = None  # the article's year
    # The series the candidates hold one period of, published before the article: a rate with
    # no date of its own ("Hybrids took 31.2%") is about that one, the latest there is.
    single: frozenset[tuple] = frozenset()
    # The series the candidates hold one period of, whenever: a one-off figure dated by its
    # period ("a contract worth £212 million", 2022) rather than one period of many.
    lone: frozenset[tuple] = frozenset()
    # The candidates by class (`gates.fact_class`): a claim is matched against its own class
    # only, the others failing the kind gate whatever they are.
    by_class: Mapping[str, tuple[Fact, ...]] = field(default_factory=dict)
    # The events that another candidate event is of the same kind as (two quakes, two storms).
    with_rivals: frozenset[str] = frozenset()
    # The names of the candidates about one member of an event (a party in an election).
    member_names: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def from_facts(cls, facts: list[Fact], before: str | None = None) -> Hints:
        years: dict[str, set[str]] = {}
        latest: dict[tuple, str] = {}
        by_subject: dict[str, list[Fact]] = {}
        periods: dict[tuple, set[str]] = {}  # the periods the candidates hold of each series
        lengths: dict[tuple, set[tuple]] = {}  # how long its published periods are
        for fact in facts:
            by_subject.setdefault(fact.subject, []).append(fact)
            if fact.is_series:
                periods.setdefault(series(fact), set()).add(fact.period)
            if fact.is_date:
                years.setdefault(event_of(fact), set()).add(str(fact.value)[:4])
            if not fact.is_series and (named := named_years(fact.subject, fact.keywords)):
                years.setdefault(event_of(fact), set()).update(named)
            elif fact.period and before and _published_period(fact, before):
                key = series(fact)
                latest[key] = max(latest.get(key, ""), fact.period)
                lengths.setdefault(key, set()).add(period_length(fact.period))
        for key, held in lengths.items():
            if len(held) > 1 and any(span for span, _ in held):
                # a financial year's and a half-year's figures: which one an undated level is,
                # none can say ("61,240 parcels" is no half-year's 33,600)
                latest[key] = ""
        own = {f.id: words for group in by_subject.values() for f, words in _own_keywords(group)}
        _learn_keywords(facts, own)
        hints = cls(
            event_years={k: frozenset(v) for k, v in years.items()},
            latest=latest,
            metric_keywords=own,
            subject_keywords=_subject_keywords(by_subject, own),
            year=before[:4] if before else None,
            single=frozenset(
                k
                for k, v in periods.items()
                if len(v) == 1 and k in latest and _current(*v, before)
            ),
            lone=frozenset(k for k, v in periods.items() if len(v) == 1),
        )
        return hints.over(facts)

    def over(self, facts: list[Fact]) -> Hints:
        """These hints with the candidates by class and the events with rivals of `facts`,
        the candidates a claim is matched against (every `best_matches` call must be given
        hints over its own candidates)."""
        by_class: dict[str, list[Fact]] = {}
        for fact in facts:
            by_class.setdefault(fact_class(fact), []).append(fact)
        events = {event_of(f) for f in facts}
        return replace(
            self,
            by_class={k: tuple(v) for k, v in by_class.items()},
            with_rivals=frozenset(e for e in events if any(same_kind(e, o) for o in events)),
            member_names=frozenset(
                name for f in facts if is_member(f.subject) for name in profile(f).names
            ),
        )


MEMBER = re.compile(r"^(.+?)\s+in\s+(?:the\s+)?(.+)$")


@lru_cache(maxsize=65536)
def is_member(subject: str) -> bool:
    """Whether a fact is about one of several members of an event: a party in an election
    ("Green Coalition in the 2024 Drossen regional assembly election"). What the article says
    of the election speaks for every party alike: only the party's own name tells them apart."""
    found = MEMBER.match(_event(subject))
    return (
        bool(found)
        and not EVENT_WORDS & set(found[1].split())
        and bool(EVENT_WORDS & set(found[2].split()))
    )


YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@lru_cache(maxsize=65536)
def named_years(subject: str, keywords: tuple[str, ...]) -> frozenset[str]:
    """The years an event's name or a keyword dates it to ("2019 Drossen regional assembly
    election", "Gallow Ridge mine explosion, October 2024", keyword "2019"): as good as a date
    fact of it."""
    return frozenset(YEAR.findall(subject)) | {k for k in keywords if YEAR.fullmatch(k.strip())}


def _learn_keywords(facts: list[Fact], own: dict) -> None:
    """A fact alone of its subject (one party's vote share) takes as its own the keywords it
    shares with the own keywords of facts of its metric about other subjects ("share", "of
    the vote")."""
    by_metric: dict[str, set] = {}
    for fact in facts:
        by_metric.setdefault(fact.metric, set()).update(own.get(fact.id, ()))
    for fact in facts:
        if fact.id not in own and by_metric.get(fact.metric):
            mine = {tuple(normalize(k).split()) for k in fact.keywords}
            learned = tuple(sorted(mine & by_metric[fact.metric]))
            if learned:
                own[fact.id] = learned


def _subject_keywords(by_subject: Mapping[str, list[Fact]], own: Mapping) -> dict:
    """A subject whose facts all measure one thing of the source's own ("Harwick adult social
    care budget", "Merrow Energy customers") is said by the keywords no other subject has
    ("adult social care"; "supplies", "households"): its subject says its metric. By fact id,
    for the facts with no keywords of their own (`own`)."""
    said: dict[str, tuple[tuple[str, ...], ...]] = {}
    others: dict[str, set] = {}
    for subject, group in by_subject.items():
        for fact in group:
            for k in fact.keywords:
                others.setdefault(normalize(k), set()).add(subject)
    for subject, group in by_subject.items():
        metrics = {f.metric for f in group}
        if len(metrics) != 1 or next(iter(metrics)) in {*METRIC_WORDS, *GENERIC_METRICS}:
            continue
        for fact in group:
            if own.get(fact.id):  # its own keywords say its metric
                continue
            named = _names_of(fact)
            words = [
                w
                for w in dict.fromkeys(normalize(k) for k in fact.keywords)
                if others.get(w) == {subject} and _says_measure(w, named)
            ]
            if words:
                said[fact.id] = tuple(tuple(w.split()) for w in words)
    return said


def _names_of(fact: Fact) -> set[str]:
    """The fact's place, subject and aliases, normalised: who or where, not what is measured."""
    return {normalize(n) for n in (*place_names(fact.place), fact.subject, *fact.aliases)}


def _says_measure(word: str, named: set[str]) -> bool:
    """Whether a normalised keyword may say what is measured: not empty, not a name or place
    (`named`), not only what is counted, not a period ("2024", "last year", "so far this
    year": when a figure is of, never what it measures)."""
    if not word or word in named or stems(word) <= COUNTED_STEMS:
        return False
    return not any(c.isdigit() for c in word) and not set(word.split()) <= PERIOD_WORDS


def _own_keywords(facts: list[Fact]):
    """The keywords of each fact of one subject beyond those all its facts share: what says
    its metric ("power", "customers" for a storm's outages) rather than its event."""
    if len(facts) < 2:
        return
    keys = [dict.fromkeys(normalize(k) for k in f.keywords) for f in facts]
    shared = set(keys[0]).intersection(*keys[1:])
    for fact, words in zip(facts, keys, strict=True):
        named = _names_of(fact)
        own = [w for w in words if w not in shared and _says_measure(w, named)]
        yield fact, tuple(phrase for w in own for phrase in _sayings(w))


def _sayings(keyword: str) -> list[tuple[str, ...]]:
    """A normalised keyword as phrases, a rate's adjective with the ways a figure says it
    ("weekly": "a week", "per week")."""
    phrases = [tuple(keyword.split())]
    if noun := RATE_ADJECTIVES.get(keyword):
        phrases += [(word, noun) for word in RATE_SAYINGS]
    return phrases


CURRENT_DAYS = 92  # a month's or a day's figure this recent is an article's current one


def period_length(period: str) -> tuple[bool, int]:
    """Whether a period is a span, and how many months (or characters, for a day, month or
    year) it covers: a financial year and a half-year of one series are not alike."""
    if not is_span(period):
        return False, len(period)
    first, last = period_start(period), period_end(period)
    months = (int(last[:4]) - int(first[:4])) * 12
    if len(first) >= 7 and len(last) >= 7:
        months += int(last[5:7]) - int(first[5:7])
    return True, months


def _current(period: str, before: str | None) -> bool:
    """Whether a period is the article's current one: of its year ("2025" in September 2025),
    or a month or day of the last three months before it ("2025-10" in November); a span by
    its end ("2025-10/2026-02" in February 2026)."""
    if not before:
        return False
    first = period_start(period)
    if is_span(period) and first <= before[: len(first)] <= period_end(period):
        return True  # the article falls in it ("2025-26" in September 2025)
    period = period_end(period)
    if period[:4] == before[:4]:
        return True
    if len(period) == 4:
        return False
    first = date.fromisoformat(period + "-01" if len(period) == 7 else period)
    return 0 <= (date.fromisoformat(before[:10]) - first).days <= CURRENT_DAYS


def _published_period(fact: Fact, before: str) -> bool:
    """Whether a series figure's period is over before the article's date, or is the
    article's own period with the figure already published ("2,940 applications" to this
    year's round, announced before the article): a level the article may give undated."""
    first, last = period_start(fact.period), period_end(fact.period)
    over = last < before[: len(last)]  # a span by its ends: "2025-10/2026-02" is over by March
    own = first <= before[: len(first)] and last >= before[: len(last)]
    return over or (own and bool(fact.as_of) and fact.as_of <= before)


def series(fact: Fact) -> tuple:
    return (normalize(fact.subject), fact.metric, fact.unit or "", profile(fact).places)


def unit_class(unit: str | None) -> str:
    """'%', a currency code, or what is counted."""
    if unit == "%" or in_points(unit):
        return "percent"
    return "money" if unit and len(unit) == 3 and unit.isupper() else "count"


def fact_class(fact: Fact) -> str:
    """'date', 'percent', 'money' or 'count': what kind of claim a fact can check."""
    return "date" if fact.is_date else unit_class(fact.unit)


def same_kind(event: str, other: str) -> bool:
    """Two different events of one kind: both quakes, both storms (not one inside the other's
    name, as a party's result inside its election)."""
    if other == event or other in event or event in other:
        return False
    return bool(EVENT_WORDS & set(event.split()) & set(other.split()))
