"""dyads: political event data (PLOVER/CAMEO) from diplomatic and political news.

    >>> import dyads
    >>> events = dyads.code("President Xi Jinping held talks with Nguyen Phu Trong in Hanoi "
    ...                     "on Sunday.", published="2017-11-13")

Nothing heavy happens at import: the spaCy model and the knowledge base load on first use,
once per process (``dyads.code`` keeps a default :class:`~dyads.pipeline.Coder`; build your
own ``Coder`` for other settings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyads.models import CodingResult, Document, Event, Failure
    from dyads.pipeline import Coder

__version__ = "0.1.0"
__all__ = ["code", "code_documents", "default_coder", "__version__"]


@lru_cache(maxsize=1)
def default_coder() -> Coder:
    """The process-wide coder with default settings (loaded on first call)."""
    from dyads.pipeline import Coder

    return Coder()


def code(text: str, published: dt.date | str | None = None) -> list[Event]:
    """PLOVER events of one text; ``published`` anchors relative dates."""
    return default_coder().code(text, published)


def code_documents(docs: Iterable[Document | Failure]) -> Iterator[CodingResult | Failure]:
    """Code many documents (batched); failures are yielded, not raised."""
    return default_coder().code_documents(docs)
