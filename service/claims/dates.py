"""Dates: full, month-day, month-year, bare month, year and relative ("last week", "on Tuesday").

Values keep the precision the text gives ("2014", "2021-08", "2024-03-18"); ``lower``/``upper``
are the first and last day covered. A month-day or bare-month date takes a year stated earlier
in its sentence or in the sentence before ("in 1834 ... On 14 March that year"), else the
publication year
(the year before when that puts it over 90 days after publication in a past-tense sentence, or
over half a year after in one with no tense marker; the year after when a future-tense sentence
would put it over 90 days before), else the year stated nearest to it in
the text, else it stays "--MM-DD" with a note.
"""

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator

from dateutil.relativedelta import relativedelta, weekday
from dateutil.relativedelta import weekdays as dateutil_weekdays

from service.claims.context import is_part_of_name, previous_word, words_after
from service.claims.mention import Mention
from service.claims.scan import finditer_at, match_starts
from service.model import split_year_at
from service.vocabulary.lexicon import COUNT_NOUNS, MONTHS, REPORTING_VERBS, WEEKDAYS

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = "|".join(day.capitalize() for day in WEEKDAYS)
# White space inside a date: never a line break, where sentences end (a date is in one sentence).
_GAP = r"[^\S\n]+"
_GAP0 = r"[^\S\n]*"
_MONTH_PREPOSITIONS = set(
    "in since by until from through last next this of during between before after and to early "
    "late mid- mid".split()
)
# Each alternative starts with a digit or a capital/known letter; the leading look-ahead lets the
# regex engine skip every other position quickly.
DATES = re.compile(
    rf"""(?=[0-9JFMASONDYyLlNnTW])(?<![\w$£€¥₹.,:/])(?<![A-Za-z]-)(?:
      (?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?![\d-])
    | (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_GAP}(?:of{_GAP})?(?P<m1>{_MONTH})
      (?:,?{_GAP}(?P<y1>{_YEAR}))?\b
    | (?P<y5>{_YEAR})(?![\w%]|[.,:]\d|\s?(?:bn|m|million|billion|per\s?cent|percent)\b)
    | (?P<m2>{_MONTH})(?:{_GAP}(?P<d2>{_DAY})(?!\d)(?:(?:,{_GAP0}|{_GAP})(?P<y2>{_YEAR})(?!\d))?\b
                      | (?:,?{_GAP}|{_GAP}of{_GAP})(?P<y3>{_YEAR})\b
                      | \b(?!\s*\d))
    | (?P<yesterday>[Yy]esterday)\b
    | (?P<rel>[Ll]ast|[Nn]ext){_GAP}(?P<span>week|month|year)\b
    | (?P<wd>{_WEEKDAY})\b)""",
    re.X,
)
# Where a DATES match can start (see scan.py): a digit, or a letter of its look-ahead class
# at a word start followed by the 2nd and 3rd letters of a month, weekday or relative word.
_DATE_WORD_TAILS = sorted({word[1:3] for word in (*MONTHS, *WEEKDAYS, "yesterday", "last", "next")})
_DATE_START = re.compile(
    rf"[0-9JFMASONDYyLlNnTW](?<!\w\w)(?:(?<=[0-9])|(?={'|'.join(_DATE_WORD_TAILS)}))"
)
SLACK_DAYS = 90
HALF_YEAR_DAYS = 183
_FUTURE = re.compile(r"\b(?:will|is to|are to|is due|are due|is expected to|are expected to)\b")
_PAST = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b")
# A reporting verb just before a weekday ("the operator said on Tuesday", "told reporters on").
_SAID_ON = re.compile(rf"\b(?:{'|'.join(REPORTING_VERBS)})(?:\s+[a-z]+)?\s+(?:on\s+)?$")
_NAMED_WEEKDAYS = dict(zip(WEEKDAYS, dateutil_weekdays, strict=True))


def _day_span(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str]:
    """ISO strings of the first and last day of a year, month or day."""
    if day is not None:
        iso = dt.date(year, month, day).isoformat()
        return iso, iso
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1).isoformat(), dt.date(year, month, last).isoformat()
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def _calendar(
    start: int, end: int, year: int | None, month: int | None = None, day: int | None = None
) -> Mention | None:
    """A date mention at the precision given; None for impossible dates (31 February)."""
    precision = "day" if day else "month" if month else "year"
    if year is None:
        value = f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
        return Mention(start, end, "date", value, precision=precision, confidence=0.5)
    try:
        lower, upper = _day_span(year, month, day)
    except ValueError:
        return None
    return Mention(
        start,
        end,
        "date",
        lower[: {"year": 4, "month": 7, "day": 10}[precision]],
        precision=precision,
        lower=lower,
        upper=upper,
        confidence=0.95,
    )


def _month(raw: str) -> int:
    """Month number of a month name or abbreviation."""
    return MONTHS[raw.rstrip(".").lower()]


def _is_year(text: str, found: re.Match, sentence_start: int) -> bool:
    """A bare 4-digit number is a year unless it counts something or is part of a name."""
    following = words_after(text, found.end(), 1)
    if following and following[0].group().lower() in COUNT_NOUNS:
        return False
    before = previous_word(text, found.start())
    if before and before.lower() in ("than", "least", "about", "some", "nearly", "over"):
        return False
    return not is_part_of_name(text, found.start(), sentence_start)


def find_dates(
    text: str, published: dt.date | None, sentence: Callable[[int], tuple[int, int]]
) -> list[Mention]:
    """All date mentions of ``text``, with years resolved as the module doc explains."""
    mentions = [
        m
        for found in finditer_at(DATES, text, match_starts(_DATE_START, text))
        for m in _read(text, found, published, sentence)
    ]
    stated = [(m.start, _year_of_context(m, text)) for m in mentions if m.lower and not m.note]
    for mention in mentions:
        if mention.note and mention.note.startswith("year "):
            _resolve_from_context(mention, stated, sentence)
    return mentions


def _resolve_from_context(
    mention: Mention, stated: list[tuple[int, str]], sentence: Callable[[int], tuple[int, int]]
) -> None:
    """Prefer a year stated just before (same or previous sentence); else, without a
    publication date, the year stated nearest in the text."""
    sentence_start = sentence(mention.start)[0]
    context_start = sentence(sentence_start - 1)[0] if sentence_start else 0
    local = [item for item in stated if context_start <= item[0] < mention.start]
    if local and (year := _in_split_year(local[-1][1], mention)):
        _set_year(mention, year, "year taken from a year stated just before in the text")
    elif not local and mention.value.startswith("--") and stated:
        _, year = min(stated, key=lambda item: abs(item[0] - mention.start))
        year = year[:4]
        _set_year(mention, year, "year taken from the nearest year stated in the text")


def _year_of_context(mention: Mention, text: str) -> str:
    """The year a date gives the bare months after it: its own, or a split year it opens
    ("in 2024-25")."""
    split = split_year_at(text, mention.end, mention.value) if mention.precision == "year" else None
    return split[0] if split else mention.value[:4]


def _in_split_year(year: str, mention: Mention) -> str | None:
    """The calendar year of a bare month after a year or a split year: January to March in a
    split year's second year, September to December in its first, April to August in neither
    for sure (a financial year begins in April, a school year in September)."""
    if len(year) == 4:
        return year
    month = int(mention.value[-5:-3] if mention.precision == "day" else mention.value[-2:])
    return str(int(year[:4]) + 1) if month <= 3 else year[:4] if month >= 9 else None


def _set_year(mention: Mention, year: str, note: str) -> None:
    """Re-date a month-day or bare-month mention to ``year``."""
    month = int(mention.value[-5:-3] if mention.precision == "day" else mention.value[-2:])
    day = int(mention.value[-2:]) if mention.precision == "day" else None
    resolved = _calendar(mention.start, mention.end, int(year), month, day)
    if resolved:
        resolved.note, resolved.confidence = note, 0.7
        mention.__dict__.update(resolved.__dict__)


def _read(
    text: str,
    found: re.Match,
    published: dt.date | None,
    sentence: Callable[[int], tuple[int, int]],
) -> Iterator[Mention]:
    """Turn one regex match into zero or one mention."""
    groups = found.groupdict()
    start, end = found.start(), found.end()
    if groups["iy"]:  # 2024-03-16, as written in wire copy and data tables
        mention = _calendar(start, end, int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        if mention:  # none for 2023-02-30
            yield mention
        return
    if groups["y5"]:
        if _is_year(text, found, sentence(start)[0]):
            yield _calendar(start, end, int(groups["y5"]))
        return
    month = groups["m1"] or groups["m2"]
    if month:
        day = groups["d1"] or groups["d2"]
        year = groups["y1"] or groups["y2"] or groups["y3"]
        if not (day or year or _after_preposition(text, start)):
            return
        day_number = int(re.sub(r"\D", "", day)) if day else None
        if year:
            mention = _calendar(start, end, int(year), _month(month), day_number)
        else:
            mention = _without_year(
                start, end, _month(month), day_number, published, _tense(text, sentence(start))
            )
        if mention:
            yield mention
        return
    if published is not None:
        try:
            yield _relative(text, found, published, sentence)
        except (OverflowError, ValueError):
            return  # "yesterday" of 0001-01-01: before the calendar starts, no date to give


def _tense(text: str, span: tuple[int, int]) -> str | None:
    """ "future", "past" or None (neither marked) for the sentence at ``span``."""
    if _FUTURE.search(text, *span):
        return "future"
    return "past" if _PAST.search(text, *span) else None


def _after_preposition(text: str, start: int) -> bool:
    """True when a bare month name follows a preposition ("in March"), so it is a date."""
    if text[max(0, start - 4) : start].lower() == "mid-":
        return True
    return (previous_word(text, start) or "").lower() in _MONTH_PREPOSITIONS


def _without_year(
    start: int, end: int, month: int, day: int | None, published: dt.date | None, tense: str | None
) -> Mention | None:
    """A month-day or bare-month date, its year taken from the publication date if given."""
    if published is None:
        mention = _calendar(start, end, None, month, day)
        mention.note = "year not stated and no publication date given"
        return mention
    year = published.year
    try:
        offset = (dt.date(year, month, day or 1) - published).days
    except ValueError:
        return None
    if tense == "future" and offset < -SLACK_DAYS:
        year += 1
    elif offset > (SLACK_DAYS if tense == "past" else HALF_YEAR_DAYS):
        year -= 1
    mention = _calendar(start, end, year, month, day)
    if mention:
        mention.note, mention.confidence = "year taken from the publication date", 0.85
    return mention


def _relative(
    text: str, found: re.Match, published: dt.date, sentence: Callable[[int], tuple[int, int]]
) -> Mention:
    """ "yesterday", "last/next week|month|year" and weekdays, against the publication date."""
    groups = found.groupdict()
    start, end = found.start(), found.end()
    note = "resolved against the publication date"
    if groups["yesterday"]:
        mention = _calendar(start, end, *_ymd(published - dt.timedelta(days=1)))
    elif groups["span"] == "week":
        step = -1 if groups["rel"].lower() == "last" else 1
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        iso_year, iso_week, _ = monday.isocalendar()
        mention = Mention(
            start,
            end,
            "date",
            f"{iso_year}-W{iso_week:02d}",
            precision="week",
            lower=monday.isoformat(),
            upper=(monday + dt.timedelta(days=6)).isoformat(),
        )
    elif groups["span"]:
        step = -1 if groups["rel"].lower() == "last" else 1
        moved = published + relativedelta(**{groups["span"] + "s": step})
        month = moved.month if groups["span"] == "month" else None
        mention = _calendar(start, end, moved.year, month)
    else:
        mention = _calendar(start, end, *_ymd(_weekday(text, found, published, sentence)))
    mention.note, mention.confidence = note, 0.7
    return mention


def _weekday(
    text: str, found: re.Match, published: dt.date, sentence: Callable[[int], tuple[int, int]]
) -> dt.date:
    """The weekday on/before publication, or on/after it for "next" or a future-tense sentence."""
    day: weekday = _NAMED_WEEKDAYS[found["wd"].lower()]
    before = (previous_word(text, found.start()) or "").lower()
    sentence_start, sentence_end = sentence(found.start())
    if before == "next":
        return published + relativedelta(days=1, weekday=day(+1))
    if before == "last":
        return published + relativedelta(days=-1, weekday=day(-1))
    said = _SAID_ON.search(text, max(sentence_start, found.start() - 40), found.start())
    if not said and _FUTURE.search(text, sentence_start, sentence_end):
        return published + relativedelta(weekday=day(+1))
    return published + relativedelta(weekday=day(-1))


def _ymd(day: dt.date) -> tuple[int, int, int]:
    """``(year, month, day)`` of a date."""
    return day.year, day.month, day.day
