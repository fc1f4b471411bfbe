"""What a watched article could match, and what a changed fact touches: index keys that meet.

An article is indexed under (see docs/redis-keys.md):

- `fact:<id>`: every fact a verdict of it rests on (its evidence), so any change to one of them
  (a revised value, a deletion) re-checks it;
- `place:<place key>`: every place the checker looks facts up by for it (the places named in it
  and its main place, as `Checker.candidates` reads them), so a new or revised statistic about
  a place it names re-checks it;
- `term:<term>`: the named things of its claims (entities such as "Mir Ali", "Zarb-e-Azb"),
  normalised, whole and word by word, as the reference store indexes subjects.

A changed fact touches `fact:<its id>`, `place:<each of its old and new places>` and
`term:<t>` for each term the store finds it by (subject, aliases, keywords, phrases and their
significant words) that is not a generic event word ("attack", "flood": those name no one
event). A fact that could only be found through the plain words near a claim, not a name or a
place, is not followed: the price of not re-checking every article that says "people".
"""

from __future__ import annotations

from ..references.terms import expand, normalize
from ..vocabulary.words import EVENT_WORDS

FACT, PLACE, TERM = "fact:", "place:", "term:"


def article_keys(claims: list[dict], places: set[str], cited: set[str]) -> set[str]:
    """The index keys of an article: its claims' named things (their `entities`), its places,
    the facts its verdicts cite."""
    names = expand(e for c in claims for e in c.get("entities") or [])
    keys = {TERM + t for t in names - EVENT_WORDS}
    keys |= {PLACE + p for p in places if p}
    keys |= {FACT + f for f in cited}
    return keys


def fact_keys(change: dict) -> set[str]:
    """The index keys a changed fact touches (`change` as `service/references/changes.py`
    records it)."""
    terms = expand([change["subject"], *change["aliases"], *change["keywords"]])
    keys = {TERM + t for t in terms - EVENT_WORDS if normalize(t)}
    keys |= {PLACE + p for p in change["places"]}
    keys.add(FACT + change["id"])
    return keys
