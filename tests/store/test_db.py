"""The connection: URLs, migrations, WAL mode, readers during a write, transactions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyads.store import Store, StoreError, resolve_url
from dyads.store.schema import LATEST, MIGRATIONS, for_dialect


@pytest.mark.parametrize(("url", "expected"), [
    ("events.db", ("sqlite", "events.db")),
    ("sqlite:///events.db", ("sqlite", "events.db")),
    ("sqlite:////tmp/events.db", ("sqlite", "/tmp/events.db")),
    ("postgresql://u@h:5/db", ("postgresql", "postgresql://u@h:5/db")),
    ("postgres://u@h/db", ("postgresql", "postgres://u@h/db")),
])
def test_urls(url: str, expected: tuple[str, str]) -> None:
    assert resolve_url(url) == expected


def test_default_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADS_DB", "/data/x.db")
    assert resolve_url(None) == ("sqlite", "/data/x.db")
    monkeypatch.delenv("DYADS_DB")
    assert resolve_url(None) == ("sqlite", "dyads.db")


@pytest.mark.parametrize("url", ["mysql://x/y", "sqlite://"])
def test_bad_urls_say_what_to_write(url: str) -> None:
    with pytest.raises(StoreError, match="sqlite:///"):
        resolve_url(url)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="create the directory"):
        Store.open(tmp_path / "nope" / "x.db")


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with Store.open(path) as store:
        rows = store.query("SELECT version, name, applied_at FROM schema_migrations")
        assert [r["version"] for r in rows] == [m.version for m in MIGRATIONS]
        assert dt.datetime.fromisoformat(rows[0]["applied_at"]).tzinfo is not None
        assert store.version() == LATEST
    with Store.open(path) as again:
        assert again.migrate() == []
        assert again.query("SELECT version, name, applied_at FROM schema_migrations") == rows


def test_unmigrated_store_is_empty(tmp_path: Path) -> None:
    with Store.open(tmp_path / "raw.db", migrate=False) as store:
        assert store.migrate() == [m.version for m in MIGRATIONS]
        assert store.counts() == dict.fromkeys(store.counts(), 0)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_store: Store) -> None:
    assert sqlite_store.scalar("PRAGMA journal_mode") == "wal"
    assert sqlite_store.scalar("PRAGMA busy_timeout") == 30_000
    assert sqlite_store.scalar("PRAGMA foreign_keys") == 1


def test_readers_read_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    with Store.open(path) as writer, Store.open(path) as reader:
        with writer.transaction():
            writer.execute("INSERT INTO failures VALUES ('a', 'a.txt', 'read', 'e', 'h', 't')")
            assert reader.scalar("SELECT COUNT(*) FROM failures") == 0  # no wait, old snapshot
            assert writer.scalar("SELECT COUNT(*) FROM failures") == 1
        assert reader.scalar("SELECT COUNT(*) FROM failures") == 1


def test_a_failed_transaction_leaves_nothing(sqlite_store: Store) -> None:
    with pytest.raises(StoreError, match="database error"), sqlite_store.transaction():
        sqlite_store.execute("INSERT INTO failures VALUES ('a', 'a.txt', 'read', 'e', 'h', 't')")
        sqlite_store.execute("INSERT INTO failures VALUES ('a', 'a.txt', 'read', 'e', 'h', 't')")
    assert sqlite_store.scalar("SELECT COUNT(*) FROM failures") == 0
    with sqlite_store.transaction():  # and the store is usable again
        sqlite_store.execute("INSERT INTO failures VALUES ('b', 'b.txt', 'read', 'e', 'h', 't')")
    assert sqlite_store.scalar("SELECT COUNT(*) FROM failures") == 1


def test_postgres_text_columns_sort_bytewise() -> None:
    ddl = "CREATE TABLE t (\n    id TEXT PRIMARY KEY,\n    n INTEGER,\n    s TEXT\n)"
    assert for_dialect(ddl, "postgresql").count('TEXT COLLATE "C"') == 2
    assert for_dialect(ddl, "sqlite") == ddl


def test_url_hides_the_password() -> None:
    store = Store(None, "postgresql", "postgresql://bob:secret@db.example:5432/ev")
    assert store.url == "postgresql://bob:***@db.example:5432/ev"
