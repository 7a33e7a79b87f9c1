"""Scale: code many documents on several processes (one machine) or on a Dask cluster.

    CodingPool    a process pool on one machine; each worker builds its Coder (and loads the
                  spaCy model) once, then codes chunks of documents; results come back in order
    code_parallel documents -> results, on ``workers`` processes (what ``dyads code --workers``
                  runs)
    plan_shards   inputs -> shards named by what they hold: each JSONL or Parquet file is a
                  shard; documents from any other input ``read_inputs`` accepts are cut into
                  shards of about ``shard_size`` at boundaries set by their ids
    code_shard    one shard -> one output file, written atomically (temp name, then rename)
    code_dask     every shard whose output does not exist yet, coded on Dask workers

``nlp.pipe(n_process=N)`` cannot be used: dyads works on each parsed Doc after the parse, in
Python, and that work would stay on one process. So the unit of parallel work is a chunk (or
shard) of documents, coded end to end by a worker that keeps its own :class:`Coder`.

A shard's output is its commit record: ``<out>/<shard>.jsonl`` (or ``.parquet``) appears
only when the whole shard is coded, so a worker that dies loses only the shard it was coding,
and a re-run skips the shards that are done and never writes a record twice.

Shards are keyed by content, so a re-run codes exactly what changed. A shard's name is a hash
of the ids and content hashes of its documents (``part-<16 hex>``; a JSONL or Parquet file is
``<stem>-<12 hex>`` of its bytes), and documents are cut into shards where the hash of a
document's id says so (content-defined boundaries, as rsync cuts files): adding a document
changes the one shard it falls in, fixing a text changes its shard, and removing one changes
its shard only. ``<out>/.dyads-shards`` lists the shards written there; at the end of a run
the outputs of listed shards that are no longer planned (inputs removed or changed) are
deleted, so the folder holds the coding of the current inputs and no record twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dyads.errors import DyadsError, WorkerDied, require
from dyads.models import CodingResult, Document, Failure
from dyads.output import to_json_line
from dyads.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

    from dyads.pipeline import Coder

Format = Literal["jsonl", "parquet"]
SHARD_SUFFIXES = (".jsonl", ".ndjson", ".parquet")
"""Input files that are shards of their own (read on the worker)."""
ERRORS_SUFFIX = ".errors.jsonl"
COMMITMENTS_SUFFIX = ".commitments.jsonl"
MANIFEST = ".dyads-shards"
"""The file in a Dask output folder listing, one per line, the shards written there."""
_MAX_SHARD_FACTOR = 4  # a content-defined shard is cut at 4 x shard_size at the latest


# --------------------------------------------------------------------------- one worker


@cache
def _worker_coder(settings: Settings, thread: int) -> Coder:
    """The Coder of this process and thread, built (and its model loaded) on first use.

    The one cache of the module: it is what makes a worker load the model once, whether the
    worker is a pool process or a Dask worker thread.
    """
    from dyads.pipeline import Coder

    coder = Coder(settings)
    coder.nlp  # noqa: B018 - load the model now, not inside the first timed chunk
    return coder


def worker_coder(settings: Settings) -> Coder:
    """This worker's Coder for ``settings`` (one per process and thread)."""
    return _worker_coder(settings, threading.get_ident())


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class ChunkResult:
    """What a pool worker sends back for one chunk of documents."""

    results: list[CodingResult | Failure]
    pid: int
    peak_rss_mb: float


def _code_chunk(settings: Settings, docs: list[Document | Failure]) -> ChunkResult:
    results = list(worker_coder(settings).code_documents(docs))
    return ChunkResult(results, os.getpid(), peak_rss_mb())


def _warm(settings: Settings, pause: float) -> tuple[int, float]:
    worker_coder(settings)
    time.sleep(pause)  # hold this process so the next warm-up task starts another
    return os.getpid(), peak_rss_mb()


# --------------------------------------------------------------------------- process pool


@dataclass
class PoolStats:
    """Peak RSS (MiB) of each pool worker process, by pid, as last reported."""

    peak_rss_mb: dict[int, float] = field(default_factory=dict)

    def note(self, pid: int, rss: float) -> None:
        self.peak_rss_mb[pid] = max(rss, self.peak_rss_mb.get(pid, 0.0))


class CodingPool:
    """``workers`` processes, each with its own Coder; use as a context manager.

    >>> with CodingPool(Settings(), workers=2) as pool:       # doctest: +SKIP
    ...     for result in pool.code(docs):
    ...         ...
    """

    def __init__(self, settings: Settings, workers: int, *, chunk_size: int | None = None
                 ) -> None:
        if workers < 1:
            raise DyadsError(f"--workers must be 1 or more, not {workers}",
                             "pass --workers 1 (one process) or the number of CPU cores")
        self.settings = settings
        self.workers = workers
        self.chunk_size = chunk_size or settings.batch_size
        self.stats = PoolStats()
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> CodingPool:
        import multiprocessing

        # spawn: no inherited threads or half-loaded state; each worker imports dyads afresh
        self._executor = ProcessPoolExecutor(self.workers,
                                             mp_context=multiprocessing.get_context("spawn"))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def warm_up(self) -> None:
        """Start every worker and load its model, so that timing excludes start-up."""
        futures = [self._pool().submit(_warm, self.settings, 1.0) for _ in range(self.workers)]
        for fut in futures:
            self.stats.note(*fut.result())

    def code(self, docs: Iterable[Document | Failure]) -> Iterator[CodingResult | Failure]:
        """Results of ``docs`` in input order; at most two chunks per worker are in flight."""
        pending: deque[Future[ChunkResult]] = deque()
        chunks = _chunks(docs, self.chunk_size, self.workers)
        for chunk in chunks:
            pending.append(self._pool().submit(_code_chunk, self.settings, chunk))
            if len(pending) >= 2 * self.workers:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def _collect(self, fut: Future[ChunkResult]) -> list[CodingResult | Failure]:
        try:
            chunk = fut.result()
        except BrokenProcessPool:
            raise WorkerDied("a worker process died while coding a chunk of documents; the "
                             "pool cannot go on") from None
        self.stats.note(chunk.pid, chunk.peak_rss_mb)
        return chunk.results

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            raise DyadsError("the CodingPool is not open", "use it as `with CodingPool(...)`")
        return self._executor


def code_parallel(docs: Iterable[Document | Failure], settings: Settings, workers: int,
                  *, chunk_size: int | None = None) -> Iterator[CodingResult | Failure]:
    """Code ``docs`` on ``workers`` processes; results in input order, as they are ready."""
    with CodingPool(settings, workers, chunk_size=chunk_size) as pool:
        yield from pool.code(docs)


def _chunks(items: Iterable[Any], size: int, workers: int = 1) -> Iterator[list[Any]]:
    """Chunks of ``size`` items; once fewer than two full chunks per worker are left, chunks of
    a share of the rest that shrinks to one item, so that the workers finish together (the
    last big chunk would otherwise keep one worker busy while the others wait)."""
    it = iter(items)
    ahead: deque[Any] = deque(islice(it, 2 * workers * size))
    while ahead:
        if len(ahead) >= 2 * workers * size:
            n = size
        else:
            n = min(size, max(1, -(-len(ahead) // (2 * workers))))
        yield [ahead.popleft() for _ in range(n)]
        ahead.extend(islice(it, 2 * workers * size - len(ahead)))


# --------------------------------------------------------------------------- shards


@dataclass(frozen=True)
class Shard:
    """A unit of Dask work: a JSONL/Parquet file read on the worker, or documents in hand."""

    name: str
    path: str | None = None
    docs: tuple[Document | Failure, ...] = ()

    def documents(self) -> Iterator[Document | Failure]:
        from dyads.identity import distinct_ids

        if self.path is None:
            yield from self.docs
        elif self.path.endswith(".parquet"):
            yield from distinct_ids(_read_parquet(Path(self.path)))
        else:
            from dyads.readers import read_file

            yield from distinct_ids(read_file(Path(self.path)))


@dataclass(frozen=True)
class ShardResult:
    """What coding one shard did (``skipped`` when its output already existed)."""

    name: str
    output: str
    documents: int = 0
    events: int = 0
    failures: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    worker: str = ""
    skipped: bool = False


def plan_shards(inputs: Sequence[str | Path], shard_size: int = 200) -> Iterator[Shard]:
    """Shards of ``inputs``: one per JSONL/Parquet file (named and found in directories with
    Parquet files), and documents of every other input cut into shards of about
    ``shard_size`` (content-defined boundaries, see the module's docstring).

    A directory that holds any ``.parquet`` file is a directory of shards: its .parquet and
    .jsonl files are shards, other files are ignored. Other directories, "-" and other files
    are read with :func:`dyads.readers.read_inputs`; their shards are named ``part-<hash>``.
    """
    from dyads.readers import read_inputs

    rest: list[str | Path] = []
    for item in inputs:
        files = _shard_files(item)
        if files is None:
            rest.append(item)
        for path in files or ():
            yield Shard(name=_shard_name(path), path=str(path))
    if rest:
        for chunk in _content_chunks(read_inputs(rest), shard_size):
            yield Shard(name=f"part-{_chunk_digest(chunk)[:16]}", docs=tuple(chunk))


def _content_chunks(items: Iterable[Document | Failure], size: int
                    ) -> Iterator[list[Document | Failure]]:
    """Cut after each document whose id hashes to 0 modulo ``size`` (so about ``size`` per
    chunk, and a document added or removed moves no other boundary), or at 4 x ``size``."""
    chunk: list[Document | Failure] = []
    for item in items:
        chunk.append(item)
        if _boundary(item.doc_id if isinstance(item, Failure) else item.id, size) \
                or len(chunk) >= _MAX_SHARD_FACTOR * size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _boundary(doc_id: str, size: int) -> bool:
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % max(1, size) == 0


def _chunk_digest(chunk: Sequence[Document | Failure]) -> str:
    """SHA-256 of the ids and contents of a chunk's documents (and of its failures)."""
    from dyads.identity import content_hash

    h = hashlib.sha256()
    for item in chunk:
        if isinstance(item, Failure):
            key = ["failure", item.doc_id, item.source, item.error]
        else:
            key = ["document", item.id, content_hash(item)]
        h.update(json.dumps(key, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _shard_files(item: str | Path) -> list[Path] | None:
    """The shard files of one input, or None when it is read by ``read_inputs``."""
    if str(item) == "-":
        return None
    path = Path(item)
    if path.is_file():
        return [path] if path.suffix.lower() in SHARD_SUFFIXES else None
    if path.is_dir() and any(path.rglob("*.parquet")):
        return sorted(p for p in path.rglob("*") if p.suffix.lower() in SHARD_SUFFIXES
                      and not any(part.startswith(".") for part in p.parts))
    return None


def _shard_name(path: Path) -> str:
    """``<stem>-<12 hex of the file's bytes>``: a changed file is a new shard."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return f"{path.name.rsplit('.', 1)[0]}-{h.hexdigest()[:12]}"


def _read_parquet(path: Path) -> Iterator[Document | Failure]:
    """Documents of a Parquet file with the JSONL record columns (id, text, published...)."""
    require("pyarrow", extra="parquet")
    import pyarrow.parquet as pq

    from dyads.readers import parse_jsonl

    try:
        rows = pq.read_table(path).to_pylist()
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError)
        yield Failure(path.stem, str(path), f"{path}: not a readable Parquet file ({exc})",
                      "check the file, or write the shard again")
        return
    yield from parse_jsonl((json.dumps(row, default=str) for row in rows), str(path))


# --------------------------------------------------------------------------- one shard


def shard_output(out_dir: Path, name: str, fmt: Format) -> Path:
    return out_dir / f"{name}.{fmt}"


def code_shard(shard: Shard, out_dir: str | Path, fmt: Format, settings: Settings
               ) -> ShardResult:
    """Code one shard and write ``<out_dir>/<name>.<fmt>`` atomically; skip it if it exists.

    Failures go to ``<name>.errors.jsonl`` and commitments to ``<name>.commitments.jsonl``
    (written before the records, also atomically).
    """
    out = shard_output(Path(out_dir), shard.name, fmt)
    if out.exists():
        return ShardResult(shard.name, str(out), skipped=True)
    started = time.perf_counter()
    results = list(worker_coder(settings).code_documents(shard.documents()))
    coded = [r for r in results if isinstance(r, CodingResult)]
    failures = [r for r in results if isinstance(r, Failure)]
    errors = out.with_name(shard.name + ERRORS_SUFFIX)
    if failures:
        _atomic_write(errors, lambda tmp: _write_failures(tmp, failures))
    else:
        errors.unlink(missing_ok=True)
    commitments = [c for r in coded for c in r.commitments]
    pledges = out.with_name(shard.name + COMMITMENTS_SUFFIX)
    if commitments:
        _atomic_write(pledges, lambda tmp: _write_lines(tmp, [c.to_json() for c in commitments]))
    else:
        pledges.unlink(missing_ok=True)
    writer = _write_parquet if fmt == "parquet" else _write_jsonl
    _atomic_write(out, lambda tmp: writer(tmp, coded))
    return ShardResult(shard.name, str(out), documents=len(coded),
                       events=sum(len(r.events) for r in coded), failures=len(failures),
                       seconds=time.perf_counter() - started, peak_rss_mb=peak_rss_mb(),
                       worker=f"{os.uname().nodename}:{os.getpid()}")


def _atomic_write(target: Path, write: Any) -> None:
    """``write(tmp)`` to a temporary name beside ``target``, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_jsonl(path: Path, coded: list[CodingResult]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for result in coded:
            for event in result.events:
                fh.write(to_json_line(event.to_plover()))


def _write_failures(path: Path, failures: list[Failure]) -> None:
    _write_lines(path, [failure.to_json() for failure in failures])


def _write_lines(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(to_json_line(record))


def _write_parquet(path: Path, coded: list[CodingResult]) -> None:
    """One row per event: the key fields as columns, the whole PLOVER record as JSON."""
    require("pyarrow", extra="parquet")
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_parquet_row(e.to_plover()) for r in coded for e in r.events]
    pq.write_table(pa.Table.from_pylist(rows, schema=_parquet_schema()), path)


def _parquet_schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    return pa.schema([("id", text), ("doc_id", text), ("date", text), ("event", text),
                      ("cameo", text), ("actor", pa.list_(text)), ("recipient", pa.list_(text)),
                      ("modality", text), ("confidence", pa.float64()), ("text", text),
                      ("record", text)])


def _parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], "doc_id": record["doc_id"], "date": record["date"],
            "event": record["event"][0], "cameo": record["cameo"],
            "actor": [a["code"] for a in record["actor"]],
            "recipient": [r["code"] for r in record["recipient"]],
            "modality": record["modality"], "confidence": record["confidence"],
            "text": record["text"], "record": json.dumps(record, ensure_ascii=False)}


# --------------------------------------------------------------------------- Dask


@dataclass
class ScaleSummary:
    """A sharded run: one ShardResult per shard, coded or skipped."""

    shards: list[ShardResult] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.shards)

    @property
    def events(self) -> int:
        return sum(s.events for s in self.shards)

    @property
    def failures(self) -> int:
        return sum(s.failures for s in self.shards)

    stale: int = 0
    """Outputs of shards no longer planned (inputs removed or changed) that were deleted."""

    @property
    def skipped(self) -> int:
        """Shards whose output existed already: unchanged since an earlier run."""
        return sum(s.skipped for s in self.shards)

    def peak_rss_by_worker(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for s in self.shards:
            if s.worker:
                out[s.worker] = max(out.get(s.worker, 0.0), s.peak_rss_mb)
        return out


def code_dask(inputs: Sequence[str | Path], out_dir: str | Path, *,
              settings: Settings | None = None, fmt: Format = "jsonl",
              scheduler: str | None = None, workers: int | None = None,
              client: Client | None = None, shard_size: int = 200) -> ScaleSummary:
    """Code ``inputs`` on Dask: one task per shard whose output is not yet in ``out_dir``.

    Uses ``client`` if given, else connects to ``scheduler`` (an address such as
    ``tcp://host:8786``), else starts a LocalCluster of ``workers`` single-threaded processes
    (default: one per CPU core). Each worker loads the model once. Raises DyadsError when
    the scheduler cannot be reached.
    """
    settings = settings or Settings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if client is not None:
        return _run_shards(client, inputs, out, fmt, settings, shard_size)
    with _client(scheduler, workers) as own:
        return _run_shards(own, inputs, out, fmt, settings, shard_size)


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster started here."""
    require("distributed", extra="scale")
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise DyadsError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                             "check the address (tcp://host:8786) and that "
                             "`dask scheduler` is running, or pass --workers N instead") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                      processes=True, dashboard_address=None) as cluster, Client(cluster) as own:
        yield own


def _run_shards(client: Client, inputs: Sequence[str | Path], out: Path, fmt: Format,
                settings: Settings, shard_size: int) -> ScaleSummary:
    """Submit the pending shards, at most two per worker thread at a time."""
    from distributed import as_completed

    summary = ScaleSummary()
    window = 2 * max(1, sum(client.nthreads().values()))
    running = as_completed()
    planned: list[str] = []
    for shard in plan_shards(inputs, shard_size):
        planned.append(shard.name)
        target = shard_output(out, shard.name, fmt)
        if target.exists():
            summary.shards.append(ShardResult(shard.name, str(target), skipped=True))
            continue
        _note_shard(out, shard.name)
        running.add(client.submit(code_shard, shard, str(out), fmt, settings, pure=False,
                                  key=f"dyads-{shard.name}-{uuid.uuid4().hex[:8]}"))
        if running.count() >= window:
            summary.shards.append(next(running).result())
    for fut in running:
        summary.shards.append(fut.result())
    summary.stale = _remove_stale(out, planned)
    return summary


def _note_shard(out: Path, name: str) -> None:
    """Add ``name`` to the folder's list of shards before its output can appear."""
    with (out / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write(name + "\n")


def _remove_stale(out: Path, planned: list[str]) -> int:
    """Delete the outputs of listed shards that are not planned now; list the planned ones."""
    manifest = out / MANIFEST
    listed = manifest.read_text(encoding="utf-8").split() if manifest.exists() else []
    keep = set(planned)
    stale = 0
    for name in dict.fromkeys(listed):
        if name in keep:
            continue
        for suffix in (".jsonl", ".parquet", ERRORS_SUFFIX, COMMITMENTS_SUFFIX):
            path = out / f"{name}{suffix}"
            if path.exists():
                path.unlink()
                stale += suffix in (".jsonl", ".parquet")
    _atomic_write(manifest, lambda tmp: tmp.write_text(
        "".join(f"{n}\n" for n in dict.fromkeys(planned)), encoding="utf-8"))
    return stale
