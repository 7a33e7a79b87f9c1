"""Checks over the event codebook beyond its schema (run by `dyads kb validate`).

    validate   load the codebook (schemas are checked on load), then check that every PLOVER
               type and every CAMEO root has a trigger; a summary, or DataFileError
"""

from __future__ import annotations

from collections.abc import Iterator

from dyads.errors import DataFileError
from dyads.events.codebook import PLOVER_TYPES, Codebook


def validate() -> list[str]:
    """Load the codebook and check its coverage.

    Raises DataFileError naming the first problems; returns a summary on success."""
    codebook = Codebook.load()
    problems = list(coverage(codebook))
    if problems:
        raise DataFileError("; ".join(problems))
    return [f"CAMEO codes: {len(codebook.codes)}, triggers: {len(codebook.triggers)}"]


def coverage(codebook: Codebook) -> Iterator[str]:
    """A problem for each PLOVER type and each CAMEO root (01-20) that no trigger codes."""
    covered = {codebook.plover(t.cameo) for t in codebook.triggers}
    for t in PLOVER_TYPES:
        if t not in covered:
            yield f"codebook: no trigger for PLOVER type {t}"
    roots = {t.cameo[:2] for t in codebook.triggers}
    for r in range(1, 21):
        if f"{r:02d}" not in roots:
            yield f"codebook: no trigger for CAMEO root {r:02d}"
