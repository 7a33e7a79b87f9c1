"""Agreement with the reference scorer (../shared/eval/score.py): the same figures on the same
output, on our small gold folder and on every visible gold folder coded now."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import score
from dyads.checks.report import format_report
from dyads.checks.run import run

from .conftest import (
    LISTED_DOCS,
    LISTED_GOLD,
    LISTED_PRED,
    assert_same_figures,
    gold_folder,
    report_of,
    write_jsonl,
)


def test_figures_equal_the_reference_scorer(folder: Path, pred: Path, shared: Path) -> None:
    assert_same_figures(report_of(folder, pred).figures(), score(folder, pred))


def test_headline_lines_equal_the_reference_scorer(folder: Path, pred: Path,
                                                   shared: Path) -> None:
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(folder),
                          str(pred)], capture_output=True, text=True, check=True).stdout
    text = format_report(report_of(folder, pred)).splitlines()
    for line in out.splitlines():
        assert line in text


SUBSET = 30


def _subset(source: Path, target: Path) -> Path:
    """The first SUBSET documents of a gold folder and their gold records, as a new folder."""
    target.mkdir()
    lines = (source / "docs.jsonl").read_text(encoding="utf-8").splitlines()[:SUBSET]
    (target / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ids = {json.loads(line)["id"] for line in lines}
    gold = [json.loads(line) for line in
            (source / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    write_jsonl(target / "gold.jsonl", [g for g in gold if g.get("doc", g["id"]) in ids])
    return target


@pytest.mark.model
@pytest.mark.parametrize("name", ["plover-gsr-dev", "readouts-dev", "penta-train", "seeds",
                                  "documents-dev"])
def test_coded_gold_equals_the_reference_scorer(name: str, shared: Path, coder: Any,
                                                tmp_path: Path) -> None:
    gold = _subset(shared / "gold" / name, tmp_path / name)
    pred = tmp_path / "pred.jsonl"
    report = run(gold, coder=coder, save=pred)
    reference = score(gold, pred)
    assert reference["events_read"] > 0
    assert_same_figures(report.figures(), reference)
    assert_same_figures(run(gold, pred).figures(), reference)


def test_listed_sentence_types_equal_the_reference_scorer(tmp_path: Path, shared: Path) -> None:
    folder = gold_folder(tmp_path / "listed", LISTED_DOCS, LISTED_GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", LISTED_PRED)
    assert_same_figures(report_of(folder, pred).figures(), score(folder, pred))
