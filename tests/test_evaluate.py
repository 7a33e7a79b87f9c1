"""dyads.evaluate: gold formats, figures, per-type scores, confusion matrices, misses, and
agreement with the reference scorer (../shared/eval/score.py) on the same output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import score
from dyads.errors import InputError, MalformedRecord
from dyads.evaluate import (
    NOTHING,
    GoldSet,
    Prediction,
    Report,
    SentenceGold,
    evaluate,
    format_report,
    load_gold,
    read_predictions,
    run,
)

# A small gold folder of our own with every task, and output that exercises the edge cases:
# PLOVER 1 type names, CAMEO-era country codes, lower-case types, CAMEO roots, date-times,
# missing dates, units in lower case, quantities that are not objects.
DOCS = [
    {"id": "r1", "text": "The President spoke with the Prime Minister of Canada.",
     "published": "2021-01-22"},
    {"id": "r2", "text": "The President met the President of Mexico."},
    {"id": "s1", "text": "Hungarian and Romanian officials agreed to cooperate."},
    {"id": "s2", "text": "Britain demanded that Japan withdraw the claim."},
    {"id": "s3", "text": "Russian forces shelled Ukrainian positions."},
    {"id": "p1", "text": "Troops fired on the crowd."},
    {"id": "p2", "text": "The minister said the talks would go on."},
    {"id": "p3", "text": "The two sides praised the accord."},
    {"id": "e1", "text": "Xi Jinping held telephone talks with Nguyen Phu Trong."},
]
GOLD = [
    {"task": "readout", "id": "r1", "date": "2021-01-22", "source": "USA", "targets": ["CAN"],
     "event": "CONSULT", "mode": "phone", "title": "Readout of a call with Canada"},
    {"task": "readout", "id": "r2", "date": "2021-01-23", "source": "USA", "targets": ["MEX"],
     "event": "CONSULT", "mode": "in-person"},
    {"task": "sentence", "id": "s1", "event": "AGREE", "source": ["HUN", "ROU"], "target": []},
    {"task": "sentence", "id": "s2", "event": "DEMAND", "source": ["UK"], "target": ["JAP"]},
    {"task": "sentence", "id": "s3", "event": "ASSAULT", "source": ["RUS"], "target": ["UKR"]},
    {"task": "penta", "id": "p1", "label": 4},
    {"task": "penta", "id": "p2", "label": 0},
    {"task": "penta", "id": "p3", "label": 1},
    {"task": "expect", "id": "x1", "doc": "e1", "event": "CONSULT", "dyad": ["CHN", "VNM"],
     "date": "2020-01-16", "mode": "phone", "note": "the call"},
    {"task": "expect", "id": "x2", "doc": "e1", "event": ["AGREE", "SUPPORT"], "source": "CHN",
     "target": "VNM", "amount": {"value": 600000000, "unit": "CNY"}, "note": "the aid"},
    {"task": "expect", "id": "x3", "doc": "e1", "event": "REQUEST", "source": "VNM",
     "target": "CHN", "note": "the request"},
]


def _ent(*codes: str) -> list[dict[str, str]]:
    return [{"code": c} for c in codes]


PREDICTIONS: list[dict[str, Any]] = [
    {"doc_id": "r1", "date": "2021-01-23", "actor": _ent("USA"), "recipient": _ent("CAN"),
     "event": ["CONSULT"], "mode": ["telephone"]},
    {"doc_id": "r1", "date": "2021-01-22", "actor": _ent("USA"), "recipient": _ent("GBR"),
     "event": "CONSULT", "mode": []},
    {"doc_id": "r1", "date": None, "actor": _ent("USA"), "recipient": [], "event": ["consult"]},
    {"doc_id": "s1", "actor": _ent("HUN"), "recipient": _ent("ROU"), "event": ["AGREE"]},
    {"doc_id": "s1", "actor": _ent("HUN"), "recipient": [], "event": ["CONSULT"]},
    {"doc_id": "s2", "actor": _ent("GBR"), "recipient": _ent("JPN"), "event": "REQUEST"},
    {"doc_id": "p1", "actor": _ent("COP"), "recipient": [], "event": ["COERCE"], "cameo": "190"},
    {"doc_id": "p2", "actor": _ent("GOV"), "recipient": [], "event": ["ASSAULT", "ACCUSE"]},
    {"doc_id": "p2", "actor": _ent("GOV"), "recipient": [], "event": ["AGREE"], "cameo": "010"},
    {"doc_id": "e1", "date": "2020-01-16T00:00:00", "actor": _ent("CHN"),
     "recipient": _ent("VNM"), "event": ["CONSULT"], "mode": "phone"},
    {"doc_id": "e1", "date": "2020-01-16", "actor": _ent("CHN"), "recipient": _ent("VNM"),
     "event": ["AGREE"], "quantities": [{"value": 600000000.0, "unit": "cny"}, "junk"]},
    {"actor": _ent("FRA"), "event": ["AID"]},
]


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    gold = tmp_path / "mixed"
    gold.mkdir()
    _write_jsonl(gold / "docs.jsonl", DOCS)
    _write_jsonl(gold / "gold.jsonl", GOLD)
    return gold


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    return _write_jsonl(tmp_path / "pred.jsonl", PREDICTIONS)


def _report(folder: Path, pred: Path) -> Report:
    return evaluate(load_gold(folder), read_predictions(pred))


def _task(report: Report, name: str) -> Any:
    return next(t for t in report.tasks if t.task == name)


def assert_same_figures(mine: dict[str, Any], reference: dict[str, Any]) -> None:
    """Every figure of the reference report is in ours, with the same value."""
    assert mine["events_read"] == reference["events_read"]
    for task, figures in reference.items():
        if task != "events_read":
            assert mine[task] == figures, task


# --------------------------------------------------------------------------- figures


def test_figures_by_hand(folder: Path, pred: Path) -> None:
    figures = _report(folder, pred).figures()
    assert figures == {
        "events_read": 12,
        "readout": {"docs": 2, "recall": 0.5, "consult_precision": 0.3333, "date_exact": 0.0,
                    "date_within_1d": 0.5, "mode_given_hit": 1.0},
        "sentence": {"sentences": 3, "type_precision": 0.6667, "type_recall": 0.6667,
                     "type_f1": 0.6667, "full_match": 0.6667},
        "penta": {"sentences": 3, "accuracy": 0.3333, "macro_f1": 0.2},
        "expect": {"expected": 3, "found": 0.6667},
    }


def test_figures_equal_the_reference_scorer(folder: Path, pred: Path, shared: Path) -> None:
    assert_same_figures(_report(folder, pred).figures(), score(folder, pred))


def test_headline_lines_equal_the_reference_scorer(folder: Path, pred: Path,
                                                   shared: Path) -> None:
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(folder),
                          str(pred)], capture_output=True, text=True, check=True).stdout
    text = format_report(_report(folder, pred)).splitlines()
    for line in out.splitlines():
        assert line in text


def test_per_type_scores(folder: Path, pred: Path) -> None:
    classes = {c.label: c for c in _task(_report(folder, pred), "sentence").classes}
    assert list(classes) == ["AGREE", "CONSULT", "REQUEST", "ASSAULT"]
    assert (classes["AGREE"].support, classes["AGREE"].predicted) == (1, 1)
    assert (classes["AGREE"].precision, classes["AGREE"].recall) == (1.0, 1.0)
    assert (classes["CONSULT"].support, classes["CONSULT"].predicted) == (0, 1)
    assert classes["CONSULT"].precision == 0.0
    assert (classes["ASSAULT"].recall, classes["ASSAULT"].f1) == (0.0, 0.0)


def test_sentence_confusion(folder: Path, pred: Path) -> None:
    confusion = _task(_report(folder, pred), "sentence").confusion
    assert confusion.rows == ("AGREE", "REQUEST", "ASSAULT")
    assert confusion.columns == ("AGREE", "REQUEST", "ASSAULT", NOTHING)
    assert confusion.counts == ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 0, 1))


def test_sentence_confusion_takes_the_first_coded_type_of_a_miss(tmp_path: Path) -> None:
    gold = load_gold_from(tmp_path, [{"id": "a", "text": "x"}],
                          [{"task": "sentence", "id": "a", "event": "AGREE", "source": []}])
    preds = [Prediction.from_record({"doc_id": "a", "event": ["SUPPORT"]}),
             Prediction.from_record({"doc_id": "a", "event": ["ACCUSE"]})]
    confusion = _task(evaluate(gold, preds), "sentence").confusion
    assert confusion.rows == ("AGREE", "SUPPORT")  # square: every label is a row and column
    assert confusion.columns == ("AGREE", "SUPPORT")
    assert confusion.counts == ((0, 1), (0, 0))


def test_penta_classes_and_confusion(folder: Path, pred: Path) -> None:
    task = _task(_report(folder, pred), "penta")
    assert [c.support for c in task.classes] == [1, 1, 0, 0, 1]
    assert [c.f1 for c in task.classes] == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert task.confusion.rows == ("0", "1", "2", "3", "4")
    assert task.confusion.counts[0] == (0, 0, 0, 1, 0)  # ASSAULT+ACCUSE -> lowest quad, 3
    assert task.confusion.counts[1] == (1, 0, 0, 0, 0)  # nothing coded -> 0
    assert task.confusion.counts[4] == (0, 0, 0, 0, 1)  # CAMEO root 19


def test_misses_carry_their_sentences(folder: Path, pred: Path) -> None:
    report = _report(folder, pred)
    misses = {m.gold_id: m for t in report.tasks for m in t.misses}
    assert set(misses) == {"r2", "s3", "p2", "p3", "x3"}
    assert misses["s3"].text == "Russian forces shelled Ukrainian positions."
    assert "want ASSAULT RUS->UKR; got nothing" in misses["s3"].message
    assert misses["x3"].text == "the request"
    text = format_report(report, misses=1)
    assert "Russian forces shelled Ukrainian positions." in text
    assert "The two sides praised the accord." not in text  # p3 is the second penta miss


def test_to_json_has_figures_and_details(folder: Path, pred: Path) -> None:
    data = json.loads(json.dumps(_report(folder, pred).to_json()))
    assert data["sentence"]["type_f1"] == 0.6667
    assert data["details"]["penta"]["confusion"]["counts"][4] == [0, 0, 0, 0, 1]
    assert data["details"]["expect"]["misses"][0]["gold_id"] == "x3"


# --------------------------------------------------------------------------- gold formats


def load_gold_from(tmp_path: Path, docs: list[dict[str, Any]],
                   gold: list[dict[str, Any]]) -> GoldSet:
    folder = tmp_path / "gold"
    folder.mkdir()
    _write_jsonl(folder / "docs.jsonl", docs)
    _write_jsonl(folder / "gold.jsonl", gold)
    return load_gold(folder)


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
        _write_jsonl(path, PLOVER_RECORDS)
    else:
        path.write_text("\n".join(json.dumps(r, indent=4) for r in PLOVER_RECORDS),
                        encoding="utf-8")
    gold = load_gold(path)
    assert list(gold.items) == WANT
    assert [d.id for d in gold.documents] == ["g1", "g2", "g3"]
    assert str(gold.documents[0].published) == "2000-01-01"


def test_plover_gold_file_scored(tmp_path: Path) -> None:
    gold = _write_jsonl(tmp_path / "gsr.jsonl", PLOVER_RECORDS)
    pred = _write_jsonl(tmp_path / "pred.jsonl", [
        {"doc_id": "g1", "actor": _ent("HUN"), "recipient": _ent("ROU"), "event": ["AGREE"]},
        {"doc_id": "g2", "actor": _ent("GBR"), "recipient": _ent("JPN"), "event": ["ACCUSE"]}])
    figures = run(gold, pred).figures()["sentence"]
    assert figures["full_match"] == 0.3333
    assert figures["type_precision"] == 0.5


def test_plover_record_needs_text_and_type(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "text": "No type here."}])
    with pytest.raises(MalformedRecord, match="needs a 'text' and an 'event'"):
        load_gold(path)


def test_unknown_task_names_file_and_line(folder: Path) -> None:
    with (folder / "gold.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"task": "guess", "id": "z"}\n')
    with pytest.raises(MalformedRecord, match=r"gold\.jsonl:12: unknown gold task 'guess'"):
        load_gold(folder)


def test_record_missing_a_field(folder: Path) -> None:
    _write_jsonl(folder / "gold.jsonl", [{"task": "penta", "id": "p1"}])
    with pytest.raises(MalformedRecord, match="a penta record needs a valid 'label'"):
        load_gold(folder)


def test_missing_gold(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such gold folder or file"):
        load_gold(tmp_path / "nowhere")
    (tmp_path / "half").mkdir()
    _write_jsonl(tmp_path / "half" / "docs.jsonl", DOCS)
    with pytest.raises(InputError, match="has no gold.jsonl"):
        load_gold(tmp_path / "half")


def test_bad_predictions_line(tmp_path: Path, folder: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"doc_id": "s1"}\nnot json\n', encoding="utf-8")
    with pytest.raises(MalformedRecord, match=r"pred\.jsonl:2"):
        run(folder, pred)


# --------------------------------------------------------------------------- CLI


def test_cli_json(folder: Path, pred: Path) -> None:
    from dyads.cli import app

    result = CliRunner().invoke(app, ["evaluate", str(folder), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["penta"] == {"sentences": 3, "accuracy": 0.3333, "macro_f1": 0.2}


def test_cli_text_and_error(folder: Path, pred: Path, tmp_path: Path) -> None:
    from dyads.cli import app

    result = CliRunner().invoke(app, ["evaluate", str(folder), "--pred", str(pred),
                                      "--misses", "0"])
    assert result.exit_code == 0, result.output
    assert "sentence: sentences=3 type_precision=0.6667" in result.stdout
    assert "confusion (rows: gold, columns: predicted" in result.stdout
    assert "  misses: 2" in result.stdout
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such gold folder or file" in result.stderr


# --------------------------------------------------------------------------- real gold


SUBSET = 30


def _subset(source: Path, target: Path) -> Path:
    """The first SUBSET documents of a gold folder and their gold records, as a new folder."""
    target.mkdir()
    lines = (source / "docs.jsonl").read_text(encoding="utf-8").splitlines()[:SUBSET]
    (target / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ids = {json.loads(line)["id"] for line in lines}
    gold = [json.loads(line) for line in
            (source / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    _write_jsonl(target / "gold.jsonl", [g for g in gold if g.get("doc", g["id"]) in ids])
    return target


@pytest.mark.model
@pytest.mark.parametrize("name", ["plover-gsr-dev", "readouts-dev", "penta-train", "seeds"])
def test_coded_gold_equals_the_reference_scorer(name: str, shared: Path, coder: Any,
                                                tmp_path: Path) -> None:
    gold = _subset(shared / "gold" / name, tmp_path / name)
    pred = tmp_path / "pred.jsonl"
    report = run(gold, coder=coder, save=pred)
    reference = score(gold, pred)
    assert reference["events_read"] > 0
    assert_same_figures(report.figures(), reference)
    assert_same_figures(run(gold, pred).figures(), reference)
