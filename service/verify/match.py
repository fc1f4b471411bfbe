"""Matching: which reference facts are about the same thing as a claim?

A fact scores for naming the claim's event (its subject or an alias) in the claim's sentence,
for its keywords standing near the claim, for what the article said before and its title,
and for counting the same kind of thing (soldiers, not civilians). The claim's own sentence must
speak of the fact, and the metric must fit: a date claim needs a date fact, a death toll a
`killed` fact, never an `injured` one. Below `THRESHOLD` nothing matches and the claim is
unverifiable, never guessed.

Sentences often hold two claims of a kind ("killed on March 26, announced ... on June 22"). Each
claim reads the part of the sentence between its neighbours of the same kind (its window); a
date that closes its clause ("... incident on March 26,") looks back for its event, not ahead.
A date also takes the event of a count standing in its window ("seven soldiers were killed in
March 2024": the event of the seven).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..claims.lexicon import CATEGORY_WORDS
from ..references.schema import is_date_metric
from ..references.terms import normalize, significant_words

THRESHOLD = 0.5
CLEARER = 0.15  # a sentence speaks clearly more of one event than another by this much
NAME_HERE, NAME_BEFORE, NAME_IN_TITLE = 0.6, 0.4, 0.35
KEYWORD, KEYWORD_CAP, KEYWORD_BEFORE, KEYWORD_BEFORE_CAP = 0.2, 0.5, 0.05, 0.1
SAME_COUNTED, OTHER_COUNTED, OTHER_THING, PARTNER = 0.15, -0.3, -0.5, 0.35
METRIC_SAID, METRIC_UNSAID = 0.15, -0.2
OUTSIDE_WINDOW, BEHIND_CLOSED_CLAUSE, OUTSIDE_OWN_CLAUSE = 0.3, 0.4, 0.1
NEAR_BEFORE = 600  # characters before the sentence whose keywords still speak of its event
NAME_EARLIER = 0.3  # a name further back in the article: it is still the article's subject
DATE_NAME_EARLIER = 0.1  # ... but a date far from the name often dates something else
SAME_YEAR = 0.15  # a date's year names its event as much as a keyword does ("the 2019 flood")
# Who or what is counted. A keyword made only of these describes the victims, not the event;
# words in one group count the same people ("militants" and "terrorists").
COUNTED_GROUPS = (
    "people person individual resident total",
    "civilian noncombatant bystander",
    "soldier troop serviceman servicemen personnel officer army",
    "militant terrorist insurgent extremist fighter jihadist",
    "police policeman policemen officer",
    "child children kid minor",
    "woman women",
    "national citizen worker engineer",
    "journalist reporter",
    "refugee migrant displaced idp",
    "student pupil",
    "patient",
    "passenger traveller traveler commuter",
    "crew sailor seafarer",
    "prisoner inmate detainee convict",
    "victim casualty dead",
    "protester demonstrator",
    "teacher nurse doctor medic",
    "villager farmer miner fisherman fishermen pilgrim tourist",
    "firefighter rescuer volunteer",
    "member supporter voter",
)
GENERIC_COUNTED = "people person individual resident total"
CATEGORY_METRICS = {"killed": {"killed", "deaths"}, "injured": {"injured", "wounded"}}
# Words that say what happened, for claims whose extraction found no category: the fact's
# metric must then be said near the claim ("seven soldiers and 63 militants were killed").
METRIC_WORDS = {
    **{metric: words.split() for metric, words in CATEGORY_WORDS.items()},
    "kidnapped": [*CATEGORY_WORDS["kidnapped"].split(), "abduction", "abductions", "seized"],
    "displaced": [*CATEGORY_WORDS["displaced"].split(), "forced from their homes"],
    "released": ["released", "freed", "free"],
    "destroyed": ["destroyed", "razed", "flattened"],
}
GENERIC_METRICS = {"count", "amount", "percent", "quantity"}
PARENTHESES = re.compile(r"\s*\([^)]*\)")  # "Fall of Kabul (2021)" is named "Fall of Kabul"
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
# Words that leave a date's clause without an event of its own ("In 2014," "on June 22").
FUNCTION_WORDS = frozenset(
    "in on at by of the a an early late mid until till from to and or this that last next "
    "around about since during".split()
)
# A date after these bounds a period or sets a deadline: it dates no event a fact could.
NOT_AN_EVENT = re.compile(r"(?:\b(?:by|until|till|since|before|after)\s+(?:the\s+end\s+of\s+)?)$")
LINKING = re.compile(
    r"\W*(when|as|after|before|during|following|amid|while|which|where|in which|with)\b"
)


@dataclass(frozen=True)
class Context:
    """Where a claim stands, in its folded sentence: its span, clause and window."""

    sentence: str
    span: tuple[int, int]
    clause: tuple[int, int]
    window: tuple[int, int]
    looks_back: bool
    own_clause: bool
    years: frozenset[str]
    article: str
    offset: int
    title: str

    def weight(self, at: int, name: bool = False) -> float:
        """How strongly a name or keyword at `at` in the sentence speaks about the claim."""
        distance = min(abs(at - self.span[0]), abs(at - self.span[1]))
        if self.clause[0] <= at < self.clause[1]:
            return 1.0 if distance < 60 else 0.8 if distance < 100 else 0.6
        if self.own_clause:
            return OUTSIDE_OWN_CLAUSE
        if name:
            weight = 1.0 if distance < 100 else 0.6 if distance < 200 else 0.4
        else:
            weight = 0.5 if distance < 60 else 0.3 if distance < 150 else 0.15
        if not self.window[0] <= at < self.window[1]:
            return weight * OUTSIDE_WINDOW
        if self.looks_back and at >= self.span[1]:
            return weight * BEHIND_CLOSED_CLAUSE
        return weight


@dataclass(frozen=True)
class Match:
    fact: dict
    score: float


@lru_cache(maxsize=64)
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


_TOKEN = re.compile(r"[^\W_]+")


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


@lru_cache(maxsize=1024)
def tokens(text: str) -> Tokens:
    """The words of a folded text (sentences are shared by their claims, so this is cached)."""
    words, starts, index = [], [], {}
    for i, match in enumerate(_TOKEN.finditer(text)):
        words.append(match.group())
        starts.append(match.start())
        index.setdefault(match.group(), []).append(i)
    return Tokens(tuple(words), tuple(starts), index)


def sentence_start(text: str, claim: dict) -> tuple[int, str]:
    """Where the claim's sentence starts in `text`, and the sentence."""
    sentence = claim.get("sentence") or claim["text"]
    start = text.rfind(sentence, 0, claim["start"] + len(sentence))
    if start < 0 or start + len(sentence) < claim["end"]:
        return claim["start"], claim["text"]
    return start, sentence


def context_of(text: str, claim: dict, title: str | None, claims: list[dict] = ()) -> Context:
    """The claim's surroundings; `claims` (the article's) bound its window."""
    start, sentence = sentence_start(text, claim)
    span = (claim["start"] - start, claim["end"] - start)
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
    clause = (
        max((b for b in breaks if b < span[0]), default=-1) + 1,
        min((b for b in breaks if b >= span[1]), default=len(sentence)),
    )
    same_kind = [
        (other["start"] - start, other["end"] - start)
        for other in claims
        if other is not claim
        and (other["kind"] == "date") == (claim["kind"] == "date")
        and start <= other["start"] < start + len(sentence)
    ]
    window = (
        max((end for _, end in same_kind if end <= span[0]), default=0),
        min((s for s, _ in same_kind if s >= span[1]), default=len(sentence)),
    )
    is_date = claim["kind"] == "date"
    if is_date and LINKING.match(sentence, clause[1] + 1):  # "in August 2021, when it ..."
        clause = (clause[0], min((b for b in breaks if b > clause[1]), default=len(sentence)))
    closes_clause = not sentence[span[1] : clause[1]].strip(" .'\"")
    looks_back = (
        is_date and closes_clause and clause[0] > 0 and not LINKING.match(sentence, clause[1] + 1)
    )
    own = sentence[clause[0] : span[0]] + " " + sentence[span[1] : clause[1]]
    own_clause = is_date and bool(set(_TOKEN.findall(own.lower())) - FUNCTION_WORDS)
    years = frozenset(
        str(other["value"])[:4]
        for other in claims
        if other is not claim
        and other["kind"] == "date"
        and start <= other["start"] < start + len(sentence)
        and str(other["value"])[:4].isdigit()
    )
    folded = fold(text)  # sentence_start guarantees text[start:][: len(sentence)] == sentence
    return Context(
        sentence=folded[start : start + len(sentence)],
        span=span,
        clause=clause,
        window=window,
        looks_back=looks_back,
        own_clause=own_clause,
        years=years,
        article=folded,
        offset=start,
        title=fold(title or ""),
    )


def _unit_class(unit: str | None) -> str:
    """'%', a currency code, or what is counted."""
    if unit == "%":
        return "percent"
    return "money" if unit and len(unit) == 3 and unit.isupper() else "count"


def metric_fits(claim: dict, fact: dict) -> bool:
    """A date needs a date fact; a percentage a percentage, money the same currency; a count
    a count of the same category (a death toll is never checked against the injured)."""
    if claim["kind"] == "date" or is_date_metric(fact["metric"]):
        return claim["kind"] == "date" and is_date_metric(fact["metric"])
    kind = "count" if claim["kind"] == "quantity" else claim["kind"]
    if _unit_class(fact.get("unit")) != kind:
        return False
    if kind == "money" and fact.get("unit") != claim.get("unit"):
        return False
    category = claim.get("category")
    return category is None or fact["metric"] in CATEGORY_METRICS.get(category, {category})


@dataclass(frozen=True)
class Profile:
    """What matching needs of a fact, derived once: its name and keyword patterns and who it
    counts. Keywords that only say who was counted ("civilians", "women and children") are
    left to the counted score: they do not identify the event."""

    names: tuple[tuple[str, ...], ...]
    keywords: tuple[tuple[str, ...], ...]
    counted: frozenset[int]
    metric_words: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=16384)
def _profile(
    names: tuple[str, ...], keywords: tuple[str, ...], unit: str | None, said: tuple[str, ...]
) -> Profile:
    terms = [normalize(k) for k in keywords]
    described = _stems(unit).union(*(_stems(t) for t in terms))
    return Profile(
        names=tuple(tuple(t.split()) for t in map(normalize, names) if t),
        keywords=tuple(tuple(t.split()) for t in terms if t and not _stems(t) <= COUNTED_STEMS),
        counted=frozenset(_counted_groups(described)),
        metric_words=tuple(tuple(normalize(w).split()) for w in said if normalize(w)),
    )


def _metric_words(fact: dict) -> tuple[str, ...]:
    """Words that say the fact's metric; a generic metric ("count") takes the detail its
    subject gives in parentheses ("Lorvan school kidnapping (students released)")."""
    if fact["metric"] in METRIC_WORDS:
        return tuple(METRIC_WORDS[fact["metric"]])
    detail = PARENTHESES.search(fact["subject"])
    if fact["metric"] in GENERIC_METRICS and detail:
        words = significant_words(normalize(detail.group()))
        return tuple(w for w in words if _stems(w) - COUNTED_STEMS)
    return ()


def profile(fact: dict) -> Profile:
    """The fact's matching profile (cached across articles)."""
    names = (PARENTHESES.sub("", fact["subject"]), *fact.get("aliases", []))
    keywords = tuple(fact.get("keywords", []))
    return _profile(tuple(names), keywords, fact.get("unit"), _metric_words(fact))


def _hits(phrase: tuple[str, ...], text: str) -> list[int]:
    """Where a normalised phrase occurs in a folded text."""
    return tokens(text).find(phrase)


def _before(phrase: tuple[str, ...], ctx: Context) -> int | None:
    """How far before the claim's sentence the phrase last occurs, if it does."""
    hits = tokens(ctx.article).find(phrase)
    i = bisect.bisect_left(hits, ctx.offset)
    return ctx.offset - hits[i - 1] if i else None


def _keyword_score(found: Profile, ctx: Context) -> tuple[float, float]:
    """(score from keywords in the sentence, score from keywords in the text before)."""
    here = before = 0.0
    for phrase in found.keywords:
        hits = _hits(phrase, ctx.sentence)
        if hits:
            here += KEYWORD * max(ctx.weight(h) for h in hits)
        elif (_before(phrase, ctx) or NEAR_BEFORE + 1) <= NEAR_BEFORE:
            before += KEYWORD_BEFORE
    return min(here, KEYWORD_CAP), min(before, KEYWORD_BEFORE_CAP)


def _name_score(found: Profile, ctx: Context, is_date: bool) -> tuple[float, float]:
    """(score from the sentence, score from the text before or the title)."""
    here = elsewhere = 0.0
    earlier = DATE_NAME_EARLIER if is_date else NAME_EARLIER
    for phrase in found.names:
        hits = _hits(phrase, ctx.sentence)
        if hits:
            here = max(here, NAME_HERE * max(ctx.weight(h, name=True) for h in hits))
        elif (distance := _before(phrase, ctx)) is not None:
            elsewhere = max(elsewhere, NAME_BEFORE if distance <= NEAR_BEFORE else earlier)
        elif _hits(phrase, ctx.title):
            elsewhere = max(elsewhere, NAME_IN_TITLE)
    return here, elsewhere


@lru_cache(maxsize=65536)
def _stems(text: str | None) -> frozenset[str]:
    words = significant_words(normalize(text or ""))
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


COUNTED_STEMS = frozenset().union(*map(_stems, COUNTED_GROUPS))
GENERIC_STEMS = _stems(GENERIC_COUNTED)
_GROUP_OF = {stem: i for i, group in enumerate(COUNTED_GROUPS) for stem in _stems(group)}


def _counted_groups(stems: frozenset[str]) -> set[int]:
    return {_GROUP_OF[s] for s in stems if s in _GROUP_OF and s not in GENERIC_STEMS}


def _head(text: str | None) -> str | None:
    """The stem of a noun phrase's last significant word: 'Pakistani soldiers' -> 'soldier'."""
    words = significant_words(normalize(text or ""))
    if not words:
        return None
    stem = next(iter(_stems(words[-1])), None)
    return None if stem in GENERIC_STEMS else stem


def _same_head(a: str, b: str) -> bool:
    return a == b or (a in _GROUP_OF and _GROUP_OF.get(b) == _GROUP_OF[a])


def _counted_score(claim: dict, fact: dict, found: Profile) -> float:
    """Same counted things: a bonus; others (soldiers vs civilians, wards vs nurses): a penalty.

    The fact's unit names what it counts; where it is generic ("people") its keywords may say
    who ("civilians", "women and children").
    """
    if claim["kind"] not in ("count", "quantity"):
        return 0.0
    said = _head(claim.get("subject")) or _head(claim.get("unit"))
    counted = _head(fact.get("unit"))
    if said and counted:
        return SAME_COUNTED if _same_head(said, counted) else OTHER_THING
    if said and said not in _GROUP_OF and _stems(fact.get("unit")) <= GENERIC_STEMS:
        return OTHER_THING  # "12 villages", "6 weeks" are not the people a toll counts
    groups = _counted_groups(_stems(claim.get("subject")) | _stems(claim.get("unit")))
    if not groups:
        return 0.0
    if groups & found.counted:
        return SAME_COUNTED
    return OTHER_COUNTED if found.counted else 0.0


def _metric_score(claim: dict, fact: dict, found: Profile, ctx: Context) -> float:
    """For a count with no category, whether its sentence says what the fact counts."""
    if claim["kind"] == "date" or claim.get("category") or not found.metric_words:
        return 0.0
    weights = [ctx.weight(h) for phrase in found.metric_words for h in _hits(phrase, ctx.sentence)]
    if weights:
        return METRIC_SAID * max(weights)
    return METRIC_UNSAID if fact["metric"] not in GENERIC_METRICS else 0.0


def _metric_unsaid(claim: dict, fact: dict, said: float) -> bool:
    """A count whose extraction found no category, beside no word of the fact's specific
    metric: "a convoy of 6 vehicles" is no death toll, whatever event is named nearby."""
    return (
        claim["kind"] != "date"
        and not claim.get("category")
        and fact["metric"] not in GENERIC_METRICS
        and said < 0
    )


def dates_an_event(claim: dict, ctx: Context) -> bool:
    """False for a date that bounds a period or sets a deadline ("by 2020", "since 2014")."""
    return claim["kind"] != "date" or not NOT_AN_EVENT.search(ctx.sentence[: ctx.span[0]])


@dataclass(frozen=True)
class Hints:
    """What the rest of the article tells about events: the events of the counts beside a
    date (`partners`), and the years the candidate facts date each event to (`event_years`)."""

    partners: frozenset[str] = frozenset()
    event_years: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_facts(cls, facts: list[dict]) -> Hints:
        years: dict[str, set[str]] = {}
        for fact in facts:
            if is_date_metric(fact["metric"]):
                years.setdefault(event_of(fact), set()).add(str(fact["value"])[:4])
        return cls(event_years={k: frozenset(v) for k, v in years.items()})


def event_of(fact: dict) -> str:
    """The event a fact is about: its subject without a parenthetical detail."""
    return normalize(PARENTHESES.sub("", fact["subject"]))


def _year_score(claim: dict, fact: dict, ctx: Context, hints: Hints) -> float:
    """A date's year names its event ("the 2019 flood"); so does a year beside a count."""
    if claim["kind"] == "date":
        return SAME_YEAR if str(claim["value"])[:4] == str(fact["value"])[:4] else 0.0
    known = hints.event_years.get(event_of(fact))
    if not (ctx.years and known):
        return 0.0
    return SAME_YEAR if ctx.years & known else -SAME_YEAR


@dataclass(frozen=True)
class Evidence:
    """A fact's score for a claim, in two parts: what the claim's own sentence says of it
    (`here`), and what the rest of the article adds (`around`: its name earlier, its keywords
    just before)."""

    here: float
    around: float
    rest: float

    def total(self, with_around: bool = True) -> float:
        value = self.here + (self.around if with_around else 0.0) + self.rest
        return round(max(0.0, min(1.0, value)), 3)


def evidence(claim: dict, fact: dict, ctx: Context, hints: Hints = Hints()) -> Evidence | None:
    """The fact's evidence for the claim; None when the metric does not fit or the claim's
    own sentence does not speak of the fact at all."""
    if not metric_fits(claim, fact) or not dates_an_event(claim, ctx):
        return None
    found = profile(fact)
    is_date = claim["kind"] == "date"
    name_here, name_elsewhere = _name_score(found, ctx, is_date)
    keywords_here, keywords_before = _keyword_score(found, ctx)
    partner = PARTNER if fact["subject"] in hints.partners else 0.0
    counted = _counted_score(claim, fact, found)
    said = _metric_score(claim, fact, found, ctx)
    if _metric_unsaid(claim, fact, said) or counted == OTHER_THING:
        return None  # another metric, or other things counted: never this fact
    if not (name_here or keywords_here or partner or (name_elsewhere and counted + said > 0)):
        return None
    here = name_here + keywords_here
    around = max(0.0, name_elsewhere - name_here) + keywords_before
    rest = partner + counted + said + _year_score(claim, fact, ctx, hints)
    return Evidence(here, around, rest)


def score(claim: dict, fact: dict, ctx: Context, hints: Hints = Hints()) -> float:
    """How surely the fact is about what the claim states (0 when it cannot be)."""
    found = evidence(claim, fact, ctx, hints)
    return found.total() if found else 0.0


def best_matches(
    claim: dict, facts: list[dict], ctx: Context, hints: Hints = Hints()
) -> list[Match]:
    """Facts at or above the threshold, best first.

    The rest of the article speaks for a fact only while the claim's sentence does not speak
    clearly more of another: "the riot erupted as a cholera outbreak has killed 120" is about
    the outbreak, even in an article about the riot.
    """
    found = [(f, e) for f in facts if (e := evidence(claim, f, ctx, hints))]
    clearest = max((e.here for _, e in found), default=0.0)
    scored = [Match(f, e.total(e.here >= clearest - CLEARER)) for f, e in found]
    passed = [m.fact for m in scored if m.score >= THRESHOLD]
    kept = [m for m in scored if any(same_thing(m.fact, p) for p in passed)]
    return sorted(kept, key=lambda m: (-m.score, m.fact["id"]))


def same_thing(a: dict, b: dict) -> bool:
    """Two facts about the same thing: one event's one metric of one counted unit (sources
    and dates may differ). A fact that passes brings in every other source on it."""
    keys = ("subject", "metric", "unit")
    return all((a.get(k) or "").lower() == (b.get(k) or "").lower() for k in keys)
