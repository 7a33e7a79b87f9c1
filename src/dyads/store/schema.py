"""The event database's tables, as numbered migrations recorded in ``schema_migrations``.

One DDL text serves SQLite and PostgreSQL: types are ``TEXT``, ``INTEGER`` and ``DOUBLE
PRECISION`` (REAL affinity in SQLite). Dates are ISO 8601 text (``YYYY-MM-DD``) in both, so
the same SQL and the same comparisons work everywhere; in PostgreSQL every text column is
created ``COLLATE "C"`` so that ``ORDER BY`` and ``lower()`` behave as in SQLite (byte order,
ASCII case folding) and both backends answer queries identically.

    documents    one row per input document: id, content hash, metadata, text
    sentences    the sentences that events were coded from (doc_id, index, span, text)
    events       fused events: one real-world event, however many documents report it
    mentions     one coded record (the coder's PLOVER event) -> its fused event and document
    actors       the actor and recipient entities of every mention
    commitments  pledges, targets, agreements and planned visits
    failures     inputs that could not be read or coded, with what to do about them
    mentions_fts the words of every mention's sentence, for whole-word and phrase search
                 (SQLite: an FTS5 table kept in sync by triggers on ``mentions``;
                 PostgreSQL: a GIN index on ``to_tsvector('simple', text)``)

A migration is applied once, in its own transaction, and recorded with its version and time.
Add a new :class:`Migration` at the end of :data:`MIGRATIONS` to change the schema; never edit
one that has shipped.
"""

from __future__ import annotations

from dataclasses import dataclass

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_INITIAL = (
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        title TEXT,
        published TEXT,
        url TEXT,
        source TEXT,
        text TEXT NOT NULL,
        n_events INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    )""",
    """CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        event_type TEXT NOT NULL,
        cameo TEXT NOT NULL,
        root_code TEXT NOT NULL,
        quad_code INTEGER NOT NULL,
        event_scale DOUBLE PRECISION NOT NULL,
        goldstein DOUBLE PRECISION NOT NULL,
        actor TEXT NOT NULL,
        recipient TEXT NOT NULL,
        dyad TEXT NOT NULL,
        unordered INTEGER NOT NULL,
        mode TEXT NOT NULL,
        context TEXT NOT NULL,
        modality TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        n_mentions INTEGER NOT NULL,
        n_documents INTEGER NOT NULL,
        first_doc TEXT NOT NULL,
        text TEXT NOT NULL,
        plover TEXT NOT NULL
    )""",
    "CREATE INDEX events_fusion ON events (event_type, dyad, date)",
    "CREATE INDEX events_date ON events (date)",
    """CREATE TABLE mentions (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        doc_id TEXT NOT NULL REFERENCES documents(id),
        sentence INTEGER,
        date TEXT NOT NULL,
        event_type TEXT NOT NULL,
        cameo TEXT NOT NULL,
        actor TEXT NOT NULL,
        recipient TEXT NOT NULL,
        modality TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        text TEXT NOT NULL,
        plover TEXT NOT NULL
    )""",
    "CREATE INDEX mentions_event ON mentions (event_id)",
    "CREATE INDEX mentions_doc ON mentions (doc_id)",
    """CREATE TABLE actors (
        mention_id TEXT NOT NULL REFERENCES mentions(id),
        role TEXT NOT NULL,
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        sector TEXT,
        entity_text TEXT NOT NULL,
        office TEXT,
        name TEXT,
        PRIMARY KEY (mention_id, role, position)
    )""",
    "CREATE INDEX actors_code ON actors (code)",
    """CREATE TABLE commitments (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        actor TEXT NOT NULL,
        recipient TEXT NOT NULL,
        amount DOUBLE PRECISION,
        unit TEXT,
        deadline TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL
    )""",
    "CREATE INDEX commitments_doc ON commitments (doc_id)",
    """CREATE TABLE failures (
        doc_id TEXT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        error TEXT NOT NULL,
        hint TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, source)
    )""",
)

class PerDialect(str):
    """A statement for SQLite, carrying the PostgreSQL statement that does the same."""

    postgresql: str

    def __new__(cls, sqlite: str, postgresql: str = "SELECT 1") -> PerDialect:
        statement = super().__new__(cls, sqlite)
        statement.postgresql = postgresql
        return statement


_FULL_TEXT = (
    PerDialect("CREATE VIRTUAL TABLE mentions_fts USING fts5(text, content='mentions', "
               "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
               "CREATE INDEX mentions_fts ON mentions USING GIN "
               "(to_tsvector('simple'::regconfig, text))"),
    PerDialect("CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN "
               "INSERT INTO mentions_fts (rowid, text) VALUES (new.rowid, new.text); END"),
    PerDialect("CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN "
               "INSERT INTO mentions_fts (mentions_fts, rowid, text) "
               "VALUES ('delete', old.rowid, old.text); END"),
    PerDialect("CREATE TRIGGER mentions_fts_update AFTER UPDATE OF text ON mentions BEGIN "
               "INSERT INTO mentions_fts (mentions_fts, rowid, text) "
               "VALUES ('delete', old.rowid, old.text); "
               "INSERT INTO mentions_fts (rowid, text) VALUES (new.rowid, new.text); END"),
    PerDialect("INSERT INTO mentions_fts (mentions_fts) VALUES ('rebuild')"),
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _INITIAL),
    Migration(2, "full-text search of mention sentences", _FULL_TEXT),
)
"""Every migration, in order. The database's version is the highest one applied."""

LATEST = MIGRATIONS[-1].version


def for_dialect(statement: str, dialect: str) -> str:
    """The DDL as the backend wants it: PostgreSQL text columns get ``COLLATE "C"``, and a
    :class:`PerDialect` statement its PostgreSQL form."""
    if dialect != "postgresql":
        return str(statement)
    if isinstance(statement, PerDialect):
        return statement.postgresql
    out = []
    for line in statement.split("\n"):
        stripped = line.strip()
        words = stripped.split()
        if len(words) >= 2 and words[1].rstrip(",") == "TEXT" and not stripped.startswith("CREATE"):
            line = line.replace(" TEXT", ' TEXT COLLATE "C"', 1)
        out.append(line)
    return "\n".join(out)
