"""CLI command groups beyond `code`, `explain` and `kb`.

Each module here defines ``register(app: typer.Typer) -> None`` and stays thin: it parses
options and calls one library function. :mod:`dyads.cli` registers the modules listed in
``MODULES``.
"""

MODULES: tuple[str, ...] = ("evaluate", "store", "bench", "web")
