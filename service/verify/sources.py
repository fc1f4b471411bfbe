"""Source documents given with an article: the press release, court filing, statistics bulletin
or wire story a reporter wrote from.

`POST /v1/checks` takes them as `sources`. Each is read as the article is: `document()` for its
text, the same extraction, the same frames (its title is its name; its date its own
`published_at`, else the article's). Each numeric claim of a source becomes a `SourceFact` for
that one check: its figure, what it counts, its metric and place from its frame, the words of
its sentence as keywords, and a `Source` citing the document by name and url with the `Span`
of the figure in it (offsets into the source's checked text). Source facts join the store's
candidates for the check and are never written to the store.

The gates and rules of matching read a source fact as they read any fact. A source's figure
has no event name a story repeats, so it gets no article-level prior and matching rests on what
the two sentences share; and as a false "supported" or "contradicted" is the worst outcome, more
gates hold for source facts on top of the matcher's (`admitted`, `admits`): the article and the
source must name something in common; the story's sentence must share words (or, for a figure,
a name) with the source's; the two must not name different things, nor be about different
places, metrics, counted things, periods or kinds of event ("killed in a house fire" is not
"killed in a crash"); the date a statement was made on is no event's date. Each source figure
is its own thing: two figures of one release are never read together as two sources of one
figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..claims import extract
from ..documents import document
from ..errors import ServiceError, TooManyClaims, ValidationFailed
from ..model import Claim, Fact, Frame, Kind, Slot, Source, Span
from ..references.schema import is_iso_date
from ..vocabulary.lexicon import (
    CATEGORY_WORDS,
    MONTHS,
    SCALE_WORDS,
    SMALL_NUMBER_WORDS,
    TENS_WORDS,
    WEEKDAYS,
)
from ..vocabulary.places import find_places, place_name
from ..vocabulary.qualifiers import GROUPS, group
from ..vocabulary.text import normalize, significant_words
from ..vocabulary.words import FUNCTION_WORDS, METRIC_WORDS
from .context import Context, context_of, sentence_start, tokens
from .frames import GROUP_OF, frame_of
from .placing import ArticleView
from .profiles import profile

ID_PREFIX = "source:"  # store ids are 16 hex digits: a source fact's never meets one
GENERIC_METRIC = {
    Kind.COUNT: "count",
    Kind.QUANTITY: "quantity",
    Kind.MONEY: "amount",
    Kind.PERCENT: "percent",
}
# Words of a sentence that say nothing of what its figure is about: how sources are cited, how
# figures are qualified, numbers, calendar words (periods are compared slot by slot), what
# happened to the people counted (the category is a gate of its own) and what is measured.
NOT_KEYWORDS = frozenset(
    "said says say told according added adding also including included include includes total "
    "further another other others more most least than some many several new latest last "
    "first second third statement update release press spokesperson spokesman spokeswoman "
    "official officials reported report reports confirmed announced figure figures number "
    "numbers year years day days week weeks month months today yesterday tonight morning "
    "afternoon evening night were been being will would could should they them those these "
    "there here which while where when who whom what such each every both only still now then "
    "just very well nearly almost about around over under since until people person".split()
)
NOT_KEYWORDS |= frozenset(
    w for words in GROUPS.values() for phrase in words for w in phrase.split()
)
NOT_KEYWORDS |= frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(SCALE_WORDS)
NOT_KEYWORDS |= frozenset(SMALL_NUMBER_WORDS) | frozenset(TENS_WORDS) | FUNCTION_WORDS
NOT_KEYWORDS |= frozenset(w for words in CATEGORY_WORDS.values() for w in words.split())
NOT_KEYWORDS |= frozenset(w for words in METRIC_WORDS.values() for w in words if " " not in w)

# Kinds of event: a source figure about one kind never decides a story's figure about another.
# Words of one group are one kind ("bombing" and "attack"); event words in no group (a
# "disaster", an "operation", a "strike") tell no kind.
EVENT_KINDS = {
    word: kind
    for kind, words in {
        "violence": "attack bombing blast explosion airstrike shooting massacre battle war siege "
        "offensive insurgency uprising riot",
        "quake": "earthquake quake",
        "storm": "storm hurricane cyclone typhoon",
        "fire": "fire wildfire blaze",
        "flood": "flood flooding",
        "crash": "crash derailment sinking collision",
        "election": "election",
        "outbreak": "outbreak epidemic",
        "coup": "coup",
    }.items()
    for word in words.split()
}


@dataclass(frozen=True)
class SourceDocument:
    """A document given with the article: its name (cited in verdicts), its body as sent
    (`source`: text or html, as an Article's), a url to cite and its publication date."""

    name: str
    body: str
    source: str = "text"
    url: str | None = None
    published_at: date | None = None

    @classmethod
    def of(cls, record: dict[str, Any]) -> SourceDocument:
        """A source from its `as_record` form, or from a request's validated fields (`text` or
        `html`, `name`, `url`, `published_at` as a date or an ISO date)."""
        kind = record.get("source") or ("html" if "html" in record else "text")
        body = record["body"] if "body" in record else record[kind]
        published = record.get("published_at")
        if isinstance(published, str):
            published = date.fromisoformat(published)
        return cls(record["name"], body, kind, record.get("url"), published)

    def as_record(self) -> dict[str, Any]:
        """The source as JSON (what a watch stores, what the result cache key digests)."""
        published = self.published_at.isoformat() if self.published_at else None
        return {
            "name": self.name,
            "source": self.source,
            "url": self.url,
            "published_at": published,
            "body": self.body,
        }


@dataclass(frozen=True, eq=False)
class SourceFact(Fact):
    """A fact read from a source document for one check: the figure of one of its claims,
    with the claim's frame (`frame`), the kinds of event its sentence speaks of (`events`) and
    the name words of its sentence's named things and of its whole document's (`names`,
    `document_names`: "harwick", "colne"). It is never a series (no `period`: the frame
    holds the claim's period for `admits`)."""

    frame: Frame | None = field(default=None, compare=False)
    events: frozenset[str] = field(default=frozenset(), compare=False)
    names: frozenset[str] = field(default=frozenset(), compare=False)
    document_names: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def thing(self) -> tuple[str, ...]:
        """Each figure of a source is its own thing (two figures of one release about one
        metric are never read as two sources of one figure)."""
        span = self.source.span
        return (*super().thing, str(span.document), str(span.start), str(span.end))


@dataclass(frozen=True)
class ReadSource:
    """A source document as a check read it: its checked text, the response's entry for it
    in `document.sources`, and its facts."""

    index: int
    document: SourceDocument
    text: str
    meta: dict[str, Any]
    facts: tuple[SourceFact, ...]


def read_sources(
    documents: Iterable[SourceDocument],
    published_at: date | None = None,
    max_claims: int | None = None,
    places: tuple[str, ...] = (),
) -> list[ReadSource]:
    """Each source document read, in order (`published_at`: the article's, for sources with
    no date of their own; `places`: place names the gazetteer should know, the store's)."""
    return [
        read_source(i, doc, published_at, max_claims, places) for i, doc in enumerate(documents)
    ]


def read_source(
    index: int,
    doc: SourceDocument,
    published_at: date | None = None,
    max_claims: int | None = None,
    places: tuple[str, ...] = (),
) -> ReadSource:
    """One source document: its text, claims and facts. An error reading it (HTML nested too
    deep, more than `max_claims` claims) names the source (`sources.<index>`)."""
    published = doc.published_at or published_at
    try:
        text, meta = document(doc.body, doc.source, doc.name, doc.url, published)
        claims = [Claim.of(r) for r in extract(text, published, max_claims)]
    except ServiceError as exc:
        raise _of_source(exc, index, doc) from None
    view = ArticleView.of(text, doc.name, published, places)
    by_sentence: dict[int, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault(sentence_start(text, claim)[0], []).append(claim)
    dates = [c for c in claims if c.is_date]
    read = []
    for claim in claims:
        neighbours = by_sentence[sentence_start(text, claim)[0]]
        ctx = context_of(text, claim, doc.name, neighbours)
        read.append((claim, ctx, neighbours, frame_of(claim, ctx, dates, view)))
    periods = _periods(read)
    names = document_names(text, claims, view)
    facts = []
    for claim, ctx, neighbours, frame in read:
        if claim.start in periods:
            continue
        fact = source_fact(index, doc, published, claim, frame, ctx, neighbours, view)
        if fact is not None:
            facts.append(replace(fact, document_names=names))
    meta = {**meta, "index": index, "name": doc.name, "claims": len(claims)}
    return ReadSource(index, doc, text, meta, tuple(facts))


def _periods(read) -> set[int]:
    """Where the dates stand that are a statistic's own period ("unemployment fell to 4.2% in
    2023"): the period the figure is about, not the date of an event. They are no facts of
    their own (as a series' periods are no date facts in the store); an event's date ("14
    people were killed on March 2") is."""
    return {
        frame.period.start
        for claim, _, _, frame in read
        if not claim.is_date
        and claim.category is None
        and frame.period is not None
        and frame.period.origin == "clause"
    }


def _of_source(exc: ServiceError, index: int, doc: SourceDocument) -> ServiceError:
    """The error of reading a source, naming it: its fields under `sources.<index>`."""
    where = f"sources.{index}"
    errors = [
        {**e, "field": f"{where}.{e['field']}" if e.get("field") else where} for e in exc.errors
    ] or [{"field": where, "message": exc.detail}]
    detail = f"Source {index} ({doc.name}): {exc.detail}"
    if isinstance(exc, TooManyClaims | ValidationFailed):
        return type(exc)(detail, errors, exc.headers)
    return exc


def source_fact(
    index: int,
    doc: SourceDocument,
    published: date | None,
    claim: Claim,
    frame: Frame,
    ctx: Context,
    neighbours: list[Claim],
    view: ArticleView,
) -> SourceFact | None:
    """The fact a source's claim states, or None for what states no fact: a forecast or a
    plan, a vague amount ("dozens"), a date that is not a calendar date, a plain number."""
    if frame.forecast is not None or claim.kind is Kind.NUMBER:
        return None
    if is_statement_date(claim, ctx):
        return None  # when the source said it ("police said on Monday"), not what happened
    value, lower, upper = claim.value, None, None
    qualifier = claim.qualifier if group(claim.qualifier) not in (None, "between") else None
    if claim.is_date:
        if not is_iso_date(value):
            return None
        metric, unit = "date", None
    else:
        if claim.qualifier and group(claim.qualifier) == "between":
            value, lower, upper = None, claim.lower, claim.upper
        if value is None and (lower is None or upper is None):
            return None  # "dozens", "hundreds": a vague amount backs or refutes nothing
        metric = claim.category or (frame.metric.value if frame.metric else None)
        metric = metric or GENERIC_METRIC[claim.kind]
        unit = "%" if claim.kind is Kind.PERCENT else claim.unit
    span = Span(index, claim.start, claim.end, claim.text)
    keywords, names = _keywords(claim, ctx, neighbours, view)
    if frame.whole is not None:
        keywords = (*keywords, "total")  # a whole ("of the 120 seats") is a total's figure
    return SourceFact(
        id=f"{ID_PREFIX}{index}:{claim.start}-{claim.end}",
        subject=doc.name,
        metric=metric,
        value=value,
        source=Source(doc.name, doc.url, None, span),
        lower=lower,
        upper=upper,
        unit=unit,
        as_of=published.isoformat() if published else None,
        place=place_name(frame.place.value) if frame.place else None,
        qualifier=qualifier,
        keywords=keywords,
        frame=frame,
        events=events_of(ctx.sentence),
        names=names,
    )


def _keywords(
    claim: Claim, ctx: Context, neighbours: list[Claim], view: ArticleView
) -> tuple[tuple[str, ...], frozenset[str]]:
    """The words of the claim's sentence that say what it is about (and of the sentence before,
    when this one begins with a pronoun): not its figures, places, numbers, calendar words,
    categories, metric words or citing words; a plural's s dropped ("floods" -> "flood", which
    matches both). And the name words of the sentence's named things (`name_words`)."""
    start, sentence = ctx.offset, ctx.sentence
    placed = [(s, e) for s, e, _ in view.places if start <= s < start + len(sentence)]
    blank = [(c.start - start, c.end - start) for c in neighbours]
    blank += [(s - start, e - start) for s, e in placed]
    chars = list(sentence)
    for lo, hi in blank:
        chars[max(0, lo) : max(0, hi)] = " " * (max(0, hi) - max(0, lo))
    words = significant_words(normalize("".join(chars) + " " + ctx.previous))
    kept = (_singular(w) for w in words if w not in NOT_KEYWORDS and w.isalpha())
    keywords = tuple(dict.fromkeys(w for w in kept if w not in NOT_KEYWORDS))
    places = [normalize(ctx.article[s:e]) for s, e in placed]
    return keywords, name_words(claim.entities, places)


# The date a source said something, not the date of what it says ("police said on Monday").
SAID_ON = re.compile(
    r"\b(?:said|says|told\s+reporters|told|announced|reported|confirmed|added|stated|declared|"
    r"wrote|published|tweeted|posted)\s+(?:(?:late|early)\s+)?(?:on\s+|in\s+|at\s+)?$"
)


def is_statement_date(claim: Claim, ctx: Context) -> bool:
    """Whether a date says when something was said ("the agency said on Thursday")."""
    before = ctx.sentence[max(0, ctx.span[0] - 40) : ctx.span[0]]
    return claim.is_date and bool(SAID_ON.search(before))


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def events_of(sentence: str) -> frozenset[str]:
    """The kinds of event a folded sentence speaks of (`EVENT_KINDS`)."""
    found = tokens(sentence).index
    return frozenset(
        kind for word in found if (kind := EVENT_KINDS.get(_singular(word))) is not None
    )


def is_source_fact(fact: Fact) -> bool:
    return isinstance(fact, SourceFact)


@dataclass(frozen=True)
class Said:
    """What a story's claim's sentence says, as `admits` compares it with a source's: the
    name words of its named things, the kinds of event it speaks of, whether the claim is the
    date a statement was made."""

    names: frozenset[str]
    events: frozenset[str]
    statement: bool

    @classmethod
    def of(cls, claim: Claim, ctx: Context) -> Said:
        places = [normalize(claim.sentence[s:e]) for s, e, _ in find_places(claim.sentence)]
        return cls(
            name_words(claim.entities, places),
            events_of(ctx.sentence),
            is_statement_date(claim, ctx),
        )


def document_names(text: str, claims: list[Claim], view: ArticleView) -> frozenset[str]:
    """The name words of a document's named things (those of its claims' sentences), places
    aside: what an article and a source about one story share ("harwick")."""
    places = [normalize(text[s:e]) for s, e, _ in view.places]
    return name_words((e for c in claims for e in c.entities), places)


def admitted(
    facts: list[Fact],
    claim: Claim,
    frame: Frame,
    ctx: Context,
    article_names: frozenset[str] = frozenset(),
) -> list[Fact]:
    """The candidates a story's claim is compared with: every store fact, and the source facts
    `admits`; none of a source whose named things are all other than the article's
    (`article_names`, `document_names`): a source about another story decides nothing."""
    said = Said.of(claim, ctx)

    def about_the_story(fact: SourceFact) -> bool:
        theirs = fact.document_names
        return not (article_names and theirs) or bool(article_names & theirs)

    return [
        f
        for f in facts
        if not isinstance(f, SourceFact)
        or about_the_story(f)
        and admits(f, claim, frame, ctx, said)
    ]


def admits(
    fact: SourceFact, claim: Claim, frame: Frame, ctx: Context, said: Said | None = None
) -> bool:
    """Whether a story's claim may be compared with a source fact at all: the claim's sentence
    speaks of what the source's sentence does (`_spoken`); the two sentences' named things are
    not all different ("the port of Kelby" is not "Port Meridan"); and the two figures are not
    about other places, periods, metrics, kinds of event, or one a figure per person or of an
    earlier event and the other not. A date the story says a statement was made on ("police
    said on Monday") is compared with no source's date."""
    said = said or Said.of(claim, ctx)
    given = fact.frame
    if given is None or said.statement or not _spoken(fact, claim, ctx, said):
        return False
    if said.names and fact.names and not said.names & fact.names:
        return False
    if _places_differ(frame.place, given.place) or _metrics_differ(frame.metric, given.metric):
        return False
    if _counted_differ(frame.counted, given.counted):
        return False
    if not claim.is_date and _periods_differ(frame.period, given.period):
        return False
    if said.events and fact.events and not said.events & fact.events:
        return False
    if claim.is_date and bool(said.events) != bool(fact.events):
        return False  # a date is an event's only where both sentences name its kind, or neither
    return all(
        (getattr(frame, flag) is None) == (getattr(given, flag) is None)
        for flag in ("per_capita", "earlier")
    )


SHARED_WORDS = 3  # keywords a claim's sentence must share with a source's, unless a name


def _spoken(fact: SourceFact, claim: Claim, ctx: Context, said: Said) -> bool:
    """The claim's sentence (or the one its pronoun refers to) speaks of what the source's
    sentence does: it holds SHARED_WORDS of the source sentence's keywords ("bridge",
    "opened", "carried"), or, for a figure (a date needs the words), it names the document or
    a thing the source's sentence names ("Harwick")."""
    found = profile(fact)
    shared = [p for p in found.keywords if ctx.here(p) or ctx.in_previous(p)]
    if len(shared) >= SHARED_WORDS:
        return True
    named = said.names & fact.names or any(ctx.here(p) for p in found.names)
    return bool(named) and not claim.is_date


def _counted_differ(said: Slot | None, given: Slot | None) -> bool:
    """One figure counts a thing of its own ("14 soldiers") and the other people in general,
    or they count other things (a release's "350 soldiers" is no count of "171 people")."""
    if said is None or given is None:
        return (said is None) != (given is None)
    a, b = said.value, given.value
    return a != b and (a not in GROUP_OF or GROUP_OF.get(b) != GROUP_OF[a])


# Words of named things that name no one thing: institutions and kinds of place ("Central
# Bank", "Civic Union", "Port Meridan", "River Colne": only "meridan", "colne" tell).
GENERIC_NAME_WORDS = frozenset(
    "bank central national federal state regional district county city town village port "
    "river lake mount street road bridge airport station hospital school university college "
    "institute office ministry minister department agency authority commission committee "
    "council government parliament assembly court police army navy force forces party union "
    "alliance front movement league association company group general public international "
    "north south east west northern southern eastern western upper lower new old great royal "
    "saint first list reform civic democratic republican liberal labour green people statistic "
    "president prime secretary chief director mayor governor spokesman spokeswoman".split()
)


def name_words(entities: Iterable[str], places: Iterable[str] = ()) -> frozenset[str]:
    """The words of named things that tell one thing from another ("Harwick Bridge" ->
    harwick), places aside (they are compared as places)."""
    placed = {w for place in places for w in place.split()}
    words = (
        _singular(w)
        for entity in entities
        for w in significant_words(normalize(entity))
        if w.isalpha() and w not in placed
    )
    return frozenset(w for w in words if w not in NOT_KEYWORDS and w not in GENERIC_NAME_WORDS)


def _metrics_differ(said: Slot | None, given: Slot | None) -> bool:
    """One figure says what it measures and the other does not, or they say different things
    (a population "of nearly 20 million people" is no plain count of people)."""
    if said is None or given is None:
        return (said is None) != (given is None)
    return said.value != given.value


def _places_differ(said: Slot | None, given: Slot | None) -> bool:
    """Both figures have a place (said near them or their document's main one) and they are
    not the same."""
    return said is not None and given is not None and said.value != given.value


PART_OF_A_YEAR = "part of a year"


def _periods_differ(said: Slot | None, given: Slot | None) -> bool:
    """Whether two figures' periods cannot be one: a part of a year against a whole one; years
    apart; said near both figures and different at the coarser precision of the two. Two
    figures dated only by their documents are never apart (a release and the story on it are
    days apart), one dated so is compared by year."""
    if said is None or given is None:
        return False
    a, b = said.value, given.value
    if PART_OF_A_YEAR in (a, b):
        return a != b
    if said.origin == "article" and given.origin == "article":
        return False
    if "article" in (said.origin, given.origin):
        return a[:4] != b[:4]
    n = min(len(a), len(b))
    return a[:n] != b[:n]
