"""The HTTP API and the dashboard: ``dyads serve``.

    create_app(store_url)   a FastAPI app over one event database (see docs/web.md)

Modules: :mod:`~dyads.web.app` (the app, its store and coder, error handling),
:mod:`~dyads.web.api` (JSON under ``/api``), :mod:`~dyads.web.pages` (server-rendered HTML),
:mod:`~dyads.web.queries` (thin reads the store does not offer), :mod:`~dyads.web.markup`
(marking triggers and actors in text), :mod:`~dyads.web.params` (checking query values) and
:mod:`~dyads.web.limits` (the request body limit). Both the API and the pages call library
functions and format what they return; neither holds logic of its own.
"""

from dyads.web.app import create_app

__all__ = ["create_app"]
