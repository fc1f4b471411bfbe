"""A sentence's figures take their own facts: a fact that one figure of a sentence states (at
its stated precision, `compare.agrees`) is that figure's, not a reading of another figure
beside it ("a penalty costs £70, reduced to £35 if paid within 14 days": the reduced penalty
is the £35's; "it spent £612,000 on veterinary care, about 41% of its £1.5 million budget":
the £612,000 is no budget).

One publisher's figure disagreeing with another's on the same thing stays a conflict: a fact
is left to a figure it refutes where another fact of its thing backs that figure ("police said
70 died; the hospital said 35"). So is an earlier figure of the same thing, which its frame
says it is: a stage or a level a change started from ("about 1,850 tonnes, up from an
initial estimate of 1,500": the first estimate's, not the 1,850's, to refute).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Claim, Frame
from .compare import agrees
from .match import Outcome

EARLIER = ("from", "year before", "compared", "earlier")  # period origins of an earlier level


def without_taken(
    claims: list[Claim], frames: list[Frame], outcomes: dict[int, Outcome], sentence: list[int]
) -> None:
    """`outcomes` of the claims (indices) of one sentence, less the matches each sibling takes
    (changed in place)."""
    held = {
        j: {m.fact.thing for m in outcomes[j].matches if agrees(claims[j], m.fact)}
        for j in sentence
    }
    for i in sentence:
        if _earlier(frames[i]):
            continue
        found = outcomes[i]
        taken = set().union(*(held[j] for j in sentence if j != i))
        backed = {m.fact.thing for m in found.matches if agrees(claims[i], m.fact)}
        theirs = taken - backed
        kept = [m for m in found.matches if m.fact.thing not in theirs]
        if len(kept) == len(found.matches):
            continue
        dropped = next(m.fact for m in found.matches if m.fact.thing in theirs)
        outcomes[i] = replace(found, matches=kept) if kept else Outcome([], "taken", dropped)


def _earlier(frame: Frame) -> bool:
    """Whether a figure is said as an earlier one of its thing (a stage, a starting level)."""
    period = frame.period
    return (
        frame.stage is not None
        or frame.earlier is not None
        or (period is not None and (period.origin in EARLIER or period.value == "earlier"))
    )
