"""Config parsing through typed helpers, and the README table staying in step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service import create_app
from service.config import Config, ConfigError

README = Path(__file__).resolve().parents[1] / "README.md"


def test_defaults():
    config = Config.from_env({})
    assert config.REDIS_URL is None
    assert config.DATA_DIR == Path("var")
    assert config.MAX_ARTICLE_BYTES == 1_000_000
    assert config.LOAD_BUNDLED_REFERENCES is True
    assert config.BIND == "127.0.0.1:8000"


def test_values_are_parsed_by_type():
    config = Config.from_env(
        {
            "REDIS_URL": "redis://h:1/2",
            "DATA_DIR": "/tmp/x",
            "MAX_ARTICLE_BYTES": "2048",
            "REDIS_TIMEOUT": "0.25",
            "LOAD_BUNDLED_REFERENCES": "off",
            "LOG_LEVEL": "debug",
        }
    )
    assert config.REDIS_URL == "redis://h:1/2"
    assert config.DATA_DIR == Path("/tmp/x")
    assert config.MAX_ARTICLE_BYTES == 2048
    assert config.REDIS_TIMEOUT == 0.25
    assert config.LOAD_BUNDLED_REFERENCES is False
    assert config.LOG_LEVEL == "DEBUG"


def test_empty_string_means_unset():
    assert Config.from_env({"REDIS_URL": ""}).REDIS_URL is None


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("MAX_ARTICLE_BYTES", "lots", "whole number"),
        ("MAX_ARTICLE_BYTES", "0", "at least 1"),
        ("WEB_CONCURRENCY", "-2", "at least 1"),
        ("REDIS_TIMEOUT", "soon", "a number"),
        ("LOAD_BUNDLED_REFERENCES", "maybe", "one of"),
    ],
)
def test_bad_values_name_the_variable(name, value, words):
    with pytest.raises(ConfigError, match=name) as info:
        Config.from_env({name: value})
    assert words in str(info.value)


def test_every_variable_is_in_the_readme_table():
    readme = README.read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.M))
    assert set(Config.documented()) <= table, set(Config.documented()) - table


def test_create_app_takes_the_environment_and_overrides(monkeypatch, redis_url):
    monkeypatch.setenv("MAX_ARTICLE_BYTES", "1234")
    monkeypatch.setenv("REDIS_URL", redis_url)
    app = create_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 1234
    assert not app.testing
    app = create_app({"TESTING": True, "MAX_ARTICLE_BYTES": 99})
    assert app.testing
    assert app.config["MAX_CONTENT_LENGTH"] == 99


def test_each_app_has_its_own_pool(redis_url):
    first = create_app({"REDIS_URL": redis_url})
    second = create_app({"REDIS_URL": redis_url})
    assert first.extensions["redis_pool"] is not second.extensions["redis_pool"]
