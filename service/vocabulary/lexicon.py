"""Word lists shared by the claim-extraction passes (vocabulary only, no logic)."""

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

SMALL_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
               "billion": 1_000_000_000, "trillion": 1_000_000_000_000}  # fmt: skip

# Scales written after digits: "2.3m", "$4bn", "Rs 10 billion", "3 crore".
DIGIT_SCALES = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "million": 1e6, "m": 1e6, "mn": 1e6,
    "crore": 1e7, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12,
}  # fmt: skip

# Vague plural magnitudes ("dozens", "hundreds of thousands") and their base.
VAGUE_BASES = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3,
               "millions": 1e6, "billions": 1e9}  # fmt: skip

CURRENCY_SYMBOLS = {
    "us$": "USD", "r$": "BRL", "$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "£": "GBP",
    "€": "EUR", "¥": "JPY", "₹": "INR", "rs": "PKR", "rs.": "PKR", "r": "ZAR", "usd": "USD",
    "eur": "EUR", "gbp": "GBP", "pkr": "PKR", "inr": "INR", "jpy": "JPY", "chf": "CHF",
    "cny": "CNY",
}  # fmt: skip
# A currency named by a word that does not say which ("crowns": Swedish, Norwegian, Danish,
# Czech, Icelandic; "marks": German, Finnish, Bosnian): money, compared with no reference in
# any currency. ISO 4217 "XXX".
UNNAMED_CURRENCY = "XXX"
# The press's defaults for the words many currencies share.
PRESS_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "rupee": "PKR", "rupees": "PKR", "yen": "JPY",
    "yuan": "CNY", "franc": "CHF", "francs": "CHF", "pence": "GBP",
    "crown": UNNAMED_CURRENCY, "crowns": UNNAMED_CURRENCY, "mark": UNNAMED_CURRENCY,
    "marks": UNNAMED_CURRENCY,
}  # fmt: skip
# Currency names that are also words for people or things after a number.
NOT_CURRENCY_WORDS = frozenset({"real", "colon", "guarani", "afghani", "leone", "gold", "silver"})


def _currency_words() -> dict[str, str]:
    """Currency words after a number ("60,000 marks", "1.6 billion zlotys"): the press's
    defaults, then the noun of each ISO 4217 currency's name as pycountry gives it ("Polish
    Zloty" -> zloty; "Rial Omani" -> rial), singular and plural; a noun several currencies
    share ("krona", "dinar") stands for a currency it does not name."""
    import pycountry

    nouns: dict[str, set[str]] = {}
    names = [c for c in pycountry.currencies if not c.alpha_3.startswith("X")]
    lasts = {c.name.split()[-1].lower() for c in names}
    for currency in names:
        words = re.sub(r"\s*\(.*?\)", "", currency.name).lower().split()
        if not words or len(words) > 2:
            continue
        noun = words[0] if len(words) == 2 and words[0] in lasts else words[-1]
        if noun.isascii() and noun.isalpha() and len(noun) >= 4 and noun not in NOT_CURRENCY_WORDS:
            nouns.setdefault(noun, set()).add(currency.alpha_3)
    found = {}
    for noun, codes in nouns.items():
        code = codes.pop() if len(codes) == 1 else UNNAMED_CURRENCY
        found[noun] = found[noun + "s"] = code
    return {**found, **PRESS_CURRENCY_WORDS}


CURRENCY_WORDS = _currency_words()

# Units of measure that make a number a quantity rather than a count.
MEASURE_UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "mile": "mile", "miles": "mile", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "feet": "ft", "foot": "ft", "kg": "kg", "kilograms": "kg", "tonnes": "tonne",
    "tonne": "tonne", "tons": "ton", "ton": "ton", "litres": "litre", "liters": "litre",
    "barrels": "barrel", "barrel": "barrel", "acres": "acre", "hectares": "hectare",
    "hectare": "hectare", "ha": "hectare", "millimetres": "mm", "millimeters": "mm",
    "millimetre": "mm", "millimeter": "mm", "mm": "mm", "centimetres": "cm", "centimeters": "cm",
    "cm": "cm", "inches": "inch", "inch": "inch",
    "degrees": "degree", "mph": "mph", "points": "point",
    "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
    "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "decades": "decade",
}  # fmt: skip

# The units of MEASURE_UNITS that measure a length of time ("more than 52 weeks").
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
# Verbs of a source speaking, in the past: the day said just after one is the day it spoke
# ("Rendle Buses said on Tuesday": the Tuesday before, whatever its sentence says will happen).
REPORTING_VERBS = ("said", "told", "announced", "reported", "confirmed", "added", "stated")

# Prepositions that put what follows them as where a figure is: "in the evacuation zone".
LOCATIVES = frozenset({"in", "at", "within", "inside", "outside", "near", "around", "beyond"})

# Nouns of the place a figure is at, that a category word before them only qualifies ("the
# evacuation zone", "the crash site").
PLACE_NOUNS = frozenset(
    "zone zones area areas site sites centre centres center centers camp camps shelter shelters "
    "cordon perimeter corridor route district".split()
)
# Verbs whose "up" is no rise ("makes up about 61%", "took up 12%").
NOT_CHANGE_VERBS = frozenset(
    "make makes made making take takes took taking add adds added adding sum sums summed".split()
)
# Plurals of counted nouns without an s: "children sat", "men were".
PLURALS_WITHOUT_S = frozenset(
    "children men women people police personnel staff crew crowd cattle sheep fish deer aircraft "
    "livestock".split()
)

# Adverbs of place that follow a counted noun ("58 containers overboard"): no noun themselves.
PLACE_ADVERBS = frozenset(
    "overboard ashore aboard abroad overseas away nationwide worldwide".split()
)

# Words near a number that say what happened to what is counted.
CATEGORY_WORDS = {
    "killed": "killed killing kill kills dead deaths death died die dying fatalities lives "
    "eliminated eliminate eliminating slain massacred perished bodies executed",
    "injured": "injured injuring injure wounded wounding injuries hurt",
    "missing": "missing unaccounted",
    "displaced": "displaced displacing displace fled fleeing homeless refugees uprooted",
    # Evacuations are counted on their own: a precaution, not the displaced of a disaster.
    "evacuated": "evacuated evacuating evacuate evacuees evacuation",
    "arrested": "arrested arrests arresting detained detaining detentions custody jailed",
    "kidnapped": "kidnapped kidnapping abducted abducting hostages",
    "rescued": "rescued",
    "attacks": "attacks attack bombings",
    "strikes": "strikes airstrikes air-strikes",
}
CATEGORY_OF = {word: cat for cat, words in CATEGORY_WORDS.items() for word in words.split()}

# Nouns after a year-like number that make it a count ("2000 people"), not a date.
COUNT_NOUNS = set(
    "people persons residents civilians soldiers troops police officers workers jobs children "
    "students patients cases deaths votes homes houses families members employees staff "
    "refugees migrants protesters tourists passengers fighters militants".split()
)

# Lower-case words that end a counted noun phrase ("people were killed", "soldiers in").
PHRASE_STOPS = set(
    "a an the and or but nor of in on at to for with from by as than that which who whom whose "
    "were was is are be been being have has had will would could should may might must can "
    "did do does not no this these those it its their his her our your my there here when "
    "while since during after before including across into onto over under about against "
    "between per each every so such also only still now then if inside outside near among "
    "within through throughout along around amid toward towards lost lose said say says remain "
    "remained went came took got made spent live lived out up down off away back last next "
    "alive".split()
)

# Lower-case words before a digit number that make it a label ("page 3", "number 10").
LABEL_WORDS = set(
    "page section chapter article number no no. flight route room level grade".split()
)

# Capitalised words that may precede a number without making it part of a name ("In 2014").
NAME_PREFIX_EXCEPTIONS = set(
    "in on by since until from of to at for and or but the a an some about around over nearly "
    "almost roughly more less at least up just only another than with after before during "
    "between spring summer autumn fall winter".split()
)
