"""Task ``event``: matching records to exhaustively annotated events, the figures, per-type
scores, and the cause of every miss."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import score
from dyads.checks.event import CAUSES, locate
from dyads.checks.gold import load_gold
from dyads.checks.report import format_report
from dyads.errors import InputError, MalformedRecord

from .conftest import assert_same_figures, ent, gold_folder, report_of, task_of, write_jsonl

TEXT = ("Xi Jinping held talks with Nguyen Phu Trong in Hanoi.\n"
        "China pledged  aid to Vietnam. The weather was fine.\n"
        "Police arrested protesters.")
#        sentence spans: [0, 53) [54, 84) [85, 106) [107, 134)
SENTENCES = {"talks": [0, 53], "aid": [54, 84], "weather": [85, 106], "police": [107, 134]}
DOCS = [{"id": "d", "text": TEXT}, {"id": "other", "text": "Nothing annotated here."}]
GOLD = [
    {"task": "event", "id": "d#1", "doc": "d", "quote": "held talks with Nguyen Phu Trong",
     "event": "CONSULT", "source": ["CHN"], "target": ["VNM"], "symmetric": True},
    {"task": "event", "id": "d#2", "doc": "d", "quote": "China pledged aid\nto Vietnam",
     "event": ["AGREE", "AID"], "source": ["CHN"], "target": ["VNM"]},
    {"task": "event", "id": "d#3", "doc": "d", "quote": "Police arrested protesters",
     "event": "COERCE", "source": ["CHN"], "target": []},
    {"task": "event", "id": "d#4", "doc": "d", "quote": "Police arrested",
     "event": "ASSAULT", "source": ["CHN"], "target": ["CHN"]},
]


def record(where: str, event: Any, actor: list[str], recipient: list[str],
           **more: Any) -> dict[str, Any]:
    span = SENTENCES.get(where)
    return {"doc_id": "d", "event": event, "actor": ent(*actor), "recipient": ent(*recipient),
            "evidence": {"sentence_span": span} if span else {}, **more}


RECORDS = [
    record("talks", "CONSULT", ["VNM"], ["CHN"]),             # right: symmetric, reversed
    record("talks", "CONSULT", ["CHN"], ["CHN"]),             # self-dyad
    record("talks", "AGREE", ["CHN"], ["VNM"]),               # wrong-type
    record("aid", "AID", ["CHNGOV"], ["VNM"]),                # right: second type, code cut
    record("aid", "AID", ["VNM"], ["CHN"]),                   # wrong-source: not symmetric
    record("aid", "AGREE", ["UNK"], ["VNM"]),                 # unk-party
    record("aid", "AGREE", ["CHN"], []),                      # wrong-target
    record("weather", "ASSAULT", ["CHN"], ["VNM"]),           # nothing-happened
    record("police", "COERCE", ["CHN"], ["VNM"]),             # right: no target, any passes
    record("police", "SUPPORT", ["CHN"], ["VNM"], cameo="010"),  # a statement: not counted
    record("nowhere", "REJECT", ["CHN"], ["VNM"]),            # no span: overlaps every quote
    {"doc_id": "other", "event": "AID", "actor": ent("CHN")},  # not an annotated document
]


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    return gold_folder(tmp_path / "documents", DOCS, GOLD)


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "pred.jsonl", RECORDS)


def test_sentence_spans_of_the_fixture() -> None:
    for start, end in SENTENCES.values():
        assert TEXT[start:end].endswith(".")
        assert start == 0 or TEXT[start - 1] in " \n"


def test_locate_ignores_whitespace_and_keeps_offsets() -> None:
    assert locate(TEXT, "China pledged aid\nto Vietnam") == (54, 83)
    assert locate("a  b\n c", " a b c ") == (0, 7)
    assert locate(TEXT, "China pledged no aid") is None
    assert locate(TEXT, "   ") is None


def test_figures_by_hand(gold_dir: Path, pred: Path) -> None:
    figures = report_of(gold_dir, pred).figures()
    # 10 records of document d (the statement left out; 'other' has no gold): 3 right and the
    # span-less REJECT; recall: d#1, d#2 and d#3 found, d#4 (ASSAULT) not.
    assert figures["event"] == {"docs": 1, "gold_events": 4, "records": 10, "precision": 0.3,
                                "recall": 0.75, "f1": 0.4286, "located": 0.9,
                                "type_given_located": 0.7778}
    assert figures["events_read"] == 12


def test_figures_equal_the_reference_scorer(gold_dir: Path, pred: Path, shared: Path) -> None:
    assert_same_figures(report_of(gold_dir, pred).figures(), score(gold_dir, pred))


def test_per_type_scores(gold_dir: Path, pred: Path) -> None:
    classes = {c.label: c for c in task_of(report_of(gold_dir, pred), "event").classes}
    assert list(classes) == ["AGREE", "CONSULT", "AID", "REJECT", "COERCE", "ASSAULT"]
    assert (classes["CONSULT"].support, classes["CONSULT"].predicted) == (1, 2)
    assert (classes["CONSULT"].precision, classes["CONSULT"].recall) == (0.5, 1.0)
    # d#2 is AGREE first: found by the AID record, it counts as AGREE's
    assert (classes["AGREE"].support, classes["AGREE"].predicted) == (1, 3)
    assert (classes["AGREE"].precision, classes["AGREE"].recall) == (0.0, 1.0)
    assert (classes["AID"].support, classes["AID"].precision) == (0, 0.5)
    assert (classes["ASSAULT"].support, classes["ASSAULT"].recall) == (1, 0.0)


def test_every_miss_has_one_cause_in_order(gold_dir: Path, pred: Path) -> None:
    task = task_of(report_of(gold_dir, pred), "event")
    causes = {m.gold_id: m.cause for m in task.misses}
    assert causes == {"d:2": "self-dyad", "d:3": "wrong-type", "d:5": "wrong-source",
                      "d:6": "unk-party", "d:7": "wrong-target", "d:8": "nothing-happened",
                      "d:11": "wrong-type", "d#4": "missed-other-type"}
    counts = {c.name: n for c, n in task.cause_counts()}
    assert list(counts) == [c.name for c in CAUSES]
    assert sum(counts.values()) == len(task.misses)


def test_missed_causes(tmp_path: Path, gold_dir: Path) -> None:
    pred = write_jsonl(tmp_path / "few.jsonl", [
        record("talks", "CONSULT", ["CHN"], ["USA"]),
        record("aid", "SUPPORT", ["CHN"], ["VNM"])])
    task = task_of(report_of(gold_dir, pred), "event")
    missed = {m.gold_id: m.cause for m in task.misses if m.gold_id.startswith("d#")}
    assert missed == {"d#1": "missed-wrong-parties", "d#2": "missed-other-type",
                      "d#3": "missed-no-record", "d#4": "missed-no-record"}


def test_misses_carry_sentences_and_quotes(gold_dir: Path, pred: Path) -> None:
    misses = {m.gold_id: m for m in task_of(report_of(gold_dir, pred), "event").misses}
    assert misses["d:8"].text == "The weather was fine."
    assert "spurious ASSAULT CHN->VNM" in misses["d:8"].message
    assert misses["d:3"].message.endswith("gold there: CONSULT CHN->VNM (symmetric)")
    assert misses["d#4"].text == "Police arrested"


def test_text_and_json_show_the_causes(gold_dir: Path, pred: Path) -> None:
    report = report_of(gold_dir, pred)
    lines = format_report(report, misses=1).splitlines()
    table = [line.split(maxsplit=2) for line in lines]
    assert ["wrong-type", "2", "record in a gold event's sentence, none of the record's types"] \
        in table
    assert ["missed-no-record", "0", "gold event with no record in its sentence"] in table
    assert "  wrong-type: 2 (showing 1)" in lines
    assert "  missed-no-record: 0" not in lines
    causes = json.loads(json.dumps(report.to_json()))["details"]["event"]["causes"]
    assert causes[0] == {"cause": "nothing-happened", "count": 1,
                         "means": "record in a sentence that overlaps no gold event"}


def test_cli_json_has_the_cause_table(gold_dir: Path, pred: Path) -> None:
    from dyads.cli import app

    result = CliRunner().invoke(app, ["evaluate", str(gold_dir), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["event"]["precision"] == 0.3
    assert sum(c["count"] for c in data["details"]["event"]["causes"]) == 8


def test_a_quote_not_in_its_document(tmp_path: Path, gold_dir: Path, pred: Path) -> None:
    write_jsonl(gold_dir / "gold.jsonl", [{**GOLD[0], "quote": "held secret talks"}])
    with pytest.raises(InputError, match="gold d#1: its quote is not in document d"):
        report_of(gold_dir, pred)


def test_an_event_record_needs_a_quote(gold_dir: Path) -> None:
    write_jsonl(gold_dir / "gold.jsonl", [{**GOLD[0], "quote": " "}])
    with pytest.raises(MalformedRecord, match="an event record needs a valid"):
        load_gold(gold_dir)
