"""Matching: which reference facts are about the same thing as a claim?

Property by property. First the gates (`GATES` below): the fact must state the same kind of
figure in the same metric, count the same things, and, for a figure of a series (a year's
population), be about the claim's place and period; a forecast is checked against nothing.
Then the scored rules of `rules.RULES`: the fact's event named in the claim's sentence, its
keywords near, the article's earlier words and title (the article as a prior), the counted
group, the year, the place. Below the threshold nothing matches and the claim is unverifiable,
never guessed; the gate a near candidate failed is the reason given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Claim, Fact, Frame, Kind
from ..vocabulary.places import place_key
from ..vocabulary.text import normalize, significant_words, stems
from ..vocabulary.words import CATEGORY_METRICS, EVENT_WORDS, GENERIC_METRICS, METRIC_WORDS
from .context import Context
from .frames import COUNTED_STEMS, GROUP_OF, counted_groups, head
from .rules import NEAR_BEFORE, PARAMS, POSITION, RULES, WEIGHTS

PARENTHESES = re.compile(r"\s*\([^)]*\)")  # "Fall of Kabul (2021)" is named "Fall of Kabul"
NOT_AN_EVENT = re.compile(r"(?:\b(?:by|until|till|since|before|after)\s+(?:the\s+end\s+of\s+)?)$")


@dataclass(frozen=True)
class Match:
    fact: Fact
    score: float


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


@lru_cache(maxsize=65536)
def profile(fact: Fact) -> Profile:
    """The fact's matching profile (cached across articles)."""
    names = (PARENTHESES.sub("", fact.subject), *fact.aliases)
    terms = [normalize(k) for k in fact.keywords]
    described = stems(fact.unit).union(*(stems(t) for t in terms))
    places = frozenset(map(place_key, place_names(fact.place)))
    return Profile(
        names=tuple(tuple(t.split()) for t in map(normalize, names) if t),
        keywords=tuple(tuple(t.split()) for t in terms if t and not stems(t) <= COUNTED_STEMS),
        counted=frozenset(counted_groups(described)),
        metric_words=tuple(tuple(normalize(w).split()) for w in _metric_words(fact) if w),
        places=places,
    )


def _metric_words(fact: Fact) -> tuple[str, ...]:
    """Words that say the fact's metric; a generic metric ("count") takes the detail its
    subject gives in parentheses ("Lorvan school kidnapping (students released)")."""
    if fact.metric in METRIC_WORDS:
        return METRIC_WORDS[fact.metric]
    detail = PARENTHESES.search(fact.subject)
    if fact.metric in GENERIC_METRICS:
        if not detail:
            return ()
        words = significant_words(normalize(detail.group()))
        return tuple(w for w in words if stems(w) - COUNTED_STEMS)
    words = [w for w in fact.metric.split("_") if w != "total"]
    return (" ".join(words),)  # a metric of the source's own: its name says it


def place_names(place: str | None) -> tuple[str, ...]:
    """A fact's place and, for "Teravan, Corvenia", each of its parts: the province is named
    in an article as "Teravan" as often as with its country."""
    if not place:
        return ()
    parts = [p.strip() for p in place.split(",") if p.strip()]
    return (place, *parts) if len(parts) > 1 else (place,)


def named_in_window(fact: Fact, ctx: Context) -> bool:
    """Whether the fact's event is named in the claim's own stretch of its sentence."""
    lo, hi = ctx.window
    return any(lo <= h < hi for phrase in profile(fact).names for h in ctx.here(phrase))


def event_of(fact: Fact) -> str:
    """The event a fact is about: its subject without a parenthetical detail."""
    return normalize(PARENTHESES.sub("", fact.subject))


@dataclass(frozen=True)
class Hints:
    """What the rest of the article and the candidates tell: the events of the counts beside
    a date (`partners`), the years the candidates date each event to (`event_years`), and
    the latest period of each series before the article's date (`latest`)."""

    partners: frozenset[str] = frozenset()
    event_years: Mapping[str, frozenset[str]] = field(default_factory=dict)
    latest: Mapping[tuple, str] = field(default_factory=dict)
    metric_keywords: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    year: str | None = None  # the article's year

    @classmethod
    def from_facts(cls, facts: list[Fact], before: str | None = None) -> Hints:
        years: dict[str, set[str]] = {}
        latest: dict[tuple, str] = {}
        by_subject: dict[str, list[Fact]] = {}
        for fact in facts:
            by_subject.setdefault(fact.subject, []).append(fact)
            if fact.is_date:
                years.setdefault(event_of(fact), set()).add(str(fact.value)[:4])
            elif fact.period and before and fact.period < before[: len(fact.period)]:
                key = _series(fact)
                latest[key] = max(latest.get(key, ""), fact.period)
        own = {f.id: words for group in by_subject.values() for f, words in _own_keywords(group)}
        return cls(
            event_years={k: frozenset(v) for k, v in years.items()},
            latest=latest,
            metric_keywords=own,
            year=before[:4] if before else None,
        )


def _own_keywords(facts: list[Fact]):
    """The keywords of each fact of one subject beyond those all its facts share: what says
    its metric ("power", "customers" for a storm's outages) rather than its event."""
    if len(facts) < 2:
        return
    keys = [dict.fromkeys(normalize(k) for k in f.keywords) for f in facts]
    shared = set(keys[0]).intersection(*keys[1:])
    for fact, words in zip(facts, keys, strict=True):
        own = [w for w in words if w and w not in shared and not stems(w) <= COUNTED_STEMS]
        yield fact, tuple(tuple(w.split()) for w in own)


def _series(fact: Fact) -> tuple:
    return (normalize(fact.subject), fact.metric, fact.unit or "", profile(fact).places)


# -- gates: what must agree ---------------------------------------------------------------------


def _unit_class(unit: str | None) -> str:
    """'%', a currency code, or what is counted."""
    if unit == "%":
        return "percent"
    return "money" if unit and len(unit) == 3 and unit.isupper() else "count"


def kind_fits(claim: Claim, fact: Fact) -> str | None:
    """A date needs a date fact; a percentage a percentage, money the same currency; a count a
    count of the same category (a death toll is never checked against the injured)."""
    if claim.is_date or fact.is_date:
        return None if claim.is_date and fact.is_date else "kind"
    kind = "count" if claim.kind.counts else claim.kind.value
    if _unit_class(fact.unit) != kind:
        return "kind"
    if claim.kind is Kind.QUANTITY and claim.unit and not _same_measure(claim.unit, fact.unit):
        return "kind"  # "185 km/h" is no count of people, "10 km" no magnitude
    if kind == "money" and fact.unit != claim.unit:
        return "currency"
    if claim.category and fact.metric not in CATEGORY_METRICS.get(claim.category, {claim.category}):
        return "kind"
    return None


def _same_measure(said: str, unit: str | None) -> bool:
    """A measured quantity's unit ("km") is the fact's, or begins it ("km/h")."""
    return bool(unit) and normalize(unit).split()[:1] == normalize(said).split()[:1]


def _counted(claim: Claim, fact: Fact, found: Profile) -> str | None:
    """'same', 'other group' (soldiers vs civilians), 'other thing' ("12 villages" against a
    toll of people), or None when nothing tells."""
    if not claim.kind.counts:
        return None
    said = head(claim.subject) or head(claim.unit)
    counted = head(fact.unit)
    if said and counted:
        same = said == counted or (said in GROUP_OF and GROUP_OF.get(counted) == GROUP_OF[said])
        return "same" if same else "other thing"
    if said and said not in GROUP_OF and stems(fact.unit) <= stems("people person"):
        return "other thing"
    groups = counted_groups(stems(claim.subject) | stems(claim.unit))
    if not groups:
        return None
    if groups & found.counted:
        return "same"
    return "other group" if found.counted else None


def _period_gate(frame: Frame, fact: Fact, found: Profile, hints: Hints) -> str | None:
    """A series figure is about one period: the claim's must be the same, at the same
    precision (a month's inflation is not the year's). Without a period of its own, a level
    (a population, an economy's size) is about the latest period before the article's date;
    a rate is not checked."""
    period = frame.period
    if period is None:
        return "no period"
    if period.value == "part of a year":
        return "sub-annual"
    if period.origin == "article":
        if fact.unit == "%":
            return "no period"
        return None if hints.latest.get(_series(fact)) == fact.period else "period"
    value = period.value
    if len(value) != len(fact.period):
        return "precision"
    return None if value == fact.period else "period"


OTHER_EVENT_YEARS = 1  # a date further than this from an event's date is of another event


def _other_event(claim: Claim, frame: Frame, fact: Fact, hints: Hints, ctx: Context) -> bool:
    """A claim dated years away from the fact's event is about another event: a date
    ("last produced a destructive earthquake in 1978") or a count its sentence dates ("The
    quake of April 2012, which killed 57 people" is not the 2024 quake's toll)."""
    if claim.is_date:  # a wrong year for an event the sentence names is an error, not another
        apart = fact.is_date and _apart(str(claim.value), {str(fact.value)})
        return apart and not named_in_window(fact, ctx)
    known = hints.event_years.get(event_of(fact))
    if frame.earlier is not None and known and hints.year in known:
        return True  # "at the previous election" is not this year's election
    period = frame.period
    if fact.is_series or period is None or period.origin == "article":
        return False
    return bool(known) and _apart(period.value, known)


def _apart(said: str, known) -> bool:
    """Whether a date lies more than OTHER_EVENT_YEARS from every one of `known` dates."""
    if not said[:4].isdigit():
        return False
    years = [int(k[:4]) for k in known if k[:4].isdigit()]
    return bool(years) and all(abs(int(said[:4]) - y) > OTHER_EVENT_YEARS for y in years)


def dates_an_event(claim: Claim, ctx: Context) -> bool:
    """False for a date that bounds a period or sets a deadline ("by 2020", "since 2014")."""
    return not claim.is_date or not NOT_AN_EVENT.search(ctx.sentence[: ctx.span[0]])


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


def _names(x: Inputs, found: Profile, ctx: Context) -> None:
    for phrase in found.names:
        hits = ctx.here(phrase)
        if hits:
            x.name_here = max(x.name_here, max(ctx.weight(h, name=True) for h in hits))
        elif ctx.in_previous(phrase):
            x.name_here = max(x.name_here, POSITION["previous_sentence"])
        elif (distance := ctx.before(phrase)) is not None:
            x.name_near |= distance <= NEAR_BEFORE
            x.name_earlier |= distance > NEAR_BEFORE
        elif ctx.in_title(phrase):
            x.name_in_title = True


def _keywords(x: Inputs, found: Profile, ctx: Context) -> None:
    for phrase in found.keywords:
        hits = ctx.here(phrase)
        if hits:
            x.keywords_here += max(ctx.weight(h) for h in hits)
        elif ctx.in_previous(phrase):
            x.keywords_here += POSITION["previous_sentence"]
        elif (ctx.before(phrase) or NEAR_BEFORE + 1) <= NEAR_BEFORE:
            x.keywords_before += 1


def _metric_said(claim: Claim, fact: Fact, found: Profile, ctx: Context, hints: Hints):
    """For a figure with no category, how near its sentence says the fact's metric, by the
    metric's words or the fact's own keywords (None: nowhere, and the fact's metric is
    specific: "a convoy of 6 vehicles" is no toll)."""
    if claim.is_date or claim.category or not found.metric_words:
        return 0.0
    phrases = found.metric_words
    if fact.metric not in METRIC_WORDS:  # a metric of the source's own: its keywords say it
        phrases = (*phrases, *hints.metric_keywords.get(fact.id, ()))
    hits = [h for phrase in phrases for h in ctx.here(phrase) if ctx.own(h)]
    if hits:
        return max(ctx.weight(h) for h in hits)
    lead = ctx.lead  # the figure before, when nothing between gives this one its own verb
    if lead and any(lead[0] <= h < lead[1] for phrase in phrases for h in ctx.here(phrase)):
        return POSITION["inherited"]
    return None


def _says_total(fact: Fact) -> bool:
    """A fact about a whole ("seats_total", "total seats"), not one of its parts."""
    return "total" in f"{fact.metric} {fact.subject} {' '.join(fact.keywords)}".lower()


def _other_metric(claim: Claim, frame: Frame, found: Profile, ctx: Context) -> bool:
    """The claim's own clause says what its figure measures, and it is not the fact's metric:
    "Of the homes destroyed, only 1,350 houses have been rebuilt" is no count of destroyed
    homes; a "65,000-capacity" stadium's figure is no crowd."""
    if frame.metric is not None and frame.metric.origin == "compound":
        said = frame.metric.value
        return not any(said in phrase or said + "s" in phrase for phrase in found.metric_words)
    if claim.category or frame.metric is None or frame.metric.origin != "clause":
        return False
    lo, hi = ctx.clause
    return not any(lo <= h < hi for phrase in found.metric_words for h in ctx.here(phrase))


def _year(claim: Claim, fact: Fact, ctx: Context, hints: Hints) -> str | None:
    """A date's year names its event ("the 2019 flood"); so does a year beside a count."""
    if claim.is_date:
        return "same" if str(claim.value)[:4] == str(fact.value)[:4] else None
    known = hints.event_years.get(event_of(fact))
    if not (ctx.years and known) or fact.is_series:
        return None
    return "same" if ctx.years & known else "other"


def inputs(
    claim: Claim, frame: Frame, fact: Fact, ctx: Context, hints: Hints
) -> tuple[Inputs | None, str | None]:
    """The rules' inputs, or None and the name of the gate the fact fails."""
    gate = kind_fits(claim, fact)
    if gate:
        return None, gate
    if not dates_an_event(claim, ctx):
        return None, "deadline"
    if _other_event(claim, frame, fact, hints, ctx):
        return None, "other event"
    found = profile(fact)
    x = Inputs(claim, frame, fact)
    x.counted = _counted(claim, fact, found)
    if x.counted == "other thing":
        return None, "counted"
    said = _metric_said(claim, fact, found, ctx, hints)
    if (
        said is None
        and fact.metric not in GENERIC_METRICS
        or _other_metric(claim, frame, found, ctx)
    ):
        return None, "metric"
    x.metric_said = said or 0.0
    if frame.forecast is not None:
        return None, "forecast"
    if frame.per_capita is not None and "per" not in f"{fact.metric} {fact.unit or ''}":
        return None, "per capita"
    if (frame.whole is not None) != _says_total(fact) and (frame.whole or frame.part):
        return None, "whole"  # a whole is compared with totals only, a part never with one
    claim_place = frame.place.value if frame.place else None
    if found.places and claim_place:
        x.place = "same" if claim_place in found.places else "other"
    if fact.is_series:
        if x.place != "same":
            return None, "place"
        period = _period_gate(frame, fact, found, hints)
        if period:
            return None, period
        x.period = "same"
    _names(x, found, ctx)
    _keywords(x, found, ctx)
    x.partner = fact.subject in hints.partners
    x.year = _year(claim, fact, ctx, hints)
    own_place = x.place == "same" and frame.place.origin != "article"
    named = x.name_here or x.keywords_here or x.partner or own_place
    elsewhere = x.name_near or x.name_earlier or x.name_in_title or x.place == "same"
    positive = (x.counted == "same") or x.metric_said > 0
    if not (named or (elsewhere and positive)):
        return None, "evidence"
    return x, None


@dataclass(frozen=True)
class Evidence:
    """A fact's score for a claim in three parts: what the claim's own sentence says of it
    (`here`), what the rest of the article adds (`around`) and the claim's own properties
    (`rest`)."""

    here: float
    around: float
    rest: float

    def total(self, with_around: bool = True) -> float:
        value = self.here + (self.around if with_around else 0.0) + self.rest
        return round(max(0.0, min(1.0, value)), 3)


def evidence(x: Inputs) -> Evidence:
    """The weighted sum of the rules, by part; `around` counts only what the sentence does
    not already say (a name both here and in the title counts once)."""
    parts = {"here": 0.0, "around": 0.0, "rest": 0.0}
    for rule in RULES:
        parts[rule.part] += WEIGHTS[rule.name] * rule.feature(x)
    around = max(0.0, parts["around"] - WEIGHTS["name_here"] * x.name_here)
    return Evidence(parts["here"], around, parts["rest"])


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
    "kind", "deadline", "other event", "counted", "metric", "currency", "forecast",
    "per capita", "whole",
    "place",
    "evidence", "no period", "sub-annual", "precision", "period",
)  # fmt: skip  # fmt: skip


def best_matches(
    claim: Claim,
    frame: Frame,
    facts: list[Fact],
    ctx: Context,
    hints: Hints = Hints(),
) -> Outcome:
    """Facts at or above the threshold, best first, and every other source on the same thing.

    The rest of the article speaks for a fact only while the claim's sentence does not speak
    clearly more of another: "the riot erupted as a cholera outbreak has killed 120" is about
    the outbreak, even in an article about the riot.
    """
    found, failed = [], []
    for fact in facts:
        x, gate = inputs(claim, frame, fact, ctx, hints)
        if x is None:
            failed.append((GATE_ORDER.index(gate), fact))
        else:
            found.append((fact, evidence(x)))
    clearest = max((e.here for _, e in found), default=0.0)
    scored = [Match(f, e.total(e.here >= clearest - PARAMS["clearer"])) for f, e in found]
    passed = [m.fact for m in scored if m.score >= PARAMS["threshold"]]
    things = {p.thing for p in passed}
    kept = sorted(
        (m for m in scored if m.fact.thing in things), key=lambda m: (-m.score, m.fact.id)
    )
    if kept:
        rival = _rival_event(claim, frame, kept[0].fact, facts, ctx, hints)
        return Outcome(kept, rival=rival)
    if not failed:
        return Outcome([], "nothing")
    depth, near = max(failed, key=lambda f: (f[0], f[1].id))
    return Outcome([], GATE_ORDER[depth], near)


def _event_scores(
    claim: Claim, frame: Frame, facts: list[Fact], ctx: Context, hints: Hints
) -> dict[str, tuple[float, float, Fact]]:
    """How strongly the claim's sentence and article speak of each candidate event, on the
    event slot alone (names, keywords, the year), whatever its facts' metrics: by event,
    (here, total, a fact of it)."""
    scores: dict[str, tuple[float, float, Fact]] = {}
    for fact in facts:
        if _other_event(claim, frame, fact, hints, ctx):
            continue
        x = Inputs(claim, frame, fact)
        found = profile(fact)
        _names(x, found, ctx)
        _keywords(x, found, ctx)
        if claim.is_date == fact.is_date:
            x.year = _year(claim, fact, ctx, hints)
        e = evidence(x)
        event = event_of(fact)
        if e.total() > scores.get(event, (0.0, -1.0, None))[1]:
            scores[event] = (e.here, e.total(), fact)
    clearest = max((here for here, _, _ in scores.values()), default=0.0)
    return {  # the article speaks for an event only while the sentence speaks as much of it
        event: (here, total if here >= clearest - PARAMS["clearer"] else here, fact)
        for event, (here, total, fact) in scores.items()
    }


def _rival_event(claim, frame, best: Fact, facts, ctx, hints) -> Fact | None:
    """Another event of the same kind (another quake, another storm) that the claim's sentence
    speaks of about as much as the best fact's, even if the references hold no such figure on
    it: "It killed eight people ... and injured about 120", of the second of two quakes, is not
    the first quake's injured count because only the first has one."""
    scores = _event_scores(claim, frame, facts, ctx, hints)
    event = event_of(best)
    best_here, best_total, _ = scores[event]
    margin = PARAMS["event_margin"]
    rivals = [
        (total, fact)
        for other, (here, total, fact) in scores.items()
        if _same_kind(event, other)
        and here >= best_here - margin
        and total >= best_total - margin
        and here > 0
    ]
    return max(rivals, key=lambda r: (r[0], r[1].id))[1] if rivals else None


def _same_kind(event: str, other: str) -> bool:
    """Two different events of one kind: both quakes, both storms (not one inside the other's
    name, as a party's result inside its election)."""
    if other == event or other in event or event in other:
        return False
    return bool(EVENT_WORDS & set(event.split()) & set(other.split()))
