"""`python -m service serve | extract | check | refs load`."""

from __future__ import annotations

import json
import os
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
    """Run the API under gunicorn (BIND, WEB_CONCURRENCY), starting embedded Redis if needed."""
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
    from .verify.check import Checker

    settings = Config.from_env().as_dict()
    result = Checker(_redis(), settings["CHECK_CACHE_TTL"], settings).check(
        file.read(), "html" if html else "text", published_at
    )
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(_table(result["claims"]))
    click.echo(", ".join(f"{n} {v}" for v, n in result["summary"].items()))


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
    from .errors import ServiceError
    from .references.importer import load_file

    try:
        report = load_file(_redis(), path)
    except ServiceError as exc:
        for error in exc.errors:
            click.echo(
                f"row {error.get('row', '-')}: {error.get('field')}: {error['message']}", err=True
            )
        raise click.ClickException(exc.detail) from None
    click.echo(json.dumps(report, indent=2))


def _redis():
    """A Redis client for CLI commands: REDIS_URL, else the embedded server in DATA_DIR."""
    from .config import Config
    from .storage import connect, resolve_url

    config = Config.from_env()
    return connect(resolve_url(config.as_dict()), config.REDIS_TIMEOUT)
