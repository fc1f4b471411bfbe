"""Properties: spans are exact everywhere, and random text never breaks the extractor."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.claims import extract
from service.claims.evaluation import load_articles

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_DIRS = [SHARED / "seed", SHARED / "bench" / "news"]

KEYS = {
    "id", "text", "start", "end", "sentence", "kind", "value", "precision", "qualifier", "lower",
    "upper", "bounds", "unit", "category", "subject", "entities", "confidence", "note",
}  # fmt: skip


def check_spans(text: str, claims: list[dict]) -> None:
    """Every claim has the agreed keys and an exact span inside its sentence."""
    for claim in claims:
        assert set(claim) == KEYS
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["id"] == f"c{claim['start']}-{claim['end']}"
        assert claim["text"] in claim["sentence"] or claim["sentence"] in claim["text"]
        assert 0 <= claim["confidence"] <= 1


def test_spans_exact_on_own_articles() -> None:
    articles = list(load_articles(DATA))
    assert len(articles) >= 9
    for article in articles:
        check_spans(article.text, extract(article.text, article.published_at))


def test_spans_exact_on_shared_articles() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared (seed and BBC articles) is not present")
    for article in load_articles(*SHARED_DIRS):
        check_spans(article.text, extract(article.text, article.published_at))


FRAGMENTS = st.sampled_from(
    [
        "March", "June 22", "18 March 2024", "2014", "more than", "nearly a", "million",
        "dozens of", "twenty-one", "one", "hundred", "$", "£", "€", "Rs ", "%", "bn", "m", ",",
        ".", "-", "–", "—", "“", "”", "Zürich", "São Paulo", "\n\n", " ", "between", "and",
        "on Tuesday",
        "killed", "people", "Radio 4", "0.5", "3,500", "1,2,3", "٣", "²", "½", "İ", "ß",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1))))
def test_random_text_never_raises_and_spans_hold(text: str, published: dt.date | None) -> None:
    check_spans(text, extract(text, published))
