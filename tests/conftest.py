"""Shared fixtures. Model-backed tests use the session-wide ``coder``; tests that read
../shared use ``shared`` and skip cleanly when it is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():  # noqa: ANN201 - a dyads.pipeline.Coder
    from dyads.pipeline import Coder

    c = Coder()
    c.nlp  # noqa: B018 - load once for the session
    return c


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def score(gold_dir: Path, pred: Path) -> dict:
    """Run the project's scorer (../shared/eval/score.py) and return its JSON report."""
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold_dir),
                          str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
