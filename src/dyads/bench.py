"""Benchmark: dyads end to end against bare spaCy, on the same documents, in one run.

    run_bench   inputs -> BenchReport: spaCy ``nlp.pipe`` with dyads' model and components
                (the baseline), the same with dyads' lookup attribute ruler and lemmatizer
                (the parse dyads starts from), dyads ``Coder.code_documents`` on one
                process, and dyads on N worker processes (``CodingPool``) and on a Dask
                LocalCluster
    machine     the CPU, cores, RAM, Python and spaCy versions of this machine
    to_markdown a BenchReport as the Markdown table of docs/performance.md

The one-process stages each run in a fresh child process, so each reports its own peak RSS;
the model is loaded and warmed up before the clock starts. Every stage is timed ``repeat``
times and the fastest run is kept (the others measure noise from the rest of the machine).
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

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
    processes and of ``dask_workers`` Dask workers, on the first ``limit`` documents."""
    settings = settings or Settings()
    docs = load_documents(inputs, limit)
    spacy_stage = _in_child(_spacy_stage, settings, docs, repeat)
    corpus = Corpus(docs, spacy_stage.sentences, spacy_stage.words)
    stages = [spacy_stage, _in_child(_spacy_stage, settings, docs, repeat, True),
              _in_child(_dyads_stage, settings, docs, repeat, corpus)]
    stages += [_pool_stage(settings, corpus, n, repeat) for n in workers]
    stages += [_dask_stage(settings, corpus, n, repeat) for n in dask_workers]
    label = ", ".join(str(i) for i in inputs)
    return BenchReport(machine(settings.model), label, repeat, tuple(stages), settings.coder)


def load_documents(inputs: Sequence[str | Path], limit: int | None) -> tuple[Document, ...]:
    """The first ``limit`` readable documents of ``inputs`` (failures are left out)."""
    from dyads.readers import read_inputs

    readable = (d for d in read_inputs(inputs) if isinstance(d, Document))
    return tuple(islice(readable, limit))


def _in_child(fn: Callable[..., Stage], *args: object) -> Stage:
    """Run ``fn(*args)`` in a fresh process, so its peak RSS is its own."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def _best(runs: Iterable[tuple[float, float]]) -> tuple[float, float]:
    return min(runs)


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _spacy_stage(settings: Settings, docs: tuple[Document, ...], repeat: int,
                 lookups: bool = False) -> Stage:
    """Bare ``nlp.pipe`` on the normalised texts dyads parses (normalised before timing); with
    ``lookups``, with the attribute ruler and lemmatizer dyads runs (:mod:`dyads.morphology`),
    which annotate alike at less cost: the parse dyads itself starts from."""
    from dyads.morphology import use_lookups
    from dyads.nlp import load
    from dyads.normalize import normalize
    from dyads.scale import peak_rss_mb

    nlp = use_lookups(load(settings.model)) if lookups else load(settings.model)
    texts = [normalize(d.text) for d in docs]
    list(nlp.pipe(texts[:WARM_UP_DOCS]))
    counts: list[int] = [0, 0]

    def parse() -> None:
        sents = words = 0
        for sdoc in nlp.pipe(texts, batch_size=settings.batch_size):
            sents += sum(1 for _ in sdoc.sents)
            words += sum(1 for t in sdoc if not (t.is_space or t.is_punct))
        counts[:] = [sents, words]

    wall, cpu = _best(_timed(parse) for _ in range(repeat))
    return Stage("spacy + lookups" if lookups else "spacy", len(docs), counts[0], counts[1],
                 wall, cpu, peak_rss_mb())


def _dyads_stage(settings: Settings, docs: tuple[Document, ...], repeat: int,
                 corpus: Corpus) -> Stage:
    """``Coder.code_documents`` end to end on one process."""
    from dyads.models import CodingResult
    from dyads.pipeline import Coder
    from dyads.scale import peak_rss_mb

    coder = Coder(settings)
    list(coder.code_documents(docs[:WARM_UP_DOCS]))
    events = [0]

    def code() -> None:
        results = coder.code_documents(docs)
        events[0] = sum(len(r.events) for r in results if isinstance(r, CodingResult))

    wall, cpu = _best(_timed(code) for _ in range(repeat))
    return Stage("dyads", len(docs), corpus.sentences, corpus.words, wall, cpu, peak_rss_mb(),
                 events=events[0])


def _pool_stage(settings: Settings, corpus: Corpus, workers: int, repeat: int) -> Stage:
    """dyads on a CodingPool of ``workers`` processes (warmed up before timing)."""
    from dyads.models import CodingResult
    from dyads.scale import CodingPool

    with CodingPool(settings, workers) as pool:
        pool.warm_up()
        events = [0]

        def code() -> None:
            results = pool.code(corpus.docs)
            events[0] = sum(len(r.events) for r in results if isinstance(r, CodingResult))

        wall, _ = _best(_timed(code) for _ in range(repeat))
        rss = max(pool.stats.peak_rss_mb.values(), default=0.0)
    return Stage(f"dyads --workers {workers}", len(corpus.docs), corpus.sentences,
                 corpus.words, wall, 0.0, rss, processes=workers, events=events[0])


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
    wall_s, _ = _best(runs)
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
