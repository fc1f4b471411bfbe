"""Reading fact files (JSON array, JSON Lines, CSV) and loading them into the store.

`parse` validates every row and raises one ValidationFailed listing the bad rows (`row` is
1-based: the array position for JSON, the line number for JSON Lines, the data row after the
header for CSV). Nothing is written unless every row is valid, and the write is one
transaction (`ReferenceStore.import_facts`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import redis

from .. import jsontext
from ..errors import UnsupportedMediaType, ValidationFailed
from .schema import FactSchema, is_date_metric, validate_rows
from .store import ReferenceStore

FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "references.jsonl"
BUNDLED_PACKS = Path(__file__).resolve().parents[1] / "data" / "worldbank"
LIST_COLUMNS = ("aliases", "keywords")
NUMBER_COLUMNS = ("lower", "upper")
SOURCE_COLUMNS = {"source_name": "name", "source_url": "url", "source_retrieved_at": "retrieved_at"}
CSV_COLUMNS = ("id", *(n for n in FactSchema().fields if n != "source"), *SOURCE_COLUMNS)


def _file_error(message: str, field: str | None = None) -> ValidationFailed:
    """A whole-file problem (no row to name)."""
    return ValidationFailed(message, [{"field": field, "message": message}])


def _json_rows(data: str) -> tuple[list, list[int]]:
    """Rows of a JSON array, numbered by position."""
    try:
        rows = jsontext.loads(data)
    except ValueError as exc:
        raise _file_error(f"Not valid JSON: {exc}.") from None
    if not isinstance(rows, list):
        raise _file_error("A JSON import must be an array of facts.")
    return rows, list(range(1, len(rows) + 1))


def _structure_errors(errors: list[dict], what: str) -> ValidationFailed:
    """Rows too broken to validate field by field."""
    return ValidationFailed(f"{len(errors)} {what}; nothing was imported.", errors[:100])


def _jsonl_rows(data: str) -> tuple[list, list[int]]:
    """Rows of a JSON Lines text, numbered by line; blank lines are skipped."""
    rows, numbers, errors = [], [], []
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(jsontext.loads(line))
            numbers.append(number)
        except ValueError as exc:
            errors.append({"row": number, "field": None, "message": f"Not valid JSON: {exc}."})
    if errors:
        raise _structure_errors(errors, "lines are not valid JSON")
    return rows, numbers


def csv_cell(column: str, text: str, metric: str | None) -> object:
    """One CSV cell as a JSON value: lists split on ';', numbers parsed where numbers belong.

    A cell that does not parse is passed on as text so that validation names it.
    """
    text = text.strip()
    if column in LIST_COLUMNS:
        return [item.strip() for item in text.split(";") if item.strip()]
    numeric = column in NUMBER_COLUMNS or (column == "value" and not is_date_metric(metric or ""))
    if numeric:
        for kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                pass
    return text


def csv_row(cells: dict[str, str]) -> dict:
    """A CSV record (column -> text) as a fact dict; empty cells are left out."""
    metric = (cells.get("metric") or "").strip()
    row, source = {}, {}
    for column, text in cells.items():
        if text is None or not text.strip():  # None: the record has fewer cells than columns
            continue
        elif column in SOURCE_COLUMNS:
            source[SOURCE_COLUMNS[column]] = text.strip()
        else:
            row[column] = csv_cell(column, text, metric)
    if source:
        row["source"] = source
    return row


def _csv_rows(data: str) -> tuple[list, list[int]]:
    """Rows of a CSV text with a header line, numbered from the first data row."""
    try:
        return _read_csv(data)
    except csv.Error as exc:  # e.g. a lone carriage return inside an unquoted cell
        raise _file_error(f"The CSV cannot be read: {exc}.") from None


def _read_csv(data: str) -> tuple[list, list[int]]:
    reader = csv.DictReader(io.StringIO(data.lstrip("\ufeff"), newline=""), restkey="_extra")
    unknown = [c for c in reader.fieldnames or [] if c not in CSV_COLUMNS]
    if not reader.fieldnames or unknown:
        known = ", ".join(CSV_COLUMNS)
        raise _file_error(f"Unknown or missing CSV columns {unknown}; known: {known}.", "header")
    records = list(reader)
    surplus = [n for n, cells in enumerate(records, 1) if "_extra" in cells]
    if surplus:
        errors = [{"row": n, "field": None, "message": "More cells than columns."} for n in surplus]
        raise _structure_errors(errors, "rows have more cells than the header")
    return [csv_row(cells) for cells in records], list(range(1, len(records) + 1))


READERS = {"json": _json_rows, "jsonl": _jsonl_rows, "csv": _csv_rows}


def parse(data: str, fmt: str) -> list[dict]:
    """Validated canonical facts from `data` in `fmt` (json, jsonl or csv); all rows or none."""
    if fmt not in READERS:
        raise UnsupportedMediaType(f"Unknown import format {fmt!r}; use json, jsonl or csv.")
    rows, numbers = READERS[fmt](data)
    if not rows:
        raise _file_error("The file holds no facts.")
    return validate_rows(rows, numbers)


def load_file(client: redis.Redis, path: str | Path) -> dict:
    """Import a .json, .jsonl/.ndjson or .csv file; returns the store's import report."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedMediaType(f"Cannot tell the format of {path.name}: use {list(FORMATS)}.")
    facts = parse(path.read_text(encoding="utf-8-sig"), fmt)
    return ReferenceStore(client).import_facts(facts)


def load_bundled(
    client: redis.Redis, only_if_empty: bool = True, packs: bool | None = None
) -> dict | None:
    """Import service/data/references.jsonl (with `only_if_empty`, only into an empty store)
    and the bundled statistics packs (service/data/worldbank/), each pack only if the store
    does not hold it yet, so a store made before the packs existed gains them too.

    `packs` defaults to `only_if_empty`: the first-start call (gunicorn's) loads them, a
    forced re-import of the facts file (`only_if_empty=False`) does not. Returns the facts
    file's import report (None if it was not imported) with the packs' reports under
    `packages`, or None when nothing was imported at all.
    """
    store = ReferenceStore(client)
    report = None if only_if_empty and store.count() else load_file(client, BUNDLED)
    loaded = load_bundled_packs(client) if (only_if_empty if packs is None else packs) else {}
    if report is None and not loaded:
        return None
    return {**(report or {}), "packages": loaded} if loaded else report


def load_bundled_packs(client: redis.Redis) -> dict[str, dict]:
    """Import each bundled package the store does not hold yet; their reports by name."""
    from .packages import bundled_package_name, load_package
    from .store import PACKAGE

    reports = {}
    for folder in sorted(p.parent for p in BUNDLED_PACKS.glob("*/datapackage.json")):
        name = bundled_package_name(folder)
        if name and not client.exists(PACKAGE + name):
            reports[name] = load_package(client, str(folder), {})
    return reports
