"""Fixtures for the checks: a small gold folder of our own with every task, predictions for it,
and helpers to write and score gold folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dyads.checks.gold import GoldSet, load_gold
from dyads.checks.records import read_predictions
from dyads.checks.report import Report, TaskReport
from dyads.checks.run import evaluate

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


def ent(*codes: str) -> list[dict[str, str]]:
    return [{"code": c} for c in codes]


PREDICTIONS: list[dict[str, Any]] = [
    {"doc_id": "r1", "date": "2021-01-23", "actor": ent("USA"), "recipient": ent("CAN"),
     "event": ["CONSULT"], "mode": ["telephone"]},
    {"doc_id": "r1", "date": "2021-01-22", "actor": ent("USA"), "recipient": ent("GBR"),
     "event": "CONSULT", "mode": []},
    {"doc_id": "r1", "date": None, "actor": ent("USA"), "recipient": [], "event": ["consult"]},
    {"doc_id": "s1", "actor": ent("HUN"), "recipient": ent("ROU"), "event": ["AGREE"]},
    {"doc_id": "s1", "actor": ent("HUN"), "recipient": [], "event": ["CONSULT"]},
    {"doc_id": "s2", "actor": ent("GBR"), "recipient": ent("JPN"), "event": "REQUEST"},
    {"doc_id": "p1", "actor": ent("COP"), "recipient": [], "event": ["COERCE"], "cameo": "190"},
    {"doc_id": "p2", "actor": ent("GOV"), "recipient": [], "event": ["ASSAULT", "ACCUSE"]},
    {"doc_id": "p2", "actor": ent("GOV"), "recipient": [], "event": ["AGREE"], "cameo": "010"},
    {"doc_id": "e1", "date": "2020-01-16T00:00:00", "actor": ent("CHN"),
     "recipient": ent("VNM"), "event": ["CONSULT"], "mode": "phone"},
    {"doc_id": "e1", "date": "2020-01-16", "actor": ent("CHN"), "recipient": ent("VNM"),
     "event": ["AGREE"], "quantities": [{"value": 600000000.0, "unit": "cny"}, "junk"]},
    {"actor": ent("FRA"), "event": ["AID"]},
]


# Sentence gold records that list the types any one of which is right.
LISTED_DOCS = [{"id": "a", "text": "China backed the accord."}, {"id": "b", "text": "y"}]
LISTED_GOLD = [
    {"task": "sentence", "id": "a", "event": ["SUPPORT", "AGREE"], "source": ["CHN"]},
    {"task": "sentence", "id": "b", "event": ["DEMAND", "ACCUSE"], "source": [], "target": []}]
LISTED_PRED = [
    {"doc_id": "a", "actor": ent("CHN"), "event": ["AGREE"]},
    {"doc_id": "a", "actor": ent("CHN"), "event": ["CONSULT"]},
    {"doc_id": "b", "actor": ent("USA"), "event": ["REQUEST"]}]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def gold_folder(folder: Path, docs: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Path:
    """A gold folder of these documents and gold records."""
    folder.mkdir()
    write_jsonl(folder / "docs.jsonl", docs)
    write_jsonl(folder / "gold.jsonl", gold)
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return gold_folder(tmp_path / "mixed", DOCS, GOLD)


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "pred.jsonl", PREDICTIONS)


def report_of(folder: Path, pred: Path) -> Report:
    return evaluate(load_gold(folder), read_predictions(pred))


def task_of(report: Report, name: str) -> TaskReport:
    return next(t for t in report.tasks if t.task == name)


def assert_same_figures(mine: dict[str, Any], reference: dict[str, Any]) -> None:
    """Every figure of the reference report is in ours, with the same value."""
    assert mine["events_read"] == reference["events_read"]
    for task, figures in reference.items():
        if task != "events_read":
            assert mine[task] == figures, task


def load_gold_from(tmp_path: Path, docs: list[dict[str, Any]],
                   gold: list[dict[str, Any]]) -> GoldSet:
    return load_gold(gold_folder(tmp_path / "gold", docs, gold))
