"""The fast scans give exactly what the plain regex passes they replace give."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.claims import context, dates, numbers, sentences
from service.claims.scan import _FOLDS, finditer_at, folded, match_starts

DATA = Path(__file__).parent / "data"

# Pieces that exercise every scan: number words in any case, months, currencies, odd letters
# that IGNORECASE folds to ASCII ("ſ", "ı", "İ", Kelvin sign), digits of other scripts.
PIECES = [
    "one", "Two", "THREE", "twenty-one", "a hundred", "an\n thousand", "A few", "several",
    "Dozens", "hundreds of thousands", "tens of", "ſeven", "ſix", "eıght", "İ", "K",
    "4", "2,500", "3.5", "1990", "٣", "$", "US$ ", "Rs. ", "USD", "£", "R5", "bn", "%",
    "March", "14 May", "Sept.", "Monday", "yesterday", "Last week", "next", "Mr.", "Radio",
    "often", "someone", " ", "  ", "\n", "\t", ".", "!", "? ", "-", ",", "'", "’", "(", '"',
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def spans(matches) -> list[tuple[tuple[int, int], dict]]:
    """Comparable form of a match sequence."""
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_number_scans_equal_finditer(text: str) -> None:
    assert spans(finditer_at(numbers.DIGITS, text, numbers._digit_starts(text))) == spans(
        numbers.DIGITS.finditer(text)
    )
    assert spans(numbers._word_number_matches(text)) == spans(numbers.WORDS.finditer(text))
    lowered = folded(text)
    if lowered is not None:
        vague = finditer_at(numbers.VAGUE, text, numbers.word_starts(lowered, numbers._VAGUE_WORDS))
        assert spans(vague) == spans(numbers.VAGUE.finditer(text))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_date_and_sentence_scans_equal_finditer(text: str) -> None:
    dated = finditer_at(dates.DATES, text, match_starts(dates._DATE_START, text))
    assert spans(dated) == spans(dates.DATES.finditer(text))
    bounded = finditer_at(sentences._BOUNDARY, text, match_starts(sentences._BOUNDARY_START, text))
    assert spans(bounded) == spans(sentences._BOUNDARY.finditer(text))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.stem)
def test_scans_equal_finditer_on_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert spans(numbers._word_number_matches(text)) == spans(numbers.WORDS.finditer(text))
    assert spans(finditer_at(numbers.DIGITS, text, numbers._digit_starts(text))) == spans(
        numbers.DIGITS.finditer(text)
    )
    dated = finditer_at(dates.DATES, text, match_starts(dates._DATE_START, text))
    assert spans(dated) == spans(dates.DATES.finditer(text))


def test_folds_cover_every_ignorecase_letter() -> None:
    """Every non-ASCII character IGNORECASE matches to a-z is folded or shifts offsets."""
    letter = re.compile(r"(?i)[a-z]")
    odd = {chr(c) for c in range(128, 0x110000) if letter.match(chr(c))}
    for char in odd:
        lowered = char.lower()
        assert len(lowered) != 1 or lowered.translate(_FOLDS).isascii(), char


def test_currency_width_is_the_widest_currency() -> None:
    widest = re._parser.parse(numbers._CURRENCY).getwidth()[1]
    assert numbers._CURRENCY_WIDTH == widest


_OLD_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]*$")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab Z9_'’.-\t\n,é٣", max_size=60), st.data())
def test_previous_word_equals_regex_search(text: str, data) -> None:
    pos = data.draw(st.integers(0, len(text)))
    window = data.draw(st.sampled_from([5, 12, 40]))
    found = _OLD_PREVIOUS_WORD.search(text, max(0, pos - window), pos)
    assert context.previous_word(text, pos, window) == (found.group(1) if found else None)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab Z9_'’.-,\t\né٣ 1.", max_size=200), st.data())
def test_words_before_equals_whole_window(text: str, data) -> None:
    pos = data.draw(st.integers(0, len(text)))
    limit = data.draw(st.integers(1, 8))
    whole = list(context.WORD.finditer(text, max(0, pos - 120), pos))[::-1][:limit]
    fast = context.words_before(text, pos, limit)
    assert [(m.span(), m.group()) for m in fast] == [(m.span(), m.group()) for m in whole]
