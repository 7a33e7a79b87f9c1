"""`dyads kb validate` and `dyads kb lookup`: checks and queries over the data files."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pycountry

from dyads.errors import DataFileError
from dyads.kb.loader import KnowledgeBase, people_files
from dyads.kb.people import duplicate_people, impossible_ages, overlapping_holders
from dyads.kb.schema import ORG_CODES

# The day offices without an end are taken to be held on, for the age check.
TODAY = dt.date(2026, 12, 31)


def validate() -> list[str]:
    """Load every knowledge-base file (schemas are checked on load), then cross-check
    references. (The codebook's checks are dyads.events.validate.)

    Raises DataFileError naming the first problem; returns a summary on success."""
    kb = KnowledgeBase.load()
    problems = list(_country_codes(kb)) + list(_people(kb)) + list(_shadowed_places(kb))
    if problems:
        raise DataFileError("; ".join(problems[:10]) + (
            f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""))
    n_offices = sum(len(p.offices) for p in kb.people)
    return [
        f"countries: {len(kb.countries)}",
        f"organisations: {len(kb.organisations)}",
        f"titles: {len(kb.sectors.titles)}, institutions: {len(kb.sectors.institutions)}, "
        f"agents: {len(kb.sectors.agents)}",
        f"places: {len(kb.places)}, publishers: {len(kb.publishers)}",
        f"people: {len(kb.people)} with {n_offices} dated offices",
        "ok",
    ]


def _known(code: str, kb: KnowledgeBase) -> bool:
    return code in kb.countries or code in ORG_CODES or code == "XKX" or bool(
        pycountry.countries.get(alpha_3=code))


def _country_codes(kb: KnowledgeBase) -> Any:
    for p in kb.people:
        for o in p.offices:
            if not _known(o.country, kb):
                yield f"people: {p.name}: unknown country code {o.country!r}"
    for pl in kb.places:
        for c in pl.codes():
            if not _known(c, kb):
                yield f"places.yaml: {pl.name}: unknown country code {c!r}"
    for pub in kb.publishers:
        if not _known(pub.country, kb):
            yield f"publishers.yaml: {pub.host}: unknown country code {pub.country!r}"
    for inst in kb.sectors.institutions:
        if inst.country and not _known(inst.country, kb):
            yield f"sectors.yaml: {inst.name}: unknown country code {inst.country!r}"


def _shadowed_places(kb: KnowledgeBase) -> Any:
    """A place named exactly like a country, demonym, capital or seat of another country is
    never found (the country's reading wins) unless it lists ``cues`` that select it."""
    other: dict[str, set[str]] = {}
    for code, c in kb.countries.items():
        for text in (c.name, *c.names, *c.adjectives, *c.capitals, *c.seats, *c.former):
            other.setdefault(text, set()).add(code)
    for pl in kb.places:
        for text in (pl.name, *pl.aliases):
            clash = other.get(text, set()) - set(pl.codes())
            if clash and not pl.cues:
                yield (f"places.yaml: {pl.name}: {text!r} is also a name of {sorted(clash)}, so "
                       f"this place is never found; give it `cues` (words near the name that "
                       f"mean the place) or drop it")


def _people(kb: KnowledgeBase) -> Any:
    """One entry per person; single-holder offices that end when the successor takes over;
    ages in office that a person can have."""
    yield from duplicate_people(people_files())
    yield from overlapping_holders(kb.people)
    yield from impossible_ages(kb.people, TODAY)


def lookup(kb: KnowledgeBase, name: str, day: dt.date | None) -> list[dict[str, Any]]:
    """Entries for ``name``; for people and titles, who/what holds on ``day``."""
    out: list[dict[str, Any]] = []
    for kind, entry in kb.find(name):
        item: dict[str, Any] = {"kind": kind, **entry.model_dump(exclude_none=True)}
        if kind == "person":
            offices = kb.offices_on(entry, day)
            if offices:
                o = offices[0]
                item["on_date"] = {"code": o.country, "sector": o.sector, "office": o.office,
                                   "date": str(day) if day else "today"}
            item.pop("offices", None) if day else None
        out.append(item)
    return out
