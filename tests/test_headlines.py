"""Title-case headlines are parsed from a re-cased copy (dyads/headlines.py, issue 13)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from dyads.headlines import is_title_case, lines, recased, write_parses  # noqa: E402
from dyads.models import Document  # noqa: E402

STOP = spacy.blank("en").Defaults.stop_words


def _doc(text: str):  # noqa: ANN202 - a spaCy Doc of a blank pipeline
    return spacy.blank("en")(text)


@pytest.mark.parametrize("text, title", [
    ("Xi Jinping Holds Telephone Talks at Request with President Nguyen Phu Trong", True),
    ("Readout of President Biden's Call with Prime Minister Trudeau of Canada", True),
    ("NA Chairwoman meets Chinese Party chief Xi Jinping", False),  # sentence case
    ("President Biden Met With Prime Minister Trudeau Of Canada.", False),  # a full stop
    ("READOUT OF THE PRESIDENT'S CALL WITH THE PRIME MINISTER", False),  # all capitals
    ("- Destini Philpot, Students Demand Action Baltimore", False),  # a list item
    ("Joe Biden", False),  # too few words
])
def test_a_title_case_line(text: str, title: bool) -> None:
    assert is_title_case(_doc(text), STOP) is title


def test_recasing_keeps_names_acronyms_and_unknown_words() -> None:
    doc = _doc("Xi Jinping Holds Telephone Talks With CPV Leader Zuppi")
    keep = {0, 1}  # a knowledge-base mention: "Xi Jinping"
    known = {"holds", "telephone", "talks", "with", "leader", "xi", "jinping"}.__contains__
    assert recased(list(doc), keep, known) == [
        "Xi", "Jinping", "holds", "telephone", "talks", "with", "CPV", "leader", "Zuppi"]


def test_the_first_word_keeps_its_capital() -> None:
    doc = _doc("Official Reception For President Xi")
    assert recased(list(doc), set(), lambda w: True)[:3] == ["Official", "reception", "for"]


def test_lines_are_the_token_ranges_between_line_breaks() -> None:
    doc = _doc("Home > News\nXi Holds Talks\n\nBody text here.")
    assert [doc[s:e].text for s, e in lines(doc)] == ["Home > News", "Xi Holds Talks",
                                                      "Body text here."]


@pytest.mark.parametrize("text", [
    "One line", "Title\n", "\nTitle\n\n\nBody.\n", "A  \n  B\n \nC", "x\r\ny\n\t\nz  ",
    "U.S.-China Talks\n\nHe said:\n- first\n- second\n", "", "\n\n"])
def test_lines_end_at_every_token_that_holds_or_is_followed_by_a_newline(text: str) -> None:
    doc = _doc(text)
    ranges, start = [], 0
    for tok in doc:  # the definition, token by token
        if "\n" in tok.text or "\n" in tok.whitespace_:
            ranges.append((start, tok.i + 1))
            start = tok.i + 1
    ranges.append((start, len(doc)))
    expected = []
    for s, e in ranges:
        while s < e and doc[s].is_space:
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        if e > s:
            expected.append((s, e))
    assert lines(doc) == expected


def test_a_parse_is_written_onto_the_original_tokens() -> None:
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    words = ["Biden", "Meets", "Xi", "\n", "He", "spoke", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, False, False, True, False, False],
              heads=[1, 1, 1, 2, 5, 5, 5], deps=["nsubj", "ROOT", "dobj", "dep", "nsubj",
                                                  "ROOT", "punct"],
              pos=["PROPN"] * 3 + ["SPACE", "PRON", "VERB", "PUNCT"],
              sent_starts=[True, False, False, False, True, False, False])
    copy = Doc(nlp.vocab, words=["Biden", "meets", "Xi"], spaces=[True, True, False],
               heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"], pos=["PROPN", "VERB", "PROPN"],
               lemmas=["Biden", "meet", "Xi"], ents=["B-PERSON", "O", "B-PERSON"])
    write_parses(doc, [(0, copy)])
    assert doc.text == "Biden Meets Xi\nHe spoke."  # the text is the original
    assert [(t.pos_, t.lemma_) for t in doc[:3]] == [("PROPN", "Biden"), ("VERB", "meet"),
                                                     ("PROPN", "Xi")]
    assert doc[2].head.i == 1 and doc[5].head.i == 5
    assert [e.text for e in doc.ents] == ["Biden", "Xi"]
    assert len(list(doc.sents)) == 2


@pytest.mark.model
@pytest.mark.parametrize("text, pair, mode", [
    ("Xi Jinping Holds Telephone Talks at Request with General Secretary of the Central "
     "Committee of the Communist Party of Vietnam (CPV) and President Nguyen Phu Trong\n\n"
     "The two leaders exchanged greetings.", ("CHN", "VNM"), "phone"),
    ("Readout of President Biden's Meeting with Cardinal Matteo Zuppi of the Holy See\n\n"
     "The President thanked the Cardinal.", ("USA", "VAT"), "in-person"),
])
def test_a_title_case_headline_is_coded(coder, text: str, pair: tuple[str, str],
                                        mode: str) -> None:
    events = coder.code(text, "2020-01-16")
    found = [e for e in events if e.event == "CONSULT" and e.evidence.sentence == 0]
    assert {(e.actor[0].code, e.recipient[0].code) for e in found} >= {pair, pair[::-1]}, events
    assert all(mode in e.mode for e in found)
    headline = text.split("\n")[0]
    # the record's text and offsets are the headline as printed
    assert all(e.text == headline and text[e.evidence.sentence_start:e.evidence.sentence_end]
               .strip() == headline for e in found)


@pytest.mark.model
def test_a_title_case_list_of_names_is_no_event(coder) -> None:
    text = ("Participants:\n- Destini Philpot, Students Demand Action Baltimore\n"
            "- Jane Doe, Moms Demand Action")
    assert coder.code(text, "2021-06-12") == []


@pytest.mark.model
def test_the_headlines_of_a_document_parse_as_each_does_alone(coder) -> None:
    """A document's title-case lines are parsed in one batch: each gets the parse it gets in a
    document of its own (tags, lemmas, dependencies, entities)."""
    first = "Xi Jinping Holds Telephone Talks With President Nguyen Phu Trong"
    second = "Readout of President Biden's Call with Prime Minister Trudeau of Canada"
    body = "\n\nThe two leaders spoke."

    def parse(text: str) -> list[tuple[str, str, str, int, str]]:
        doc = coder.parse(Document("d", text))
        return [(t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]

    both = parse(first + "\n\n" + second + body)
    alone_first, alone_second = parse(first + body), parse(second + body)
    n = len(alone_first) - 6  # the headline's tokens, before "\n\n" and the body
    m = len(alone_second) - 6
    assert both[:n] == alone_first[:n]
    offset = n + 1  # the "\n\n" token between the headlines
    assert [(tag, lemma, dep, head - offset, ent) for tag, lemma, dep, head, ent
            in both[offset:offset + m]] == alone_second[:m]
    assert any(dep == "ROOT" and lemma == "hold" for _, lemma, dep, _, _ in both[:n])
