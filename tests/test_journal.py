"""dyads.journal: resume by content, with a cut-off tail, changed and removed documents."""

from __future__ import annotations

import json
from pathlib import Path

from dyads.journal import Journal
from dyads.models import CodingResult, Document
from dyads.output import write_results
from store.conftest import make_event


def _run(out: Path, com: Path, docs: list[Document], *, resume: bool,
         stop_after: int | None = None) -> Journal:
    journal = Journal.start(out, com, resume=resume)
    results = []
    for doc in journal.select(docs):
        results.append(CodingResult(doc.id, events=[
            make_event(doc.id, i, "CONSULT", "CHN", "VNM", "2025-03-14", text=doc.text)
            for i in range(2)]))
    if stop_after is not None:
        results = results[:stop_after]
    with out.open("a" if journal.resuming else "w", encoding="utf-8") as fh, \
            com.open("a" if journal.resuming else "w", encoding="utf-8") as cfh:
        write_results(results, fh, cfh, written=lambda doc_id: journal.done(doc_id, fh, cfh))
        if stop_after is not None:  # a killed run: half a document's records, no journal line
            fh.write(json.dumps({"doc_id": "half"}) + "\n")
            journal.close()
            return journal
    journal.finish()
    return journal


def _ids(out: Path) -> list[str]:
    return sorted(json.loads(line)["doc_id"] + ":" + json.loads(line)["text"]
                  for line in out.read_text(encoding="utf-8").splitlines())


def test_resume_cuts_the_tail_and_codes_new_changed_and_removed(tmp_path: Path) -> None:
    out, com, clean, clean_com = (tmp_path / n for n in ("o.jsonl", "c.jsonl", "k.jsonl",
                                                         "kc.jsonl"))
    docs = [Document(f"d{i}", f"Text {i}.") for i in range(5)]
    _run(out, com, docs, resume=False, stop_after=2)
    assert "half" in out.read_text(encoding="utf-8")
    first = _run(out, com, docs, resume=True)
    assert (first.counts.new, first.counts.unchanged) == (3, 2)
    assert "half" not in out.read_text(encoding="utf-8")
    changed = [Document("d1", "Text 1, fixed."), *docs[2:], Document("d9", "New.")]
    second = _run(out, com, changed, resume=True)
    counts = second.counts
    assert (counts.new, counts.unchanged, counts.fixed, counts.removed) == (1, 3, 1, 1)
    _run(clean, clean_com, changed, resume=False)
    assert _ids(out) == _ids(clean)
    third = _run(out, com, changed, resume=True)  # the journal stayed right after the filter
    assert (third.counts.unchanged, third.counts.new) == (5, 0)
    assert _ids(out) == _ids(clean)
