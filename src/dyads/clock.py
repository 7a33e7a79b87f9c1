"""Event dates within one document.

The anchor is the publication date; without one it is inferred from the text (a dateline, an
explicit date, "the 2017 APEC meeting") and the record says so. A sentence with a day-precise
date that is not in the future dates its events and becomes the document's current date, which
later sentences inherit ("Biden spoke with Trudeau yesterday. ... The leaders agreed ...").
Intentions keep the date of the statement; the future date they name is kept apart.

History does not move the clock: a date with its own year in a clause about history
("established on January 18, 1950") dates nothing, and a dated sentence more than a year before
the anchor ("On March 3, 2022, Russia ...") keeps its date without passing it on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dyads.dates import find_dates, historical, infer_document_date
from dyads.models import DateMention, DateSource, Document, EventDate


@dataclass
class DocClock:
    anchor: EventDate | None
    default_year: int | None = None
    current: EventDate | None = None
    published: bool = False
    _cache: dict[str, list[DateMention]] = field(default_factory=dict)

    @classmethod
    def for_document(cls, doc: Document, text: str) -> DocClock:
        if doc.published is not None:
            anchor = EventDate(doc.published, "day", "published")
            return cls(anchor, doc.published.year, anchor, published=True)
        inferred = infer_document_date(text, doc.title)
        if inferred is None:
            return cls(None)
        year = inferred.date.year
        if inferred.precision == "day":
            return cls(inferred, year, inferred)
        return cls(None, year, None)

    def _mentions(self, text: str) -> list[DateMention]:
        if text not in self._cache:
            anchor = self.anchor.date if self.anchor else None
            self._cache = {text: find_dates(text, anchor, default_year=self.default_year)}
        return self._cache[text]

    def sentence_date(self, text: str) -> EventDate | None:
        """The date of a sentence's events; updates the document's current date."""
        limit = self.anchor.date if self.anchor else None
        for m in self._mentions(text):
            if m.precision != "day" or historical(text, m):
                continue
            if limit is not None and (m.date > limit or _stale(m, limit)):
                continue
            source: DateSource = "text" if self.published or not m.relative else "inferred"
            date = EventDate(m.date, "day", source, m.text)
            if limit is not None and (limit - m.date).days > _PAST_DAYS:
                return date
            self.current = date
            if self.anchor is None:
                self.anchor = self.current
            return self.current
        return self.current

    def intended_date(self, text: str) -> EventDate | None:
        limit = self.anchor.date if self.anchor else None
        for m in self._mentions(text):
            if limit is None or m.date > limit:
                return EventDate(m.date, m.precision, "text", m.text)
        return None

    def fallback(self) -> EventDate:
        """A date when the text gives none at all: the year found, else today (marked)."""
        if self.current is not None:
            return self.current
        if self.default_year is not None:
            return EventDate(dt.date(self.default_year, 1, 1), "year", "inferred")
        return EventDate(dt.date.today(), "day", "default")


_YEAR = re.compile(r"\b(19|20)\d\d\b")
# A dated sentence further back than this from the anchor is a look back, not the news.
_PAST_DAYS = 366


def _stale(m: DateMention, anchor: dt.date) -> bool:
    """A date without a year, far before the anchor, is more likely a deadline or a past
    anniversary than the day of the event ("to complete the extension by February 5")."""
    return not m.relative and not _YEAR.search(m.text) and (anchor - m.date).days > 45
