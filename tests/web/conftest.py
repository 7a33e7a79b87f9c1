"""Fixtures for the web tests: stores to serve, the app served by uvicorn in a thread, and
headless Chromium (Debian's, found or installed by scripts/browser) driven by Playwright."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from dyads.models import (
    CodingResult,
    Document,
    Entity,
    Event,
    EventDate,
    Evidence,
    Failure,
    Place,
)
from dyads.store import Store, ingest, ingest_documents
from store.conftest import pg_server  # noqa: F401 - the private PostgreSQL server fixture

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "dyads" / "samples"
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

QUAD = {"CONSULT": 1, "AGREE": 1, "COOPERATE": 2, "AID": 2, "ACCUSE": 3, "ASSAULT": 4}
CAMEO = {"CONSULT": "040", "AGREE": "030", "COOPERATE": "060", "AID": "070", "ACCUSE": "112",
         "ASSAULT": "190"}
SCALE = {"CONSULT": 1.0, "AGREE": 4.0, "COOPERATE": 6.0, "AID": 7.0, "ACCUSE": -2.0,
         "ASSAULT": -10.0}

# (doc id, published, text, [(event type, actor, recipient, trigger, actor text, recipient text)])
CORPUS: list[tuple[str, str, str, list[tuple[str, str, str, str, str, str]]]] = [
    ("call-0314", "2025-03-14",
     "Leaders talk.\n\nXi Jinping spoke by telephone with To Lam on Friday. "
     "The two sides agreed to speed up railway links.",
     [("CONSULT", "CHN", "VNM", "spoke", "Xi Jinping", "To Lam"),
      ("AGREE", "CHN", "VNM", "agreed", "The two sides", "The two sides")]),
    ("call-0315", "2025-03-15",
     "To Lam held phone talks with Xi Jinping. Vietnam wants closer cooperation in energy.",
     [("CONSULT", "VNM", "CHN", "held phone talks", "To Lam", "Xi Jinping"),
      ("COOPERATE", "VNM", "CHN", "cooperation", "Vietnam", "")]),
    ("reef-0601", "2025-06-01",
     "Beijing accused Hanoi of building on reefs. Envoys of China and Vietnam met in Hanoi.",
     [("ACCUSE", "CHN", "VNM", "accused", "Beijing", "Hanoi"),
      ("CONSULT", "CHN", "VNM", "met", "China", "Vietnam")]),
    ("strike-0402", "2025-04-02",
     "Russian missiles struck Kharkiv overnight. Washington pledged air defence aid to Kyiv.",
     [("ASSAULT", "RUS", "UKR", "struck", "Russian missiles", "Kharkiv"),
      ("AID", "USA", "UKR", "pledged", "Washington", "Kyiv")]),
]


PLACES = {("strike-0402", "ASSAULT"): Place("Kharkiv", "UKR", text="Kharkiv"),
          ("reef-0601", "CONSULT"): Place("Hanoi", "VNM", kind="capital", text="Hanoi")}
"""Where two of the events took place (for the map)."""


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a hand-written text: split after '. ' and at blank lines."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if (ch == "." and text[i + 1:i + 2] in (" ", "\n", "")) and i + 1 > start:
            spans.append((start, i + 1))
            start = i + 1
            while start < len(text) and text[start] in " \n":
                start += 1
    return spans


def corpus_events(doc_id: str, day: str, text: str,
                  specs: list[tuple[str, str, str, str, str, str]]) -> list[Event]:
    """Coded events with real offsets: each trigger is found in the text, in order."""
    out: list[Event] = []
    cursor = 0
    for k, (kind, actor, recipient, trigger, actor_text, recipient_text) in enumerate(specs):
        t0 = text.index(trigger, cursor)
        cursor = t0 + 1
        s0, s1 = next(s for s in _sentences(text) if s[0] <= t0 < s[1])
        sentence = text[s0:s1]

        def span(part: str, s0: int = s0, sentence: str = sentence) -> tuple[tuple[int, int], ...]:
            if not part:
                return ()
            i = sentence.index(part) + s0
            return ((i, i + len(part)),)

        index = _sentences(text).index((s0, s1))
        place = PLACES.get((doc_id, kind))
        out.append(Event(
            id=f"{doc_id}-{index:04d}-{k}", doc_id=doc_id,
            date=EventDate(dt.date.fromisoformat(day)),
            actor=(Entity(actor, "GOV", actor_text or actor),),
            recipient=(Entity(recipient, "GOV", recipient_text or recipient),),
            event=kind, cameo=CAMEO[kind], event_text=trigger, quad_code=QUAD[kind],
            event_scale=SCALE[kind], goldstein=SCALE[kind], text=sentence,
            evidence=Evidence(index, s0, s1, (t0, t0 + len(trigger)), span(actor_text),
                              span(recipient_text), rule=f"test/{kind.lower()}"),
            confidence=0.8, event_loc=place))
    return out


class ReplayCoder:
    """Codes each document with the events given for its id (no model)."""

    def __init__(self, results: dict[str, CodingResult]) -> None:
        self.results = results

    def code_documents(self, docs: Iterable[Document | Failure]
                       ) -> Iterator[CodingResult | Failure]:
        for doc in docs:
            yield doc if isinstance(doc, Failure) else self.results[doc.id]


def populate(store: Store) -> None:
    """Store :data:`CORPUS` through the real ingest path, without the model."""
    from dyads.models import Commitment, Quantity

    results = {}
    docs = []
    for doc_id, day, text, specs in CORPUS:
        docs.append(Document(doc_id, text, title=f"Report {doc_id}",
                             published=dt.date.fromisoformat(day), source=f"{doc_id}.txt"))
        results[doc_id] = CodingResult(doc_id, corpus_events(doc_id, day, text, specs))
    results["strike-0402"].commitments.append(Commitment(
        "strike-0402-c0", "strike-0402", "aid", (Entity("USA", "GOV", "Washington"),),
        (Entity("UKR", "GOV", "Kyiv"),), EventDate(dt.date(2025, 4, 2)),
        "Washington pledged air defence aid to Kyiv.",
        amount=Quantity(2e9, "USD", "$2 billion"), deadline=EventDate(dt.date(2026, 1, 1))))
    report = ingest_documents(store, docs, ReplayCoder(results))
    assert report.documents == len(CORPUS) and not report.failures


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with :data:`CORPUS` (hand-coded, exact offsets)."""
    path = tmp_path_factory.mktemp("web") / "small.db"
    with Store.open(path) as store:
        populate(store)
    return path


class FakeCoder:
    """Stands in for the spaCy coder behind POST /api/code; counts how often it is built."""

    built = 0

    def __init__(self) -> None:
        type(self).built += 1

    def code(self, text: str, published: dt.date | str | None = None,
             doc_id: str = "text") -> list[Event]:
        if "Xi Jinping spoke" not in text:
            return []
        return corpus_events(doc_id, "2025-03-14", text,
                             [("CONSULT", "CHN", "VNM", "spoke", "Xi Jinping", "To Lam")])


@pytest.fixture
def client(small_db: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    FakeCoder.built = 0
    with TestClient(create_app(small_db, coder=FakeCoder)) as c:
        yield c


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, coder: Any) -> Path:
    """A SQLite file with the package's sample articles coded by the real coder, and the
    China-Vietnam seed articles from ../shared when they are present."""
    path = tmp_path_factory.mktemp("web") / "samples.db"
    inputs: list[str | Path] = [SAMPLES]
    seeds = ROOT.parent / "shared" / "gold" / "seeds" / "docs.jsonl"
    if seeds.is_file():
        inputs.append(seeds)
    with Store.open(path) as store:
        report = ingest(store, inputs, coder)
    assert report.documents >= 9 and not report.failures
    return path


# ---------------------------------------------------------------------------- serving, browser


@contextmanager
def served(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a background thread; yields its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of Debian's chromium, installed by scripts/browser when missing."""
    out = subprocess.run([str(ROOT / "scripts" / "browser")], capture_output=True, text=True,
                         timeout=900)
    if out.returncode == 3:
        pytest.skip(f"chromium cannot be installed here: {out.stderr.strip()}")
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium context (fresh profile) driven by Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, env={**os.environ, "TZ": "UTC"})
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    p = browser.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    p.js_errors = errors
    try:
        yield p
    finally:
        p.close()
