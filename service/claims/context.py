"""Small look-behind/look-ahead helpers over the words around an offset."""

import itertools
import re

from service.vocabulary.lexicon import MONTHS, NAME_PREFIX_EXCEPTIONS

WORD = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*|\d(?:\d|[,.](?=\d))*|[^\w\s]")
_SHORT_WINDOW = 48
_WORD_CHARS = re.compile(r"[\w'’.-]*")
_LETTER = re.compile(r"[^\W\d_]")


def previous_word(text: str, pos: int, window: int = 40) -> str | None:
    """The word that ends just before ``pos`` (separated by spaces/tabs only), or None.

    Same result as searching ``([^\\W\\d_][\\w'’.-]*)[ \\t]*$`` in the ``window`` characters
    before ``pos`` (``$`` may sit before a final newline), without trying every offset: take
    the run of word characters ending the window, then start it at its first letter.
    """
    before = text[max(0, pos - window) : pos]
    before = (before[:-1] if before.endswith("\n") else before).rstrip(" \t")
    run = _WORD_CHARS.match(before[::-1]).group()[::-1]
    letter = _LETTER.search(run)
    return run[letter.start() :] if letter else None


def words_after(
    text: str, pos: int, limit: int, window: int = 160, before: int | None = None
) -> list[re.Match]:
    """Up to ``limit`` word/punctuation tokens after ``pos`` (only those starting before
    ``before`` when given); tokenising stops as soon as they are found."""
    tokens = WORD.finditer(text, pos, min(len(text), pos + window))
    if before is not None:
        tokens = itertools.takewhile(lambda token: token.start() < before, tokens)
    return list(itertools.islice(tokens, limit))


def words_before(text: str, pos: int, limit: int, window: int = 120) -> list[re.Match]:
    """Up to ``limit`` word/punctuation tokens before ``pos``, nearest first.

    Tokens never hold whitespace, so tokenising from just after a space gives the same tokens
    after it as tokenising the whole window; a short stretch is tried first.
    """
    start = max(0, pos - window)
    space = text.find(" ", max(start, pos - _SHORT_WINDOW), pos)
    if space >= 0:
        tokens = list(WORD.finditer(text, space + 1, pos))
        if len(tokens) >= limit:
            return tokens[::-1][:limit]
    return list(WORD.finditer(text, start, pos))[::-1][:limit]


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
