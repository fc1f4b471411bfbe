"""The one text normaliser, in two forms.

`normalize` folds case, accents and punctuation to single spaces: the form index terms and
names are compared in ("Zarb-e-Azb", "zarb e azb" and "ZARB-E-AZB" are one term). `fold` only
lower-cases and strips accents one character for one, so offsets into the folded text are
offsets into the original: the form matching reads sentences in.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer
from cachetools import LRUCache

MAX_TERM_LENGTH = 120
STOP_WORDS = frozenset(
    "the and for with from into over under about after before that this than were was are "
    "its his her their our who whom which what when where how has have had not but all any "
    "per via".split()
)
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Fold case, accents and punctuation: 'Azm-i-Istehkām' -> 'azm i istehkam' (names and
    phrases, the most of what is normalised, are remembered)."""
    return _normalize(text) if len(text) <= MAX_TERM_LENGTH else _normalized(text)


@lru_cache(maxsize=65536)
def _normalize(text: str) -> str:
    return _normalized(text)


def _normalized(text: str) -> str:
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.casefold()).strip()[:MAX_TERM_LENGTH].strip()


def significant_words(term: str) -> list[str]:
    """The words of a normalised term worth indexing on their own."""
    return [w for w in term.split() if len(w) >= 3 and w not in STOP_WORDS]


SHORT_TEXT = 20_000  # characters: a sentence, a title, most articles


def text_memo(budget: int, slots: int = 256):
    """An LRU memo of a function of one text, bounded in what it holds: texts up to
    SHORT_TEXT characters in `slots` entries (functools' C cache: most calls, fast), longer
    ones by their total length (`budget` characters), so a stream of 10 MB bodies is never
    all kept. A text longer than the budget is not kept at all."""

    def wrap(function):
        short = lru_cache(maxsize=slots)(function)
        entries: LRUCache = LRUCache(budget, getsizeof=lambda entry: entry[1])
        lock = threading.Lock()

        @functools.wraps(function)
        def memo(text: str):
            if len(text) <= SHORT_TEXT:
                return short(text)
            with lock:
                entry = entries.get(text)
            if entry is not None:
                return entry[0]
            value = function(text)
            if len(text) < budget:
                with lock:
                    entries[text] = (value, len(text) + 1)
            return value

        def cache_clear() -> None:
            short.cache_clear()
            entries.clear()

        memo.cache_clear = cache_clear
        return memo

    return wrap


@text_memo(budget=32_000_000)
def fold(text: str) -> str:
    """Lower-case and strip accents one character for one, so offsets survive (cached: every
    claim of an article reads the same folded text)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    return base.lower()[:1] or char


@lru_cache(maxsize=65536)
def in_a_row(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether the words of `phrase` stand in a row in `words`."""
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


_STEMMER = Stemmer.Stemmer("english")
_STEM_LOCK = threading.Lock()  # one PyStemmer object is not to be shared between threads


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's Snowball (Porter 2) stem: 'warned', 'warning', 'warns' -> 'warn'."""
    with _STEM_LOCK:
        return _STEMMER.stemWord(word)


def stems(text: str | None) -> frozenset[str]:
    """The significant words of a text, a plural s dropped: 'Pakistani soldiers' ->
    {'pakistani', 'soldier'}."""
    words = significant_words(normalize(text or ""))
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)
