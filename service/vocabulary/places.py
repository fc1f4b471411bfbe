"""A gazetteer: canonical keys for the places figures are about, and finding them in text.

Keys: a country is its ISO 3166-1 alpha-3 code (from `pycountry`); a World Bank region or
aggregate is its World Bank code (`WLD`, `EMU`, `SSF`, taken from the bundled World Bank
packages in service/data/worldbank/, which also give the World Bank's own spellings of country
names, "Korea, Rep.", "Egypt, Arab Rep."); any other name is its normalised self
(`service.references.terms.normalize`), so places the gazetteer does not know still compare
equal to themselves. On top come the names the press uses ("the US", "Britain", "the
eurozone") and, for countries, the adjectives and nouns it makes of them: each country's
adjective from `countryinfo` ("Malawian"), and below, where the press writes them otherwise
or has more forms ("British", "Britons", "Spaniard"), a typed list that decides for the
countries it names.

`find_places` runs on every article: one alternation compiled as a character trie (Python's
`re` then checks one first character per position instead of every name), over a copy of the
text folded to lower case and bare letters with the same length, so offsets are the text's own.
"""

from __future__ import annotations

import csv
import functools
import re
import string
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pycountry
from countryinfo import CountryInfo

from ..references.terms import normalize

WORLDBANK = Path(__file__).resolve().parents[1] / "data" / "worldbank"

# How a mention's letters must be written for it to count.
ANY = "any"  # any case: "south korea", "the eurozone"
TITLE = "title"  # first letter upper case: "Chad", "CHAD", never "chad"
UPPER = "upper"  # every letter upper case: "US", "U.S.", never "us" or "Us"

# Names the press uses that neither pycountry nor the World Bank spell that way. Abbreviations
# written in capitals only count in capitals; the rest follow the default (one word: capital
# first; several words: any case).
PRESS_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("America", "United States of America", "US", "U.S.", "USA", "U.S.A."),
    "GBR": ("Britain", "Great Britain", "UK", "U.K."),
    "KOR": ("South Korea", "Republic of Korea", "Korea"),
    "PRK": ("North Korea", "DPRK"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "RUS": ("Russia",),
    "IRN": ("Iran",),
    "EGY": ("Egypt",),
    "VNM": ("Vietnam",),
    "TUR": ("Turkey", "Turkiye"),
    "CZE": ("Czech Republic",),
    "MMR": ("Burma",),
    "COD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "COG": ("Republic of Congo", "Congo-Brazzaville"),
    "NLD": ("Holland", "the Netherlands"),
    "ARE": ("UAE",),
    "SWZ": ("Swaziland",),
    "MKD": ("Macedonia",),
    "TLS": ("East Timor",),
    "CPV": ("Cape Verde",),
    "PSE": ("Palestine", "Palestinian territories"),
    "FSM": ("Micronesia",),
    "MAC": ("Macau",),
    "BRN": ("Brunei",),
    "CHN": ("PRC", "mainland China"),
    "VAT": ("Vatican", "Vatican City"),
    "WLD": ("world", "global"),
    "EMU": ("eurozone", "euro zone", "euro area"),
    "EUU": ("EU", "E.U."),
    "SSF": ("sub-Saharan Africa",),
    "LCN": ("Latin America", "Latin America and the Caribbean"),
    "EAS": ("East Asia and the Pacific",),
    "MEA": ("Middle East and North Africa", "MENA"),
    "OED": ("OECD countries", "OECD economies"),
    "HIC": ("high-income countries", "high-income economies"),
    "LIC": ("low-income countries", "low-income economies"),
    "MIC": ("middle-income countries", "middle-income economies"),
    "LMC": ("lower-middle-income countries",),
    "UMC": ("upper-middle-income countries",),
    "LDC": ("least developed countries",),
}
# Single words the press writes in lower case.
LOWER_CASE_WORDS = frozenset({"world", "global", "eurozone"})

# The adjectives and nouns the press makes of countries (press vocabulary, not a country
# list). A form ending in -an, -i or -on also counts with an -s ("Americans", "Iraqis").
DEMONYMS: dict[str, tuple[str, ...]] = {
    "USA": ("American",),
    "GBR": ("British", "Briton"),
    "CHN": ("Chinese",),
    "JPN": ("Japanese",),
    "IND": ("Indian",),
    "DEU": ("German",),
    "FRA": ("French",),
    "ITA": ("Italian",),
    "ESP": ("Spanish", "Spaniard"),
    "PRT": ("Portuguese",),
    "NLD": ("Dutch",),
    "BEL": ("Belgian",),
    "CHE": ("Swiss",),
    "AUT": ("Austrian",),
    "IRL": ("Irish",),
    "SWE": ("Swedish", "Swede"),
    "NOR": ("Norwegian",),
    "DNK": ("Danish", "Dane"),
    "FIN": ("Finnish", "Finn"),
    "ISL": ("Icelandic",),
    "POL": ("Polish", "Pole"),
    "CZE": ("Czech",),
    "SVK": ("Slovak",),
    "HUN": ("Hungarian",),
    "ROU": ("Romanian",),
    "BGR": ("Bulgarian",),
    "GRC": ("Greek", "Greeks"),
    "CYP": ("Cypriot", "Cypriots"),
    "TUR": ("Turkish",),
    "RUS": ("Russian",),
    "UKR": ("Ukrainian",),
    "BLR": ("Belarusian",),
    "SRB": ("Serbian",),
    "HRV": ("Croatian",),
    "GEO": ("Georgian",),
    "ARM": ("Armenian",),
    "AZE": ("Azerbaijani",),
    "KAZ": ("Kazakh", "Kazakhs"),
    "UZB": ("Uzbek", "Uzbeks"),
    "AFG": ("Afghan", "Afghans"),
    "PAK": ("Pakistani",),
    "BGD": ("Bangladeshi",),
    "LKA": ("Sri Lankan",),
    "NPL": ("Nepalese", "Nepali"),
    "MMR": ("Burmese",),
    "THA": ("Thai",),
    "VNM": ("Vietnamese",),
    "KHM": ("Cambodian",),
    "MYS": ("Malaysian",),
    "SGP": ("Singaporean",),
    "IDN": ("Indonesian",),
    "PHL": ("Filipino", "Filipinos", "Philippine"),
    "KOR": ("South Korean",),
    "PRK": ("North Korean",),
    "TWN": ("Taiwanese",),
    "MNG": ("Mongolian",),
    "AUS": ("Australian",),
    "NZL": ("New Zealander", "New Zealanders"),
    "CAN": ("Canadian",),
    "MEX": ("Mexican",),
    "CUB": ("Cuban",),
    "HTI": ("Haitian",),
    "BRA": ("Brazilian",),
    "ARG": ("Argentine", "Argentinian"),
    "CHL": ("Chilean",),
    "COL": ("Colombian",),
    "PER": ("Peruvian",),
    "VEN": ("Venezuelan",),
    "ECU": ("Ecuadorian",),
    "BOL": ("Bolivian",),
    "URY": ("Uruguayan",),
    "PRY": ("Paraguayan",),
    "ISR": ("Israeli",),
    "PSE": ("Palestinian",),
    "LBN": ("Lebanese",),
    "SYR": ("Syrian",),
    "JOR": ("Jordanian",),
    "IRQ": ("Iraqi",),
    "IRN": ("Iranian",),
    "SAU": ("Saudi",),
    "ARE": ("Emirati",),
    "QAT": ("Qatari",),
    "KWT": ("Kuwaiti",),
    "YEM": ("Yemeni",),
    "EGY": ("Egyptian",),
    "LBY": ("Libyan",),
    "TUN": ("Tunisian",),
    "DZA": ("Algerian",),
    "MAR": ("Moroccan",),
    "SDN": ("Sudanese",),
    "SSD": ("South Sudanese",),
    "ETH": ("Ethiopian",),
    "SOM": ("Somali",),
    "KEN": ("Kenyan",),
    "UGA": ("Ugandan",),
    "TZA": ("Tanzanian",),
    "RWA": ("Rwandan",),
    "NGA": ("Nigerian",),
    "GHA": ("Ghanaian",),
    "SEN": ("Senegalese",),
    "MLI": ("Malian",),
    "CIV": ("Ivorian",),
    "CMR": ("Cameroonian",),
    "AGO": ("Angolan",),
    "ZMB": ("Zambian",),
    "ZWE": ("Zimbabwean",),
    "MOZ": ("Mozambican",),
    "ZAF": ("South African",),
    "NAM": ("Namibian",),
    "LCN": ("Latin American",),
    "NAC": ("North American",),
}

# Phrases that contain a place name but are not about the place: matched, then dropped, so the
# name inside them is not found either ("World Bank", "South American", "New Mexico").
NOT_PLACES = (
    "World Bank",
    "World Cup",
    "World War",
    "World Wars",
    "World Health Organization",
    "World Health Organisation",
    "World Trade Organization",
    "World Trade Organisation",
    "World Economic Forum",
    "World Food Programme",
    "World Series",
    "World Heritage",
    "Third World",
    "New World",
    "Old World",
    "South America",
    "Central America",
    "South American",
    "South Americans",
    "Central American",
    "Central Americans",
    "Native American",
    "Native Americans",
    "African American",
    "African Americans",
    "Asian American",
    "Asian Americans",
    "American Indian",
    "American Indians",
    "West Indian",
    "West Indians",
    "Indian Ocean",
    "New Mexico",
    "New Mexican",
    "Gulf of Mexico",
    "New Jersey",
    "New Guinea",
    "South China Sea",
    "East China Sea",
    "Guinea pig",
    "Guinea pigs",
    "British Columbia",
    "US dollar",
    "US dollars",
    "U.S. dollar",
    "U.S. dollars",
)

# Display names where pycountry's are not the ones a reader expects.
DISPLAY = {
    "RUS": "Russia",
    "TUR": "Turkey",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "West Bank and Gaza",
    "VAT": "Vatican City",
}

_SEPARATORS = " .,'&-"
_SEP = r"[\s.,'&\-]+"
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")


@functools.cache
def _fold_table() -> dict[int, str]:
    """Characters mapped to one character each: letters to their bare lower-case letter
    ("Ô" -> "o"), curly quotes and dashes to plain ones; so the folded text keeps its length."""
    table = {0x2019: "'", 0x2018: "'", 0x02BC: "'", 0x2010: "-", 0x2011: "-", 0x2013: "-"}
    for code in range(0x80, 0x2000):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1]
        if base and base != char and base.isascii() and base.isalpha():
            table[code] = base.lower()
        elif len(char.lower()) != 1:
            table[code] = base.lower()[:1] or "?"
    return table


def _fold(text: str) -> str:
    """`text` in lower case with bare letters, exactly as long as `text`."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_fold_table()).lower()
    return folded if len(folded) == len(text) else "".join(c.lower()[:1] or "?" for c in text)


def _default_rule(name: str) -> str:
    """How a name must be written in text, by its shape."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 5 and all(c.isupper() for c in letters) and len(letters) > 1:
        return UPPER
    if normalize(name) in LOWER_CASE_WORDS:
        return ANY
    return TITLE if len(normalize(name).split()) == 1 else ANY


def _variants(name: str) -> list[str]:
    """A name and its spellings: '&' as 'and', 'Korea, Republic of' as 'Republic of Korea'."""
    out = [name]
    if "&" in name:
        out.append(name.replace("&", "and"))
    head, _, tail = name.partition(", ")
    if tail and (tail.endswith(" of") or tail.endswith(" of the")):
        out.append(f"{tail} {head}")
    return out


def _bare(name: str) -> str:
    """A name without a leading or trailing article: 'the Netherlands', 'Gambia, The'."""
    name = re.sub(r"^[Tt][Hh][Ee]\s+", "", name)
    return re.sub(r",?\s+[Tt][Hh][Ee]$", "", name)


def _plurals(form: str) -> list[str]:
    return [form, form + "s"] if form.endswith(("an", "i", "on")) else [form]


def _library_demonyms() -> dict[str, tuple[str, ...]]:
    """The adjective of every country `countryinfo` knows ("Malawian", "Honduran"), by its
    alpha-3 code, less those of countries the press list covers (the press list decides:
    "British", not "Welsh") and those two countries share ("Congolese", "Dominican")."""
    by_form: dict[str, set[str]] = {}
    for record in CountryInfo.all().values():
        code = (record.get("ISO") or {}).get("alpha3")
        for form in (record.get("demonym") or "").split(","):
            if code and code not in DEMONYMS and form.strip():
                by_form.setdefault(form.strip(), set()).add(code)
    out: dict[str, tuple[str, ...]] = {}
    for form, codes in by_form.items():
        if len(codes) == 1:
            (code,) = codes
            out[code] = (*out.get(code, ()), form)
    return out


def _worldbank_names() -> list[tuple[str, str]]:
    """(code, name) of every country and aggregate in the bundled World Bank packages."""
    pairs: dict[tuple[str, str], None] = {}
    for path in sorted(WORLDBANK.glob("*/data/*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            if "Country Code" not in header:
                continue
            code_at = header.index("Country Code")
            name_at = next(i for i, c in enumerate(header) if c in ("Country Name", "Country"))
            for row in reader:
                if len(row) > max(code_at, name_at) and row[code_at]:
                    pairs[(row[code_at], row[name_at])] = None
    return list(pairs)


class Gazetteer:
    """Every known form of every place, by normalised form: (key, rule)."""

    def __init__(self) -> None:
        self.forms: dict[str, tuple[str | None, str]] = {}
        self.codes: dict[str, str] = {}
        self.dotted: set[str] = set()  # forms whose name ends with a stop ("Korea, Rep.")
        self.names: dict[str, str] = {}
        iso = {c.alpha_3 for c in pycountry.countries}
        for code, name in _worldbank_names():
            self.names.setdefault(code, name)
            self.codes[code.lower()] = code
            for variant in _variants(name):
                self._add(variant, code, TITLE if code not in iso else None)
        for country in pycountry.countries:
            self.codes[country.alpha_2.lower()] = country.alpha_3
            self.codes[country.alpha_3.lower()] = country.alpha_3
            official = getattr(country, "official_name", None)
            for name in (official, country.name, getattr(country, "common_name", None)):
                for variant in _variants(name) if name else ():
                    self._add(variant, country.alpha_3)
        for key, forms in (*_library_demonyms().items(), *DEMONYMS.items()):
            for form in forms:
                for plural in _plurals(form):
                    self._add(plural, key, TITLE)
        for key, names in PRESS_NAMES.items():
            for name in names:
                self._add(name, key)
        for phrase in NOT_PLACES:
            self.forms[normalize(phrase)] = (None, ANY)
        self.pattern = compile_forms(self.forms)

    def _add(self, name: str, key: str, rule: str | None = None) -> None:
        """Register a form; a later registration of the same form wins."""
        term = _bare(normalize(name))
        if term:
            self.forms[term] = (key, rule or _default_rule(_bare(name)))
            if name.endswith("."):
                self.dotted.add(term)

    def key(self, name: str) -> str:
        term = normalize(name)
        found = self.forms.get(_bare(term))
        if found and found[0]:
            return found[0]
        return self.codes.get(term, term)


def compile_forms(forms: Iterable[str]) -> re.Pattern:
    """One regex finding any of the normalised `forms` in folded text, longest first."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<!\w)" + _trie_regex(trie) + r"(?!\w)")


def _trie_regex(node: dict) -> str:
    """The trie below `node` as a regex; a space between words matches any separator run."""
    branches = [
        (_SEP if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items(), key=lambda item: item[0] == " ")
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a form ends here: the longer ones are tried first
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (about a tenth of a second)."""
    return Gazetteer()


@functools.lru_cache(maxsize=65_536)  # a store import asks for the same few hundred names
def place_key(name: str) -> str:
    """The canonical key of a place name: ISO alpha-3 for a country ('the US' -> 'USA'), the
    World Bank code for a region or aggregate ('the eurozone' -> 'EMU'), else the normalised
    name itself ('Valdoria' -> 'valdoria')."""
    return gazetteer().key(name)


def known_place(name: str) -> str | None:
    """The key of a place the gazetteer knows (a country, a region, an aggregate), else None:
    an invented or unknown name has no key of its own."""
    key = place_key(name)
    return key if key.isupper() else None


@functools.lru_cache(maxsize=4096)
def place_name(key: str) -> str:
    """A display name for a key: 'USA' -> 'United States', 'EMU' -> 'Euro area'."""
    if key in DISPLAY:
        return DISPLAY[key]
    country = pycountry.countries.get(alpha_3=key) if len(key) == 3 and key.isupper() else None
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    if key in gazetteer().names:
        return gazetteer().names[key]
    return string.capwords(key)


def _written_right(text: str, rule: str) -> bool:
    if rule == UPPER:
        return not any(c.islower() for c in text)
    if rule == TITLE:
        return text[:1].isupper()
    return True


def _mentions(
    text: str, folded: str, pattern: re.Pattern, forms: dict, dotted: set[str]
) -> Iterable[tuple[int, int, str]]:
    for match in pattern.finditer(folded):
        start, end = match.span()
        written = text[start:end]
        term = normalize(written)
        key, rule = forms.get(term, (None, ANY))
        if key is None or not _written_right(written, rule):
            continue
        if rule == UPPER and text[end : end + 1] == "$":  # "US$5bn" is a currency
            continue
        if text[end : end + 1] == "." and (term in dotted or _ABBREVIATION.match(written)):
            end += 1  # "U.S." and "Korea, Rep." keep their last stop
        yield start, end, key


@functools.lru_cache(maxsize=32)
def _extra_pattern(extra: tuple[str, ...]) -> tuple[re.Pattern, dict] | None:
    """A pattern for the names of `extra` the gazetteer does not know already."""
    known = gazetteer().forms
    forms = {}
    for name in extra:
        term = normalize(name)
        if term and term not in known:
            forms[term] = (place_key(name), _default_rule(name))
    return (compile_forms(forms), forms) if forms else None


def find_places(text: str, extra: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """Every place mention in `text` as (start, end, key), left to right, the longest name
    where names overlap. `extra` names (e.g. the reference store's places) are found too."""
    atlas = gazetteer()
    folded = _fold(text)
    found = list(_mentions(text, folded, atlas.pattern, atlas.forms, atlas.dotted))
    more = _extra_pattern(tuple(sorted(set(extra)))) if extra else None
    if more is None:
        return found
    found += _mentions(text, folded, *more, set())
    found.sort(key=lambda m: (m[0], m[0] - m[1]))
    kept: list[tuple[int, int, str]] = []
    for mention in found:
        if not kept or mention[0] >= kept[-1][1]:
            kept.append(mention)
    return kept
