"""Load and query the actor knowledge base.

:class:`KnowledgeBase` is a plain object built from the YAML files in ``dyads/kb/data`` (plus
any extra files the user passes). It holds no spaCy state, so it pickles cheaply; the phrase
matcher built from it lives in :mod:`dyads.actors.recognize`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from dyads.datafiles import file_name, read_yaml, validate
from dyads.errors import DataFileError
from dyads.kb.schema import (
    CountryEntry,
    Office,
    Organisation,
    Person,
    PlaceEntry,
    Publisher,
    SectorsFile,
)

# Which office wins when a person holds several on the same day.
OFFICE_RANK = {
    "President": 0, "King": 0, "Queen": 0, "Emperor": 1, "Emir": 0, "Sultan": 0, "Pope": 0,
    "General Secretary": 1, "Prime Minister": 1, "Chancellor": 1, "Premier": 2,
    "Crown Prince": 2, "Vice President": 3, "Foreign Minister": 3,
}


@dataclass(frozen=True)
class Phrase:
    """A surface form the recogniser looks for, and what it stands for."""

    text: str
    kind: str  # country, adjective, capital, seat, org, title, institution, agent, person, place
    key: str  # e.g. "VNM", or an index into the KB's lists
    case_sensitive: bool = True


@dataclass
class KnowledgeBase:
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    organisations: list[Organisation] = field(default_factory=list)
    sectors: SectorsFile = field(default_factory=SectorsFile)
    places: list[PlaceEntry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    publishers: list[Publisher] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> KnowledgeBase:
        """The packaged knowledge base, plus extra people files (YAML) or CAMEO dictionaries."""
        kb = cls()
        root = resources.files("dyads.kb") / "data"
        kb._load_countries(read_yaml(root / "countries.yaml"), "countries.yaml")
        kb._load_list(root / "organisations.yaml", Organisation, kb.organisations)
        kb._load_list(root / "places.yaml", PlaceEntry, kb.places)
        kb._load_list(root / "publishers.yaml", Publisher, kb.publishers)
        sectors = read_yaml(root / "sectors.yaml")
        if sectors:
            kb.sectors = validate(SectorsFile, sectors, "sectors.yaml")
        for _name, people in people_files():
            kb.people.extend(people)
            kb.sources.append(_name)
        for path in extra:
            kb.add_file(Path(path))
        kb.people = _merge_people(kb.people)
        return kb

    def add_file(self, path: Path) -> None:
        """Add a people YAML file or a PETRARCH/Phoenix actor dictionary."""
        if path.suffix in {".yaml", ".yml"}:
            self._load_list(path, Person, self.people)
        else:
            from dyads.kb.cameo_import import read_cameo_actors

            self.people.extend(read_cameo_actors(path))
            self.sources.append(str(path))

    def _load_countries(self, data: Any, name: str) -> None:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise DataFileError(f"{name}: expected a mapping of ISO codes to entries")
        for code, entry in data.items():
            self.countries[str(code).upper()] = validate(CountryEntry, entry, f"{name}: {code}")
        for country in pycountry.countries:
            code = country.alpha_3
            if code not in self.countries:
                name = getattr(country, "common_name", country.name)
                self.countries[code] = CountryEntry(name=name)
        self.sources.append(name)

    def _load_list(self, path: Any, model: Any, into: list[Any]) -> None:
        data = read_yaml(path)
        if data is None:
            return
        if not isinstance(data, list):
            raise DataFileError(f"{path}: expected a list of entries")
        for i, entry in enumerate(data):
            into.append(validate(model, entry, f"{file_name(path)}: entry {i + 1}"))
        self.sources.append(file_name(path))

    # ---- phrases for the recogniser ---------------------------------------------------------
    def phrases(self) -> Iterator[Phrase]:
        for code, c in self.countries.items():
            for text in {c.name, *c.names, *c.former, *_pycountry_names(code)}:
                yield Phrase(text, "country", code)
            for text in c.adjectives:
                yield Phrase(text, "adjective", code)
                plural = _plural_demonym(text)
                if plural:  # "the Palestinians", "Afghans": the people for the country
                    yield Phrase(plural, "adjective", code)
            for text in c.capitals:
                yield Phrase(text, "capital", code)
            for text in c.seats:
                yield Phrase(text, "seat", code)
        for i, o in enumerate(self.organisations):
            for text in (o.name, *o.aliases):
                yield Phrase(text, "org", str(i))
        for i, t in enumerate(self.sectors.titles):
            for text in (t.title, *t.aliases):
                yield Phrase(text, "title", str(i), case_sensitive=False)
        for i, inst in enumerate(self.sectors.institutions):
            for text in (inst.name, *inst.aliases):
                yield Phrase(text, "institution", str(i), case_sensitive=not text.islower())
        for i, a in enumerate(self.sectors.agents):
            for text in (a.noun, *a.aliases):
                yield Phrase(text, "agent", str(i), case_sensitive=False)
        for i, p in enumerate(self.people):
            for text in (p.name, *p.aliases):
                yield Phrase(text, "person", str(i))
        for i, pl in enumerate(self.places):
            for text in (pl.name, *pl.aliases):
                yield Phrase(text, "place", str(i))

    # ---- queries ------------------------------------------------------------------------------
    def country_name(self, code: str) -> str:
        entry = self.countries.get(code)
        return entry.name if entry else code

    def offices_on(self, person: Person, day: dt.date | None) -> list[Office]:
        """The person's offices held on ``day``, most senior first; if none, the nearest one."""
        if day is None:
            held = [o for o in person.offices if o.end is None] or list(person.offices)
        else:
            held = [o for o in person.offices if o.holds_on(day)]
        if not held and person.offices:
            held = [min(person.offices, key=lambda o: _distance(o, day))]
        return sorted(held, key=lambda o: OFFICE_RANK.get(o.office, 9))

    def home_country(self, url: str | None) -> str | None:
        """The government a document speaks for, from its address: a listed publisher, else
        the form of a government domain (``*.gov``, ``*.gov.uk``, ``*.gouv.fr``, ``*.go.jp``).
        None for other sites (a news outlet does not speak for its country)."""
        if not url:
            return None
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0]
        host = host.split("@")[-1].split(":")[0].rstrip(".")
        for pub in self.publishers:
            if host == pub.host or host.endswith("." + pub.host):
                return pub.country
        if re.search(r"(^|\.)(gov|mil)$", host):
            return "USA"
        m = re.search(r"(^|\.)(gov|gouv|go|gob|govt|gv|admin)\.([a-z]{2})$", host)
        if m:
            cc = "gb" if m.group(3) == "uk" else m.group(3)
            country = pycountry.countries.get(alpha_2=cc.upper())
            return country.alpha_3 if country else None
        return None

    def holder(self, country: str, office: str, day: dt.date | None) -> Person | None:
        """Who held ``office`` in ``country`` on ``day`` ("the President of Vietnam" in 2017)."""
        for person in self._by_office().get((country, office.lower()), []):
            for o in person.offices:
                if o.country == country and o.office.lower() == office.lower() and (
                    day is None and o.end is None or day is not None and o.holds_on(day)
                ):
                    return person
        return None

    def _by_office(self) -> dict[tuple[str, str], list[Person]]:
        cache = self.__dict__.get("_office_index")
        if cache is None:
            cache = defaultdict(list)
            for person in self.people:
                for o in person.offices:
                    cache[(o.country, o.office.lower())].append(person)
                    if o.title:
                        cache[(o.country, o.title.lower())].append(person)
            self.__dict__["_office_index"] = cache
        return cache

    def find(self, name: str) -> list[tuple[str, Any]]:
        """Entries whose name or alias equals ``name`` (case-insensitive): (kind, entry)."""
        want = name.strip().lower()
        out: list[tuple[str, Any]] = []
        for ph in self.phrases():
            if ph.text.lower() == want:
                out.append((ph.kind, self.entry(ph.kind, ph.key)))
        return out

    def entry(self, kind: str, key: str) -> Any:
        if kind in {"country", "adjective", "capital", "seat"}:
            return self.countries[key]
        table: dict[str, list[Any]] = {
            "org": self.organisations, "title": self.sectors.titles,
            "institution": self.sectors.institutions, "agent": self.sectors.agents,
            "person": self.people, "place": self.places,
        }
        return table[kind][int(key)]


def people_files() -> list[tuple[str, list[Person]]]:
    """The packaged people files, each with its entries (validated, not merged)."""
    root = resources.files("dyads.kb") / "data" / "people"
    out: list[tuple[str, list[Person]]] = []
    if not root.is_dir():
        return out
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        data = read_yaml(item) or []
        if not isinstance(data, list):
            raise DataFileError(f"{file_name(item)}: expected a list of entries")
        out.append((file_name(item), [validate(Person, entry, f"{file_name(item)}: entry {i + 1}")
                                      for i, entry in enumerate(data)]))
    return out


def _merge_people(people: list[Person]) -> list[Person]:
    """One entry per person (name and birth year): a user's file may add offices to a packaged
    person; the offices and aliases are united. Two people of one name are told apart by
    ``born``."""
    by_name: dict[tuple[str, int | None], Person] = {}
    for p in people:
        seen = by_name.get((p.name, p.born))
        if seen is None:
            by_name[(p.name, p.born)] = p
            continue
        aliases = list(seen.aliases) + [a for a in p.aliases if a not in seen.aliases]
        offices = list(seen.offices) + [o for o in p.offices if o not in seen.offices]
        by_name[(p.name, p.born)] = Person(name=p.name, aliases=aliases, born=p.born,
                                           offices=offices, note=seen.note)
    return list(by_name.values())


def _plural_demonym(adjective: str) -> str | None:
    """"Palestinian" → "Palestinians", "Israeli" → "Israelis"; none for "Chinese", "British"."""
    if " " in adjective or not adjective[:1].isupper():
        return None
    if adjective.endswith(("an", "i", "er", "ot", "ic")):
        return adjective + "s"
    return None


def _distance(office: Office, day: dt.date | None) -> int:
    if day is None:
        return 0
    if office.end and office.end < day:
        return (day - office.end).days
    if office.start and office.start > day:
        return (office.start - day).days
    return 0


def _pycountry_names(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    names = [country.name]
    for attr in ("common_name", "official_name"):
        value = getattr(country, attr, None)
        if value:
            names.append(value)
    return [n for n in names if "," not in n]


def data_dir() -> Path:
    """The folder of the packaged data files (for `dyads kb validate` and docs)."""
    return Path(str(resources.files("dyads.kb") / "data"))
