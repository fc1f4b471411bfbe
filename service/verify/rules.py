"""The rules of matching, in one table, with their weights.

A claim is matched to a reference fact property by property. Some properties must agree
(`GATES`: the kind of figure, the metric, what is counted, the place and period of a series,
no forecast): a fact failing one is never compared, and the first gate it fails is the reason
an "unverifiable" verdict gives. The others are scored (`RULES`): each rule is a small function
of the claim, its frame, the fact and the context, giving a feature in about [-1, 1]; the fact's
score is the weighted sum, in three parts (`here`: what the claim's own sentence says; `around`:
what the rest of the article adds; `rest`: the claim's own properties). A new rule is one entry.

The weights and thresholds are not hand-set: `bench/fit_weights.py` fits them on the annotated
sets with cross-validation by article and writes `weights.json`, with the figures they gave.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rules read these; they import the weights from here
    from .match import Inputs

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
_TABLE = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
WEIGHTS: dict[str, float] = _TABLE["weights"]
# Thresholds: a score to pass, how much clearer one event (or fact) must be spoken of, how
# close a rival event may come.
PARAMS: dict[str, float] = _TABLE["params"]
# How much a word outside the claim's clause or window still speaks of it.
POSITION: dict[str, float] = _TABLE["position"]
NEAR_BEFORE = 600  # characters before the sentence whose words still speak of its event
ARTICLE_PLACES = ("article", "before")  # a place the claim's own text does not give


@dataclass(frozen=True)
class Rule:
    """A scored property: `feature(inputs)` times the weight named `name`, in `part`."""

    name: str
    part: str
    feature: Callable[[Inputs], float]
    doc: str


def _name_here(x: Inputs) -> float:
    return x.name_here


def _name_near(x: Inputs) -> float:
    return 1.0 if x.name_near else 0.0


def _name_earlier(x: Inputs) -> float:
    return 1.0 if x.name_earlier and not x.claim.is_date else 0.0  # a date far from it: none


def _name_in_title(x: Inputs) -> float:
    return 1.0 if x.name_in_title else 0.0


def _keywords_here(x: Inputs) -> float:
    return min(x.keywords_here, PARAMS["keyword_cap"])


def _keywords_before(x: Inputs) -> float:
    return min(x.keywords_before, 2.0)


def _partner(x: Inputs) -> float:
    return 1.0 if x.partner else 0.0


def _counted_same(x: Inputs) -> float:
    return 1.0 if x.counted == "same" else 0.0


def _metric_said(x: Inputs) -> float:
    return x.metric_said


def _same_year(x: Inputs) -> float:
    return 1.0 if x.year == "same" else 0.0


def _place_here(x: Inputs) -> float:
    return 1.0 if x.place == "same" and x.frame.place.origin not in ARTICLE_PLACES else 0.0


def _same_place(x: Inputs) -> float:
    # The article's place says which place a figure is about, not which of its events a date
    # is of: a date takes its event from names, keywords and the counts beside it.
    if x.claim.is_date:
        return 0.0
    return 1.0 if x.place == "same" and x.frame.place.origin in ARTICLE_PLACES else 0.0


def _same_period(x: Inputs) -> float:
    return 1.0 if x.period == "same" else 0.0


RULES = (
    Rule("name_here", "here", _name_here, "the fact's event is named in the claim's sentence"),
    Rule("keywords_here", "here", _keywords_here, "the fact's keywords stand near the claim"),
    Rule("place_here", "here", _place_here, "the claim's sentence names the fact's place"),
    Rule("name_near", "around", _name_near, "its name stands just before the sentence"),
    Rule("name_earlier", "around", _name_earlier, "its name stands earlier in the article"),
    Rule("name_in_title", "around", _name_in_title, "its name is in the article's title"),
    Rule("keywords_before", "around", _keywords_before, "its keywords just before the sentence"),
    Rule("partner", "rest", _partner, "a date stands beside a count of this event"),
    Rule("counted_same", "rest", _counted_same, "the same things are counted"),
    Rule("metric_said", "rest", _metric_said, "a word of the fact's metric stands near"),
    Rule("same_year", "rest", _same_year, "the claim's year is the year of the fact's event"),
    Rule("same_place", "rest", _same_place, "the article's main place is the fact's place"),
    Rule("same_period", "rest", _same_period, "the claim's period is the fact's period"),
)
assert {r.name for r in RULES} == set(WEIGHTS), "weights.json must weigh every rule, no more"


@contextmanager
def tuned(table: Mapping[str, Mapping[str, float]]) -> Iterator[None]:
    """Match with other weights, thresholds or position factors for a while (`table` has the
    shape of weights.json): what the fitting script and the tests of each weight use."""
    saved = {name: dict(values) for name, values in _LIVE.items()}
    try:
        for name, values in table.items():
            if name in _LIVE:
                _LIVE[name].update(values)
        yield
    finally:
        for name, values in saved.items():
            _LIVE[name].clear()
            _LIVE[name].update(values)


def table() -> dict[str, dict[str, float]]:
    """The weights, thresholds and position factors in force, in weights.json's shape."""
    return {name: dict(values) for name, values in _LIVE.items()}


_LIVE = {"weights": WEIGHTS, "params": PARAMS, "position": POSITION}
