"""The database connection: :class:`Store`, opened from a URL, SQLite or PostgreSQL.

    Store.open("events.db")                       a SQLite file (the default backend)
    Store.open("sqlite:///events.db")             the same, as a URL (sqlite:////abs/path.db)
    Store.open("postgresql://user@host:5432/db")  PostgreSQL, through psycopg 3

SQLite files are opened in WAL mode with a busy timeout, so readers (queries, a web app) read
while an ingest writes, and a second writer waits instead of failing. ``synchronous=NORMAL``
keeps every committed transaction across a crash of the process (a power cut may lose the last
few, never corrupt the file).

Write through :meth:`Store.transaction`: it takes the write lock at the start (``BEGIN
IMMEDIATE`` in SQLite, a transaction-scoped advisory lock in PostgreSQL), so a read-then-write
such as event fusion is atomic even with several ingests at once. SQL is written once with
``?`` placeholders; the store rewrites them for psycopg.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from dyads.errors import DyadsError, RunStopped, require
from dyads.store.schema import MIGRATIONS, MIGRATIONS_TABLE, for_dialect

Dialect = Literal["sqlite", "postgresql"]
DEFAULT_DB = "dyads.db"
"""The database used when neither ``--db`` nor ``DYADS_DB`` names one."""
BUSY_TIMEOUT_MS = 30_000
_PG_LOCK_KEY = 0x0D1AD5  # pg_advisory_xact_lock key: one writer transaction at a time
_TABLES = ("documents", "sentences", "events", "mentions", "actors", "commitments", "failures")


class StoreError(DyadsError):
    """The event database cannot be opened, migrated or queried as asked."""

    hint = "check the --db URL (a file path, sqlite:///path.db or postgresql://...)"


class ConnectionLost(StoreError, RunStopped):
    """The connection to the database server was lost in the middle of a run."""

    hint = ("check that the server is up and reachable, then run the same ingest again: "
            "documents stored already are skipped")


def resolve_url(url: str | Path | None) -> tuple[Dialect, str]:
    """(dialect, target): a file path for SQLite, the connection URL for PostgreSQL.

    ``None`` means ``$DYADS_DB``, else ``dyads.db`` in the working directory. ``sqlite:///x``
    is the relative path ``x`` and ``sqlite:////x`` the absolute ``/x`` (SQLAlchemy's rule).
    """
    text = str(url) if url is not None else os.environ.get("DYADS_DB") or DEFAULT_DB
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql", text
    if text.startswith("sqlite://"):
        path = text.removeprefix("sqlite://").removeprefix("/")
        if not path:
            raise StoreError(f"no file in the database URL {text!r}",
                             "write sqlite:///relative.db or sqlite:////absolute/path.db")
        return "sqlite", path
    if "://" in text:
        raise StoreError(f"unsupported database URL {text!r}",
                         "use a file path, sqlite:///path.db or postgresql://user@host/db")
    return "sqlite", text


class Store:
    """An open event database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, conn: Any, dialect: Dialect, target: str) -> None:
        self._conn = conn
        self.dialect: Dialect = dialect
        self.target = target
        self._in_transaction = False

    # ---- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | Path | None = None, *, migrate: bool = True,
             readonly: bool = False) -> Store:
        """Connect, and (by default) bring the schema up to date. ``readonly``: never write,
        never create a file (StoreError when there is no database there); no migration."""
        dialect, target = resolve_url(url)
        conn = (_connect_postgres(target, readonly) if dialect == "postgresql"
                else _connect_sqlite(target, readonly))
        store = cls(conn, dialect, target)
        if migrate and not readonly:
            try:
                store.migrate()
            except BaseException:
                store.close()
                raise
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        """Where this store lives, without a password."""
        if self.dialect == "sqlite":
            return f"sqlite:///{self.target}"
        return _hide_password(self.target)

    # ---- statements ------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        if self.dialect == "postgresql":
            return sql.replace("%", "%%").replace("?", "%s")
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        try:
            cur = self._conn.execute(self._sql(sql), tuple(params))
        except (sqlite3.Error, _pg_error()) as exc:
            raise self._error(exc, sql) from exc
        return int(cur.rowcount or 0)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a SELECT, as dicts of column -> value."""
        try:
            cur = self._conn.execute(self._sql(sql), tuple(params))
            rows = cur.fetchall()
        except (sqlite3.Error, _pg_error()) as exc:
            raise self._error(exc, sql) from exc
        return [dict(row) for row in rows]

    def _error(self, exc: Exception, sql: str) -> StoreError:
        """ConnectionLost when the server is gone, else the error of one statement."""
        if self.dialect == "postgresql" and (getattr(self._conn, "broken", False)
                                             or getattr(self._conn, "closed", False)):
            return ConnectionLost(f"lost the connection to {self.url}: "
                                  f"{str(exc).strip() or type(exc).__name__}")
        return _query_error(exc, sql)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (None for no rows)."""
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """A write transaction holding the write lock: all of it is committed, or none."""
        if self._in_transaction:
            raise StoreError("a transaction is already open on this store",
                             "finish the open transaction before starting another")
        self._in_transaction = True
        try:
            if self.dialect == "postgresql":
                try:
                    with self._conn.transaction():
                        self.execute("SELECT pg_advisory_xact_lock(?)", (_PG_LOCK_KEY,))
                        yield self
                except _pg_error() as exc:  # BEGIN or COMMIT failed: the body raises StoreError
                    raise self._error(exc, "COMMIT") from exc
            else:
                yield from _sqlite_transaction(self)
        finally:
            self._in_transaction = False

    # ---- schema ----------------------------------------------------------------------------
    def version(self) -> int:
        """The highest migration applied (0 for an empty database)."""
        return int(self.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations not yet applied, each in its own transaction; their versions."""
        self.execute(MIGRATIONS_TABLE)
        applied: list[int] = []
        for migration in MIGRATIONS:
            with self.transaction():
                if self.scalar("SELECT 1 FROM schema_migrations WHERE version = ?",
                               (migration.version,)):
                    continue
                for statement in migration.statements:
                    self.execute(for_dialect(statement, self.dialect))
                self.execute("INSERT INTO schema_migrations (version, name, applied_at) "
                             "VALUES (?, ?, ?)", (migration.version, migration.name, now()))
                applied.append(migration.version)
        return applied

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: int(self.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in _TABLES}


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _sqlite_transaction(store: Store) -> Iterator[Store]:
    store.execute("BEGIN IMMEDIATE")
    try:
        yield store
    except BaseException:
        store._conn.rollback()
        raise
    store.execute("COMMIT")


def _connect_sqlite(path: str, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        return _connect_sqlite_readonly(path)
    if path != ":memory:":
        parent = Path(path).expanduser().parent
        if not parent.is_dir():
            raise StoreError(f"cannot create the database {path}: {parent} is not a directory",
                             "create the directory first, or pass another --db")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the SQLite database {path}: {exc}",
                         "check that the path is a writable SQLite file") from exc
    return conn


def _connect_sqlite_readonly(path: str) -> sqlite3.Connection:
    file = Path(path).expanduser()
    if not file.is_file():
        raise StoreError(f"no database at {path}",
                         "check the --db path, or create the database with `dyads ingest`")
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the SQLite database {path}: {exc}",
                         "check that the path is a readable SQLite file") from exc
    return conn


def _connect_postgres(url: str, readonly: bool = False) -> Any:
    psycopg = require("psycopg", extra="postgres")
    from psycopg.rows import dict_row
    try:
        conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        if readonly:
            conn.execute("SET default_transaction_read_only = on")
        return conn
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to {_hide_password(url)}: {exc}".strip(),
                         "check that the server runs and the URL's user, host, port and "
                         "database are right (scripts/postgres starts a local one)") from exc


def _pg_error() -> type[Exception]:
    try:
        import psycopg
    except ImportError:
        return sqlite3.Error
    return psycopg.Error


def _query_error(exc: Exception, sql: str) -> StoreError:
    first = " ".join(sql.split())[:80]
    return StoreError(f"database error: {exc} (in: {first})",
                      "if the schema is old, open the store with migrate=True; "
                      "else report this as a bug")


def _hide_password(url: str) -> str:
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, userinfo = head.partition("//")
    user = userinfo.split(":", 1)[0]
    return f"{scheme}//{user}:***@{tail}"
