"""A newsroom's own figures: a CSV, JSON array or JSON Lines file at DATASET_URL.

DATASET_FIELDS maps fact fields to the dataset's columns, `field=Column`, or to a fixed value,
`field='literal'`, comma-separated, e.g. `subject=Country,metric='killed',value=Deaths,
as_of=Date`; unset, the columns are named like the CSV import's. Lists (aliases, keywords) are
`;`-separated. Every fact cites DATASET_NAME at DATASET_URL. A refresh is a conditional GET
(ETag / Last-Modified); the dataset's facts replace the ones of the previous refresh.
"""

from __future__ import annotations

import csv
import io
import json

import requests

from ..importer import CSV_COLUMNS, csv_cell
from .base import RemoteSource
from .http import SourceFailure, json_body

FACT_FIELDS = tuple(c for c in CSV_COLUMNS if c not in ("id",) and not c.startswith("source"))


def parse_fields(spec: str | None) -> dict[str, tuple[bool, str]]:
    """DATASET_FIELDS as {fact field: (is_literal, column or literal)}; ValueError if bad."""
    if not spec:
        return {name: (False, name) for name in FACT_FIELDS}
    mapping = {}
    for item in spec.split(","):
        field, sep, target = (part.strip() for part in item.partition("="))
        if not sep or field not in FACT_FIELDS or not target:
            raise ValueError(f"DATASET_FIELDS: bad item {item.strip()!r}; fields: {FACT_FIELDS}")
        literal = len(target) >= 2 and target[0] == target[-1] == "'"
        mapping[field] = (literal, target[1:-1] if literal else target)
    return mapping


def map_row(row: dict, mapping: dict[str, tuple[bool, str]]) -> dict:
    """A dataset row as a fact dict (without source); empty cells are left out."""
    cells = {f: target if literal else row.get(target) for f, (literal, target) in mapping.items()}
    metric = str(cells.get("metric") or "")
    fact = {}
    for field, value in cells.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        fact[field] = csv_cell(field, value, metric) if isinstance(value, str) else value
    return fact


def decode_rows(fmt: str):
    """A decoder of a `fmt` (csv, json, jsonl) body into a list of row objects."""

    def decode(response: requests.Response) -> list[dict]:
        text = response.content.decode("utf-8-sig", errors="replace")
        try:
            if fmt == "csv":
                rows = list(csv.DictReader(io.StringIO(text)))
            elif fmt == "jsonl":
                rows = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                rows = json_body(response)
        except (csv.Error, ValueError) as exc:
            raise SourceFailure(f"Malformed {fmt} dataset: {exc}") from None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise SourceFailure(f"Malformed {fmt} dataset: expected a list of records")
        return rows

    return decode


class DatasetSource(RemoteSource):
    """The dataset at DATASET_URL, mapped by DATASET_FIELDS."""

    name = "dataset"
    kind = "dataset"

    @property
    def base_url(self) -> str:
        return self.settings["DATASET_URL"]

    def refresh(self) -> int:
        """Fetch the dataset (conditionally) and make its rows the source's facts."""
        try:
            mapping = parse_fields(self.settings["DATASET_FIELDS"])
        except ValueError as exc:
            raise self.unavailable(str(exc)) from None
        decode = decode_rows(self.settings["DATASET_FORMAT"])
        fetched = self.cached_get("dataset", self.base_url, None, decode, force=True)
        if fetched.stale:
            raise self.unavailable(self.client.hget(self.state_key, "last_error") or "stale")
        source = {
            "name": self.settings["DATASET_NAME"],
            "url": self.base_url,
            "retrieved_at": fetched.retrieved_at,
        }
        facts = [{**map_row(row, mapping), "source": source} for row in fetched.body or []]
        _facts, report = self.import_facts(facts, replace=True)
        return report["created"] + report["updated"] + report["removed"]
