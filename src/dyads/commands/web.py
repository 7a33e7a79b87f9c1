"""``dyads serve``: the HTTP API and the dashboard over an event database (docs/web.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from dyads.errors import DyadsError, require


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database: a SQLite file, sqlite:///path.db or postgresql://... "
        "Default: $DYADS_DB, else dyads.db.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API (/api, docs at /docs) and the dashboard (/) until interrupted."""
    try:
        uvicorn = require("uvicorn", extra="web")
        for module in ("fastapi", "jinja2"):
            require(module, extra="web")
        from dyads.web import create_app

        web_app = create_app(db)
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"dyads: serving {web_app.state.store_url} on http://{host}:{port}/ "
               "(API docs at /docs; Ctrl-C stops)", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
