"""The review logic on hand-made records, with a classifier whose verdicts the test sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from dyads.events.codebook import Codebook
from dyads.learned.data import LABELS
from dyads.learned.marking import event_input, mirror
from dyads.learned.model import Verdict
from dyads.learned.review import Policy, Reviewer, decide, reading_inputs
from dyads.models import Entity, Event, EventDate, Evidence

TEXT = "Japan pledged aid to Ukraine. The sides discussed ways to deepen ties."


class Scripted:
    """Returns, for each input sentence, the verdict the test scripted for it."""

    labels = LABELS

    def __init__(self, verdicts: dict[str, tuple[str, float]]) -> None:
        self.verdicts = verdicts
        self.calls: list[int] = []

    def classify(self, inputs: Sequence[tuple[str, str] | str]) -> list[Verdict]:
        self.calls.append(len(inputs))
        out = []
        for item in inputs:
            text = item[0] if isinstance(item, tuple) else item
            label, score = next(v for k, v in self.verdicts.items() if k in text)
            probs = tuple(score if lab == label else (1 - score) / (len(LABELS) - 1)
                          for lab in LABELS)
            out.append(Verdict(label, score, probs))
        return out


def _event(k: int, event: str, cameo: str, sent: tuple[int, int], trigger: tuple[int, int],
           rule: str) -> Event:
    ev = Evidence(k, sent[0], sent[1], trigger, ((sent[0], sent[0] + 5),), (), rule)
    return Event(f"d-{k}", "d", EventDate(dt.date(2024, 3, 5)), (Entity("JPN"),),
                 (Entity("UKR"),), event, cameo, goldstein=5.2, quad_code=1, evidence=ev,
                 confidence=0.6)


FIRST = (0, 29)
SECOND = (30, len(TEXT))
PLEDGE = _event(0, "AGREE", "033", FIRST, (6, 13), "agree/pledge")
DISCUSS = _event(1, "CONSULT", "040", SECOND, (40, 49), "consult/discuss")
STATEMENT = Event("d-2", "d", EventDate(dt.date(2024, 3, 5)), (Entity("JPN"),), (),
                  "", "010", evidence=PLEDGE.evidence)


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook.load()


def test_one_batch_per_document_and_statements_unreviewed(codebook: Codebook) -> None:
    model = Scripted({"pledged": ("AGREE", 0.9), "discussed": ("CONSULT", 0.8)})
    reviews = Reviewer(model, codebook).review(TEXT, [PLEDGE, DISCUSS, STATEMENT])
    assert model.calls == [2]
    assert [r.action for r in reviews] == ["keep", "keep", "skip"]
    assert reviews[2].event is STATEMENT


def test_review_many_classifies_a_repeated_input_once(codebook: Codebook) -> None:
    model = Scripted({"pledged": ("AGREE", 0.9), "discussed": ("NONE", 0.9)})
    first, second = Reviewer(model, codebook).review_many(
        [(TEXT, [PLEDGE, DISCUSS]), (TEXT, [DISCUSS, STATEMENT, PLEDGE])])
    assert model.calls == [2]
    assert [r.action for r in first] == ["keep", "drop"]
    assert [r.action for r in second] == ["drop", "skip", "keep"]


def test_keep_adds_the_model_reading_to_the_evidence(codebook: Codebook) -> None:
    model = Scripted({"pledged": ("AGREE", 0.9), "discussed": ("CONSULT", 0.8)})
    kept = Reviewer(model, codebook).apply(TEXT, [PLEDGE])
    assert len(kept) == 1 and kept[0].event == "AGREE" and kept[0].cameo == "033"
    assert kept[0].evidence is not None and kept[0].evidence.rule == "agree/pledge"
    assert (kept[0].evidence.model_type, kept[0].evidence.model_score) == ("AGREE", 0.9)
    assert kept[0].confidence == pytest.approx(0.9)
    assert kept[0].to_plover()["evidence"]["model"] == {"type": "AGREE", "score": 0.9}


def test_drop_when_the_model_reads_no_event(codebook: Codebook) -> None:
    model = Scripted({"pledged": ("AGREE", 0.9), "discussed": ("NONE", 0.7)})
    out = Reviewer(model, codebook).apply(TEXT, [PLEDGE, DISCUSS])
    assert [e.id for e in out] == ["d-0"]


def test_retype_takes_the_generic_code_and_keeps_the_rule(codebook: Codebook) -> None:
    model = Scripted({"pledged": ("AID", 0.8)})
    [out] = Reviewer(model, codebook).apply(TEXT, [PLEDGE])
    assert (out.event, out.cameo, out.quad_code) == ("AID", "070", 2)
    assert out.goldstein == codebook.code("070").goldstein
    assert out.evidence is not None and out.evidence.rule == "agree/pledge"
    assert out.evidence.model_type == "AID"


@pytest.mark.parametrize(("rule", "verdict", "action"), [
    ("AGREE", ("NONE", 0.5), "drop"),
    ("AGREE", ("NONE", 0.49), "keep"),
    ("AGREE", ("AID", 0.5), "retype"),
    ("AGREE", ("AID", 0.4), "keep"),
    ("AGREE", ("AGREE", 0.99), "keep"),
])
def test_thresholds(rule: str, verdict: tuple[str, float], action: str) -> None:
    assert decide(rule, Verdict(verdict[0], verdict[1], ()), Policy()) == action


def test_stricter_policy_keeps_more(codebook: Codebook) -> None:
    model = Scripted({"pledged": ("NONE", 0.6)})
    strict = Reviewer(model, codebook, Policy(drop=0.9))
    assert [r.action for r in strict.review(TEXT, [PLEDGE])] == ["keep"]


def test_policy_of_a_model_directory(codebook: Codebook) -> None:
    assert Policy.of({}) == Policy()
    assert Policy.of({"policy": {"drop": 0.95, "retype": 1.01}}) == Policy(0.95, 1.01)
    model = Scripted({"pledged": ("AID", 0.99), "discussed": ("NONE", 0.9)})
    model.meta = {"policy": {"drop": 0.95, "retype": 1.01}}  # type: ignore[attr-defined]
    reviews = Reviewer(model, codebook).review(TEXT, [PLEDGE, DISCUSS])
    assert [r.action for r in reviews] == ["keep", "keep"]
    assert [r.event.event for r in reviews if r.event] == ["AGREE", "CONSULT"]


MEETING_TEXT = "Japan met with Ukraine on Monday."


def _meeting(k: int, source: tuple[str, tuple[int, int]], target: tuple[str, tuple[int, int]],
             event: str = "CONSULT") -> Event:
    ev = Evidence(0, 0, len(MEETING_TEXT), (6, 14), (source[1],), (target[1],), "consult/meet")
    return Event(f"m-{k}", "m", EventDate(dt.date(2024, 3, 4)), (Entity(source[0]),),
                 (Entity(target[0]),), event, "040", evidence=ev)


JAPAN, UKRAINE = ("JPN", (0, 5)), ("UKR", (15, 22))


def test_the_mirror_of_a_record_reads_its_input(codebook: Codebook) -> None:
    """D14-4: B → A of an A → B meeting (same sentence, trigger and type) is read once."""
    forth, back = _meeting(0, JAPAN, UKRAINE), _meeting(1, UKRAINE, JAPAN)
    [row] = reading_inputs([(MEETING_TEXT, [forth, back])])
    assert row[0] == ("[S]Japan[/S] [T]met with[/T] [R]Ukraine[/R] on Monday.", "JPN > UKR")
    assert row[1] == row[0] == mirror(event_input(MEETING_TEXT, back) or ("", ""))
    model = Scripted({"met with": ("NONE", 0.8)})
    reviews = Reviewer(model, codebook, Policy(drop=0.75)).review(MEETING_TEXT, [forth, back])
    assert model.calls == [1]
    assert [r.action for r in reviews] == ["drop", "drop"]


def test_readings_are_shared_across_the_sentences_of_a_call() -> None:
    # the component passes a document sentence by sentence, dyads tune its records in one
    # list: the same readings either way
    forth, back = _meeting(0, JAPAN, UKRAINE), _meeting(1, UKRAINE, JAPAN)
    by_sentence = reading_inputs([(MEETING_TEXT, [forth]), (MEETING_TEXT, [back])])
    assert [r[0] for r in by_sentence] == reading_inputs([(MEETING_TEXT, [forth, back])])[0]


def test_only_a_true_mirror_shares_a_reading() -> None:
    forth = _meeting(0, JAPAN, UKRAINE)
    other_type = _meeting(1, UKRAINE, JAPAN, event="AGREE")
    third_party = _meeting(2, UKRAINE, ("RUS", (0, 5)))
    [row] = reading_inputs([(MEETING_TEXT, [forth, other_type, third_party])])
    assert row[1] == event_input(MEETING_TEXT, other_type) != row[0]
    assert row[2] == event_input(MEETING_TEXT, third_party) != row[0]
