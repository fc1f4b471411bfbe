"""The record each extraction pass produces before it becomes a claim dict."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Mention:
    """A numeric expression found in the text, with its normalised reading.

    ``start``/``end`` are character offsets into the analysed text. ``lower``/``upper``/``bounds``
    are filled by the qualifier pass for numbers and by the date pass for dates.
    """

    start: int
    end: int
    kind: str
    value: float | int | str | None
    unit: str | None = None
    precision: str | None = None
    qualifier: str | None = None
    lower: float | int | str | None = None
    upper: float | int | str | None = None
    bounds: str = "[]"
    confidence: float = 0.9
    note: str | None = None
    vague: bool = False


def number(value: Decimal) -> int | float:
    """A JSON number: int when integral, else float."""
    return int(value) if value == value.to_integral_value() else float(value)
