"""Annotations → examples, the split by document, the join of labels, agreement."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dyads.learned.data import (
    AnnotationError,
    Example,
    cohen_kappa,
    join_labels,
    penta_examples,
    penta_target,
    read_annotations,
    split_by_document,
    split_ids,
    target,
)
from dyads.models import Entity, Event, EventDate, Evidence


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(("record", "policy", "want"), [
    ({"label": "right", "type": "CONSULT"}, "none", "CONSULT"),
    ({"label": "wrong_type", "type": "AGREE", "correct_type": "REQUEST"}, "none", "REQUEST"),
    ({"label": "no_event", "type": "SUPPORT"}, "none", "NONE"),
    ({"label": "wrong_party", "type": "SUPPORT"}, "none", "NONE"),
    ({"label": "wrong_party", "type": "SUPPORT"}, "type", "SUPPORT"),
    ({"label": "wrong_party", "type": "SUPPORT"}, "skip", None),
])
def test_target(record: dict, policy: str, want: str | None) -> None:
    assert target(record, policy) == want  # type: ignore[arg-type]


@pytest.mark.parametrize("record", [{"label": "maybe", "type": "AGREE"},
                                    {"label": "wrong_type", "type": "AGREE",
                                     "correct_type": "HUG"}])
def test_target_rejects_unknown_labels(record: dict) -> None:
    with pytest.raises(ValueError, match="is not"):
        target(record)


def test_read_annotations_names_the_bad_line(tmp_path: Path) -> None:
    _write(tmp_path / "a.jsonl", [{"marked": "x", "type": "AGREE", "label": "right"},
                                  {"marked": "y", "type": "AGREE"}])
    with pytest.raises(AnnotationError, match=r"a\.jsonl:2"):
        read_annotations(tmp_path)


def test_read_annotations(tmp_path: Path) -> None:
    _write(tmp_path / "a.jsonl", [
        {"cid": "c1", "doc_id": "d1", "marked": "[T]met[/T]", "type": "CONSULT",
         "source": ["USA"], "target": ["JPN"], "label": "right"},
        {"cid": "c2", "doc_id": "d1", "marked": "to [T]discuss[/T] ties", "type": "CONSULT",
         "source": ["USA"], "target": [], "label": "no_event"}])
    got = read_annotations(tmp_path)
    assert [(e.label, e.pair, e.doc_id) for e in got] == [
        ("CONSULT", "USA > JPN", "d1"), ("NONE", "USA > -", "d1")]


def test_split_keeps_documents_whole_and_is_seeded() -> None:
    examples = [Example(f"s{i}", "", "NONE", f"doc{i % 17}", "AGREE") for i in range(200)]
    train, test = split_by_document(examples, 0.2, seed=5)
    assert {e.doc_id for e in train}.isdisjoint({e.doc_id for e in test})
    assert len({e.doc_id for e in test}) == round(17 * 0.2)
    assert (train, test) == split_by_document(examples, 0.2, seed=5)
    assert test != split_by_document(examples, 0.2, seed=6)[1]


def test_join_labels_first_file_wins(tmp_path: Path) -> None:
    cands = _write(tmp_path / "c.jsonl", [
        {"cid": "c1", "doc_id": "d", "marked": "m1", "type": "AGREE", "source": ["USA"],
         "target": []},
        {"cid": "c2", "doc_id": "d", "marked": "m2", "type": "AGREE", "source": ["USA"],
         "target": []},
        {"cid": "c3", "doc_id": "d", "marked": "m3", "type": "AGREE", "source": [],
         "target": []}])
    a = _write(tmp_path / "a.jsonl", [{"cid": "c1", "label": "wrong_type", "type": "AID"},
                                      {"cid": "c2", "label": "right"}])
    b = _write(tmp_path / "b.jsonl", [{"cid": "c2", "label": "no_event"}])
    rows = join_labels(cands, [a, b], ["a1", "a2"])
    assert [(r["cid"], r["label"], r["annotator"]) for r in rows] == [
        ("c1", "wrong_type", "a1"), ("c2", "right", "a1")]
    assert rows[0]["correct_type"] == "AID"


def test_cohen_kappa() -> None:
    # 10 items, 8 agreements; marginals a: 6x/4y, b: 6x/4y -> pe = .52, kappa = .28/.48
    a = ["x"] * 6 + ["y"] * 4
    b = ["x"] * 5 + ["y"] + ["x"] + ["y"] * 3
    assert cohen_kappa(a, b) == pytest.approx((0.8 - 0.52) / 0.48)
    assert cohen_kappa(a, a) == 1.0
    with pytest.raises(ValueError):
        cohen_kappa(a, b[:3])


@pytest.mark.parametrize(("rule_type", "penta_class", "want"), [
    ("CONSULT", 0, "NONE"),        # a plain statement: no event
    ("CONSULT", 1, "CONSULT"),     # verbal cooperation, a type of that quad class
    ("ASSAULT", 4, "ASSAULT"),
    ("AID", 1, None),              # material cooperation in a verbal-cooperation sentence
    ("ACCUSE", 4, None),
])
def test_penta_target(rule_type: str, penta_class: int, want: str | None) -> None:
    assert penta_target(rule_type, penta_class) == want


def _record(event: str, text: str, trigger: str, actor: str) -> Event:
    t, a = text.index(trigger), text.index(actor)
    ev = Evidence(0, 0, len(text), (t, t + len(trigger)), ((a, a + len(actor)),), (), "r")
    return Event("p-0", "p", EventDate(dt.date(2000, 1, 1)), (Entity("IRQ"),), (), event,
                 "190", evidence=ev)


def test_penta_examples_label_the_rule_records_of_each_sentence() -> None:
    texts = {"s1": "Iraqi troops launched an assault on Mosul.",
             "s2": "Iraq said the talks were useful."}
    records = {texts["s1"]: [_record("ASSAULT", texts["s1"], "assault", "Iraqi troops"),
                             _record("CONSULT", texts["s1"], "launched", "Iraqi troops")],
               texts["s2"]: [_record("CONSULT", texts["s2"], "talks", "Iraq")]}
    rows = [(texts["s1"], 4, "s1"), (texts["s2"], 0, "s2")]
    got = penta_examples(rows, lambda text: records[text])
    assert [(e.doc_id, e.label, e.rule_type) for e in got] == [
        ("s1", "ASSAULT", "ASSAULT"), ("s2", "NONE", "CONSULT")]
    assert got[0].text == "[S]Iraqi troops[/S] launched an [T]assault[/T] on Mosul."
    assert got[0].pair == "IRQ > -"


def test_split_ids_is_seeded_and_sized() -> None:
    ids = [f"p{i}" for i in range(100)]
    assert len(split_ids(ids, 0.2, 13)) == 20
    assert split_ids(ids, 0.2, 13) == split_ids(reversed(ids), 0.2, 13)
    assert split_ids(ids, 0.2, 13) != split_ids(ids, 0.2, 14)
