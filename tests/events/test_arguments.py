"""Sources and recipients read off the parse (events/arguments.py), model-backed. Sentences
are our own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

D = "2024-03-05"


def _records(coder, text: str) -> list[tuple[str, set[str], set[str]]]:  # noqa: ANN001
    return [(e.event, {a.code for a in e.actor}, {r.code for r in e.recipient})
            for e in coder.code(text, D)]


@pytest.mark.parametrize(
    ("text", "event", "source", "target"),
    [
        # the parser reads "is disappointed" as a passive with no agent: Egypt holds the state
        ("Egypt is disappointed with the Israeli decision.", "ACCUSE", "EGY", "ISR"),
        ("Iran is opposed to the French plan.", "REJECT", "IRN", "FRA"),
    ],
)
def test_the_subject_of_a_state_named_by_its_participle_is_the_source(
        coder, text, event, source, target) -> None:
    got = _records(coder, text)
    assert (event, {source}, {target}) in got, got


def test_a_true_passive_keeps_its_agent_as_the_source(coder) -> None:
    got = _records(coder, "Iraq was attacked by Iran.")
    assert ("ASSAULT", {"IRN"}, {"IRQ"}) in got, got
    assert not any("IRQ" in a for _, a, _ in got), got


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Russia said talks with Ukraine were out of the question.", "RUS", "UKR"),
        ("Tokyo said that lifting the sanctions on Pyongyang is out of the question.",
         "JPN", "PRK"),
    ],
)
def test_what_is_ruled_out_is_the_target_and_the_speaker_the_source(
        coder, text, source, target) -> None:
    got = _records(coder, text)
    assert ("REJECT", {source}, {target}) in got, got


def test_a_state_ruled_out_by_no_one_is_no_record(coder) -> None:
    assert _records(coder, "It is out of the question.") == []


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # the envoy's own country names the one summoned, never the one who summons
        ("China's ambassador was summoned by Japan.", "JPN", "CHN"),
        ("The Russian ambassador was summoned by the British foreign office.", "GBR", "RUS"),
        # a title the codebook does not list: the passive verb alone
        ("Deputy Chief of Mission Zhou Zhiyong of China was summoned by the Philippines.",
         "PHL", "CHN"),
        # no agent: the one reporting the clause
        ("Japan said the Chinese ambassador was summoned on Monday.", "JPN", "CHN"),
    ],
)
def test_the_one_summoned_is_the_recipient(coder, text, source, target) -> None:
    got = _records(coder, text)
    assert ("ACCUSE", {source}, {target}) in got, got
    assert not any(target in a for _, a, _ in got), got


def test_summon_used_actively_without_an_envoy_is_no_complaint(coder) -> None:
    assert not [r for r in _records(coder, "Putin summoned the courage to act.")
                if r[0] == "ACCUSE"]


def test_the_shared_subject_of_a_passive_is_acted_on_not_acting(coder) -> None:
    # "responded to" shares "will be" and its subject with "considered": Russia's action is
    # what is answered, so Russia is no source (the sentence names no one who answers)
    got = _records(coder, "Any further action taken by Russia will be considered an "
                          "escalation and responded to accordingly.")
    assert not [r for r in got if "RUS" in r[1]], got


def test_a_warning_of_an_answer_is_a_threat_to_whom_it_answers(coder) -> None:
    got = _records(coder, "Moscow said the measures taken by Washington will be answered "
                          "appropriately.")
    assert ("THREATEN", {"RUS"}, {"USA"}) in got, got



@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # the reporter of the clause
        ("China's foreign ministry said it is regrettable that Japan has chosen to dump the "
         "water into the sea.", "CHN", "JPN"),
        # no reporter in the sentence: the one the text last quoted
        ('The Indonesian foreign ministry said: "We reject the claim. It is unacceptable '
         'that Australia continues to detain our fishermen."', "IDN", "AUS"),
    ],
)
def test_it_is_regrettable_that_is_the_speakers_complaint_of_the_clauses_subject(
        coder, text, source, target) -> None:
    got = _records(coder, text)
    assert ("ACCUSE", {source}, {target}) in got, got


@pytest.mark.parametrize(
    "text",
    [
        "It is regrettable.",
        # certainty, not a judgement of anyone
        "Seoul said it is clear that Japan has chosen to dump the water.",
        # the adjective said of a thing, not of an extraposed clause
        "Japan's decision to dump the water is regrettable, China said.",
    ],
)
def test_a_judgement_outside_it_is_that_names_no_complaint(coder, text) -> None:
    got = _records(coder, text)
    assert not [r for r in got if r[0] == "ACCUSE" and "JPN" in r[2]], got


@pytest.mark.parametrize(
    ("text", "event", "source", "target"),
    [
        # the act's doer, named in its participle, is the one it is held against
        ("Turkey condemned the attack carried out by the PKK.", "ACCUSE", "TUR", "TUR"),
        ("Japan welcomed the steps taken by Seoul to ease export controls.", "SUPPORT", "JPN",
         "KOR"),
    ],
)
def test_the_doer_named_in_a_participle_is_the_recipient(coder, text, event, source,
                                                         target) -> None:
    got = _records(coder, text)
    assert (event, {source}, {target}) in got, got


def test_an_agentless_warning_in_a_quotation_is_the_speakers_threat(coder) -> None:
    # the warning names no one who answers: the one the text last quoted, against the one
    # whose step would be answered ("taken by London")
    got = _records(coder, 'The Russian foreign ministry said: "We regret the decision. Any '
                          'hostile step taken by London will be answered firmly."')
    assert ("THREATEN", {"RUS"}, {"GBR"}) in got, got


@pytest.mark.shared
def test_a_name_a_flat_headline_hangs_from_the_verb_is_its_object(coder, shared) -> None:
    # in seed 004 the parser hangs "Xi Jinping" from "meets" as "dep" in the headline
    # "NA Chairwoman meets Chinese Party chief Xi Jinping"
    import json

    lines = (shared / "gold/seeds/docs.jsonl").read_text(encoding="utf-8").splitlines()
    doc = next(json.loads(x) for x in lines if x.strip() and '"004_' in x)
    events = coder.code(doc["text"], doc.get("published"))
    assert ("VNM", "CHN") in {(e.actor[0].code, r.code) for e in events
                              if e.event == "CONSULT" and e.text.startswith("NA Chairwoman meets")
                              for r in e.recipient}, events


def test_the_noun_phrase_after_a_fronted_phrase_is_the_subject(coder) -> None:
    # the parse hangs "the Ethiopian government and the TPLF" inside the fronted phrase
    got = _records(coder, "With the signing of a ceasefire accord in Addis Ababa, the Ethiopian "
                          "government and the TPLF have agreed to allow humanitarian access.")
    assert any(ev == "AGREE" and "ETH" in a for ev, a, _ in got), got
