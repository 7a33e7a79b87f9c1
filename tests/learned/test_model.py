"""The shipped classifier through onnxruntime and tokenizers (no torch)."""

from __future__ import annotations

import json

import pytest

from dyads.learned.data import LABELS
from dyads.learned.model import EventClassifier, ModelFileError, shipped_model_dir

MEETING = ("[S]Secretary Blinken[/S] [T]met with[/T] [R]Foreign Minister Wang Yi[/R] in "
           "Beijing on Monday.", "USA > CHN")
GOAL = ("The two leaders discussed ways to [T]strengthen[/T] economic ties between "
        "[S]the United States[/S] and [R]India[/R].", "USA > IND")
LONG = (" ".join(["The delegations reviewed progress on trade, energy and security."] * 12)
        + " [S]Japan[/S] [T]pledged[/T] aid to [R]Ukraine[/R].", "JPN > UKR")


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier()


def test_shipped_model_files_and_labels(classifier: EventClassifier) -> None:
    meta = json.loads((shipped_model_dir() / "model.json").read_text(encoding="utf-8"))
    assert classifier.labels == LABELS == tuple(meta["labels"])
    assert (shipped_model_dir() / "model.onnx").stat().st_size < 30_000_000


def test_probabilities(classifier: EventClassifier) -> None:
    verdicts = classifier.classify([MEETING, GOAL, "plain text without marks"])
    for v in verdicts:
        assert sum(v.probs) == pytest.approx(1.0, abs=1e-4)
        assert v.score == max(v.probs) and v.label == LABELS[v.probs.index(v.score)]


def test_padding_does_not_change_a_verdict(classifier: EventClassifier) -> None:
    alone = classifier.classify([MEETING])[0]
    batched = classifier.classify([MEETING, LONG])[0]
    assert batched.label == alone.label
    # int8 dynamic quantisation scales activations per batch: small drift, same reading
    assert batched.probs == pytest.approx(alone.probs, abs=0.01)


def test_batches_are_cut_at_batch_size() -> None:
    small = EventClassifier(batch_size=2)
    assert len(small.classify([MEETING, GOAL, LONG, MEETING, GOAL])) == 5
    assert small.classify([]) == []


def test_batches_by_length_keep_the_order_of_the_inputs() -> None:
    small = EventClassifier(batch_size=2)
    inputs = [LONG, MEETING, GOAL, LONG, MEETING]
    alone = [small.classify([x])[0] for x in inputs]
    together = small.classify(inputs)
    assert [v.label for v in together] == [v.label for v in alone]
    for a, b in zip(alone, together, strict=True):
        assert b.probs == pytest.approx(a.probs, abs=0.03)  # int8: per-batch scales


def test_plain_cases(classifier: EventClassifier) -> None:
    meeting, goal = classifier.classify([MEETING, GOAL])
    assert meeting.label == "CONSULT"
    assert goal.label == "NONE"


def test_missing_model_says_what_to_do(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ModelFileError, match="model.onnx") as err:
        EventClassifier(tmp_path)
    assert "dyads train" in str(err.value)


def test_the_shipped_policy_is_the_one_its_tuning_chose() -> None:
    """Decision D14-1 (docs/model.md): the shipped thresholds are those `dyads tune` chose on
    the validation split as today's rules code it; its table must justify them."""
    from dyads.learned.review import Policy
    from dyads.learned.tuning import GRID, NEVER

    meta = json.loads((shipped_model_dir() / "model.json").read_text(encoding="utf-8"))
    tuning = meta["tuning"]
    assert Policy.of(meta) == Policy(drop=0.93, retype=NEVER)
    assert tuning["policy"] == meta["policy"]
    target = float(tuning["config"]["target_precision"])

    def share(cell: str) -> float:
        right, n = (int(x) for x in cell.split("/"))
        return right / n if n else 1.0

    chosen = meta["policy"]["drop"]
    for t in GRID:
        cells = tuning["tuning"].get(f"drop {t}")
        if t >= chosen:
            assert cells and all(share(c) >= target for c in cells.values())
    lower = max(t for t in GRID if t < chosen)
    assert any(share(c) < target for c in tuning["tuning"][f"drop {lower}"].values())
