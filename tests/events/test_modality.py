"""Modality helpers on hand-built parses (events/modality.py)."""

from __future__ import annotations

from spacy.tokens import Doc


def _parse(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    import spacy

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_demand_verbs_are_the_words_a_must_or_should_hangs_from() -> None:
    from dyads.events.modality import demand_verbs, demanded

    doc = _parse(
        ["Sudan", "must", "return", "the", "helicopter", ",", "and", "Russia", "should",
         "help", "."],
        [2, 2, 2, 4, 2, 2, 2, 9, 9, 2, 2],
        ["nsubj", "aux", "ROOT", "det", "dobj", "punct", "cc", "nsubj", "aux", "conj", "punct"],
        ["PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT", "CCONJ", "PROPN", "AUX", "VERB",
         "PUNCT"])
    sent = doc[:]
    assert [t.text for t in demand_verbs(sent)] == ["return", "help"]
    # every word demanded() accepts is among them
    assert [t.i for t in sent if demanded(t)] == [t.i for t in demand_verbs(sent) if demanded(t)]
    assert [(d[1].text, d[2]) for d in map(demanded, demand_verbs(sent)) if d] == [
        ("Sudan", "100"), ("Russia", "020")]


def test_a_conjunct_with_a_tense_of_its_own_is_not_under_the_plan() -> None:
    import spacy

    from dyads.events.modality import modality

    words = ["Australia", "is", "planning", "to", "deploy", "a", "team", "and", "is",
             "working", "with", "Indonesia", "."]
    heads = [2, 2, 2, 4, 2, 6, 4, 2, 9, 2, 9, 10, 2]
    deps = ["nsubj", "aux", "ROOT", "aux", "xcomp", "det", "dobj", "cc", "aux", "conj",
            "prep", "pobj", "punct"]
    tags = ["NNP", "VBZ", "VBG", "TO", "VB", "DT", "NN", "CC", "VBZ", "VBG", "IN", "NNP", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags,
              lemmas=[w.lower() for w in words[:2]] + ["plan", "to", "deploy", "a", "team",
                                                       "and", "be", "work", "with",
                                                       "indonesia", "."])
    assert modality(doc[4]) == "intended"  # "planning to deploy"
    assert modality(doc[9]) == "asserted"  # "is working with": going on now
    # without its own "is" the second verb shares the plan: "planning to deploy and work"
    doc[8].tag_ = "TO"
    doc[8].dep_ = "aux"
    assert modality(doc[9]) == "intended"


def test_a_sentence_without_a_modal_has_no_demand_verbs() -> None:
    from dyads.events.modality import demand_verbs

    doc = _parse(["Sudan", "returned", "it", "."], [1, 1, 1, 1],
                 ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "PRON", "PUNCT"])
    assert demand_verbs(doc[:]) == []


def test_a_noun_trigger_takes_the_modality_of_the_verb_it_is_the_object_of() -> None:
    from dyads.events.modality import modality

    # "They will continue discussions": the discussions are intended
    doc = _parse(["They", "will", "continue", "discussions"], [2, 2, 2, 2],
                 ["nsubj", "aux", "ROOT", "dobj"], ["PRON", "AUX", "VERB", "NOUN"])
    assert modality(doc[3]) == "intended"
    # "They continued discussions": done
    doc = _parse(["They", "continued", "discussions"], [1, 1, 1],
                 ["nsubj", "ROOT", "dobj"], ["PRON", "VERB", "NOUN"])
    assert modality(doc[2]) == "asserted"
    # "They will remain in consultation": through the preposition
    doc = _parse(["They", "will", "remain", "in", "consultation"], [2, 2, 2, 2, 3],
                 ["nsubj", "aux", "ROOT", "prep", "pobj"], ["PRON", "AUX", "VERB", "ADP", "NOUN"])
    assert modality(doc[4]) == "intended"
