"""Benchmark: dyads end to end against bare spaCy, on the same documents, in one run.

    run_bench   inputs -> BenchReport: spaCy ``nlp.pipe`` with dyads' model and components
                (the baseline), the same with dyads' lookup attribute ruler and lemmatizer
                (the parse dyads starts from), dyads ``Coder.code_documents`` on one
                process, and dyads on N worker processes (``CodingPool``) and on a Dask
                LocalCluster
    machine     the CPU, cores, RAM, Python and spaCy versions of this machine
    to_markdown a BenchReport as the Markdown table of docs/performance.md

The one-process stages each run in a child process of their own, so each reports its own peak
RSS; the model is loaded and warmed up before the clock starts. The stages are timed in
``repeat`` rounds, each stage once per round and in turn (the order reversed every other
round), so a change in how busy the machine is slows all of them alike, and each stage keeps
its fastest run (the others measure noise from the rest of the machine).
CPU seconds are reported beside wall seconds: on a shared machine they are the steadier, so the
"vs spaCy" ratio of a one-process stage compares CPU seconds; a stage on several workers
compares its wall seconds with spaCy's CPU seconds (the time one spaCy process needs on a core
of its own).
"""

from __future__ import annotations

import os
import platform
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from dyads.errors import require
from dyads.models import Document
from dyads.settings import Settings

WARM_UP_DOCS = 8


@dataclass(frozen=True)
class Corpus:
    """The documents of a benchmark and their size as spaCy counts it."""

    docs: tuple[Document, ...]
    sentences: int = 0
    words: int = 0
    characters: int = 0


@dataclass(frozen=True)
class Stage:
    """One measured way of processing the corpus."""

    name: str
    documents: int
    sentences: int
    words: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    processes: int = 1
    events: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def sents_per_s(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def busy_seconds(self) -> float:
        """The time the ratio compares: CPU seconds of one process (steady on a shared
        machine), wall seconds of several (their CPU time is spread over the workers)."""
        return self.cpu_seconds if self.processes == 1 and self.cpu_seconds else self.seconds

    def speed_over(self, baseline: Stage) -> float:
        """This stage's throughput over ``baseline``'s (one process, CPU seconds): 1.0 is as
        fast; two workers with no overhead would be about 2.0."""
        return baseline.busy_seconds / self.busy_seconds if self.busy_seconds else 0.0


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    ram_gb: float
    python: str
    spacy: str
    model: str
    platform: str


@dataclass(frozen=True)
class BenchReport:
    machine: Machine
    corpus: str
    repeat: int
    stages: tuple[Stage, ...] = field(default_factory=tuple)
    coder: str = "rules"  # Settings.coder of the dyads stages

    def stage(self, name: str) -> Stage | None:
        return next((s for s in self.stages if s.name == name), None)

    @property
    def ratio(self) -> float:
        """dyads throughput over spaCy throughput, one process each, in CPU seconds (1.0 = no
        overhead)."""
        spacy, dyads = self.stage("spacy"), self.stage("dyads")
        if spacy is None or dyads is None:
            return 0.0
        return dyads.speed_over(spacy)


# --------------------------------------------------------------------------- running


def run_bench(inputs: Sequence[str | Path], *, limit: int | None = None, repeat: int = 1,
              settings: Settings | None = None, workers: Sequence[int] = (),
              dask_workers: Sequence[int] = ()) -> BenchReport:
    """Measure spaCy and dyads (one process), then dyads on each count of ``workers``
    processes and of ``dask_workers`` Dask workers, on the first ``limit`` documents.

    The one-process stages and the worker pools are timed in rounds: each round runs every
    one of them once, in turn (the order reversed every other round), so a machine that gets
    busier or quieter during the run slows all of them alike; each keeps its fastest run."""
    from contextlib import ExitStack

    settings = settings or Settings()
    docs = load_documents(inputs, limit)
    with ExitStack() as stack:
        timers: list[_Timer] = [
            stack.enter_context(_Child("spacy", _spacy_run, settings, docs, False)),
            stack.enter_context(_Child("spacy + lookups", _spacy_run, settings, docs, True)),
            stack.enter_context(_Child("dyads", _dyads_run, settings, docs)),
            *(stack.enter_context(_Pool(settings, docs, n)) for n in workers)]
        for round_ in range(repeat):
            for timer in timers if round_ % 2 == 0 else timers[::-1]:
                timer.time_once()
        counts = timers[0].counts
        corpus = Corpus(docs, counts.get("sentences", 0), counts.get("words", 0))
        stages = [t.stage(corpus) for t in timers]
    stages += [_dask_stage(settings, corpus, n, repeat) for n in dask_workers]
    label = ", ".join(str(i) for i in inputs)
    return BenchReport(machine(settings.model), label, repeat, tuple(stages), settings.coder)


def load_documents(inputs: Sequence[str | Path], limit: int | None) -> tuple[Document, ...]:
    """The first ``limit`` readable documents of ``inputs`` (failures are left out)."""
    from dyads.readers import read_inputs

    readable = (d for d in read_inputs(inputs) if isinstance(d, Document))
    return tuple(islice(readable, limit))


def _timed(fn: Callable[[], dict[str, int]]) -> tuple[float, float, dict[str, int]]:
    wall, cpu = time.perf_counter(), time.process_time()
    counts = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, counts


class _Timer:
    """A way of processing the corpus, timed once per round; keeps its fastest run."""

    name = ""
    processes = 1

    def __init__(self) -> None:
        self.best: tuple[float, float] | None = None
        self.counts: dict[str, int] = {}

    def time_once(self) -> None:
        wall, cpu, counts = self._run()
        if self.best is None or self._key(wall, cpu) < self._key(*self.best):
            self.best = (wall, cpu)
        self.counts = counts

    def _key(self, wall: float, cpu: float) -> float:
        """One process: its CPU time (steady on a shared machine); several: the wall time."""
        return cpu if self.processes == 1 else wall

    def _run(self) -> tuple[float, float, dict[str, int]]:
        raise NotImplementedError

    def peak_rss_mb(self) -> float:
        raise NotImplementedError

    def stage(self, corpus: Corpus) -> Stage:
        wall, cpu = self.best or (0.0, 0.0)
        return Stage(self.name, len(corpus.docs), corpus.sentences, corpus.words, wall,
                     cpu if self.processes == 1 else 0.0, self.peak_rss_mb(),
                     processes=self.processes, events=self.counts.get("events", 0))
class _Child(_Timer):
    """A one-process stage in a child process of its own (so its peak RSS is its own),
    which builds ``factory(*args)`` (model loaded and warmed up) and times one run of it on
    each request."""

    def __init__(self, name: str, factory: Callable[..., Callable[[], dict[str, int]]],
                 *args: object) -> None:
        import multiprocessing

        super().__init__()
        self.name = name
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, factory, args),
                                        daemon=True)
        self._process.start()
        child.close()
        self._rss = 0.0

    def __enter__(self) -> _Child:
        self._receive()  # ready, or the error that stopped the child
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.is_alive():
            with suppress(OSError):
                self._conn.send("stop")
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()
        self._conn.close()

    def _receive(self) -> object:
        try:
            kind, value = self._conn.recv()
        except EOFError:
            raise RuntimeError(f"bench: the {self.name!r} process stopped "
                               f"(exit code {self._process.exitcode})") from None
        if kind == "error":
            assert isinstance(value, BaseException)
            raise value
        return value

    def _run(self) -> tuple[float, float, dict[str, int]]:
        self._conn.send("run")
        reply = self._receive()
        assert isinstance(reply, tuple)
        wall, cpu, counts, self._rss = reply
        return wall, cpu, counts

    def peak_rss_mb(self) -> float:
        return self._rss


def _serve(conn: Any, factory: Callable[..., Callable[[], dict[str, int]]],
           args: tuple[object, ...]) -> None:
    """The child's side of :class:`_Child`."""
    from dyads.scale import peak_rss_mb

    try:
        run = factory(*args)
    except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
        conn.send(("error", exc))
        return
    conn.send(("ready", None))
    while conn.recv() == "run":
        try:
            wall, cpu, counts = _timed(run)
        except Exception as exc:  # noqa: BLE001
            conn.send(("error", exc))
            return
        conn.send(("ok", (wall, cpu, counts, peak_rss_mb())))


def _spacy_run(settings: Settings, docs: tuple[Document, ...],
              lookups: bool) -> Callable[[], dict[str, int]]:
    """Bare ``nlp.pipe`` on the normalised texts dyads parses (normalised before timing); with
    ``lookups``, with the attribute ruler and lemmatizer dyads runs (:mod:`dyads.morphology`),
    which annotate alike at less cost: the parse dyads itself starts from."""
    from dyads.morphology import use_lookups
    from dyads.nlp import load
    from dyads.normalize import normalize

    nlp = use_lookups(load(settings.model)) if lookups else load(settings.model)
    texts = [normalize(d.text) for d in docs]
    list(nlp.pipe(texts[:WARM_UP_DOCS]))

    def parse() -> dict[str, int]:
        sents = words = 0
        for sdoc in nlp.pipe(texts, batch_size=settings.batch_size):
            sents += sum(1 for _ in sdoc.sents)
            words += sum(1 for t in sdoc if not (t.is_space or t.is_punct))
        return {"sentences": sents, "words": words}

    return parse


def _dyads_run(settings: Settings, docs: tuple[Document, ...]
              ) -> Callable[[], dict[str, int]]:
    """``Coder.code_documents`` end to end on one process."""
    from dyads.models import CodingResult
    from dyads.pipeline import Coder

    coder = Coder(settings)
    list(coder.code_documents(docs[:WARM_UP_DOCS]))

    def code() -> dict[str, int]:
        results = coder.code_documents(docs)
        return {"events": sum(len(r.events) for r in results if isinstance(r, CodingResult))}

    return code


class _Pool(_Timer):
    """dyads on a CodingPool of ``workers`` processes (warmed up before timing)."""

    def __init__(self, settings: Settings, docs: tuple[Document, ...], workers: int) -> None:
        from dyads.scale import CodingPool

        super().__init__()
        self.name, self.processes = f"dyads --workers {workers}", workers
        self._docs = docs
        self._pool = CodingPool(settings, workers)

    def __enter__(self) -> _Pool:
        self._pool.__enter__()
        self._pool.warm_up()
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.__exit__(*exc)

    def _run(self) -> tuple[float, float, dict[str, int]]:
        from dyads.models import CodingResult

        def code() -> dict[str, int]:
            results = self._pool.code(self._docs)
            return {"events": sum(len(r.events) for r in results
                                  if isinstance(r, CodingResult))}

        return _timed(code)

    def peak_rss_mb(self) -> float:
        return max(self._pool.stats.peak_rss_mb.values(), default=0.0)


def _dask_stage(settings: Settings, corpus: Corpus, workers: int, repeat: int) -> Stage:
    """dyads on a Dask LocalCluster of ``workers`` processes, JSONL shards to a temp dir.

    Each worker is warmed up (model loaded) by a first run; the timed runs start from an
    empty output directory each time.
    """
    require("distributed", extra="scale")
    from distributed import Client, LocalCluster

    from dyads.scale import code_dask

    shard_size = max(1, min(50, len(corpus.docs) // (4 * workers) or 1))
    folder = _write_shards(corpus.docs, shard_size)
    shards = [str(p) for p in sorted(folder.glob("*.jsonl"))]
    try:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            runs: list[tuple[float, float]] = []
            rss: dict[str, float] = {}
            events = 0
            for attempt in range(repeat + 1):
                with tempfile.TemporaryDirectory() as out:
                    wall = time.perf_counter()
                    summary = code_dask(shards, out, settings=settings,
                                        client=client)
                    if attempt:  # the first run loads the models: not timed
                        runs.append((time.perf_counter() - wall, 0.0))
                rss.update(summary.peak_rss_by_worker())
                events = summary.events
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    wall_s, _ = min(runs)
    return Stage(f"dyads --engine dask --workers {workers}", len(corpus.docs),
                 corpus.sentences, corpus.words, wall_s, 0.0, max(rss.values(), default=0.0),
                 processes=workers, events=events)


def _write_shards(docs: Sequence[Document], shard_size: int) -> Path:
    """The documents as JSONL shards ``part-NNNNN.jsonl`` in a new temporary directory."""
    import json

    folder = Path(tempfile.mkdtemp(prefix="dyads-bench-"))
    for number in range(0, len(docs), shard_size):
        path = folder / f"part-{number // shard_size:05d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for d in docs[number:number + shard_size]:
                record = {"id": d.id, "text": d.text, "title": d.title,
                          "published": d.published.isoformat() if d.published else None}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder


# --------------------------------------------------------------------------- machine


def machine(model: str) -> Machine:
    import spacy

    return Machine(cpu=_cpu_model(), cores=os.cpu_count() or 0, ram_gb=_ram_gb(),
                   python=platform.python_version(), spacy=spacy.__version__,
                   model=f"{model} {_model_version(model)}", platform=platform.platform())


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float:
    import psutil

    return round(psutil.virtual_memory().total / 2**30, 1)


def _model_version(model: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(model)
    except PackageNotFoundError:
        try:
            return version(model.replace("_", "-"))
        except PackageNotFoundError:
            return "?"


# --------------------------------------------------------------------------- report


def to_markdown(report: BenchReport) -> str:
    """The report as Markdown: the machine, then one table row per stage."""
    m = report.machine
    spacy = report.stage("spacy")
    lines = [
        f"Machine: {m.cpu}, {m.cores} cores, {m.ram_gb} GB RAM; {m.platform}; "
        f"Python {m.python}, spaCy {m.spacy}, model {m.model}.",
        "",
        f"Corpus: {report.corpus}; {spacy.documents if spacy else 0:,} documents, "
        f"{spacy.sentences if spacy else 0:,} sentences, {spacy.words if spacy else 0:,} "
        f"words. Best of {report.repeat} run(s). Coder: {report.coder}.",
        "",
        "| stage | processes | wall s | CPU s | docs/s | sents/s | words/s | peak RSS MiB "
        "(per process) | events | vs spaCy |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in report.stages:
        vs = s.speed_over(spacy) if spacy else 0.0
        cpu = f"{s.cpu_seconds:.1f}" if s.cpu_seconds else "–"
        lines.append(f"| {s.name} | {s.processes} | {s.seconds:.1f} | {cpu} | "
                     f"{s.docs_per_s:.1f} | {s.sents_per_s:.0f} | {s.words_per_s:,.0f} | "
                     f"{s.peak_rss_mb:.0f} | {s.events:,} | {vs:.2f}× |")
    lines += ["", f"dyads / spaCy throughput, one process: **{report.ratio:.2f}×**"]
    dyads, lookups = report.stage("dyads"), report.stage("spacy + lookups")
    if dyads and lookups:
        lines += ["", f"dyads / (spaCy + lookups), one process: {dyads.speed_over(lookups):.2f}× "
                  "(what dyads' own stages cost on top of the parse it starts from)"]
    return "\n".join(lines) + "\n"
