"""Places: gazetteer mentions, locative phrases and datelines (dyads.places)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.kb.loader import KnowledgeBase
from dyads.models import Place
from dyads.places import Gazetteer, dateline_places, event_location, find_places


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def parse(coder):  # noqa: ANN001, ANN201 - a function text -> spaCy Doc with KB spans
    from dyads.actors.recognize import Recognizer

    recognizer = Recognizer(coder.kb, coder.nlp)
    return lambda text: recognizer(coder.nlp(text))


def _location(parse, kb: KnowledgeBase, text: str) -> Place | None:  # noqa: ANN001
    doc = parse(text)
    sent = next(iter(doc.sents))
    return event_location(sent, find_places(sent, kb), dateline_places(doc, kb))


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "country", "countries", "kind"), [
    # capitals and cities after "in" / "at"
    ("National Assembly Chairwoman Nguyen Thi Kim Ngan met with Xi Jinping in Hanoi on "
     "November 12.", "Hanoi", "VNM", ("VNM",), "capital"),
    ("The two leaders held talks at the Merdeka Palace in Jakarta.", "Jakarta", "IDN",
     ("IDN",), "capital"),
    ("Chinese President Xi Jinping arrived in Phnom Penh on Thursday for a state visit.",
     "Phnom Penh", "KHM", ("KHM",), "capital"),
    # an event noun carries the locative: "on the sidelines of the summit in New York"
    ("Biden met Modi on the sidelines of the G20 summit in New York.", "New York", "USA",
     ("USA",), "city"),
    ("Official reception for President Xi Jinping in Hanoi", "Hanoi", "VNM", ("VNM",),
     "capital"),
    # seats of government as venues
    ("Trump hosted Abe at the White House on Friday.", "White House", "USA", ("USA",),
     "venue"),
    ("Putin and Xi met at the Kremlin.", "Kremlin", "RUS", ("RUS",), "venue"),
    # seas, gulfs, deltas and islands keep every country that touches or claims them
    ("The navy held drills in the Gulf of Tonkin.", "Gulf of Tonkin", "VNM", ("VNM", "CHN"),
     "gulf"),
    ("Chinese coast guard ships were seen near the Paracel Islands.", "Paracel Islands", "VNM",
     ("VNM", "CHN", "TWN"), "archipelago"),
    ("Vietnamese and Chinese ships held joint patrols in the South China Sea.",
     "South China Sea", "CHN", ("CHN", "VNM", "PHL", "MYS", "BRN", "TWN", "IDN"), "sea"),
    ("Officials met in the Mekong Delta on Monday.", "Mekong Delta", "VNM", ("VNM",), "delta"),
    # "off the coast of", "in the city of": through a geographic noun
    ("Chinese ships were spotted off the coast of Da Nang.", "Da Nang", "VNM", ("VNM",),
     "city"),
    # the object of "visit"
    ("Xi visited Hanoi and Da Nang.", "Hanoi", "VNM", ("VNM",), "capital"),
    # a city before the whole country
    ("Xi arrived in Vietnam on Sunday for talks in Hanoi.", "Hanoi", "VNM", ("VNM",),
     "capital"),
    ("Xi arrived in Vietnam on Sunday.", "Vietnam", "VNM", ("VNM",), "country"),
    # no locative: the dateline
    ("HANOI, Nov. 12 (VNA) – The two leaders agreed to boost ties.", "Hanoi", "VNM",
     ("VNM",), "capital"),
    ("KYIV, Ukraine, May 22, 2025 (Example Wire) - Russian drones struck Kharkiv overnight.",
     "Kyiv", "UKR", ("UKR",), "capital"),
])
def test_event_location(parse, kb: KnowledgeBase, text: str, name: str, country: str,  # noqa: ANN001
                        countries: tuple[str, ...], kind: str) -> None:
    loc = _location(parse, kb, text)
    assert loc is not None
    assert (loc.name, loc.country, loc.countries, loc.kind) == (name, country, countries, kind)
    assert loc.text and loc.start >= 0


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Beijing said it would respond to the sanctions.",  # a capital as actor
    "The United States urged Hanoi to release the activists.",
    "He flew to Beijing for talks.",  # "to" is a destination
    "China will spare no effort to maintain peace and stability in the East Sea, Xi said.",
    "He showed his sympathy over losses caused by recent disasters in Vietnam.",
    "They called for the full implementation of the Declaration on the Conduct of Parties in "
    "the East Sea.",
    "The two leaders held talks on Taiwan.",  # a topic, not a place
])
def test_no_location(parse, kb: KnowledgeBase, text: str) -> None:  # noqa: ANN001
    assert _location(parse, kb, text) is None


@pytest.mark.model
def test_find_places_resolves_kinds(parse, kb: KnowledgeBase) -> None:  # noqa: ANN001
    doc = parse("Beijing and Hanoi discussed the East Sea, the Gulf of Tonkin and Da Nang.")
    found = {(p.name, p.kind, p.country) for p in find_places(next(iter(doc.sents)), kb)}
    assert found == {("Beijing", "capital", "CHN"), ("Hanoi", "capital", "VNM"),
                     ("East Sea", "sea", "VNM"), ("Gulf of Tonkin", "gulf", "VNM"),
                     ("Da Nang", "city", "VNM")}


@pytest.mark.parametrize(("name", "expected"), [
    ("hanoi", "Hanoi"), ("HANOI", "Hanoi"), ("Ha Noi", "Hanoi"), ("the Gulf of Tonkin",
                                                                  "Gulf of Tonkin"),
    ("Beibu Gulf", "Gulf of Tonkin"), ("Bien Dong", "East Sea"), ("Atlantis", None),
])
def test_gazetteer_lookup(kb: KnowledgeBase, name: str, expected: str | None) -> None:
    entry = Gazetteer.of(kb).lookup(name)
    assert (entry.name if entry else None) == expected


_CITIES = ["HANOI", "BEIJING", "PHNOM PENH", "Jakarta", "NEW YORK", "Canberra", "KYIV"]
_AFTER = [", Nov. 12 (VNA) – ", " (Reuters) - ", ", April 17, 2025 - ", ", 12 March 2025 — ",
          " — "]


@settings(max_examples=60, deadline=None)
@given(city=st.sampled_from(_CITIES), after=st.sampled_from(_AFTER),
       title=st.one_of(st.just(""), st.text(st.characters(whitelist_categories=("Ll",)),
                                            min_size=1, max_size=30).map(lambda t: t + "\n\n")),
       body=st.text(max_size=200))
def test_dateline_hypothesis(kb: KnowledgeBase, city: str, after: str, title: str,
                             body: str) -> None:
    import spacy

    doc = spacy.blank("en")(title + city + after + body)
    found = dateline_places(doc, kb)
    assert found and found[0].name.lower() == city.lower()
    assert doc.text[found[0].start:found[0].end] == city


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_dateline_never_fails(kb: KnowledgeBase, text: str) -> None:
    import spacy

    for place in dateline_places(spacy.blank("en")(text), kb):
        assert place.country and 0 <= place.start < place.end <= len(text)


def test_no_dateline_in_prose(kb: KnowledgeBase) -> None:
    import spacy

    doc = spacy.blank("en")("Hanoi, the capital, welcomed the delegation on Monday.")
    assert dateline_places(doc, kb) == []
