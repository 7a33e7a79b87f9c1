"""Fixtures for the event-database tests: stores on SQLite and PostgreSQL, hand-made events,
a coder that replays hand-made results, and a cache over the real coder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from dyads.models import CodingResult, Document, Entity, Event, EventDate, Evidence, Failure
from dyads.store import Store, content_hash

ROOT = Path(__file__).resolve().parents[2]
QUADS = {"CONSULT": 1, "AGREE": 1, "COOPERATE": 2, "AID": 2, "ACCUSE": 3, "ASSAULT": 4}
CAMEO = {"CONSULT": "040", "AGREE": "030", "COOPERATE": "060", "AID": "070", "ACCUSE": "112",
         "ASSAULT": "190"}
SCALE = {"CONSULT": 1.0, "AGREE": 4.0, "COOPERATE": 6.0, "AID": 7.0, "ACCUSE": -2.0,
         "ASSAULT": -10.0}


def make_event(doc_id: str, index: int, event_type: str, actor: str, recipient: str,
               day: str, *, k: int = 0, text: str = "") -> Event:
    """A coded event as the pipeline makes it; ``actor``/``recipient`` are codes joined by +."""
    def side(codes: str) -> tuple[Entity, ...]:
        return tuple(Entity(code=c, sector="GOV", entity_text=c) for c in codes.split("+") if c)

    sentence = text or f"{actor} and {recipient} ({event_type}) on {day}."
    return Event(
        id=f"{doc_id}-{index:04d}-{k}", doc_id=doc_id, date=EventDate(dt.date.fromisoformat(day)),
        actor=side(actor), recipient=side(recipient), event=event_type,
        cameo=CAMEO[event_type], quad_code=QUADS[event_type], event_scale=SCALE[event_type],
        goldstein=SCALE[event_type], text=sentence,
        evidence=Evidence(index, 100 * index, 100 * index + len(sentence), (0, 1), rule="t"),
        confidence=0.8)


def make_doc(doc_id: str, day: str, text: str | None = None) -> Document:
    return Document(id=doc_id, text=text or f"Text of {doc_id}.", title=doc_id.title(),
                    published=dt.date.fromisoformat(day), url=f"https://example.org/{doc_id}",
                    source=f"{doc_id}.txt")


class ReplayCoder:
    """Codes a document by looking up the events given for its id (no model)."""

    def __init__(self, events: dict[str, list[Event]]) -> None:
        self.events = events
        self.coded: list[str] = []

    def code_documents(self, docs: Iterable[Document | Failure]
                       ) -> Iterator[CodingResult | Failure]:
        for doc in docs:
            if isinstance(doc, Failure):
                yield doc
                continue
            self.coded.append(doc.id)
            yield CodingResult(doc.id, events=list(self.events.get(doc.id, [])))


class CachingCoder:
    """The real coder, each document coded once per test session (by id and content)."""

    def __init__(self, coder: object) -> None:
        self.coder = coder
        self.cache: dict[tuple[str, str], CodingResult | Failure] = {}

    def code_documents(self, docs: Iterable[Document | Failure]
                       ) -> Iterator[CodingResult | Failure]:
        for doc in docs:
            if isinstance(doc, Failure):
                yield doc
                continue
            key = (doc.id, content_hash(doc))
            if key not in self.cache:
                self.cache[key] = next(iter(self.coder.code_documents([doc])))  # type: ignore[attr-defined]
            yield self.cache[key]


@pytest.fixture(scope="session")
def caching_coder(coder: object) -> CachingCoder:
    return CachingCoder(coder)


@pytest.fixture(scope="session")
def readouts(shared: Path) -> list[Path]:
    """24 White House readouts spread over the corpus (every 44th file)."""
    files = sorted((shared / "corpus" / "whitehouse" / "readouts").glob("*.md"))
    if len(files) < 24:
        pytest.skip("the readouts corpus is not complete")
    return files[::44][:24]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "events.db") as store:
        yield store


# ---------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a private PostgreSQL server started by scripts/postgres for this session."""
    if shutil.which("bash") is None:
        pytest.skip("scripts/postgres needs bash")
    out = subprocess.run([str(ROOT / "scripts" / "postgres")], capture_output=True, text=True,
                         timeout=600, env={**os.environ, "DYADS_PG_DIR": ""})
    if out.returncode == 3:
        pytest.skip(f"PostgreSQL cannot be installed here: {out.stderr.strip()}")
    assert out.returncode == 0, out.stderr
    url = out.stdout.strip().splitlines()[-1]
    try:
        yield url
    finally:
        subprocess.run([str(ROOT / "scripts" / "postgres"), "stop", url], capture_output=True,
                       timeout=120, env={**os.environ, "DYADS_PG_DIR": ""})


@pytest.fixture
def pg_store(pg_server: str) -> Iterator[Store]:
    """A store in a fresh database on the session's PostgreSQL server."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = pg_server.rpartition("/")
    try:
        with Store.open(f"{base}/{name}") as store:
            yield store
    finally:
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# ---------------------------------------------------------------------------- a small corpus

CORPUS: dict[str, tuple[str, list[Event]]] = {
    "xinhua-0314": ("2025-03-14", [
        make_event("xinhua-0314", 0, "CONSULT", "CHN", "VNM", "2025-03-14",
                   text="Xi Jinping spoke by telephone with To Lam."),
        make_event("xinhua-0314", 1, "AGREE", "CHN", "VNM", "2025-03-14",
                   text="The two sides agreed to speed up railway links."),
    ]),
    "vna-0315": ("2025-03-15", [
        make_event("vna-0315", 0, "CONSULT", "VNM", "CHN", "2025-03-15",
                   text="To Lam held phone talks with Xi Jinping."),
        make_event("vna-0315", 2, "COOPERATE", "VNM", "CHN", "2025-03-15",
                   text="Vietnam wants closer cooperation in green energy."),
    ]),
    "wire-0402": ("2025-04-02", [
        make_event("wire-0402", 0, "ASSAULT", "RUS", "UKR", "2025-04-02",
                   text="Russian missiles struck Kharkiv overnight."),
        make_event("wire-0402", 1, "ACCUSE", "UKR", "RUS", "2025-04-02",
                   text="Kyiv accused Moscow of targeting civilians (100% of the dead)."),
        make_event("wire-0402", 2, "AID", "USA+GBR", "UKR", "2025-04-02",
                   text="Washington and London pledged air defence aid."),
    ]),
    "wire-0601": ("2025-06-01", [
        make_event("wire-0601", 0, "ACCUSE", "CHN", "VNM", "2025-06-01",
                   text="Beijing accused Hanoi of building on reefs."),
        make_event("wire-0601", 1, "CONSULT", "CHN", "VNM", "2025-06-01",
                   text="Envoys of China and Vietnam met in Hanoi."),
    ]),
    "wire-0602": ("2025-06-02", [
        make_event("wire-0602", 0, "ACCUSE", "VNM", "CHN", "2025-06-02",
                   text="Hanoi accused Beijing of ramming a fishing boat."),
    ]),
}


def populate(store: Store) -> None:
    """Ingest :data:`CORPUS` (through the real ingest path, without the model)."""
    from dyads.store import ingest_documents

    coder = ReplayCoder({doc_id: events for doc_id, (_, events) in CORPUS.items()})
    docs = [make_doc(doc_id, day) for doc_id, (day, _) in CORPUS.items()]
    report = ingest_documents(store, docs, coder)
    assert report.documents == len(CORPUS) and not report.failures
