"""Named things in a sentence, by a capitalised-phrase heuristic (no NER model)."""

import re

from service.vocabulary.lexicon import MONTHS, NAME_PREFIX_EXCEPTIONS, WEEKDAYS

_PHRASE = re.compile(
    r"[^\W\d_a-z][\w’'-]*(?:(?:\s+(?:of|the|for|de|da|do|del|al|bin|von|van|and the))*"
    r"\s+[^\W\d_a-z][\w’'-]*)*"
)
_POSSESSIVE = re.compile(r"['’]s$")
_SKIP = (
    NAME_PREFIX_EXCEPTIONS | set(MONTHS) | set(WEEKDAYS)
    | set("however this that these those it he she they we i you his her their there while "
          "as if when after since then first second also but yet according".split())
)  # fmt: skip


def entities(sentence: str) -> list[str]:
    """Capitalised multi-word names (and capitalised words not opening the sentence)."""
    found: list[str] = []
    for match in _PHRASE.finditer(sentence):
        words = match.group().split()
        while words and words[0].lower() in _SKIP:
            words.pop(0)
        opener = match.start() == 0 and " " not in match.group()  # "Police", "Officials"
        if not words or opener:
            continue
        name = _POSSESSIVE.sub("", " ".join(words))
        if len(name) > 1 and name not in found:
            found.append(name)
    return found
