"""dyads.scale: shards, atomic shard outputs, the process pool and Dask on a LocalCluster."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dyads import scale
from dyads.errors import DyadsError
from dyads.models import CodingResult, Document, Event, Failure
from dyads.scale import CodingPool, Shard, code_dask, code_parallel, code_shard, plan_shards
from dyads.settings import Settings

SAMPLES = Path(scale.__file__).parent / "samples"


def _jsonl(path: Path, ids: list[str]) -> Path:
    lines = [json.dumps({"id": i, "text": f"Text of {i}.", "published": "2024-05-01"})
             for i in ids]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _parquet(path: Path, ids: list[str]) -> Path:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": i, "text": f"Text of {i}.", "published": dt.date(2024, 5, 1)} for i in ids]
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


# --------------------------------------------------------------------------- shards


def test_jsonl_and_parquet_files_are_shards_of_their_own(tmp_path: Path) -> None:
    a = _jsonl(tmp_path / "a.jsonl", ["a1", "a2"])
    b = _parquet(tmp_path / "b.parquet", ["b1"])
    shards = list(plan_shards([a, b]))
    assert [(s.name[:2], s.path) for s in shards] == [("a-", str(a)), ("b-", str(b))]
    docs = [d for s in shards for d in s.documents()]
    assert [d.id for d in docs if isinstance(d, Document)] == ["a1", "a2", "b1"]
    parquet_doc = docs[2]
    assert isinstance(parquet_doc, Document) and str(parquet_doc.published) == "2024-05-01"


def test_a_directory_with_parquet_files_is_a_directory_of_shards(tmp_path: Path) -> None:
    _parquet(tmp_path / "p1.parquet", ["x"])
    _jsonl(tmp_path / "p2.jsonl", ["y"])
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [s.name[:3] for s in plan_shards([tmp_path])] == ["p1-", "p2-"]


def test_other_inputs_are_cut_into_shards_of_documents(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"doc{i}.txt").write_text(f"Document {i} text.", encoding="utf-8")
    shards = list(plan_shards([tmp_path], shard_size=2))
    assert all(re.fullmatch(r"part-[0-9a-f]{16}", s.name) for s in shards)
    assert [d.id for s in shards for d in s.docs if isinstance(d, Document)] == [
        f"doc{i}" for i in range(5)]
    assert all(len(s.docs) <= 8 for s in shards)


def _plan(folder: Path) -> dict[str, list[str]]:
    """Shard name -> the ids of its documents."""
    return {s.name: [d.id for d in s.docs if isinstance(d, Document)]
            for s in plan_shards([folder], shard_size=3)}


def test_shards_are_keyed_by_content_so_a_change_touches_one_shard(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"doc{i:02d}.txt").write_text(f"Document {i} text.", encoding="utf-8")
    before = _plan(tmp_path)
    assert len(before) > 3
    (tmp_path / "doc10b.txt").write_text("A document added later.", encoding="utf-8")
    added = _plan(tmp_path)
    (tmp_path / "doc20.txt").write_text("Document 20, fixed.", encoding="utf-8")
    fixed = _plan(tmp_path)
    for after, doc in ((added, "doc10b"), (fixed, "doc20")):
        new = set(after) - set(before if after is added else added)
        (name,) = new  # exactly one shard changed: the one holding the new or fixed text
        assert doc in after[name]
        assert len(set(before if after is added else added) - set(after)) == 1


def test_a_changed_shard_file_is_a_new_shard(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", ["a1", "a2"])
    (first,) = plan_shards([path])
    _jsonl(path, ["a1", "a2", "a3"])
    (second,) = plan_shards([path])
    assert first.name != second.name and second.name.startswith("a-")


def test_a_bad_parquet_file_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    (item,) = list(Shard("bad", path=str(bad)).documents())
    assert isinstance(item, Failure) and "Parquet" in item.error


def test_a_shard_whose_output_exists_is_skipped(tmp_path: Path) -> None:
    done = tmp_path / "part-0123456789abcdef.jsonl"
    done.write_text("kept\n", encoding="utf-8")
    shard = Shard("part-0123456789abcdef", docs=(Document("d", "Text."),))
    result = code_shard(shard, tmp_path, "jsonl", Settings())
    assert result.skipped and done.read_text(encoding="utf-8") == "kept\n"


def test_an_interrupted_write_leaves_neither_output_nor_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "s.jsonl"

    def crash(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("worker died")

    with pytest.raises(RuntimeError):
        scale._atomic_write(target, crash)
    assert list(tmp_path.iterdir()) == []


def test_a_pool_needs_at_least_one_worker() -> None:
    with pytest.raises(DyadsError, match="--workers"):
        CodingPool(Settings(), 0)


# --------------------------------------------------------------------------- with the model


def _key(e: Event) -> tuple[object, ...]:
    return (e.doc_id, e.event, e.cameo, tuple(a.code for a in e.actor),
            tuple(r.code for r in e.recipient), e.date.date.isoformat())


def _record_key(r: dict[str, object]) -> tuple[object, ...]:
    actor = r["actor"]
    recipient = r["recipient"]
    event = r["event"]
    assert isinstance(actor, list) and isinstance(recipient, list) and isinstance(event, list)
    return (r["doc_id"], event[0], r["cameo"], tuple(a["code"] for a in actor),
            tuple(x["code"] for x in recipient), r["date"])


@pytest.fixture(scope="module")
def coded_samples(coder) -> list[CodingResult]:  # noqa: ANN001 - the session Coder
    from dyads.readers import read_inputs

    return [r for r in coder.code_documents(read_inputs([SAMPLES]))
            if isinstance(r, CodingResult)]



def test_pool_chunks_keep_order_and_shrink_at_the_end() -> None:
    sizes = [len(c) for c in scale._chunks(range(400), 32, workers=2)]
    chunks = list(scale._chunks(range(400), 32, workers=2))
    assert [x for c in chunks for x in c] == list(range(400))
    assert sizes[:9] == [32] * 9  # full chunks while two per worker are still ahead
    assert sizes[-1] == 1 and max(sizes[9:]) < 32
    assert sizes == sorted(sizes, reverse=True)
    assert [len(c) for c in scale._chunks(range(5), 32)] == [3, 1, 1]
    assert list(scale._chunks([], 32, workers=2)) == []


@pytest.fixture(scope="module")
def single_process(coded_samples: list[CodingResult]) -> set[tuple[object, ...]]:
    keys = {_key(e) for r in coded_samples for e in r.events}
    assert keys, "the samples should yield events"
    return keys


@pytest.mark.model
def test_two_worker_processes_code_what_one_process_codes(
        single_process: set[tuple[object, ...]]) -> None:
    from dyads.readers import read_inputs

    results = code_parallel(read_inputs([SAMPLES]), Settings(), workers=2, chunk_size=2)
    keys = {_key(e) for r in results if isinstance(r, CodingResult) for e in r.events}
    assert keys == single_process


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_dask_run_equals_the_single_process_run_and_a_rerun_skips(
        tmp_path: Path, fmt: scale.Format, single_process: set[tuple[object, ...]]) -> None:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        first = code_dask([SAMPLES], tmp_path, fmt=fmt, client=client, shard_size=3)
        again = code_dask([SAMPLES], tmp_path, fmt=fmt, client=client, shard_size=3)
    assert first.skipped == 0 and first.documents > 3
    assert again.skipped == len(first.shards) and again.documents == 0
    assert {_record_key(r) for r in _records(tmp_path, fmt)} == single_process
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.model
def test_a_dask_rerun_codes_exactly_what_was_added_or_fixed(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    inputs, out, clean = tmp_path / "in", tmp_path / "out", tmp_path / "clean"
    inputs.mkdir()
    samples = sorted(p for p in SAMPLES.iterdir()
                     if p.suffix in (".txt", ".md") and p.stem != "README")[:4]
    for path in samples[1:]:
        (inputs / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        first = code_dask([inputs], out, client=client, shard_size=1)
        (inputs / samples[0].name).write_text(samples[0].read_text(encoding="utf-8"),
                                              encoding="utf-8")  # first in the folder
        added = code_dask([inputs], out, client=client, shard_size=1)
        (inputs / samples[1].name).unlink()
        removed = code_dask([inputs], out, client=client, shard_size=1)
        code_dask([inputs], clean, client=client, shard_size=1)
    assert (first.documents, first.skipped) == (3, 0)
    assert (added.documents, added.skipped) == (1, 3)
    assert (removed.documents, removed.skipped, removed.stale) == (0, 3, 1)
    got = sorted(json.dumps(r, sort_keys=True) for r in _records(out, "jsonl"))
    want = sorted(json.dumps(r, sort_keys=True) for r in _records(clean, "jsonl"))
    assert got == want and {r["doc_id"] for r in _records(out, "jsonl")} == {
        p.stem for p in (samples[0], *samples[2:])}


@pytest.mark.model
def test_dask_shards_write_the_commitments_a_single_process_finds(
        tmp_path: Path, coded_samples: list[CodingResult]) -> None:
    from distributed import Client, LocalCluster

    want = sorted(c.id for r in coded_samples for c in r.commitments)
    assert want, "the samples should yield commitments"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        code_dask([SAMPLES], tmp_path, fmt="jsonl", client=client, shard_size=3)
    got = sorted(json.loads(line)["id"] for path in tmp_path.glob("*" + scale.COMMITMENTS_SUFFIX)
                 for line in path.read_text(encoding="utf-8").splitlines())
    assert got == want


def _records(folder: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return [json.loads(row["record"]) for path in sorted(folder.glob("*.parquet"))
                for row in pq.read_table(path).to_pylist()]
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl"))
            if not path.name.endswith((scale.ERRORS_SUFFIX, scale.COMMITMENTS_SUFFIX))
            for line in path.read_text(encoding="utf-8").splitlines()]
