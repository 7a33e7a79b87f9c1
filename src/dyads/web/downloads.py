"""Downloads of what a view shows: every matching event or commitment as CSV or JSON.

    event_download(store_url, flt, "csv")              a streamed response
    commitment_download(store_url, filters, "json")

The rows are the store's own (``EventRow``, ``CommitmentRow``), the same the API returns,
read a page at a time from a connection of the download's own, so a large download neither
waits for the whole result nor holds it in memory.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

from fastapi.responses import StreamingResponse

from dyads.store import CommitmentRow, EventFilter, Store
from dyads.store.query import EVENT_COLUMNS, commitments, events

Format = Literal["csv", "json"]
PAGE = 1000
COMMITMENT_COLUMNS = tuple(f.name for f in dataclasses.fields(CommitmentRow))
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def event_download(store_url: str, flt: EventFilter, fmt: Format) -> StreamingResponse:
    def page(store: Store, offset: int) -> Sequence[Any]:
        return events(store, dataclasses.replace(flt, limit=PAGE), offset=offset)

    return _respond(store_url, page, EVENT_COLUMNS, fmt, "events")


def commitment_download(store_url: str, filters: dict[str, Any],
                        fmt: Format) -> StreamingResponse:
    def page(store: Store, offset: int) -> Sequence[Any]:
        return commitments(store, limit=PAGE, offset=offset, **filters)

    return _respond(store_url, page, COMMITMENT_COLUMNS, fmt, "commitments")


def _respond(store_url: str, page: Callable[[Store, int], Sequence[Any]],
             columns: Sequence[str], fmt: Format, name: str) -> StreamingResponse:
    with Store.open(store_url, readonly=True) as store:  # fail now, not mid-stream
        first = page(store, 0)
    body = _csv(store_url, first, page, columns) if fmt == "csv" else _json(store_url, first, page)
    return StreamingResponse(body, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="dyads-{name}.{fmt}"'})


def _rows(store_url: str, first: Sequence[Any],
          page: Callable[[Store, int], Sequence[Any]]) -> Iterator[dict[str, Any]]:
    yield from (r.to_dict() for r in first)
    if len(first) < PAGE:
        return
    with Store.open(store_url, readonly=True) as store:
        offset = PAGE
        while True:
            rows = page(store, offset)
            yield from (r.to_dict() for r in rows)
            if len(rows) < PAGE:
                return
            offset += PAGE


def _csv(store_url: str, first: Sequence[Any], page: Callable[[Store, int], Sequence[Any]],
         columns: Sequence[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for k, row in enumerate(_rows(store_url, first, page)):
        writer.writerow(row)
        if k % 200 == 199:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(store_url: str, first: Sequence[Any],
          page: Callable[[Store, int], Sequence[Any]]) -> Iterator[str]:
    yield "["
    for k, row in enumerate(_rows(store_url, first, page)):
        yield ("," if k else "") + json.dumps(row, ensure_ascii=False)
    yield "]\n"
