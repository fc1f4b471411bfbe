"""What is counted (the subject noun phrase) and what happened to it (the category)."""

import re

from service.claims.context import words_after, words_before
from service.vocabulary.lexicon import CATEGORY_OF, LOCATIVES, PHRASE_STOPS, PLACE_NOUNS
from service.vocabulary.qualifiers import GROUP_OF as QUALIFIERS

FOLLOWING_WINDOW = 15
PRECEDING_WINDOW = 6
_NOUN_CATEGORIES = ("attacks", "strikes")  # categories named by the counted noun itself
_CLAUSE_STOPS = {".", ";", ":", "!", "?"}
_CONJUNCTIONS = {"and", "while", "but", "whereas"}


def subject_tokens(text: str, end: int, limit: int) -> tuple[list[re.Match], list[re.Match]]:
    """Split the tokens after a number into the counted noun phrase and the rest.

    "seven Pakistani soldiers, including ..." -> (["Pakistani", "soldiers"], [",", ...]).
    """
    tokens = words_after(text, end, FOLLOWING_WINDOW + 4, window=200, before=limit)
    index = 0
    if len(tokens) > 1 and tokens[0].group() == "of":
        index = 2 if tokens[1].group() == "the" else 1
    phrase_end = index
    while phrase_end < len(tokens) and phrase_end - index < 3:
        word = tokens[phrase_end].group()
        lowered = word.lower()
        if not word[0].isalpha() or lowered in PHRASE_STOPS:
            break
        if lowered in CATEGORY_OF and CATEGORY_OF[lowered] not in _NOUN_CATEGORIES:
            break
        following = tokens[phrase_end + 1].group() if phrase_end + 1 < len(tokens) else ""
        if _ends_phrase(word, phrase_end > index and tokens[phrase_end - 1].group(), following):
            break
        phrase_end += 1
    phrase = tokens[index:phrase_end]
    return (phrase, tokens[phrase_end:]) if phrase else ([], tokens)


def _ends_phrase(word: str, previous: str | bool, following: str) -> bool:
    """A word no counted noun phrase goes on to: a verb in the past tense after the noun
    ("4,900 workers walked out") or before an object ("48,317 watched Harbour City", unlike
    "4,620 confirmed cases"), or a name after a common word ("crowd watches Harbour City")."""
    if len(word) > 4 and word.islower() and word.endswith("ed"):
        if previous or not following or following[0].isupper() or following in PHRASE_STOPS:
            return True
    return bool(previous) and word[0].isupper() and previous[0].islower()


def category(
    text: str,
    start: int,
    phrase: list[re.Match],
    rest: list[re.Match],
    lower_limit: int,
    upper_limit: int | None = None,
) -> str | None:
    """The category named nearest the number: after its noun phrase, or just before it (a
    verb joined on to the next figure is that figure's: "infected 4,600 people and killed 57")."""
    head = phrase[-1].group().lower() if phrase else ""
    if CATEGORY_OF.get(head) in _NOUN_CATEGORIES:
        return CATEGORY_OF[head]
    following = _to_clause_end(rest[:FOLLOWING_WINDOW])
    if upper_limit is not None:
        following = _before_next(text, following, upper_limit)
    after = _first_category(following, forward=True)
    before_tokens = [
        t for t in words_before(text, start, PRECEDING_WINDOW) if t.end() > lower_limit
    ]
    before = _first_category(_this_clause(before_tokens))
    if after and (not before or after[0] <= before[0]):
        return after[1]
    return before[1] if before else None


def _this_clause(before: list[re.Match]) -> list[re.Match]:
    """The tokens before a number (nearest first) up to a comma that opens a new clause
    ("were injured, and about 290,000 people ... affected": not injured)."""
    for i in range(len(before) - 1):
        if before[i].group().lower() in _CONJUNCTIONS and before[i + 1].group() == ",":
            return before[:i]
    return before


def _before_next(text: str, after: list[re.Match], next_start: int) -> list[re.Match]:
    """The tokens after a number less a conjunction and verb that lead into the next figure
    ("4,600 people and killed 57": "killed" is the 57's)."""
    if (
        len(after) >= 2
        and after[-2].group().lower() in _CONJUNCTIONS
        and not text[after[-1].end() : next_start].strip()
    ):
        return after[:-2]
    # "18 metres across, forcing the evacuation of 34 homes": the evacuation is the 34's
    for i, token in enumerate(after):
        if i and after[i - 1].group().lower() == "the" and token.group().lower() in CATEGORY_OF:
            if _OF_NEXT.fullmatch(text, token.end(), next_start):
                return after[:i]
    return after


_QUALIFIER = "|".join(sorted((re.escape(q) for q in [*QUALIFIERS, "all"]), key=len, reverse=True))
_OF_NEXT = re.compile(rf"\s+of\s+(?:the\s+)?(?:(?:{_QUALIFIER})\s+)?", re.IGNORECASE)


def _to_clause_end(after: list[re.Match]) -> list[re.Match]:
    """The tokens after a number up to a comma that opens a new clause ("fell to 5,412 from
    6,020, and arrests rose": the arrests are not the 6,020)."""
    for i in range(len(after) - 1):
        if after[i].group() == "," and after[i + 1].group().lower() in _CONJUNCTIONS:
            return after[:i]
    return after


def _first_category(tokens: list[re.Match], forward: bool = False) -> tuple[int, str] | None:
    """``(distance, category)`` of the first category word among ``tokens`` (in the text's
    order when `forward`, else nearest the number first)."""
    for distance, token in enumerate(tokens):
        word = token.group().lower()
        if word in _CLAUSE_STOPS:
            return None
        if word in CATEGORY_OF and not (
            forward and qualifies_place(token.string, token.start(), token.end(), tokens[-1].end())
        ):
            return distance, CATEGORY_OF[word]
    return None


PLACE_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(LOCATIVES))})\s+the\s+$", re.IGNORECASE)
WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def qualifies_place(text: str, start: int, end: int, limit: int | None = None) -> bool:
    """Whether the word at text[start:end] only qualifies the place a figure is at ("14
    schools in the evacuation zone stayed closed": where they are, not what happened to
    them); the place's noun is looked for before `limit`. Extraction reads categories with
    it, verification metric words."""
    after = WORD_AFTER.match(text, end, len(text) if limit is None else limit)
    return (
        after is not None
        and after[1] in PLACE_NOUNS
        and PLACE_BEFORE.search(text, max(0, start - 16), start) is not None
    )
