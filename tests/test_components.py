"""The dyads spaCy components, each on a hand-built Doc (spacy.blank, no statistical model).

The parses below were written by hand in the form en_core_web_sm gives them; each stage runs on
its own, reading only the extensions of the stages before it.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

spacy = pytest.importorskip("spacy")

from dyads.actors.mentions import Mention, decode, encode  # noqa: E402
from dyads.components import (  # noqa: E402
    CLOCK,
    COMMITMENTS,
    EVENTS,
    KB,
    NAMES,
    PLACES,
    QUANTITIES,
    SentenceDate,
    add_components,
    make_doc,
    register_components,
)
from dyads.errors import DyadsError  # noqa: E402
from dyads.models import Document, EventDate  # noqa: E402
from dyads.settings import Settings  # noqa: E402

DAY = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201 - a spacy Language with the dyads components, no model
    register_components()
    blank = spacy.blank("en")
    add_components(blank, Settings())
    return blank


def parsed(nlp, rows: list[tuple[str, int, str, str, str, str, str]],  # noqa: ANN001, ANN201
           published: dt.date = DAY):
    """A Doc from (word, head, dep, pos, tag, lemma, ent) rows, one sentence, the document's
    metadata set; nothing of dyads run on it yet."""
    from spacy.tokens import Doc

    words, heads, deps, pos, tags, lemmas, ents = (list(x) for x in zip(*rows, strict=True))
    spaces = [i + 1 < len(words) and words[i + 1] not in {".", ","} and words[i] != "$"
              for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              tags=tags, lemmas=lemmas, ents=ents, sent_starts=[i == 0 for i in range(len(words))])
    doc._.dyads_document = Document("d", doc.text, published=published)
    return doc


PLEDGE = [  # Japan pledged $500 million in aid to Ukraine.
    ("Japan", 1, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
    ("pledged", 1, "ROOT", "VERB", "VBD", "pledge", "O"),
    ("$", 4, "quantmod", "SYM", "$", "$", "B-MONEY"),
    ("500", 4, "compound", "NUM", "CD", "500", "I-MONEY"),
    ("million", 1, "dobj", "NUM", "CD", "million", "I-MONEY"),
    ("in", 4, "prep", "ADP", "IN", "in", "O"),
    ("aid", 5, "pobj", "NOUN", "NN", "aid", "O"),
    ("to", 1, "prep", "ADP", "IN", "to", "O"),
    ("Ukraine", 7, "pobj", "PROPN", "NNP", "Ukraine", "B-GPE"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
MEETING = [  # Xi Jinping met Joe Biden in Hanoi.
    ("Xi", 1, "compound", "PROPN", "NNP", "Xi", "B-PERSON"),
    ("Jinping", 2, "nsubj", "PROPN", "NNP", "Jinping", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "VBD", "meet", "O"),
    ("Joe", 4, "compound", "PROPN", "NNP", "Joe", "B-PERSON"),
    ("Biden", 2, "dobj", "PROPN", "NNP", "Biden", "I-PERSON"),
    ("in", 4, "prep", "ADP", "IN", "in", "O"),
    ("Hanoi", 5, "pobj", "PROPN", "NNP", "Hanoi", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", ".", "O"),
]


def run(nlp, doc, upto: str):  # noqa: ANN001, ANN201
    """``doc`` through the dyads components up to and including ``upto``."""
    for name in NAMES[:NAMES.index(upto) + 1]:
        doc = nlp.get_pipe(name)(doc)
    return doc


# --------------------------------------------------------------------------- the format


@pytest.mark.parametrize("keys", [("CHN",), ("12", "3"), ("",)])
def test_a_mention_decodes_what_was_encoded(nlp, keys: tuple[str, ...]) -> None:
    from spacy.tokens import Span

    doc = nlp.make_doc("Xi Jinping")
    span = Span(doc, 0, 2, label="person", kb_id=encode(keys))
    assert decode(span) == span._.kb == Mention("person", tuple(sorted(keys)))


def test_mention_keys_as_indices_and_codes() -> None:
    assert Mention("person", ("12", "3")).indices == (12, 3)
    assert Mention("country", ("",)).codes == ()
    assert Mention("place", ("7",)).index == 7


# --------------------------------------------------------------------------- the stages


def test_the_pipeline_declares_what_each_stage_assigns_and_requires(nlp) -> None:
    assert nlp.pipe_names[-len(NAMES):] == list(NAMES)
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    assert "doc._.dyads_events" in analysis["summary"][EVENTS]["assigns"]
    assert "doc._.dyads_dates" in analysis["summary"][EVENTS]["requires"]


def test_kb_mentions_are_decoded_by_span_kb(nlp) -> None:
    doc = run(nlp, parsed(nlp, MEETING), KB)
    found = {s.text: s._.kb for s in doc.spans["dyads_kb"]}
    xi = found["Xi Jinping"]
    assert xi.kind == "person"
    assert nlp.get_pipe(KB).kb.people[xi.index].name == "Xi Jinping"
    assert found["Hanoi"].kind == "capital" and found["Hanoi"].codes == ("VNM",)


def test_clock_dates_each_sentence_and_passes_the_date_on(nlp) -> None:
    nlp_s = spacy.blank("en")
    nlp_s.add_pipe("sentencizer")
    text = ("Biden spoke with Trudeau yesterday.\n\nThe leaders agreed.\n"
            "They will meet on February 3, 2021.")
    doc = make_doc(nlp_s, Document("d", text, published=dt.date(2021, 1, 23)), text)
    doc = nlp.get_pipe(CLOCK)(nlp_s.get_pipe("sentencizer")(doc))
    dates = doc._.dyads_dates
    yesterday = EventDate(dt.date(2021, 1, 22), "day", "text", "yesterday")
    assert dates[0] == SentenceDate(yesterday, yesterday, None)
    agreed, meet = sorted(dates)[1:]
    assert dates[agreed].when == yesterday  # inherited: the sentence names no day
    assert dates[meet].when == yesterday  # a future day dates no event
    assert dates[meet].intended is not None
    assert dates[meet].intended.date == dt.date(2021, 2, 3)


def test_quantities_are_in_document_offsets(nlp) -> None:
    doc = run(nlp, parsed(nlp, PLEDGE), QUANTITIES)
    (money,) = doc._.dyads_quantities[0]
    assert (money.value, money.unit, doc.text[money.start:money.end]) == (
        500_000_000, "USD", "$500 million")


def test_events_are_coded_from_a_hand_built_parse(nlp) -> None:
    doc = run(nlp, parsed(nlp, PLEDGE), EVENTS)
    (event,) = doc._.dyads_events[0]
    assert (event.event, event.actor[0].code, event.recipient[0].code) == ("AGREE", "JPN",
                                                                           "UKR")
    assert event.id == "d-0000-0" and event.date.date == DAY
    assert {e.code for e in doc._.dyads_context.seen} == {"JPN", "UKR"}  # remembered


def test_places_locate_the_meeting(nlp) -> None:
    doc = run(nlp, parsed(nlp, MEETING, published=dt.date(2023, 9, 10)), PLACES)
    assert {e.event for e in doc._.dyads_events[0]} == {"CONSULT"}
    place = doc._.dyads_locations[0]
    assert (place.name, place.country) == ("Hanoi", "VNM")
    assert doc._.dyads_dateline == []


def test_commitments_take_the_amount_and_the_dyad(nlp) -> None:
    doc = run(nlp, parsed(nlp, PLEDGE), COMMITMENTS)
    (pledge,) = doc._.dyads_commitments
    assert pledge.kind == "aid" and pledge.amount is not None
    assert pledge.amount.value == 500_000_000
    assert [a.code for a in pledge.actor] == ["JPN"]
    assert [r.code for r in pledge.recipient] == ["UKR"]


def test_an_error_in_a_stage_is_kept_and_later_stages_skip_the_doc(nlp) -> None:
    doc = parsed(nlp, PLEDGE)
    doc._.dyads_error = DyadsError("broken", "fix it")
    doc = run(nlp, doc, COMMITMENTS)
    assert doc._.dyads_events is None and doc._.dyads_commitments is None


def test_a_pipeline_made_for_other_settings_is_refused(nlp) -> None:
    with pytest.raises(DyadsError, match="dyads_events"):
        add_components(nlp, Settings(statements=True))


def test_a_coder_pickles_without_its_pipeline(nlp) -> None:
    from dyads.pipeline import Coder

    coder = Coder(Settings(), nlp=nlp)
    assert coder.kb is nlp.get_pipe(KB).kb
    copy = pickle.loads(pickle.dumps(coder))
    assert copy._nlp is None and copy.settings == coder.settings
