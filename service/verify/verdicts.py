"""Verdicts: from a claim and its matching facts to a verdict, a confidence and one sentence.

The matching facts that count are those about the same thing as the best match (subject,
metric, counted unit, place and period). If they all agree with the claim it is `supported`;
if none does, `contradicted`; if sources disagree with each other, `conflicting`. No match,
two rivals about different things that would give different verdicts, or facts that leave
the claim open: `unverifiable`, saying why.
"""

from __future__ import annotations

from ..model import Claim, Fact, Frame, Kind, is_span
from ..vocabulary.places import place_key, place_name
from ..vocabulary.words import GENERIC_METRICS, METRIC_LABELS
from .compare import agrees, at_stated_precision, describe
from .match import Match, Outcome
from .profiles import unit_class
from .rules import PARAMS

VAGUE_CONFIDENCE = 0.6  # "dozens", "hundreds": a verdict on them is worth less
TOLL_METRICS = (
    "killed", "injured", "displaced", "evacuated", "arrested", "wounded", "affected",
)  # fmt: skip


def _evidence(match: Match) -> dict:
    fact = match.fact
    return {
        "reference_id": fact.id,
        "subject": fact.subject,
        "metric": fact.metric,
        "value": fact.value,
        "lower": fact.lower,
        "upper": fact.upper,
        "qualifier": fact.qualifier,
        "unit": fact.unit,
        "as_of": fact.as_of,
        "place": fact.place,
        "period": fact.period,
        "match_score": match.score,
        "source": fact.source.as_dict(),
    }


def fact_phrase(fact: Fact) -> str:
    """The fact by its slots: 'Chile, 2022, consumer price inflation: 11.6%'."""
    figure = describe(fact.value, fact.qualifier, fact.unit)
    metric = METRIC_LABELS.get(fact.metric, fact.metric.replace("_", " "))
    if fact.is_series:
        about_place = fact.place and place_key(fact.subject) == place_key(fact.place)
        place = place_name(place_key(fact.place)) if about_place else fact.subject
        return f"{place}, {fact.period}, {metric}: {figure}"
    # what is counted, where the unit is no currency or percent its figure already shows
    counted = (
        fact.unit if fact.unit and not fact.is_date and unit_class(fact.unit) == "count" else ""
    )
    if fact.source.span is not None:  # a source document's figure: no event name of its own
        what = " ".join(w for w in (counted, metric) if w and w not in GENERIC_METRICS)
        return f"{what or metric}: {figure}"
    if fact.metric in TOLL_METRICS:
        return f"{counted or 'people'} {fact.metric} in {fact.subject}: {figure}"
    return f"{metric} of {fact.subject}: {figure}{' ' + counted if counted else ''}"


def _cite(fact: Fact) -> str:
    span = fact.source.span
    if span is not None:  # a source document given with the article: where in it
        where = f'"{span.text}", characters {span.start}-{span.end}'
        return f"{fact.source.name} gives {fact_phrase(fact)} ({where})"
    return f"{fact.source.name} gives {fact_phrase(fact)}"


def _claim_phrase(claim: Claim) -> str:
    """What the article states: '"more than 3,500" (terrorists killed)'."""
    said = f'"{claim.text}"'
    if claim.is_date:
        return f"{said} ({claim.value})" if claim.value else said
    words = [claim.subject] if claim.subject else []
    if claim.direction:  # "9%" said "a fall of 9%": compared with a change's -8.7
        words.append("a fall" if claim.direction < 0 else "a rise")
    if claim.category and not (claim.subject and claim.category in claim.subject.lower()):
        words.append(claim.category)
    return f"{said} ({' '.join(words)})" if words else said


def _explain(verdict: str, claim: Claim, used: list[Match]) -> str:
    cites = "; ".join(_cite(m.fact) for m in used[:3])
    tail = {
        "supported": "the figures agree: supported",
        "contradicted": "they cannot both be true: contradicted",
        "conflicting": "the sources disagree with each other: conflicting",
    }[verdict]
    inside = next((m.fact.period for m in used if m.within), None)
    if inside is not None:  # a day of 2022 and the contract's 2022 value
        cites += f"; the claim's period lies inside the reference's ({inside})"
    return f"The article says {_claim_phrase(claim)}; {cites}; {tail}."


def _why_not(outcome: Outcome, frame: Frame | None) -> str:
    """Why no fact was compared: the gate the nearest candidate failed, where that gate says
    something a reader can act on (a forecast, another currency, a period the reference does
    not hold); else what the claim's own frame says (a forecast, part of a year, a figure per
    person); else which slots found nothing."""
    fact = outcome.near
    if fact is not None and outcome.reason in REASONS:
        about = fact_phrase(fact).split(":")[0]
        every = {4: "annual", 7: "monthly"}.get(len(fact.period or ""), "daily")
        if is_span(fact.period):
            every = f"over {fact.period}"
        head = fact.subject.split()[-1]
        return REASONS[outcome.reason].format(about=about, unit=fact.unit, every=every, head=head)
    if frame is not None:
        if frame.forecast is not None:
            return REASONS["forecast"]
        if frame.period is not None and frame.period.value == "part of a year":
            return "it is about part of a year (a quarter, a month), and no reference holds it"
        if frame.per_capita is not None:
            return "it is a figure per person or an average, and no reference holds one"
        if frame.metric is not None and frame.metric.origin in ("clause", "phrase"):
            metric = METRIC_LABELS.get(frame.metric.value, frame.metric.value.replace("_", " "))
            where = f" for {place_name(frame.place.value)}" if frame.place else ""
            return f"the references hold no {metric}{where} that it could be"
    return "no reference fact about the same thing was found"


REASONS = {
    "currency": "the reference ({about}) is in {unit}, the claim in another currency",
    "forecast": "it is a forecast or a target, and references record what happened",
    "other subject": "its sentence speaks of another {head} than the reference's ({about})",
    "no period": "it names no period, and the reference ({about}) gives one figure a period",
    "sub-annual": "it is about part of a year, and the reference ({about}) is annual",
    "precision": "its period is not a whole one of the reference's: the reference ({about}) "
    "is {every}",
    "period": "the reference has no figure for its period (nearest: {about})",
    "taken": "the reference ({about}) is what another figure of its sentence states",
    "to come": "it is a level from a day to come, and the reference ({about}) gives no period",
}


NOTHING, RIVALS, OPEN = "nothing", "rivals", "open"
SCALED = (Kind.COUNT, Kind.QUANTITY, Kind.MONEY, Kind.NUMBER)  # a ratio of two says something


def far_off(claim: Claim, fact: Fact) -> float | None:
    """How many times the claim's figure and the fact's differ, when that is more than
    PARAMS["far_off"]: a count or sum this far from the fact it was matched to is another
    measure (a district's population, not the flood's toll; a quota, not a catch), not a
    reporter's error, so it refutes nothing. Rates are left alone: 2.0% and 0.23% inflation
    differ as a wrong figure does."""
    if claim.kind not in SCALED or not isinstance(claim.value, int | float):
        return None
    if not isinstance(fact.value, int | float) or claim.value <= 0 or fact.value <= 0:
        return None
    times = max(claim.value / fact.value, fact.value / claim.value)
    return times if times > PARAMS["far_off"] else None


def _bound_only(claim: Claim) -> bool:
    """Whether the claim's figure is a bound open on one side ("more than 4,800")."""
    return (claim.lower is None) != (claim.upper is None)


def _unverifiable(claim: Claim, facts: list[Match], reason: str) -> dict:
    return {
        "verdict": "unverifiable",
        "confidence": round(0.5 * claim.confidence, 2),
        "explanation": f"The article says {_claim_phrase(claim)}; {reason}, so it is unverifiable.",
        "evidence": [_evidence(m) for m in facts],
    }


# Two facts about different things whose scores are this close fit as well as each other:
# a safety margin of the product ("when two readings are close, say unverifiable"), not a
# fitted weight.
CLOSE = 0.05


def _ambiguous(claim: Claim, matches: list[Match], frame: Frame | None = None) -> list[Match]:
    """The best match and a rival about another thing, as good, that would change the verdict.
    Past the score's cap, a fact the claim's sentence names is better than one it does not
    ("The Green Coalition won ... 29 of the 75 seats": not the People's Party's seats), and a
    fact of the period the claim's own clause gives better than one of no period ("rose 8.5%
    in October ... to 118,460": October's count, not a total with no period), and one whose
    uncapped score leads by more than `PARAMS["cap_lead"]`."""
    best = matches[0]
    dated = frame is not None and frame.period is not None and frame.period.origin == "clause"
    for rival in matches[1:]:
        if best.score - rival.score > CLOSE:
            break
        if best.named and not rival.named and best.rank > rival.rank:
            continue
        if best.distinct and not rival.distinct:
            continue  # its own words stand in the claim's clause, the rival's do not
        if dated and best.fact.period == frame.period.value and rival.fact.period is None:
            continue
        if best.rank - rival.rank > PARAMS["cap_lead"]:
            continue  # past the cap: a fact the article speaks of far more ("collided on Oct 5")
        if best.named == rival.named and best.here - rival.here > PARAMS["clearer"]:
            continue  # the claim's own sentence speaks clearly more of the best
        if rival.fact.thing != best.fact.thing and agrees(claim, rival.fact) != agrees(
            claim, best.fact
        ):
            return [best, rival]
    return []


def latest_per_source(matches: list[Match]) -> list[Match]:
    """Each publisher's latest figure (by as_of) on each thing: a publisher's own earlier count
    of the same thing is superseded (a revised toll, a new situation report), not in conflict
    with it. A series' figures for other periods are other things, never revisions. Order
    (best first) is kept."""
    latest: dict[tuple, str] = {}
    for m in matches:
        key = (m.fact.publisher, m.fact.thing)
        latest[key] = max(latest.get(key, ""), m.fact.as_of or "")
    return [m for m in matches if (m.fact.as_of or "") == latest[(m.fact.publisher, m.fact.thing)]]


def superseded(matches: list[Match], first: bool = True) -> list[Match]:
    """The figures a later one of the same publisher on the same thing replaced: what a figure
    said as an earlier one is checked against; its first ("an initial estimate of 1,200") or
    the one just before the latest ("raising the toll from three", "from the 16.1% lost the
    winter before")."""
    kept = set(map(id, latest_per_source(matches)))
    earlier = [m for m in matches if id(m) not in kept]
    pick = min if first else max
    chosen: dict[tuple, str] = {}
    for m in earlier:
        key = (m.fact.publisher, m.fact.thing)
        chosen[key] = pick(chosen.get(key, m.fact.as_of or ""), m.fact.as_of or "")
    return [m for m in earlier if (m.fact.as_of or "") == chosen[(m.fact.publisher, m.fact.thing)]]


def decide(claim: Claim, outcome: Outcome, frame: Frame | None = None) -> dict:
    """The verdict fields a checked claim adds to the claim (`frame`, the claim's, names what
    it states when nothing matches)."""
    matches = outcome.matches
    if not matches:
        return _unverifiable(claim, [], _why_not(outcome, frame))
    if outcome.rival is not None:
        events = f"{matches[0].fact.subject} or {outcome.rival.subject}"
        return _unverifiable(
            claim, [matches[0]], f"it may be about {events}, as much one as the other"
        )
    rivals = _ambiguous(claim, matches, frame)
    if rivals:
        cited = " and ".join(_cite(m.fact) for m in rivals)
        return _unverifiable(claim, rivals, f"two reference facts fit it equally well ({cited})")
    best = matches[0]
    same = [m for m in matches if m.fact.thing == best.fact.thing]
    used = [m for m in same if agrees(claim, m.fact) is not None]
    if not used:
        cited = " and ".join(_cite(m.fact) for m in same[:2])
        return _unverifiable(claim, same, f"{cited}, which neither backs nor refutes it")
    if frame is not None and frame.stage is not None:  # "up from an initial estimate of 1,200"
        used = superseded(used, first=frame.stage.value == "first")
        if not used:
            latest = _cite(same[0].fact)
            return _unverifiable(
                claim,
                same,
                f"it is an earlier figure, and the references hold only the latest ({latest})",
            )
    else:
        used = latest_per_source(used)
    outcomes = {agrees(claim, m.fact) for m in used}
    if outcomes == {True} and len({m.fact.publisher for m in used}) > 1:
        # Publishers who disagree with each other do not both back an approximate figure
        # that only one of them gives at its stated precision.
        outcomes = {at_stated_precision(claim, m.fact) for m in used}
    # A figure far off the fact refutes nothing, nor does a bound it only lies beyond ("more
    # than 4,800 people have responded" is no town of 187,400).
    apart = (
        [far_off(claim, m.fact) for m in used]
        if outcomes == {False} or (outcomes == {True} and _bound_only(claim))
        else [None]
    )
    if outcomes == {False} and all(m.within for m in used):
        cited = " and ".join(_cite(m.fact) for m in used[:2])
        return _unverifiable(
            claim,
            used,
            f"{cited}, and the claim's period lies inside the reference's "
            f"({used[0].fact.period}): that figure may be another part's",
        )
    if outcomes == {False} and frame is not None and frame.to_come:
        # a reference backs a level to come with that level; one it gives otherwise may be
        # the level before, so it refutes nothing
        cited = " and ".join(_cite(m.fact) for m in used[:2])
        return _unverifiable(
            claim, used, f"it is a level from a day to come, and {cited} may be the one before it"
        )
    if all(apart):
        cited = " and ".join(_cite(m.fact) for m in used[:2])
        return _unverifiable(
            claim, used, f"{cited}, {min(apart):.0f} times apart: likely another measure or period"
        )
    verdict = (
        "conflicting"
        if len(outcomes) == 2
        else "supported"
        if outcomes == {True}
        else "contradicted"
    )
    vagueness = VAGUE_CONFIDENCE if claim.value is None else 1.0
    confidence = used[0].score * claim.confidence * vagueness
    if verdict == "conflicting":
        confidence *= 0.5
    return {
        "verdict": verdict,
        "confidence": round(confidence, 2),
        "explanation": _explain(verdict, claim, used),
        "evidence": [_evidence(m) for m in used],
    }
