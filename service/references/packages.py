"""Frictionless Data Packages as a reference format.

A package is a `datapackage.json` descriptor (resources, their field schemas, licences, sources)
beside CSV files. A *mapping* says how a resource's rows become facts: which columns hold the
place, the period and the value, and the subject, metric, unit, source and `as_of`. It sits in
the descriptor under the key `factcheck`, in a `factcheck.json` file beside it, or is given by
the caller (`--map FILE`, the API's `mapping`), which wins. Its shape:

    {"package": "optional-name-override",
     "resources": {"population": {
         "subject": "{Country Name}", "place": "{Country Name}", "period": "{Year}",
         "value": "{Value}", "metric": "population", "unit": "people",
         "as_of": "2023-05-04",
         "source": {"name": "World Bank, World Development Indicators (SP.POP.TOTL)",
                    "url": "https://data.example/SP.POP.TOTL?locations={Country Code|iso2}"}}}}

Every value is a literal or a template: `{Column}` is that cell (a template that is just one
cell keeps the cell's type, read by the descriptor's schema: number, integer, year, yearmonth,
date, string), `{Column|iso2}` an ISO 3166 alpha-3 code as alpha-2 (other codes stay as they
are). Cells substituted into `source.url` are URL-escaped. Unset, `as_of` is the descriptor's
`last_updated` (else `created`), and `source.retrieved_at` the same date. Rows whose value cell
is missing (the schema's `missingValues`, default the empty string) are skipped and counted; any
other bad cell or fact fails the whole import, naming resource, row and column.

Read with the csv module and the descriptor's own schema, not the `frictionless` library: the
figures (bench note in the project history) are that it pulls in ~40 packages (pydantic,
jsonschema, rich, typer, jinja2, petl...) and 0.2 s of import for what is here a header check and
five cell types, and its loaders would fetch remote resources themselves, around the SSRF rules
below.

URL imports: the descriptor and every resource are fetched with the job callbacks' SSRF rules
(`service.jobs.ssrf`: http(s) only, no credentials, every resolved address public unless
PACKAGE_ALLOWED_HOSTS admits it, the connection pinned to the vetted address, redirects
re-vetted hop by hop), each at most PACKAGE_MAX_BYTES. Local folders: resource paths must be
relative and stay inside the package's folder.

The import is one `ReferenceStore.write_facts` transaction under the package's name: all rows
or none; a re-import of the same content changes nothing; a newer vintage replaces the facts
the package wrote before and reports how many it `revised`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urljoin, urlsplit

import pycountry
import redis
import requests
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from .. import jsontext
from ..errors import ServiceUnavailable, ValidationFailed, field_errors
from ..jobs import ssrf
from .schema import validate_rows
from .store import ReferenceStore

DESCRIPTOR = "datapackage.json"
MAPPING_KEY = "factcheck"
MAPPING_FILE = "factcheck.json"
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")  # the Frictionless spec's package names
PLACEHOLDER = re.compile(r"\{([^{}|]+)(?:\|([a-z0-9_]+))?\}")
FACT_TEXT_FIELDS = ("subject", "place", "period", "metric", "unit", "as_of", "qualifier", "note")
USER_AGENT = "factcheck-service/0.1 (data package import)"
MAX_ERRORS = 100


def _bad(message: str, field: str | None = None) -> ValidationFailed:
    return ValidationFailed(message, [{"field": field, "message": message}])


# -- the mapping -----------------------------------------------------------------------------


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class SourceMapping(_Strict):
    name = fields.String(required=True, validate=validate.Length(1, 300))
    url = fields.String(required=True, validate=validate.Length(1, 2048))
    retrieved_at = fields.String(validate=validate.Length(1, 100))


class _Template(fields.Field):
    """A template string, or a literal number (for value, lower, upper)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValidationError("Must be a string (a literal or a {Column} template).")
        return value


class ResourceMapping(_Strict):
    subject = fields.String(required=True, validate=validate.Length(1, 300))
    metric = fields.String(required=True, validate=validate.Length(1, 100))
    value = _Template(required=True)
    lower = _Template()
    upper = _Template()
    place = fields.String(validate=validate.Length(1, 300))
    period = fields.String(validate=validate.Length(1, 100))
    unit = fields.String(validate=validate.Length(1, 100))
    as_of = fields.String(validate=validate.Length(1, 100))
    qualifier = fields.String(validate=validate.Length(1, 100))
    note = fields.String(validate=validate.Length(1, 2000))
    aliases = fields.List(fields.String(validate=validate.Length(1, 300)), load_default=list)
    keywords = fields.List(fields.String(validate=validate.Length(1, 300)), load_default=list)
    source = fields.Nested(SourceMapping, required=True)


class MappingSchema(_Strict):
    package = fields.String(validate=validate.Regexp(NAME, error="Not a package name."))
    resources = fields.Dict(
        keys=fields.String(validate=validate.Length(1, 200)),
        values=fields.Nested(ResourceMapping),
        required=True,
        validate=validate.Length(min=1),
    )


def load_mapping(data: object, where: str = "mapping") -> dict:
    """A validated mapping, or ValidationFailed with fields under `where`."""
    if not isinstance(data, dict):
        raise _bad("The package mapping must be a JSON object.", where)
    try:
        return MappingSchema().load(data)
    except ValidationError as exc:
        messages = exc.messages
        if isinstance(messages, dict) and isinstance(messages.get("resources"), dict):
            messages["resources"] = {  # marshmallow nests a dict's errors under key/value
                name: errors["value"]
                if isinstance(errors, dict) and set(errors) == {"value"}
                else errors
                for name, errors in messages["resources"].items()
            }
        raise ValidationFailed(
            "The package mapping is invalid; nothing was imported.",
            field_errors(messages, where)[:MAX_ERRORS],
        ) from None


def read_mapping_file(path: str | Path) -> dict:
    """A mapping from a JSON (or YAML) file, e.g. the CLI's --map FILE."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = jsontext.loads(text)
    except ValueError as exc:
        raise _bad(f"{path.name} is not valid JSON or YAML: {exc}.", "mapping") from None
    return load_mapping(data, "mapping")


# -- reading packages ------------------------------------------------------------------------


@dataclass
class Package:
    """A descriptor and a way to read the bytes of one of its resource paths."""

    descriptor: dict
    read: Callable[[str], bytes]
    origin: str
    beside: Callable[[str], bytes | None]  # a file next to the descriptor, if there is one


def _descriptor(raw: bytes, origin: str) -> dict:
    try:
        descriptor = jsontext.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad(f"{origin} is not a JSON descriptor: {exc}.", "descriptor") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise _bad(f"{origin} is not a data package: no `resources` list.", "descriptor")
    return descriptor


def open_folder(path: str | Path) -> Package:
    """A package on disk: its folder, or the path of its datapackage.json."""
    path = Path(path)
    descriptor_path = path / DESCRIPTOR if path.is_dir() else path
    if not descriptor_path.is_file():
        raise _bad(f"No {DESCRIPTOR} at {path}.", "path")
    folder = descriptor_path.parent.resolve()

    def read(resource_path: str) -> bytes:
        relative = PurePosixPath(resource_path)
        if relative.is_absolute() or ".." in relative.parts or "://" in resource_path:
            raise _bad(f"Resource path {resource_path!r} must be relative, inside the package.")
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            raise _bad(f"Resource path {resource_path!r} is not a file of the package.")
        return target.read_bytes()

    def beside(name: str) -> bytes | None:
        candidate = folder / name
        return candidate.read_bytes() if candidate.is_file() else None

    raw = descriptor_path.read_bytes()
    return Package(_descriptor(raw, descriptor_path.name), read, str(descriptor_path), beside)


def fetch(url: str, settings: Mapping, missing_ok: bool = False) -> bytes | None:
    """GET `url` under the SSRF rules, following at most 5 redirects (each hop vetted).

    4xx (and bad URLs, refused hosts, oversize bodies) are ValidationFailed naming `url`;
    network errors, timeouts and 5xx are ServiceUnavailable. With `missing_ok`, 404 is None.
    """
    allowed = ssrf.AllowList.parse(settings.get("PACKAGE_ALLOWED_HOSTS"))
    limit = settings.get("PACKAGE_MAX_BYTES", 50_000_000)
    for _ in range(6):
        try:
            target = ssrf.vet(url, allowed)
        except ssrf.Refused as exc:
            raise _bad(f"{url}: {exc}", "url") from None
        pinned = urlsplit(url)._replace(netloc=target.pinned_netloc).geturl()
        with requests.Session() as http:
            http.trust_env = False  # no proxies: connect where we vetted
            http.mount(f"{target.scheme}://", ssrf.PinnedAdapter(target.host))
            try:
                response = http.get(
                    pinned,
                    headers={"Host": target.netloc, "User-Agent": USER_AGENT},
                    timeout=settings.get("PACKAGE_TIMEOUT", 30.0),
                    allow_redirects=False,
                    stream=True,
                    verify=os.environ.get("REQUESTS_CA_BUNDLE") or True,
                )
                if response.is_redirect and "Location" in response.headers:
                    url = urljoin(url, response.headers["Location"])
                    continue
                if missing_ok and response.status_code == 404:
                    return None
                if response.status_code >= 500:
                    raise ServiceUnavailable(f"HTTP {response.status_code} from {url}.")
                if response.status_code != 200:
                    raise _bad(f"HTTP {response.status_code} from {url}.", "url")
                body = bytearray()
                for chunk in response.iter_content(65536):
                    body += chunk
                    if len(body) > limit:
                        raise _bad(f"{url} is larger than PACKAGE_MAX_BYTES ({limit}).", "url")
                return bytes(body)
            except requests.RequestException as exc:
                raise ServiceUnavailable(f"{type(exc).__name__} fetching {url}.") from None
    raise _bad(f"Too many redirects from {url}.", "url")


def open_url(url: str, settings: Mapping) -> Package:
    """A package on the web: the descriptor's URL (or its folder's, ending in /)."""
    if url.endswith("/"):
        url += DESCRIPTOR
    raw = fetch(url, settings)

    def read(resource_path: str) -> bytes:
        if urlsplit(resource_path).scheme not in ("", "http", "https"):
            raise _bad(f"Resource path {resource_path!r} must be relative or http(s).")
        return fetch(urljoin(url, resource_path), settings)

    def beside(name: str) -> bytes | None:
        return fetch(urljoin(url, name), settings, missing_ok=True)

    return Package(_descriptor(raw, url), read, url, beside)


# -- rows to facts ---------------------------------------------------------------------------


def _number(text: str, spec: dict) -> int | float:
    group, decimal = spec.get("groupChar"), spec.get("decimalChar", ".")
    if group:
        text = text.replace(group, "")
    if decimal != ".":
        text = text.replace(decimal, ".")
    try:
        return int(text)
    except ValueError:
        value = float(text)  # ValueError names the cell
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return value


def _cast(text: str, spec: dict) -> object:
    """A cell as its schema type says: numbers as numbers, years and dates as ISO text."""
    kind = spec.get("type", "string")
    if kind == "number":
        return _number(text, spec)
    if kind == "integer":
        return int(text)
    if kind == "year":
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError("not a year (YYYY)")
        return text
    if kind == "yearmonth":
        if not re.fullmatch(r"\d{4}-\d{2}", text):
            raise ValueError("not a year and month (YYYY-MM)")
        return text
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError("not an ISO date (YYYY-MM-DD)")
        return text
    return text


def _iso2(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return country.alpha_2 if country else code


FILTERS = {"iso2": _iso2}


class _Row:
    """One CSV record read through the resource's schema."""

    def __init__(self, cells: dict[str, str], specs: dict[str, dict], missing: set[str]):
        self.cells, self.specs, self.missing = cells, specs, missing

    def typed(self, column: str) -> object:
        text = self.cells.get(column)
        if text is None or text in self.missing:
            return None
        text = text.strip()
        try:
            return _cast(text, self.specs[column])
        except ValueError:
            kind = self.specs[column].get("type", "string")
            raise ValueError(f"{text!r} is not a valid {kind}.") from None

    def render(self, template: object, escape: bool = False) -> object:
        """A template's value for this row (None when a lone placeholder's cell is missing)."""
        if not isinstance(template, str):
            return template
        whole = PLACEHOLDER.fullmatch(template)
        if whole and not whole.group(2):
            return self.typed(whole.group(1))

        def one(match: re.Match) -> str:
            value = self.typed(match.group(1))
            text = "" if value is None else str(value)
            text = FILTERS[match.group(2)](text) if match.group(2) else text
            return quote(text, safe="") if escape else text

        return PLACEHOLDER.sub(one, template)


def _columns(mapping: dict) -> set[tuple[str, str | None]]:
    """Every (column, filter) a resource mapping names."""
    templates = [v for k, v in mapping.items() if k not in ("source", "aliases", "keywords")]
    templates += [*mapping["aliases"], *mapping["keywords"], *mapping["source"].values()]
    return {
        (m.group(1), m.group(2))
        for t in templates
        if isinstance(t, str)
        for m in PLACEHOLDER.finditer(t)
    }


def _vintage(descriptor: dict) -> str | None:
    for key in ("last_updated", "created"):
        value = descriptor.get(key)
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return value[:10]
    return None


def _resource_rows(package: Package, resource: dict, where: str) -> tuple[list[_Row], list[str]]:
    """The records of a CSV resource checked against its schema; and the header."""
    path = resource.get("path")
    if not isinstance(path, str):
        raise _bad("Only resources with one `path` (a CSV file) can be imported.", where)
    schema = resource.get("schema")
    if isinstance(schema, str):
        schema = _descriptor_json(package.read(schema), f"{where}.schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise _bad("The resource has no table schema (`schema.fields`).", f"{where}.schema")
    specs = {f["name"]: f for f in schema["fields"] if isinstance(f, dict) and "name" in f}
    dialect = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
    encoding = resource.get("encoding") or "utf-8"
    try:
        text = package.read(path).decode("utf-8-sig" if encoding.lower() == "utf-8" else encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise _bad(f"{path} cannot be decoded as {encoding}: {exc}.", where) from None
    try:
        reader = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=str(dialect.get("delimiter", ",")),
            quotechar=str(dialect.get("quoteChar", '"')),
        )
        header = next(reader, [])
        records = list(reader)
    except (csv.Error, TypeError) as exc:
        raise _bad(f"{path} cannot be read as CSV: {exc}.", where) from None
    if header != list(specs):
        raise _bad(
            f"{path}'s header {header} does not match its schema's fields {list(specs)}.", where
        )
    missing = set(schema.get("missingValues", [""]))
    rows = []
    for number, record in enumerate(records, 1):
        if len(record) != len(header):
            if not record:
                continue
            raise ValidationFailed(
                f"{path} row {number} has {len(record)} cells, not {len(header)}.",
                [{"row": number, "field": where, "message": "Wrong number of cells."}],
            )
        rows.append(_Row(dict(zip(header, record, strict=True)), specs, missing))
    return rows, header


def _descriptor_json(raw: bytes, where: str) -> dict:
    try:
        return jsontext.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad(f"Not valid JSON: {exc}.", where) from None


def _fact(row: _Row, mapping: dict, as_of: str | None, retrieved: str | None) -> dict | None:
    """The fact dict of one row (validated later), or None when its value is missing."""
    value = row.render(mapping["value"])
    if value is None:
        return None
    fact: dict = {"value": value}
    for name in FACT_TEXT_FIELDS:
        if name in mapping:
            rendered = row.render(mapping[name])
            fact[name] = str(rendered) if isinstance(rendered, int | float) else rendered
    for name in ("lower", "upper"):
        if name in mapping:
            fact[name] = row.render(mapping[name])
    fact.setdefault("as_of", as_of)
    for name in ("aliases", "keywords"):
        fact[name] = [str(row.render(t)) for t in mapping[name]]
    source = mapping["source"]
    fact["source"] = {
        "name": row.render(source["name"]),
        "url": row.render(source["url"], escape=True),
        "retrieved_at": row.render(source["retrieved_at"])
        if "retrieved_at" in source
        else (retrieved or fact["as_of"]),
    }
    return {k: v for k, v in fact.items() if v is not None and v != ""}


def package_facts(package: Package, mapping: dict | None = None) -> tuple[str, list[dict], dict]:
    """The package's name, its validated canonical facts and what was read per resource."""
    descriptor = package.descriptor
    if mapping is None:
        inline = descriptor.get(MAPPING_KEY)
        if inline is not None:
            mapping = load_mapping(inline, f"descriptor.{MAPPING_KEY}")
        else:
            raw = package.beside(MAPPING_FILE)
            if raw is None:
                raise _bad(
                    f"No mapping: give one, or put it under `{MAPPING_KEY}` in the descriptor "
                    f"or in {MAPPING_FILE} beside it.",
                    "mapping",
                )
            mapping = load_mapping(_descriptor_json(raw, MAPPING_FILE), MAPPING_FILE)
    name = mapping.get("package") or descriptor.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise _bad(f"The package needs a name matching {NAME.pattern}: {name!r}.", "package")
    resources = {r.get("name"): r for r in descriptor["resources"] if isinstance(r, dict)}
    unknown = sorted(set(mapping["resources"]) - set(resources))
    if unknown:
        raise _bad(f"The mapping names resources the package lacks: {unknown}.", "mapping")
    vintage = _vintage(descriptor)
    facts, errors, info, numbers = [], [], {}, []
    for resource_name, resource_mapping in mapping["resources"].items():
        where = f"resources.{resource_name}"
        rows, header = _resource_rows(package, resources[resource_name], where)
        absent = sorted({c for c, _ in _columns(resource_mapping)} - set(header))
        bad_filters = sorted({f for _, f in _columns(resource_mapping) if f and f not in FILTERS})
        if absent or bad_filters:
            message = f"Unknown columns {absent}" if absent else f"Unknown filters {bad_filters}"
            raise _bad(f"{message}; the columns are {header}.", f"mapping.{where}")
        as_of = resource_mapping.get("as_of") or vintage
        retrieved = vintage or (as_of if as_of and len(as_of) == 10 else None)
        drafts, skipped = [], 0
        for number, row in enumerate(rows, 1):
            try:
                draft = _fact(row, resource_mapping, as_of, retrieved)
            except ValueError as exc:
                errors.append({"row": number, "field": where, "message": str(exc)})
                continue
            if draft is None:
                skipped += 1
            else:
                drafts.append((number, draft))
        try:
            if drafts:
                valid = validate_rows([d for _, d in drafts], [n for n, _ in drafts])
                facts += valid
                numbers += [(resource_name, n) for n, _ in drafts]
        except ValidationFailed as exc:
            errors += [{**e, "field": f"{where}.{e['field']}"} for e in exc.errors]
        info[resource_name] = {"rows": len(rows), "facts": len(drafts), "skipped": skipped}
    if errors:
        bad = len({(e["field"].split(".")[1], e.get("row")) for e in errors})
        raise ValidationFailed(
            f"{bad} rows of the package are invalid; nothing was imported.", errors[:MAX_ERRORS]
        )
    seen: dict[str, tuple[str, int]] = {}
    for fact, (resource_name, number) in zip(facts, numbers, strict=True):
        if fact["id"] in seen:
            first = seen[fact["id"]]
            errors.append(
                {
                    "row": number,
                    "field": f"resources.{resource_name}",
                    "message": f"Same fact as row {first[1]} of {first[0]}.",
                }
            )
        seen.setdefault(fact["id"], (resource_name, number))
    if errors:
        raise ValidationFailed(
            f"{len(errors)} rows repeat a fact; nothing was imported.", errors[:MAX_ERRORS]
        )
    if not facts:
        raise _bad("The mapped resources hold no facts.", "mapping")
    info["_skipped_resources"] = sorted(set(resources) - set(mapping["resources"]) - {None})
    return name, facts, info


def import_package(client: redis.Redis, package: Package, mapping: dict | None = None) -> dict:
    """Import a package's facts in one transaction; the store's report with the package's."""
    name, facts, info = package_facts(package, mapping)
    skipped_resources = info.pop("_skipped_resources")
    report = ReferenceStore(client).write_facts(facts, package=name)
    return {
        "package": name,
        **report,
        "skipped_rows": sum(r["skipped"] for r in info.values()),
        "resources": info,
        "skipped_resources": skipped_resources,
    }


def load_package(
    client: redis.Redis, source: str, settings: Mapping, mapping: dict | None = None
) -> dict:
    """Import the package at `source`: an http(s) URL, a folder or a datapackage.json path."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        package = open_url(source, settings)
    else:
        package = open_folder(source)
    return import_package(client, package, mapping)


def bundled_package_name(folder: Path) -> str | None:
    """The name a bundled package imports under (its mapping's, else its descriptor's)."""
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    mapping_path = folder / MAPPING_FILE
    if mapping_path.is_file():
        override = json.loads(mapping_path.read_text(encoding="utf-8")).get("package")
        if override:
            return override
    return descriptor.get(MAPPING_KEY, {}).get("package") or descriptor.get("name")
