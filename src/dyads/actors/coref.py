"""Coreference within one document.

:class:`DocContext` remembers the actors already named, in order, so later mentions can point
back to them: a surname ("Ribadu" after "Nuhu Ribadu"), a bare title ("the President", "the
Prime Minister"), a pronoun ("he" → the last person named as an actor), a plural ("the two
leaders", "both sides") → the document's current pair, and "his host" → the other member of
the pair.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dyads.models import Entity


@dataclass
class DocContext:
    """Per-document memory of actors. Create one per document; never shared."""

    seen: list[Entity] = field(default_factory=list)
    last_subject: Entity | None = None
    current_pair: tuple[Entity, ...] = ()
    explicit_pair: bool = False
    day: dt.date | None = None  # the date being coded, for offices of people referred back to
    home: str | None = None  # the government the document speaks for (its publisher), if any
    authors: tuple[Entity, ...] = ()  # who "we" are, when a joint statement lists them
    aided: dict[str, Entity] = field(default_factory=dict)  # the latest named aid recipient
    speaker: Entity | None = None  # the latest one who said something, by name or by office

    def register(self, ent: Entity) -> None:
        self.seen.append(ent)

    def note_subject(self, ents: list[Entity]) -> None:
        people = [e for e in ents if e.name]
        if len(ents) == 1 and people:
            self.last_subject = people[0]

    def note_speaker(self, ents: list[Entity]) -> None:
        """The subject of a sentence's verb of saying ("An FCDO spokesperson said:"): whose
        words a quotation that names no actor is ("it is deeply disappointing that …")."""
        placed = [e for e in ents if e.code != "UNK"]
        if len(placed) == 1:
            self.speaker = _point(placed[0])

    def note_pair(self, a: Entity, b: Entity) -> None:
        """The document's main dyad: set by the first meeting or call between two named
        actors of different countries; later ones replace it only if they are also named."""
        if a.code == b.code or "UNK" in {a.code, b.code}:
            return
        named = bool(a.name and b.name)
        if not self.current_pair or named or not (
                self.current_pair[0].name and self.current_pair[1].name):
            self.current_pair = (a, b)
            self.explicit_pair = True

    def note_aid(self, giver: Entity, receiver: Entity) -> None:
        """Aid given or promised by ``giver`` to a recipient the text names."""
        if receiver.start >= 0 and giver.code != "UNK" and receiver.code not in {
                giver.code, "UNK"}:
            self.aided[giver.code] = _point(receiver)

    # ---- lookups ----------------------------------------------------------------------------
    def by_name(self, name: str) -> Entity | None:
        """The last person whose name contains ``name`` as a word (a surname, given name)."""
        want = name.lower().split()
        for ent in reversed(self.seen):
            if not ent.name:
                continue
            words = ent.name.lower().split()
            if want == words or (len(want) == 1 and want[0] in words):
                return _point(ent)
        return None

    def by_title(self, title: str) -> Entity | None:
        t = title.lower()
        for ent in reversed(self.seen):
            if ent.office and ent.office.lower() == t:
                return _point(ent)
        for ent in reversed(self.seen):
            if ent.office and t in ent.office.lower():
                return _point(ent)
        return None

    def country_for_title(self, title: str) -> str | None:
        ent = self.by_title(title)
        return ent.code if ent else None

    def country_for_institution(self) -> str | None:
        return self.current_pair[0].code if self.current_pair else None

    def last_person(self) -> Entity | None:
        if self.last_subject is not None:
            return _point(self.last_subject)
        for ent in reversed(self.seen):
            if ent.name:
                return _point(ent)
        return None

    def pair(self) -> tuple[Entity, ...]:
        if self.current_pair:
            return tuple(_point(e) for e in self.current_pair)
        codes: list[Entity] = []
        for ent in self.seen:
            if ent.code not in {c.code for c in codes} and ent.code != "UNK":
                codes.append(ent)
            if len(codes) == 2:
                return tuple(_point(e) for e in codes)
        return ()

    def counterpart(self, ent: Entity) -> Entity | None:
        """The other member of the document's pair, if ``ent`` is one of them."""
        pair = self.pair()
        if len(pair) == 2:
            if pair[0].code == ent.code:
                return pair[1]
            if pair[1].code == ent.code:
                return pair[0]
        return None

    def other_party(self) -> Entity | None:
        pair = self.pair()
        if len(pair) == 2 and self.last_subject is not None:
            return pair[1] if pair[0].code == self.last_subject.code else pair[0]
        return None


def _point(ent: Entity) -> Entity:
    """The same actor, marked as found by coreference (no offsets of its own)."""
    return Entity(code=ent.code, sector=ent.sector, entity_text=ent.entity_text,
                  office=ent.office, name=ent.name, org=ent.org, start=-1, end=-1)
