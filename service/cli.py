"""`python -m service serve | extract | check | refs load | refs load-package | keys | worker`."""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import date

import click


def _parse_date(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD") from None


published_at_option = click.option(
    "--published-at", callback=_parse_date, help="Publication date, YYYY-MM-DD."
)
html_option = click.option(
    "--html", is_flag=True, help="The file is HTML: reduce it to text first."
)


@click.group()
def main() -> None:
    """Numeric-claim fact-checking service."""


@main.command()
def serve() -> None:
    """Run the API under gunicorn (BIND, WEB_CONCURRENCY), starting embedded Redis if needed.

    Before gunicorn starts, a fresh directory for the workers' metrics is named in
    PROMETHEUS_MULTIPROC_DIR: prometheus_client reads it when first imported.
    """
    from .config import Config, ConfigError
    from .connections import resolve_jobs_url

    config = Config.from_env()
    try:
        resolve_jobs_url(config.as_dict())  # a cluster JOBS_REDIS_URL stops it here, plainly
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    metrics_dir = (config.DATA_DIR / "prometheus").resolve()
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    args = [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf"]
    os.execv(sys.executable, [*args, "service:create_app()"])


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@published_at_option
@html_option
def extract(file, published_at: date | None, html: bool) -> None:
    """Print the numeric claims of FILE (or - for stdin) as JSON, as POST /v1/extract does."""
    from .documents import extract_document

    result = extract_document(file.read(), "html" if html else "text", published_at)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@published_at_option
@html_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON, as POST /v1/checks does.")
def check(file, published_at: date | None, html: bool, as_json: bool) -> None:
    """Check the numeric claims of FILE (or - for stdin) against the reference store."""
    from .config import Config
    from .model import Article
    from .verify.check import Checker

    settings = Config.from_env().as_dict()
    article = Article(file.read(), "html" if html else "text", published_at=published_at)
    result = Checker(_redis(), settings["CHECK_CACHE_TTL"], settings).check(article)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(_table(result["claims"]))
    click.echo(", ".join(f"{n} {v}" for v, n in result["summary"].items()))
    for finding in result["findings"]:
        spans = " / ".join(s["text"] for s in finding["claims"])
        click.echo(f"{finding['severity']} {finding['type']}: {spans}: {finding['arithmetic']}")


def _table(claims: list[dict]) -> str:
    """Claim, verdict, reference value and source, one line per claim."""
    rows = [("CLAIM", "VERDICT", "REFERENCE", "SOURCE")]
    for claim in claims:
        fact = claim["evidence"][0] if claim["evidence"] else None
        reference = f"{fact['qualifier'] or ''} {fact['value']}".strip() if fact else "-"
        source = fact["source"]["url"] if fact else "-"
        rows.append((claim["text"][:40], claim["verdict"], reference[:24], source))
    widths = [max(len(str(r[i])) for r in rows) for i in range(3)]
    return "\n".join(
        "  ".join(str(cell).ljust(w) for cell, w in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    )


@main.group()
def refs() -> None:
    """The reference store."""


@refs.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def refs_load(path: str) -> None:
    """Import reference facts from a JSON, JSON Lines or CSV file (all rows or none)."""
    from .references.importer import load_file

    click.echo(json.dumps(_service_call(load_file, _redis(), path), indent=2))


@refs.command("load-package")
@click.argument("source", metavar="PATH|URL")
@click.option(
    "--map",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False),
    help="The mapping (JSON or YAML); default: the descriptor's `factcheck` key or a "
    "factcheck.json beside it.",
)
def refs_load_package(source: str, mapping_file: str | None) -> None:
    """Import a Frictionless Data Package (a folder, its datapackage.json, or an http(s) URL):
    every row of its mapped resources or none. A newer vintage revises the facts it wrote."""
    from .config import Config
    from .references.packages import load_package, read_mapping_file

    mapping = _service_call(read_mapping_file, mapping_file) if mapping_file else None
    settings = Config.from_env().as_dict()
    report = _service_call(load_package, _redis(), source, settings, mapping)
    click.echo(json.dumps(report, indent=2))


@refs.command("refresh")
@click.argument("source")
@click.option("--query", help="wikidata: a named SPARQL query (attacks) or a query FILE.")
@click.option(
    "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeat)."
)
def refs_refresh(source: str, query: str | None, params: tuple[str, ...]) -> None:
    """Refresh a remote source now. `wikidata --query NAME|FILE` runs a SPARQL query on the
    Wikidata Query Service and imports its results in bulk (replacing what the same query
    wrote before); without --query, a source re-fetches what it holds."""
    from .config import Config
    from .references.sources import get_source
    from .references.sources.sparql import WikidataQuerySource

    settings, client = Config.from_env().as_dict(), _redis()
    if query is None:
        changed = _service_call(get_source(client, settings, source).refresh)
        click.echo(json.dumps({"source": source, "changed": changed}, indent=2))
        return
    if source != "wikidata":
        raise click.BadParameter("--query is for the wikidata source", param_hint="SOURCE")
    pairs = dict(p.partition("=")[::2] for p in params)
    if any(not k or not v for k, v in pairs.items()):
        raise click.BadParameter("use KEY=VALUE", param_hint="--param")
    report = _service_call(WikidataQuerySource(client, settings).run, query, pairs)
    click.echo(json.dumps(report, indent=2))


@main.group()
def keys() -> None:
    """API keys: stored hashed in Redis, each with scopes and a webhook secret."""


@keys.command("create")
@click.option("--name", required=True, help="Who holds the key, e.g. cms-prod.")
@click.option("--scopes", default="check", show_default=True, help="check, admin or check,admin.")
def keys_create(name: str, scopes: str) -> None:
    """Create a key and print it once, with its webhook secret (only their hash is kept)."""
    from .keys import KeyStore

    key, secret = _service_call(KeyStore(_redis()).create, name, scopes.split(","))
    click.echo(
        f"key:            {key}\nwebhook secret: {secret}\nStore both now: neither is shown again."
    )


@keys.command("list")
def keys_list() -> None:
    """Each key's name, scopes and creation time (never the key)."""
    from .keys import KeyStore

    for item in KeyStore(_redis()).list():
        click.echo(f"{item['name']}\t{','.join(item['scopes'])}\t{item['created_at']}")


@keys.command("revoke")
@click.argument("name")
def keys_revoke(name: str) -> None:
    """Revoke the key called NAME at once."""
    from .keys import KeyStore

    _service_call(KeyStore(_redis()).revoke, name)
    click.echo(f"revoked {name}")


@main.command()
@click.option("--burst", is_flag=True, help="Exit once the queues are empty.")
def worker(burst: bool) -> None:
    """Run one batch-job worker (RQ) on JOBS_REDIS_URL's queues, else REDIS_URL's, else the
    embedded Redis in DATA_DIR; it checks articles against REDIS_URL (or the embedded Redis)."""
    from .config import Config, ConfigError
    from .connections import resolve_jobs_url, resolve_url
    from .jobs.worker import run_worker

    config = Config.from_env().as_dict()
    try:
        jobs_url = resolve_jobs_url(config)  # before an embedded Redis is started for nothing
        store_url = resolve_url(config)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if jobs_url:  # the queue on a Redis of its own, the work on REDIS_URL's
        run_worker(jobs_url, config, burst=burst, store_url=store_url)
    else:
        run_worker(store_url, config, burst=burst)


def _service_call(fn, *args):
    """Run a library call; its ServiceError becomes a clean CLI error with field details."""
    from .errors import ServiceError

    try:
        return fn(*args)
    except ServiceError as exc:
        for error in exc.errors:
            row = f"row {error['row']}: " if "row" in error else ""
            click.echo(f"{row}{error.get('field')}: {error['message']}", err=True)
        raise click.ClickException(exc.detail) from None


def _redis():
    """A Redis client for CLI commands: REDIS_URL, else the embedded server in DATA_DIR; with
    JOBS_REDIS_URL, linked to a client of it (a reference import queues its re-check there)."""
    from .config import Config, ConfigError
    from .connections import connect_store

    config = Config.from_env()
    try:
        return connect_store(config.as_dict(), config.REDIS_TIMEOUT)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
