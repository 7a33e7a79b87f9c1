"""Tests for dyads.dates: date expressions resolved against a publication date."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.dates import find_dates, infer_document_date, resolve
from dyads.models import DateMention, EventDate

D = dt.date
WED = D(2017, 11, 22)  # a Wednesday
WEEKDAYS = list(calendar.day_name)
MONTHS = list(calendar.month_name)[1:]

# (expression, anchor, tense, expected date, precision, relative)
RESOLVE_CASES = [
    ("today", WED, "any", D(2017, 11, 22), "day", True),
    ("this morning", WED, "any", D(2017, 11, 22), "day", True),
    ("tonight", WED, "any", D(2017, 11, 22), "day", True),
    ("yesterday", WED, "any", D(2017, 11, 21), "day", True),
    ("tomorrow", WED, "any", D(2017, 11, 23), "day", True),
    ("the day before yesterday", WED, "any", D(2017, 11, 20), "day", True),
    ("on Monday", WED, "any", D(2017, 11, 20), "day", True),
    ("Monday", WED, "any", D(2017, 11, 20), "day", True),
    ("on Monday", WED, "past", D(2017, 11, 20), "day", True),
    ("on Wednesday", WED, "any", D(2017, 11, 22), "day", True),
    ("on Thursday", WED, "any", D(2017, 11, 16), "day", True),
    ("on Friday", WED, "future", D(2017, 11, 24), "day", True),
    ("on Wednesday", WED, "future", D(2017, 11, 29), "day", True),
    ("last Monday", WED, "any", D(2017, 11, 20), "day", True),
    ("last Wednesday", WED, "any", D(2017, 11, 15), "day", True),
    ("next Monday", WED, "any", D(2017, 11, 27), "day", True),
    ("next Wednesday", WED, "any", D(2017, 11, 29), "day", True),
    ("this Monday", WED, "any", D(2017, 11, 20), "day", True),
    ("this Friday", WED, "future", D(2017, 11, 24), "day", True),
    ("last week", WED, "any", D(2017, 11, 15), "week", True),
    ("this week", WED, "any", D(2017, 11, 22), "week", True),
    ("next week", WED, "any", D(2017, 11, 29), "week", True),
    ("last month", WED, "any", D(2017, 10, 1), "month", True),
    ("this month", WED, "any", D(2017, 11, 1), "month", True),
    ("earlier this month", WED, "any", D(2017, 11, 1), "month", True),
    ("next month", WED, "any", D(2017, 12, 1), "month", True),
    ("next month", D(2017, 12, 5), "any", D(2018, 1, 1), "month", True),
    ("last month", D(2018, 1, 5), "any", D(2017, 12, 1), "month", True),
    ("last year", WED, "any", D(2016, 1, 1), "year", True),
    ("this year", WED, "any", D(2017, 1, 1), "year", True),
    ("next year", WED, "any", D(2018, 1, 1), "year", True),
    ("the day before", WED, "any", D(2017, 11, 21), "day", True),
    ("the previous day", WED, "any", D(2017, 11, 21), "day", True),
    ("the day after", WED, "any", D(2017, 11, 23), "day", True),
    ("the following day", WED, "any", D(2017, 11, 23), "day", True),
    ("two days ago", WED, "any", D(2017, 11, 20), "day", True),
    ("3 days ago", WED, "any", D(2017, 11, 19), "day", True),
    ("three weeks ago", WED, "any", D(2017, 11, 1), "week", True),
    ("two months ago", WED, "any", D(2017, 9, 1), "month", True),
    ("five years ago", WED, "any", D(2012, 1, 1), "year", True),
    ("in two days", WED, "any", D(2017, 11, 24), "day", True),
    ("in three weeks' time", WED, "any", D(2017, 12, 13), "week", True),
    ("November 12", WED, "any", D(2017, 11, 12), "day", True),
    ("Nov. 12", WED, "any", D(2017, 11, 12), "day", True),
    ("Nov 12", WED, "any", D(2017, 11, 12), "day", True),
    ("NOV. 12", WED, "any", D(2017, 11, 12), "day", True),
    ("12 November", WED, "any", D(2017, 11, 12), "day", True),
    ("the 12th of November", WED, "any", D(2017, 11, 12), "day", True),
    ("Nov 12th", WED, "any", D(2017, 11, 12), "day", True),
    ("November 12, 2017", WED, "any", D(2017, 11, 12), "day", False),
    ("12 November 2017", WED, "any", D(2017, 11, 12), "day", False),
    ("Monday, Nov. 13, 2017", WED, "any", D(2017, 11, 13), "day", False),
    ("on January 16, 2020", WED, "any", D(2020, 1, 16), "day", False),
    ("Sept. 3", WED, "any", D(2017, 9, 3), "day", True),
    ("Sep 3", WED, "any", D(2017, 9, 3), "day", True),
    ("September 3", WED, "any", D(2017, 9, 3), "day", True),
    ("on the 12th", WED, "any", D(2017, 11, 12), "day", True),
    ("on the 28th", D(2017, 12, 3), "any", D(2017, 11, 28), "day", True),
    ("2017-11-12", WED, "any", D(2017, 11, 12), "day", False),
    ("11/12/2017", WED, "any", D(2017, 11, 12), "day", False),
    ("in November", WED, "any", D(2017, 11, 1), "month", True),
    ("in December", WED, "any", D(2016, 12, 1), "month", True),
    ("in December", WED, "future", D(2017, 12, 1), "month", True),
    ("in March", WED, "future", D(2018, 3, 1), "month", True),
    ("last November", WED, "any", D(2016, 11, 1), "month", True),
    ("next March", WED, "any", D(2018, 3, 1), "month", True),
    ("early November", WED, "any", D(2017, 11, 1), "month", True),
    ("mid-November", WED, "any", D(2017, 11, 1), "month", True),
    ("late November", WED, "any", D(2017, 11, 1), "month", True),
    ("November 2017", WED, "any", D(2017, 11, 1), "month", False),
    ("late November 2017", WED, "any", D(2017, 11, 1), "month", False),
    ("in 2017", WED, "any", D(2017, 1, 1), "year", False),
    ("mid-2015", WED, "any", D(2015, 1, 1), "year", False),
    # Year-less dates: the anchor's year unless that lands more than a week ahead.
    ("December 28", D(2018, 1, 5), "any", D(2017, 12, 28), "day", True),
    ("November 25", WED, "any", D(2017, 11, 25), "day", True),
    ("November 25", WED, "past", D(2016, 11, 25), "day", True),
    ("December 25", WED, "any", D(2016, 12, 25), "day", True),
    ("December 25", WED, "future", D(2017, 12, 25), "day", True),
    ("January 5", D(2017, 12, 30), "future", D(2018, 1, 5), "day", True),
]


@pytest.mark.parametrize(("expression", "anchor", "tense", "expected", "precision", "relative"),
                         RESOLVE_CASES, ids=[f"{c[0]}|{c[2]}" for c in RESOLVE_CASES])
def test_resolve_table(expression: str, anchor: dt.date, tense: str, expected: dt.date,
                       precision: str, relative: bool) -> None:
    mention = resolve(expression, anchor, tense=tense)  # type: ignore[arg-type]
    assert mention is not None
    assert (mention.date, mention.precision, mention.relative) == (expected, precision, relative)
    assert mention.text == expression
    assert (mention.start, mention.end) == (0, len(expression))


NOT_DATES = [
    "the two sides may agree on a ceasefire",
    "May I say",
    "protesters marched through the capital",
    "March on Washington",
    "42",
    "a total of 2017",
    "COVID-2020",
    "on the 12th floor",
    "in may",
    "version 3.12",
    "the meeting ran from 12:30",
    "",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert resolve(text, WED) is None
    assert find_dates(text, WED) == []


def test_find_dates_offsets_and_order() -> None:
    text = ("Xi met Trump on Monday in Beijing. The deal, signed on Nov. 12, 2017, "
            "follows talks last week and the 2017 APEC meeting.")
    found = find_dates(text, WED)
    assert [m.text for m in found] == ["on Monday", "on Nov. 12, 2017", "last week", "the 2017"]
    assert [m.date for m in found] == [D(2017, 11, 20), D(2017, 11, 12), D(2017, 11, 15),
                                       D(2017, 1, 1)]
    for mention in found:
        assert text[mention.start:mention.end] == mention.text


def test_many_adjacent_mentions_are_all_kept() -> None:
    text = "May 1, 2017; " * 300
    found = find_dates(text, WED)
    assert len(found) == 300
    assert {m.date for m in found} == {D(2017, 5, 1)}


def test_find_dates_future_cue_in_clause() -> None:
    text = "Abe will visit Seoul on Monday and met Moon on Nov. 12. Talks resume on Friday."
    found = find_dates(text, WED)
    assert [(m.text, m.date) for m in found] == [
        ("on Monday", D(2017, 11, 27)),
        ("on Nov. 12", D(2017, 11, 12)),
        ("on Friday", D(2017, 11, 17)),
    ]


def test_find_dates_future_cue_moves_yearless_date_forward() -> None:
    found = find_dates("The summit is scheduled to open on January 10.", D(2017, 12, 20))
    assert [m.date for m in found] == [D(2018, 1, 10)]


def test_find_dates_without_anchor_keeps_absolute_only() -> None:
    text = "They met yesterday, on Monday, on November 12 and on January 16, 2020."
    assert [m.text for m in find_dates(text, None)] == ["on January 16, 2020"]


def test_find_dates_default_year_fills_month_day() -> None:
    found = find_dates("They met on November 12 and in May.", None, default_year=2017)
    assert [(m.date, m.precision, m.relative) for m in found] == [
        (D(2017, 11, 12), "day", True), (D(2017, 5, 1), "month", True)]


def test_out_of_range_anchor_is_ignored() -> None:
    assert find_dates("yesterday, in 2017", D(1, 1, 1)) == find_dates("yesterday, in 2017", None)


def test_invalid_calendar_dates_are_dropped() -> None:
    assert resolve("February 30, 2017", WED) is None
    assert resolve("2017-02-30", WED) is None
    assert resolve("February 29", D(2016, 3, 10)) == DateMention(
        "February 29", 0, 11, D(2016, 2, 29), "day", True)


# --- infer_document_date -----------------------------------------------------------------------

INFER_CASES = [
    ("HANOI, Nov. 12 (VNA) – Vietnam hosted leaders for the 2017 APEC meeting.", None,
     EventDate(D(2017, 11, 12), "day", "inferred", "Nov. 12")),
    ("January 16, 2020\nThe two sides signed the phase one deal.", None,
     EventDate(D(2020, 1, 16), "day", "inferred", "January 16, 2020")),
    ("BEIJING, 5 May 2019 (Xinhua) -- China and Laos signed a pact.", None,
     EventDate(D(2019, 5, 5), "day", "inferred", "5 May 2019")),
    ("The deal, signed on January 16, 2020, replaced one agreed on March 3, 2018.", None,
     EventDate(D(2020, 1, 16), "day", "inferred", "on January 16, 2020")),
    ("Leaders met on March 3, 2018 and aim to finish the road by December 31, 2025.", None,
     EventDate(D(2018, 3, 3), "day", "inferred", "on March 3, 2018")),
    ("Talks resumed in November 2017 after a long pause.", None,
     EventDate(D(2017, 11, 1), "month", "inferred", "in November 2017")),
    ("He recalled the 2017 APEC meeting in Da Nang.", None,
     EventDate(D(2017, 1, 1), "year", "inferred", "the 2017")),
    ("Trade grew in 2016 and in 2018; the goal is parity by 2030.", None,
     EventDate(D(2018, 1, 1), "year", "inferred", "in 2018")),
    ("The ministers met in the capital.", "Summit held on 5 May 2019",
     EventDate(D(2019, 5, 5), "day", "inferred", "on 5 May 2019")),
]


@pytest.mark.parametrize(("text", "title", "expected"), INFER_CASES)
def test_infer_document_date(text: str, title: str | None, expected: EventDate) -> None:
    assert infer_document_date(text, title) == expected


@pytest.mark.parametrize("text", ["No dates here.", "They aim for carbon neutrality by 2060.",
                                  "HANOI, Nov. 12 (VNA) – no year anywhere.",
                                  "They met on Monday."])
def test_infer_document_date_none(text: str) -> None:
    assert infer_document_date(text) is None


# --- properties ------------------------------------------------------------------------------

anchors = st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31))
weekdays = st.sampled_from(WEEKDAYS)


@given(anchors, weekdays, st.sampled_from(["any", "past"]))
def test_on_weekday_is_within_the_week_up_to_anchor(anchor: dt.date, day: str,
                                                    tense: str) -> None:
    mention = resolve(f"on {day}", anchor, tense=tense)  # type: ignore[arg-type]
    assert mention is not None
    assert anchor - dt.timedelta(days=6) <= mention.date <= anchor
    assert calendar.day_name[mention.date.weekday()] == day


@given(anchors, weekdays)
def test_future_and_next_weekday_are_within_the_week_after_anchor(anchor: dt.date,
                                                                   day: str) -> None:
    for mention in (resolve(f"on {day}", anchor, tense="future"), resolve(f"next {day}", anchor)):
        assert mention is not None
        assert anchor < mention.date <= anchor + dt.timedelta(days=7)
        assert calendar.day_name[mention.date.weekday()] == day


@given(anchors, weekdays)
def test_last_weekday_is_strictly_before_anchor(anchor: dt.date, day: str) -> None:
    mention = resolve(f"last {day}", anchor)
    assert mention is not None
    assert anchor - dt.timedelta(days=7) <= mention.date < anchor
    assert calendar.day_name[mention.date.weekday()] == day


@given(anchors, st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31)))
def test_yearless_date_is_within_a_year_up_to_a_week_ahead(anchor: dt.date,
                                                            date: dt.date) -> None:
    expression = f"{MONTHS[date.month - 1]} {date.day}"
    mention = resolve(expression, anchor)
    if mention is None:  # only February 29 can fail to land in a neighbouring year
        assert (date.month, date.day) == (2, 29)
        return
    assert (mention.date.month, mention.date.day) == (date.month, date.day)
    assert anchor - dt.timedelta(days=366 + 7) < mention.date <= anchor + dt.timedelta(days=7)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), anchors,
       st.sampled_from(["{M} {d}, {y}", "{d} {M} {y}", "{m3} {d}, {y}", "{y}-{mm}-{dd}",
                        "{m}/{d}/{y}", "on {M} {d}th, {y}"]))
def test_absolute_dates_round_trip(date: dt.date, anchor: dt.date, template: str) -> None:
    month = MONTHS[date.month - 1]
    short = month if month == "May" else month[:3] + "."
    expression = template.format(M=month, m3=short, d=date.day, y=date.year,
                                 mm=f"{date.month:02}", dd=f"{date.day:02}", m=date.month)
    mention = resolve(expression, anchor)
    assert mention is not None
    assert (mention.date, mention.precision, mention.relative) == (date, "day", False)


VOCAB = ["on", "Monday", "last", "next", "week", "Nov.", "12", "12th", "2017", "in", "May",
         "may", "the", "day", "before", "ago", "two", "years", "-", ",", ".", "2017-11-12",
         "11/12/2017", "early", "mid-", "will", "yesterday", "Sept", "31", "February", "30"]


@given(st.one_of(st.text(), st.lists(st.sampled_from(VOCAB), max_size=30).map(" ".join)),
       st.one_of(st.none(), st.dates()), st.one_of(st.none(), st.integers(-5000, 5000)))
def test_find_dates_never_raises_and_offsets_slice(text: str, anchor: dt.date | None,
                                                   default_year: int | None) -> None:
    found = find_dates(text, anchor, default_year=default_year)
    ends = -1
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= ends  # sorted and non-overlapping
        ends = mention.end


@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=80)))
def test_infer_document_date_never_raises(text: str, title: str | None) -> None:
    result = infer_document_date(text, title)
    assert result is None or result.source == "inferred"


# --- names, history, ranges, tense ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "the Good Friday Agreement was signed",
    "under the Camp David Accords",
    "the legacy of the May Fourth Movement",
    "Hurricane Maria hit Puerto Rico",
    "the July 4 Declaration was read",
    "markets fell on Black Monday",
])
def test_no_date_from_a_name(text: str) -> None:
    assert find_dates(text, WED) == []


def test_a_date_before_a_common_noun_is_a_date() -> None:
    assert [m.date for m in find_dates("on Friday talks began", WED)] == [D(2017, 11, 17)]


@pytest.mark.parametrize(("text", "start", "mention"), [
    ("The summit is on March 14-15 2024 in Hanoi.", D(2024, 3, 14), "on March 14-15 2024"),
    ("held on 14\u201315 March 2024", D(2024, 3, 14), "on 14\u201315 March 2024"),
    ("talks from 3 to 5 July 2024", D(2024, 7, 3), "from 3 to 5 July 2024"),
    ("from 30 June to 2 July 2025", D(2025, 6, 30), "from 30 June to 2 July 2025"),
    ("December 30 - January 2, 2025", D(2024, 12, 30), "December 30 - January 2, 2025"),
    ("between November 12 and 14, 2017", D(2017, 11, 12), "between November 12 and 14, 2017"),
])
def test_ranges_are_one_mention_dated_by_the_first_day(text, start, mention) -> None:
    found = find_dates(text, None)
    assert [(m.text, m.date, m.precision) for m in found] == [(mention, start, "day")]


def test_a_range_without_a_year_takes_the_anchor_year() -> None:
    found = find_dates("from 3 to 5 July", D(2024, 7, 10))
    assert [m.date for m in found] == [D(2024, 7, 3)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The summit is starting Friday.", D(2017, 11, 24)),
    ("The leaders are holding talks in Hanoi on Friday.", D(2017, 11, 24)),
    ("The summit opens Friday.", D(2017, 11, 24)),
    ("Xi will visit Hanoi on Friday.", D(2017, 11, 24)),
    ("Xi met Biden on Friday.", D(2017, 11, 17)),
    ("The EU is imposing sanctions, the Commission said on Friday.", D(2017, 11, 17)),
    ("Xi will visit Hanoi, the ministry said on Friday.", D(2017, 11, 17)),
    ("Police are investigating the attack that happened on Friday.", D(2017, 11, 17)),
    ("Kyiv is assessing the damage caused on Friday.", D(2017, 11, 17)),
])
def test_weekdays_follow_tense(text: str, expected: dt.date) -> None:
    assert [m.date for m in find_dates(text, WED)] == [expected]


def test_history_gives_no_document_year() -> None:
    text = ("Since diplomatic relations were established in 1950, the two countries have "
            "grown closer. On March 3 the leaders met.")
    assert infer_document_date(text) is None


def test_history_does_not_outrank_the_news() -> None:
    text = "The leaders met in 2024. Relations were established in 1950."
    found = infer_document_date(text)
    assert found is not None and found.date.year == 2024


def _clock(published: dt.date | None, text: str):  # noqa: ANN202 - a DocClock
    from dyads.clock import DocClock
    from dyads.models import Document

    return DocClock.for_document(Document(id="d", text=text, published=published), text)


def test_a_historical_full_date_dates_nothing() -> None:
    clock = _clock(D(2025, 1, 22), "")  # a Wednesday
    clock.sentence_date("The leaders met on Monday.")
    assert clock.sentence_date(
        "Relations were established on January 18, 1950.") == clock.current
    assert clock.current is not None and clock.current.date == D(2025, 1, 20)


def test_a_look_back_keeps_its_date_but_does_not_pass_it_on() -> None:
    clock = _clock(D(2025, 1, 20), "")
    back = clock.sentence_date("On March 3, 2022, the two sides signed a pact.")
    assert back is not None and back.date == D(2022, 3, 3)
    assert clock.current is not None and clock.current.date == D(2025, 1, 20)


@pytest.mark.parametrize("text", [
    "in line with the 1982 United Nations Convention on the Law of the Sea",
    "under the 2015 Paris Agreement",
    "the 2002 Declaration on the Conduct of Parties in the South China Sea",
])
def test_the_year_of_an_instrument_is_no_date(text: str) -> None:
    assert find_dates(text, None) == []
    assert infer_document_date(text) is None


def test_the_year_of_a_meeting_is_a_date() -> None:
    found = infer_document_date("Vietnam hosted the 2017 APEC Economic Leaders' Meeting.")
    assert found is not None and found.date.year == 2017


_DATE_WORDS = ["May", "may", "Sept.", "sep", "March", "mar", "Dec", "decided", "14", "3rd",
               "2024", "1999", "٣", "-", "–", "to", "on", "the", "of", "from", "between", "Monday",
               "friday", "today", "tonight", "this", "morning", "last", "night", "yesterday",
               "week", "weeks", "month", "year", "ago", "in", "three", "a", "early", "end", "by",
               "ſep", "\u212a", "\u0130", "\u0131", ",", ".", "/", "'s", "time", "next"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=8), st.sampled_from([" ", "", "  "]))
def test_a_rule_matches_only_where_its_guards_do(words: list[str], sep: str) -> None:
    """The guards of dates._scan skip a rule only where it cannot match."""
    from dyads import dates

    text = sep.join(words)
    for (pattern, _), guards in zip(dates._RULES, dates._RULE_GUARDS, strict=True):
        if pattern.search(text):
            assert all(g.search(text) for g in guards), (pattern.pattern[:60], text)


@pytest.mark.parametrize("text", [
    "On Monday, March 14-15, 2024, the leaders met.", "14–15 March 2024", "2024-03-05",
    "3/5/2024", "in early March 2024", "by the end of March", "last Friday", "the day before",
    "last week", "three years ago", "in two weeks' time", "on the 5th", "since 1991",
])
def test_every_date_rule_still_finds_its_example(text: str) -> None:
    assert find_dates(text, dt.date(2024, 3, 20))
