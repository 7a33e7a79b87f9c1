"""Exit codes of the commands (see :mod:`dyads.cli`) and the one way a command fails."""

from __future__ import annotations

import typer

from dyads.errors import DyadsError, RunStopped

EXIT_PARTIAL = 3
EXIT_STOPPED = 4
EXIT_INTERRUPTED = 130


def fail(exc: DyadsError) -> None:
    """Print ``exc`` and exit: 4 for a run that stopped (it can go on), else 1."""
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(EXIT_STOPPED if isinstance(exc, RunStopped) else 1)
