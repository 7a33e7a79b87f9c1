"""The spaCy stage: abbreviated titles stay one token; a title's full stop ends no sentence."""

from __future__ import annotations

import pytest

from dyads.nlp import TITLE_ABBREVIATIONS, add_abbreviations


@pytest.mark.parametrize("abbr", TITLE_ABBREVIATIONS)
def test_abbreviated_titles_are_one_token(abbr: str) -> None:
    import spacy

    nlp = spacy.blank("en")
    add_abbreviations(nlp)
    assert [t.text for t in nlp(f"the {abbr} Julie Bishop")] == ["the", abbr, "Julie", "Bishop"]


@pytest.mark.model
def test_the_hon_does_not_end_a_sentence(coder) -> None:
    text = ("Mr. Taro Kono, Minister for Foreign Affairs, held a telephone talk with the Hon. "
            "Julie Bishop, MP, Minister for Foreign Affairs of the Commonwealth of Australia.")
    assert len(list(coder.nlp(text).sents)) == 1
    events = coder.code(text, "2017-08-30")
    assert ("JPN", "AUS") in {(a.code, r.code) for e in events for a in e.actor
                              for r in e.recipient}


@pytest.mark.parametrize(("text", "tokens"), [
    ("U.S.-China talks", ["U.S.", "-", "China", "talks"]),
    ("the U.S.\u2013ROK alliance", ["the", "U.S.", "\u2013", "ROK", "alliance"]),
    ("Japan-Australia ties", ["Japan", "-", "Australia", "ties"]),
    ("a well-known U.S. envoy", ["a", "well", "-", "known", "U.S.", "envoy"]),
])
def test_a_dash_after_an_abbreviation_splits(text: str, tokens: list[str]) -> None:
    import spacy

    from dyads.nlp import split_abbreviation_dashes

    nlp = spacy.blank("en")
    split_abbreviation_dashes(nlp)
    assert [t.text for t in nlp(text)] == tokens


def test_span_text_is_the_text_spacy_joins() -> None:
    import spacy

    from dyads.nlp import span_text

    nlp = spacy.blank("en")
    doc = nlp("Xi  met Lam.\n\nThey spoke  by phone. ")
    spans = [doc[i:j] for i in range(len(doc)) for j in range(i + 1, len(doc) + 1)]
    assert [span_text(s) for s in spans] == [s.text for s in spans]


def test_words_are_the_tokens_forms() -> None:
    import spacy

    from dyads.nlp import words

    nlp = spacy.blank("en")
    doc = nlp("Xi MET Lam, then they Spoke again!")
    for tok, lemma in zip(doc, ["xi", "Meet", "lam", ",", "then", "they", "speak", "Again", "!"],
                          strict=True):
        tok.lemma_ = lemma
    found = words(doc)
    assert found.lower == [t.lower_ for t in doc]
    assert found.lemma == [t.lemma_.lower() for t in doc]
    assert found.punct == [t.is_punct for t in doc]


@pytest.mark.parametrize("heads", [
    [1, 1, 1, 4, 2, 1],  # projective
    [2, 2, 2, 0, 2, 3],  # "0 <- 3" crosses "2 -> 4": non-projective
    [0, 0, 5, 0, 2, 3, 5],  # a right child whose subtree reaches back to the left
])
def test_subtree_indices_are_spacys_subtree_in_its_order(heads: list[int]) -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from dyads.nlp import subtree

    words = [f"w{i}" for i in range(len(heads))]
    deps = ["ROOT" if h == i else "dep" for i, h in enumerate(heads)]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    for tok in doc:
        assert subtree(doc, tok.i) == tuple(t.i for t in tok.subtree)
