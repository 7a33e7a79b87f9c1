"""Hostile inputs through the command line: duplicate ids, a symbolic-link loop, a FIFO."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import dyads

pytestmark = pytest.mark.model

TEXT = "President Xi Jinping held talks with General Secretary Nguyen Phu Trong on Sunday.\n"


def test_a_folder_with_a_link_loop_and_a_fifo_is_coded_not_stopped(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(TEXT, encoding="utf-8")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "up").symlink_to(root)
    os.mkfifo(root / "pipe.txt")
    out = tmp_path / "out.jsonl"
    done = dyads("code", str(root), "-o", str(out), timeout=120)
    assert done.returncode == 3, done.stderr
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == {"good"}
    errors = [json.loads(line) for line in Path(f"{out}.errors.jsonl").read_text().splitlines()]
    assert sorted(Path(e["source"]).name for e in errors) == ["loop.txt", "pipe.txt"]
    assert "Traceback" not in done.stderr


def test_duplicate_ids_are_stored_apart_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    for sub, text in (("a", TEXT), ("b", TEXT.replace("Sunday", "Monday in Hanoi"))):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "report.md").write_text(text, encoding="utf-8")
    db = str(tmp_path / "events.db")
    first = dyads("ingest", str(tmp_path / "in"), "--db", db)
    again = dyads("ingest", str(tmp_path / "in"), "--db", db)
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    assert "0 documents stored (0 replaced), 2 unchanged" in again.stderr
    import sqlite3

    with sqlite3.connect(db) as conn:
        docs = conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
        mentions = conn.execute("SELECT doc_id, text FROM mentions ORDER BY doc_id").fetchall()
    assert [d[0] for d in docs] == ["report", "report~2"]
    assert {m[0] for m in mentions} == {"report", "report~2"}
    assert all(text.strip() in dict(docs)[doc_id] for doc_id, text in mentions)
