"""The review thresholds tuned on validation records, and the class weights (no torch)."""

from __future__ import annotations

import pytest

from dyads.learned.data import LABELS, Example
from dyads.learned.model import Verdict
from dyads.learned.review import Policy
from dyads.learned.train import class_weights
from dyads.learned.tuning import NEVER, tune_policy


def _row(label: str, rule: str, reading: str, score: float) -> tuple[Example, Verdict]:
    return Example("x", "A > B", label, "d", rule), Verdict(reading, score, ())


def test_drop_threshold_is_the_lowest_with_enough_right_drops() -> None:
    # at 0.9 and above: 9 drops, all right; at 0.7: 2 more, both wrong (9/11 < 0.9)
    rows = [_row("NONE", "AGREE", "NONE", 0.95)] * 9 + [_row("AGREE", "AGREE", "NONE", 0.7)] * 2
    policy, table = tune_policy({"a": rows}, target=0.9)
    assert policy.drop == 0.75
    assert table["drop 0.7"] == {"a": "9/11"}


def test_every_group_must_qualify() -> None:
    good = [_row("NONE", "AGREE", "NONE", 0.9)] * 10
    bad = [_row("CONSULT", "CONSULT", "NONE", 0.8)] * 3 + [_row("NONE", "CONSULT", "NONE", 0.99)]
    policy, _ = tune_policy({"annotations": good, "penta": bad}, target=0.9)
    assert policy.drop == 0.85  # 0.8 would drop three penta events


def test_a_wrong_type_record_is_a_right_drop() -> None:
    # the scorer counts a record of the wrong type as false, and the review (never retyping)
    # can remove it only by dropping it: 8 no-event and 2 wrong-type drops are 10/10 at 0.8
    rows = ([_row("NONE", "AGREE", "NONE", 0.95)] * 8 + [_row("AID", "AGREE", "NONE", 0.8)] * 2
            + [_row("AGREE", "AGREE", "NONE", 0.7)] * 2)
    policy, table = tune_policy({"a": rows}, target=0.9)
    assert policy.drop == 0.75
    assert table["drop 0.8"] == {"a": "10/10"} and table["drop 0.7"] == {"a": "10/12"}


def test_never_without_enough_drops_to_judge() -> None:
    rows = [_row("NONE", "AGREE", "NONE", 0.99)] * 4 + [_row("AGREE", "AGREE", "AGREE", 0.9)]
    assert tune_policy({"a": rows})[0].drop == NEVER


def test_never_when_no_threshold_qualifies() -> None:
    rows = [_row("AGREE", "AGREE", "NONE", 0.999)] + [_row("AGREE", "AGREE", "AID", 0.999)] * 6
    policy, _ = tune_policy({"a": rows})
    assert policy == Policy(drop=NEVER, retype=NEVER)


def test_retype_needs_enough_right_retypes() -> None:
    right = [_row("AID", "AGREE", "AID", 0.97)] * 6
    assert tune_policy({"a": right})[0].retype == 0.5
    assert tune_policy({"a": right[:4]})[0].retype == NEVER  # too few to judge
    wrong = [_row("AGREE", "AGREE", "AID", 0.6)] * 2
    assert tune_policy({"a": right + wrong})[0].retype == 0.65


def test_class_weights() -> None:
    weights = dict(zip(LABELS, class_weights(["NONE"] * 100 + ["AGREE"] * 25 + ["AID"], 5.0),
                       strict=True))
    assert weights["NONE"] == 1.0
    assert weights["AGREE"] == pytest.approx(2.0)
    assert weights["AID"] == 5.0           # capped
    assert weights["ASSAULT"] == 1.0       # absent
