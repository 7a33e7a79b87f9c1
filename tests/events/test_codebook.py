"""The codebook files: layout by PLOVER type, headers true to the matcher, order-free ranking.
No spaCy model needed: sentences are hand-built Docs."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from dyads.errors import DataFileError
from dyads.events.codebook import MAX_GAP, NEAR_GAP, PLOVER_TYPES, Codebook, rank
from dyads.events.match import find_triggers

FOLDER = resources.files("dyads.events") / "data" / "codebook"


def _files() -> list:
    return sorted((f for f in FOLDER.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


_LEMMAS = {"held": "hold", "met": "meet", "talks": "talk"}


def _doc(words: list[str], pos: list[str]) -> Doc:
    """A sentence with parts of speech and lemmas but no parse."""
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, pos=pos,
               lemmas=[_LEMMAS.get(w, w.lower()) for w in words])


@pytest.fixture(scope="module")
def book() -> Codebook:
    return Codebook.load()


def test_one_file_per_plover_type_and_one_for_statements() -> None:
    names = {f.name for f in _files()}
    assert names == {f"{t.lower()}.yaml" for t in PLOVER_TYPES} | {"statement.yaml"}


def test_every_trigger_lives_in_the_file_of_its_type(book: Codebook) -> None:
    # Codebook.load refuses a misplaced trigger; the ids say the same as the files
    for t in book.triggers:
        role = (book.plover(t.cameo) or "statement").lower()
        assert t.id.split("/")[0] == role, t.id


@pytest.mark.parametrize("f", _files(), ids=lambda f: f.name)
def test_header_states_the_gaps_the_matcher_uses(f) -> None:  # noqa: ANN001
    header = "".join(line for line in f.read_text(encoding="utf-8").splitlines(keepends=True)
                     if line.startswith("#"))
    header = " ".join(header.replace("#", " ").split())
    near = re.search(r"words may stand up to (\d+) tokens apart", header)
    star = re.search(r'"\*" = a gap of up to (\d+) tokens', header)
    assert near and star, f"{f.name}: the header must state both gaps"
    assert int(near.group(1)) == NEAR_GAP
    assert int(star.group(1)) == MAX_GAP


def _hold_talks(gap: int) -> list[str]:
    doc = _doc(["Kyiv", "held", *["x"] * gap, "talks"],
               ["PROPN", "VERB", *["X"] * gap, "NOUN"])
    return [m.rule for m in find_triggers(doc[:], Codebook.load())]


def test_star_gap_is_max_gap_tokens() -> None:
    assert "consult/hold-talks" in _hold_talks(MAX_GAP)
    assert "consult/hold-talks" not in _hold_talks(MAX_GAP + 1)


def test_words_of_a_pattern_may_stand_near_gap_apart(book: Codebook) -> None:
    def rules(gap: int) -> list[str]:
        doc = _doc(["Kyiv", "met", *["x"] * gap, "with", "Paris"],
                   ["PROPN", "VERB", *["X"] * gap, "ADP", "PROPN"])
        return [m.rule for m in find_triggers(doc[:], book)]

    assert "consult/meet-with" in rules(NEAR_GAP)
    assert "consult/meet-with" not in rules(NEAR_GAP + 1)


def test_ranking_does_not_depend_on_the_order_of_the_files(book: Codebook) -> None:
    backwards = Codebook(book.codes, list(reversed(book.triggers)))
    for word, entries in book.index.items():
        assert [c.trigger.id for c in entries] == [c.trigger.id for c in backwards.index[word]]
        assert entries == sorted(entries, key=rank)


def test_longest_trigger_wins_over_a_shorter_one_inside_it(book: Codebook) -> None:
    doc = _doc(["Japan", "held", "telephone", "talks", "with", "India"],
               ["PROPN", "VERB", "NOUN", "NOUN", "ADP", "PROPN"])
    assert [m.rule for m in find_triggers(doc[:], book)] == ["consult/hold-phone-talks"]


def test_one_file_with_all_triggers_still_loads(tmp_path: Path, book: Codebook) -> None:
    lines = ["triggers:"]
    for f in _files():
        body = f.read_text(encoding="utf-8").split("triggers:\n", 1)[1]
        lines.append(body.rstrip("\n"))
    one = tmp_path / "mine.yaml"
    one.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [t.id for t in Codebook.load(triggers_path=one).triggers] == \
        [t.id for t in book.triggers]


def test_a_trigger_in_the_wrong_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "consult.yaml").write_text(
        'triggers:\n  - {id: "consult/shell", cameo: "194", pattern: "shell"}\n',
        encoding="utf-8")
    with pytest.raises(DataFileError, match=r"move it to assault\.yaml"):
        Codebook.load(triggers_path=tmp_path)


def test_a_duplicate_id_names_both_files(tmp_path: Path) -> None:
    for name in ("consult", "statement"):
        (tmp_path / f"{name}.yaml").write_text(
            f'triggers:\n  - {{id: "x/y", cameo: "{"040" if name == "consult" else "010"}", '
            f'pattern: "meet"}}\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate trigger id 'x/y'"):
        Codebook.load(triggers_path=tmp_path)


def _parsed(words: list[str], pos: list[str], heads: list[int], deps: list[str]) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps,
               lemmas=[{"called": "call", "dispersed": "disperse"}.get(w, w.lower())
                       for w in words])


def test_call_on_is_a_visit_only_without_an_infinitive(book: Codebook) -> None:
    visit = _parsed(["Kono", "called", "on", "Modi"], ["PROPN", "VERB", "ADP", "PROPN"],
                    [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"])
    ask = _parsed(["Kono", "called", "on", "Modi", "to", "act"],
                  ["PROPN", "VERB", "ADP", "PROPN", "PART", "VERB"],
                  [1, 1, 1, 2, 5, 1], ["nsubj", "ROOT", "prep", "pobj", "aux", "xcomp"])
    assert [m.rule for m in find_triggers(visit[:], book)] == ["consult/call-on-visit"]
    assert [m.rule for m in find_triggers(ask[:], book)] == ["request/call-on"]


def test_a_modifier_hands_the_anchor_to_the_word_it_modifies(book: Codebook) -> None:
    doc = _parsed(["Police", "violently", "dispersed", "protesters"],
                  ["NOUN", "ADV", "VERB", "NOUN"], [2, 2, 2, 2],
                  ["nsubj", "advmod", "ROOT", "dobj"])
    (m,) = find_triggers(doc[:], book)
    assert m.rule == "assault/violent-dispersal"
    assert m.anchor.text == "dispersed"
