"""What a request needs: a read-only connection to the app's store, and the shared coder.

    open_store(request)     FastAPI dependency: the store, read-only, for one request
    LazyCoder(factory)      the coder behind ``POST /api/code``, built on first use
    CoderBusy               raised when more coding requests wait than the app allows
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol

from fastapi import Request

from dyads.store import Store, StoreError
from dyads.web.errors import Busy

if TYPE_CHECKING:
    from dyads.models import Event


class TextCoder(Protocol):
    """What ``POST /api/code`` needs of :class:`dyads.pipeline.Coder`."""

    def code(self, text: str, published: dt.date | str | None = None,
             doc_id: str = "text") -> list[Event]: ...


class LazyCoder:
    """A coder built on first use (the spaCy model loads then), shared by the app's requests.

    spaCy pipelines are not made for concurrent calls, so texts are coded one at a time.
    At most ``max_waiting`` requests wait for their turn; one more is refused at once with
    :class:`~dyads.web.errors.Busy` (503 with Retry-After) instead of holding a worker thread.
    """

    def __init__(self, factory: Callable[[], TextCoder], max_waiting: int = 2) -> None:
        self._factory = factory
        self._coder: TextCoder | None = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_waiting + 1)

    def code(self, text: str, published: dt.date | None) -> list[Event]:
        if not self._slots.acquire(blocking=False):
            raise Busy("the coder is busy with other texts",
                       "retry in a few seconds, or code many texts with `dyads code`")
        try:
            with self._lock:
                if self._coder is None:
                    self._coder = self._factory()
                return self._coder.code(text, published)
        finally:
            self._slots.release()


def open_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only connection to the app's store for one request."""
    try:
        store = Store.open(request.app.state.store_url, readonly=True)
    except StoreError as exc:
        raise StoreError("the event database is not available",
                         "the server's database was moved or removed; restart `dyads serve` "
                         "with its new --db") from exc
    with store:
        yield store
