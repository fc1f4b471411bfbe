"""The domain's typed objects: an article, its claims, the reference facts, a claim's frame.

Flask-free. The API, the CLI and the jobs build an `Article`; extraction yields claim records
that `Claim.of` types; the store's records become `Fact`s. Verification reads only these.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from .vocabulary.units import canonical_unit
from .vocabulary.words import DATE_ACTIONS

Value = int | float | str | None


class Kind(enum.StrEnum):
    """What a numeric claim states."""

    COUNT = "count"
    QUANTITY = "quantity"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    NUMBER = "number"

    @property
    def counts(self) -> bool:
        """Counts and plain quantities are both read as counts of things."""
        return self in (Kind.COUNT, Kind.QUANTITY)


# A period a figure is about that spans more than one day, month or year: an ISO 8601
# interval of two dates of one precision ("2025-10/2026-02": a winter), a range of years
# ("2023-2025"), or a split year ("2025-26": a financial or a school year, written with the
# next year's last two digits).
SPLIT_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
YEAR_RANGE = re.compile(r"^(\d{4})-(\d{4})$")  # "2023-2025": the years 2023 to 2025


def split_year_end(period: str) -> str | None:
    """The second year of a split year ("2025-26": 2026), None for anything else: its last
    two digits are the next year's and over 12 ("2011-12" is December 2011, "1999-00" no
    period at all)."""
    split = SPLIT_YEAR.match(period)
    if split is None or int(split[2]) <= 12 or int(split[2]) != (int(split[1]) + 1) % 100:
        return None
    return str(int(split[1]) + 1)


# The second year of a split year written after its first ("the 2024-25 financial year").
SPLIT_AFTER = re.compile(r"[-\u2013/](\d\d)\b")


def split_year_at(text: str, end: int, year: str) -> tuple[str, int] | None:
    """The split year that a year ending at `end` of `text` opens, and where it ends: ("2024-25",
    end + 3) for "2024-25" or "2024/25"; None where the year stands alone."""
    after = SPLIT_AFTER.match(text, end)
    if after is None or split_year_end(f"{year}-{after[1]}") is None:
        return None
    return f"{year}-{after[1]}", after.end()


def period_end(period: str) -> str:
    """The last part of a period: the end of an interval, the second year of a split year,
    else the period itself ("2024", "2024-05")."""
    if "/" in period:
        return period.split("/", 1)[1]
    if (years := YEAR_RANGE.match(period)) is not None:
        return years[2]
    return split_year_end(period) or period


def period_start(period: str) -> str:
    """The first part of a period: the start of an interval or a range, the first year of a
    split year, else the period itself."""
    if "/" in period:
        return period.split("/", 1)[0]
    return period[:4] if is_span(period) else period


def is_span(period: str | None) -> bool:
    """Whether a period spans more than one year, month or day of the calendar."""
    return bool(period) and period_end(period) != period


@dataclass(frozen=True)
class Article:
    """A validated article. `body` is what the user sent; `source` says text or html."""

    body: str
    source: str = "text"
    title: str | None = None
    url: str | None = None
    published_at: date | None = None
    language: str = "en"

    @classmethod
    def of(cls, record: dict) -> Article:
        """An article from its stored record (a batch job's, a watch's): body, source, title,
        url, published_at as an ISO date."""
        published = record.get("published_at")
        return cls(
            body=record["body"],
            source=record["source"],
            title=record.get("title"),
            url=record.get("url"),
            published_at=date.fromisoformat(published) if published else None,
        )


@dataclass(frozen=True)
class Claim:
    """One numeric claim as extraction found it; offsets are into the article's text."""

    id: str
    text: str
    start: int
    end: int
    kind: Kind
    value: Value
    sentence: str = ""
    precision: str | None = None
    qualifier: str | None = None
    lower: Value = None
    upper: Value = None
    bounds: str = "[]"
    unit: str | None = None
    category: str | None = None
    subject: str | None = None
    entities: tuple[str, ...] = ()
    confidence: float = 1.0
    note: str | None = None
    # -1 for a change said as a fall ("a fall of 9%", "down 5%"), +1 for one said as a rise
    # ("up 5%", "a 9% rise"), each written without its sign; 0 for anything else. Set by the
    # verifier, never by extraction.
    direction: int = 0

    @classmethod
    def of(cls, record: dict) -> Claim:
        """A claim from an extraction record (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in record.items() if k in known}
        data["kind"] = Kind(data["kind"])
        data["entities"] = tuple(data.get("entities") or ())
        return cls(**data)

    @property
    def is_date(self) -> bool:
        return self.kind is Kind.DATE


@dataclass(frozen=True)
class Span:
    """Where a fact stands in a source document given with the article (a press release):
    the document's index in the request's `sources` and character offsets into its checked
    text, with the text there (`text == checked_text[start:end]`)."""

    document: int
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a reference source (name, url, when it was read), or a source
    document given with the article (name, url if one was given, and the `span` in it)."""

    name: str
    url: str | None
    retrieved_at: str | None = None
    span: Span | None = None

    def as_dict(self) -> dict[str, Any]:
        """The source as evidence cites it (a reference source's shape has no `span`)."""
        if self.span is None:
            return {"name": self.name, "url": self.url, "retrieved_at": self.retrieved_at}
        return {"name": self.name, "url": self.url, "span": self.span.as_dict()}


@dataclass(frozen=True)
class Fact:
    """A reference fact: a figure about a subject (an event, a place), with its source.

    `place` and `period` say where and when the figure is about; `as_of` when the source
    said it. A series is many facts (one per period); a revision is a later `as_of` for the
    same subject, metric, unit, place and period.
    """

    id: str
    subject: str
    metric: str
    value: Value
    source: Source
    aliases: tuple[str, ...] = ()
    lower: float | None = None
    upper: float | None = None
    unit: str | None = None
    as_of: str | None = None
    place: str | None = None
    period: str | None = None
    qualifier: str | None = None
    keywords: tuple[str, ...] = ()
    note: str | None = None
    record: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __hash__(self) -> int:  # ids derive from the identity fields: hashing them is enough
        return hash(self.id)

    @classmethod
    def of(cls, record: dict) -> Fact:
        """A fact from a stored record (records stored before places and periods lack them),
        its unit in the form claims give it ("percent" and "per cent" are "%")."""
        source = record["source"]
        return cls(
            id=record["id"],
            subject=record["subject"],
            metric=record["metric"],
            value=record["value"],
            source=Source(source["name"], source["url"], source.get("retrieved_at")),
            aliases=tuple(record.get("aliases") or ()),
            lower=record.get("lower"),
            upper=record.get("upper"),
            unit=canonical_unit(record.get("unit")),  # "percent" is "%" (stored as written)
            as_of=record.get("as_of"),
            place=record.get("place"),
            period=record.get("period"),
            qualifier=record.get("qualifier"),
            keywords=tuple(record.get("keywords") or ()),
            note=record.get("note"),
            record=record,
        )

    @property
    def is_date(self) -> bool:
        """`date`, `start_date`, `end_date` ... take an ISO date value."""
        return self.metric == "date" or self.metric.endswith("_date")

    @property
    def is_series(self) -> bool:
        """A figure of a series (one value per period: a year's population), not an event's."""
        return self.period is not None

    @property
    def publisher(self) -> str:
        """Who published the fact: its source's name before any comma ("Corvenian Ministry of
        Health, situation report 9" -> "corvenian ministry of health"), else its URL."""
        return self.source.name.split(",")[0].strip().lower() or self.source.url

    @property
    def thing(self) -> tuple[str, ...]:
        """What the fact is about, whatever its source or date: subject, metric, counted unit,
        place and period; for a date, the action its keywords say it is of too (an outbreak's
        first case and the day it was declared are two dates of one event, neither revising
        the other). Facts about the same thing are read together for a verdict."""
        parts = (self.subject, self.metric, self.unit, self.place, self.period)
        thing = tuple((p or "").lower() for p in parts)
        if self.is_date:
            return (*thing, " ".join(sorted(date_actions(self.keywords))))
        return thing


@dataclass(frozen=True)
class Slot:
    """One property of a claim's frame: its value and where in the text it came from
    (`start`/`end`; None when it came from the article as a whole, `origin` says how)."""

    value: Any
    origin: str
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "from": self.origin, "start": self.start, "end": self.end}

    @classmethod
    def of(cls, record: dict[str, Any]) -> Slot:
        """A slot from its `as_dict` form."""
        return cls(record["value"], record["from"], record.get("start"), record.get("end"))


@dataclass(frozen=True)
class Frame:
    """What a claim is about, property by property: the counted thing, the metric, the place,
    the period and the event, each with its origin; whether it is a forecast or a whole.
    Empty slots are None."""

    kind: Kind
    counted: Slot | None = None
    metric: Slot | None = None
    place: Slot | None = None
    period: Slot | None = None
    event: Slot | None = None
    forecast: Slot | None = None
    whole: Slot | None = None  # "58 of the 120 seats": the 120 is a whole ...
    part: Slot | None = None  # ... and the 58 a part
    per_capita: Slot | None = None  # "GDP per person of $1,600"
    earlier: Slot | None = None  # "at the previous election": an earlier event of the kind
    stage: Slot | None = None  # "up from an initial estimate of 1,200": a figure since revised

    @property
    def to_come(self) -> bool:
        """Whether the figure is a level from a day to come ("will rise to £2.20 from 4 May")."""
        return self.period is not None and self.period.origin == "effective"

    def as_dict(self) -> dict[str, Any]:
        slots = (
            "counted", "metric", "place", "period", "event", "forecast", "whole", "part",
            "per_capita", "earlier", "stage",
        )  # fmt: skip
        return {name: slot.as_dict() for name in slots if (slot := getattr(self, name)) is not None}

    @classmethod
    def of(cls, kind: Kind, record: dict[str, Any]) -> Frame:
        """A frame from its `as_dict` form (what a checked claim carries)."""
        return cls(kind, **{name: Slot.of(slot) for name, slot in record.items()})


def date_actions(keywords) -> frozenset[str]:
    """The words among a date fact's keywords that say what the date is of ("declared")."""
    return frozenset(w for k in keywords for w in k.lower().split() if w in DATE_ACTIONS)
