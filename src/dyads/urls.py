"""Which links are safe to store and to show: http and https only.

    http_url(value)   the URL if it is an absolute http(s) URL, else None

A ``javascript:``, ``data:`` or ``vbscript:`` URL in a document's metadata would run in the
reader's browser when it became a link; a relative one would point into the dashboard.
Control characters and spaces are refused outright, because browsers drop some of them
(``java\\tscript:``) before reading the scheme.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")


def http_url(value: object) -> str | None:
    """``value`` if it is an absolute ``http://`` or ``https://`` URL with a host, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or _UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
