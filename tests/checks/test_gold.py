"""Reading gold sets: gold folders, PLOVER gold-standard files, and the errors that name the
file, line and fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.checks.gold import load_gold
from dyads.checks.run import run
from dyads.checks.sentence import SentenceGold
from dyads.errors import InputError, MalformedRecord

from .conftest import DOCS, ent, write_jsonl

PLOVER_RECORDS = [
    {"id": "g1", "text": "Hungary and Romania agreed to cooperate.", "date": "2000-01-01",
     "event": "AGREE", "source": "HUN|ROU", "target": "---"},
    {"id": "g2", "text": "Britain urged Japan to act.", "eventType": "DEMAND",
     "sourceActor": {"actor": "UK", "agent": "GOV"}, "targetActor": [{"code": "JAP"}]},
    {"id": "g3", "text": "France sent aid to Mali.", "plover": ["AID"],
     "actor": [{"code": "FRA"}], "recipient": ["MLI"]},
]
WANT = [SentenceGold("g1", "AGREE", frozenset({"HUN", "ROU"}), frozenset()),
        SentenceGold("g2", "REQUEST", frozenset({"GBR"}), frozenset({"JPN"})),
        SentenceGold("g3", "AID", frozenset({"FRA"}), frozenset({"MLI"}))]


@pytest.mark.parametrize("layout", ["array", "jsonl", "pretty"])
def test_plover_gold_file(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "gsr.json"
    if layout == "array":
        path.write_text(json.dumps(PLOVER_RECORDS, indent=2), encoding="utf-8")
    elif layout == "jsonl":
        write_jsonl(path, PLOVER_RECORDS)
    else:
        path.write_text("\n".join(json.dumps(r, indent=4) for r in PLOVER_RECORDS),
                        encoding="utf-8")
    gold = load_gold(path)
    assert list(gold.items) == WANT
    assert [d.id for d in gold.documents] == ["g1", "g2", "g3"]
    assert str(gold.documents[0].published) == "2000-01-01"


def test_plover_gold_file_scored(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gsr.jsonl", PLOVER_RECORDS)
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        {"doc_id": "g1", "actor": ent("HUN"), "recipient": ent("ROU"), "event": ["AGREE"]},
        {"doc_id": "g2", "actor": ent("GBR"), "recipient": ent("JPN"), "event": ["ACCUSE"]}])
    figures = run(gold, pred).figures()["sentence"]
    assert figures["full_match"] == 0.3333
    assert figures["type_precision"] == 0.5


def test_plover_record_needs_text_and_type(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "text": "No type here."}])
    with pytest.raises(MalformedRecord, match="needs a 'text' and an 'event'"):
        load_gold(path)


def test_unknown_task_names_file_and_line(folder: Path) -> None:
    with (folder / "gold.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"task": "guess", "id": "z"}\n')
    with pytest.raises(MalformedRecord, match=r"gold\.jsonl:12: unknown gold task 'guess'"):
        load_gold(folder)


def test_record_missing_a_field(folder: Path) -> None:
    write_jsonl(folder / "gold.jsonl", [{"task": "penta", "id": "p1"}])
    with pytest.raises(MalformedRecord, match="a penta record needs a valid 'label'"):
        load_gold(folder)


def test_missing_gold(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such gold folder or file"):
        load_gold(tmp_path / "nowhere")
    (tmp_path / "half").mkdir()
    write_jsonl(tmp_path / "half" / "docs.jsonl", DOCS)
    with pytest.raises(InputError, match="has no gold.jsonl"):
        load_gold(tmp_path / "half")


def test_bad_predictions_line(tmp_path: Path, folder: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"doc_id": "s1"}\nnot json\n', encoding="utf-8")
    with pytest.raises(MalformedRecord, match=r"pred\.jsonl:2"):
        run(folder, pred)


