"""Internal consistency: what an article says against what it says elsewhere, no reference needed.

Three kinds of finding over one article's claims and their frames:

- `restated`: the same count or date said twice differently ("12 people were killed" ... "the 11
  dead"; "the attack on March 18" ... "the March 19 attack");
- `parts_total`: parts that do not add up to their total ("41 ... and about 15 ..., a total of 50");
- `change`: a change that does not fit its two ends ("rose from 20% to 25%, an increase of 20%").

Figures are read as intervals by `compare.claim_interval`, so rounding and qualifiers are
respected ("nearly 600" ... "587" is no finding). A finding is an `error` when the figures cannot
both be true even read loosely, a `warning` when only the loose reading (a reporter's rounding,
points called per cent) makes them hold. When unsure whether two claims are about the same
thing, there is no finding. Pure and Flask-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from ..model import Claim, Frame, Kind
from ..vocabulary.changes import (
    COMPARATIVE_WORDS,
    DECREASE_WORDS,
    INCREASE_WORDS,
    MULTIPLES,
    TOTAL_AFTER,
    TOTAL_BEFORE,
    UPDATE_WORDS,
)
from ..vocabulary.qualifiers import GROUP_OF
from ..vocabulary.text import normalize, stems
from ..vocabulary.words import COUNTED_GROUPS, EVENT_WORDS
from .compare import Interval, claim_interval, describe
from .context import PRONOUN

ERROR, WARNING = "error", "warning"
MAX_SAME = 6  # at most this many figures of one kind and metric are read as restating each other
FLAGS = (
    "forecast",
    "whole",
    "part",
    "per_capita",
    "earlier",
    "stage",
)  # a frame slot that sets a claim apart (a publisher's earlier figure is no restatement)
CHANGE_SLACK = 0.10  # a loose reading of a relative change: within 10 % of it (at least 1 point)
MULTIPLE_STRICT, MULTIPLE_LOOSE = 0.05, 0.15  # "doubled": x1.9 to x2.1 holds, x1.7 only loosely
_WORDS = re.compile(r"[a-z]+")
_EVENT = "|".join(sorted(EVENT_WORDS))
EVENT_DATE = re.compile(rf"\b(?:{_EVENT})\s+(?:on|of)\s+(?:\w+\s+)?$")  # "the attack on <date>"
DATE_EVENT = re.compile(rf"^(?:,?\s*\d{{4}})?\s+(?:{_EVENT})\b")  # "the <March 19> bombing"
# A figure of the people or victims counted stands for a figure with no counted word ("the 11
# dead" restates "12 people were killed").
PEOPLE_STEMS = frozenset(
    w[:-1] if w.endswith("s") else w
    for g in COUNTED_GROUPS
    if "dead" in g or "people" in g
    for w in g.split()
)
SUBSET_WORDS = frozenset("them including included among most whom which who".split())  # "of them"
NAMED_PLACE = re.compile(r"\b[Ii]n\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
FROM = re.compile(r"\bfrom\s*$")
TO = re.compile(r"^\s*to\s*$")
CONNECTOR = re.compile(r"^[^.;:]{0,60}?(?:,|\band\b|\bplus\b)[^.;:]{0,40}$")
ONE_MORE = re.compile(
    r"\s+and\s+(?:their|his|her|its|a|an|one)\s+(?:[A-Za-z-]+\s+){0,2}?[a-z-]*[^s\W]\b(?!\s+\d)"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Finding:
    """One inconsistency: its type, severity, the spans it rests on, the arithmetic shown and
    a one-sentence explanation."""

    type: str
    severity: str
    claims: tuple[Span, ...]
    arithmetic: str
    explanation: str

    def as_dict(self) -> dict:
        return {
            "type": self.type,
            "severity": self.severity,
            "claims": [s.as_dict() for s in self.claims],
            "arithmetic": self.arithmetic,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class _Item:
    """A claim with its frame and its sentence's start, as the checks read them."""

    claim: Claim
    frame: Frame
    sentence: int

    @property
    def span(self) -> Span:
        return Span(self.claim.start, self.claim.end, self.claim.text)

    def slot(self, name: str):
        slot = getattr(self.frame, name)
        return None if slot is None else slot.value

    @property
    def flagged(self) -> bool:
        return any(getattr(self.frame, f) is not None for f in FLAGS)


def findings(text: str, claims: list[Claim], frames: list[Frame]) -> list[Finding]:
    """Every consistency finding of one article, in text order of their first span."""
    items = [_Item(c, f, _sentence_of(text, c)) for c, f in zip(claims, frames, strict=True)]
    found = changes(text, items)
    used = {s.start for f in found for s in f.claims}
    totals = parts_totals(text, items)
    used |= {s.start for f in totals for s in f.claims}
    found += totals
    found += restatements(text, [i for i in items if i.claim.start not in used])
    found.sort(key=lambda f: (f.claims[0].start, f.type))
    return found


def _sentence_of(text: str, claim: Claim) -> int:
    sentence = claim.sentence or claim.text
    at = text.rfind(sentence, 0, claim.start + len(sentence))
    return claim.start if at < 0 or at + len(sentence) < claim.end else at


def _sentence(text: str, item: _Item) -> str:
    return item.claim.sentence or text[item.sentence : item.claim.end]


def _words(text: str) -> set[str]:
    return set(_WORDS.findall(normalize(text)))


def _number(claim: Claim) -> float | None:
    value = claim.value
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _strict(claim: Claim) -> Interval:
    """The claim's interval without a reporter's rounding: a plain figure is itself."""
    if claim.qualifier is None and _number(claim) is not None:
        return Interval(_number(claim), _number(claim))
    return claim_interval(claim)


def _show(interval: Interval) -> str:
    lo, hi = interval.lower, interval.upper
    if lo is not None and hi is not None and lo == hi:
        return describe(lo)
    if hi is None:
        return f"{'>' if interval.lower_open else '>='} {describe(lo)}"
    if lo is None:
        return f"{'<' if interval.upper_open else '<='} {describe(hi)}"
    return f"{describe(lo)} to {describe(hi)}"


def _family(kind: Kind) -> str:
    return "count" if kind.counts else kind.value


# --- the same thing said twice ----------------------------------------------------------------


def restatements(text: str, items: list[_Item]) -> list[Finding]:
    """Two counts in different sentences whose frames agree in every slot (metric, counted
    thing, place, period) and that cannot both be true; dates of the same named event.
    Percentages and money are left out: their frames rarely say enough to be sure."""
    found = []
    listed = {id(i) for i in _lists(text, items)}
    settled = [
        i
        for i in items
        if not i.flagged and not _updates(text, i) and not _rival(text, i) and id(i) not in listed
    ]
    groups: dict[tuple, list[_Item]] = {}
    for item in settled:
        key = ("date",) if item.claim.is_date else (_family(item.claim.kind), item.slot("metric"))
        groups.setdefault(key, []).append(item)
    pairs = [
        pair
        for group in groups.values()
        if len(group) <= MAX_SAME  # many figures of one frame are not one thing said again
        for pair in combinations(group, 2)
    ]
    for a, b in pairs:
        if a.sentence == b.sentence:
            continue
        if a.claim.is_date and b.claim.is_date:
            finding = _date_restated(text, a, b)
        elif a.claim.kind.counts and b.claim.kind.counts and _same_thing(text, a, b):
            finding = _figure_restated(a, b)
        else:
            finding = None
        if finding:
            found.append(finding)
    return found


def _lists(text: str, items: list[_Item]) -> list[_Item]:
    """Figures listed together ("five in the north and three in the south"): parts, each
    about less than the whole, never a restatement of another figure."""
    listed = []
    for a, b in zip(items, items[1:], strict=False):
        between = text[a.claim.end : b.claim.start]
        if a.sentence == b.sentence and a.slot("metric") == b.slot("metric"):
            if CONNECTOR.match(between) and not _words(between) & SUBSET_WORDS:
                listed += [a, b]
    return listed


def _places_named(text: str, item: _Item) -> set[str]:
    """Capitalised names after "in" in the figure's sentence: places the gazetteer may not know."""
    return set(NAMED_PLACE.findall(_sentence(text, item)))


def _updates(text: str, item: _Item) -> bool:
    """The sentence revises, compares or looks back ("later rose to", "last year")."""
    return bool(_words(_sentence(text, item)) & UPDATE_WORDS)


# A figure said beside another publisher's: "show 1,480 hectares burned, well above the fire
# service's figure".
RIVAL = re.compile(
    rf"\b(?:{'|'.join(COMPARATIVE_WORDS)}|above|below)\s+(?:than\s+)?(?:the\s+|its\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:figures?|estimates?|count|tally|total)\b",
    re.IGNORECASE,
)


def _rival(text: str, item: _Item) -> bool:
    """The sentence sets its figure against another figure of the same thing: the article
    reports two publishers disagreeing, which is no slip of its own."""
    return bool(RIVAL.search(_sentence(text, item)))


def _same_thing(text: str, a: _Item, b: _Item) -> bool:
    """Two counts' frames agree: the same metric, the same counted thing (or one figure
    counting what the metric alone says: "the 11 dead"), place and period; the later refers
    back ("the 11 dead") or their sentences share words; no pronoun leaves the subject open."""
    if _number(a.claim) is None or _number(b.claim) is None:
        return False
    metric = a.slot("metric")
    if metric != b.slot("metric") or any(_pronoun(text, i) for i in (a, b)):
        return False
    if a.frame.metric is not None and a.frame.metric.origin not in ("category", "clause"):
        return False  # "a 101-year-old", a population: not a figure said twice
    if not (_definite(text, b) or _share_words(text, a, b)):
        return False
    if metric is None and not a.slot("counted"):
        return False
    counted_a, counted_b = a.slot("counted"), b.slot("counted")
    if counted_a != counted_b and None not in (counted_a, counted_b):
        return False
    if counted_a != counted_b and (counted_a or counted_b) not in PEOPLE_STEMS:
        return False
    named_a, named_b = _places_named(text, a), _places_named(text, b)
    if named_a and named_b and not named_a & named_b:
        return False
    return a.slot("place") == b.slot("place") and _same_period(a, b)


SHARED_WORDS = 3  # or their sentences share this many other words
DEFINITE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _definite(text: str, item: _Item) -> bool:
    """The later figure refers back: "the 11 dead", "the 2,000 soldiers"."""
    return bool(DEFINITE.search(text[max(0, item.claim.start - 5) : item.claim.start]))


def _pronoun(text: str, item: _Item) -> bool:
    """A sentence whose subject is a pronoun ("It killed 23 people"): which thing is unsure."""
    return bool(PRONOUN.match(_sentence(text, item)))


def _share_words(text: str, a: _Item, b: _Item) -> bool:
    """Two figures of one metric are about the same when their sentences say more of it
    alike ("took part in the exercise"), the counted thing and the metric aside."""
    known = {a.slot("counted"), b.slot("counted"), a.slot("metric")}
    words = [stems(_sentence(text, i)) - known for i in (a, b)]
    return len({w for w in words[0] & words[1] if not w.isdigit()}) >= SHARED_WORDS


def _same_period(a: _Item, b: _Item) -> bool:
    """The same period, or one figure's period only the article's own time (an event's toll
    said once with its date and once without)."""
    pa, pb = a.frame.period, b.frame.period
    if pa is None or pb is None:
        return pa is pb
    return pa.value == pb.value or "article" in (pa.origin, pb.origin)


def _figure_restated(a: _Item, b: _Item) -> Finding | None:
    loose_a, loose_b = claim_interval(a.claim), claim_interval(b.claim)
    if loose_a.overlaps(loose_b):
        same_precision = (
            a.claim.qualifier is None
            and b.claim.qualifier is None
            and (_precision(a.claim) == _precision(b.claim))
        )
        if not same_precision or _strict(a.claim).overlaps(_strict(b.claim)):
            return None
        severity = WARNING
    else:
        severity = ERROR
    thing = a.slot("counted") or b.slot("counted") or a.slot("metric")
    return Finding(
        "restated",
        severity,
        (a.span, b.span),
        f"{_show(_strict(a.claim))} vs {_show(_strict(b.claim))}",
        f'The article gives the same figure ({thing}) as "{a.claim.text}" and later as '
        f'"{b.claim.text}"; both cannot be true.',
    )


def _precision(claim: Claim) -> int:
    digits = str(claim.value).rstrip("0").rstrip(".")
    return len(str(claim.value)) - len(digits) if "." not in str(claim.value) else -len(digits)


def _event_of_date(text: str, item: _Item) -> str | None:
    """The event word a day names: "the attack on March 18", "the March 19 bombing"."""
    c = item.claim
    before = normalize(text[max(0, c.start - 40) : c.start]) + " "
    after = text[c.end : c.end + 30].lower()
    m = EVENT_DATE.search(before) or DATE_EVENT.match(after)
    if not m:
        return None
    word = re.search(rf"\b(?:{_EVENT})\b", m.group())
    return word.group() if word else None


def _date_restated(text: str, a: _Item, b: _Item) -> Finding | None:
    ca, cb = a.claim, b.claim
    if ca.precision != "day" or cb.precision != "day" or str(ca.value).startswith("--"):
        return None
    if str(cb.value).startswith("--"):
        return None
    event = _event_of_date(text, a)
    if event is None or event != _event_of_date(text, b) or a.slot("place") != b.slot("place"):
        return None
    first_a, first_b = date.fromisoformat(str(ca.value)), date.fromisoformat(str(cb.value))
    if first_a == first_b:
        return None
    days = abs((first_b - first_a).days)
    return Finding(
        "restated",
        ERROR,
        (a.span, b.span),
        f"{ca.value} vs {cb.value} ({days} day{'s' if days != 1 else ''} apart)",
        f'The {event} is dated "{ca.text}" and later "{cb.text}"; one event has one date.',
    )


# --- parts and totals -------------------------------------------------------------------------


IN_ALL_OF = re.compile(r"\bin\s+all\s+$", re.IGNORECASE)
EVERY_OF = re.compile(r" in all (?=\d)")  # "in all 38 districts": every one, no total


def _total_cue(text: str, item: _Item) -> bool:
    c = item.claim
    before = normalize(text[max(0, c.start - 16) : c.start])
    after = " " + normalize(re.split(r"[.,;:]", text[c.end : c.end + 40])[0]) + " "
    after = EVERY_OF.sub(" ", after)
    if any(before.endswith(w) for w in TOTAL_BEFORE):
        # "In all, 38 ..." is a total; "in all 38 districts" is every one of them
        return not IN_ALL_OF.search(text, max(0, c.start - 16), c.start)
    return any(f" {w} " in after for w in TOTAL_AFTER)


def parts_totals(text: str, items: list[_Item]) -> list[Finding]:
    """A figure said to be a total ("a total of 50", "six people in all") against the figures
    listed beside it, in its sentence or the one before ("41 in the north and about 15 in the
    south"; "five Chinese engineers and their Pakistani driver" is 5 + 1)."""
    found = []
    counts = [i for i in items if i.claim.kind.counts and _number(i.claim) is not None]
    sentences = sorted({i.sentence for i in items})
    for total in counts:
        if not _total_cue(text, total):
            continue
        here = [i for i in counts if i.sentence == total.sentence and i is not total]
        parts, extra = _listed(text, here, total, lenient=True)
        if parts and _subset_between(text, parts, total):
            continue
        if not parts:
            at = sentences.index(total.sentence)
            previous = sentences[at - 1] if at else None
            earlier = [i for i in counts if i.sentence == previous]
            parts, extra = _listed(text, earlier, total, lenient=False)
        if parts and len(parts) + extra >= 2:
            finding = _sum_finding(parts, extra, total)
            if finding:
                found.append(finding)
    return found


def _subset_between(text: str, parts: list[_Item], total: _Item) -> bool:
    """ "300 people were injured, including 120 children and 80 women": a subset, not parts."""
    if total.claim.end <= parts[0].claim.start:
        between = text[total.claim.end : parts[0].claim.start]
    else:
        between = text[parts[-1].claim.end : total.claim.start]
    return bool(_words(between) & SUBSET_WORDS)


def _listed(
    text: str, candidates: list[_Item], total: _Item, lenient: bool
) -> tuple[list[_Item], int]:
    """The longest run of figures joined by "and" or commas, of the total's metric (in the
    total's own sentence, a figure without a metric too); and how many single things are
    listed after them ("and their driver")."""
    metric = total.slot("metric")
    fits = [
        i
        for i in candidates
        if not i.flagged
        and (i.slot("metric") == metric if not lenient else None in (i.slot("metric"), metric))
        and (metric is not None or lenient)
        or (lenient and i.slot("metric") == metric)
    ]
    best: list[_Item] = []
    run: list[_Item] = []
    for item in fits:
        between = text[run[-1].claim.end : item.claim.start] if run else ""
        across = bool(run) and run[-1].claim.end <= total.claim.start < item.claim.start
        # (a total said between two figures ends their list: "nearly 15,000 incidents, 14,862
        # in all, compared with 13,590 in 2023-24" lists no parts)
        if run and not across and CONNECTOR.match(between) and not _words(between) & SUBSET_WORDS:
            run.append(item)
        else:
            run = [item]
        if len(run) > len(best):
            best = list(run)
    extra = 0
    if best:
        tail = text[best[-1].claim.end : best[-1].claim.end + 80]
        if best[-1].claim.end < total.claim.start:
            tail = text[best[-1].claim.end : total.claim.start]
        stop = re.search(r"[.;:]", tail)
        extra = len(ONE_MORE.findall(tail[: stop.start()] if stop else tail))
    return best, extra


def _sum_finding(parts: list[_Item], extra: int, total: _Item) -> Finding | None:
    loose = [claim_interval(p.claim) for p in parts]
    strict = [_strict(p.claim) for p in parts]
    loose_sum, strict_sum = _add(loose, extra), _add(strict, extra)
    said_loose, said_strict = claim_interval(total.claim), _strict(total.claim)
    if said_strict.overlaps(strict_sum):
        return None
    severity = WARNING if said_loose.overlaps(loose_sum) else ERROR
    terms = [p.claim.text.strip() for p in parts] + ["1"] * extra
    spans = tuple(sorted((p.span for p in [*parts, total]), key=lambda s: s.start))
    return Finding(
        "parts_total",
        severity,
        spans,
        f"{' + '.join(terms)} = {_sum_text(parts, extra, strict_sum)}, not {total.claim.text}",
        f"The parts add up to {_sum_text(parts, extra, strict_sum)}, but the article gives "
        f'the total as "{total.claim.text}".',
    )


def _sum_text(parts: list[_Item], extra: int, interval: Interval) -> str:
    """The sum as a figure, with its range when a part is approximate or a bound."""
    total = sum(_number(p.claim) for p in parts) + extra
    exact = interval.lower == interval.upper == total
    return describe(total) if exact else f"{describe(total)} ({_show(interval)})"


def _add(intervals: list[Interval], extra: int) -> Interval:
    lowers = [i.lower for i in intervals]
    uppers = [i.upper for i in intervals]
    lower = None if None in lowers else sum(lowers) + extra
    upper = None if None in uppers else sum(uppers) + extra
    return Interval(
        lower,
        upper,
        any(i.lower_open for i in intervals),
        any(i.upper_open for i in intervals),
    )


# --- changes ----------------------------------------------------------------------------------


def changes(text: str, items: list[_Item]) -> list[Finding]:
    """A change said beside its two ends in one sentence: "from A to B" with a direction word,
    a change figure ("an increase of 20%", "a 12% fall") or a multiple ("doubled")."""
    found = []
    numeric = [i for i in items if not i.claim.is_date and _number(i.claim) is not None]
    for a, b in zip(numeric, numeric[1:], strict=False):
        if a.sentence != b.sentence or _family(a.claim.kind) != _family(b.claim.kind):
            continue
        if not (TO.match(text[a.claim.end : b.claim.start]) and _after_from(text, a)):
            continue
        same = [i for i in numeric if i.sentence == a.sentence and i not in (a, b)]
        finding = _change_finding(text, a, b, same)
        if finding:
            found.append(finding)
    return found


def _after_from(text: str, item: _Item) -> bool:
    before = text[max(0, item.claim.start - 12) : item.claim.start]
    return bool(FROM.search(before))


def _direction(words: str) -> int:
    """+1 for a rise, -1 for a fall, 0 when the words say neither (or both)."""
    found = set(_WORDS.findall(words.lower()))
    up, down = bool(found & INCREASE_WORDS), bool(found & DECREASE_WORDS)
    return 0 if up == down else (1 if up else -1)


def _change_finding(text: str, a: _Item, b: _Item, others: list[_Item]) -> Finding | None:
    start, end = _number(a.claim), _number(b.claim)
    sentence_at = a.sentence
    lead = text[sentence_at : a.claim.start]
    for verb, factor in MULTIPLES.items():
        at = lead.lower().rfind(verb)
        if at >= 0 and len(lead) - at < 40:
            return _multiple(a, b, verb, factor, lead[:at])
    change = _change_figure(text, a, b, others)
    if change is None:
        direction = _direction(lead[-30:])
        if direction and start != end and (end - start) * direction < 0:
            return Finding(
                "change",
                ERROR,
                (a.span, b.span),
                _arith(a.claim, b.claim),
                f"The article says it {'rose' if direction > 0 else 'fell'} but "
                f"{describe(start)} -> {describe(end)} goes the other way.",
            )
        return None
    item, direction = change
    return _change_against(a, b, item, direction)


def _change_figure(text: str, a: _Item, b: _Item, others: list[_Item]) -> tuple[_Item, int] | None:
    """The figure that states the change, next to the ends, with the direction its words say."""
    for item in others:
        c = item.claim
        if not _measures_the_change(c, a.claim):
            continue
        if c.end <= a.claim.start and a.claim.start - c.end <= 40:
            around = text[max(0, c.start - 30) : a.claim.start]
        elif c.start >= b.claim.end and c.start - b.claim.end <= 40:
            around = text[b.claim.end : c.end + 12]
        else:
            continue
        direction = _direction(around)
        if direction:
            return item, direction
    return None


def _measures_the_change(change: Claim, end: Claim) -> bool:
    """A change is a percentage (of the first end) or a figure of the ends' own kind and unit:
    the plot's "about 250 square metres" beside "rise from £55 to £68" is not its change."""
    if change.kind is Kind.PERCENT:
        return True
    return _family(change.kind) == _family(end.kind) and change.unit == end.unit


def _arith(a: Claim, b: Claim) -> str:
    start, end = _number(a), _number(b)
    diff = end - start
    points = a.kind is Kind.PERCENT and b.kind is Kind.PERCENT
    sign = "+" if diff >= 0 else "-"
    shown = f"{sign}{describe(abs(round(diff, 2)))}{' points' if points else ''}"
    if start:
        rel = diff / start * 100
        shown += f", {'+' if rel >= 0 else '-'}{describe(abs(round(rel, 1)))}%"
    return f"{describe(start)} -> {describe(end)} is {shown}"


def _change_against(a: _Item, b: _Item, item: _Item, direction: int) -> Finding | None:
    start, end, change = _number(a.claim), _number(b.claim), item.claim
    spans = tuple(sorted((a.span, b.span, item.span), key=lambda s: s.start))
    diff = end - start
    arith = _arith(a.claim, b.claim)
    if diff and diff * direction < 0:
        return Finding(
            "change", ERROR, spans, arith,
            f'"{change.text}" says a {"rise" if direction > 0 else "fall"}, but '
            f"{describe(start)} -> {describe(end)} goes the other way.",
        )  # fmt: skip
    said = claim_interval(change)
    is_points = "point" in change.text.lower()
    points = a.claim.kind is Kind.PERCENT and b.claim.kind is Kind.PERCENT
    if change.kind is Kind.PERCENT and not is_points:
        if not start:
            return None
        actual = abs(diff) / abs(start) * 100
        if _holds(said, actual):
            return None
        slack = max(1.0, CHANGE_SLACK * abs(_number(change)))
        if _holds(said.widen(slack), actual) or (points and _holds(said, abs(diff))):
            severity = WARNING
        else:
            severity = ERROR
        reading = (
            f"{describe(abs(round(diff, 2)))} points or {describe(round(actual, 1))}%"
            if points
            else f"{describe(round(actual, 1))}%"
        )
    else:
        actual = abs(diff)
        if _holds(said, actual):
            return None
        severity = ERROR
        reading = f"{describe(round(actual, 2))}{' points' if points else ''}"
    return Finding(
        "change",
        severity,
        spans,
        arith,
        f'The change is given as "{change.text}", but {describe(start)} -> {describe(end)} is '
        f"{reading}.",
    )


def _holds(interval: Interval, value: float) -> bool:
    return interval.overlaps(Interval(value, value))


def _multiple(a: _Item, b: _Item, verb: str, factor: float, lead: str) -> Finding | None:
    start, end = _number(a.claim), _number(b.claim)
    if not start:
        return None
    ratio = end / start
    qualifier = _qualifier_before(lead)
    if qualifier in ("above", "at_least"):
        strict = Interval(factor, None, lower_open=qualifier == "above")
    elif qualifier == "just_below":
        strict = Interval(factor * (1 - MULTIPLE_LOOSE), factor)
    elif qualifier in ("approx", None):
        strict = Interval(factor * (1 - MULTIPLE_STRICT), factor * (1 + MULTIPLE_STRICT))
    else:
        return None
    if _holds(strict, ratio):
        return None
    loose = strict.widen(factor * (MULTIPLE_LOOSE - MULTIPLE_STRICT))
    severity = WARNING if _holds(loose, ratio) else ERROR
    return Finding(
        "change",
        severity,
        (a.span, b.span),
        f"{_arith(a.claim, b.claim)} (x{round(ratio, 2):g})",
        f'"{verb.capitalize()}" means x{factor:g}, but {describe(start)} -> {describe(end)} is '
        f"x{round(ratio, 2):g}.",
    )


def _qualifier_before(lead: str) -> str | None:
    """The qualifier group just before a verb ("more than doubled", "nearly tripled")."""
    tail = normalize(lead[-20:])
    for word, group in sorted(GROUP_OF.items(), key=lambda wg: -len(wg[0])):
        if tail.endswith(word):
            return group
    return None
