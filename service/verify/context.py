"""Where a claim stands: its sentence, clause and window, and the article's words around it.

Sentences often hold two claims of a kind ("killed on March 26, announced ... on June 22").
Each claim reads the part of the sentence between its neighbours of the same kind (its window).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Claim
from ..vocabulary.changes import CHANGING
from ..vocabulary.lexicon import MEASURE_UNITS, TIME_UNITS
from ..vocabulary.text import fold, stem, text_memo
from ..vocabulary.words import FUNCTION_WORDS, PREDICATE_VERBS
from .rules import POSITION

# A comma between digits groups thousands ("5,412"): no clause ends there.
CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()\u2013\u2014]|\s-\s")
LINKING = re.compile(
    r"\W*(when|as|after|before|during|following|amid|while|which|where|in which|with)\b"
)
_TOKEN = re.compile(r"[^\W_]+")
RELATIVE = re.compile(r"['\u2019s]*\s*,\s*(?:who|which|whose|where)\b")
JOINED = re.compile(r"[,;]\s*(?:and|but|while|whereas)\b")  # a clause of its own begins
# A sentence that opens on a pronoun, or on "the country", "the kingdom" ... speaks of what
# the sentence before spoke of.
PRONOUN = re.compile(  # (after the year it opens with: "In 2019 it was 2.8%")
    r"[\"'\s]*(?:in\s+(?:19|20)\d\d,?\s+)?"
    r"(?:it|its|they|their|this|these|those|he|she|the\s+(?:country|nation|kingdom|"
    r"republic|city|island|region|state|economy|population)(?:['\u2019]s)?"
    # "Inflation has been low there. Prices rose 0.9% last year": its consumer prices
    r"|prices(?=\s+(?:there\s+)?(?:rose|fell|climbed|increased|decreased|dropped)\b))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Tokens:
    """A folded text as words with their offsets, indexed by word for phrase look-ups."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    index: dict[str, list[int]]
    found: dict[tuple[str, ...], list[int]] = field(default_factory=dict, compare=False)

    def find(self, phrase: tuple[str, ...]) -> list[int]:
        """Offsets where the phrase's words stand in a row (its last word may take a plural
        s), remembered: every claim of an article asks for the same phrases."""
        if phrase not in self.found:
            first, *rest = phrase
            firsts = (first,) if rest else (first, first + "s")
            self.found[phrase] = sorted(
                self.starts[i]
                for word in firsts
                for i in self.index.get(word, ())
                if self._continues(i, rest)
            )
        return self.found[phrase]

    @cached_property
    def by_stem(self) -> dict[str, list[int]]:
        """Where each word stands by its stem ('warned' and 'warning' both at 'warn')."""
        index: dict[str, list[int]] = {}
        for word, at in self.index.items():
            index.setdefault(stem(word), []).extend(at)
        return index

    def find_any_form(self, word: str) -> list[int]:
        """Offsets where a word stands in any form of its stem ('warned' in 'warning')."""
        return sorted(self.starts[i] for i in self.by_stem.get(stem(word), ()))

    def _continues(self, i: int, rest: list[str]) -> bool:
        """Whether the words after position i are `rest`."""
        if not rest:
            return True
        end = i + len(rest)
        if end >= len(self.words):
            return False
        *middle, last = rest
        same = all(self.words[i + 1 + k] == word for k, word in enumerate(middle))
        return same and self.words[end] in (last, last + "s")


@text_memo(budget=16_000_000)  # a Tokens takes about 15 bytes per character of its text
def tokens(text: str) -> Tokens:
    """The words of a folded text (sentences are shared by their claims, so this is cached)."""
    matches = list(_TOKEN.finditer(text))
    words = tuple(m[0] for m in matches)
    index: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        if (at := index.get(word)) is None:
            index[word] = [i]
        else:
            at.append(i)
    return Tokens(words, tuple(m.start() for m in matches), index)


@dataclass(frozen=True)
class Context:
    """Where a claim stands, in its folded sentence: its span, clause and window."""

    sentence: str
    span: tuple[int, int]
    clause: tuple[int, int]
    window: tuple[int, int]
    stretch: tuple[int, int]  # a date's: between the sentence's other days and months
    own_clause: bool
    years: frozenset[str]
    article: str
    offset: int
    title: str
    previous: str = ""  # the sentence before, when this one begins with a pronoun
    previous_at: int = -1  # where it starts in the article
    # The stretch of the figure of the same kind before this one, when nothing between them
    # gives this one a verb of its own: its metric is this one's too ("rose 5.8% in 2023,
    # down from 8.5% in 2022"; "German prices rose 5.9%, Italian prices 5.6%").
    lead: tuple[int, int] | None = None
    original: str = ""  # the sentence as written (case kept: names are capitalised)
    figures: tuple[tuple[int, int], ...] = ()  # the spans of the sentence's figures (no dates)
    # What the figure before counts, when this one is the level a change started from and
    # says nothing of its own ("14.2 million passengers ..., up from 13.1 million").
    counted_before: str | None = None
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def weight(self, at: int, name: bool = False) -> float:
        """How strongly a name or keyword at `at` in the sentence speaks about the claim."""
        p = POSITION
        distance = min(abs(at - self.span[0]), abs(at - self.span[1]))
        inside = self.window[0] <= at < self.window[1]
        in_stretch = self.stretch[0] <= at < self.stretch[1] or not self.own_clause
        if self.clause[0] <= at < self.clause[1] and in_stretch:
            return 1.0 if distance < 60 else 0.8 if distance < 100 else 0.6
        if self.own_clause:
            return p["outside_own_clause"]
        if name:
            weight = 1.0 if distance < 100 else 0.6 if distance < 200 else 0.4
        else:
            weight = 0.5 if distance < 60 else 0.3 if distance < 150 else 0.15
        return weight if inside else weight * p["outside_window"]

    def own(self, at: int) -> bool:
        """Whether `at` lies in the claim's own clause or window: another figure's stretch of
        the sentence, past a clause break, speaks of that figure; so does a clause joined on
        after the figure ("nine men out alive, and most of the injured were taken ...")."""
        if self.clause[0] <= at < self.clause[1]:
            return True
        if not self.window[0] <= at < self.window[1]:
            return False
        return at < self.span[0] or not JOINED.search(self.sentence, self.span[1], at)

    def heads(self, at: int, phrase: tuple[str, ...]) -> bool:
        """Whether the phrase at `at` is what the claim's clause, a relative one, is about
        ("the Social Democrats, who came third with 13 seats and 17.4% of the vote")."""
        words = tokens(self.sentence)
        i = bisect.bisect_left(words.starts, at) + len(phrase) - 1
        if i >= len(words.words) or at >= self.clause[0]:
            return False
        end = words.starts[i] + len(words.words[i])
        return (
            bool(RELATIVE.match(self.sentence, end))
            and RELATIVE.match(self.sentence, end).end() > self.clause[0]
        )

    def leads_next(self, at: int, phrase: tuple[str, ...]) -> bool:
        """Whether the phrase at `at`, after the claim, leads straight into the next figure
        of its kind ("infected 4,600 people and killed 57": "killed" is the 57's)."""
        end = self.window[1]
        if end >= len(self.sentence) or at < self.span[1]:
            return False
        words = tokens(self.sentence)
        i = bisect.bisect_left(words.starts, at) + len(phrase) - 1
        if i >= len(words.words):
            return False
        last = words.starts[i] + len(words.words[i])
        return last <= end and set(self.sentence[last:end].split()) <= LEADS_INTO

    @cached_property
    def _sentence_words(self) -> Tokens:  # after the first read, a plain attribute
        return tokens(self.sentence)

    @cached_property
    def _article_words(self) -> Tokens:
        return tokens(self.article)

    @property
    def sentence_words(self):
        """The distinct words of the claim's sentence."""
        return self._sentence_words.index.keys()

    def here(self, phrase: tuple[str, ...]) -> list[int]:
        """Where a normalised phrase stands in the claim's sentence."""
        return self._sentence_words.find(phrase)

    def here_any_form(self, phrase: tuple[str, ...]) -> list[int]:
        """Where a phrase stands in the claim's sentence, a one-word one in any form of its
        stem (a keyword "warned" in "began warning customers")."""
        if len(phrase) > 1:
            return self._sentence_words.find(phrase)
        return self._sentence_words.find_any_form(phrase[0])

    def in_article(self, phrase: tuple[str, ...]) -> bool:
        """Whether the phrase stands anywhere in the article (or its title)."""
        return bool(self._article_words.find(phrase) or self._title_words.find(phrase))

    def before(self, phrase: tuple[str, ...]) -> int | None:
        """How far before the claim's sentence the phrase last occurs, if it does."""
        hits = self._article_words.find(phrase)
        i = bisect.bisect_left(hits, self.offset)
        return self.offset - hits[i - 1] if i else None

    @cached_property
    def _title_words(self) -> Tokens:
        return tokens(self.title)

    @cached_property
    def _previous_words(self) -> Tokens:
        return tokens(self.previous)

    def in_title(self, phrase: tuple[str, ...]) -> bool:
        return bool(self._title_words.find(phrase))

    def in_previous(self, phrase: tuple[str, ...]) -> bool:
        """Whether the phrase stands in the sentence this one's pronoun refers back to."""
        return bool(self.previous) and bool(self._previous_words.find(phrase))

    @property
    def clause_text(self) -> str:
        """The claim's clause, folded, without the claim itself."""
        a, b = self.clause
        return self.sentence[a : self.span[0]] + " " + self.sentence[self.span[1] : b]


def sentence_start(text: str, claim: Claim) -> tuple[int, str]:
    """Where the claim's sentence starts in `text`, and the sentence."""
    sentence = claim.sentence or claim.text
    start = text.rfind(sentence, 0, claim.start + len(sentence))
    if start < 0 or start + len(sentence) < claim.end:
        return claim.start, claim.text
    return start, sentence


def previous_sentence(text: str, start: int) -> tuple[int, str]:
    """Where the sentence before the one starting at `start` starts, and that sentence."""
    before = text[:start].rstrip()
    at = max(before.rfind(". ", 0, len(before) - 1), before.rfind("\n")) + 1
    return at, before[at:]


def context_of(text: str, claim: Claim, title: str | None, claims: list[Claim] = ()) -> Context:
    """The claim's surroundings; `claims` (those of its sentence) bound its window."""
    start, sentence = sentence_start(text, claim)
    span = (claim.start - start, claim.end - start)
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
    clause = (
        max((b for b in breaks if b < span[0]), default=-1) + 1,
        min((b for b in breaks if b >= span[1]), default=len(sentence)),
    )
    same_kind = [
        (other.start - start, other.end - start)
        for other in claims
        if other is not claim
        and other.is_date == claim.is_date
        and start <= other.start < start + len(sentence)
    ]
    window = (
        max((end for _, end in same_kind if end <= span[0]), default=0),
        min((s for s, _ in same_kind if s >= span[1]), default=len(sentence)),
    )
    # A date's own stretch ends at the dates of the sentence's other days or months, not at a
    # year that names an event ("The Kessel flood of 2019 killed 42 people on July 2, 2019").
    dated = [
        (other.start - start, other.end - start)
        for other in claims
        if claim.is_date
        and other is not claim
        and other.is_date
        and other.precision != "year"
        and start <= other.start < start + len(sentence)
    ]
    stretch = (
        max((end for _, end in dated if end <= span[0]), default=0),
        min((s for s, _ in dated if s >= span[1]), default=len(sentence)),
    )
    if claim.is_date and LINKING.match(sentence, clause[1] + 1):  # "in August 2021, when ..."
        clause = (clause[0], min((b for b in breaks if b > clause[1]), default=len(sentence)))
    own = sentence[clause[0] : span[0]] + " " + sentence[span[1] : clause[1]]
    own_clause = claim.is_date and bool(set(_TOKEN.findall(own.lower())) - FUNCTION_WORDS)
    years = frozenset(
        str(other.value)[:4]
        for other in claims
        if other is not claim
        and other.is_date
        and start <= other.start < start + len(sentence)
        and str(other.value)[:4].isdigit()
        and not _dates_other(text, other, claim, claims)
    )
    folded = fold(text)  # sentence_start guarantees text[start:][: len(sentence)] == sentence
    lead = _lead(folded[start : start + len(sentence)], claim, claims, start)
    previous, previous_at = "", -1
    if PRONOUN.match(sentence):  # "It killed eight people": the event of the sentence before
        previous_at, previous = previous_sentence(folded, start)
    return Context(
        sentence=folded[start : start + len(sentence)],
        span=span,
        clause=clause,
        window=window,
        stretch=stretch,
        own_clause=own_clause,
        years=years,
        article=folded,
        offset=start,
        title=fold(title or ""),
        previous=previous,
        previous_at=previous_at,
        lead=lead,
        original=sentence,
        figures=tuple(
            (c.start - start, c.end - start)
            for c in claims
            if not c.is_date and start <= c.start < start + len(sentence)
        ),
        counted_before=_counted_before(text, claim, claims, start),
    )


# "up from", "down from", "compared with": the figure after is where a change started.
STARTED_FROM = re.compile(r"\b(?:from|compared\s+with|compared\s+to|against)\s+$", re.IGNORECASE)


def _counted_before(text: str, claim: Claim, claims: list[Claim], start: int) -> str | None:
    """The counted thing of the figure a bare starting level belongs with ("up from 13.1
    million"), or that a bare figure heading its clause leaves unsaid ("measured all 104
    glaciers ..., found that 101 had retreated")."""
    if not claim.kind.counts or claim.subject or claim.unit:
        return None
    started = STARTED_FROM.search(text, max(start, claim.start - 16), claim.start)
    if not started and not BARE_SUBJECT.match(text, claim.end):
        return None
    before = [c for c in claims if c.kind.counts and start <= c.start and c.end <= claim.start]
    counts = [c for c in before if not _lasts(c)]  # "6,120 patients had been waiting more
    # than 52 weeks ..., up from 4,870": the patients' start, not the wait's
    last = max(counts or before, key=lambda c: c.start, default=None)
    return (last.subject or last.unit) if last is not None else None


def _lasts(claim: Claim) -> bool:
    """Whether a figure is a length of time ("52 weeks")."""
    return MEASURE_UNITS.get((claim.unit or "").strip().lower()) in TIME_UNITS


# A bare figure heading its clause, its counted thing left unsaid: "101 had retreated".
BARE_SUBJECT = re.compile(r"\s+(?:had|have|has|were|was)\s+[a-z]+(?:ed|en)\b")
FIGURE_DATE = re.compile(r"\s*(?:in|for|during|over|of|at the end of|by the end of)?\s*$")


def _dates_other(text: str, date: Claim, claim: Claim, claims: list[Claim]) -> bool:
    """Whether a date follows another figure of the sentence, so dates that one ("Turnout was
    61%, up from 57.1% in 2019": 2019 is the 57.1%'s year, not the 61%'s)."""
    return any(
        other is not claim
        and not other.is_date
        and 0 <= date.start - other.end < 16
        and FIGURE_DATE.match(text, other.end, date.start)
        for other in claims
    )


# Words between a metric word and the figure it leads into: "a production budget of USD 65
# million" ("budget" is the 65 million's, not the figure's before it).
LEADS_INTO = frozenset({"of", "at", "was", "is", "were", "worth"})


# "prices fell 0.4% last year, after rising 0.5% in 2023": a change said after the figure's
# own, of the same subject, gives the figure no verb of its own.
_CHANGING = "|".join(sorted(CHANGING, key=len, reverse=True))
AFTER_CHANGING = re.compile(rf"\b(?:after|before|having)\s+(?:{_CHANGING})\b")


# "3.0% in August, ..., although core inflation remained at 3.1%": a clause of its own.
CONTRASTING = frozenset({"although", "though", "whereas", "but"})
# "rose 28.7% in 2022 as energy bills soared, then 13.4% in 2023" ("then fell back to 1.2%"):
# the figure after "then" goes on from the one before, whatever clause stands between.
_THEN_VERB = "|".join(sorted(PREDICATE_VERBS | {"slowed", "eased", "back", "to", "by", "at"}))
THEN = re.compile(rf"(?:^|,|\band)\s*then(?:\s+(?:{_THEN_VERB}))*\s*$")


def _lead(sentence: str, claim: Claim, claims: list[Claim], start: int) -> tuple[int, int] | None:
    """The stretch of the chain of figures of the same kind before this one in the sentence,
    each joined to the next with no predicate verb between ("The US economy stood at $27.4
    trillion in 2023 and China's at $18.5 trillion, while India, at $3.55 trillion, ..."): from
    the sentence start or the figure before the chain, to the end of the figure before this."""
    same = sorted(
        (c for c in claims if c.kind is claim.kind and start <= c.start and c.end <= claim.start),
        key=lambda c: c.start,
    )
    chain, after = [], claim
    for before in reversed(same):
        between = sentence[before.end - start : after.start - start]
        words = set(_TOKEN.findall(AFTER_CHANGING.sub(" ", between)))
        if (words & PREDICATE_VERBS or words & CONTRASTING) and not THEN.search(between):
            break
        chain.append(before)
        after = before
    if not chain:
        return None
    first = chain[-1]
    earlier = [  # the chain's words reach back to the figure of its kind before it
        c.end - start
        for c in claims
        if c.kind is claim.kind and start <= c.start and c.end <= first.start
    ]
    return (max(earlier, default=0), chain[0].end - start)


def phrase_in(ctx: Context, lo: int, hi: int, phrases) -> tuple[str, int] | None:
    """The first of `phrases` found in the sentence between lo and hi, with its offset."""
    words = tokens(ctx.sentence)
    for phrase in phrases:
        for at in words.find(phrase):
            if lo <= at < hi and not (ctx.span[0] <= at < ctx.span[1]):
                return " ".join(phrase), at
    return None
