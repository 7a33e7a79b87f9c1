"""The FastAPI app: one event database, the JSON API under ``/api`` and the dashboard pages.

    app = create_app("events.db")               # or "postgresql://...", as for --db
    uvicorn.run(app, host="127.0.0.1", port=8000)

Each request opens its own connection to the store (cheap for SQLite; WAL lets pages read
while an ingest writes). The coder behind ``POST /api/code`` is loaded on first use, once per
app, and used by one request at a time. Errors: a :class:`~dyads.web.errors.WebError` answers
its status, any other :class:`~dyads.errors.DyadsError` 503, both as ``{"detail", "hint"}``
(an HTML page for dashboard URLs).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from dyads.errors import DyadsError
from dyads.store import Store
from dyads.web.errors import WebError
from dyads.web.limits import DEFAULT_MAX_BODY, BodyLimit

if TYPE_CHECKING:
    from dyads.models import Event

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


class TextCoder(Protocol):
    """What ``POST /api/code`` needs of :class:`dyads.pipeline.Coder`."""

    def code(self, text: str, published: dt.date | str | None = None,
             doc_id: str = "text") -> list[Event]: ...


class LazyCoder:
    """A coder built on first use (the spaCy model loads then), shared by the app's requests.

    spaCy pipelines are not made for concurrent calls, so texts are coded one at a time.
    """

    def __init__(self, factory: Callable[[], TextCoder]) -> None:
        self._factory = factory
        self._coder: TextCoder | None = None
        self._lock = threading.Lock()

    def code(self, text: str, published: dt.date | None) -> list[Event]:
        with self._lock:
            if self._coder is None:
                self._coder = self._factory()
            return self._coder.code(text, published)


def _default_coder() -> TextCoder:
    from dyads.pipeline import Coder

    return Coder()


def create_app(store_url: str | Path | None = None, *,
               coder: Callable[[], TextCoder] | None = None,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The app over the store at ``store_url`` (None: ``$DYADS_DB`` or ``dyads.db``).

    The store is opened (and migrated) once here, so a wrong URL fails now, with
    :class:`~dyads.store.StoreError`. ``coder`` builds the coder for ``POST /api/code``
    (default: :class:`dyads.pipeline.Coder`); it is called on the first such request.
    """
    from dyads.web import api, pages

    with Store.open(store_url) as store:
        url = str(Path(store.target).resolve()) if store.dialect == "sqlite" else store.target
    app = FastAPI(title="dyads", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Political events (PLOVER/CAMEO) coded from diplomatic news: "
                  "query the event database, view dyads and documents, code a text.")
    app.state.store_url = url
    app.state.coder = LazyCoder(coder or _default_coder)
    app.state.templates = Jinja2Templates(directory=str(TEMPLATES))
    app.state.templates.env.filters.update(pages.FILTERS)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _handle_errors(app)
    _api_docs(app)
    app.add_middleware(BodyLimit, max_body=max_body)
    return app


def open_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a connection to the app's store for one request."""
    with Store.open(request.app.state.store_url, migrate=False) as store:
        yield store


def _api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs, from the bundled copy (no CDN, so it works offline)."""
    from fastapi.openapi.docs import get_swagger_ui_html

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="dyads API",
                                   swagger_js_url="/static/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger-ui.css",
                                   swagger_favicon_url="data:,")


# ---------------------------------------------------------------------------- errors


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path in ("/openapi.json", "/docs", "/redoc")


def _error(request: Request, status: int, detail: str, hint: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail, "hint": hint}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "detail": detail, "hint": hint}, status_code=status)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(DyadsError)
    async def dyads_error(request: Request, exc: DyadsError) -> Response:
        status = exc.status if isinstance(exc, WebError) else 503
        return _error(request, status, exc.args[0] if exc.args else str(exc), exc.hint)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        hint = "see /docs for the endpoints" if exc.status_code == 404 else ""
        return _error(request, exc.status_code, str(exc.detail), hint)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": _jsonable(exc.errors()),
                                 "hint": "see /docs for the parameters"}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
                             for e in exc.errors())
        return _error(request, 400, problems, "correct the address or the form")


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
