"""Accuracy floors on annotated articles (our own, and the shared seed when present)."""

from pathlib import Path

import pytest

from service.claims.evaluation import score_directories

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_own_articles_recall_and_precision_floor() -> None:
    score = score_directories(DATA)
    assert score.recall() >= 0.95, score.misses
    assert score.precision() >= 0.95, score.extras


def test_seed_article_is_fully_extracted() -> None:
    if not (SHARED / "seed").is_dir():
        pytest.skip("../shared/seed is not present")
    score = score_directories(SHARED / "seed")
    assert score.recall() == 1.0, score.misses
    assert sum(score.false.values()) <= 1, score.extras


def test_bbc_articles_floor() -> None:
    if not (SHARED / "bench" / "news").is_dir():
        pytest.skip("../shared/bench/news is not present")
    score = score_directories(SHARED / "bench" / "news")
    assert score.recall() >= 0.9 and score.precision() >= 0.9, (score.misses, score.extras)
