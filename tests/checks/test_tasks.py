"""Figures, per-type scores, confusion matrices and misses of the readout, sentence, penta and
expect tasks, worked out by hand on a small gold folder; and `dyads evaluate` on it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dyads.checks.records import Prediction
from dyads.checks.report import NOTHING, format_report
from dyads.checks.run import evaluate

from .conftest import LISTED_DOCS, LISTED_GOLD, LISTED_PRED, load_gold_from, report_of, task_of

# --------------------------------------------------------------------------- figures


def test_figures_by_hand(folder: Path, pred: Path) -> None:
    figures = report_of(folder, pred).figures()
    assert figures == {
        "events_read": 12,
        "readout": {"docs": 2, "recall": 0.5, "consult_precision": 0.3333, "date_exact": 0.0,
                    "date_within_1d": 0.5, "mode_given_hit": 1.0},
        "sentence": {"sentences": 3, "type_precision": 0.6667, "type_recall": 0.6667,
                     "type_f1": 0.6667, "full_match": 0.6667},
        "penta": {"sentences": 3, "accuracy": 0.3333, "macro_f1": 0.2},
        "expect": {"expected": 3, "found": 0.6667},
    }


def test_per_type_scores(folder: Path, pred: Path) -> None:
    classes = {c.label: c for c in task_of(report_of(folder, pred), "sentence").classes}
    assert list(classes) == ["AGREE", "CONSULT", "REQUEST", "ASSAULT"]
    assert (classes["AGREE"].support, classes["AGREE"].predicted) == (1, 1)
    assert (classes["AGREE"].precision, classes["AGREE"].recall) == (1.0, 1.0)
    assert (classes["CONSULT"].support, classes["CONSULT"].predicted) == (0, 1)
    assert classes["CONSULT"].precision == 0.0
    assert (classes["ASSAULT"].recall, classes["ASSAULT"].f1) == (0.0, 0.0)


def test_sentence_confusion(folder: Path, pred: Path) -> None:
    confusion = task_of(report_of(folder, pred), "sentence").confusion
    assert confusion.rows == ("AGREE", "REQUEST", "ASSAULT")
    assert confusion.columns == ("AGREE", "REQUEST", "ASSAULT", NOTHING)
    assert confusion.counts == ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 0, 1))


def test_sentence_confusion_takes_the_first_coded_type_of_a_miss(tmp_path: Path) -> None:
    gold = load_gold_from(tmp_path, [{"id": "a", "text": "x"}],
                          [{"task": "sentence", "id": "a", "event": "AGREE", "source": []}])
    preds = [Prediction.from_record({"doc_id": "a", "event": ["SUPPORT"]}),
             Prediction.from_record({"doc_id": "a", "event": ["ACCUSE"]})]
    confusion = task_of(evaluate(gold, preds), "sentence").confusion
    assert confusion.rows == ("AGREE", "SUPPORT")  # square: every label is a row and column
    assert confusion.columns == ("AGREE", "SUPPORT")
    assert confusion.counts == ((0, 1), (0, 0))


def test_penta_classes_and_confusion(folder: Path, pred: Path) -> None:
    task = task_of(report_of(folder, pred), "penta")
    assert [c.support for c in task.classes] == [1, 1, 0, 0, 1]
    assert [c.f1 for c in task.classes] == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert task.confusion.rows == ("0", "1", "2", "3", "4")
    assert task.confusion.counts[0] == (0, 0, 0, 1, 0)  # ASSAULT+ACCUSE -> lowest quad, 3
    assert task.confusion.counts[1] == (1, 0, 0, 0, 0)  # nothing coded -> 0
    assert task.confusion.counts[4] == (0, 0, 0, 0, 1)  # CAMEO root 19


def test_misses_carry_their_sentences(folder: Path, pred: Path) -> None:
    report = report_of(folder, pred)
    misses = {m.gold_id: m for t in report.tasks for m in t.misses}
    assert set(misses) == {"r2", "s3", "p2", "p3", "x3"}
    assert misses["s3"].text == "Russian forces shelled Ukrainian positions."
    assert "want ASSAULT RUS->UKR; got nothing" in misses["s3"].message
    assert misses["x3"].text == "the request"
    text = format_report(report, misses=1)
    assert "Russian forces shelled Ukrainian positions." in text
    assert "The two sides praised the accord." not in text  # p3 is the second penta miss


def test_to_json_has_figures_and_details(folder: Path, pred: Path) -> None:
    data = json.loads(json.dumps(report_of(folder, pred).to_json()))
    assert data["sentence"]["type_f1"] == 0.6667
    assert data["details"]["penta"]["confusion"]["counts"][4] == [0, 0, 0, 0, 1]
    assert data["details"]["expect"]["misses"][0]["gold_id"] == "x3"


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




def test_sentence_gold_may_list_types(tmp_path: Path) -> None:
    gold = load_gold_from(tmp_path, LISTED_DOCS, LISTED_GOLD)
    task = task_of(evaluate(gold, [Prediction.from_record(r) for r in LISTED_PRED]), "sentence")
    # a: AGREE is one of its types (hit) and CONSULT is not (a false positive); b: REQUEST
    assert task.figures == {"sentences": 2, "type_precision": 0.6667, "type_recall": 1.0,
                            "type_f1": 0.8, "full_match": 1.0}
    classes = {c.label: (c.support, c.predicted) for c in task.classes}
    assert classes == {"SUPPORT": (1, 1), "CONSULT": (0, 1), "REQUEST": (1, 1)}
