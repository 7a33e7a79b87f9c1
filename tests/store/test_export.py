"""Exports: PLOVER JSONL, CAMEO (Phoenix columns), CSV and Parquet, and their round trips."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from typing import Any

import pytest

from dyads.models import CodingResult
from dyads.store import EventFilter, EventRow, Store, StoreError, events, export, ingest
from dyads.store.export import PHOENIX_COLUMNS, plover_records, read_plover
from dyads.store.query import EVENT_COLUMNS

from .conftest import CORPUS, CachingCoder, populate


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    populate(sqlite_store)
    return sqlite_store


def test_plover_events_are_the_anchor_records_with_their_mentions(store: Store,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert export(store, "plover", path) == 9
    records = read_plover(path)
    coded = {e.id: e.to_plover() for _, evs in CORPUS.values() for e in evs}
    for record in records:
        mentions, documents = record.pop("mentions"), record.pop("documents")
        assert record == coded[record["id"]]  # the anchor's record, unchanged
        assert record["id"] == mentions[0] or record["id"] in mentions
        assert documents == sorted({coded[m]["doc_id"] for m in mentions})
    all_mentions = [m for r in read_plover(path) for m in r["mentions"]]
    assert sorted(all_mentions) == sorted(coded)  # every coded record once
    assert read_plover(path) == list(plover_records(store))


@pytest.mark.model
def test_plover_mentions_round_trip_the_coder_output(
        tmp_path: Path, readouts: list[Path], caching_coder: CachingCoder) -> None:
    with Store.open(tmp_path / "rt.db") as store:
        ingest(store, readouts[:8], caching_coder)
        path = tmp_path / "mentions.jsonl"
        export(store, "plover", path, level="mentions")
    coded = [r for r in caching_coder.cache.values() if isinstance(r, CodingResult)
             and r.doc_id in {p.stem for p in readouts[:8]}]
    expected = sorted((e.to_plover() for r in coded for e in r.events), key=lambda r: r["id"])
    assert expected
    assert sorted(read_plover(path), key=lambda r: r["id"]) == expected


def _typed(row: dict[str, str]) -> dict[str, Any]:
    kinds = {f.name: f.type for f in dataclasses.fields(EventRow)}
    conv = {"int": int, "float": float, "str": str}
    return {k: conv[str(kinds[k])](v) for k, v in row.items()}


def test_csv_round_trip(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export(store, "csv", path) == 9
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == EVENT_COLUMNS
        rows = [EventRow(**_typed(r)) for r in reader]
    assert rows == events(store)


def test_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", path, flt=EventFilter(actor="UKR")) == 3
    table = pq.read_table(path)
    assert table.column_names == list(EVENT_COLUMNS)
    assert str(table.schema.field("quad_code").type) == "int64"
    assert [EventRow(**r) for r in table.to_pylist()] == events(store, EventFilter(actor="UKR"))


def test_cameo_uses_the_phoenix_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    assert export(store, "cameo", path) == 9
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    assert {len(line) for line in lines} == {len(PHOENIX_COLUMNS)}
    call = dict(zip(PHOENIX_COLUMNS, lines[0], strict=True))
    assert {k: call[k] for k in ("eventid", "date", "year", "month", "day", "source",
                                 "source_root", "source_agent", "target", "target_root",
                                 "code", "root_code", "quad_class", "goldstein", "ids",
                                 "urls")} == {
        "eventid": "xinhua-0314-0000-0", "date": "20250314", "year": "2025", "month": "03",
        "day": "14", "source": "CHNGOV", "source_root": "CHN", "source_agent": "GOV",
        "target": "VNMGOV", "target_root": "VNM", "code": "040", "root_code": "04",
        "quad_class": "1", "goldstein": "1", "ids": "vna-0315;xinhua-0314",
        "urls": "https://example.org/vna-0315;https://example.org/xinhua-0314"}
    aid = next(dict(zip(PHOENIX_COLUMNS, line, strict=True)) for line in lines
               if line[13] == "070")
    assert (aid["source"], aid["source_others"], aid["target"]) == ("USAGOV", "GBR", "UKRGOV")


def test_export_errors_say_what_to_do(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="plover, cameo, csv, parquet"):
        export(store, "xml", tmp_path / "x")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="create the directory"):
        export(store, "csv", tmp_path / "missing" / "x.csv")
