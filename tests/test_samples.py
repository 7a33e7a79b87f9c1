"""The packaged samples, coded whole: the records a new user sees first (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

import dyads
from dyads.pipeline import Coder
from dyads.readers import read_inputs

pytestmark = pytest.mark.model

SAMPLES = Path(dyads.__file__).parent / "samples"


@pytest.fixture(scope="module")
def records() -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    for result in Coder().code_documents(read_inputs([SAMPLES])):
        events = getattr(result, "events", None)
        if events is None:
            continue
        out[result.doc_id] = [
            (e.actor[0].code, e.recipient[0].code if e.recipient else "-", e.event)
            for e in events]
    return out


def test_every_sample_is_coded(records) -> None:
    assert {"kharkiv-strike-wire", "indonesia-vietnam-joint-statement",
            "china-vietnam-call"} <= set(records)


def test_the_kharkiv_strike_is_russia_on_ukraine(records) -> None:
    strikes = [r for r in records["kharkiv-strike-wire"] if r[2] == "ASSAULT"]
    assert strikes and all(r[:2] == ("RUS", "UKR") for r in strikes), strikes


def test_the_eu_sanctions_are_on_russia_and_russia_calling_them_illegal_is_no_meeting(
        records) -> None:
    kharkiv = records["kharkiv-strike-wire"]
    assert ("EUR", "RUS", "SANCTION") in kharkiv
    assert not any(r[0] == "RUS" and r[2] == "CONSULT" for r in kharkiv), kharkiv


def test_zelensky_condemns_the_russian_attack_named_before(records) -> None:
    assert [r[:2] for r in records["kharkiv-strike-wire"] if r[2] == "ACCUSE"
            and r[0] == "UKR"] == [("UKR", "RUS")]


def test_no_sample_has_a_self_dyad(records) -> None:
    selfs = [(doc, r) for doc, rs in records.items() for r in rs if r[0] == r[1]]
    assert selfs == []


def test_the_two_sides_of_the_joint_statement_are_its_parties(records) -> None:
    joint = records["indonesia-vietnam-joint-statement"]
    assert joint
    assert all("UNK" not in r[:2] for r in joint), joint
    assert {r[0] for r in joint} >= {"IDN", "VNM"}
