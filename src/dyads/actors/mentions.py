"""The format of a knowledge-base mention, in one place: what ``doc.spans["dyads_kb"]`` holds.

A mention is a :class:`spacy.tokens.Span` whose label is the kind of entry (country, adjective,
capital, seat, org, title, institution, agent, person, place) and whose ``kb_id_`` holds the
entry keys, joined by "|" when a surface form is ambiguous. For the country kinds a key is an
ISO 3166 alpha-3 code; for the others it is the index of the entry in its knowledge-base list
(``kb.people``, ``kb.orgs``, ``kb.places``, ``kb.sectors.titles`` ...).

:func:`encode` is what the recogniser writes; :func:`decode` is what ``span._.kb`` returns
(registered in :mod:`dyads.extensions`). Nothing else splits or joins the keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

SPAN_KEY = "dyads_kb"
"""The span group of knowledge-base mentions."""
COUNTRY_KINDS = frozenset({"country", "adjective", "capital", "seat"})
"""Span kinds whose keys are country codes."""
_SEP = "|"


@dataclass(frozen=True)
class Mention:
    """A decoded knowledge-base mention: its kind and its entry keys, as stored (sorted)."""

    kind: str
    keys: tuple[str, ...]

    @property
    def key(self) -> str:
        """The first key ("" for a mention without keys)."""
        return self.keys[0]

    @property
    def index(self) -> int:
        """The first key as a list index (kinds other than the country kinds)."""
        return int(self.keys[0])

    @property
    def indices(self) -> tuple[int, ...]:
        """Every key as a list index (an ambiguous name: several people)."""
        return tuple(int(k) for k in self.keys)

    @property
    def codes(self) -> tuple[str, ...]:
        """The non-empty keys: country codes for the country kinds."""
        return tuple(k for k in self.keys if k)


def encode(keys: Iterable[str]) -> str:
    """The ``kb_id`` of a mention of the entries ``keys``."""
    return _SEP.join(sorted(keys))


def decode(span: Span) -> Mention:
    """The mention a knowledge-base span stands for (the getter of ``span._.kb``)."""
    return Mention(span.label_, tuple(span.kb_id_.split(_SEP)))
