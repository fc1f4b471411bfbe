"""Wikidata: find an event's entity, read its casualty and date statements as facts.

`lookup(name)` searches (`wbsearchentities`), reads the first hit (`wbgetentities`), imports
its facts into the store and returns them; the entity ids looked up so far are kept in
`src:wikidata:entities` so that `refresh()` can re-fetch them.
"""

from __future__ import annotations

import re

import requests

from ..terms import normalize
from .base import RemoteSource
from .http import SourceFailure, json_body

PROPERTIES = {
    "P1120": "killed",  # number of deaths
    "P1339": "injured",  # number of injured
    "P585": "date",  # point in time
    "P580": "start_date",  # start time
    "P582": "end_date",  # end time
}
ENTITY_URL = "https://www.wikidata.org/wiki/{}"
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
DATE_LENGTH = {9: 4, 10: 7, 11: 10}  # time precision (year, month, day) -> ISO prefix length
ENTITY_ID = re.compile(r"^Q\d+$")
_TIME = re.compile(r"^\+(\d{4}-\d{2}-\d{2})T")


def _data(response: requests.Response) -> dict:
    """The API's JSON object; an API-level error other than a missing entity fails."""
    data = json_body(response)
    if not isinstance(data, dict):
        raise SourceFailure("Malformed Wikidata response: not an object")
    error = data.get("error")
    if error and error.get("code") != "no-such-entity":
        raise SourceFailure(f"Wikidata error {error.get('code')}: {error.get('info')}")
    return data


def search_result(response: requests.Response) -> str | None:
    """The first hit's entity id of a wbsearchentities response, None when nothing matched."""
    hits = _data(response).get("search")
    if not isinstance(hits, list) or any(not isinstance(h, dict) for h in hits):
        raise SourceFailure("Malformed Wikidata search response")
    if not hits:
        return None
    if not ENTITY_ID.match(str(hits[0].get("id"))):
        raise SourceFailure("Malformed Wikidata search hit")
    return hits[0]["id"]


def entity_result(response: requests.Response) -> dict | None:
    """The single entity of a wbgetentities response (trimmed), None when it is missing."""
    data = _data(response)
    if "error" in data:
        return None
    entities = data.get("entities")
    if not isinstance(entities, dict) or len(entities) != 1:
        raise SourceFailure("Malformed Wikidata entity response")
    entity = next(iter(entities.values()))
    if not isinstance(entity, dict) or not ENTITY_ID.match(str(entity.get("id"))):
        raise SourceFailure("Malformed Wikidata entity")
    if "missing" in entity:
        return None
    claims = entity.get("claims") or {}
    return {
        "id": entity["id"],
        "label": _en(entity.get("labels")),
        "description": _en(entity.get("descriptions")),
        "aliases": [a.get("value") for a in (entity.get("aliases") or {}).get("en", [])],
        "enwiki": ((entity.get("sitelinks") or {}).get("enwiki") or {}).get("title"),
        "claims": {p: claims[p] for p in PROPERTIES if p in claims},
    }


def _en(texts: dict | None) -> str | None:
    """The English text of a labels/descriptions map."""
    return ((texts or {}).get("en") or {}).get("value")


def _best(statements: list[dict]) -> dict | None:
    """The first preferred statement, else the first normal one (deprecated ones never)."""
    for rank in ("preferred", "normal"):
        for statement in statements:
            if statement.get("rank") == rank:
                return statement
    return None


def _datavalue(snak: dict | None) -> dict | None:
    """A snak's datavalue, or None for 'unknown value' / 'no value' snaks."""
    if not snak or snak.get("snaktype") != "value":
        return None
    return snak.get("datavalue")


def quantity(value: dict) -> dict:
    """`{"amount": "+6", "unit": "1", "lowerBound": "+5"}` -> value, lower, upper, unit."""

    def number(text: str | None) -> int | float | None:
        if text is None:
            return None
        amount = float(text)
        return int(amount) if amount.is_integer() and "." not in text else amount

    unit = value.get("unit", "1")
    return {
        "value": number(value["amount"]),
        "lower": number(value.get("lowerBound")),
        "upper": number(value.get("upperBound")),
        "unit": None if unit == "1" else unit.rsplit("/", 1)[-1],
    }


def iso_date(value: dict) -> str | None:
    """`{"time": "+2024-03-26T00:00:00Z", "precision": 11}` -> "2024-03-26" (9: year,
    10: month, 11: day); None for coarser precision, BCE or non-Gregorian dates."""
    match = _TIME.match(value.get("time", ""))
    length = DATE_LENGTH.get(value.get("precision"))
    if not match or not length or value.get("calendarmodel", GREGORIAN) != GREGORIAN:
        return None
    return match.group(1)[:length]


def _statement_value(statement: dict) -> dict | None:
    """Fact fields (value, bounds, unit, as_of) from one statement, None if unusable."""
    datavalue = _datavalue(statement.get("mainsnak"))
    if not datavalue:
        return None
    if datavalue.get("type") == "time":
        date = iso_date(datavalue["value"])
        return {"value": date} if date else None
    if datavalue.get("type") != "quantity":
        return None
    fields = quantity(datavalue["value"])
    qualifiers = (statement.get("qualifiers") or {}).get("P585") or []
    dates = [iso_date(d["value"]) for d in map(_datavalue, qualifiers) if d]
    return {**fields, "as_of": next((d for d in dates if d), None)}


def entity_facts(entity: dict, retrieved_at: str) -> list[dict]:
    """Reference facts from a trimmed entity, one per property that has a usable value."""
    subject = entity["label"] or entity["id"]
    aliases = [a for a in [*entity["aliases"], entity["enwiki"]] if a and a != subject]
    source = {
        "name": "Wikidata",
        "url": ENTITY_URL.format(entity["id"]),
        "retrieved_at": retrieved_at,
    }
    facts = []
    for prop, metric in PROPERTIES.items():
        fields = _statement_value(_best(entity["claims"].get(prop, [])) or {})
        if fields:
            facts.append(
                {
                    "subject": subject,
                    "aliases": aliases,
                    "metric": metric,
                    **fields,
                    "note": entity["description"],
                    "source": source,
                }
            )
    return facts


class WikidataSource(RemoteSource):
    """The Wikidata API at WIKIDATA_API_URL."""

    name = "wikidata"
    kind = "wikidata"

    @property
    def base_url(self) -> str:
        return self.settings["WIKIDATA_API_URL"]

    @property
    def entities_key(self) -> str:
        return f"src:{self.name}:entities"

    def lookup(self, name: str) -> list[dict]:
        """Facts Wikidata holds on the event `name` (now in the store too); [] if none."""
        params = {
            "action": "wbsearchentities",
            "search": name,
            "language": "en",
            "type": "item",
            "limit": 1,
            "format": "json",
        }
        found = self.cached_get(f"search:{normalize(name)}", self.base_url, params, search_result)
        return self._entity(found.body)[0] if found.body else []

    def refresh(self) -> int:
        """Re-fetch every entity looked up so far; ServiceUnavailable if any could not be."""
        changed, failed = 0, []
        for entity_id in sorted(self.client.smembers(self.entities_key)):
            _facts, report, stale = self._entity(entity_id, force=True)
            changed += report["created"] + report["updated"] + report["removed"]
            if stale:
                failed.append(entity_id)
        if failed:
            raise self.unavailable(f"could not re-fetch {', '.join(failed)}")
        return changed

    def _entity(self, entity_id: str, force: bool = False) -> tuple[list[dict], dict, bool]:
        """Fetch one entity and import its facts: (facts, import report, served stale)."""
        params = {
            "action": "wbgetentities",
            "ids": entity_id,
            "languages": "en",
            "props": "claims|labels|aliases|descriptions|sitelinks",
            "format": "json",
        }
        fetched = self.cached_get(
            f"entity:{entity_id}", self.base_url, params, entity_result, force
        )
        raw = entity_facts(fetched.body, fetched.retrieved_at) if fetched.body else []
        facts, report = self.import_facts(raw)
        self.client.sadd(self.entities_key, entity_id)
        return facts, report, fetched.stale
