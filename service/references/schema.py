"""The reference fact contract: validation, canonical form and stable ids.

A stored fact always has every key (absent optional values are null), so two imports of the
same row compare equal and "unchanged" needs no field-by-field diff.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from datetime import UTC, date, datetime

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from ..errors import ValidationFailed, field_errors
from ..fields import HttpUrl
from ..model import YEAR_RANGE, split_year_end
from ..vocabulary.qualifiers import FACT_QUALIFIERS
from .terms import normalize

QUALIFIERS = FACT_QUALIFIERS
MAX_NUMBER = 10**18  # no figure a newsroom checks is larger; bigger ints overflow float math
METRIC_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
ID_PATTERN = r"^[0-9a-f]{16}$"
IDENTITY_FIELDS = ("subject", "metric", "unit", "as_of", "source.url", "period")
_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$")


def is_date_metric(metric: str) -> bool:
    """`date`, `start_date`, `end_date` ... take an ISO date value, every other metric a number."""
    return metric == "date" or metric.endswith("_date")


def is_iso_date(value: object) -> bool:
    """True for a real calendar date written YYYY, YYYY-MM or YYYY-MM-DD."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return False
    try:
        return len(value) < 10 or bool(date.fromisoformat(value))
    except ValueError:
        return False


def _identity(fact: dict) -> tuple[str, ...]:
    """The fields an id is derived from: normalised subject, metric, what is counted (unit),
    as_of, source URL and, when given, the period the figure is about. One event can so hold
    several counts (5 Chinese nationals and 6 people killed in the same bombing, by the same
    source) and one series a figure per period (a country's population in 2023 and in 2024).
    A fact without a period keeps the id it had before periods existed."""
    subject, unit = normalize(fact["subject"]), normalize(fact.get("unit") or "")
    identity = (subject, fact["metric"], unit, fact["as_of"] or "", fact["source"]["url"])
    return (*identity, fact["period"]) if fact.get("period") else identity


def fact_id(fact: dict) -> str:
    """16 hex digits of sha1 over the fact's identity fields."""
    return hashlib.sha1("\x1f".join(_identity(fact)).encode()).hexdigest()[:16]


class Number(fields.Field):
    """A finite JSON number (int or float, never a bool or a numeric string)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError("Must be a number.")
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            raise ValidationError(f"Must be at most {MAX_NUMBER:.0e} in size.")
        if not math.isfinite(value):
            raise ValidationError("Must be a finite number.")
        return value


class NumberOrDate(fields.Field):
    """A finite number, or an ISO date string YYYY, YYYY-MM or YYYY-MM-DD."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            if is_iso_date(value):
                return value
            raise ValidationError("Must be a number or an ISO date (YYYY, YYYY-MM, YYYY-MM-DD).")
        return Number()._deserialize(value, attr, data)


def is_period(value: object) -> bool:
    """True for an ISO date, an ISO 8601 interval of two dates of one precision, the first
    before the second ("2025-10/2026-02", "2023/2025"), a range of years ("2023-2025"), or a
    split year ("2025-26": the next year's last two digits; "2011-12" is December 2011)."""
    if is_iso_date(value):
        return True
    if not isinstance(value, str):
        return False
    if "/" in value:
        first, _, last = value.partition("/")
        return (
            is_iso_date(first) and is_iso_date(last) and len(first) == len(last) and (first < last)
        )
    if (years := YEAR_RANGE.match(value)) is not None:
        return years[1] < years[2]
    return split_year_end(value) is not None


class Period(fields.String):
    """The time a figure is about: an ISO date, an ISO 8601 interval or a split year."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not is_period(text):
            raise ValidationError(
                "Must be an ISO date (YYYY, YYYY-MM, YYYY-MM-DD), an ISO 8601 interval of two "
                "such dates of one precision (2025-10/2026-02), a range of years (2023-2025) or a "
                "split year (2025-26)."
            )
        return text


class IsoDate(fields.String):
    """An ISO date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not is_iso_date(text):
            raise ValidationError("Must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD.")
        return text


class Timestamp(fields.String):
    """An ISO datetime (or date), stored in UTC as YYYY-MM-DDTHH:MM:SSZ; naive means UTC."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError("Must be an ISO datetime, e.g. 2024-07-01T00:00:00Z.") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:  # "0001-01-01T00:00:00+05:00" falls before the first UTC year
            raise ValidationError("Must be a datetime within years 1 to 9999 in UTC.") from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Text(fields.String):
    """A string trimmed of surrounding whitespace that must not be blank."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            raise ValidationError("Must not be blank.")
        return text


def _text(max_length: int, **kwargs) -> Text:
    """A non-blank trimmed string of at most `max_length` characters."""
    return Text(validate=validate.Length(1, max_length), **kwargs)


def _text_list(max_items: int) -> fields.List:
    """A list of short non-blank strings, empty by default."""
    return fields.List(_text(200), validate=validate.Length(max=max_items), load_default=list)


class SourceSchema(Schema):
    """Where a fact comes from."""

    class Meta:
        unknown = RAISE

    name = _text(200, required=True)
    url = HttpUrl(required=True)
    retrieved_at = Timestamp(required=True)


class FactSchema(Schema):
    """A reference fact as sent by a client (no `id`: the store derives it)."""

    class Meta:
        unknown = RAISE

    subject = _text(300, required=True)
    aliases = _text_list(50)
    metric = fields.String(required=True, validate=validate.Regexp(METRIC_PATTERN))
    value = NumberOrDate(required=True)
    lower = Number(allow_none=True, load_default=None)
    upper = Number(allow_none=True, load_default=None)
    unit = _text(50, allow_none=True, load_default=None)
    as_of = IsoDate(allow_none=True, load_default=None)
    place = _text(200, allow_none=True, load_default=None)
    period = Period(allow_none=True, load_default=None)
    qualifier = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(QUALIFIERS)
    )
    keywords = _text_list(100)
    note = _text(2000, allow_none=True, load_default=None)
    source = fields.Nested(SourceSchema, required=True)

    @validates_schema
    def value_fits_metric(self, data: dict, **_kwargs) -> None:
        """A date metric needs a date value; a numeric value must lie within lower/upper."""
        value, metric = data.get("value"), data.get("metric")
        if value is None or metric is None:
            return
        if is_date_metric(metric) != isinstance(value, str):
            wanted = "an ISO date" if is_date_metric(metric) else "a number"
            raise ValidationError(f"Metric '{metric}' takes {wanted}.", "value")
        bounds = [data.get("lower"), data.get("upper")]
        if isinstance(value, str) and bounds != [None, None]:
            raise ValidationError("Only numeric values take lower/upper bounds.", "lower")
        low, high = (value if b is None else b for b in bounds)
        if not low <= value <= high:
            raise ValidationError("Must satisfy lower <= value <= upper.", "value")

    @post_load
    def canonical(self, data: dict, **_kwargs) -> dict:
        """Every key present, in contract order, with the derived `id` first."""
        fact = {"id": None, **{name: data.get(name) for name in self.fields}}
        fact["aliases"] = _unique(fact["aliases"])
        fact["keywords"] = _unique(fact["keywords"])
        fact["id"] = fact_id(fact)
        return fact


class ImportRowSchema(FactSchema):
    """An imported row: a fact that may carry the `id` of an export, which must match."""

    id = fields.String(load_default=None)

    @post_load
    def canonical(self, data: dict, **kwargs) -> dict:
        """As `FactSchema`, and a given `id` must be the one derived from the row."""
        given = data.pop("id", None)
        fact = super().canonical(data, **kwargs)
        if given is not None and given != fact["id"]:
            raise ValidationError(f"Does not match the derived id {fact['id']}.", "id")
        return fact


class ListQuerySchema(Schema):
    """Query parameters of a fact listing."""

    class Meta:
        unknown = RAISE

    # Any text, as the contract says (a blank or punctuation-only one matches no fact).
    subject = fields.String(validate=validate.Length(1, 300))
    metric = fields.String(validate=validate.Regexp(METRIC_PATTERN))
    cursor = fields.String(validate=validate.Regexp(ID_PATTERN, error="Not a valid cursor."))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 500))


def _unique(items: list[str]) -> list[str]:
    """The items in their first order, without repeats."""
    return list(dict.fromkeys(items))


def load_fact(data: object) -> dict:
    """Validate one client fact (no `id`) into canonical form, or raise ValidationFailed."""
    try:
        return FactSchema().load(data)
    except ValidationError as exc:
        raise ValidationFailed("The fact has invalid fields.", field_errors(exc.messages)) from None


def identity_changes(old: dict, new: dict) -> list[dict]:
    """Field errors for each id-defining field that differs between two facts."""
    return [
        {"field": name, "message": "Part of the fact's id: delete the fact and import it anew."}
        for name, a, b in itertools.zip_longest(IDENTITY_FIELDS, _identity(old), _identity(new))
        if a != b
    ]


def validate_rows(
    rows: list, numbers: list[int] | None = None, max_errors: int = 100
) -> list[dict]:
    """Validate every row into a canonical fact, or raise ValidationFailed naming bad rows.

    `numbers` gives each row's 1-based position in its file (default: list position + 1).
    Two rows with the same derived id are an error too. At most `max_errors` errors are
    listed; the detail counts them all.
    """
    numbers = numbers or list(range(1, len(rows) + 1))
    facts, errors, seen, schema = [], [], {}, ImportRowSchema()
    for number, row in zip(numbers, rows, strict=True):
        try:
            fact = schema.load(row) if isinstance(row, dict) else _not_object()
        except ValidationError as exc:
            errors += [{"row": number, **e} for e in field_errors(exc.messages)]
            continue
        if fact["id"] in seen:
            message = (
                f"Same {', '.join(IDENTITY_FIELDS)} as row {seen[fact['id']]}: one fact "
                "given twice; a figure for another period or stage needs its own period or as_of."
            )
            errors.append({"row": number, "field": "id", "message": message})
        seen.setdefault(fact["id"], number)
        facts.append(fact)
    if errors:
        bad = len({e["row"] for e in errors})
        detail = f"{bad} of {len(rows)} rows are invalid; nothing was imported."
        raise ValidationFailed(detail, errors[:max_errors])
    return facts


def _not_object():
    """Raise the error for a row that is not a JSON object."""
    raise ValidationError("Each row must be a JSON object.")
