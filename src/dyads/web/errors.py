"""Errors the web layer raises, and the HTTP status each one answers with.

    WebError       base; ``status`` is the HTTP status code
    ├── BadQuery   400: a query value that cannot be used (names the parameter and the fix)
    ├── Invalid    422: values that contradict each other (``since`` after ``until``)
    ├── NotFound   404: no such event, document or actor
    └── Busy       503 with Retry-After: too many requests wait for the same resource

A :class:`~dyads.store.StoreError` answers 503 with a message that shows no SQL and no path
(the details go to the server log); a missing spaCy model answers 503 with what to install.
Nothing the client sends gives a 500.
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


class Invalid(WebError):
    """Values that are each fine but cannot go together; ``param`` is the one to change.
    The API answers it in FastAPI's validation-error form (``detail`` a list)."""

    status = 422
    hint = "see /docs for the parameters each endpoint takes"

    def __init__(self, message: str, hint: str | None = None, *, param: str = "") -> None:
        super().__init__(message, hint)
        self.param = param


class Busy(WebError):
    """Too many requests wait for the same resource; try again after ``retry_after`` s."""

    status = 503
    retry_after = 5
