"""Sentence → event tables for the coder (model-backed). Sentences are our own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

D = "2024-03-05"

# (sentence, PLOVER type, source, target or None)
TABLE = [
    # verbal cooperation
    ("France and Germany agreed to boost defence spending.", "AGREE", "FRA", "DEU"),
    ("Japan pledged 500 million dollars in aid to Ukraine.", "AGREE", "JPN", "UKR"),
    ("The Indian foreign minister met his Chinese counterpart in Moscow.", "CONSULT", "IND", "CHN"),
    ("President Macron spoke by phone with Chancellor Scholz.", "CONSULT", "FRA", "DEU"),
    ("Turkey praised Qatar for its mediation.", "SUPPORT", "TUR", "QAT"),
    ("Australia and Indonesia signed a security agreement.", "SUPPORT", "AUS", "IDN"),
    ("Serbia apologized to Croatia for the incident.", "SUPPORT", "SRB", "HRV"),
    # material cooperation
    ("The United States sent military aid to Ukraine.", "AID", "USA", "UKR"),
    ("Norway provided humanitarian assistance to Sudan.", "AID", "NOR", "SDN"),
    ("Egypt and Israel cooperated on border security.", "COOPERATE", "EGY", "ISR"),
    ("Russia released two Ukrainian prisoners.", "RETREAT", "RUS", None),
    ("Israel withdrew its troops from Gaza.", "RETREAT", "ISR", None),
    # verbal conflict
    ("China urged the Philippines to stop provocations in the South China Sea.",
     "REQUEST", "CHN", "PHL"),
    ("India accused Pakistan of supporting terrorism.", "ACCUSE", "IND", "PAK"),
    ("Iran condemned the Israeli air strike.", "ACCUSE", "IRN", None),
    ("Hungary rejected the European Commission's proposal.", "REJECT", "HUN", "EUR"),
    ("North Korea threatened South Korea with nuclear retaliation.", "THREATEN", "PRK", "KOR"),
    ("The European Union imposed sanctions on Belarus.", "SANCTION", "EUR", "BLR"),
    ("Lithuania expelled three Russian diplomats.", "SANCTION", "LTU", "RUS"),
    # material conflict
    ("Protesters in Nairobi demonstrated against the Kenyan government.", "PROTEST", "KEN", None),
    ("Russia deployed troops to the Belarusian border.", "MOBILIZE", "RUS", None),
    ("Police in Dhaka arrested dozens of opposition activists.", "COERCE", "BGD", None),
    ("Russian forces shelled the Ukrainian city of Kharkiv.", "ASSAULT", "RUS", "UKR"),
    ("Israeli jets bombed targets in Lebanon.", "ASSAULT", "ISR", "LBN"),
]


@pytest.mark.parametrize(("text", "event", "source", "target"), TABLE)
def test_table(coder, text, event, source, target) -> None:
    events = coder.code(text, D)
    got = [(e.event, {a.code for a in e.actor}, {r.code for r in e.recipient}) for e in events]
    assert any(ev == event and source in a and (target is None or target in r)
               for ev, a, r in got), got


@pytest.mark.parametrize(
    ("text", "modality", "event"),
    [
        ("China will provide economic aid to Laos.", "intended", "AGREE"),
        ("China provided economic aid to Laos.", "asserted", "AID"),
        ("Russia refused to withdraw its troops from Ukraine.", None, "REJECT"),
        ("Vietnam did not agree to the Chinese proposal.", "negated", "REJECT"),
        # verbs of aspect and decision: what they govern is done, unless they are future
        ("Japan continued to send aid to Ukraine.", "asserted", "AID"),
        ("The European Union decided to lift sanctions on Belarus.", "asserted", "RETREAT"),
        ("China will continue to provide aid to Laos.", "intended", "AGREE"),
        ("China vowed to provide aid to Laos.", "intended", "AGREE"),
        ("The ministers discussed the commitment of Japan to provide aid to Laos.", "intended",
         "AGREE"),
        # a clause with a subject of its own keeps its own modality
        ("As Russian forces unleash their assault on Kyiv, we are resolved to continue "
         "imposing costs on Russia.", "asserted", "ASSAULT"),
        # talks named as the object of a future or intended act are intended talks
        ("The United States and the European Union will continue discussions on export "
         "controls.", "intended", "AGREE"),
        ("Japan and Vietnam agreed to launch a strategic dialogue.", None, "AGREE"),
        ("Japan and Vietnam held a strategic dialogue in Hanoi.", "asserted", "CONSULT"),
    ],
)
def test_modality(coder, text, modality, event) -> None:
    events = coder.code(text, D)
    assert any(e.event == event and (modality is None or e.modality == modality)
               for e in events), [(e.event, e.modality) for e in events]
    if modality != "asserted":  # and no meeting of the same sentence is told as done
        assert all(e.modality != "asserted" or e.event != "CONSULT" for e in events), \
            [(e.event, e.modality) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "If Russia attacks Finland, NATO will respond.",
        "Will China invade Taiwan?",
    ],
)
def test_conditionals_and_questions_are_not_facts(coder, text) -> None:
    assert [e for e in coder.code(text, D) if e.modality == "asserted"
            and e.event in {"ASSAULT", "COERCE"}] == []


def test_passive_voice(coder) -> None:
    events = coder.code("The Chinese delegation was welcomed by Vietnamese Prime Minister "
                        "Pham Minh Chinh.", D)
    assert any({a.code for a in e.actor} == {"VNM"} and {r.code for r in e.recipient} == {"CHN"}
               for e in events), [(e.event, e.actor, e.recipient) for e in events]


@pytest.mark.parametrize(("text", "event", "pair"), [
    ("The EU is gravely concerned by the escalating violence in Syria.", "ACCUSE", ("EUR", "SYR")),
    ("Japan was greatly encouraged by the strong message issued by Australia.", "SUPPORT",
     ("JPN", "AUS")),
])
def test_by_names_the_cause_of_a_feeling_not_its_agent(coder, text, event, pair) -> None:
    events = coder.code(text, D)
    assert [(e.actor[0].code, e.recipient[0].code) for e in events if e.event == event] \
        == [pair], events


def test_a_purpose_names_no_recipient(coder) -> None:
    events = coder.code("Wang Yi spoke with Emmanuel Bonne by phone. China is willing to maintain "
                        "close communication with the French side and jointly break new ground "
                        "in bilateral relations so as to make new contributions to China-EU "
                        "relations.", "2022-02-26")
    assert {e.recipient[0].code for e in events if e.event == "AGREE" and e.recipient} \
        <= {"FRA"}, events


def test_a_government_protest_is_never_aimed_at_its_own_country(coder) -> None:
    events = coder.code("Deputy Chief of Mission of the Chinese Embassy Zhou Zhiyong was summoned "
                        "to protest the recent harassment of Chinese ships.", D)
    assert not [e for e in events if e.recipient and e.actor[0].code == e.recipient[0].code], \
        events


def test_a_wire_dateline_is_not_a_subject(coder) -> None:
    events = coder.code("New Delhi, May 25 (IANS) US President Donald Trump on Friday called up "
                        "Prime Minister Narendra Modi to congratulate him on his election "
                        "victory.", "2019-05-25")
    assert [(e.actor[0].code, e.recipient[0].code) for e in events if e.event == "SUPPORT"] \
        == [("USA", "IND")], events


def test_a_relative_pronoun_object_is_the_noun_its_clause_modifies(coder) -> None:
    events = coder.code("Among other callers was King Salman of Saudi Arabia, whom Modi "
                        "thanked for his good wishes.", D)
    assert [(e.actor[0].code, e.recipient[0].code) for e in events if e.event == "SUPPORT"] \
        == [("IND", "SAU")], events


@pytest.mark.parametrize("first", [
    "North Korea's missile test",
    "the Democratic People's Republic of Korea's (DPRK) ballistic missile test",
])
def test_the_act_condemned_is_the_one_named_earlier(coder, first) -> None:
    text = (f"Sullivan spoke with Cho Taeyong of the Republic of Korea following {first}. "
            "The advisors condemned the test, which is a flagrant violation of multiple UN "
            "Security Council resolutions.")
    accused = {(e.actor[0].code, e.recipient[0].code if e.recipient else "-")
               for e in coder.code(text, D) if e.event == "ACCUSE"}
    assert accused == {("USA", "PRK"), ("KOR", "PRK")}, accused


@pytest.mark.parametrize("text", [
    "Vietnam condemned the drill, which violates the United Nations Convention on the Law of "
    "the Sea.",
])
def test_a_relative_clause_or_a_treaty_names_no_target(coder, text) -> None:
    assert [e.recipient for e in coder.code(text, D) if e.event == "ACCUSE"] == [()]


def test_a_relative_clause_with_its_own_subject_names_the_perpetrator(coder) -> None:
    events = coder.code("We condemn the barbaric missile attacks that Russia perpetrated on "
                        "Ukrainian cities on Tuesday.", D)
    assert [e.recipient[0].code for e in events if e.event == "ACCUSE"] == ["RUS"], events


def test_reported_speech_keeps_the_inner_subject(coder) -> None:
    events = coder.code("Xi said China will provide aid to Vietnam.", D)
    assert any(e.actor[0].code == "CHN" and e.recipient and e.recipient[0].code == "VNM"
               and e.event == "AGREE" for e in events)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Syrian rebels said President Assad must step down.", "SYR"),
        ("Opposition leaders in Venezuela said President Maduro must resign.", "VEN"),
    ],
)
def test_a_demand_on_another_part_of_the_speakers_country_is_a_request(
        coder, text, country) -> None:
    got = [(e.event, e.actor[0].code, [r.code for r in e.recipient]) for e in coder.code(text, D)]
    assert ("REQUEST", country, [country]) in got, got


def test_a_state_does_not_demand_of_itself(coder) -> None:
    events = coder.code("Chinese Foreign Minister Wang Yi said China must stand firm.", D)
    assert not any(e.event == "REQUEST" for e in events), events


@pytest.mark.parametrize(
    ("text", "source", "target", "place"),
    [
        ("Iran mobilized supporters in Iraq to back the Syrian government.", "IRN", "SYR", "IRQ"),
        ("Qatar mobilized lobby groups in France to help support the Palestinians.",
         "QAT", "PSE", "FRA"),
    ],
)
def test_where_people_are_is_not_the_recipient(coder, text, source, target, place) -> None:
    got = [(e.actor[0].code, [r.code for r in e.recipient]) for e in coder.code(text, D)]
    assert (source, [target]) in got, got
    assert not any(place in r for _, r in got), got


def test_people_the_act_is_aimed_at_are_of_the_country_they_are_in(coder) -> None:
    events = coder.code("The United States mobilized aid to support people within Ukraine.", D)
    assert any(e.actor[0].code == "USA" and [r.code for r in e.recipient] == ["UKR"]
               for e in events), events


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Pakistan complained to the UN Security Council about Indian shelling in Kashmir.", "IND"),
        ("Vietnam complained to the United Nations about the Chinese survey ship.", "CHN"),
        # nobody accused but the UN: the UN stays the target
        ("Iran complained to the UN about the sanctions.", "UNO"),
    ],
)
def test_a_complaint_to_the_un_targets_the_one_accused(coder, text, target) -> None:
    got = [[r.code for r in e.recipient] for e in coder.code(text, D) if e.event == "ACCUSE"]
    assert got == [[target]], got


@pytest.mark.parametrize(
    ("text", "event", "source", "target"),
    [
        # a release promised by rebels: a target at home
        ("Malian rebels said they would release Prime Minister Moussa Diarra on Friday.",
         "AGREE", "MLI", "MLI"),
        # the one country the sentence names is the office holder's
        ("The UN envoy met Prime Minister Ahmad Karimi in Kabul.", "CONSULT", "UNO", "AFG"),
    ],
)
def test_an_office_holder_the_kb_cannot_place_is_of_the_one_country_named(
        coder, text, event, source, target) -> None:
    got = [(e.event, e.actor[0].code, [r.code for r in e.recipient]) for e in coder.code(text, D)]
    assert (event, source, [target]) in got, got


def test_an_office_holder_of_the_sources_own_state_is_no_self_dyad(coder) -> None:
    got = [(e.event, e.actor[0].code, [r.code for r in e.recipient])
           for e in coder.code("China criticized Prime Minister Jonas Berg.", D)]
    assert got == [("ACCUSE", "CHN", [])], got


def test_every_record_names_its_rule_and_evidence(coder) -> None:
    text = "Japan pledged 500 million dollars in aid to Ukraine."
    for e in coder.code(text, D):
        assert e.evidence is not None and e.evidence.rule
        start, end = e.evidence.trigger
        assert text[start:end] in e.event_text


def test_statements_only_on_request(coder) -> None:
    from dyads.pipeline import Coder
    from dyads.settings import Settings

    text = "The Chinese Foreign Ministry said on Monday that talks were going well."
    assert all(e.cameo[:2] != "01" for e in coder.code(text, D))
    with_statements = Coder(Settings(statements=True))
    assert any(e.cameo[:2] == "01" for e in with_statements.code(text, D))


@pytest.mark.parametrize(
    "text",
    [
        "The leaders noted the commitment of Japan to provide aid to Laos.",
        "Japan's decision to send aid to Laos was announced on Friday.",
        "The two ministers discussed the pledge by Japan to send aid to Laos.",
    ],
)
def test_the_owner_of_a_decision_or_commitment_is_the_source(coder, text) -> None:
    events = [e for e in coder.code(text, D) if e.event in {"AID", "AGREE"}]
    assert events and {a.code for e in events for a in e.actor} == {"JPN"}, events


@pytest.mark.parametrize(
    ("text", "event", "dyads"),
    [
        # a joint subject with no recipient of its own: each is the other's recipient
        ("Ecuador and Peru reaffirmed their commitment to the border treaty.", "AGREE",
         {("ECU", "PER"), ("PER", "ECU")}),
        ("Mongolia and Kazakhstan welcomed the opening of a new rail link.", "SUPPORT",
         {("MNG", "KAZ"), ("KAZ", "MNG")}),
    ],
)
def test_a_joint_subject_acts_towards_each_other(coder, text, event, dyads) -> None:
    got = {(a.code, r.code) for ev in coder.code(text, D) if ev.event == event
           for a in ev.actor for r in ev.recipient}
    assert got == dyads


def test_a_joint_condemnation_is_not_aimed_at_each_other(coder) -> None:
    events = coder.code("Japan and Australia condemned the missile launch.", D)
    assert events and all(not ev.recipient for ev in events if ev.event == "ACCUSE")


def test_a_proposal_is_made_to_the_party_that_is_to_act(coder) -> None:
    text = ("Prime Minister Anwar Ibrahim held talks with President Prabowo Subianto. "
            "Anwar proposed that the two countries jointly patrol the Sulu Sea.")
    got = {(a.code, r.code) for ev in coder.code(text, D) if ev.event == "REQUEST"
           for a in ev.actor for r in ev.recipient}
    assert got == {("MYS", "IDN")}


def test_a_proposal_to_both_named_sides_is_made_to_the_other(coder) -> None:
    text = "Anwar proposed that Malaysia and Indonesia jointly patrol the Sulu Sea."
    got = {(a.code, r.code) for ev in coder.code(text, D) if ev.event == "REQUEST"
           for a in ev.actor for r in ev.recipient}
    assert got == {("MYS", "IDN")}


def test_an_envoy_summoned_by_no_one_named_is_summoned_by_the_publishing_government(
        coder) -> None:
    import datetime as dt

    from dyads.models import CodingResult, Document

    text = "The Russian Ambassador was summoned on Monday."
    [result] = coder.code_documents([Document(
        "x", text, published=dt.date(2026, 2, 2), url="https://www.gov.uk/government/news/x")])
    assert isinstance(result, CodingResult)
    assert [(e.event, e.actor[0].code, e.recipient[0].code) for e in result.events] \
        == [("ACCUSE", "GBR", "RUS")], result.events
    # no publisher that speaks for a government, no other country named: no one to code
    assert not coder.code(text, "2026-02-02")


@pytest.mark.parametrize(("text", "pairs"), [
    ("The Japanese Embassy in Kenya donated medical supplies.", {("JPN", "KEN")}),
    ("The Vietnamese Embassy in Turkey, and the Vietnamese Embassy in Syria donated relief "
     "supplies.", {("VNM", "TUR"), ("VNM", "SYR")}),
    ("The Chinese Embassy in Nepal handed over relief materials to the victims.",
     {("CHN", "NPL")}),
])
def test_a_mission_gives_aid_where_it_is_posted(coder, text, pairs) -> None:
    events = coder.code(text, D)
    assert {(e.actor[0].code, r.code) for e in events if e.event == "AID"
            for r in e.recipient} == pairs, events


def test_its_on_the_object_of_a_condemnation_is_the_state_named_before(coder) -> None:
    text = ("The violence in Syria is escalating. It is the responsibility of its government "
            "to protect the international mission. The High Representative of the European "
            "Union strongly condemns its failure to do so.")
    events = [e for e in coder.code(text, D) if e.event == "ACCUSE"]
    assert [(e.actor[0].code, [r.code for r in e.recipient]) for e in events] \
        == [("EUR", ["SYR"])], events
    # the source's own "its" names no one else: no recipient is invented
    alone = coder.code("The European Union strongly condemns its own failure.", D)
    assert all(not e.recipient for e in alone), alone


def test_further_aid_goes_to_the_one_the_document_aids(coder) -> None:
    text = ("Australia will provide $5 million in humanitarian assistance to Indonesia. "
            "Australia is also in a position to provide emergency relief supplies.")
    events = [e for e in coder.code(text, D) if e.event in {"AID", "AGREE"}]
    assert [(e.actor[0].code, [r.code for r in e.recipient]) for e in events] \
        == [("AUS", ["IDN"]), ("AUS", ["IDN"])], events
    # with no earlier recipient there is nobody to carry over
    alone = coder.code("Australia is also in a position to provide emergency relief supplies.", D)
    assert [[r.code for r in e.recipient] for e in alone] == [[]], alone


@pytest.mark.parametrize("text", [
    # a subject the text does not place: its support stays with no one, as without "its"
    "Japan and Canada signed a deal. The companies praised its workforce.",
    # "their" is mostly the subject's own people or efforts: not pointed back
    "The violence in Syria is escalating. Canada strongly condemns their failure to act.",
])
def test_a_possessive_points_back_only_from_a_placed_source_and_only_its(coder, text) -> None:
    last = text.split(". ")[1]
    events = [e for e in coder.code(text, D) if e.text.startswith(last[:12])]
    assert all(not e.recipient for e in events), events


def test_an_official_the_text_does_not_place_serves_the_state_last_named(coder) -> None:
    text = ("South Korea pledged US$2.3 million in humanitarian assistance. Kim Sang-jin, deputy "
            "permanent representative to the United Nations, spoke at a conference held in "
            "New York, and offered to contribute $18.4 million of rice assistance to Somalia.")
    events = [e for e in coder.code(text, D) if e.text.startswith("Kim")]
    assert {(e.actor[0].code, r.code) for e in events for r in e.recipient} \
        == {("KOR", "SOM")}, events


def test_the_place_of_people_still_places_them(coder) -> None:
    # a city in the phrase of people, not a venue: "gunmen in Nairobi" are Kenyan
    events = coder.code("Gunmen in Nairobi attacked a police station.", D)
    assert [e.actor[0].code for e in events if e.event == "ASSAULT"] == ["KEN"], events


@pytest.mark.parametrize(("text", "event", "pair"), [
    ("The U.S. announced a suspension of aid to Guatemala and threatened to withdraw certain "
     "trade preferences.", "THREATEN", ("USA", "GTM")),
    ("The EU will impose restrictive measures that prevent the Russian Central Bank from "
     "deploying its reserves.", "THREATEN", ("EUR", "RUS")),  # promised: 1312
])
def test_a_sanction_or_threat_with_no_target_is_aimed_at_the_one_other_country(
        coder, text, event, pair) -> None:
    events = [e for e in coder.code(text, D) if e.event == event]
    assert [(e.actor[0].code, e.recipient[0].code if e.recipient else "-") for e in events] \
        == [pair], events


def test_in_order_to_names_a_purpose_not_a_party(coder) -> None:
    # "in order to" parsed as a clause of the noun "order" (acl) is a purpose all the same
    events = coder.code("Japan will coordinate closely in order to strengthen the pressure on "
                        "North Korea.", "2017-08-30")
    assert [(e.event, e.actor[0].code, [r.code for r in e.recipient]) for e in events] \
        == [("AGREE", "JPN", [])], events



@pytest.mark.shared
def test_an_intention_is_aimed_at_whom_the_act_it_governs_is(coder, shared) -> None:
    # in this wire story "their ties" in "expressed his desire to further deepen their ties"
    # names India for the deepening only; the desire is aimed at India as well
    import json

    lines = (shared / "gold/documents-dev/docs.jsonl").read_text(encoding="utf-8").splitlines()
    doc = next(json.loads(x) for x in lines if '"ians-2019-05-25-trump-calls-modi"' in x)
    events = [e for e in coder.code(doc["text"], doc.get("published"))
              if e.event == "AGREE" and "expressed his desire" in e.text]
    assert [(e.actor[0].code, [r.code for r in e.recipient]) for e in events] \
        == [("LKA", ["IND"])], events


@pytest.mark.parametrize(("text", "want"), [
    # what the parties themselves will do: an agreement, from the subject of "agreed"
    ("Senior Czech and Polish officials agreed on Monday that their countries should "
     "cooperate to help Polish workers in Prague return home.", [("AGREE", "CZE")]),
    ("Austrian and Slovak ministers agreed that the two states would open a new rail link.",
     [("AGREE", "AUT")]),
    # a view, a counterfactual, or what a third party must do: no agreement of the source
    ("Japan and India agreed that the crisis would worsen.", []),
    ("The two ministers agreed that the talks would have benefited from more time.", []),
])
def test_agreed_that_a_party_will_act_is_an_agreement(coder, text, want) -> None:
    got = [(e.event, e.actor[0].code) for e in coder.code(text, D) if e.event == "AGREE"]
    assert sorted(set(got)) == want, got


def test_an_office_holder_a_court_orders_is_of_the_courts_country(coder) -> None:
    # other countries named only in what the inquiry is about do not place him
    events = coder.code("A Peruvian court ordered former minister Jaime Salas to testify in an "
                        "inquiry into fuel imports from Bolivia and Chile.", D)
    got = [(e.event, e.actor[0].code, [r.code for r in e.recipient]) for e in events]
    assert got == [("REQUEST", "PER", ["PER"])], got


@pytest.mark.parametrize(("text", "want"), [
    # the author of the measure defied is the recipient; a placed agent keeps its sector,
    # so media or students defying their own army are a domestic dyad
    ("A radio station in Lagos ignored an order issued by the Nigerian army.",
     ("NGA", "JRN", "NGA", "MIL")),
    ("Students in Minsk defied a curfew imposed by the Belarusian army.",
     ("BLR", "EDU", "BLR", "MIL")),
])
def test_a_measure_defied_is_aimed_at_its_author(coder, text, want) -> None:
    got = [(e.actor[0].code, e.actor[0].sector, e.recipient[0].code, e.recipient[0].sector)
           for e in coder.code(text, D) if e.event == "REJECT" and e.recipient]
    assert got == [want], got



@pytest.mark.parametrize(("text", "target"), [
    # police act at home: a state the clause only mentions is not their target ...
    ("Kenyan police broke up a rally against the war in Somalia.", "KEN"),
    ("Peruvian police prevented a march organised by miners to protest exports to Chile.",
     "PER"),
    # ... but foreigners they arrest are
    ("Turkish police arrested two Iranian smugglers.", "IRN"),
])
def test_police_force_is_aimed_at_home_unless_its_object_is_foreign(coder, text, target) -> None:
    got = [(e.actor[0].code, [r.code for r in e.recipient]) for e in coder.code(text, D)
           if e.event == "COERCE"]
    assert got and all(r == [target] for _, r in got), got


@pytest.mark.parametrize("text", [
    "The Tuareg rebels said they would keep fighting until their demands are met.",
    "Ghana said it had met the conditions set by Nigeria for the loan.",
    "Officials in Seoul and Tokyo said both countries will meet their climate goals.",
])
def test_meeting_a_demand_or_a_goal_is_no_meeting(coder, text) -> None:
    assert not any(e.event == "CONSULT" for e in coder.code(text, D))
