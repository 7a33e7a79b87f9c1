"""Date expressions in news text, resolved against a publication date.

Everything here is plain :mod:`re` plus :mod:`datetime`: one pass of a dozen compiled patterns
over the text, each with a small resolver. Overlapping matches are settled longest-first, so
"Monday, Nov. 12, 2017" is one mention, not three.

    find_dates             every date expression in a text, resolved against an anchor
    resolve                one expression against an anchor, with an explicit tense
    infer_document_date    a best guess at the date of a document that has none

A mention's ``text`` includes a leading "on"/"in" and modifiers such as "last", "next",
"early" or "the" when they were part of the match ("on Monday", "in 2017", "mid-November").
``relative`` is true when part of the date came from outside the expression (the anchor or
``default_year``): "yesterday", "Monday" and "November 12" are relative, "November 12, 2017"
is not.

Month names must be capitalised ("May 12", "NOV. 12"), so the modal "may" is never a month;
a bare number is never a date; a year needs a cue ("in 2017", "the 2017 APEC meeting").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from dyads.guards import Guard
from dyads.models import DateMention, EventDate, Precision
from dyads.spans import longest_first

Tense = Literal["past", "future", "any"]

# How far after the anchor a year-less date may fall before it is taken to mean last year.
_GRACE = dt.timedelta(days=7)
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_MONTHS: dict[str, int] = {
    name: i for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1)
}
_WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}
# Day offsets of the fixed relative words; longest alternatives are tried first.
_RELATIVE_DAYS: dict[str, int] = {
    "the day before yesterday": -2, "the day after tomorrow": 2,
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before": -1, "the previous day": -1, "a day earlier": -1,
    "the day after": 1, "the following day": 1, "the next day": 1, "a day later": 1,
}

_MONTH = (r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
          r"(?![A-Za-z]))")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_YEAR = r"(?P<year>19\d\d|20\d\d|2100)(?!\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])\b"
_COUNT = r"(?P<num>\d{1,3}|" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?\b"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY}\s*,?\s+)?"

_FLAGS = re.IGNORECASE
# Ranges ("March 14-15, 2024", "14–15 March 2024", "from 3 to 5 July", "30 June to 2 July"):
# the mention is the whole range, dated by its first day.
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_TO = r"\s*(?:-|–|—|to|and|until|till|through|thru)\s*"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])\b"
_RANGE_MD_RE = re.compile(
    rf"\b(?:(?:on|from|between)\s+)?{_WEEKDAY_PREFIX}{_MONTH}\s*{_DAY}{_TO}(?:{_MONTH2}\s*)?"
    rf"{_DAY2}(?:,?\s*{_YEAR})?", _FLAGS)
_RANGE_DM_RE = re.compile(
    rf"\b(?:(?:on|from|between)\s+)?(?:the\s+)?{_DAY}(?:\s+(?:of\s+)?{_MONTH2})?{_TO}"
    rf"(?:the\s+)?{_DAY2}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR})?", _FLAGS)
_MONTH_DAY_RE = re.compile(
    rf"\b(?:on\s+)?{_WEEKDAY_PREFIX}{_MONTH}\s*{_DAY}(?:,?\s*{_YEAR})?", _FLAGS)
_DAY_MONTH_RE = re.compile(
    rf"\b(?:on\s+)?{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR})?",
    _FLAGS)
_MONTH_YEAR_RE = re.compile(
    rf"\b(?:(?:in|during|since|by|until)\s+)?(?:(?:early|mid|late)[\s-]+)?{_MONTH},?\s+"
    rf"(?:of\s+)?{_YEAR}", _FLAGS)
_MONTH_ONLY_RE = re.compile(
    r"\b(?P<mod>(?:(?:in|since|until|by)\s+)?(?:early|mid|late|the\s+end\s+of|end\s+of"
    r"|the\s+middle\s+of)|earlier\s+in|later\s+in|in|during|since|until|by|last|next|this)"
    rf"[\s-]+{_MONTH}(?!\s*\d)", _FLAGS)
_WEEKDAY_RE = re.compile(
    r"\b(?:on\s+)?(?:(?P<mod>last|next|this\s+coming|this|coming|past)\s+)?"
    rf"(?P<weekday>{_WEEKDAY})", _FLAGS)
_RELATIVE_RE = re.compile(
    r"\b(?P<word>" + "|".join(w.replace(" ", r"\s+")
                              for w in sorted(_RELATIVE_DAYS, key=len, reverse=True)) + r")\b",
    _FLAGS)
_PERIOD_RE = re.compile(
    r"\b(?P<mod>last|this|next|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year)\b",
    _FLAGS)
_AGO_RE = re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+ago\b", _FLAGS)
_IN_RE = re.compile(rf"\bin\s+{_COUNT}\s+{_UNIT}(?:['’]?\s+time\b)?", _FLAGS)
_ORDINAL_RE = re.compile(
    r"\bon\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:floor|anniversary|century|time"
    r"|round|session|plenum|congress|party|day|meeting|summit|edition))", _FLAGS)
_ISO_RE = re.compile(
    rf"\b{_YEAR}(?P<sep>[-/])(?P<mnum>0[1-9]|1[0-2])(?P=sep)(?P<day>0[1-9]|[12]\d|3[01])\b")
_US_RE = re.compile(
    rf"\b(?P<mnum>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/{_YEAR}\b")
_YEAR_ONLY_RE = re.compile(
    r"\b(?P<mod>(?:in\s+)?(?:early|mid|late)|(?:by\s+|at\s+)?the\s+end\s+of|in|since|during"
    r"|by|until|till|before|after|from|through|throughout|the)"
    rf"[\s-]+{_YEAR}\b(?!\s*(?:%|percent|per\s+cent)|[-–/.,]\d"
    r"|\s+(?:people|persons|troops|soldiers|tons|tonnes|units|votes|cases|deaths|km)\b)",
    _FLAGS)

_FUTURE_CUE_RE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:scheduled|due|set|slated|expected|going)\s+to"
    r"|plans?\s+to|planned\s+for|upcoming|to\s+be\s+held)\b|\w'll\b", _FLAGS)
# Near-future forms that hold only right before the date: "is starting Friday", "are visiting
# Hanoi on Monday", "the summit opens Friday" (present progressive or present of a schedule
# verb, at most four words before the date, none of them a past verb or a relative word:
# "is investigating the attack that happened on Friday" is the past Friday).
_NEAR_FUTURE_RE = re.compile(
    r"(?:\b(?:is|are|am)\s+(?!being\b|saying\b)[a-z]+ing"
    r"|\b(?:begins|starts|opens|kicks\s+off|arrives|departs|leaves|travels|heads|convenes"
    r"|resumes|closes|ends))\b(?:\s+(?!(?:that|which|who|when|where|since|after)\b"
    r"|[\w'.-]*ed\b|(?:met|held|said|told|made|took|gave|sent|began|spoke|went|came)\b)"
    r"[\w'.-]+){0,4}?\s*$", _FLAGS)
# A report of speech after the future cue makes the date the report's ("Xi will visit Hanoi,
# the ministry said on Friday").
_REPORTED_RE = re.compile(r"\b(?:said|says|told|announced|added|stated|noted|reported)\b",
                          _FLAGS)
# A date inside a name is no date: "Good Friday Agreement", "the July 4 Declaration".
_NAMED_DAY_RE = re.compile(r"\b(?:Good|Black|Bloody|Super|Ash|Holy|Maundy|Easter|Whit|Cyber"
                           r"|Palm|Shrove|Fat|Blue|Red|Green)\s+$")
_NAME_NOUN_RE = re.compile(
    r"^\s+(?:[A-Z][a-z]+\s+)?(?:Agreements?|Accords?|Movement|Revolution|Uprising|Incident"
    r"|Declaration|Treaty|Massacre|Offensive|Square|Street|Avenue|Road|Bridge|Memorial"
    r"|Stadium|Communiqu[eé]|Consensus|Group|Coalition|Party|Resolution|Protests?|Riots?"
    r"|Attacks?|Bombings?|Coup|War|Crisis|Initiative|Summit|Process|Forum|Dialogue)\b")
# "the 1982 United Nations Convention on the Law of the Sea", "the 2015 Paris Agreement": an
# instrument is named by the year it was adopted, which is no date of the news.
_INSTRUMENT_RE = re.compile(
    r"^\s+(?:[A-Z][\w'.-]*\s+){0,6}(?:Convention|Treaty|Agreement|Accords?|Charter|Constitution"
    r"|Protocol|Declaration|Act|Resolution|Communiqu[eé]|Framework|Code|Roadmap)\b")
# Words that put a dated mention in history: its year is not the year of today's events
# ("since diplomatic relations were established in 1950"); an anniversary or a "historic"
# visit is today's news and no cue.
_HISTORY_CUE_RE = re.compile(
    r"\b(?:since|established|establishment|founded|founding|ago|dating|dates\s+back"
    r"|as\s+early\s+as|back\s+in|born|independence"
    r"|liberation|reunification|normali[sz]ation|normali[sz]ed|in\s+the\s+year)\b", _FLAGS)
_DEADLINE_CUE_RE = re.compile(r"\b(?:by|until|till|through|target|goal|vision|deadline)\b",
                              _FLAGS)
_DATELINE_PREFIX_RE = re.compile(
    r"\s*(?:(?:Posted|Published|Updated)(?:\s+on)?:?\s*)?"
    r"(?:[A-Z][\w.'’\- ]{0,40}?(?:\s*\([^()\n]{1,30}\))?\s*[,–—-]\s*)?")
_CLAUSE_END = ".!?;\n"
# Words that start a new clause: a cue before them does not reach a date after them.
_CLAUSE_BREAK_RE = re.compile(r"\b(?:and|but|while|whereas|after|who|which|when)\b", _FLAGS)
_DATELINE_SPAN = 400


@dataclass(frozen=True)
class _Context:
    """What a resolver needs besides the match."""

    anchor: dt.date | None
    tense: Tense
    default_year: int | None


_Resolved = tuple[dt.date, Precision, bool]
_Resolver = Callable[[re.Match[str], _Context], "_Resolved | None"]


# --- small date helpers -------------------------------------------------------------------

def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)``, or None when no such day exists or the year is out of range."""
    if not _MIN_YEAR - 1 <= year <= _MAX_YEAR + 1:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The (year, month) that lies ``by`` months after (year, month)."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _first_of_month(year: int, month: int, by: int = 0) -> dt.date:
    """The first day of the month ``by`` months after (year, month)."""
    y, m = _shift_month(year, month, by)
    return dt.date(y, m, 1)


def _pick_day(candidates: Iterable[dt.date], anchor: dt.date, tense: Tense) -> dt.date | None:
    """The candidate a year- or month-less date most likely means.

    Future: the first on or after the anchor. Past: the last on or before it. Any: the last
    no more than a week after the anchor (a January story's "December 28" is last December).
    """
    ordered = sorted(candidates)
    if tense == "future":
        return next((d for d in ordered if d >= anchor), None)
    limit = anchor if tense == "past" else anchor + _GRACE
    return next((d for d in reversed(ordered) if d <= limit), None)


def month_number(token: str) -> int | None:
    """1-12 for a capitalised or upper-case month token ("Nov.", "MAY"); None for "may"."""
    if not (token.istitle() or token.isupper()):
        return None
    return _MONTHS.get(token[:3].lower())


def _count(token: str) -> int:
    """The value of "3", "three" or "a"."""
    return int(token) if token.isdigit() else _SMALL_NUMBERS[token.lower()]


def _normal(phrase: str) -> str:
    """Lower case with single spaces, for table look-ups."""
    return " ".join(phrase.lower().split())


# --- resolvers: one per pattern -------------------------------------------------------------

def _resolve_yearless(month: int, day: int, ctx: _Context) -> _Resolved | None:
    """A month and day without a year: the anchor's year, last year or next year."""
    if ctx.anchor is None:
        if ctx.default_year is None:
            return None
        date = _safe_date(ctx.default_year, month, day)
        return (date, "day", True) if date else None
    years = range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    candidates = [d for y in years if (d := _safe_date(y, month, day)) is not None]
    date = _pick_day(candidates, ctx.anchor, ctx.tense)
    return (date, "day", True) if date else None


def _resolve_month_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"November 12", "12 November 2017", "Monday, Nov. 12th"."""
    month = month_number(m["month"])
    if month is None:
        return None
    day = int(m["day"])
    if m["year"]:
        date = _safe_date(int(m["year"]), month, day)
        return (date, "day", False) if date else None
    return _resolve_yearless(month, day, ctx)


def _resolve_range(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """A range of days, dated by its first: "March 14-15, 2024", "from 30 June to 2 July".
    In "Month day - day" the first month is ``month``; in "day Month - day Month" it is
    ``month2`` when given. A year names the last day's year."""
    month = month_number(m["month"])
    month2 = month_number(m["month2"]) if m["month2"] else 0
    if month is None or month2 is None:
        return None
    first_is_month = m.start("month") < m.start("day")
    start_month = month if first_is_month else (month2 or month)
    end_month = (month2 or month) if first_is_month else month
    day, day2 = int(m["day"]), int(m["day2"])
    if (start_month, day) >= (end_month, day2) and start_month == end_month:
        return None  # "March 14-3" is no range
    if not m["year"]:
        return _resolve_yearless(start_month, day, ctx)
    year = int(m["year"]) - (start_month > end_month)
    date = _safe_date(year, start_month, day)
    return (date, "day", False) if date else None


def _resolve_numeric(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"2017-11-12", "11/12/2017" (US order)."""
    date = _safe_date(int(m["year"]), int(m["mnum"]), int(m["day"]))
    return (date, "day", False) if date else None


def _resolve_month_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"November 2017", "late November 2017"."""
    month = month_number(m["month"])
    if month is None:
        return None
    return dt.date(int(m["year"]), month, 1), "month", False


def _resolve_month_only(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"in November", "mid-November", "last November": month precision."""
    month = month_number(m["month"])
    if month is None:
        return None
    if ctx.anchor is None:
        if ctx.default_year is None:
            return None
        return dt.date(ctx.default_year, month, 1), "month", True
    mod = _normal(m["mod"])
    here = ctx.anchor.replace(day=1)
    firsts = [dt.date(y, month, 1) for y in range(here.year - 1, here.year + 2)]
    if mod == "this":
        date = dt.date(here.year, month, 1)
    elif mod == "last":
        date = max(d for d in firsts if d < here)
    elif mod == "next":
        date = min(d for d in firsts if d > here)
    elif ctx.tense == "future":
        date = min(d for d in firsts if d >= here)
    else:
        date = max(d for d in firsts if d <= here)
    return date, "month", True


def _resolve_weekday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"Monday", "on Monday", "last/next/this Monday"."""
    if ctx.anchor is None:
        return None
    weekday = _WEEKDAYS.index(m["weekday"].lower())
    back = (ctx.anchor.weekday() - weekday) % 7
    ahead = (weekday - ctx.anchor.weekday()) % 7
    mod = _normal(m["mod"] or "")
    if mod in ("last", "past"):
        offset = -(back or 7)
    elif mod in ("next", "coming", "this coming"):
        offset = ahead or 7
    elif mod == "this":
        offset = ahead if ctx.tense == "future" else -back
    else:
        offset = (ahead or 7) if ctx.tense == "future" else -back
    return ctx.anchor + dt.timedelta(days=offset), "day", True


def _resolve_relative_word(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"today", "yesterday", "the following day"..."""
    if ctx.anchor is None:
        return None
    offset = _RELATIVE_DAYS[_normal(m["word"])]
    return ctx.anchor + dt.timedelta(days=offset), "day", True


def _resolve_period(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"last week", "earlier this month", "next year"."""
    if ctx.anchor is None:
        return None
    mod, unit = _normal(m["mod"]), m["unit"].lower()
    step = {"last": -1, "next": 1}.get(mod, 0)
    return _offset_by_unit(ctx.anchor, step, unit)


def _offset_by_unit(anchor: dt.date, step: int, unit: str) -> _Resolved | None:
    """The anchor moved ``step`` days/weeks/months/years, at that unit's precision."""
    if unit == "day":
        return anchor + dt.timedelta(days=step), "day", True
    if unit == "week":
        return anchor + dt.timedelta(weeks=step), "week", True
    if unit == "month":
        return _first_of_month(anchor.year, anchor.month, step), "month", True
    year = anchor.year + step
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    return dt.date(year, 1, 1), "year", True


def _resolve_ago(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"two days ago", "three weeks ago"."""
    if ctx.anchor is None:
        return None
    return _offset_by_unit(ctx.anchor, -_count(m["num"]), m["unit"].lower())


def _resolve_in(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"in two days", "in three weeks' time"."""
    if ctx.anchor is None:
        return None
    return _offset_by_unit(ctx.anchor, _count(m["num"]), m["unit"].lower())


def _resolve_ordinal(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"on the 12th": that day of the anchor's month (or a neighbouring one, as for years)."""
    if ctx.anchor is None:
        return None
    day = int(m["day"])
    candidates = []
    for by in (-1, 0, 1):
        y, mo = _shift_month(ctx.anchor.year, ctx.anchor.month, by)
        if (date := _safe_date(y, mo, day)) is not None:
            candidates.append(date)
    picked = _pick_day(candidates, ctx.anchor, ctx.tense)
    return (picked, "day", True) if picked else None


def _resolve_year(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """"in 2017", "the 2017 APEC meeting", "mid-2017": year precision."""
    return dt.date(int(m["year"]), 1, 1), "year", False


_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (_RANGE_MD_RE, _resolve_range),
    (_RANGE_DM_RE, _resolve_range),
    (_MONTH_DAY_RE, _resolve_month_day),
    (_DAY_MONTH_RE, _resolve_month_day),
    (_ISO_RE, _resolve_numeric),
    (_US_RE, _resolve_numeric),
    (_MONTH_YEAR_RE, _resolve_month_year),
    (_MONTH_ONLY_RE, _resolve_month_only),
    (_WEEKDAY_RE, _resolve_weekday),
    (_RELATIVE_RE, _resolve_relative_word),
    (_PERIOD_RE, _resolve_period),
    (_AGO_RE, _resolve_ago),
    (_IN_RE, _resolve_in),
    (_ORDINAL_RE, _resolve_ordinal),
    (_YEAR_ONLY_RE, _resolve_year),
)

# What every match of a rule holds, searched once per text with the rules' own flags, so that
# a text without it skips the rule: the month of the month rules stands at a word boundary,
# a weekday ends in "day", a count is a digit. A rule skipped this way could not match, so the
# mentions are the same; tests/test_dates.py checks each guard against its rule.
_DIGIT_G = Guard(re.compile(r"\d"), "0123456789")
_MONTH_G = Guard(re.compile(r"\b" + _MONTH.replace("?P<month>", "?:"), _FLAGS),
                 ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec"))  # what every month's name and abbreviation starts with
_WEEKDAY_G = Guard(re.compile(r"day\b", _FLAGS), ("day",))
_RELATIVE_G = Guard(re.compile(r"day|tomorrow|morning|afternoon|evening|night", _FLAGS),
                    ("day", "tomorrow", "morning", "afternoon", "evening", "night"), exact=True)
_UNIT_G = Guard(re.compile(r"day|week|month|year", _FLAGS), ("day", "week", "month", "year"),
                exact=True)
_AGO_G = Guard(re.compile(r"ago\b", _FLAGS), ("ago",))
_GUARDS = (_DIGIT_G, _MONTH_G, _WEEKDAY_G, _RELATIVE_G, _UNIT_G, _AGO_G)
_RULE_GUARDS: tuple[tuple[Guard, ...], ...] = (
    (_MONTH_G, _DIGIT_G),  # range, month first
    (_MONTH_G, _DIGIT_G),  # range, day first
    (_MONTH_G, _DIGIT_G),  # month day
    (_MONTH_G, _DIGIT_G),  # day month
    (_DIGIT_G,),  # ISO
    (_DIGIT_G,),  # US
    (_MONTH_G, _DIGIT_G),  # month year
    (_MONTH_G,),  # month only
    (_WEEKDAY_G,),  # weekday
    (_RELATIVE_G,),  # relative word
    (_UNIT_G,),  # period
    (_UNIT_G, _AGO_G),  # ago
    (_UNIT_G,),  # in N units
    (_DIGIT_G,),  # ordinal
    (_DIGIT_G,),  # year only
)


# --- scanning ---------------------------------------------------------------------------------

def _clause_before(text: str, pos: int, width: int = 120) -> str:
    """The part of the clause that precedes ``pos`` (at most ``width`` characters)."""
    window = text[max(0, pos - width):pos]
    cut = max(window.rfind(c) for c in _CLAUSE_END)
    clause = window[cut + 1:]
    breaks = [b.end() for b in _CLAUSE_BREAK_RE.finditer(clause)]
    return clause[breaks[-1]:] if breaks else clause


def _clause_tense(text: str, pos: int) -> Tense:
    """"future" when the clause before ``pos`` has a future cue ("will", "is due to") not
    followed by a report of speech, or ends in a near-future form ("is starting Friday")."""
    clause = _clause_before(text, pos)
    cues = list(_FUTURE_CUE_RE.finditer(clause))
    if cues and not _REPORTED_RE.search(clause, cues[-1].end()):
        return "future"
    return "future" if _NEAR_FUTURE_RE.search(clause) else "any"


def in_name(text: str, start: int, end: int, *, year: bool = False) -> bool:
    """True when text[start:end], a date expression, is part of a proper name: a named day
    ("Good Friday", "Black Monday"), a date before a name noun ("the July 4 Declaration",
    "Good Friday Agreement"), or (``year``: a year-only mention) the year an instrument is named
    by ("the 1982 United Nations Convention on the Law of the Sea"). "the 2017 APEC meeting"
    stays a year."""
    if year:
        return (text[start:end].lower().startswith("the")
                and bool(_INSTRUMENT_RE.match(text[end:end + 80])))
    return bool(_NAMED_DAY_RE.search(text[max(0, start - 12):start])
                or _NAME_NOUN_RE.match(text[end:end + 40]))


def historical(text: str, mention: DateMention) -> bool:
    """True for a mention with its own year in a clause about history ("established in 1950",
    "since 1991", "the 75th anniversary ... 1950"): its year is not the year of the news."""
    if mention.relative:
        return False
    clause = _clause_before(text, mention.start, width=100)
    return bool(_HISTORY_CUE_RE.search(clause + " " + mention.text))


def _scan(text: str, anchor: dt.date | None, default_year: int | None,
          tense_at: Callable[[int], Tense]) -> list[DateMention]:
    """Run every rule over ``text`` and keep the non-overlapping resolved mentions.

    An anchor or default year outside 1900-2100 is ignored (treated as absent).
    """
    if anchor is not None and not _MIN_YEAR <= anchor.year <= _MAX_YEAR:
        anchor = None
    if default_year is not None and not _MIN_YEAR <= default_year <= _MAX_YEAR:
        default_year = None
    found: list[DateMention] = []
    present = {guard: guard.search(text) for guard in _GUARDS}
    for (pattern, resolver), guards in zip(_RULES, _RULE_GUARDS, strict=True):
        if not all(present[g] for g in guards):
            continue  # a word every match of the rule holds is not in the text
        for m in pattern.finditer(text):
            resolved = resolver(m, _Context(anchor, tense_at(m.start()), default_year))
            if resolved is not None and in_name(text, *m.span(), year=resolved[1] == "year"):
                continue
            if resolved is not None:
                date, precision, relative = resolved
                found.append(DateMention(m.group(0), m.start(), m.end(), date, precision,
                                         relative))
    return longest_first(found)


def find_dates(text: str, anchor: dt.date | None, *,
               default_year: int | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``anchor`` (the publication date).

    Without an anchor only absolute expressions resolve; "November 12" takes ``default_year``
    when given. Weekdays, year-less dates and bare months look for a future cue ("will",
    "is due to", "plans to") earlier in the same clause; with one they resolve forward
    ("will visit on Monday" is the next Monday), otherwise backward. An anchor outside
    1900-2100 is treated as no anchor.
    """
    return _scan(text, anchor, default_year, lambda pos: _clause_tense(text, pos))


def resolve(expression: str, anchor: dt.date, *,
            tense: Tense = "any") -> DateMention | None:
    """One expression against an anchor: the longest date expression found in it, or None.

    ``tense`` decides which way weekdays, year-less dates and bare months go: "past" never
    after the anchor, "future" on or after it (weekdays: strictly after), "any" like past but
    a year-less date may lie up to a week ahead.
    """
    mentions = _scan(expression, anchor, None, lambda pos: tense)
    if not mentions:
        return None
    return min(mentions, key=lambda x: (x.start - x.end, x.start))


# --- documents without a date -----------------------------------------------------------------

def _forward_looking(text: str, mention: DateMention) -> bool:
    """True for deadlines and plans ("by 2030", "will ... on November 12, 2025")."""
    clause = _clause_before(text, mention.start, width=60) + " " + mention.text.split()[0]
    return bool(_DEADLINE_CUE_RE.search(clause) or _FUTURE_CUE_RE.search(clause))


def _latest(text: str, mentions: Iterable[DateMention]) -> DateMention | None:
    """The latest mention that is not a deadline, a plan or history."""
    looking_back = [m for m in mentions
                    if not _forward_looking(text, m) and not historical(text, m)]
    return max(looking_back, key=lambda m: m.date, default=None)


def _dateline(text: str, year: int | None) -> DateMention | None:
    """A date opening a line near the top ("HANOI, Nov. 12 (VNA) –", "January 16, 2020")."""
    head = text[:_DATELINE_SPAN]
    for mention in find_dates(head, None, default_year=year):
        if mention.precision != "day" or mention.text[:3].lower() == "on ":
            continue
        line_start = head.rfind("\n", 0, mention.start) + 1
        if _DATELINE_PREFIX_RE.fullmatch(head[line_start:mention.start]):
            return mention
    return None


def infer_document_date(text: str, title: str | None = None) -> EventDate | None:
    """A date for a document that has no publication date, or None.

    In order: a dateline ("HANOI, Nov. 12 (VNA) –", "January 16, 2020"; a year-less dateline
    takes the latest year the document mentions), the latest explicit full date, the latest
    month and year, the latest year ("the 2017 APEC meeting", "in 2017"). Deadlines and plans
    ("by 2030") are not used. ``source`` is "inferred"; ``text`` is the expression used.
    """
    full = f"{title}\n{text}" if title else text
    absolute = find_dates(full, None)
    latest_any = _latest(full, absolute)
    dateline = _dateline(text, latest_any.date.year if latest_any else None)
    if dateline is not None:
        return EventDate(dateline.date, "day", "inferred", dateline.text)
    for precision in ("day", "month", "year"):
        best = _latest(full, (m for m in absolute if m.precision == precision))
        if best is not None:
            return EventDate(best.date, best.precision, "inferred", best.text)
    return None
