"""The one qualifier table: the words before a figure that say how it bounds the truth.

Extraction reads an article's "more than 3,500" with it, the reference schema accepts a
source's qualifier from it, and comparison turns either into an interval by its group.
"""

from __future__ import annotations

GROUPS = {
    "above": (
        "more than",
        "over",
        "above",
        "exceeding",
        "in excess of",
        "upwards of",
        "tops",
        "topped",
        "exceeds",
        "exceeded",
        "surpassed",
        "surpasses",
    ),
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of"),
    "below": ("less than", "fewer than", "under", "below"),
    "just_below": ("nearly", "almost", "just under", "close to", "approaching"),
    "at_most": ("up to", "as many as", "at most", "no more than", "a maximum of"),
    "approx": (
        "about",
        "around",
        "roughly",
        "some",
        "approximately",
        "circa",
        "near",
        "an estimated",
        "estimated",
    ),
    "between": ("between",),
    "exact": ("exactly",),
}
GROUP_OF = {word: group for group, words in GROUPS.items() for word in words}
# What a reference fact may say of its own figure: every qualifier but a range's "between"
# (a source's range is its lower and upper bounds).
FACT_QUALIFIERS = tuple(word for word, group in GROUP_OF.items() if group != "between")


def group(qualifier: str | None) -> str | None:
    """The group of a qualifier ("nearly" -> "just_below"), None for none or an unknown word."""
    return GROUP_OF.get((qualifier or "").lower().removeprefix("an ")) or GROUP_OF.get(
        (qualifier or "").lower()
    )


def is_approximate(qualifier: str | None) -> bool:
    """ "about", "circa", "an estimated" ...: the figure is rounded, not a bound."""
    return group(qualifier) == "approx"
