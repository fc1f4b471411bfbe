"""A sentence's figures take their own facts: a fact that one figure of a sentence states (at
its stated precision, `compare.agrees`) is that figure's, not a reading of another figure
beside it ("a penalty costs £70, reduced to £35 if paid within 14 days": the reduced penalty
is the £35's; "it spent £612,000 on veterinary care, about 41% of its £1.5 million budget":
the £612,000 is no budget).

One publisher's figure disagreeing with another's on the same thing stays a conflict: a fact
is left to a figure it refutes where another fact of its thing backs that figure ("police said
70 died; the hospital said 35").
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Claim
from .compare import agrees
from .match import Outcome


def without_taken(claims: list[Claim], outcomes: dict[int, Outcome], sentence: list[int]):
    """`outcomes` of the claims (indices) of one sentence, less the matches each sibling takes."""
    held = {
        j: {m.fact.thing for m in outcomes[j].matches if agrees(claims[j], m.fact)}
        for j in sentence
    }
    for i in sentence:
        found = outcomes[i]
        taken = set().union(*(held[j] for j in sentence if j != i))
        backed = {m.fact.thing for m in found.matches if agrees(claims[i], m.fact)}
        kept = [m for m in found.matches if m.fact.thing not in taken - backed]
        if len(kept) == len(found.matches):
            continue
        dropped = next(m.fact for m in found.matches if m.fact.thing in taken - backed)
        outcomes[i] = replace(found, matches=kept) if kept else Outcome([], "taken", dropped)
