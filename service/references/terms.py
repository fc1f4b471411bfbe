"""Term normalisation shared by the index writer and every reader.

A term is lower-cased, accent-free text whose punctuation is folded to single spaces, so
"Zarb-e-Azb", "zarb e azb" and "ZARB-E-AZB" are one term. Phrases are indexed whole and also
word by word (significant words only: three letters or more, not a stop word).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..vocabulary.text import normalize, significant_words

__all__ = ["expand", "index_terms", "name_terms", "normalize", "significant_words"]


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
