"""The model input: marked sentences, built the same way for training and at run time."""

from __future__ import annotations

import datetime as dt

from dyads.learned.marking import event_input, mark, mark_evidence, parties
from dyads.models import Entity, Event, EventDate, Evidence

SENT = "Japan pledged $500 million in aid to Ukraine."


def test_mark_wraps_each_span() -> None:
    marked = mark(SENT, [("T", (6, 13)), ("S", (0, 5)), ("R", (37, 44))])
    assert marked == "[S]Japan[/S] [T]pledged[/T] $500 million in aid to [R]Ukraine[/R]."


def test_adjacent_spans_close_before_they_open() -> None:
    assert mark("spoke with", [("T", (0, 5)), ("R", (5, 10))]) == "[T]spoke[/T][R] with[/R]"


def test_spans_outside_the_sentence_are_skipped() -> None:
    assert mark(SENT, [("S", (-5, 3)), ("R", (40, 90)), ("T", (6, 6))]) == SENT


def test_mark_evidence_uses_document_offsets() -> None:
    text = "Headline.\n" + SENT
    off = len("Headline.\n")
    ev = Evidence(1, off, off + len(SENT), (off + 6, off + 13), ((off, off + 5),),
                  ((off + 37, off + 44),), "agree/pledge")
    assert mark_evidence(text, ev).startswith("[S]Japan[/S] [T]pledged[/T]")


def test_parties_segment() -> None:
    assert parties(["USA"], ["CHN", "VNM"]) == "USA > CHN VNM"
    assert parties([], []) == "UNK > -"


def test_event_input_pairs_the_sentence_with_the_codes() -> None:
    ev = Evidence(0, 0, len(SENT), (6, 13), ((0, 5),), ((37, 44),), "agree/pledge")
    event = Event("d-0", "d", EventDate(dt.date(2024, 3, 5)), (Entity("JPN"),),
                  (Entity("UKR"),), "AGREE", "033", evidence=ev)
    text, pair = event_input(SENT, event) or ("", "")
    assert text.startswith("[S]Japan[/S]") and pair == "JPN > UKR"
    assert event_input(SENT, Event("d-1", "d", EventDate(dt.date(2024, 3, 5)), (), (),
                                   "AGREE", "033")) is None


def test_mirror_swaps_source_and_recipient() -> None:
    from dyads.learned.marking import mirror

    meeting = ("[S]Japan[/S] [T]met with[/T] [R]Ukraine[/R].", "JPN > UKR")
    assert mirror(meeting) == ("[R]Japan[/R] [T]met with[/T] [S]Ukraine[/S].", "UKR > JPN")
    assert mirror(mirror(meeting)) == meeting
    assert mirror(("[S]Japan[/S] [T]pledged[/T] aid.", "JPN > -")) == (
        "[R]Japan[/R] [T]pledged[/T] aid.", "- > JPN")
