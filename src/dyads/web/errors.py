"""Errors the web layer raises, and the HTTP status each one answers with.

    WebError       base; ``status`` is the HTTP status code
    ├── BadQuery   400: a query value that cannot be used (names the parameter and the fix)
    └── NotFound   404: no such event, document or actor

Any other :class:`~dyads.errors.DyadsError` (the database cannot be read, the spaCy model is
missing) answers 503 with its message and hint. Nothing the client sends gives a 500.
"""

from __future__ import annotations

from dyads.errors import DyadsError


class WebError(DyadsError):
    status = 500


class BadQuery(WebError):
    """A query parameter or body value that cannot be used."""

    status = 400
    hint = "see /docs for the parameters each endpoint takes"


class NotFound(WebError):
    status = 404
    hint = "check the id, or search with /events"
