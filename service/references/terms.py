"""Term normalisation shared by the index writer and every reader.

A term is lower-cased, accent-free text whose punctuation is folded to single spaces, so
"Zarb-e-Azb", "zarb e azb" and "ZARB-E-AZB" are one term. Phrases are indexed whole and also
word by word (significant words only: three letters or more, not a stop word).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_TERM_LENGTH = 120
STOP_WORDS = frozenset(
    "the and for with from into over under about after before that this than were was are "
    "its his her their our who whom which what when where how has have had not but all any "
    "per via".split()
)
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Fold case, accents and punctuation: 'Azm-i-Istehkām' -> 'azm i istehkam'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare.casefold()).strip()[:MAX_TERM_LENGTH].strip()


def significant_words(term: str) -> list[str]:
    """The words of a normalised term worth indexing on their own."""
    return [w for w in term.split() if len(w) >= 3 and w not in STOP_WORDS]


def expand(phrases: Iterable[str]) -> set[str]:
    """Every normalised phrase plus its significant words; empty terms are dropped."""
    out: set[str] = set()
    for phrase in phrases:
        term = normalize(phrase)
        if term:
            out.add(term)
            out.update(significant_words(term))
    return out


def name_terms(fact: dict) -> set[str]:
    """Terms naming the fact's subject: the subject, its aliases and their words."""
    return expand([fact["subject"], *fact["aliases"]])


def index_terms(fact: dict) -> set[str]:
    """Every term a claim may use to find the fact: names and keywords, phrases and words."""
    return name_terms(fact) | expand(fact["keywords"])
