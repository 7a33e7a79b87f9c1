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
    # a bare verb the parser conjoins to "stressed" continues the goal "the need to …"
    ("Xi Jinping held talks with Nguyen Phu Trong. He stressed the need to promote the role "
     "of the steering committee in supervising the implementation of signed agreements, and "
     "step up cooperation in diplomacy, defence and security.", "MOBILIZE"),
    # gerunds hanging from a goal predicate ("it is essential to …, joining …")
    ("It is essential to well implement the declaration on defence cooperation by 2025, "
     "organise border exchanges, and share experience in health, joining United Nations "
     "peacekeeping missions, and combating crimes.", "ASSAULT"),
    ("It is essential to well implement the declaration on defence cooperation by 2025, "
     "organise border exchanges, and share experience in health, joining United Nations "
     "peacekeeping missions, and combating crimes.", "AID"),
    # "Y should …" asks only a named party; "all parties" is everyone
    ("Xi Jinping held talks with Nguyen Phu Trong. Trong said all parties should exercise "
     "restraint.", "REQUEST"),
    # "open to" is a standing position (ANNOTATION.md), not an intention
    ("Russia does not seek conflict and is open to sincere dialogue with the United States.",
     "AGREE"),
    # what a request asks for, as an infinitive the parser hangs as an adverbial clause
    ("Australia and Indonesia called on all parties in Myanmar to end the violence and allow "
     "humanitarian aid to reach civilians.", "RETREAT"),
    ("Australia and Indonesia called on all parties in Myanmar to end the violence and allow "
     "humanitarian aid to reach civilians.", "SANCTION"),
    # a tally since a month long past is no act of the document's time (D is 2024-05-03)
    ("The Philippines said a total of 20 diplomatic protests were filed against China since "
     "January this year.", "ACCUSE"),
    # support given to no one the text places: no dyad, no record
    ("President Biden thanked the participants for their dedication.", "SUPPORT"),
    ("President Buhari welcomed the decision of the Kaduna State Government to build more "
     "police stations.", "SUPPORT"),
    # a participle that describes a noun names no act
    ("The UN called on Libya's internationally recognized government to crack down on armed "
     "groups.", "SUPPORT"),
    # a characterisation names no act
    ("Russia's war represents an assault on international rules and norms.", "ASSAULT"),
    # "points to strengthen", parsed as a relative clause
    ("Xi Jinping held talks with Nguyen Phu Trong. Trong emphasised several main points to "
     "strengthen the friendship and cooperation between the two Parties and countries.",
     "SUPPORT"),
    # a promise named in a prepositional phrase is referred to or praised, not made
    ("Kenya has received 2.8 million vaccines as part of the pledge President Biden made at "
     "the G7 to donate 500 million vaccine doses globally.", "AGREE"),
    ("President Biden expressed appreciation for the GCC countries\u2019 pledge to provide "
     "$100 million for the East Jerusalem Hospital Network.", "AGREE"),
    # a noun's goal that the parser hangs from a preposition ("alongside … work to …")
    ("Alongside our diplomatic work to protect our own borders and to assist the Ukrainian "
     "government, Canada imposed new sanctions on Russian banks.", "AID"),
])
def test_no_event(coder, text, absent) -> None:
    assert all(e.event != absent for e in coder.code(text, D)), coder.code(text, D)


@pytest.mark.parametrize("text, event, pair", [
    ("Trong proposed that the two countries settle the fishing issues.", "REQUEST", None),
    ("Trump called up Modi to congratulate him on his election victory.", "SUPPORT",
     ("USA", "IND")),
    ("The United States continued to send arms to Pakistan.", "AID", ("USA", "PAK")),
    ("Russian missiles struck Kharkiv, killing three people.", "ASSAULT", ("RUS", "UKR")),
    ("Qatar said that all political forces in Yemen must support the Yemeni authorities.",
     "REQUEST", ("QAT", "YEM")),
    ("Xi Jinping held talks with Nguyen Phu Trong. The two sides should boost trade, Trong "
     "said.", "REQUEST", ("VNM", "CHN")),
    ("The Philippines said protests were filed against China since April 30.", "ACCUSE", None),
    ("China and the Eurasian Economic Union signed an agreement on trade.", "SUPPORT", None),
    ("The United States remains the largest donor of humanitarian assistance in Iraq.", "AID",
     ("USA", "IRQ")),
    ("Alongside our diplomatic work to protect our own borders and to assist the Ukrainian "
     "government, Canada imposed new sanctions on Russian banks.", "SANCTION", ("CAN", "RUS")),
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


def _pairs(events, kind: str) -> list[tuple[str, str]]:
    return [(e.actor[0].code, e.recipient[0].code if e.recipient else "-")
            for e in events if e.event == kind]


def test_a_proposal_to_the_two_sides_is_asked_of_the_counterpart_and_nothing_more(coder):
    text = ("Lee Jae-myung held talks with Shigeru Ishiba in Tokyo. Lee proposed that the two "
            "countries settle the dispute over fishing grounds; share, protect and use the "
            "waters in a sustainable way, while working closely in fighting smuggling.")
    events = coder.code(text, "2025-08-23")
    assert _pairs(events, "REQUEST") == [("KOR", "JPN")], events
    assert {e.event for e in events} == {"CONSULT", "REQUEST"}, events


def test_what_should_be_done_is_one_request_not_several_acts(coder) -> None:
    text = ("Modi met Albanese in New Delhi. The two sides should expand trade, cooperate in "
            "mining and build new supply chains, Modi said.")
    events = coder.code(text, "2023-03-10")
    assert _pairs(events, "REQUEST") == [("IND", "AUS")], events
    assert {e.event for e in events} == {"CONSULT", "REQUEST"}, events


def test_a_call_on_others_holds_every_act_it_asks_for(coder) -> None:
    events = coder.code("The EU calls on all parties to cease all violence and allow "
                        "unhindered access to humanitarian aid in Sudan.", D)
    assert {e.event for e in events} == {"REQUEST"}, events


@pytest.mark.parametrize("text, event, pair", [
    ("Brazil and Argentina exchanged New Year greetings.", "SUPPORT",
     ("BRA", "ARG")),
    ("Beijing welcomes Paris to actively participate in the upcoming expo.", "AGREE",
     ("CHN", "FRA")),
    ("We will hold Russia to account for its aggression, Canada said.", "THREATEN",
     ("CAN", "RUS")),
    ("Japan imposed severe measures on key Russian banks.", "SANCTION", ("JPN", "RUS")),
    ("South Korea will contribute $18 million of rice assistance to Somalia.", "AGREE",
     ("KOR", "SOM")),
])
def test_readout_vocabulary(coder, text, event, pair) -> None:
    events = coder.code(text, D)
    assert pair in _pairs(events, event), events


def test_contributing_to_peace_is_no_aid(coder) -> None:
    events = coder.code("The two countries' cooperation has contributed to peace and "
                        "stability in the region, Widodo said.", D)
    assert all(e.event != "AID" for e in events), events


def test_an_invitation_is_the_inviters_act_not_the_guests_visit(coder) -> None:
    events = coder.code("President Biden invited President Lula to visit Washington in "
                        "early February.", "2023-01-09")
    assert [(e.event, *_pairs([e], e.event)[0]) for e in events] == [("AGREE", "USA", "BRA")]


def test_each_named_recipient_gets_a_record(coder) -> None:
    events = coder.code("Vietnam will provide Turkey and Syria with 100,000 USD each as "
                        "relief aid.", "2023-02-14")
    assert sorted(_pairs(events, "AGREE")) == [("VNM", "SYR"), ("VNM", "TUR")], events


@pytest.mark.parametrize("text", [
    "The allies committed to imposing restrictive measures on Russian banks.",
    "Japan is committed to opening up its rice market to Australia.",
])
def test_what_is_committed_to_is_an_intention(coder, text) -> None:
    events = coder.code(text, D)
    assert events and all(e.modality == "intended" for e in events), events


@pytest.mark.parametrize("text, event, pair", [
    ("The Philippines protested the harassment of its vessels by China's coast guard.",
     "ACCUSE", ("PHL", "CHN")),
    ("Kenyan students protested in Nairobi against the new tax law.", "PROTEST",
     ("KEN", "KEN")),
    ("The Chinese leader highly valued the role of Vietnam's National Assembly.", "SUPPORT",
     ("CHN", "VNM")),
    ("Biden conveyed the unwavering support of the United States for Brazil's democracy.",
     "SUPPORT", ("USA", "BRA")),
    ("Hanoi hopes to work with Beijing to strengthen mutual trust.", "AGREE",
     ("VNM", "CHN")),
])
def test_who_protests_praises_and_offers_to_work_with_whom(coder, text, event, pair) -> None:
    events = coder.code(text, D)
    assert pair in _pairs(events, event), events


@pytest.mark.parametrize("text, absent", [
    ("Tokyo and Seoul underscored the importance of their work to share missile warning "
     "data.", "COOPERATE"),
    ("We need to consolidate political trust and strengthen our ties with Laos, Lee said.",
     "SUPPORT"),
    ("Lula condemned the violence and the attack on democratic institutions in Brasilia.",
     "ASSAULT"),
    ("London condemned Russia's decision to expel a British diplomat.", "SANCTION"),
    ("Kenya has received 2.8 million vaccine doses from the United States.", "CONSULT"),
])
def test_acts_only_named_are_no_records(coder, text, absent) -> None:
    events = coder.code(text, D)
    assert all(e.event != absent for e in events), events


def test_the_condemnation_itself_stays(coder) -> None:
    events = coder.code("London condemned Russia's decision to expel a British diplomat.", D)
    assert ("GBR", "RUS") in _pairs(events, "ACCUSE"), events


def test_two_leaders_in_one_subject_phrase_both_spoke(coder) -> None:
    text = ("President Emmanuel Macron of the French Republic and President Joe Biden of the "
            "United States of America spoke on September 22.")
    events = coder.code(text, "2021-09-22")
    assert sorted(_pairs(events, "CONSULT")) == [("FRA", "USA"), ("USA", "FRA")], events


def test_who_is_banned_is_the_target_and_the_banning_state_the_source(coder) -> None:
    text = ("The Foreign Ministry has published a list of 500 Japanese citizens who are "
            "permanently banned from entering the territory of Russia.")
    events = [e for e in coder.code(text, D) if e.event in {"REJECT", "SANCTION"}]
    assert [(e.actor[0].code, e.recipient[0].code) for e in events] == [("RUS", "JPN")], events


def test_criticism_in_a_bilateral_readout_is_aimed_at_the_counterpart(coder) -> None:
    text = ("President Biden spoke with President Lula of Brazil. President Biden condemned "
            "the violence and the attack on democratic institutions.")
    events = coder.code(text, "2023-01-09")
    assert ("USA", "BRA") in _pairs(events, "ACCUSE"), events


def test_support_by_no_one_placed_for_no_one_is_no_record(coder) -> None:
    events = coder.code("Philanthropic organizations are making long-term investments to "
                        "support communities in accessing resources.", D)
    assert events == [], events


@pytest.mark.parametrize("text", [
    "The union urged an end to the strike.",
    "The participants agreed on the urgency of building a broad coalition.",
])
def test_requests_and_promises_by_no_one_placed_to_no_one_are_no_records(coder, text) -> None:
    assert coder.code(text, D) == [], coder.code(text, D)


def test_a_meeting_with_no_other_party_is_no_record(coder) -> None:
    text = ("Readout of Meeting with Congressional Black Caucus\n\nToday, President Joe Biden "
            "and Vice President Kamala Harris hosted the executive leadership of the "
            "Congressional Black Caucus (CBC) in the Oval Office to discuss topics of critical "
            "importance, including economic recovery.")
    assert all(e.event != "CONSULT" for e in coder.code(text, D)), coder.code(text, D)


@pytest.mark.parametrize("text", [
    "This purchase will support more than one million American jobs in India.",
    "These initiatives aim to support Indonesia as a partner in secure networks.",
    "Increased cooperation between the United States and Norway will help reduce dependencies.",
])
def test_a_thing_as_subject_is_no_actor(coder, text) -> None:
    assert coder.code(text, D) == [], coder.code(text, D)


@pytest.mark.parametrize(("text", "event", "recipient"), [
    ("The union urged Nigeria to end the strike.", "REQUEST", ["NGA"]),  # a party is placed
    ("The union condemned the closure of the factory.", "ACCUSE", []),  # accusations stay
    ("The union rejected the offer.", "REJECT", []),  # and so do refusals
])
def test_an_unplaced_actor_still_acts(coder, text, event, recipient) -> None:
    events = coder.code(text, D)
    assert any(e.event == event and [r.code for r in e.recipient] == recipient
               for e in events), events


@pytest.mark.parametrize("text, kept", [
    ("The new fund may help Kenya expand its vaccine production.", False),
    ("Japan could provide additional aid to Ukraine.", False),
    ("Kishida said Japan would provide additional aid to Ukraine.", True),
])
def test_what_is_only_possible_is_not_promised(coder, text, kept) -> None:
    events = [e for e in coder.code(text, D) if e.event in {"AID", "AGREE"}]
    assert bool(events) is kept, events


@pytest.mark.parametrize("text, absent", [
    ("In recent years, I have kept close contact with the General Secretary, and we have "
     "reached a series of important consensus with China.", "AGREE"),
    ("It is the primary responsibility of the Syrian government to protect its citizens.",
     "AID"),
    ("This was part of activities implementing the cultural agreement between Vietnam and "
     "China.", "AGREE"),
    ("Xi suggested that the two countries maintain high-level contacts; deepen the Party "
     "channel and increase cooperation in defence with Vietnam.", "MOBILIZE"),
    ("Manila protested the harassment of Philippine vessels by Chinese ships patrolling the "
     "shoal.", "MOBILIZE"),
    ("China is willing to jointly break new ground in bilateral relations with France.",
     "SANCTION"),
])
def test_more_acts_that_are_not_reported(coder, text, absent) -> None:
    events = coder.code(text, "2020-01-21")
    assert all(e.event != absent for e in events), events


def test_being_in_a_position_to_provide_is_an_offer(coder) -> None:
    events = coder.code("Australia is in a position to provide emergency relief supplies to "
                        "Indonesia.", D)
    assert [(e.event, e.modality) for e in events] == [("AGREE", "intended")], events
