"""Knowledge-base mentions: folded spellings, capitalised surnames, names the parser breaks."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.actors.recognize import name_forms
from dyads.normalize import fold


@pytest.mark.parametrize(("name", "form"), [
    ("Fumio Kishida", "KISHIDA Fumio"),
    ("Fumio Kishida", "Fumio KISHIDA"),
    ("Fumio Kishida", "Kishida Fumio"),
    ("Toshimitsu Motegi", "MOTEGI Toshimitsu"),
    ("Xi Jinping", "XI Jinping"),
    ("Pham Minh Chinh", "PHAM Minh Chinh"),
])
def test_official_forms_of_a_name(name: str, form: str) -> None:
    assert form in set(name_forms(name))


def test_single_names_have_no_other_forms() -> None:
    assert list(name_forms("Lula")) == ["Lula"]


def _person(coder, text: str, name: str) -> str:
    """The knowledge-base name of the person the span ``name`` of ``text`` is."""
    from dyads.normalize import normalize

    doc = coder.nlp(normalize(text))
    span = next(s for s in doc.spans["dyads_kb"] if s.text == name)
    assert span._.kb.kind == "person", span.label_
    return str(coder.kb.people[span._.kb.index].name)


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "person"), [
    ("Tô Lâm thanked Nguyễn Phú Trọng.", "Tô Lâm", "To Lam"),
    ("Tô Lâm thanked Nguyễn Phú Trọng.", "Nguyễn Phú Trọng", "Nguyen Phu Trong"),
    ("Prime Minister KISHIDA Fumio met President Yoon.", "KISHIDA Fumio", "Fumio Kishida"),
    ("Foreign Minister MOTEGI Toshimitsu held talks.", "MOTEGI Toshimitsu", "Toshimitsu Motegi"),
    ("Vo Van Thuong received Pham Minh Chinh.", "Pham Minh Chinh", "Pham Minh Chinh"),
])
def test_names_found_in_any_spelling(coder, text: str, name: str, person: str) -> None:
    assert _person(coder, text, name) == person


@pytest.mark.model
@pytest.mark.parametrize(("text", "country"), [
    ("The People\u2019s Republic of China welcomed the delegation.", "CHN"),
    ("Viet Nam\u2019s Foreign Minister spoke.", "VNM"),
])
def test_typographic_apostrophes_do_not_change_the_country(coder, text, country) -> None:
    from dyads.normalize import normalize

    doc = coder.nlp(normalize(text))
    codes = [s.kb_id_ for s in doc.spans["dyads_kb"] if s.label_ == "country"]
    assert codes == [country]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word"), [
    ("To Lam met with Xi Jinping in Hanoi.", "To"),
    ("Xi held talks with To Lam in Beijing.", "To"),
    ("Vietnam's To Lam said the two sides agreed.", "To"),
    ("On Monday, To Lam visited Laos.", "To"),
    ("Macron met Theresa May in London.", "May"),
    ("Than Shwe received the envoy.", "Than"),
])
def test_closed_class_words_in_names_parse_as_names(coder, text: str, word: str) -> None:
    doc = coder.nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert tok.pos_ == "PROPN"
    assert tok.head.pos_ == "PROPN" or tok.dep_ in {"nsubj", "dobj", "pobj"}


@pytest.mark.model
def test_to_lam_is_the_subject(coder) -> None:
    doc = coder.nlp("To Lam met with Xi Jinping in Hanoi.")
    assert doc[1].dep_ == "nsubj" and doc[1].head.text == "met"


@pytest.mark.model
def test_the_preposition_to_is_left_alone(coder) -> None:
    doc = coder.nlp("Lam went to Hanoi to meet To Lam.")
    assert [t.pos_ for t in doc][2] == "ADP"


_ODD = "\u00f4\u00e2\u1ec5\u2019\u2013\u0110\u00df\u0301"


@functools.cache
def _blank():  # noqa: ANN202 - a blank English spaCy pipeline, built once
    import spacy

    return spacy.blank("en")


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab .-'", *_ODD]), max_size=60))
def test_the_folded_copy_has_the_same_tokens(text: str) -> None:
    """A match in the folded copy is the same tokens in the document, for any text."""
    from dyads.actors.recognize import folded_doc

    doc = _blank()(text)
    folded = folded_doc(doc)
    assert len(folded) == len(doc)
    assert all(f.text == fold(t.text) or f.text == t.text
               for f, t in zip(folded, doc, strict=True))


def _mentions(coder, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(text, kind, countries) of every knowledge-base mention of ``text``."""
    from dyads.actors.recognize import span_countries
    from dyads.models import Document

    doc = coder.parse(Document(id="t", text=text))
    return [(s.text, s.label_, span_countries(s, coder.kb)) for s in doc.spans["dyads_kb"]]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "countries"), [
    # a state's name that holds a country's is the state, whole
    ("The Governor of New Jersey met the Mayor of Newark.", "New Jersey", ("USA",)),
    ("Officials in New Mexico welcomed the grant.", "New Mexico", ("USA",)),
    ("The Premier of New South Wales visited Tokyo.", "New South Wales", ("AUS",)),
    ("Trade between British Columbia and Japan grew.", "British Columbia", ("CAN",)),
    # Georgia is the US state only where a cue word says so
    ("Senator Jon Ossoff of Georgia met farmers in Tifton.", "Georgia", ("USA",)),
    ("Flooding hit Savannah, Georgia on Tuesday.", "Georgia", ("USA",)),
    ("The Prime Minister of Georgia spoke with the President of Armenia.", "Georgia", ("GEO",)),
])
def test_a_place_inside_a_longer_name(coder, text: str, name: str, countries) -> None:
    found = [c for t, _kind, c in _mentions(coder, text) if t == name]
    assert found == [countries], _mentions(coder, text)


@pytest.mark.model
@pytest.mark.parametrize(("text", "place"), [
    ("Both sides reaffirmed the Paris Agreement on climate.", "Paris"),
    ("The ministers discussed the Minsk agreements and the ceasefire.", "Minsk"),
    ("Preparations for the Vilnius Summit were reviewed.", "Vilnius"),
    ("The Paris Club agreed to reschedule the debt of Zambia.", "Paris"),
    ("Leaders endorsed the Canberra Climate Framework.", "Canberra"),
])
def test_a_capital_that_names_an_agreement_or_summit_is_no_actor(coder, text, place) -> None:
    assert place not in [t for t, _kind, _c in _mentions(coder, text)]


@pytest.mark.model
def test_a_capital_on_its_own_stays_an_actor(coder) -> None:
    found = _mentions(coder, "Paris rejected the proposal, and Minsk, in turn, protested.")
    assert [(t, c) for t, _k, c in found] == [("Paris", ("FRA",)), ("Minsk", ("BLR",))]


@pytest.mark.model
def test_a_surname_inside_a_hyphenated_given_name_is_no_person(coder) -> None:
    found = _mentions(coder, "Kim Sang-jin, Korea's deputy envoy, met Park Tae-sung.")
    assert not any(kind == "person" and t == "Sang" for t, kind, _c in found), found
