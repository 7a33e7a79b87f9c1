"""Amounts in news text: money, durations and counts of people.

    find_quantities   every amount in a text, as :class:`dyads.models.Quantity` records
    parse_money       the first money amount in a text

Money needs a currency (a symbol, an ISO 4217 code or a currency name) next to a number, so
"600 million" alone is not money. Numbers may be digits ("1,200", "1.5"), number words
("five", "twenty-five", "a hundred"), and carry a scale ("million", "bn", "m", "crore").
``value`` is always the full number: "600 million yuan" is 600000000.0 CNY.

Durations ("over five years", "a three-year programme") have unit "day", "week", "month" or
"year" (decades count as ten years). People counts ("killed 75 people", "at least 12 dead")
have kind "dead", "injured", "arrested" or "people" and unit "person"; vague amounts
("dozens", "hundreds of") are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Literal

import pycountry

from dyads.guards import Guard
from dyads.models import Quantity
from dyads.spans import longest_first

Kind = Literal["money", "duration", "dead", "injured", "arrested", "people", "count"]

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_MULTIPLIERS: dict[str, int] = {"dozen": 12, "hundred": 100, "thousand": 1000}
_SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "lakh": 10**5, "lakhs": 10**5, "million": 10**6,
    "mln": 10**6, "mn": 10**6, "m": 10**6, "crore": 10**7, "crores": 10**7,
    "billion": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12,
    "tn": 10**12, "tr": 10**12,
}
_SYMBOLS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "HK$": "HKD", "S$": "SGD", "NZ$": "NZD", "NT$": "TWD", "R$": "BRL",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR", "₩": "KRW",
    "₽": "RUB", "₫": "VND", "₺": "TRY", "₱": "PHP", "₪": "ILS", "₴": "UAH", "RMB": "CNY",
}
# Upper-case words that are ISO 4217 codes but more often plain words in headlines.
_CODE_LOOKALIKES = frozenset({"ALL", "TOP", "CUP", "MOP", "SOS", "BOB", "PEN", "GEL", "MAD"})
# Currency names after a number, most specific first: (pattern, ISO 4217 code).
_CURRENCY_NAMES: tuple[tuple[str, str], ...] = (
    (r"u\.?\s?s\.?\s+dollars?", "USD"), (r"american\s+dollars?", "USD"),
    (r"canadian\s+dollars?", "CAD"), (r"australian\s+dollars?", "AUD"),
    (r"hong\s+kong\s+dollars?", "HKD"), (r"singapore\s+dollars?", "SGD"),
    (r"new\s+zealand\s+dollars?", "NZD"), (r"(?:new\s+)?taiwan(?:ese)?\s+dollars?", "TWD"),
    (r"dollars?", "USD"), (r"euros?", "EUR"),
    (r"(?:british\s+)?pounds?\s+sterling", "GBP"), (r"british\s+pounds?", "GBP"),
    (r"pounds?(?!\s+of\b)", "GBP"), (r"sterling", "GBP"),
    (r"(?:chinese\s+)?yuan", "CNY"), (r"renminbi", "CNY"), (r"(?:japanese\s+)?yen", "JPY"),
    (r"(?:vietnamese\s+)?dong", "VND"), (r"(?:russian\s+)?r(?:o?u)bles?", "RUB"),
    (r"pakistani\s+rupees?", "PKR"), (r"sri\s+lankan\s+rupees?", "LKR"),
    (r"nepalese\s+rupees?", "NPR"), (r"(?:indian\s+)?rupees?", "INR"),
    (r"(?:south\s+)?(?:korean\s+)?won", "KRW"), (r"qatari\s+riyals?", "QAR"),
    (r"(?:saudi\s+)?riyals?", "SAR"), (r"(?:uae\s+|emirati\s+)?dirhams?", "AED"),
    (r"(?:new\s+)?(?:israeli\s+)?shekels?", "ILS"), (r"hryvnias?|hryvnyas?", "UAH"),
    (r"philippine\s+pesos?", "PHP"), (r"argentine\s+pesos?", "ARS"),
    (r"chilean\s+pesos?", "CLP"), (r"colombian\s+pesos?", "COP"),
    (r"(?:mexican\s+)?pesos?", "MXN"), (r"swiss\s+francs?", "CHF"), (r"baht", "THB"),
    (r"ringgit", "MYR"), (r"rupiah", "IDR"), (r"(?:turkish\s+)?liras?", "TRY"),
    (r"rand", "ZAR"), (r"naira", "NGN"), (r"reais", "BRL"), (r"taka", "BDT"),
    (r"tenge", "KZT"), (r"kyats?", "MMK"), (r"riels?", "KHR"),
)
_CURRENCY_NAME_RES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), code) for pattern, code in _CURRENCY_NAMES)
_DOLLAR_SYMBOLS = frozenset(code for sym, code in _SYMBOLS.items() if sym.endswith("$"))

_WORD_ATOM = r"(?:" + "|".join(sorted([*_UNITS, *_MULTIPLIERS], key=len, reverse=True)) + r")\b"
_WORD_NUMBER = (rf"(?:an?\s+(?=(?:hundred|thousand|dozen|million|billion|trillion)\b))?"
                rf"{_WORD_ATOM}(?:(?:\s+and\s+|[\s-]+){_WORD_ATOM}){{0,6}}")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?P<num>(?<![\w.,])(?:{_DIGITS})|\b{_WORD_NUMBER})"
_SCALE_WORDS = r"thousand|million|billion|trillion|crores?|lakhs?|mln|bln|mn|bn|tn|tr"
_SCALE = rf"(?:[\s-]?(?P<scale>{_SCALE_WORDS})\b|(?P<short>[kmb])\b)"
_PREFIX = ("|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
           + r"|[A-Z]{3}(?![A-Za-z])")
_SUFFIX = ("(?i:" + "|".join(p for p, _ in _CURRENCY_NAMES) + r")(?![A-Za-z])"
           r"|[A-Z]{3}(?![A-Za-z])")

_MONEY_RE = re.compile(
    rf"(?<![A-Za-z0-9$])(?:(?P<pre>{_PREFIX})\s?)?{_NUMBER}(?i:{_SCALE})?"
    rf"(?:[\s-]+(?P<post>{_SUFFIX}))?")

_QUALIFIER = (r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to"
              r"|as\s+many\s+as|an\s+estimated)\s+)?")
_COUNT = rf"(?P<num>(?:{_DIGITS})|{_WORD_NUMBER})(?:\s+(?P<scale>thousand|million))?\b"
_PEOPLE_NOUN = (r"(?:people|persons|civilians|protesters|protestors|demonstrators|soldiers"
                r"|troops|militants|fighters|police(?:men|\s+officers)?|officers|migrants"
                r"|refugees|workers|students|children|journalists|activists"
                r"|residents|passengers|suspects|villagers|rebels)\b")
_NOT_PEOPLE = (r"(?!\s*(?:%|percent|per\s+cent)|\s+(?:years?|months?|weeks?|days?|hours?"
               r"|minutes?|times|km|kilometres?|kilometers?|miles?|metres?|meters?)\b"
               r"|\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|-\d)")
_VERB_KINDS: dict[str, Kind] = {
    "kill": "dead", "injur": "injured", "wound": "injured", "hurt": "injured",
    "arrest": "arrested", "detain": "arrested", "die": "dead", "dead": "dead",
}
_VERB_FIRST_RE = re.compile(
    r"\b(?P<verb>killed|killing|kills|injured|injuring|injures|wounded|wounding|wounds"
    rf"|arrested|arresting|arrests|detained|detaining|detains)\s+{_QUALIFIER}{_COUNT}"
    rf"{_NOT_PEOPLE}(?:\s+(?:more\s+|other\s+)?{_PEOPLE_NOUN})?", re.IGNORECASE)
_COUNT_FIRST_RE = re.compile(
    rf"(?<![\w.,$€£¥]){_QUALIFIER}{_COUNT}\s+(?:(?:{_PEOPLE_NOUN})\s+)?"
    r"(?:(?:were|was|have\s+been|had\s+been|are|been|being|reportedly|also)\s++)*+"
    r"(?P<verb>dead|killed|died|injured|wounded|hurt|arrested|detained)\b", re.IGNORECASE)
_PEOPLE_RE = re.compile(
    rf"(?<![\w.,$€£¥]){_QUALIFIER}{_COUNT}\s+(?:more\s+)?{_PEOPLE_NOUN}", re.IGNORECASE)

# What every match of the people patterns holds: a number (digits, or a number word, whole),
# and a people noun or a verb of harm, which they all end or start with; and of the duration
# patterns, a unit after a space or a hyphen. A text without them is not scanned.
_COUNT_GUARD_RE = re.compile(rf"\d|\b{_WORD_ATOM}", re.IGNORECASE)
_PEOPLE_WORDS = ("kill", "injur", "wound", "arrest", "detain", "dead", "died", "hurt", "people",
                 "persons", "civilian", "protest", "demonstrator", "soldier", "troop",
                 "militant", "fighter", "police", "officer", "migrant", "refugee", "worker",
                 "student", "children", "journalist", "activist", "resident", "passenger",
                 "suspect", "villager", "rebel")
_PEOPLE_GUARD_RE = Guard(re.compile("|".join(_PEOPLE_WORDS), re.IGNORECASE), _PEOPLE_WORDS,
                         exact=True)
_UNIT_GUARD_RE = Guard(re.compile(r"[\s-](?:day|week|month|year|decade)", re.IGNORECASE),
                       ("day", "week", "month", "year", "decade"))

_DURATION_UNITS: dict[str, tuple[str, int]] = {
    "day": ("day", 1), "week": ("week", 1), "month": ("month", 1), "year": ("year", 1),
    "decade": ("year", 10),
}
_DURATION_RE = re.compile(
    r"\b(?:in|over|for|within|during|after|lasting|spanning|up\s+to)\s+"
    r"(?:(?:the\s+)?(?:next|past|coming|last|first)\s+)?"
    rf"{_QUALIFIER}(?P<num>(?:{_DIGITS})|{_WORD_NUMBER}|an?\b)\s+"
    r"(?P<unit>day|week|month|year|decade)s?\b(?!\s+(?:ago|old|later|earlier)\b|['’])",
    re.IGNORECASE)
_COMPOUND_DURATION_RE = re.compile(
    rf"(?<![\w.,])(?P<num>\d+|{_WORD_NUMBER})-(?P<unit>day|week|month|year|decade)\b"
    r"(?!-old)(?!s\b)", re.IGNORECASE)


# --- numbers -------------------------------------------------------------------------------

def _word_value(words: str) -> int | None:
    """The value of "twenty-five", "a hundred and fifty", "two dozen"; None if not a number."""
    total = current = 0
    for token in re.split(r"[\s-]+", words.lower()):
        if token in ("a", "an"):
            current = current or 1
        elif token == "and":
            continue
        elif token in _UNITS:
            current += _UNITS[token]
        elif token == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif token in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[token]
        else:
            return None
    return total + current


def _number(text: str, scale: str | None = None) -> Decimal | None:
    """The exact value of a number ("1,200", "1.5", "five") times its scale ("bn", "crore")."""
    try:
        base = Decimal(text.replace(",", ""))
    except InvalidOperation:
        words = _word_value(text)
        if words is None:
            return None
        base = Decimal(words)
    if scale:
        base *= _SCALES[scale.lower()]
    return base


# --- money ---------------------------------------------------------------------------------

def _iso_code(token: str) -> str | None:
    """An ISO 4217 code for "USD", "RMB", "$", "Rs"...; None for other words."""
    if token in _SYMBOLS:
        return _SYMBOLS[token]
    if len(token) == 3 and token.isupper() and token not in _CODE_LOOKALIKES:
        return token if pycountry.currencies.get(alpha_3=token) is not None else None
    return None


def _currency_name(name: str) -> str | None:
    """The ISO 4217 code of a currency name after a number ("Canadian dollars" -> "CAD")."""
    code = _iso_code(name)
    if code is not None:
        return code
    return next((c for pattern, c in _CURRENCY_NAME_RES if pattern.fullmatch(name)), None)


def _money_unit(pre: str | None, post: str | None) -> str | None:
    """The currency of a match: the name after the number wins, except a bare "dollars"
    after a specific dollar sign ("A$5 million dollars" is AUD)."""
    pre_code = _iso_code(pre) if pre else None
    post_code = _currency_name(post) if post else None
    if post_code and pre_code in _DOLLAR_SYMBOLS and post and post.lower().startswith("dollar"):
        return pre_code
    return post_code or pre_code


def _money_from(m: re.Match[str]) -> Quantity | None:
    """A money Quantity from a :data:`_MONEY_RE` match, or None when it has no currency."""
    pre_code = _iso_code(m["pre"]) if m["pre"] else None
    post_code = _currency_name(m["post"]) if m["post"] else None
    unit = _money_unit(m["pre"], m["post"])
    value = _number(m["num"], m["scale"] or m["short"])
    if unit is None or value is None:
        return None
    start = m.start() if pre_code else m.start("num")
    end = m.end("post") if post_code else max(m.end("num"), m.end("scale"), m.end("short"))
    return Quantity(float(value), unit, m.string[start:end], "money", start, end)


def _money(text: str) -> Iterator[Quantity]:
    """Every money amount in ``text``."""
    for m in _MONEY_RE.finditer(text):
        if (q := _money_from(m)) is not None:
            yield q


def parse_money(text: str) -> Quantity | None:
    """The first money amount in ``text`` ("$1.5 billion", "600 million yuan"), or None.

    Offsets are relative to ``text``.
    """
    return next(_money(text), None)


# --- durations and people ------------------------------------------------------------------

def _durations(text: str) -> Iterator[Quantity]:
    """"over five years", "within 10 days", "a three-year programme"."""
    if not _UNIT_GUARD_RE.search(text):
        return
    for pattern in (_DURATION_RE, _COMPOUND_DURATION_RE):
        for m in pattern.finditer(text):
            value = _number(m["num"])
            if value is None:
                continue
            unit, factor = _DURATION_UNITS[m["unit"].lower()]
            yield Quantity(float(value * factor), unit, m.group(0), "duration", m.start(),
                           m.end())


def _verb_kind(verb: str) -> Kind:
    """"killed" -> "dead", "wounding" -> "injured", "detained" -> "arrested"."""
    lower = verb.lower()
    return next(kind for stem, kind in _VERB_KINDS.items() if lower.startswith(stem))


def _people(text: str) -> Iterator[Quantity]:
    """"killed 75 people", "at least 12 dead", "arrested 200 protesters", "5,000 people"."""
    if not (_PEOPLE_GUARD_RE.search(text) and _COUNT_GUARD_RE.search(text)):
        return
    for pattern in (_VERB_FIRST_RE, _COUNT_FIRST_RE, _PEOPLE_RE):
        for m in pattern.finditer(text):
            value = _number(m["num"], m["scale"])
            if value is None or value == 0:
                continue
            kind = _verb_kind(m["verb"]) if "verb" in m.re.groupindex else "people"
            yield Quantity(float(value), "person", m.group(0), kind, m.start(), m.end())


def find_quantities(text: str) -> list[Quantity]:
    """Every amount in ``text``, by position, with character offsets.

    Money (kind "money", unit ISO 4217), durations (kind "duration", unit "day"/"week"/
    "month"/"year") and people counts (kind "dead"/"injured"/"arrested"/"people", unit
    "person"). Where two readings overlap the longer one is kept.
    """
    return longest_first([*_money(text), *_durations(text), *_people(text)])
