"""The server's outer guard, one ASGI middleware in front of the app.

* **Hosts**: a request whose ``Host`` is not one of the allowed names gets 400, so a page on
  another site cannot read the API through DNS rebinding.
* **Headers**: every answer carries a Content-Security-Policy (scripts, styles, images and
  requests from this server only; no framing), ``X-Content-Type-Options: nosniff``,
  ``X-Frame-Options: DENY`` and ``Referrer-Policy: no-referrer``.
* **HEAD**: answered as GET without the body.
* **Load**: at most ``max_active`` requests run at once; the others wait up to
  ``max_wait`` seconds for a turn, then get 503 with ``Retry-After`` instead of piling up.
"""

from __future__ import annotations

import asyncio
import html
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
RETRY_AFTER = 2


class Guard:
    """ASGI middleware: allowed hosts, security headers, HEAD, and a bound on active requests."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str] = LOCAL_HOSTS,
                 max_active: int = 16, max_wait: float = 10.0) -> None:
        self.app = app
        self.hosts = {h.lower().strip("[]") for h in hosts}
        self.max_active = max_active
        self.max_wait = max_wait
        self._slots: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        if "*" not in self.hosts and host_of(scope) not in self.hosts:
            await _refuse(scope, send, 400, "this server does not answer to that host name",
                          "open the dashboard by the address `dyads serve` printed, or start "
                          "it with --allow-host NAME")
            return
        if scope["method"] == "HEAD":
            scope = {**scope, "method": "GET"}
            send = _without_body(send)
        if scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_active)
        try:
            await asyncio.wait_for(self._slots.acquire(), self.max_wait)
        except TimeoutError:
            await _refuse(scope, send, 503, "the server is busy",
                          f"retry in {RETRY_AFTER} s", retry_after=RETRY_AFTER)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self._slots.release()


def host_of(scope: Scope) -> str:
    """The request's host name, lower-case, without port or IPv6 brackets."""
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[1:].split("]", 1)[0]
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            message["headers"] = list(message.get("headers", [])) + [
                (k, v) for k, v in SECURITY_HEADERS if k not in present]
        await send(message)
    return wrapped


def _without_body(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)
    return wrapped


async def _refuse(scope: Scope, send: Send, status: int, detail: str, hint: str, *,
                  retry_after: int | None = None) -> None:
    """An error in the app's documented form: JSON under /api, else a small HTML page."""
    if scope["path"].startswith(("/api", "/openapi.json")):
        body = json.dumps({"detail": detail, "hint": hint}).encode()
        kind = b"application/json"
    else:
        body = (f"<!doctype html><title>{status}</title><h1>Cannot show this</h1>"
                f"<p>{html.escape(detail)}</p><p>{html.escape(hint)}</p>").encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body",
                "body": b"" if scope["method"] == "HEAD" else body})
