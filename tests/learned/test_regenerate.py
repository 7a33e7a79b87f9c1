"""Regenerated candidates (dyads.learned.tuning): today's rule records matched to the judged
ones, the split ``dyads train`` and ``dyads tune`` share, and what a review keeps."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from dyads.learned.data import Example, read_annotations
from dyads.learned.model import Verdict
from dyads.learned.review import Policy
from dyads.learned.tuning import (
    Regenerated,
    annotation_split,
    judged_key,
    kept_by_judgement,
    match_records,
    read_judged,
    regenerate,
)
from dyads.models import Entity, Event, EventDate, Evidence

TEXT = "Japan pledged aid to Ukraine. The sides discussed ways to deepen ties."


def _event(event: str, sent: tuple[int, int], trigger: tuple[int, int], source: str,
           target: str | None) -> Event:
    ev = Evidence(0, sent[0], sent[1], trigger, ((sent[0], sent[0] + 5),), (), "r")
    return Event("d-0", "d", EventDate(dt.date(2024, 3, 5)), (Entity(source),),
                 (Entity(target),) if target else (), event, "040",
                 text=TEXT[sent[0]:sent[1]], evidence=ev)


def _judged(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / "judged.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(cid: str, marked: str, type_: str, source: list[str], target: list[str], label: str,
         doc: str = "d", **extra: Any) -> dict[str, Any]:
    return {"cid": cid, "doc_id": doc, "marked": marked, "type": type_, "source": source,
            "target": target, "label": label, **extra}


def test_the_key_ignores_marks_case_spacing_and_order() -> None:
    assert judged_key("[S]Japan[/S] [T]pledged[/T] aid.", "AGREE", ["JPN"], ["UKR", "USA"]) == \
        judged_key("japan  pledged aid", "AGREE", ["JPN", "JPN"], ["USA", "UKR"])
    assert judged_key("Japan pledged aid.", "AGREE", ["JPN"], []) != \
        judged_key("Japan pledged aid.", "AID", ["JPN"], [])


def test_records_match_judged_ones_by_document_sentence_type_and_parties(tmp_path: Path
                                                                         ) -> None:
    judged = read_judged(_judged(tmp_path, [
        _row("a", "[S]Japan[/S] [T]pledged[/T] aid to Ukraine.", "AGREE", ["JPN"], ["UKR"],
             "right"),
        _row("b", "The sides [T]discussed[/T] ways to deepen ties.", "CONSULT", ["JPN"], [],
             "no_event"),
        _row("c", "Japan pledged aid to Ukraine.", "AGREE", ["JPN"], ["UKR"], "wrong_type",
             correct_type="AID", doc="other"),
    ]))
    pledge = _event("AGREE", (0, 29), (6, 13), "JPN", "UKR")
    discuss = _event("CONSULT", (30, len(TEXT)), (40, 49), "JPN", "CHN")  # any target
    unjudged = _event("AGREE", (0, 29), (6, 13), "JPN", "CHN")
    found, missed = match_records(TEXT, [pledge, discuss, unjudged], judged["d"], "d")
    assert missed == 1
    assert [(e.cid, e.label, e.rule_type, j.judgement) for e, j in found] == [
        ("a", "AGREE", "AGREE", "right"), ("b", "NONE", "CONSULT", "no_event")]
    assert found[0][0].text == "[S]Japan[/S] [T]pledged[/T] aid to Ukraine."
    assert found[0][0].pair == "JPN > UKR"


def test_kept_by_judgement_counts_what_the_review_drops() -> None:
    regenerated = Regenerated(
        examples=[Example("x", "A > B", "NONE", "d", "AGREE", "a"),
                  Example("y", "A > B", "AGREE", "d", "AGREE", "b")],
        judgements={"a": "no_event", "b": "right"})
    verdicts = [Verdict("NONE", 0.9, ()), Verdict("NONE", 0.6, ())]
    assert kept_by_judgement(regenerated, verdicts, Policy(drop=0.8)) == {
        "no_event": {"rules": 1, "learned": 0}, "right": {"rules": 1, "learned": 1}}


def test_the_split_is_that_of_training_by_document(tmp_path: Path) -> None:
    rows = [_row(f"c{i}", f"Sentence {i}.", "AGREE", ["JPN"], [], "right", doc=f"d{i % 20}")
            for i in range(60)]
    examples = read_annotations(_judged(tmp_path, rows))
    fit, val, test = annotation_split(examples, 0.2, 0.15, 13)
    docs = [{e.doc_id for e in side} for side in (fit, val, test)]
    assert len(docs[2]) == 4 and len(docs[1]) == 2 and len(docs[0]) == 14
    assert not (docs[0] & docs[1] or docs[0] & docs[2] or docs[1] & docs[2])
    assert annotation_split(examples, 0.2, 0.15, 13) == (fit, val, test)


@pytest.mark.model
def test_regenerate_codes_the_documents_of_a_corpus_again(tmp_path: Path, coder: Any) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.md").write_text("---\ndate: 2024-03-05\n---\n\nJapan pledged $500 million "
                                  "in aid to Ukraine.\n", encoding="utf-8")
    records = coder.code("Japan pledged $500 million in aid to Ukraine.", "2024-03-05")
    assert records, "the rules code the pledge"
    first = records[0]
    judged = read_judged(_judged(tmp_path, [
        _row("a", first.text, first.event, [a.code for a in first.actor],
             [r.code for r in first.recipient], "right", doc="d1")]))
    out = regenerate(["d1", "gone"], judged, corpus, coder)
    assert out.counts() == {"documents": 1, "records": len(records), "matched": 1,
                            "unjudged": len(records) - 1, "missing_documents": 1}
    assert out.judgements == {"a": "right"}
    example = out.examples[0]
    assert (example.label, example.doc_id, example.rule_type) == (first.event, "d1",
                                                                  first.event)
    assert "[T]" in example.text
