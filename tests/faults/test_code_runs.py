"""Faults during `dyads code`: a killed worker, a killed run, Ctrl-C, a killed Dask run;
each then resumed and compared record by record with a run that had no fault."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import psutil
import pytest

from .conftest import dyads, kill_when, lines, records

pytestmark = pytest.mark.model


def _worker(proc: subprocess.Popen[bytes]) -> int:
    """A pool worker of ``proc`` (a spawned child that is not the resource tracker)."""
    children = psutil.Process(proc.pid).children()
    workers = [c for c in children if "resource_tracker" not in " ".join(c.cmdline())]
    assert workers, "no worker process"
    return workers[-1].pid


def _resume(corpus: Path, out: Path) -> subprocess.CompletedProcess[str]:
    done = dyads("code", str(corpus), "-o", str(out), "--resume")
    assert done.returncode == 0, done.stderr
    return done


def test_a_killed_worker_stops_the_run_cleanly_and_resume_completes_it(
        corpus: Path, clean_code: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    journal = Path(f"{out}.progress.jsonl")
    proc = kill_when(["code", str(corpus), "-o", str(out), "--workers", "2", "--batch-size",
                      "1"], lambda: lines(journal) >= 1, target=_worker)
    err = proc.stderr_text  # type: ignore[attr-defined]
    assert proc.returncode == 4, err
    assert "worker process died" in err and "--resume" in err and "Traceback" not in err
    written = lines(journal)
    resumed = _resume(corpus, out)
    assert records(out) == records(clean_code)
    print(f"FAULT worker SIGKILL (--workers 2): {written} documents kept, "  # noqa: T201
          f"{len(records(out))} records after resume = {len(records(clean_code))} clean; "
          f"{resumed.stderr.strip().splitlines()[-1]}")


def test_a_killed_parallel_run_resumes_to_the_clean_records(
        corpus: Path, clean_code: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    journal = Path(f"{out}.progress.jsonl")
    proc = kill_when(["code", str(corpus), "-o", str(out), "--workers", "2", "--batch-size",
                      "1"], lambda: lines(journal) >= 3)
    assert proc.returncode == -signal.SIGKILL
    written = lines(journal)
    resumed = _resume(corpus, out)
    assert f"{written} unchanged" in resumed.stderr
    assert records(out) == records(clean_code)
    print(f"FAULT main SIGKILL (--workers 2): {written} documents kept, "  # noqa: T201
          f"{len(records(out))} records after resume = {len(records(clean_code))} clean")


def test_ctrl_c_says_what_was_written_and_resume_completes_it(
        corpus: Path, clean_code: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    journal = Path(f"{out}.progress.jsonl")
    proc = kill_when(["code", str(corpus), "-o", str(out), "--batch-size", "1"],
                     lambda: lines(journal) >= 1, sig=signal.SIGINT)
    err = proc.stderr_text  # type: ignore[attr-defined]
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "--resume" in err and "Traceback" not in err
    written = lines(journal)
    _resume(corpus, out)
    assert records(out) == records(clean_code)
    print(f"FAULT Ctrl-C (one process): {written} documents kept, "  # noqa: T201
          f"{len(records(out))} records after resume = {len(records(clean_code))} clean")


def _shards(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.jsonl")
                  if not p.name.endswith((".errors.jsonl", ".commitments.jsonl")))


def test_a_killed_dask_run_codes_the_rest_on_the_next_run(
        corpus: Path, clean_code: Path, tmp_path: Path) -> None:
    out = tmp_path / "shards"
    args = ["code", str(corpus), "-o", str(out), "--engine", "dask", "--workers", "2",
            "--shard-size", "2"]
    proc = kill_when(args, lambda: len(_shards(out)) >= 1)
    assert proc.returncode == -signal.SIGKILL
    kept = len(_shards(out))
    again = dyads(*args)
    assert again.returncode == 0, again.stderr
    assert records(*_shards(out)) == records(clean_code)
    print(f"FAULT Dask client SIGKILL: {kept} shards kept, "  # noqa: T201
          f"{len(records(*_shards(out)))} records after re-run = {len(records(clean_code))} "
          f"clean; {again.stderr.strip().splitlines()[-1]}")
