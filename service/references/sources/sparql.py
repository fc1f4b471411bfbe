"""Wikidata in bulk: a SPARQL query on the Wikidata Query Service, its results as facts.

`python -m service refs refresh wikidata --query NAME|FILE [--param KEY=VALUE ...]` runs a
named query shipped in `queries/` (`attacks`: terrorist attacks, bomb attacks and suicide
attacks in a country since a year) or a query file of your own, on WIKIDATA_SPARQL_URL, and
imports the results. A query's `{{name}}` placeholders take the parameters (named queries have
defaults; a country is a Q-id, a year four digits; a file's values must be plain tokens).

A query selects, per row, `?item` (the entity) and any of: `?itemLabel`, `?itemAltLabel`
(comma-separated aliases), `?itemDescription`, `?countryLabel` (the fact's place),
`?placeLabel` (a keyword), `?date`/`?datePrecision` (P585) and `?start`/`?startPrecision`
(P580), and per count `?deathsStatement ?deaths ?deathsLower ?deathsUpper ?deathsAsOf`
(P1120) and the same with `injured` (P1339). Rows are grouped by item; each item gives facts
`date`, `start_date`, `killed` and `injured`, cited to the item's page. Quantity bounds become
`lower`/`upper`. Statements with different values are kept as several facts (conflicting
sources), each then citing its own statement (`...wiki/Q1#Q1$guid`); the same value stated
twice is one fact. Items whose figures do not validate (a value outside its bounds) are left
out and counted in the report's `skipped`, with the first reasons.

The HTTP side is the other sources' (`http.py`: pooled session, timeouts, retries; the
breaker and the stale-if-error cache of `base.RemoteSource`), with WIKIDATA_SPARQL_TIMEOUT as the
read timeout. The facts are written as one package (`ReferenceStore.write_facts`) per query
and parameters, so a refresh replaces what the same query wrote before, atomically.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

import redis
import requests
from marshmallow import ValidationError

from ...errors import ValidationFailed, field_errors
from ..schema import ImportRowSchema
from .base import RemoteSource
from .http import SourceFailure, json_body
from .wikidata import ENTITY_URL, quantity

QUERIES = Path(__file__).resolve().parent / "queries"
NAMED = {"attacks": {"country": "Q843", "since": "2014"}}
RULES = {"country": r"Q\d{1,12}", "since": r"\d{4}"}
TOKEN = r"[A-Za-z0-9_.:-]{1,100}"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
ENTITY = re.compile(r"^https?://www\.wikidata\.org/entity/(Q\d+)$")
STATEMENT = re.compile(r"^https?://www\.wikidata\.org/entity/statement/(Q\d+)-(.+)$")
DATE_LENGTH = {"9": 4, "10": 7, "11": 10}  # precision (year, month, day) -> ISO prefix length
COUNTS = {"deaths": "killed", "injured": "injured"}
DATES = {"date": "date", "start": "start_date"}


def _bad(message: str, field: str = "query") -> ValidationFailed:
    return ValidationFailed(message, [{"field": field, "message": message}])


def load_query(query: str, params: Mapping[str, str]) -> tuple[str, str]:
    """(package name, query text) for a named query or a query file, parameters filled in."""
    if query in NAMED:
        text, values, label = (QUERIES / f"{query}.rq").read_text(), dict(NAMED[query]), query
    elif Path(query).is_file():
        text, values, label = Path(query).read_text(encoding="utf-8"), {}, Path(query).stem
    else:
        raise _bad(f"No query {query!r}: name one of {sorted(NAMED)} or a query file.")
    values.update(params)
    wanted = dict.fromkeys(PLACEHOLDER.findall(text))
    for name in wanted:
        if name not in values:
            raise _bad(f"The query needs --param {name}=...", f"param.{name}")
        if not re.fullmatch(RULES.get(name, TOKEN), values[name]):
            raise _bad(f"Bad value {values[name]!r} for {name}.", f"param.{name}")
    text = PLACEHOLDER.sub(lambda m: values[m.group(1)], text)
    parts = [label, *(values[name] for name in wanted)]
    name = re.sub(r"[^a-z0-9._-]+", "-", "-".join(["wikidata", *parts]).lower()).strip("-")
    return name[:100], text


def decode_results(response: requests.Response) -> list[dict[str, str]]:
    """SPARQL JSON results as rows of variable -> value text; SourceFailure if malformed."""
    body = json_body(response)
    rows = body.get("results", {}).get("bindings") if isinstance(body, dict) else None
    if not isinstance(rows, list):
        raise SourceFailure("Malformed SPARQL results: no results.bindings list")
    out = []
    for row in rows:
        if not isinstance(row, dict) or not all(
            isinstance(cell, dict) and isinstance(cell.get("value"), str) for cell in row.values()
        ):
            raise SourceFailure("Malformed SPARQL results: a binding is not {type, value}")
        out.append({name: cell["value"] for name, cell in row.items()})
    return out


def _date(value: str | None, precision: str | None) -> str | None:
    """`2024-03-26T00:00:00Z` at precision 11 -> `2024-03-26` (10: month, 9: year); None for
    coarser precision or dates before year 1."""
    length = DATE_LENGTH.get(precision or "11")
    match = re.match(r"^(\d{4}-\d{2}-\d{2})T", value or "")
    return match.group(1)[:length] if match and length else None


def _anchor(statement: str | None, entity: str) -> str | None:
    """The item page's anchor of a statement node: `Q1-abc` in RDF is `Q1$abc` on the page."""
    match = STATEMENT.match(statement or "")
    return f"{match.group(1)}${match.group(2)}" if match and match.group(1) == entity else None


def item_facts(entity: str, rows: list[dict], retrieved_at: str) -> list[dict]:
    """The facts of one item's rows (before validation)."""
    first = rows[0]
    subject = first.get("itemLabel") or entity
    aliases = [a.strip() for a in (first.get("itemAltLabel") or "").split(", ")]
    country = first.get("countryLabel")
    base = {
        "subject": subject,
        "aliases": sorted({a for a in aliases if a and a != subject}),
        "place": country if country and not re.fullmatch(r"Q\d+", country) else None,
        "keywords": sorted({r["placeLabel"] for r in rows if r.get("placeLabel")}),
        "note": first.get("itemDescription"),
    }
    url = ENTITY_URL.format(entity)
    drafts: dict[str, dict[tuple, str | None]] = {}  # metric -> fields -> statement anchor
    for row in rows:
        for var, metric in DATES.items():
            value = _date(row.get(var), row.get(f"{var}Precision"))
            if value:
                drafts.setdefault(metric, {}).setdefault((("value", value),), None)
        for var, metric in COUNTS.items():
            if row.get(var) is None:
                continue
            fields = quantity(
                {
                    "amount": row[var],
                    "lowerBound": row.get(f"{var}Lower"),
                    "upperBound": row.get(f"{var}Upper"),
                }
            )
            fields["as_of"] = _date(row.get(f"{var}AsOf"), "11")
            key = tuple(sorted(fields.items(), key=lambda item: item[0]))
            anchor = _anchor(row.get(f"{var}Statement"), entity)
            found = drafts.setdefault(metric, {})
            if found.get(key) is None:
                found[key] = anchor
    facts = []
    for metric, variants in drafts.items():
        for key, anchor in sorted(variants.items(), key=lambda item: repr(item[0])):
            several = len(variants) > 1
            cited = f"{url}#{quote(anchor, safe='$')}" if several and anchor else url
            if several and not anchor:
                cited = f"{url}#{metric}={dict(key)['value']}"
            facts.append(
                {
                    **base,
                    "metric": metric,
                    **dict(key),
                    "source": {"name": "Wikidata", "url": cited, "retrieved_at": retrieved_at},
                }
            )
    return facts


def result_facts(rows: list[dict], retrieved_at: str) -> tuple[list[dict], int, list[dict]]:
    """Validated canonical facts from result rows, the number of items, and the errors of the
    facts left out."""
    items: dict[str, list[dict]] = {}
    for row in rows:
        match = ENTITY.match(row.get("item", ""))
        if match:
            items.setdefault(match.group(1), []).append(row)
    schema, facts, skipped, seen = ImportRowSchema(), [], [], set()
    for entity, item_rows in items.items():
        for draft in item_facts(entity, item_rows, retrieved_at):
            try:
                fact = schema.load({k: v for k, v in draft.items() if v is not None})
            except ValidationError as exc:
                where = f"{entity}.{draft['metric']}"
                skipped += [
                    {"field": f"{where}.{e['field']}", "message": e["message"]}
                    for e in field_errors(exc.messages)
                ]
                continue
            if fact["id"] not in seen:
                seen.add(fact["id"])
                facts.append(fact)
    return facts, len(items), skipped


class WikidataQuerySource(RemoteSource):
    """The Wikidata Query Service at WIKIDATA_SPARQL_URL."""

    name = "wikidata-sparql"
    kind = "wikidata-sparql"

    def __init__(self, client: redis.Redis, settings: Mapping):
        timeout = settings.get("WIKIDATA_SPARQL_TIMEOUT", settings["SOURCE_TIMEOUT"])
        super().__init__(client, {**settings, "SOURCE_TIMEOUT": timeout})

    @property
    def base_url(self) -> str:
        return self.settings["WIKIDATA_SPARQL_URL"]

    def refresh(self) -> int:
        report = self.run("attacks", {})
        return report["created"] + report["updated"] + report["removed"]

    def run(self, query: str, params: Mapping[str, str]) -> dict:
        """Run a query now and import its results as one package; the import report."""
        package, text = load_query(query, params)
        key = "query:" + hashlib.sha1(text.encode()).hexdigest()
        params = {"query": text, "format": "json"}
        fetched = self.cached_get(key, self.base_url, params, decode_results, force=True)
        rows = fetched.body or []
        facts, items, skipped = result_facts(rows, fetched.retrieved_at)
        report = self.store.write_facts(facts, package=package, refuse_older=False)
        if facts:
            self.client.sadd(self.facts_key, *[f["id"] for f in facts])
        return {
            "query": package,
            "rows": len(rows),
            "items": items,
            "skipped": len(skipped),
            "skipped_errors": skipped[:20],
            "stale": fetched.stale,
            **report,
        }
