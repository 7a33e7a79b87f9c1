"""Ingest: idempotent re-runs, one transaction per document, failures recorded, kill and resume."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dyads.models import Document
from dyads.store import Store, ingest, ingest_documents

from .conftest import CachingCoder, ReplayCoder, make_doc, make_event

TABLES = ("documents", "sentences", "events", "mentions", "actors", "commitments", "failures")


def snapshot(store: Store) -> dict[str, list[str]]:
    """Every row of every table, as sorted reprs."""
    return {t: sorted(repr(sorted(r.items())) for r in store.query(f"SELECT * FROM {t}"))
            for t in TABLES}


@pytest.mark.model
def test_ingesting_readouts_twice_leaves_identical_tables(
        tmp_path: Path, readouts: list[Path], caching_coder: CachingCoder) -> None:
    with Store.open(tmp_path / "twice.db") as store:
        first = ingest(store, readouts, caching_coder)
        assert first.documents == len(readouts) and not first.failures
        assert first.mentions > len(readouts)  # readouts report events
        before, counts = snapshot(store), store.counts()
        second = ingest(store, readouts, caching_coder)
        assert (second.documents, second.unchanged, second.mentions) == (0, len(readouts), 0)
        assert store.counts() == counts
        assert snapshot(store) == before


def test_unreadable_inputs_are_recorded_and_the_run_goes_on(tmp_path: Path,
                                                            sqlite_store: Store) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text("Talks\n\nFrance and Germany agreed on a plan.", encoding="utf-8")
    empty.write_text("   \n", encoding="utf-8")
    coder = ReplayCoder({"good": [make_event("good", 0, "AGREE", "FRA", "DEU", "2025-01-02")],
                         "empty": [make_event("empty", 0, "AID", "USA", "UKR", "2025-01-02")]})
    report = ingest(sqlite_store, [empty, tmp_path / "missing.txt", good], coder)
    assert report.documents == 1 and len(report.failures) == 2
    rows = sqlite_store.query("SELECT doc_id, kind, hint FROM failures ORDER BY doc_id")
    assert [(r["doc_id"], r["kind"]) for r in rows] == [("empty", "read"), ("missing", "read")]
    assert all(r["hint"] for r in rows)
    assert ingest(sqlite_store, [empty], coder).failures  # still failing: still one row
    assert sqlite_store.scalar("SELECT COUNT(*) FROM failures") == 2
    empty.write_text("Aid\n\nThe United States sent aid to Ukraine.", encoding="utf-8")
    assert not ingest(sqlite_store, [empty], coder).failures
    assert [r["doc_id"] for r in sqlite_store.query("SELECT doc_id FROM failures")] == ["missing"]


def test_a_document_that_cannot_be_written_leaves_nothing(sqlite_store: Store) -> None:
    twice = make_event("bad", 0, "AGREE", "FRA", "DEU", "2025-01-02")
    coder = ReplayCoder({"bad": [twice, twice],  # duplicate mention id: the insert fails
                         "ok": [make_event("ok", 0, "AGREE", "FRA", "DEU", "2025-01-02")]})
    report = ingest_documents(sqlite_store, [make_doc("bad", "2025-01-02"),
                                             make_doc("ok", "2025-01-02")], coder)
    assert (report.documents, [f.kind for f in report.failures]) == (1, ["store"])
    assert sqlite_store.scalar("SELECT COUNT(*) FROM documents") == 1
    assert sqlite_store.scalar("SELECT COUNT(*) FROM mentions WHERE doc_id = 'bad'") == 0
    assert sqlite_store.scalar("SELECT COUNT(*) FROM events") == 1
    assert sqlite_store.query("SELECT n_mentions FROM events") == [{"n_mentions": 1}]


def test_same_id_and_content_is_skipped_before_coding(sqlite_store: Store) -> None:
    coder = ReplayCoder({})
    docs: list[Document] = [make_doc("a", "2025-01-01"), make_doc("b", "2025-01-01")]
    ingest_documents(sqlite_store, docs, coder)
    ingest_documents(sqlite_store, [*docs, make_doc("c", "2025-01-01")], coder)
    assert coder.coded == ["a", "b", "c"]


# ---------------------------------------------------------------------------- kill and resume


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _kill_after(cmd: list[str], db: Path, documents: int, timeout: float = 120) -> int:
    """Start ``cmd``, SIGKILL it once ``documents`` are stored; the number stored then."""
    log = db.with_suffix(".log")
    with log.open("wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and proc.poll() is None:
                if _stored(db) >= documents:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
                time.sleep(0.02)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == -signal.SIGKILL, log.read_text(encoding="utf-8", errors="replace")
    return _stored(db)


def _per_document(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT d.id, d.n_events, COUNT(m.id) AS mentions FROM documents d "
                       "LEFT JOIN mentions m ON m.doc_id = d.id GROUP BY d.id, d.n_events "
                       "ORDER BY d.id")


@pytest.mark.model
def test_killed_ingest_rerun_stores_every_document_once(
        tmp_path: Path, readouts: list[Path], caching_coder: CachingCoder) -> None:
    db = tmp_path / "killed.db"
    dyads = str(Path(sys.executable).parent / "dyads")
    cmd = [dyads, "ingest", *map(str, readouts), "--db", str(db), "--batch-size", "2"]
    stored = _kill_after(cmd, db, documents=3)
    assert 3 <= stored < len(readouts)
    with Store.open(db) as store:
        # whole documents only: every stored document has all its mentions
        assert all(r["n_events"] == r["mentions"] for r in _per_document(store))
        report = ingest(store, readouts, caching_coder)
        assert (report.unchanged, report.documents) == (stored, len(readouts) - stored)
        resumed = snapshot(store)
        ids = store.query("SELECT id FROM documents ORDER BY id")
    assert [r["id"] for r in ids] == sorted(p.stem for p in readouts)
    with Store.open(tmp_path / "clean.db") as clean:
        ingest(clean, readouts, caching_coder)
        expected = snapshot(clean)
    for table in ("events", "mentions", "actors", "sentences"):
        assert resumed[table] == expected[table], table


# ---------------------------------------------------------------------------- identity (issue 15)


class TextCoder:
    """One event per document, carrying the document's text (no model)."""

    def code_documents(self, docs: Any) -> Any:
        from dyads.models import CodingResult, Failure

        for doc in docs:
            if isinstance(doc, Failure):
                yield doc
                continue
            yield CodingResult(doc.id, events=[make_event(doc.id, 0, "CONSULT", "CHN", "VNM",
                                                          "2025-03-14", text=doc.text)])


def _rows(store: Store) -> list[tuple[str, str, str]]:
    """(document id, its text, the text of its events) for every stored document."""
    return [(r["id"], r["text"], r["mention_text"]) for r in store.query(
        "SELECT d.id, d.text, m.text AS mention_text FROM documents d "
        "JOIN mentions m ON m.doc_id = d.id ORDER BY d.id")]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_same_id_from_two_folders_never_shares_a_row(tmp_path: Path,
                                                     sqlite_store: Store) -> None:
    a = _write(tmp_path / "a" / "report.md", "Xi spoke with To Lam.")
    b = _write(tmp_path / "b" / "report.md", "Lam met Xi in Hanoi.")
    report = ingest(sqlite_store, [tmp_path], TextCoder())
    assert _rows(sqlite_store) == [("report", "Xi spoke with To Lam.", "Xi spoke with To Lam."),
                                   ("report~2", "Lam met Xi in Hanoi.", "Lam met Xi in Hanoi.")]
    (warning,) = report.warnings
    assert str(a) in warning.error and str(b) in warning.error
    again = ingest(sqlite_store, [tmp_path], TextCoder())
    assert (again.documents, again.replaced, again.unchanged) == (0, 0, 2)
    assert _rows(sqlite_store)[1][0] == "report~2"


def test_a_colliding_id_in_a_later_run_is_kept_beside_the_first(tmp_path: Path,
                                                               sqlite_store: Store) -> None:
    a = _write(tmp_path / "a" / "report.md", "Xi spoke with To Lam.")
    b = _write(tmp_path / "b" / "report.md", "Lam met Xi in Hanoi.")
    ingest(sqlite_store, [a], TextCoder())
    report = ingest(sqlite_store, [b], TextCoder())
    assert [r[:2] for r in _rows(sqlite_store)] == [("report", "Xi spoke with To Lam."),
                                                    ("report~2", "Lam met Xi in Hanoi.")]
    (warning,) = report.warnings
    assert str(a) in warning.error and str(b) in warning.error
    # the same file changed is a new version of its document, not a third one
    _write(b, "Lam met Xi in Beijing.")
    again = ingest(sqlite_store, [b], TextCoder())
    assert (again.documents, again.replaced) == (1, 1)
    assert [r[:2] for r in _rows(sqlite_store)][1] == ("report~2", "Lam met Xi in Beijing.")


def test_same_text_from_two_paths_is_one_document_with_two_sources(
        tmp_path: Path, sqlite_store: Store) -> None:
    a = _write(tmp_path / "a" / "report.md", "Xi spoke with To Lam.")
    b = _write(tmp_path / "b" / "report.md", "Xi spoke with To Lam.")
    ingest(sqlite_store, [tmp_path], TextCoder())
    rows = sqlite_store.query("SELECT id, source FROM documents")
    assert rows == [{"id": "report", "source": f"{a}\n{b}"}]
    c = _write(tmp_path / "c" / "report.md", "Xi spoke with To Lam.")
    report = ingest(sqlite_store, [c], TextCoder())
    assert report.unchanged == 1
    assert sqlite_store.scalar("SELECT source FROM documents") == f"{a}\n{b}\n{c}"


def test_repeated_jsonl_ids_and_stdin_texts_are_kept_apart(tmp_path: Path,
                                                          sqlite_store: Store) -> None:
    import io

    docs = _write(tmp_path / "docs.jsonl", '{"id": "x", "text": "Xi spoke with To Lam."}\n'
                  '{"id": "x", "text": "Lam met Xi in Hanoi."}\n')
    ingest(sqlite_store, [docs], TextCoder())
    from dyads.readers import read_inputs

    for text in ("Putin called Erdogan.", "Modi met Albanese."):
        ingest_documents(sqlite_store, read_inputs(["-"], stdin=io.StringIO(text)), TextCoder())
    assert [r[:2] for r in _rows(sqlite_store)] == [
        ("stdin", "Putin called Erdogan."), ("stdin~2", "Modi met Albanese."),
        ("x", "Xi spoke with To Lam."), ("x~2", "Lam met Xi in Hanoi.")]
    event_ids = [r["id"] for r in sqlite_store.query("SELECT id FROM mentions")]
    assert len(event_ids) == len(set(event_ids)) == 4
