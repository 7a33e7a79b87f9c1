"""Goals, purposes, references and history are no events (events/factual.py, issue 13)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

D = "2024-05-03"


@pytest.mark.parametrize("text, absent", [
    ("He emphasised several points to strengthen the friendship between Vietnam and China.",
     "SUPPORT"),
    ("Xi recalled his good impressions during his Vietnam tour in 2015.", "CONSULT"),
    ("It is essential to implement the declaration on defence cooperation with Laos.", "AGREE"),
    ("Japan stressed the importance of protecting civilians in Gaza.", "AID"),
])
def test_no_event(coder, text, absent) -> None:
    assert all(e.event != absent for e in coder.code(text, D)), coder.code(text, D)


@pytest.mark.parametrize("text, event, pair", [
    ("Trong proposed that the two countries settle the fishing issues.", "REQUEST", None),
    ("Trump called up Modi to congratulate him on his election victory.", "SUPPORT",
     ("USA", "IND")),
    ("The United States continued to send arms to Pakistan.", "AID", ("USA", "PAK")),
    ("Russian missiles struck Kharkiv, killing three people.", "ASSAULT", ("RUS", "UKR")),
])
def test_still_an_event(coder, text, event, pair) -> None:
    events = [e for e in coder.code(text, D) if e.event == event]
    assert events, coder.code(text, D)
    if pair:
        assert any((e.actor[0].code, e.recipient[0].code if e.recipient else "-") == pair
                   for e in events), events


def test_should_is_a_request_to_the_other_side(coder) -> None:
    text = ("Xi Jinping held talks with Nguyen Phu Trong in Hanoi. The two sides should boost "
            "trade, Xi said.")
    reqs = [e for e in coder.code(text, "2017-11-12") if e.event == "REQUEST"]
    assert [(e.actor[0].code, e.recipient[0].code) for e in reqs] == [("CHN", "VNM")]


def test_a_government_is_not_its_own_target(coder) -> None:
    events = coder.code("Russia's war represents an assault on international rules.", D)
    assert all(not e.recipient or e.recipient[0].code != e.actor[0].code for e in events)
