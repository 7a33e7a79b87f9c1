"""``dyads serve``: the HTTP API and the dashboard over an event database (docs/web.md)."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from dyads.errors import DyadsError, require


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database: a SQLite file, sqlite:///path.db or postgresql://... "
        "Default: $DYADS_DB, else dyads.db. It must exist; it is only read.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help=(
        "Worker processes (each with its own connections and coder).")) ] = 1,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another host name the server answers to (repeatable), e.g. "
        "the name a proxy forwards; '*' allows any. Default: localhost, 127.0.0.1, ::1 "
        "and --host.")] = None,
) -> None:
    """Serve the API (/api, docs at /docs) and the dashboard (/) until interrupted."""
    try:
        uvicorn = require("uvicorn", extra="web")
        for module in ("fastapi", "jinja2"):
            require(module, extra="web")
    except DyadsError as exc:
        typer.echo(f"error: {exc}\n  hint: {exc.hint}", err=True)
        raise typer.Exit(1) from None

    from dyads.web.app import ENV_DB, ENV_HOSTS, create_app
    from dyads.web.guard import LOCAL_HOSTS

    hosts = [*LOCAL_HOSTS, *([host] if host not in ("0.0.0.0", "::", "") else []),
             *(allow_host or [])]
    try:
        web_app = create_app(db, hosts=hosts)
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        sock = _listen(host, port)
    except OSError as exc:
        typer.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc} "
                   f"(pass another --port, or stop the server that uses it)", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"dyads: serving {web_app.state.store_url} on http://{host}:{port}/ "
               f"(API docs at /docs; {workers} worker{'s' if workers > 1 else ''}; "
               "Ctrl-C stops)", err=True)
    if workers == 1:
        server = uvicorn.Server(uvicorn.Config(web_app, log_level="warning"))
        server.run(sockets=[sock])
        return
    sock.close()  # uvicorn's supervisor binds it again and shares it with the workers
    os.environ[ENV_DB] = web_app.state.store_url
    os.environ[ENV_HOSTS] = ",".join(hosts)
    uvicorn.run("dyads.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (OSError when the port is in use)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
