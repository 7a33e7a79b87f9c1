"""A ceremony for a visitor is the host meeting the guest (events/ceremony.py, issue 13)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from dyads.events.ceremony import HOST_CAMEO, hosted  # noqa: E402

D = "2017-11-12"
TALKS = "Trong held talks with Xi Jinping in Hanoi on November 12.\n\n"


def _doc(words, heads, deps, pos, lemmas):  # noqa: ANN001, ANN202 - a hand-parsed spaCy Doc
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
               lemmas=lemmas)


def test_a_greeting_by_a_ceremony_is_hosting() -> None:
    # Banquet welcomes Xi
    doc = _doc(["Banquet", "welcomes", "Xi"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["NOUN", "VERB", "PROPN"], ["banquet", "welcome", "Xi"])
    assert hosted(doc[1])


def test_a_ceremony_that_took_place_to_welcome_is_hosting() -> None:
    # ceremony took place to welcome Xi
    doc = _doc(["ceremony", "took", "place", "to", "welcome", "Xi"], [1, 1, 1, 4, 1, 4],
               ["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj"],
               ["NOUN", "VERB", "NOUN", "PART", "VERB", "PROPN"],
               ["ceremony", "take", "place", "to", "welcome", "Xi"])
    assert hosted(doc[4])


def test_a_country_that_welcomes_is_no_host() -> None:
    # Japan welcomes the decision
    doc = _doc(["Japan", "welcomes", "decision"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["PROPN", "VERB", "NOUN"], ["Japan", "welcome", "decision"])
    assert not hosted(doc[1])


def test_a_ceremony_noun_is_hosting_a_meeting_noun_is_not() -> None:
    doc = _doc(["reception", "meeting"], [0, 0], ["ROOT", "dep"], ["NOUN", "NOUN"],
               ["reception", "meeting"])
    assert hosted(doc[0]) and not hosted(doc[1])


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Banquet welcomes Chinese Party General Secretary Xi Jinping",
    "Official reception for President Xi Jinping in Hanoi",
    "An official ceremony took place in Hanoi on November 12 to welcome Chinese Party General "
    "Secretary and President Xi Jinping.",
    "A state banquet was held in honour of President Xi Jinping.",
])
def test_a_ceremony_for_the_visitor_is_the_host_meeting_him(coder, text: str) -> None:
    events = [e for e in coder.code(TALKS + text, D) if e.evidence.sentence > 0]
    assert [(e.event, e.cameo, e.actor[0].code, [r.code for r in e.recipient])
            for e in events] == [("CONSULT", HOST_CAMEO, "VNM", ["CHN"])], events


@pytest.mark.model
def test_a_ceremony_with_no_visit_in_the_document_names_no_host(coder) -> None:
    assert coder.code("Official reception for President Xi Jinping in Hanoi", D) == []


@pytest.mark.model
def test_a_country_welcoming_a_decision_is_still_support(coder) -> None:
    events = coder.code(TALKS + "Vietnam welcomed China's decision to open its market.", D)
    assert [e.event for e in events if e.evidence.sentence > 0] == ["SUPPORT"], events


@pytest.mark.model
def test_an_official_by_title_only_meeting_the_guest_is_the_host(coder) -> None:
    events = [e for e in coder.code(TALKS + "NA Chairwoman meets Chinese Party chief Xi Jinping",
                                    D) if e.evidence.sentence > 0]
    assert {(e.actor[0].code, e.actor[0].name, e.recipient[0].code) for e in events
            if e.actor[0].code == "VNM"} == {("VNM", None, "CHN")}, events


@pytest.mark.model
def test_an_official_by_title_only_with_no_pair_is_no_host(coder) -> None:
    assert coder.code("NA Chairwoman meets Chinese Party chief Xi Jinping", D) == []
