"""Qualifiers before a number ("more than", "nearly") and the interval each one allows.

Interval convention: ``lower``/``upper`` are the finite ends the wording allows, ``None`` for an
open side. ``bounds`` tells whether each end is inclusive ``[``/``]`` or exclusive ``(``/``)``;
an open (None) side is always written with a square bracket, so ``bounds`` only describes
finite ends: "more than 3,500" -> (3500, None, "(]"), "less than 10" -> (None, 10, "[)").
"""

import re
from decimal import Decimal

from service.claims.mention import Mention, number
from service.vocabulary.qualifiers import GROUP_OF

TOLERANCE = Decimal("0.1")  # "about 300" allows 270..330; "nearly 300" allows 270..<300

QUALIFIER = re.compile(
    r"(?i)(?<![\w-])(" + "|".join(sorted(GROUP_OF, key=len, reverse=True)) + r")[^\S\n]+\Z"
)
_AND = re.compile(r"[^\S\n]+and[^\S\n]+")


def find_qualifier(text: str, start: int) -> re.Match | None:
    """The qualifier written just before ``start``, if any."""
    return QUALIFIER.search(text, max(0, start - 24), start)


def apply_qualifier(text: str, mention: Mention) -> None:
    """Extend ``mention`` over its qualifier and set its qualifier and interval."""
    found = find_qualifier(text, mention.start)
    if found:
        mention.start = found.start()
        mention.qualifier = found.group(1).lower().removeprefix("an ")
    if mention.vague or mention.lower is not None:
        return
    mention.lower, mention.upper, mention.bounds = interval(mention.value, mention.qualifier)


def interval(value: int | float, qualifier: str | None) -> tuple:
    """``(lower, upper, bounds)`` that a number with ``qualifier`` allows."""
    group = GROUP_OF.get(qualifier or "")
    exact = Decimal(str(value))
    if group == "above":
        return value, None, "(]"
    if group == "at_least":
        return value, None, "[]"
    if group == "below":
        return None, value, "[)"
    if group == "at_most":
        return None, value, "[]"
    if group == "just_below":
        return number(exact * (1 - TOLERANCE)), value, "[)"
    if group == "approx":
        return number(exact * (1 - TOLERANCE)), number(exact * (1 + TOLERANCE)), "[]"
    return value, value, "[]"


def merge_between(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join "between 20 and 30" (two sorted mentions) into one ranged mention."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.qualifier == "between"
            and previous.upper == previous.lower
            and previous.kind in (mention.kind, "number")
            and mention.kind != "date"
            and _AND.fullmatch(text, previous.end, mention.start)
        ):
            previous.end, previous.upper, previous.value = mention.end, mention.value, None
            previous.kind, previous.unit = mention.kind, previous.unit or mention.unit
            continue
        merged.append(mention)
    return merged
