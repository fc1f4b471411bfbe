"""Sentence splitting with exact character offsets (regex rules, no model)."""

import bisect
import re

from service.claims.scan import finditer_at, match_starts

_BOUNDARY = re.compile(r"[.!?]++[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATIONS = set(
    "mr mrs ms dr st prof gen col lt sgt capt rep sen gov jr sr no vs etc inc ltd co corp "
    "u.s u.k e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec rs approx fig rev mt".split()
)
# Where a _BOUNDARY match can start (see scan.py): the first of a run of stops, so a run of
# 20,000 dots is tried once, not 20,000 times (that was quadratic).
_BOUNDARY_START = re.compile(r"[.!?\n](?<![.!?][.!?])")  # a class first: re skips in C
_LAST_WORD = re.compile(r"([\w.]+)\.*$")
# A run of text with no sentence boundary longer than this (a table, a list of figures, a
# pathological input) is cut into pieces of at most this length at white space, so that work
# per claim stays bounded and time grows linearly with the text.
MAX_SENTENCE = 2000


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial ("Mr.", "J.")."""
    if text[dot] != ".":
        return False
    found = _LAST_WORD.search(text, max(0, dot - 12), dot)
    if not found:
        return False
    word = found.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def split(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, whitespace trimmed."""
    spans = []
    start = 0
    for boundary in finditer_at(_BOUNDARY, text, match_starts(_BOUNDARY_START, text)):
        if _is_abbreviation(text, boundary.start()):
            continue
        spans.append((start, boundary.end()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [
        trimmed
        for span in spans
        for piece in _pieces(text, *span)
        if (trimmed := _trim(text, *piece))
    ]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span, cut at white space into pieces of at most MAX_SENTENCE characters."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink a span past surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


class SentenceIndex:
    """Finds the sentence that holds an offset, by binary search over sentence starts."""

    def __init__(self, text: str) -> None:
        self.spans = split(text)
        self._starts = [start for start, _ in self.spans]

    def at(self, offset: int) -> tuple[int, int]:
        """The span of the sentence containing ``offset`` (or the nearest one before it)."""
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.spans[index] if self.spans else (0, 0)
