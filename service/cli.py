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
