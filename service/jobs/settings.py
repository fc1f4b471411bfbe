"""The settings a worker process runs its tasks with (jobs and callbacks share them)."""

from __future__ import annotations

from collections.abc import Mapping

from ..config import Config

_configured: dict = {}


def configure(settings: Mapping) -> None:
    """Settings for tasks run by this process (the worker command calls it once)."""
    _configured.clear()
    _configured.update(settings)


def settings() -> Mapping:
    """The worker's settings: as configured, else read from the environment."""
    return _configured or Config.from_env().as_dict()
