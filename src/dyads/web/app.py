"""The FastAPI app: one event database, the JSON API under ``/api`` and the dashboard pages.

    app = create_app("events.db")               # or "postgresql://...", as for --db
    uvicorn.run(app, host="127.0.0.1", port=8000)

Each request opens its own read-only connection to the store (cheap for SQLite; WAL lets
pages read while an ingest writes). The coder behind ``POST /api/code`` is loaded on first
use, once per app, and used by one request at a time. Errors: a
:class:`~dyads.web.errors.WebError` answers its status; a store error answers 503 without
SQL or paths (logged in full); anything else 500; all as ``{"detail", "hint"}`` (an HTML page
for dashboard URLs).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from dyads.errors import DyadsError, ModelNotInstalled
from dyads.store import Store, StoreError
from dyads.store.schema import LATEST
from dyads.web import api, pages
from dyads.web.deps import LazyCoder, TextCoder
from dyads.web.errors import Busy, Invalid, WebError
from dyads.web.guard import LOCAL_HOSTS, Guard
from dyads.web.limits import DEFAULT_MAX_BODY, BodyLimit
from dyads.web.names import LazyNames

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
ENV_DB = "DYADS_SERVE_DB"
ENV_HOSTS = "DYADS_SERVE_HOSTS"
log = logging.getLogger("dyads.web")


def _default_coder() -> TextCoder:
    from dyads.pipeline import Coder

    return Coder()


def create_app(store_url: str | Path | None = None, *,
               coder: Callable[[], TextCoder] | None = None,
               max_body: int = DEFAULT_MAX_BODY,
               hosts: Iterable[str] = (*LOCAL_HOSTS, "testserver"),
               max_active: int = 16) -> FastAPI:
    """The app over the store at ``store_url`` (None: ``$DYADS_DB`` or ``dyads.db``).

    The store must exist: it is opened once here, read-only, so a wrong URL fails now with
    :class:`~dyads.store.StoreError` and no file is created. A database of an older schema
    is migrated once, here, before serving. ``coder`` builds the coder for ``POST
    /api/code`` (default: :class:`dyads.pipeline.Coder`) on the first such request.
    ``hosts``: the host names the server answers to (``*`` for any).
    """
    url = _check_store(store_url)
    app = FastAPI(title="dyads", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Political events (PLOVER/CAMEO) coded from diplomatic news: "
                  "query the event database, view dyads and documents, code a text.")
    app.state.store_url = url
    app.state.coder = LazyCoder(coder or _default_coder)
    app.state.names = LazyNames()
    app.state.templates = Jinja2Templates(directory=str(TEMPLATES))
    app.state.templates.env.filters.update(pages.FILTERS)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _handle_errors(app)
    _api_docs(app)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(Guard, hosts=hosts, max_active=max_active)
    return app


def app_from_env() -> FastAPI:
    """The app for ``dyads serve --workers N``: each worker process builds its own, from
    :data:`ENV_DB` and :data:`ENV_HOSTS` (comma-separated) set by the command."""
    hosts = [h for h in os.environ.get(ENV_HOSTS, "").split(",") if h] or list(LOCAL_HOSTS)
    return create_app(os.environ.get(ENV_DB), hosts=hosts)


def _check_store(store_url: str | Path | None) -> str:
    """The URL to open per request; the database must exist and be up to date."""
    with Store.open(store_url, readonly=True) as store:
        version = store.version() if _has_migrations(store) else 0
        target = store.target
        dialect = store.dialect
    if version < LATEST:
        with Store.open(store_url, migrate=True):
            pass
    return str(Path(target).resolve()) if dialect == "sqlite" else target


def _has_migrations(store: Store) -> bool:
    try:
        store.version()
    except StoreError:
        return False
    return True


def _api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs, from the bundled copy (no CDN, so it works offline; no inline
    script, so the Content-Security-Policy holds)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return HTMLResponse(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dyads API'
            '</title><link rel="icon" href="data:,"><link rel="stylesheet" '
            'href="/static/swagger-ui.css"></head><body><div id="swagger-ui"></div>'
            '<script src="/static/swagger-ui-bundle.js"></script>'
            '<script src="/static/swagger-init.js"></script></body></html>')


# ---------------------------------------------------------------------------- errors


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path in ("/openapi.json", "/redoc")


def _error(request: Request, status: int, detail: str, hint: str,
           headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail, "hint": hint}, status_code=status,
                            headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "detail": detail, "hint": hint}, status_code=status, headers=headers)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(DyadsError)
    async def dyads_error(request: Request, exc: DyadsError) -> Response:
        message = exc.args[0] if exc.args else str(exc)
        if isinstance(exc, Busy):
            return _error(request, exc.status, message, exc.hint,
                          {"Retry-After": str(exc.retry_after)})
        if isinstance(exc, Invalid) and _wants_json(request):
            return JSONResponse({"detail": [{"type": "value_error", "loc": ["query", exc.param],
                                             "msg": message}], "hint": exc.hint}, 422)
        if isinstance(exc, WebError):
            return _error(request, exc.status, message, exc.hint)
        if isinstance(exc, ModelNotInstalled):
            return _error(request, 503, "the spaCy model is not installed on the server",
                          "ask the server's administrator to install it (see README)")
        log.error("store error on %s: %s (%s)", request.url.path, message, exc.hint,
                  exc_info=exc.__cause__)
        if message == "the event database is not available":
            return _error(request, 503, message, exc.hint)
        return _error(request, 503, "the event database cannot answer this now",
                      "try again later; if it persists, the server's log says why")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        hint = "see /docs for the endpoints" if exc.status_code == 404 else ""
        return _error(request, exc.status_code, str(exc.detail), hint)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": _jsonable(exc.errors()),
                                 "hint": "see /docs for the parameters"}, status_code=422)
        problems = "; ".join(_problem(e) for e in exc.errors())
        return _error(request, 400, problems, "correct the address or the form")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.error("error on %s", request.url.path, exc_info=exc)
        return _error(request, 500, "the server failed to answer this request",
                      "this is a bug in dyads: the server's log has the details")


FRIENDLY = {
    "since": "is not a date: write YYYY-MM-DD", "until": "is not a date: write YYYY-MM-DD",
    "actor": "is not an actor code or a known name", "dyad": "is not a dyad: write USA-CHN",
    "type": "is not a PLOVER event type", "min_confidence": "is not a number from 0 to 1",
    "cameo": "is not a CAMEO code (digits, e.g. 04)", "sector": "is not a sector code (GOV, MIL)",
}
"""What a form value that fails its pattern is, in words (the pages' 400 messages)."""


def _problem(error: Any) -> str:
    name = ".".join(str(p) for p in error["loc"][1:])
    if name in FRIENDLY and error.get("type") == "string_pattern_mismatch":
        return f"{name}: {str(error.get('input'))[:80]!r} {FRIENDLY[name]}"
    return f"{name}: {error['msg']}"


def _jsonable(errors: Any) -> Any:
    """Validation errors without the exception objects pydantic may put in ``ctx``."""
    out = []
    for e in errors:
        e = dict(e)
        if "ctx" in e:
            e["ctx"] = {k: str(v) for k, v in e["ctx"].items()}
        e.pop("input", None)
        out.append(e)
    return out
