"""The server's guard: allowed hosts, security headers, safe links, a read-only store that
must exist, errors without internals, HEAD, and bounded load (503 with Retry-After)."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from dyads.store import Store, StoreError
from dyads.urls import http_url
from dyads.web.deps import LazyCoder
from dyads.web.errors import Busy
from dyads.web.guard import Guard

from .conftest import FakeCoder


@pytest.fixture
def db_copy(small_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copy(small_db, target)
    return target


def test_another_host_gets_400(client: Any) -> None:
    for url in ("/api/events", "/"):
        refused = client.get(url, headers={"Host": "attacker.example"})
        assert refused.status_code == 400
        assert "host name" in refused.text
    assert client.get("/api/events", headers={"Host": "attacker.example:8000"}).status_code == 400
    assert client.get("/api/dyads", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/api/dyads", headers={"Host": "[::1]:8000"}).status_code == 200


def test_every_answer_carries_the_security_headers(client: Any) -> None:
    for url in ("/", "/api/events", "/static/dyads.css", "/nowhere", "/docs"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_head_is_answered_like_get_without_a_body(client: Any) -> None:
    for url in ("/", "/api/events", "/dyad/CHN/VNM"):
        head = client.head(url)
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == client.get(url).headers["content-type"]


@pytest.mark.parametrize(("url", "safe"), [
    ("https://www.whitehouse.gov/briefing-room/x", True),
    ("http://example.org", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    (" java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:x", False),
    ("//evil.example/x", False),
    ("/documents/x", False),
    ("http://", False),
    ("", False),
])
def test_only_http_urls_are_links(url: str, safe: bool) -> None:
    assert (http_url(url) is not None) is safe


def test_a_javascript_url_in_an_old_database_is_not_a_link(db_copy: Path) -> None:
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with Store.open(db_copy) as store:
        store.execute("UPDATE documents SET url = 'javascript:alert(1)', "
                      "source = '/home/someone/corpus/call-0314.txt' WHERE id = 'call-0314'")
    with TestClient(create_app(db_copy)) as client:
        page = client.get("/documents/call-0314").text
        doc = client.get("/api/documents/call-0314").json()
    assert "javascript:" not in page and ">original<" not in page
    assert doc["url"] is None
    assert "/home/someone" not in page and doc["source"] == "call-0314.txt"


def test_ingest_stores_only_http_urls(tmp_path: Path) -> None:
    from dyads.models import CodingResult, Document
    from dyads.store import ingest_documents

    from .conftest import ReplayCoder

    docs = [Document("a", "Text one.", url="javascript:alert(1)"),
            Document("b", "Text two.", url="https://example.org/b")]
    with Store.open(tmp_path / "x.db") as store:
        ingest_documents(store, docs, ReplayCoder({d.id: CodingResult(d.id, []) for d in docs}))
        urls = {r["id"]: r["url"] for r in store.query("SELECT id, url FROM documents")}
    assert urls == {"a": None, "b": "https://example.org/b"}


def test_the_app_needs_an_existing_database_and_never_creates_one(tmp_path: Path) -> None:
    from dyads.web import create_app

    with pytest.raises(StoreError, match="no database at"):
        create_app(tmp_path / "typo.db")
    assert list(tmp_path.iterdir()) == []


def test_the_app_reads_only(db_copy: Path) -> None:
    from dyads.web.deps import open_store

    class Request:
        class app:  # noqa: N801 - stands for request.app
            class state:  # noqa: N801
                store_url = str(db_copy)

    opened = open_store(Request())  # type: ignore[arg-type]
    store = next(opened)
    with pytest.raises(StoreError, match="readonly"):
        store.execute("DELETE FROM events")
    opened.close()


def test_a_moved_database_is_a_clear_503_and_no_new_file(db_copy: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with TestClient(create_app(db_copy)) as client:
        db_copy.rename(tmp_path / "moved.db")
        for url, kind in (("/api/events", "application/json"), ("/", "text/html")):
            answer = client.get(url)
            assert answer.status_code == 503 and answer.headers["content-type"].startswith(kind)
            assert "database is not available" in answer.text and "moved" in answer.text
            assert str(tmp_path) not in answer.text
    assert not db_copy.exists()


def test_store_errors_show_no_sql_and_no_path(db_copy: Path) -> None:
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    app = create_app(db_copy)
    with Store.open(db_copy) as store:
        store.execute("DROP TABLE commitments")
    with TestClient(app) as client:
        for url in ("/api/commitments", "/commitments"):
            answer = client.get(url)
            assert answer.status_code == 503
            assert "cannot answer" in answer.text
            for internal in ("SELECT", "commitments", str(db_copy.parent), "migrate"):
                assert internal not in answer.text.replace("/commitments", "")


def test_a_crash_is_a_500_in_the_documented_form(small_db: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from dyads.web import api, create_app, pages

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(api, "top_dyads", boom)
    monkeypatch.setattr(pages, "top_dyads", boom)
    with TestClient(create_app(small_db), raise_server_exceptions=False) as client:
        answer = client.get("/api/dyads")
        assert answer.status_code == 500
        assert answer.json()["detail"] == "the server failed to answer this request"
        page = client.get("/")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "secret internals" not in page.text + answer.text


def test_coding_requests_beyond_the_queue_are_refused_with_retry_after() -> None:
    started, release = threading.Event(), threading.Event()

    class Slow(FakeCoder):
        def code(self, text: str, published: Any = None, doc_id: str = "text") -> list[Any]:
            started.set()
            release.wait(10)
            return []

    coder = LazyCoder(Slow, max_waiting=0)
    worker = threading.Thread(target=coder.code, args=("text", None))
    worker.start()
    assert started.wait(10)
    with pytest.raises(Busy) as info:
        coder.code("another", None)
    assert info.value.status == 503 and info.value.retry_after > 0
    release.set()
    worker.join(10)
    assert coder.code("again", None) == []  # the slot is free again


def test_busy_is_a_503_with_retry_after(client: Any) -> None:
    class Busy503:
        def code(self, text: str, published: Any) -> list[Any]:
            raise Busy("the coder is busy with other texts", "retry")

    client.app.state.coder = Busy503()
    answer = client.post("/api/code", json={"text": "Xi Jinping spoke."})
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"
    assert answer.json()["detail"] == "the coder is busy with other texts"


def test_the_guard_bounds_active_requests() -> None:
    gate = asyncio.Event()

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        await gate.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = Guard(slow_app, hosts=["testserver"], max_active=1, max_wait=0.05)

    async def call() -> tuple[int, dict[bytes, bytes]]:
        sent: list[Any] = []

        async def send(message: Any) -> None:
            sent.append(message)

        async def receive() -> Any:
            return {"type": "http.request", "body": b""}

        scope = {"type": "http", "method": "GET", "path": "/api/events",
                 "headers": [(b"host", b"testserver")]}
        await guard(scope, receive, send)
        return sent[0]["status"], dict(sent[0]["headers"])

    async def scenario() -> list[tuple[int, dict[bytes, bytes]]]:
        first = asyncio.ensure_future(call())
        await asyncio.sleep(0)
        second = await call()  # the first holds the only slot
        gate.set()
        return [await first, second]

    results: list[Any] = []  # in a thread of its own: Playwright may run a loop in this one
    runner = threading.Thread(target=lambda: results.extend(asyncio.run(scenario())))
    runner.start()
    runner.join(30)
    (ok, _), (busy, headers) = results
    assert (ok, busy) == (200, 503) and headers[b"retry-after"] == b"2"
