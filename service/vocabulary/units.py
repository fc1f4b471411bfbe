"""Units of measure, read by Pint: "square kilometres" and "km2" are one unit, "megawatts" and
"MW" another. Only to tell whether a claim's words and a fact's unit name the same unit."""

from __future__ import annotations

import re
from functools import lru_cache

from .words import FUNCTION_WORDS

# A percentage's unit as a reference may write it: compared as "%" (stored as written, so a
# fact's id, derived from its unit, never changes).
PERCENT_UNITS = frozenset({"%", "percent", "per cent", "per-cent", "percentage", "pct"})
# A change of a rate, in points: a reference writes its unit so, an article "9 percentage
# points" ("fell 9 percentage points" is no 9% fall, nor a rate of 9%; a league's "points"
# are a count).
POINT_UNITS = frozenset({"percentage points", "percentage point", "pp", "% points", "ppt"})
SQUARED = re.compile(r"(?<=[a-z])([23])$", re.IGNORECASE)  # "km2" is "km**2"
MAX_WORDS = 3  # "square kilometres", "kilometres per hour"


@lru_cache(maxsize=1)
def _registry():
    import pint  # (its registry takes a third of a second to build: only when first asked)

    return pint.UnitRegistry()


@lru_cache(maxsize=4096)
def _parsed(text: str) -> str | None:
    try:
        found = _registry().parse_units(SQUARED.sub(r"**\1", text))
    except Exception:  # Pint raises a kind of its own for each way a text names no unit
        return None
    return None if found.dimensionless else str(found)


def unit_of(text: str | None) -> str | None:
    """The unit of measure the first words of a phrase name ("square kilometres of forest"
    -> "kilometer ** 2"), None where they name none (a function word alone is none: "in" is
    no inch)."""
    words = (text or "").split()
    for n in range(min(MAX_WORDS, len(words)), 0, -1):
        said = " ".join(words[:n])
        if len(said) > 1 and said.lower() not in FUNCTION_WORDS:
            found = _parsed(said)
            if found:
                return found
    return None


def same_unit(said: str | None, unit: str | None) -> bool:
    """Whether a claim's unit words and a fact's unit, a symbol of one letter included ("t",
    "m"), name one unit of measure ("tonnes" and "t", "hectares" and "ha")."""
    found = unit_of(said)
    return found is not None and bool(unit) and found == _parsed(unit.strip())


def canonical_unit(unit: str | None) -> str | None:
    """A fact's unit in the form it is compared in: "percent", "per cent", "per-cent",
    "percentage" and "pct" are "%" (the unit extraction gives every percentage); any other
    unit as written."""
    if unit is not None and " ".join(unit.lower().split()) in PERCENT_UNITS:
        return "%"
    return unit


def in_points(unit: str | None) -> bool:
    """Whether a fact's unit is percentage points ("pp", "percentage points")."""
    return unit is not None and " ".join(unit.lower().split()) in POINT_UNITS
