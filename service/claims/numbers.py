"""Find numbers written in digits, in words and as vague magnitudes ("dozens")."""

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from text_to_num import text2num

from service.claims.context import is_part_of_name, previous_word
from service.claims.mention import Mention, number
from service.claims.qualifiers import find_qualifier
from service.claims.scan import finditer_at, folded, match_starts, word_starts
from service.vocabulary.lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DIGIT_SCALES,
    LABEL_WORDS,
    MEASURE_UNITS,
    SCALE_WORDS,
    SMALL_NUMBER_WORDS,
    TENS_WORDS,
    VAGUE_BASES,
)

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = (
    r"(?:[^\S\n]?(?i:thousand|lakh|million|crore|billion|trillion)s?\b|(?:k|m|mn|bn|b|tn|trn)\b)"
)
_CURRENCY = (
    r"(?:(?:US|A|C|HK|R)?\$[^\S\n]?|£|€|¥|₹|\bRs\.?[^\S\n]?"
    r"|\b(?:USD|EUR|GBP|PKR|INR|JPY|CHF|CNY)[^\S\n]?"
    r"|\bR(?=\d))"
)
_CURRENCY_WORDS = "|".join(sorted(map(re.escape, CURRENCY_WORDS), key=lambda w: (-len(w), w)))
_CURRENCY_WORD = rf"[^\S\n](?i:{_CURRENCY_WORDS})\b"
_PERCENT = r"[^\S\n]?%|[^\S\n]?(?i:per[^\S\n]?cent|percent(?:age points?)?)\b"
_ATTACHED_UNIT = r"(?:km/h|km|kg|mm|cm|mph|°[CF]|C|F)\b"
_SUFFIX = re.compile(rf"(?:{_PERCENT}|{_CURRENCY_WORD})")

# A leading look-ahead on the possible first characters lets the regex engine skip most
# positions fast (about 5x faster than a leading \b on this workload).
MAX_DIGITS = 24  # longer digit runs (with separators) are not figures
_NUMERIC_DATE_AFTER = re.compile(r"[/.]\d{1,2}[/.]\d{2,4}\b|/\d{2,4}\b")
DIGITS = re.compile(
    rf"(?=[\d$£€¥₹RUACHEGPIJ])(?<![\w.,:/$£€¥₹])(?<![A-Za-z]-)(?P<cur>{_CURRENCY})?(?P<num>{_NUMBER})(?P<scale>{_SCALE})?"
    rf"(?:[^\S\n]?[-–][^\S\n]?(?P<num2>{_NUMBER})(?P<scale2>{_SCALE})?)?"
    rf"(?:(?P<suffix>{_PERCENT}|{_CURRENCY_WORD})|(?P<attached>{_ATTACHED_UNIT}))?"
    r"(?![\w]|[.,:]\d)"
)

_SMALL = "|".join(SMALL_NUMBER_WORDS)
_TENS = "|".join(TENS_WORDS)
_ONE_TO_NINE = "|".join(SMALL_NUMBER_WORDS[1:10])
_WORD = (
    rf"(?:(?:{_TENS})(?:-(?:{_ONE_TO_NINE}))?|{_SMALL}"
    r"|hundred|thousand|million|billion|trillion|dozen)"
)
_FIRST_LETTERS = "".join(
    sorted({w[0] for w in (*SMALL_NUMBER_WORDS, *TENS_WORDS, *SCALE_WORDS, "a")})
)
WORDS = re.compile(
    rf"(?i)(?=[{_FIRST_LETTERS}])\b(?:an?[^\S\n]+(?=(?:hundred|thousand|million|billion|dozen)\b))?{_WORD}"
    rf"(?:(?:(?<=hundred)[^\S\n]+and[^\S\n]+|[^\S\n]+|-){_WORD})*\b(?!-(?:thirds?|quarters?|halves|fifths?)\b)"
)

VAGUE = re.compile(
    r"(?=[DdSsTtHhMmBbAa])\b(?:(?P<few>[Ss]everal|[Aa] few)[^\S\n]+"
    r"(?P<unit>hundred|thousand|million|billion|dozen)"
    r"|(?P<plural>[Dd]ozens|[Ss]cores(?=[^\S\n]+of\b)|[Tt]ens(?=[^\S\n]+of\b)|[Hh]undreds|[Tt]housands"
    r"|[Mm]illions|[Bb]illions))"
    r"(?:[^\S\n]+of[^\S\n]+(?P<of>thousands|millions|billions)\b|[^\S\n]+(?P<times>thousand|million|billion)\b)?"
)
# Candidate starts for the scans above (see scan.py): a DIGITS match starts at most
# _CURRENCY_WIDTH characters ("US$ ", "Rs. ") before a run of digits; WORDS and VAGUE matches
# start at one of these words (or at the "a"/"an" before a scale word), in any letter case.
_DIGIT_RUN = re.compile(r"\d(?<!\d\d)")  # the first digit of a run
_CURRENCY_WIDTH = 4
_CURRENCY_LEADS = "$£€¥₹RUACHEGPIJ"  # first characters of _CURRENCY
_NUMBER_WORDS = (*SMALL_NUMBER_WORDS, *TENS_WORDS, *SCALE_WORDS, "dozen")
# Enough to find them all: "fourteen" starts where "four" is found, "sixty" where "six" is.
_NUMBER_WORD_STEMS = tuple(
    word
    for word in _NUMBER_WORDS
    if not any(word.startswith(other) for other in _NUMBER_WORDS if other != word)
)
_A_SCALES = ("hundred", "thousand", "million", "billion", "dozen")
_VAGUE_WORDS = (
    "several", "a few", "dozens", "scores", "tens", "hundreds", "thousands", "millions", "billions"
)  # fmt: skip
_VAGUE_FACTORS = {"few": (3, 10), "a few": (2, 6), "plural": (2, 10)}
_MONEY_AFTER_VAGUE = re.compile(
    rf"(?:[^\S\n]+of)?[^\S\n]+(?i:({'|'.join(w for w in CURRENCY_WORDS if w.endswith('s'))}|yen))\b"
)
_UNIT_AFTER = re.compile(
    r"[ \t-]*(?:(?:more|fewer|less|extra|additional|further|consecutive)[^\S\n]+)?([A-Za-z/]+)"
)


def _scale_of(raw: str | None) -> Decimal:
    """The multiplier of a written scale ("bn", " million"), 1 when absent."""
    if not raw:
        return Decimal(1)
    word = raw.strip().lower()
    return Decimal(str(DIGIT_SCALES.get(word, DIGIT_SCALES.get(word.rstrip("s"), 1))))


def _money_unit(currency: str | None, suffix: str | None) -> str | None:
    """ISO 4217 code from a currency sign/code before or a currency word after the number."""
    if currency:
        return CURRENCY_SYMBOLS.get(currency.strip().lower())
    if suffix and suffix.strip().lower() in CURRENCY_WORDS:
        return CURRENCY_WORDS[suffix.strip().lower()]
    return None


def _typed(
    start: int, end: int, value: int | float | None, suffix: str | None, currency: str | None = None
) -> Mention:
    """A mention typed as percent, money or plain number from its sign and suffix."""
    if suffix and ("%" in suffix or "cent" in suffix.lower()):
        return Mention(start, end, "percent", value, unit="%")
    unit = _money_unit(currency, suffix)
    if unit:
        return Mention(start, end, "money", value, unit=unit)
    return Mention(start, end, "number", value)


def digit_mentions(text: str, sentence_start: Callable[[int], int]) -> Iterator[Mention]:
    """Numbers written with digits, with currency, scale, percent and "20-30" ranges."""
    for found in finditer_at(DIGITS, text, _digit_starts(text)):
        cur, scale, suffix, num2 = found["cur"], found["scale"], found["suffix"], found["num2"]
        plain = not (cur or scale or suffix or found["attached"])
        if plain and _is_label(text, found.start(), sentence_start(found.start())):
            continue
        if len(found["num"]) > MAX_DIGITS or _NUMERIC_DATE_AFTER.match(text, found.end()):
            continue  # a serial number, or part of a date like 16/03/2024 (day or month first?)
        scale2 = _scale_of(found["scale2"])
        first = Decimal(found["num"].replace(",", "")) * (_scale_of(scale) if scale else scale2)
        start = found.start()
        if not num2 and _minus_before(text, start):
            start, first = start - 1, -first
        mention = _typed(start, found.end(), number(first), suffix, cur)
        if found["attached"]:
            mention.kind, mention.unit = "quantity", found["attached"]
        if num2:
            mention.lower = mention.value
            mention.upper = number(Decimal(num2.replace(",", "")) * scale2)
            mention.value = None
        yield mention


def _minus_before(text: str, start: int) -> bool:
    """A minus sign (hyphen or U+2212) standing alone before the number: "-2.5%", "(−3)";
    not a range or a compound ("20-30", "COVID-19")."""
    if start == 0 or text[start - 1] not in "-\u2212":
        return False
    return start == 1 or text[start - 2].isspace() or text[start - 2] in "([:"


def _digit_starts(text: str) -> Iterator[int]:
    """Where a DIGITS match can start: a run of digits or a currency sign/code just before it."""
    for start in match_starts(_DIGIT_RUN, text, reach=_CURRENCY_WIDTH):
        if text[start] in _CURRENCY_LEADS or text[start].isdecimal():
            yield start


def _is_label(text: str, start: int, sentence_start: int) -> bool:
    """True for numbers that label something: "Radio 4", "page 3", "number 10"."""
    word = previous_word(text, start)
    if word and word.lower() in LABEL_WORDS:
        return True
    return is_part_of_name(text, start, sentence_start)


def word_mentions(text: str, sentence_start: Callable[[int], int]) -> Iterator[Mention]:
    """Numbers in words: "seven", "Twenty-one thousand", "a million", "two dozen".

    A lone "one" is an idiom ("one such incident", "one of the") unless a qualifier precedes it.
    """
    for found in _word_number_matches(text):
        phrase = found.group().lower()
        words = phrase.replace("-", " ").split()
        if words[0] in SCALE_WORDS or words[0] == "dozen":
            continue
        if phrase == "one" and not find_qualifier(text, found.start()):
            continue
        if found.group()[0].isupper() and is_part_of_name(
            text, found.start(), sentence_start(found.start())
        ):
            continue
        value = _words_value(words)
        if value is None:
            continue
        suffix = _SUFFIX.match(text, found.end())
        end = suffix.end() if suffix else found.end()
        mention = _typed(found.start(), end, value, suffix.group() if suffix else None)
        mention.confidence = 0.85
        yield mention


def _word_number_matches(text: str) -> Iterator[re.Match]:
    """``WORDS.finditer(text)``, tried only where a number word (or "a"/"an" before a scale
    word) occurs in any letter case."""
    lowered = folded(text)
    if lowered is None:
        return WORDS.finditer(text)
    starts = word_starts(lowered, _NUMBER_WORD_STEMS)
    articles = []
    for start in starts:
        if not lowered.startswith(_A_SCALES, start):
            continue
        gap = start
        while gap and lowered[gap - 1].isspace():
            gap -= 1
        if gap < start:  # "a hundred", "an\n thousand": the article starts 1-2 characters earlier
            articles += [max(0, gap - 2), gap - 1]
    return finditer_at(WORDS, text, sorted({*starts, *articles}))


def _words_value(words: list[str]) -> int | None:
    """The value of number words via text2num; "a" reads as one and "dozen" as twelve."""
    dozen = words[-1] == "dozen"
    if dozen:
        words = words[:-1] or ["one"]
    words = ["one" if word in ("a", "an") else word for word in words]
    try:
        value = text2num(" ".join(words), "en")
    except ValueError:
        return None
    return value * 12 if dozen else value


def vague_mentions(text: str) -> Iterator[Mention]:
    """Vague magnitudes ("dozens", "several hundred", "hundreds of thousands") as intervals."""
    lowered = folded(text)
    if lowered is None:
        matches = VAGUE.finditer(text)
    else:
        matches = finditer_at(VAGUE, text, word_starts(lowered, _VAGUE_WORDS))
    for found in matches:
        if found["few"]:
            low, high = _VAGUE_FACTORS["few" if found["few"].lower() == "several" else "a few"]
            base = VAGUE_BASES[found["unit"] + "s"]
        else:
            low, high = _VAGUE_FACTORS["plural"]
            base = VAGUE_BASES[found["plural"].lower()]
        times = found["of"] or (found["times"] + "s" if found["times"] else None)
        base *= VAGUE_BASES[times] if times else 1
        money = _MONEY_AFTER_VAGUE.match(text, found.end())
        kind, unit = (
            ("money", CURRENCY_WORDS[money.group(1).lower()]) if money else ("number", None)
        )
        yield Mention(
            found.start(),
            found.end(),
            kind,
            None,
            unit=unit,
            lower=int(low * base),
            upper=int(high * base),
            bounds="[)",
            confidence=0.3,
            vague=True,
        )


def measure_unit(text: str, end: int) -> str | None:
    """The unit of measure right after a number ("3 km", "three-minute"), normalised."""
    found = _UNIT_AFTER.match(text, end)
    return MEASURE_UNITS.get(found.group(1).lower()) if found else None
