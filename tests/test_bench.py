"""dyads.bench: the report and its Markdown (speed itself is measured by `dyads bench`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyads import bench
from dyads.bench import BenchReport, Machine, Stage, load_documents, to_markdown
from dyads.cli import app

SAMPLES = Path(bench.__file__).parent / "samples"
MACHINE = Machine("Test CPU", 2, 8.0, "3.11.7", "3.8.0", "model 3.8.0", "Linux")


def _report() -> BenchReport:
    spacy = Stage("spacy", 10, 100, 2000, 4.0, 3.9, 250.0)
    lookups = Stage("spacy + lookups", 10, 100, 2000, 3.5, 3.5, 250.0)
    dyads = Stage("dyads", 10, 100, 2000, 5.0, 4.9, 300.0, events=42)
    pool = Stage("dyads --workers 2", 10, 100, 2000, 2.5, 0.0, 310.0, processes=2, events=42)
    return BenchReport(MACHINE, "corpus/", 3, (spacy, lookups, dyads, pool))


def test_the_ratio_is_dyads_throughput_over_spacy_throughput_in_cpu_seconds() -> None:
    assert _report().ratio == 3.9 / 4.9


def test_workers_compare_their_wall_time_with_one_spacy_process() -> None:
    report = _report()
    pool, spacy = report.stage("dyads --workers 2"), report.stage("spacy")
    assert pool is not None and spacy is not None
    assert pool.speed_over(spacy) == 3.9 / 2.5


def test_stage_rates_are_per_wall_second() -> None:
    dyads = _report().stage("dyads")
    assert dyads is not None
    assert (dyads.docs_per_s, dyads.sents_per_s, dyads.words_per_s) == (2.0, 20.0, 400.0)


def test_markdown_names_the_machine_and_has_a_row_per_stage() -> None:
    text = to_markdown(_report())
    assert "Test CPU, 2 cores, 8.0 GB RAM" in text and "spaCy 3.8.0" in text
    rows = [line for line in text.splitlines() if line.startswith("| dyads")]
    assert len(rows) == 2
    assert rows[1].endswith("| 42 | 1.56× |")
    assert "**0.80×**" in text
    assert "dyads / (spaCy + lookups), one process: 0.71×" in text
    assert "Coder: rules." in text


def test_load_documents_keeps_the_first_readable_documents() -> None:
    docs = load_documents([SAMPLES], limit=2)
    assert len(docs) == 2 and all(d.text for d in docs)


def test_bench_command_is_registered() -> None:
    result = CliRunner().invoke(app, ["bench", "--help"])
    assert result.exit_code == 0 and "--repeat" in result.output


class _Scripted(bench._Timer):
    """A stage whose runs take the given (wall, cpu) seconds, in turn."""

    def __init__(self, runs: list[tuple[float, float]], processes: int = 1) -> None:
        super().__init__()
        self.name, self.processes, self._runs = "scripted", processes, list(runs)

    def _run(self) -> tuple[float, float, dict[str, int]]:
        wall, cpu = self._runs.pop(0)
        return wall, cpu, {"events": 7}

    def peak_rss_mb(self) -> float:
        return 100.0


def test_one_process_keeps_the_run_with_the_least_cpu_time() -> None:
    timer = _Scripted([(5.0, 4.0), (4.5, 4.2), (6.0, 3.9)])
    for _ in range(3):
        timer.time_once()
    stage = timer.stage(bench.Corpus((), 10, 100))
    assert (stage.seconds, stage.cpu_seconds, stage.events) == (6.0, 3.9, 7)


def test_workers_keep_the_run_with_the_least_wall_time() -> None:
    timer = _Scripted([(3.0, 0.5), (2.5, 0.9), (2.8, 0.1)], processes=2)
    for _ in range(3):
        timer.time_once()
    stage = timer.stage(bench.Corpus((), 10, 100))
    assert (stage.seconds, stage.cpu_seconds, stage.processes) == (2.5, 0.0, 2)


def test_a_stage_that_fails_to_start_raises_in_the_parent() -> None:
    from dyads.settings import Settings

    settings = Settings(model="no_such_spacy_model")
    with pytest.raises(Exception, match="no_such_spacy_model"), bench._Child(
            "spacy", bench._spacy_run, settings, (), False):
        pass
