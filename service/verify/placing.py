"""Where a figure is: the article's places (its gazetteer look-up, datelines, places ranked
against, towns only "in" names) and the place slot of a claim's frame: in its clause, its
sentence, the place its measure is said to be of, the sentence before it opened on, or the
article's main place."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pycountry

from ..model import Claim, Slot
from ..vocabulary.lexicon import MONTHS, PHRASE_STOPS, WEEKDAYS
from ..vocabulary.places import find_places, known_place, place_key
from ..vocabulary.text import normalize
from ..vocabulary.words import (
    DEMONYM_SUFFIXES,
    EVENT_WORDS,
    LEGISLATURES,
    NATIONAL_WORDS,
    NOT_PLACE_WORDS,
    SUPERLATIVES,
)
from .context import RELATIVE, Context, phrase_in

NATIONAL_PHRASES = tuple(tuple(normalize(w).split()) for w in NATIONAL_WORDS)


@dataclass(frozen=True)
class ArticleView:
    """What the article as a whole says: its places (with offsets), its main place (the
    title's, else the most named), its publication date."""

    places: tuple[tuple[int, int, str], ...]
    main_place: str | None
    published_at: date | None
    ranked: frozenset[int] = frozenset()  # the starts of places ranked against
    datelines: frozenset[int] = frozenset()  # ... and of datelines ("VELMSTAD, Calvaria —")
    country: str = "the country"  # the main place's country ("Brennick, Vestria": Vestria)
    unknown: frozenset[int] = frozenset()  # the starts of places only "in ..." says are places

    @classmethod
    def of(cls, text: str, title: str | None, published_at: date | None, extra=()) -> ArticleView:
        named = [m for m in find_places(text, extra) if not compound(text, *m[:2])]
        ranked = frozenset(s for s, e, _ in named if is_ranked(text, s, e))
        in_title = [
            key
            for s, e, key in find_places(title or "", extra)
            if not compound(title, s, e) and not is_ranked(title, s, e)
        ]
        located = _located(text, named)
        counts = Counter(key for s, _, key in named + located if s not in ranked)
        main = in_title[0] if in_title else (counts.most_common(1)[0][0] if counts else None)
        places = sorted(named + located)
        datelines = frozenset(s for s, _, _ in places if _dateline(text, s))
        return cls(
            tuple(places),
            main,
            published_at,
            ranked,
            datelines,
            _country(main, extra, _filed_in(text, main, extra)),
            frozenset(s for s, _, _ in located),
        )


# "the world's most populous country", "Europe's largest economy": a ranking among the
# place's members, not a figure of the place itself; so is "the largest economy in West
# Africa", "one of the youngest in the world", "the second most populous nation after
# Indonesia".
RANKED = re.compile(r"['\u2019]s\s+(?:[a-z]+-)?(?:most|least|[a-z]+est)\b")
RANKED_BEFORE = re.compile(
    r"\b(?:most|least|" + "|".join(sorted(SUPERLATIVES)) + r")(?:[\s-]+[a-z-]+){0,2}?"
    r"\s+(?:in|of|among|after|across)\s+(?:the\s+)?(?:[a-z-]+\s+)?$"
)


DATELINE = re.compile(
    r"[A-Z][A-Z .'-]*(?:,\s+[A-Z][\w .'-]*)?\s*(?:\u2014|\u2013|-|\(|,\s+[A-Z][a-z]{2,4}\.?\s+\d)"
)


def _dateline(text: str, start: int) -> bool:
    """Whether a place opens a line as its dateline ("VELMSTAD, Calvaria —", "DAKAR, June 21
    (...) -"): where the reporter files from, not what a figure is about."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip() and bool(DATELINE.match(text, start))


# A wire dateline, a town in capitals and its country: "HOCHWARDEN, Valtessa - ".
FILED_FROM = re.compile(
    r"^([A-Z][A-Z .'-]+),\s+([A-Z][\w .'-]*?)\s*[-\u2014\u2013]\s", re.MULTILINE
)


def _filed_in(text: str, main: str | None, extra: Iterable[str] = ()) -> str | None:
    """The country a dateline gives the main place ("HOCHWARDEN, Valtessa -": Valtessa, for
    Hochwarden or for Valtessa itself), or the nation a bare dateline is (`_filed_bare`)."""
    if main is None:
        return None
    found = FILED_FROM.search(text)
    if found is None:
        return _filed_bare(text, extra)
    town, country = place_key(found[1].title()), place_key(found[2])
    return country if main in (town, country) else None


def _filed_bare(text: str, extra: Iterable[str]) -> str | None:
    """A bare dateline that is a nation's: a place of the references whose people the article
    names ("TARVENIA - The Askel glacier ... the Tarvenian Glacier Monitoring Network")."""
    bare = FILED_BARE.search(text)
    if bare is None or place_key(bare[1].title()) not in {place_key(p) for p in extra}:
        return None
    name = re.escape(bare[1].title())
    people = re.search(rf"\b{name}(?:{'|'.join(DEMONYM_SUFFIXES)})\b", text)
    return place_key(bare[1].title()) if people else None


FILED_BARE = re.compile(r"^([A-Z][A-Z .'-]+?)\s*[-\u2014\u2013]\s", re.MULTILINE)  # "TARVENIA - "


def _country(main: str | None, extra, filed_in: str | None = None) -> str:
    """The country a place lies in, as the references name places ("Brennick, Vestria") or
    its dateline gives it ("HOCHWARDEN, Valtessa -"); a country is its own. Unknown: a key
    no fact's place has ("the country")."""
    if main is None:
        return "the country"
    if known_place(main) and len(main) == 3 and pycountry.countries.get(alpha_3=main):
        return main
    for name in extra:
        parts = [p.strip() for p in name.split(",")]
        if len(parts) > 1 and main in (place_key(parts[0]), place_key(name)):
            return place_key(parts[-1])
    return filed_in or "the country"


def is_ranked(text: str, start: int, end: int) -> bool:
    """Whether a place mention is one others are ranked against, or within."""
    before, after = text[max(0, start - 60) : start].lower(), text[end : end + 40].lower()
    return bool(RANKED.match(after) or RANKED_BEFORE.search(before))


COMPOUND_AFTER, COMPOUND_BEFORE = re.compile(r"-[a-z]"), re.compile(r"[a-z]-$")


def compound(text: str, start: int, end: int) -> bool:
    """Whether a place mention is part of a compound adjective ("French-speaking", "US-led",
    "pro-Russian"): it does not say where a figure is."""
    return bool(
        COMPOUND_AFTER.match(text[end : end + 2].lower())
        or COMPOUND_BEFORE.search(text[max(0, start - 2) : start].lower())
    )


# Words that say a place is beside another ("neighbouring Harlow"), and the settlements a
# place is named as ("the town of Orsk", "the capital, Nareth"): shared with the place gate.
BESIDE = r"(?:neighbouring|neighboring|nearby)"
SETTLEMENT = r"(?:capital|city|town|village|port|district|province)"
# "In neighbouring Harlow, ...", "In Casablanca, home to ...", "about 9 million people live
# in Tehran", "In the smaller town of Orsk", "Neighbouring Ostrel county has reported", "live
# in greater Asuncion", "the rival port of Ostmark": a place, even one the gazetteer does
# not know.
LOCATED = re.compile(
    r"(?<![\w-])(?:[Ii]n\s+(?:" + BESIDE + r"\s+|greater\s+|metropolitan\s+|central\s+|"
    r"inner\s+|rural\s+|the\s+(?:[a-z]+\s+)?" + SETTLEMENT + r"(?:\s+of|,)?\s+)?"
    r"|(?P<beside>[Nn]eighbouring\s+|[Nn]eighboring\s+|[Nn]earby\s+)"
    r"|(?P<of>[Tt]he\s+(?:[a-z]+\s+)?" + SETTLEMENT + r"\s+of\s+))"
    r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})(?![\w'\u2019])(?:\s+(?P<next>[a-z]+))?"
)
REGION_NOUNS = frozenset("county province district region state municipality".split())


def _located(text: str, known: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Places named after "in" that the gazetteer does not know, keyed by their name: not a
    month or a day, an event, an elected body, an acronym, nor a name qualifying a noun after
    it ("in Sunday's vote", "in Gallow Ridge mine blast", "in Aldmark province")."""
    found = []
    covered = [(s, e) for s, e, _ in known]
    for match in LOCATED.finditer(text):
        s, e = match.span("name")
        words = normalize(match["name"]).split()
        following = match["next"]
        if match.group("beside") and following in REGION_NOUNS:
            following = None  # "Neighbouring Ostrel county": the county is the place
        if match.group("of"):
            following = None  # "the port of Ostmark reported": what follows is no noun of it
        if (
            any(a < e and s < b for a, b in covered)
            or not words
            or match["name"].isupper()
            or (following is not None and following not in PHRASE_STOPS)
            or words[0] in MONTHS
            or words[0] in WEEKDAYS
            or set(words) & (EVENT_WORDS | LEGISLATURES | NOT_PLACE_WORDS)
        ):
            continue
        found.append((s, e, " ".join(words)))
    return found


def place_of(claim: Claim, ctx: Context, view: ArticleView) -> Slot | None:
    """The place nearest before the claim in its clause, else nearest after it there, else the
    nearest before it in its sentence (a sentence's subject comes first: "The country of 20
    million people ... immigration from Venezuela" is not about Venezuela; "Germany's inflation
    was 5.9% in 2023 and the US ..." is Germany's), else the article's main place."""
    start = ctx.offset
    clause = (start + ctx.clause[0], start + ctx.clause[1])
    stretches = (
        ("clause", (clause[0], claim.start)),
        ("clause", (claim.end, clause[1])),
        ("sentence", (start, claim.start)),
    )
    owner = _owner(ctx, view)
    if owner is not None:
        return owner
    national = phrase_in(ctx, ctx.window[0], ctx.clause[1], NATIONAL_PHRASES)  # its own stretch
    others = [(start + a, start + b) for a, b in ctx.figures if start + a != claim.start]
    for origin, (lo, hi) in stretches:
        if national and origin == "sentence":  # "the national average of 5.1", "Nationally, ..."
            at = start + national[1]
            return Slot(view.country, "national", at, at + len(national[0]))
        near = [
            (abs(s - claim.start), s, e, key)
            for s, e, key in view.places
            if lo <= s < hi
            and not (claim.start <= s < claim.end)
            and (s not in view.ranked or _heads(ctx.article, e, clause[0]))
            and not _taken(ctx.article, s, others)
            and not FROM_PLACE.search(ctx.article, max(0, s - 80), s)
            and not BESIDE_OBJECT.search(ctx.article, max(0, s - 40), s)
            and s not in view.datelines
        ]
        if near:
            _, s, e, key = min(near)
            return Slot(key, origin, s, e)
    earlier = _opening_place(ctx.article, start, view)
    if earlier is not None:
        # "Its GDP came to ...": the place the text before opened on, the sentence's own place
        # when it opens on a pronoun; else the place the text last spoke of, the article's
        # rather than its title's ("Inflation stayed at 2.4%", in a round-up of countries).
        origin = "previous" if ctx.previous_at >= 0 else "before"
        if earlier[2] == view.country != view.main_place and view.main_place and origin == "before":
            # "Valtessa Mountain Rescue said ...": the country a story is filed from, said
            # before, puts no figure outside the story's own place
            return Slot(view.main_place, "article")
        return Slot(earlier[2], origin, earlier[0], earlier[1])
    return Slot(view.main_place, "article") if view.main_place else None


# "the population of Oslo passed 709,000": the place a measure is of, even one the gazetteer
# does not know.
MEASURE_OF = re.compile(
    r"\b(?i:population|economy|inflation|gdp|output|unemployment|turnout)\s+(?i:of)\s+"
    r"(?:the\s+)?([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})"
)


def _owner(ctx: Context, view: ArticleView) -> Slot | None:
    """The place the measure in the claim's clause is said to be of, before the claim."""
    found = [*MEASURE_OF.finditer(ctx.original, ctx.clause[0], ctx.span[0])][-1:]
    if not found:
        return None
    s, e = (ctx.offset + at for at in found[0].span(1))
    key = next((k for a, b, k in view.places if a <= s < b), None)
    return Slot(key or normalize(found[0].group(1)), "clause", s, e)


def _opening_place(text: str, before: int, view: ArticleView) -> tuple[int, int, str] | None:
    """The first place of the nearest sentence before `before` that names one (not ranked
    against, not where something came from), of those the gazetteer or the references know:
    a town only "in" names ("most of them in the old town of Aveline") may lie in the place
    the facts are about, or not, so it says nothing of a later sentence's figures."""
    named = [
        m
        for m in view.places
        if m[0] < before
        and m[0] not in view.ranked
        and m[0] not in view.unknown
        and not FROM_PLACE.search(text, max(0, m[0] - 80), m[0])
    ]
    while named:
        last = named[-1][0]
        cut = max(text.rfind(". ", 0, last), text.rfind("\n", 0, last))  # its sentence's start
        first = next(m for m in named if m[0] > cut)
        lead_in = len(DATELINE_END.split(text[cut + 1 : first[0]])[-1].split())
        if lead_in <= SUBJECT_REACH or first[2] == view.main_place:
            return first
        # a place deep in its sentence ("Remittances from Uzbeks working in Russia reached
        # ...") is no subject "The country" goes back to: a sentence before may have one
        named = [m for m in named if m[0] <= cut]
    return None


DATELINE_END = re.compile(r"\s[-\u2014\u2013]\s")
SUBJECT_REACH = 3  # words into a sentence its subject's place may stand ("In neighbouring Peru")


# "travellers returning from Amarri", "imports from China": where from, not where.
FROM_PLACE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:[a-z'-]+(?:\s+[a-z'-]+){0,2},\s+){0,4}(?:[a-z'-]+(?:\s+[a-z'-]+){0,2}"
    r",?\s+(?:and|or)\s+)?$"
)  # ... or a list after it ("immigration from Venezuela, Haiti and Colombia")
# "a merger with neighbouring Corran", "spread to nearby Tesk": the place a thing is done
# with or goes to, not the place the figure is of ("In neighbouring Harlow, ..." is).
BESIDE_OBJECT = re.compile(r"\b(?:with|to|into|against|across|from|than)\s+" + BESIDE + r"\s+$")
PLACE_OF = re.compile(r"\s*(?:in|for|of|at)\s+(?:the\s+)?$")


def _taken(text: str, at: int, figures: list[tuple[int, int]]) -> bool:
    """Whether a place follows another figure of the sentence, so is that figure's ("2.8% in
    the Czech Republic and 2.7% in Slovakia": the Czech Republic is not the 2.7%'s)."""
    return any(0 <= at - end < 24 and PLACE_OF.match(text[end:at]) for _, end in figures)


def _heads(text: str, end: int, clause_start: int) -> bool:
    """Whether a place ends right before the claim's clause begins and the clause is a
    relative one about it ("... after Indonesia, whose population reached 275 million"), not
    the sentence's own predicate ("Argentina, the region's largest economy after Brazil, had
    output of $631 billion"; "the fastest rates in the world, as the central bank ...")."""
    return (
        end <= clause_start
        and not text[end:clause_start].strip(" ,")
        and bool(RELATIVE.match(text, end))
    )
