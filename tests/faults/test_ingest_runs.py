"""Faults during `dyads ingest`: SIGKILL on SQLite and PostgreSQL, the PostgreSQL connection
lost; each then run again and compared row by row with an ingest that had no fault."""

from __future__ import annotations

import signal
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyads.store import Store

from .conftest import dyads, kill_when

pytestmark = pytest.mark.model

TABLES = ("documents", "sentences", "events", "mentions", "actors", "commitments")
VOLATILE = {"ingested_at"}


def rows(url: str) -> dict[str, list[str]]:
    """Every row of every table, without ingest times, as sorted reprs."""
    with Store.open(url) as store:
        return {t: sorted(repr(sorted((k, v) for k, v in r.items() if k not in VOLATILE))
                          for r in store.query(f"SELECT * FROM {t}")) for t in TABLES}


def _stored_sqlite(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _stored_pg(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT COUNT(*) FROM documents").fetchone()
            return int(row[0]) if row else 0
    except psycopg.Error:
        return 0


@pytest.fixture(scope="module")
def clean_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    done = dyads("ingest", str(corpus), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return str(db)


@pytest.fixture
def pg_db(pg_server: str) -> Iterator[str]:
    """The URL of a fresh database on the session's PostgreSQL server."""
    import psycopg

    name = f"f_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{pg_server.rpartition('/')[0]}/{name}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _report(what: str, stored: int, after: dict[str, Any], clean: dict[str, Any]) -> None:
    counts = ", ".join(f"{t} {len(after[t])}/{len(clean[t])}" for t in TABLES)
    print(f"FAULT {what}: {stored} documents stored at the fault; after re-run vs clean: "  # noqa: T201
          f"{counts}")


def test_sigkill_during_sqlite_ingest(corpus: Path, clean_db: str, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    args = ["ingest", str(corpus), "--db", str(db), "--batch-size", "1"]
    proc = kill_when(args, lambda: _stored_sqlite(db) >= 3)
    assert proc.returncode == -signal.SIGKILL
    stored = _stored_sqlite(db)
    again = dyads(*args)
    assert again.returncode == 0, again.stderr
    assert f"{stored} unchanged" in again.stderr
    after, clean = rows(str(db)), rows(clean_db)
    assert after == clean
    _report("SIGKILL, SQLite ingest", stored, after, clean)


def test_sigkill_during_postgres_ingest(corpus: Path, clean_db: str, pg_db: str) -> None:
    args = ["ingest", str(corpus), "--db", pg_db, "--batch-size", "1"]
    proc = kill_when(args, lambda: _stored_pg(pg_db) >= 3)
    assert proc.returncode == -signal.SIGKILL
    stored = _stored_pg(pg_db)
    again = dyads(*args)
    assert again.returncode == 0, again.stderr
    after, clean = rows(pg_db), rows(clean_db)
    assert after == clean
    _report("SIGKILL, PostgreSQL ingest", stored, after, clean)


def test_postgres_connection_lost_mid_ingest(corpus: Path, clean_db: str, pg_db: str,
                                            pg_server: str) -> None:
    import psycopg

    def cut() -> bool:
        if _stored_pg(pg_db) < 3:
            return False
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = %s AND pid <> pg_backend_pid()",
                          (pg_db.rpartition("/")[2],))
        return True

    args = ["ingest", str(corpus), "--db", pg_db, "--batch-size", "1"]
    proc = kill_when(args, cut, sig=0)  # signal 0: nothing sent, the server cut the line
    err = proc.stderr_text  # type: ignore[attr-defined]
    assert proc.returncode == 4, err
    assert "lost the connection" in err and "run the same command again" in err
    assert "Traceback" not in err
    stored = _stored_pg(pg_db)
    again = dyads(*args)
    assert again.returncode == 0, again.stderr
    after, clean = rows(pg_db), rows(clean_db)
    assert after == clean
    _report("PostgreSQL connection terminated", stored, after, clean)
