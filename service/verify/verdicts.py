"""Verdicts: from a claim and its matching facts to a verdict, a confidence and one sentence.

The matching facts that count are those about the same thing as the best match (same subject,
metric and counted unit). If they all agree with the claim it is `supported`; if none does,
`contradicted`; if sources disagree with each other, `conflicting`. No match: `unverifiable`.
"""

from __future__ import annotations

from .compare import agrees, describe
from .match import Match, same_thing

VAGUE_CONFIDENCE = 0.6  # "dozens", "hundreds": a verdict on them is worth less
AMBIGUOUS = 0.05  # two facts about different things this close in score: no verdict


def _evidence(match: Match) -> dict:
    fact = match.fact
    return {
        "reference_id": fact["id"],
        "subject": fact["subject"],
        "metric": fact["metric"],
        "value": fact["value"],
        "lower": fact.get("lower"),
        "upper": fact.get("upper"),
        "qualifier": fact.get("qualifier"),
        "unit": fact.get("unit"),
        "as_of": fact.get("as_of"),
        "match_score": match.score,
        "source": fact["source"],
    }


def _fact_phrase(fact: dict) -> str:
    figure = describe(fact["value"], fact.get("qualifier"), fact.get("unit"))
    counted = fact.get("unit") if fact["metric"] != "date" and fact.get("unit") else ""
    what = f"{fact['metric'].replace('_', ' ')} of {fact['subject']}"
    if fact["metric"] in ("killed", "injured", "displaced", "arrested", "wounded"):
        what = f"{counted or 'people'} {fact['metric']} in {fact['subject']}"
        counted = ""
    return f"{what}: {figure}{' ' + counted if counted else ''}"


def _claim_phrase(claim: dict) -> str:
    """What the article states: '"more than 3,500" (terrorists killed)'."""
    said = f'"{claim["text"]}"'
    about = " ".join(p for p in (claim.get("subject"), claim.get("category")) if p)
    if claim["kind"] == "date":
        return f"{said} ({claim['value']})" if claim["value"] else said
    return f"{said} ({about})" if about else said


def _explain(verdict: str, claim: dict, used: list[Match]) -> str:
    said = f"The article says {_claim_phrase(claim)}"
    cites = "; ".join(f"{m.fact['source']['name']} gives {_fact_phrase(m.fact)}" for m in used[:3])
    tail = {
        "supported": "the figures agree: supported",
        "contradicted": "they cannot both be true: contradicted",
        "conflicting": "the sources disagree with each other: conflicting",
    }[verdict]
    return f"{said}; {cites}; {tail}."


NOTHING, RIVALS, OPEN = "nothing", "rivals", "open"


def _unverifiable(claim: dict, facts: list[Match], why: str = NOTHING) -> dict:
    said = f"The article says {_claim_phrase(claim)}"
    cited = " and ".join(
        f"{m.fact['source']['name']} gives {_fact_phrase(m.fact)}" for m in facts[:2]
    )
    reason = {
        NOTHING: "no reference fact about the same thing was found",
        RIVALS: f"two reference facts fit it equally well ({cited})",
        OPEN: f"{cited}, which neither backs nor refutes it",
    }[why]
    return {
        "verdict": "unverifiable",
        "confidence": round(0.5 * claim.get("confidence", 1.0), 2),
        "explanation": f"{said}; {reason}, so it is unverifiable.",
        "evidence": [_evidence(m) for m in facts],
    }


def _ambiguous(claim: dict, matches: list[Match]) -> list[Match]:
    """The best match and a rival about another thing, as good, that would change the verdict."""
    best = matches[0]
    for rival in matches[1:]:
        if best.score - rival.score > AMBIGUOUS:
            break
        if not same_thing(rival.fact, best.fact) and agrees(claim, rival.fact) != agrees(
            claim, best.fact
        ):
            return [best, rival]
    return []


def _latest_per_source(matches: list[Match]) -> list[Match]:
    """Each source's latest figure (by as_of): a source's own earlier counts are superseded,
    not in conflict with it. Order (best first) is kept."""
    latest: dict[str, str] = {}
    for m in matches:
        url, as_of = m.fact["source"]["url"], m.fact.get("as_of") or ""
        latest[url] = max(latest.get(url, ""), as_of)
    return [m for m in matches if (m.fact.get("as_of") or "") == latest[m.fact["source"]["url"]]]


def decide(claim: dict, matches: list[Match]) -> dict:
    """The verdict fields a checked claim adds to the claim."""
    if not matches:
        return _unverifiable(claim, [])
    rivals = _ambiguous(claim, matches)
    if rivals:
        return _unverifiable(claim, rivals, RIVALS)
    best = matches[0]
    same = [m for m in matches if same_thing(m.fact, best.fact)]
    used = [m for m in same if agrees(claim, m.fact) is not None]
    if not used:
        return _unverifiable(claim, same, OPEN)
    used = _latest_per_source(used)
    best = used[0]
    outcomes = {agrees(claim, m.fact) for m in used}
    if len(outcomes) == 2:
        verdict = "conflicting"
    elif outcomes == {True}:
        verdict = "supported"
    else:
        verdict = "contradicted"
    vagueness = VAGUE_CONFIDENCE if claim["value"] is None else 1.0
    confidence = best.score * claim.get("confidence", 1.0) * vagueness
    if verdict == "conflicting":
        confidence *= 0.5
    return {
        "verdict": verdict,
        "confidence": round(confidence, 2),
        "explanation": _explain(verdict, claim, used),
        "evidence": [_evidence(m) for m in used],
    }
