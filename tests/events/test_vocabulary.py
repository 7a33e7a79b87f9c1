"""Codebook vocabulary: news phrasings for common CAMEO categories (model-backed).
Sentences are our own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

D = "2024-03-05"

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
    # readouts and spokespeople (issue 13.5)
    ("President Biden conveyed his ongoing commitment to President Macron.", "AGREE"),
    ("China took countermeasures against American defence companies.", "SANCTION"),
    ("Russia announced retaliatory measures against the European Union.", "SANCTION"),
    ("Sanctions have been imposed on Iran by the United States.", "SANCTION"),
    ("The EU announced the imposition of sanctions on Russia.", "SANCTION"),
    ("Russia banned entry to hundreds of American citizens.", "SANCTION"),
    ("Britain revoked the accreditation of a Russian diplomat.", "SANCTION"),
    ("Russia's foreign ministry called the new EU sanctions illegal.", "ACCUSE"),
    ("China called the American decision irresponsible.", "ACCUSE"),
    ("Moscow described the expulsion as an unfriendly step.", "ACCUSE"),
    ("The minister termed the accusations unfounded.", "ACCUSE"),
    ("The EU is gravely concerned by Syria's escalation of violence.", "ACCUSE"),
    ("Vietnam strongly protests China's live-fire drills.", "ACCUSE"),
    ("Beijing lodged a strong protest with Tokyo.", "ACCUSE"),
    ("The Philippines summoned the Chinese ambassador.", "ACCUSE"),
    ("The Russian ambassador was summoned by the British foreign office.", "ACCUSE"),
    ("The Japanese foreign minister called on the Indian prime minister in New Delhi.",
     "CONSULT"),
    ("The EU called on Russia to withdraw its troops from Ukraine.", "REQUEST"),
    ("The Japanese government extended Emergency Grant Aid to Turkey.", "AID"),
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


@pytest.mark.parametrize(("text", "rule", "mode"), [
    ("Japanese Foreign Minister Kono held a telephonic conversation with Australian Foreign "
     "Minister Bishop.", "consult/hold-phone-talks", "phone"),
    ("The Japanese foreign minister called on the Indian prime minister in New Delhi.",
     "consult/call-on-visit", "visit"),
])
def test_consult_mode(coder, text, rule, mode) -> None:  # noqa: ANN001
    events = coder.code(text, D)
    got = [(e.evidence.rule if e.evidence else "", e.mode) for e in events]
    assert any(r.startswith(rule) and mode in m for r, m in got), got


def test_calling_on_someone_to_act_is_no_visit(coder) -> None:  # noqa: ANN001
    events = coder.code("The Japanese foreign minister called on the Indian prime minister to "
                        "visit Tokyo.", D)
    assert all(e.evidence is None or e.evidence.rule != "consult/call-on-visit"
               for e in events), [(e.event, e.evidence) for e in events]


def test_called_on_a_day_is_no_call_on(coder) -> None:  # noqa: ANN001
    events = coder.code("The British prime minister called on Friday for new elections.", D)
    assert all(e.event != "CONSULT" for e in events), [(e.event, e.cameo) for e in events]


def test_longest_trigger_wins_emergency_grant_aid(coder) -> None:  # noqa: ANN001
    events = coder.code("The Government of Japan decided to extend Emergency Grant Aid of 1 "
                        "million dollars to Turkey.", D)
    assert events and all(e.event in {"AID", "AGREE"} for e in events), \
        [(e.event, e.cameo) for e in events]


@pytest.mark.parametrize(("text", "absent"), [
    # partners who combat a problem together are not at war with each other
    ("The United States and Canada are combating fentanyl trafficking together.", "ASSAULT"),
    ("Australia and the United States combat illegal fishing in the Pacific.", "ASSAULT"),
    # protecting values, rights and people by law is no military protection (CAMEO 074)
    ("Macron defended a bill to protect police officers from online harassment.", "AID"),
    # "called X a violation" asks for nothing; "asked the military to" is no request for arms
    ("China called the US arms sales to Taiwan a violation of its sovereignty.", "REQUEST"),
    # deploying technology is no mobilisation of forces
    ("France and India accelerated the deployment of renewable energy.", "MOBILIZE"),
])
def test_abstract_fights_and_protection_are_no_force(coder, text, absent) -> None:  # noqa: ANN001
    events = coder.code(text, D)
    assert all(e.event != absent for e in events), [(e.event, e.cameo) for e in events]


@pytest.mark.parametrize(("text", "event"), [
    ("UN peacekeepers guarded the airport in Bangui for the Central African Republic.", "AID"),
    ("Kurdish forces battled Islamic State fighters near Kobani.", "ASSAULT"),
])
def test_military_protection_and_battles_stay(coder, text, event) -> None:  # noqa: ANN001
    assert any(e.event == event for e in coder.code(text, D)), coder.code(text, D)


@pytest.mark.parametrize(
    "text",
    [
        # the parser hangs "as" inside the object's own clause ("to impose ... as")
        "Beijing described Tokyo's decision to release water from the plant as irresponsible.",
        "Moscow described Washington's efforts to expand the alliance as provocative.",
    ],
)
def test_described_as_reaches_past_the_objects_own_clause(coder, text) -> None:  # noqa: ANN001
    got = [(e.event, e.evidence.rule) for e in coder.code(text, D)]
    assert ("ACCUSE", "accuse/call-illegal") in got, got


def test_an_as_of_the_verbs_own_is_not_reached_past(coder) -> None:  # noqa: ANN001
    # "as a sign of": the verb's own "as" phrase; "unacceptable" lies in another clause
    got = coder.code("Seoul described the talks as a sign of hope that Tokyo would stop "
                     "unacceptable practices.", D)
    assert not [e for e in got if e.evidence.rule == "accuse/call-illegal"], got


def test_a_joint_decision_to_act_is_an_agreement_both_ways(coder) -> None:  # noqa: ANN001
    got = {(e.event, e.actor[0].code, e.recipient[0].code) for e in coder.code(
        "Indonesia and Malaysia decided to open talks on their maritime boundary.", D)
        if e.recipient and e.evidence.rule == "agree/decide"}
    assert got == {("AGREE", "IDN", "MYS"), ("AGREE", "MYS", "IDN")}, got


def test_a_decision_about_another_party_is_an_agreement_with_it(coder) -> None:  # noqa: ANN001
    got = [(e.event, e.actor[0].code, [r.code for r in e.recipient]) for e in coder.code(
        "Seoul has decided that its ambassador will return to Tokyo next week.", D)]
    assert ("AGREE", "KOR", ["JPN"]) in got, got


@pytest.mark.parametrize(
    "text",
    [
        # a decision referred to, and one still to be taken
        "The ministers discussed the road map for Chile, as decided at the Lima summit.",
        "Brazil will consult Argentina as it decides on a new trade envoy.",
    ],
)
def test_decided_with_no_complement_is_no_agreement(coder, text) -> None:  # noqa: ANN001
    assert not [e for e in coder.code(text, D) if e.evidence.rule == "agree/decide"]
