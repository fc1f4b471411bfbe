"""Small look-behind/look-ahead helpers over the words around an offset."""

import re

from service.claims.lexicon import MONTHS, NAME_PREFIX_EXCEPTIONS

WORD = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*|\d(?:\d|[,.](?=\d))*|[^\w\s]")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]*$")


def previous_word(text: str, pos: int, window: int = 40) -> str | None:
    """The word that ends just before ``pos`` (separated by spaces/tabs only), or None."""
    found = _PREVIOUS_WORD.search(text, max(0, pos - window), pos)
    return found.group(1) if found else None


def words_after(text: str, pos: int, limit: int, window: int = 160) -> list[re.Match]:
    """Up to ``limit`` word/punctuation tokens after ``pos``."""
    return list(WORD.finditer(text, pos, min(len(text), pos + window)))[:limit]


def words_before(text: str, pos: int, limit: int, window: int = 120) -> list[re.Match]:
    """Up to ``limit`` word/punctuation tokens before ``pos``, nearest first."""
    return list(WORD.finditer(text, max(0, pos - window), pos))[::-1][:limit]


def is_part_of_name(text: str, start: int, sentence_start: int) -> bool:
    """True when a number follows a capitalised name word: ``Radio 4``, ``Vision 2030``.

    Sentence-initial words, months and function words ("In 2014", "Some 95%") do not count.
    """
    word = previous_word(text, start)
    if not word or not word[0].isupper() or word.endswith(("'s", "’s")):
        return False
    if text[sentence_start:start].strip(" \t\"'“‘(") == word:
        return False
    lowered = word.lower()
    return lowered not in NAME_PREFIX_EXCEPTIONS and lowered.rstrip(".") not in MONTHS
