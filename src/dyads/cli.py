"""The `dyads` command line: a thin layer over the library.

Exit codes (``dyads code``, ``dyads ingest``):

    0    every input coded (warnings, if any, are in the error file)
    1    a fatal error: model missing, invalid data file, database cannot be opened
    2    a usage error
    3    some inputs failed (listed in the error file), the rest were coded
    4    the run stopped before its end: a worker process died, the database connection was
         lost; what was written is whole, and the same command (code: with --resume) goes on
    130  interrupted (Ctrl-C); the message says how many documents were written and how to
         go on
"""

from __future__ import annotations

import typer

from dyads.commands import register_commands
from dyads.commands.exits import EXIT_INTERRUPTED, EXIT_PARTIAL, EXIT_STOPPED

__all__ = ["EXIT_INTERRUPTED", "EXIT_PARTIAL", "EXIT_STOPPED", "app"]

app = typer.Typer(help="Political event data (PLOVER/CAMEO) from diplomatic news.",
                  no_args_is_help=True, add_completion=False)
register_commands(app)

if __name__ == "__main__":  # pragma: no cover
    app()
