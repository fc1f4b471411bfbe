"""Comparison: does a claim's interval agree with a reference fact's?

A claim is an interval (from its wording: "more than 3,500" is (3500, inf)); a fact is a value or
an interval. They *agree* when both can be true at once, allowing the rounding a reporter
usually does ("3,500" for 3,512, "85%" for 85.19) but exact for small counts ("seven soldiers"
is not 8). Dates compare at the coarser precision of the two ("March 2024" agrees with
2024-03-16; "June 27" does not agree with 2024-06-26).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from ..model import Claim, Fact, Kind
from ..vocabulary.changes import FALL_METRIC_WORDS, SIGNED_CHANGE_WORDS
from ..vocabulary.qualifiers import group, is_approximate
from ..vocabulary.words import LIMIT_METRIC_WORDS

APPROX_TOLERANCE = 0.05  # "about 3,500" in a source: within 5 %
ROUNDING_CAP = 0.05  # rounding never stretches a figure by more than 5 %
SMALL_COUNT = 100  # below this, counts are exact
APPROX_CLAIM, APPROX_CAP = 0.03, 0.10  # an article's "about N": 3 % at least, 10 % at most


@dataclass(frozen=True)
class Interval:
    """A closed or open interval; None is unbounded."""

    lower: float | None
    upper: float | None
    lower_open: bool = False
    upper_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """True when some number lies in both."""
        return _below_or_touching(self, other) and _below_or_touching(other, self)

    def contains(self, other: Interval) -> bool:
        """True when every number in `other` is in this interval."""
        return _not_beyond(self, other, "lower") and _not_beyond(self, other, "upper")

    def widen(self, amount: float) -> Interval:
        """Both finite ends moved out by `amount`."""
        return Interval(
            None if self.lower is None else self.lower - amount,
            None if self.upper is None else self.upper + amount,
            self.lower_open,
            self.upper_open,
        )


def _not_beyond(outer: Interval, inner: Interval, side: str) -> bool:
    """`inner` does not reach past `outer` on `side`."""
    edge, inner_edge = getattr(outer, side), getattr(inner, side)
    if edge is None:
        return True
    if inner_edge is None:
        return False
    open_outer, open_inner = getattr(outer, f"{side}_open"), getattr(inner, f"{side}_open")
    if inner_edge == edge:
        return open_inner or not open_outer
    return inner_edge > edge if side == "lower" else inner_edge < edge


def _below_or_touching(a: Interval, b: Interval) -> bool:
    """a's lower end is not above b's upper end."""
    if a.lower is None or b.upper is None:
        return True
    if a.lower < b.upper:
        return True
    return a.lower == b.upper and not (a.lower_open or b.upper_open)


def _half_unit(value: float) -> float:
    """Half a unit of the last significant digit: 3,500 -> 50, 12.5 -> 0.05, 7 -> 0.5."""
    digits = Decimal(str(value)).normalize().as_tuple()
    exponent = digits.exponent if isinstance(digits.exponent, int) else 0
    return 0.5 * 10.0**exponent


def rounding(value: float, kind: str) -> float:
    """How far a plain figure may be from the truth: half a unit of its last significant
    digit, capped at 5 %; exact (0.5) for small counts and whole percentages."""
    half_unit = _half_unit(value)
    if half_unit < 0.5:  # decimals: 12.5 -> 0.05
        return half_unit
    if kind == "percent" or abs(value) < SMALL_COUNT:
        return 0.5
    return min(half_unit, ROUNDING_CAP * abs(value))


def approximation(value: float, kind: Kind | None = None) -> float:
    """How far "about N" may be from the truth: half a unit of N's last significant digit or
    3 %, whichever is more, but at most 10 % ("about 360" is not 340; "about 3,500" is 3,512;
    "about 300" is 325 but not 340); a small count gets 10 % and at least one ("about 30
    people" is 32), a small measure 3 % and at least one ("about 40 km" is not 38)."""
    if abs(value) < SMALL_COUNT:
        return max(1.0, (APPROX_CLAIM if kind is Kind.QUANTITY else APPROX_CAP) * abs(value))
    return min(max(_half_unit(value), APPROX_CLAIM * abs(value)), APPROX_CAP * abs(value))


def claim_interval(claim: Claim) -> Interval:
    """The interval the claim's wording allows, widened by rounding where it states a figure.

    An approximate figure ("about 360") is read by `approximation`, not by the extractor's
    generous interval, so that "about" never stretches a figure past what a reporter rounds.
    """
    lower, upper, bounds, value = claim.lower, claim.upper, claim.bounds or "[]", claim.value
    if is_approximate(claim.qualifier) and isinstance(value, int | float):
        spread = approximation(value, claim.kind)
        return Interval(value - spread, value + spread)
    if lower is None and upper is None and value is not None:
        lower = upper = value
    interval = Interval(lower, upper, bounds[0] == "(", bounds[1] == ")")
    if claim.qualifier is None and isinstance(value, int | float):
        interval = interval.widen(_written_rounding(claim) or rounding(value, claim.kind.value))
    return interval


WRITTEN = re.compile(r"(\d[\d,]*)\.(\d+)")  # a figure as written, with its decimals
DIGITS = re.compile(r"\d[\d,.]*")


def significant_digits(claim: Claim) -> int:
    """How many significant digits the claim's figure is written with ("61.5%": 3, "3,200": 2,
    "2.80": 3, "three": 0): how unlikely another figure is to agree with it by chance."""
    written = DIGITS.search(claim.text)
    if written is None:
        return 0
    figure = written[0].rstrip(".,")
    digits = re.sub(r"\D", "", figure).lstrip("0")
    return len(digits if "." in figure else digits.rstrip("0"))  # "2.80": 3, "3,200": 2


def _written_rounding(claim: Claim) -> float | None:
    """Half a unit of the last decimal a figure is written with, where its value hides it:
    "3.0%" is 2.95 to 3.05, not 2.5 to 3.5; "EUR 9.80" is not 9.84."""
    written = WRITTEN.search(claim.text)
    if written is None or not claim.value:
        return None
    number = float(written[1].replace(",", "") + "." + written[2])
    if not number or not written[2].endswith("0"):
        return None  # "12.5" says its precision through its value already
    scale = abs(claim.value) / number  # "14.10 billion"
    return 0.5 * 10 ** -len(written[2]) * scale


NEARLY = 0.9  # a source's "nearly 1,000" is at least 900
NEARLY_CLEAR = 0.95  # a claim's "nearly 5" is plainly 4.75 or more; 4.5 to 4.75 is left open


def fact_interval(fact: Fact) -> Interval:
    """The interval a reference fact allows: its bounds, or its value read with its qualifier
    (by the qualifier's group in the one qualifier table)."""
    if fact.lower is not None or fact.upper is not None:
        return Interval(fact.lower, fact.upper)
    value = fact.value
    if is_approximate(fact.qualifier):
        spread = max(APPROX_TOLERANCE * abs(value), rounding(value, "count"))
        return Interval(value - spread, value + spread)
    return {
        "above": Interval(value, None, lower_open=True),
        "at_least": Interval(value, None),
        "just_below": Interval(NEARLY * value, value, upper_open=True),
        "below": Interval(None, value, upper_open=True),
        "at_most": Interval(None, value),
    }.get(group(fact.qualifier), Interval(value, value))


def numbers_agree(claim: Claim, fact: Fact) -> bool | None:
    """True when the fact backs the claim, False when both cannot be true, None when the fact
    leaves it open: a source's "at least 38,000" neither backs nor refutes "more than 100,000".

    A bounded fact backs a claim it overlaps ("more than 3,500" and "about 3,500"); a fact open
    on one side backs only a claim that holds all it allows. Two maxima ("up to") are two
    figures of one extreme, compared as figures.
    """
    if group(claim.qualifier) == group(fact.qualifier) == "at_most" and fact.lower is None:
        # "up to 8 metres deep" against a source's "up to 6 m": two maxima, compared as said
        claim = _unbounded(claim)
        fact = replace(fact, qualifier=None)
    if _beyond_a_limit(claim, fact):  # "weighing more than 7.5 tonnes ... banned": the limit
        claim = _unbounded(claim)
    if _turned(claim, fact):
        claim = negated(claim)  # "a fall of 9%" against a change written "-8.7", or "+8.7"
    said, known = claim_interval(claim), fact_interval(fact)
    if not said.overlaps(known):
        return False
    if _short_of_nearly(claim, known):
        return None  # "nearly 5 metres" for 4.6: a reporter's generous rounding, or a slip
    if known.lower is not None and known.upper is not None:
        return True
    return True if said.contains(known) else None


def _unbounded(claim: Claim) -> Claim:
    """The claim's figure without the bound its qualifier puts on it."""
    return replace(claim, qualifier=None, lower=claim.value, upper=claim.value, bounds="[]")


BOUNDS = frozenset({"above", "at_least", "below", "at_most"})


def _beyond_a_limit(claim: Claim, fact: Fact) -> bool:
    """Whether the claim bounds what a limit the fact gives lets through or stops: its
    figure is then the limit itself."""
    return (
        group(claim.qualifier) in BOUNDS
        and group(fact.qualifier) is None
        and isinstance(claim.value, int | float)
        and not LIMIT_METRIC_WORDS.isdisjoint(fact.metric.split("_"))
    )


def _turned(claim: Claim, fact: Fact) -> bool:
    """Whether a change said with a direction ("a fall of 9%", "up 9%", written unsigned) is
    compared by its sign turned: against a change written with its sign ("-8.7" for a fall),
    or against one whose direction is the other way ("visits_change" +8.7 for a fall said,
    "donors_fall" 8.7 for a rise said). A fact whose metric names no change is compared by
    size, as written."""
    if not claim.direction or not isinstance(fact.value, int | float):
        return False
    figure = claim.lower if claim.value is None else claim.value  # "8-9%": its lower end
    if not isinstance(figure, int | float) or figure <= 0:
        return False
    if fact.value < 0:
        return claim.direction < 0
    words = set(fact.metric.split("_"))
    said_way = -1 if words & FALL_METRIC_WORDS else (1 if words & SIGNED_CHANGE_WORDS else 0)
    return bool(said_way) and fact.value > 0 and said_way != claim.direction


def negated(claim: Claim) -> Claim:
    """The claim with its figure's sign turned (its bounds swap sides)."""
    lower, upper = claim.lower, claim.upper
    return replace(
        claim,
        value=None if claim.value is None else -claim.value,
        lower=None if upper is None else -upper,
        upper=None if lower is None else -lower,
        bounds=(claim.bounds or "[]")[::-1].translate(str.maketrans("[]()", "][)(")),
    )


def _short_of_nearly(claim: Claim, known: Interval) -> bool:
    """Whether an exact figure is well short of a claim's "nearly N", though within it."""
    if group(claim.qualifier) != "just_below" or not isinstance(claim.value, int | float):
        return False
    exact = known.lower is not None and known.lower == known.upper
    return exact and abs(known.lower) < NEARLY_CLEAR * abs(claim.value)


def at_stated_precision(claim: Claim, fact: Fact) -> bool | None:
    """Whether the fact backs the claim's figure as stated, rounding allowed but not its
    "about": "about 1.52 million" is 1,520,000 at its precision, not 1,487,000."""
    if claim.is_date or not is_approximate(claim.qualifier) or claim.value is None:
        return agrees(claim, fact)
    plain = replace(claim, qualifier=None, lower=claim.value, upper=claim.value, bounds="[]")
    return numbers_agree(plain, fact)


def _day_range(value: str) -> tuple[date, date]:
    """The first and last day an ISO date at year, month or day precision covers."""
    if len(value) == 4:
        return date(int(value), 1, 1), date(int(value), 12, 31)
    if len(value) == 7:
        first = date(int(value[:4]), int(value[5:]), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    day = date.fromisoformat(value)
    return day, day


def dates_agree(claim: Claim, fact_value: str) -> bool | None:
    """Whether the claim's date and the fact's can be the same day.

    Calendar periods nest, so this is comparing at the coarser precision of the two: "March
    2024" agrees with 2024-03-16, "June 27" (2024-06-27) does not agree with 2024-06-26. A
    date whose year is unknown ("--06-22") compares month and day with a day-precision fact;
    a week ("last week") compares as its seven days.
    """
    value = str(claim.value)
    if value.startswith("--"):  # no year: compare what both give, else leave it open
        if len(fact_value) == 10:
            return fact_value[5:] == value[2:]
        return fact_value[5:7] == value[2:4] if len(fact_value) == 7 else None
    if claim.precision == "week" or "W" in value:
        first, last = date.fromisoformat(claim.lower), date.fromisoformat(claim.upper)
    else:
        first, last = _day_range(value)
    fact_first, fact_last = _day_range(fact_value)
    return first <= fact_last and fact_first <= last


def agrees(claim: Claim, fact: Fact) -> bool | None:
    """Whether the fact backs the claim (True), refutes it (False) or leaves it open (None)."""
    if claim.is_date:
        return dates_agree(claim, str(fact.value))
    return numbers_agree(claim, fact)


def describe(value, qualifier: str | None = None, unit: str | None = None) -> str:
    """A figure as a reporter writes it: 'about 3,500', '12.5%', '2024-03-16'."""
    if isinstance(value, float) and math.isfinite(value):  # as a source prints it, not 15 digits
        # (pence and cents kept below a million: "GBP 1,742.57", not 1,742)
        value = int(round(value)) if value.is_integer() or abs(value) >= 1e6 else round(value, 2)
    text = f"{value:,}" if isinstance(value, int | float) else str(value)
    if unit == "%":
        text += "%"
    elif unit and len(unit) == 3 and unit.isupper():
        text = f"{unit} {text}"
    return f"{qualifier} {text}" if qualifier else text
