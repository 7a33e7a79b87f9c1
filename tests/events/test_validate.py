"""dyads.events.validate: the codebook covers every PLOVER type and CAMEO root."""

from __future__ import annotations

import pytest

from dyads.errors import DataFileError
from dyads.events import validate as codebook_checks
from dyads.events.codebook import Codebook


def test_the_shipped_codebook_is_valid() -> None:
    (summary,) = codebook_checks.validate()
    assert summary.startswith("CAMEO codes: ")


def test_coverage_names_what_no_trigger_codes() -> None:
    full = Codebook.load()
    kept = [t for t in full.triggers if full.plover(t.cameo) != "ASSAULT"]
    problems = list(codebook_checks.coverage(Codebook(full.codes, kept)))
    assert "codebook: no trigger for PLOVER type ASSAULT" in problems
    assert "codebook: no trigger for CAMEO root 18" in problems
    assert not list(codebook_checks.coverage(full))


def test_validate_raises_on_a_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    full = Codebook.load()
    thin = Codebook(full.codes, [t for t in full.triggers if not t.cameo.startswith("20")])
    monkeypatch.setattr(Codebook, "load", classmethod(lambda cls: thin))
    with pytest.raises(DataFileError, match="no trigger for CAMEO root 20"):
        codebook_checks.validate()
