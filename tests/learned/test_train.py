"""`dyads train`: the command's checks, and (slow, opt-in) the reproduction of the shipped
model's held-out figures.

The reproduction fine-tunes for about an hour on two busy cores, reads ../shared/gold/penta-train
and needs the train extra (``pip install -e '.[train]'``); it runs when DYADS_TRAIN_REPRODUCE=1:

    DYADS_TRAIN_REPRODUCE=1 .venv/bin/pytest -q tests/learned/test_train.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.learned.model import shipped_model_dir

ROOT = Path(__file__).resolve().parents[2]


def test_train_without_annotations_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "--data", str(tmp_path), "-o",
                                      str(tmp_path / "model")])
    assert result.exit_code == 1
    assert "no annotation files" in result.output


def test_train_rejects_an_unknown_wrong_party_policy(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "--data", str(tmp_path), "-o",
                                      str(tmp_path / "m"), "--wrong-party", "maybe"])
    assert result.exit_code == 2


@pytest.mark.shared
@pytest.mark.skipif(os.environ.get("DYADS_TRAIN_REPRODUCE") != "1",
                    reason="slow: set DYADS_TRAIN_REPRODUCE=1 (about an hour, train extra)")
def test_train_reproduces_the_shipped_figures(tmp_path: Path, shared: Path) -> None:
    from dyads.learned.train import TrainConfig, train

    meta = json.loads((shipped_model_dir() / "model.json").read_text(encoding="utf-8"))
    config = meta["config"]
    penta = shared / "gold" / "penta-train" if config["penta"] != "None" else None
    report = train(TrainConfig(
        data=ROOT / "data" / "annotations", output=tmp_path / "model", penta=penta,
        epochs=int(config["epochs"]), batch_size=int(config["batch_size"]),
        learning_rate=float(config["learning_rate"]), max_length=int(config["max_length"]),
        seed=int(config["seed"]), freeze=int(config["freeze"]),
        val_share=float(config["val_share"]),
        class_weight_cap=float(config["class_weight_cap"]), aux=config["aux"] == "True",
        target_precision=float(config["target_precision"])))
    shipped = meta["report"]["figures"]
    for name in ("model", "reviewed"):
        assert report.figures["accuracy"][name] == pytest.approx(
            shipped["accuracy"][name], abs=0.01)
        if "penta_test" in shipped:
            assert report.figures["penta_test"]["accuracy"][name] == pytest.approx(
                shipped["penta_test"]["accuracy"][name], abs=0.01)
    # the policy training chose (model.json "policy" is the one `dyads tune` chose later, on
    # the rules of its day: see docs/model.md)
    assert report.policy == meta["report"]["policy"]
