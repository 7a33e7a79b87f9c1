"""Actor names from the knowledge base, for the pickers: "China", "Viet Nam", "Xi Jinping".

    ActorNames.load()           the index, built from :class:`dyads.kb.loader.KnowledgeBase`
    names.code_for(text)        the actor code a name stands for (None if unknown)
    names.suggest(prefix)       names starting with ``prefix`` (then containing it), with codes
    names.label(code)           the country's or organisation's name for a code

A person stands for the country of their most senior office held today (Xi Jinping: CHN).
The index is built once per app, on the first request that needs it (about a second).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

KINDS = ("country", "org", "person", "capital")


@dataclass(frozen=True)
class Name:
    name: str
    code: str
    kind: str


class ActorNames:
    """Lower-cased name -> :class:`Name`, and code -> display name."""

    def __init__(self, names: list[Name], labels: dict[str, str]) -> None:
        self._by_name: dict[str, Name] = {}
        for n in names:  # the first entry of a name wins (countries before people)
            self._by_name.setdefault(n.name.lower(), n)
        self._sorted = sorted(self._by_name.items())
        self._labels = labels

    @classmethod
    def load(cls) -> ActorNames:
        from dyads.kb.loader import KnowledgeBase

        kb = KnowledgeBase.load()
        names: list[Name] = []
        labels: dict[str, str] = {}
        for code, country in kb.countries.items():
            labels[code] = country.name
            for text in (country.name, *country.names):
                names.append(Name(text, code, "country"))
        for org in kb.organisations:
            labels.setdefault(org.code, org.name)
            for text in (org.name, *org.aliases):
                names.append(Name(text, org.code, "organisation"))
        for person in kb.people:
            offices = kb.offices_on(person, None)
            if offices:
                names.append(Name(person.name, offices[0].country, "person"))
        for code, country in kb.countries.items():
            for text in country.capitals:
                names.append(Name(text, code, "capital"))
        return cls(names, labels)

    def code_for(self, text: str) -> str | None:
        found = self._by_name.get(" ".join(text.split()).lower())
        return found.code if found else None

    def label(self, code: str) -> str:
        return self._labels.get(code, code)

    def suggest(self, prefix: str, limit: int = 10) -> list[Name]:
        want = " ".join(prefix.split()).lower()
        if not want:
            return []
        starts = [n for key, n in self._sorted if key.startswith(want)]
        inside = [n for key, n in self._sorted if want in key and not key.startswith(want)]
        return (starts + inside)[:limit]


class LazyNames:
    """The index, built on first use and shared by the app's requests."""

    def __init__(self, factory: Callable[[], ActorNames] = ActorNames.load) -> None:
        self._factory = factory
        self._names: ActorNames | None = None
        self._lock = threading.Lock()

    def get(self) -> ActorNames:
        with self._lock:
            if self._names is None:
                self._names = self._factory()
            return self._names
