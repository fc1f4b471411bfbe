"""Fast, exact stand-ins for ``pattern.finditer(text)`` over long texts.

Python's ``re`` scans quickly only when a pattern starts with a literal or a plain character
class; the extraction patterns start with look-arounds and word alternations, so ``finditer``
runs the full matcher at every offset. Here a cheap pre-pass lists *candidate* offsets (a
superset of where a match can start) and the full pattern is tried only there, with
``pattern.match(text, offset)`` (look-behinds still see the text before ``offset``). Skipping
candidates inside the previous match keeps the non-overlapping semantics of ``finditer``, so
the matches are exactly the same.
"""

import re
from collections.abc import Iterable, Iterator

# Characters other than A-Z/a-z that IGNORECASE matches to an ASCII letter, and that letter
# ("İ" also matches "i" but lower-cases to two characters; texts holding it are not folded).
_FOLDS = str.maketrans({"ı": "i", "ſ": "s"})


def finditer_at(pattern: re.Pattern, text: str, candidates: Iterable[int]) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text)``, trying ``pattern`` only at ``candidates``.

    ``candidates`` must hold every offset where a match can start (extra ones cost only time)
    and ``pattern`` must never match the empty string.
    """
    resume = 0  # finditer's next search offset: the end of the last match
    tried = -1
    for offset in candidates:
        if offset < resume or offset <= tried:
            continue
        tried = offset
        found = pattern.match(text, offset)
        if found:
            resume = found.end()
            yield found


def match_starts(prefilter: re.Pattern, text: str, reach: int = 0) -> Iterable[int]:
    """Start offsets of ``prefilter`` matches, each preceded by the ``reach`` offsets before it.

    ``prefilter`` should start with a character class so that ``re`` skips to it in C.
    """
    if not reach:
        return map(re.Match.start, prefilter.finditer(text))
    return (
        offset
        for found in prefilter.finditer(text)
        for offset in range(max(0, found.start() - reach), found.start() + 1)
    )


def folded(text: str) -> str | None:
    """``text`` lower-cased so that an IGNORECASE match of a lower-case ASCII word appears
    verbatim at the same offset; None when lower-casing would shift offsets."""
    lowered = text.lower()
    return lowered.translate(_FOLDS) if len(lowered) == len(text) else None


def word_starts(folded_text: str, words: Iterable[str]) -> list[int]:
    """Sorted offsets of every occurrence of any of ``words`` in ``folded_text`` (``str.find``)."""
    starts = set()
    for word in words:
        at = folded_text.find(word)
        while at >= 0:
            starts.add(at)
            at = folded_text.find(word, at + 1)
    return sorted(starts)
