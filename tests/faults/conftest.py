"""Fixtures for the fault-injection suite: a small corpus, the dyads command, kills."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from store.conftest import pg_server, pg_store  # noqa: F401 - the session's PostgreSQL

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "dyads" / "samples"
DYADS = str(Path(sys.executable).parent / "dyads")
# Enough documents that a fault sent after the first is written lands before the last: with
# 10 (2 copies) a fast machine finished the run before Ctrl-C arrived (session 8, CI clone).
COPIES = 6


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handful of short documents: the shipped samples, twice, each copy its own text."""
    root = tmp_path_factory.mktemp("faults") / "in"
    root.mkdir()
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix not in (".txt", ".md") or path.stem == "README":
            continue
        text = path.read_text(encoding="utf-8")
        for copy in range(COPIES):
            (root / f"{path.stem}-{copy}{path.suffix}").write_text(
                text.rstrip() + f"\n\nCopy {copy}.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def clean_code(corpus: Path) -> Path:
    """``dyads code`` of the corpus, run once without faults."""
    out = corpus.parent / "clean.jsonl"
    done = dyads("code", str(corpus), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


def dyads(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the dyads command to its end."""
    return subprocess.run([DYADS, *args], capture_output=True, text=True, timeout=timeout)


def kill_when(args: list[str], ready: Callable[[], bool], *, sig: int = signal.SIGKILL,
              target: Callable[[subprocess.Popen[bytes]], int] | None = None,
              timeout: float = 240) -> subprocess.Popen[bytes]:
    """Start ``dyads ARGS``; once ``ready()``, send ``sig`` to it (or to the process
    ``target(proc)`` names); wait for it to end. The test fails if it ends before."""
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"dyads-fault-{os.getpid()}-{time.time_ns()}"
    with log.open("wb") as err:
        proc = subprocess.Popen([DYADS, *args], stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and proc.poll() is None:
                if ready():
                    os.kill(target(proc) if target else proc.pid, sig)
                    break
                time.sleep(0.02)
            else:
                pytest.fail(f"dyads ended (or hung) before the fault: {log.read_text()}")
            proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            with contextlib.suppress(ProcessLookupError):  # workers left by a killed run
                os.killpg(proc.pid, signal.SIGKILL)
    proc.stderr_text = log.read_text(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
    log.unlink()
    return proc


def lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except FileNotFoundError:
        return 0


def records(*paths: Path) -> list[str]:
    """The records of JSONL files, sorted, as canonical JSON."""
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            out.append(json.dumps(json.loads(line), sort_keys=True))
    return sorted(out)


__all__ = ["dyads", "kill_when", "lines", "pg_server", "pg_store", "records"]
