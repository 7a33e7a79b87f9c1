"""Exports of the fused events: PLOVER JSONL, CAMEO (Phoenix columns), CSV and Parquet.

    export(store, "plover", path)   one PLOVER record per fused event (or per mention)
    export(store, "cameo", path)    tab-separated, Phoenix column order, no header
    export(store, "csv", path)      the EventRow columns of :mod:`dyads.store.query`
    export(store, "parquet", path)  the same columns with types (needs pyarrow)
    read_plover(path)               PLOVER JSONL back into dicts (for round trips)

PLOVER, ``level="events"``: the stored record of each fused event's anchor mention (its
``id`` is the fused event's id) with two dyads extensions, ``mentions`` (the ids of every
coded record fused into it) and ``documents`` (their document ids). ``level="mentions"``:
every coded record exactly as ``dyads code`` wrote it.

CAMEO follows the Phoenix/PETRARCH event file (phoenix_pipeline ``postprocess.py``), one line
per fused event, columns in :data:`PHOENIX_COLUMNS`. Differences, documented in
docs/database.md: ``quad_class`` is the PLOVER quad code 1-4 (Phoenix wrote 0-4), the
``*_others`` columns hold the codes of further actors on that side, ``lat``/``lon`` are empty
(dyads does not geocode) and ``ids`` are document ids.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from dyads.errors import require
from dyads.store.db import Store, StoreError
from dyads.store.query import EVENT_COLUMNS, EventFilter, EventRow, event_where, events

Format = Literal["plover", "cameo", "csv", "parquet"]
FORMATS: tuple[Format, ...] = ("plover", "cameo", "csv", "parquet")
Level = Literal["events", "mentions"]

PHOENIX_COLUMNS = (
    "eventid", "date", "year", "month", "day",
    "source", "source_root", "source_agent", "source_others",
    "target", "target_root", "target_agent", "target_others",
    "code", "root_code", "quad_class", "goldstein", "issues",
    "lat", "lon", "placename", "statename", "countryname",
    "ids", "urls", "sources",
)
"""The Phoenix event file's columns, in order (tab-separated, no header line)."""


def export(store: Store, fmt: Format, path: str | Path, *, flt: EventFilter | None = None,
           level: Level = "events") -> int:
    """Write the events matching ``flt`` to ``path`` in ``fmt``; the number of records."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    target = Path(path)
    if not target.parent.is_dir():
        raise StoreError(f"cannot write {target}: {target.parent} is not a directory",
                         "create the directory first, or pass another -o")
    if fmt == "parquet":
        return write_parquet(events(store, flt), target)
    with target.open("w", encoding="utf-8", newline="") as out:
        if fmt == "plover":
            return write_plover(store, out, flt=flt, level=level)
        if fmt == "cameo":
            return write_cameo(store, out, flt=flt)
        return write_csv(events(store, flt), out)


# ---------------------------------------------------------------------------- PLOVER


def plover_records(store: Store, flt: EventFilter | None = None,
                   level: Level = "events") -> Iterator[dict[str, Any]]:
    """The PLOVER records of the fused events matching ``flt`` (see the module docstring)."""
    where, params = event_where(flt or EventFilter(), store.dialect)
    limit = f" LIMIT {int(flt.limit)}" if flt and flt.limit is not None else ""
    rows = store.query(f"SELECT e.id, e.plover FROM events e{where} "
                       f"ORDER BY e.date, e.id{limit}", params)
    mentions = _mentions_by_event(store)
    for row in rows:
        if level == "mentions":
            for m in mentions.get(row["id"], []):
                yield json.loads(m["plover"])
            continue
        record = json.loads(row["plover"])
        fused = mentions.get(row["id"], [])
        record["mentions"] = [m["id"] for m in fused]
        record["documents"] = sorted({m["doc_id"] for m in fused})
        yield record


def _mentions_by_event(store: Store) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in store.query("SELECT event_id, id, doc_id, plover FROM mentions "
                         "ORDER BY event_id, id"):
        out[m["event_id"]].append(m)
    return out


def write_plover(store: Store, out: IO[str], *, flt: EventFilter | None = None,
                 level: Level = "events") -> int:
    n = 0
    for record in plover_records(store, flt, level):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def read_plover(path: str | Path) -> list[dict[str, Any]]:
    """The records of a PLOVER JSONL file."""
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ---------------------------------------------------------------------------- CAMEO / Phoenix


def cameo_rows(store: Store, flt: EventFilter | None = None) -> Iterator[list[str]]:
    """One list of strings per fused event, in :data:`PHOENIX_COLUMNS` order."""
    docs = {d["id"]: d for d in store.query("SELECT id, url, source FROM documents")}
    for record in plover_records(store, flt):
        doc_ids = record["documents"]
        day = record["date"]
        loc = record.get("event_loc") or {}
        yield [
            record["id"], day.replace("-", ""), day[:4], day[5:7], day[8:10],
            *_phoenix_side(record["actor"]), *_phoenix_side(record["recipient"]),
            record["cameo"], record["cameo"][:2], str(record["quad_code"]),
            _number(record["goldstein"]), "",
            "", "", loc.get("resolved_place") or "", "", loc.get("country_code") or "",
            ";".join(doc_ids),
            ";".join(docs[d]["url"] or "" for d in doc_ids if d in docs),
            ";".join(docs[d]["source"] or "" for d in doc_ids if d in docs),
        ]


def _phoenix_side(entities: list[dict[str, Any]]) -> list[str]:
    """(full code, root, agent, others) for one side: CHNGOV, CHN, GOV, further codes."""
    if not entities:
        return ["", "", "", ""]
    first = entities[0]
    root, agent = first.get("code") or "", first.get("sector") or ""
    others = ";".join(e["code"] for e in entities[1:] if e.get("code"))
    return [root + agent, root, agent, others]


def _number(value: float) -> str:
    return f"{float(value):g}"


def write_cameo(store: Store, out: IO[str], *, flt: EventFilter | None = None) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    n = 0
    for row in cameo_rows(store, flt):
        writer.writerow(row)
        n += 1
    return n


# ---------------------------------------------------------------------------- CSV, Parquet


def write_csv(rows: list[EventRow], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.to_dict())
    return len(rows)


def parquet_schema() -> Any:
    """The pyarrow schema of the Parquet export (EventRow's fields and types)."""
    pa = _pyarrow()
    types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    fields = EventRow.__dataclass_fields__
    return pa.schema([(name, types[str(fields[name].type)]) for name in EVENT_COLUMNS])


def write_parquet(rows: list[EventRow], path: Path) -> int:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([r.to_dict() for r in rows], schema=parquet_schema())
    pq.write_table(table, path)
    return len(rows)


def _pyarrow() -> Any:
    return require("pyarrow", extra="parquet")
