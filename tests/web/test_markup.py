"""Marking evidence spans in text, and filling timelines: pure functions, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyads.store import TimelineRow
from dyads.store.query import fill_periods
from dyads.web.markup import Span, mark, spans_of
from dyads.web.pages import amount

TEXT = "Xi Jinping spoke by telephone with To Lam."


def test_mark_cuts_the_text_at_each_span() -> None:
    pieces = mark(TEXT, [Span(11, 16, "trigger"), Span(0, 10, "actor"),
                         Span(35, 41, "recipient")])
    assert [(p.text, p.roles) for p in pieces] == [
        ("Xi Jinping", ("actor",)), (" ", ()), ("spoke", ("trigger",)),
        (" by telephone with ", ()), ("To Lam", ("recipient",)), (".", ())]


def test_overlapping_spans_give_a_piece_every_role_that_covers_it() -> None:
    pieces = mark("The two sides agreed", [Span(0, 13, "actor"), Span(0, 13, "recipient"),
                                           Span(4, 7, "trigger")])
    assert [(p.text, p.roles) for p in pieces] == [
        ("The ", ("actor", "recipient")), ("two", ("trigger", "actor", "recipient")),
        (" sides", ("actor", "recipient")), (" agreed", ())]


def test_mark_a_sentence_with_document_offsets() -> None:
    doc = "Headline.\n\n" + TEXT
    base = doc.index("Xi")
    pieces = mark(doc[base:], [Span(base + 11, base + 16, "trigger"), Span(0, 8, "actor")],
                  base=base)
    assert [p.text for p in pieces if p.roles] == ["spoke"]  # the headline span is outside


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-5, 50), st.integers(0, 20),
                                                st.sampled_from(["trigger", "actor"])),
                                      max_size=6))
def test_mark_keeps_every_character_once(text: str, raw: list[tuple[int, int, str]]) -> None:
    spans = [Span(s, s + n, role) for s, n, role in raw]  # type: ignore[arg-type]
    pieces = mark(text, spans)
    assert "".join(p.text for p in pieces) == text
    assert all(p.text for p in pieces)


def test_spans_of_reads_the_evidence_of_a_plover_record() -> None:
    record = {"event": ["CONSULT"], "cameo": "040",
              "evidence": {"trigger": [11, 16], "actor": [[0, 10]], "recipient": [[35, 41]]}}
    assert [(s.start, s.end, s.role) for s in spans_of(record)] == [
        (11, 16, "trigger"), (0, 10, "actor"), (35, 41, "recipient")]
    assert spans_of({"event": ["CONSULT"], "evidence": None}) == []
    assert spans_of({"evidence": {"trigger": "bad", "actor": [[3, 1]]}}) == []


def row(period: str, events: int = 1) -> TimelineRow:
    return TimelineRow(period, events, events, 0, 0, 0, 1.0)


@pytest.mark.parametrize(("by", "rows", "expected"), [
    ("month", ["2024-11", "2025-02"], ["2024-11", "2024-12", "2025-01", "2025-02"]),
    ("year", ["2021", "2023"], ["2021", "2022", "2023"]),
    ("week", ["2024-W52", "2025-W02"], ["2024-W52", "2025-W01", "2025-W02"]),
    ("day", ["2025-02-27", "2025-03-01"], ["2025-02-27", "2025-02-28", "2025-03-01"]),
    ("month", ["2025-01"], ["2025-01"]),
])
def test_fill_periods_puts_back_the_empty_periods(by: str, rows: list[str],
                                                  expected: list[str]) -> None:
    filled = fill_periods([row(p) for p in rows], by)  # type: ignore[arg-type]
    assert [r.period for r in filled] == expected
    assert sum(r.events for r in filled) == len(rows)


def test_fill_periods_leaves_very_long_timelines_alone() -> None:
    rows = [row("1990-01-01"), row("2025-01-01")]
    assert fill_periods(rows, "day") == rows


@pytest.mark.parametrize(("value", "unit", "text"), [
    (2e9, "USD", "USD 2 bn"), (18.5e9, "USD", "USD 18.5 bn"), (350e6, "EUR", "EUR 350 m"),
    (1200, None, "1,200"), (None, "USD", "")])
def test_amount(value: float | None, unit: str | None, text: str) -> None:
    assert amount(value, unit) == text
