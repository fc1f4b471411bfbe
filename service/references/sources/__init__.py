"""Remote reference sources: Wikidata always, the newsroom dataset when DATASET_URL is set."""

from __future__ import annotations

from collections.abc import Mapping

import redis

from ...errors import NotFound
from .base import RemoteSource
from .dataset import DatasetSource
from .wikidata import WikidataSource


def configured(client: redis.Redis, settings: Mapping) -> dict[str, RemoteSource]:
    """The sources the settings enable, by name."""
    sources: list[RemoteSource] = [WikidataSource(client, settings)]
    if settings.get("DATASET_URL"):
        sources.append(DatasetSource(client, settings))
    return {source.name: source for source in sources}


def get_source(client: redis.Redis, settings: Mapping, name: str) -> RemoteSource:
    """One configured source, or NotFound."""
    sources = configured(client, settings)
    if name not in sources:
        raise NotFound(f"No source named {name!r}; configured: {', '.join(sources)}.")
    return sources[name]
