"""Codebook vocabulary: news phrasings for common CAMEO categories (model-backed).
Sentences are our own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

D = "2024-03-05"

# Triggers whose own `example:` must match them (and not a shorter, wrong trigger).
OWN_EXAMPLE = [
    "retreat/cessation-hostilities", "mobilize/war-game", "cooperate/participate-exercise",
    "cooperate/participate-war-game", "cooperate/take-part-exercise",
    "aid/peacekeeping-troops", "aid/join-peacekeeping", "aid/approve-peacekeeping",
    "aid/hand-over-supplies", "aid/hand-over-military", "aid/announce-aid",
    "aid/announce-aid-amount", "aid/emergency-aid", "aid/evacuation", "aid/relief-operation",
    "aid/send-rescue-team", "aid/grant-political-asylum", "aid/donor-noun", "aid/deposit",
    "aid/mobilize-funds", "aid/fight-epidemic", "consult/launch-mediation",
    "consult/emergency-meeting", "retreat/announce-release", "retreat/let-free",
    "retreat/announce-withdrawal", "retreat/give-up-fighting", "retreat/renounce-violence",
    "sanction/announce-suspension", "sanction/announce-aid-suspension",
    "reject/cancel-planned-visit", "reject/dismiss-offer", "reject/block-bid",
    "concede/concede-defeat", "statement/consider-action", "statement/claim-own-attack",
    "protest/burn-flag",
    "protest/stop-work-strike", "coerce/seize-facility", "assault/destroy-military",
    "assault/hold-human-shields", "assault/responsible-for-violence",
    "coerce/state-of-siege", "cooperate/approve-extradition",
    "mobilize/declare-mobilization", "mobilize/prepare-resume-attack",
    "support/mobilize-backers", "agree/invitation-to-attend",
]


@pytest.mark.parametrize("rule", OWN_EXAMPLE)
def test_example_matches_its_trigger(coder, rule) -> None:
    from dyads.events.match import find_triggers
    from dyads.normalize import normalize

    trig = next(t for t in coder.codebook.triggers if t.id == rule)
    assert trig.example
    recognizer, _ = coder._parts()
    doc = recognizer(coder.nlp(normalize(trig.example)))
    found = [m.rule for s in doc.sents for m in find_triggers(s, coder.codebook)]
    assert rule in found, found


# (sentence, PLOVER type of the first record, or None for no record)
TABLE = [
    ("Germany returned looted bronzes to Nigeria.", "RETREAT"),
    ("Britain deployed 250 troops to the UN peacekeeping mission in Mali.", "AID"),
    ("India handed over medical equipment to the Maldives.", "AID"),
    ("The United States cut tariffs on Indian goods.", "RETREAT"),
    ("Ethiopia declared a unilateral ceasefire in Tigray.", "RETREAT"),
    ("Pyongyang dismissed an offer of talks from Washington.", "REJECT"),
    ("The Kenyan president cancelled a planned visit to London.", "REJECT"),
    ("Ukraine ordered a general mobilization.", "MOBILIZE"),
    ("Crowds burned an American flag in Karachi.", "PROTEST"),
    ("Miners stopped work in a strike over pay in Chile.", "PROTEST"),
    ("Indonesia and Australia held joint naval exercises.", "COOPERATE"),
    ("Spain approved the extradition of the former general to Argentina.", "COOPERATE"),
    ("Japan announced 10 million dollars in emergency assistance for Turkey.", "AID"),
    ("Japan is considering sending aid to Nepal.", None),
    ("The delegation returned to Paris after the talks.", None),
]


@pytest.mark.parametrize(("text", "event"), TABLE)
def test_first_record(coder, text, event) -> None:
    events = coder.code(text, D)
    got = [(e.event, e.evidence.rule if e.evidence else None) for e in events]
    if event is None:
        assert got == [], got
    else:
        assert got and got[0][0] == event, got


def test_emergency_aid_is_not_a_state_of_emergency(coder) -> None:
    events = coder.code("The EU announced emergency aid for flood victims in Libya.", D)
    assert all(e.event != "COERCE" for e in events), [(e.event, e.cameo) for e in events]


def test_fighting_a_disease_is_not_combat(coder) -> None:
    events = coder.code("Cuba sent doctors to help Haiti fight the cholera epidemic.", D)
    assert all(e.event != "ASSAULT" for e in events), [(e.event, e.cameo) for e in events]
