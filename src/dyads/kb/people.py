"""Checks over the people files: offices that end, ages that fit, one entry per person.

Each check yields problems as strings naming the person, the office and the fix;
:func:`dyads.kb.validate.validate` runs them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from dyads.kb.schema import Person

# Offices one person holds at a time in a country (or an organisation); two holders may overlap
# by up to OVERLAP_DAYS (a handover, an acting spell). A `title` marks a deliberate exception:
# acting holders, co-holders, a suspended head of state who formally stayed in office.
SINGLE_HOLDER = frozenset({
    "President", "Prime Minister", "Chancellor", "General Secretary", "King", "Queen", "Emir",
    "Sultan", "Emperor", "Pope", "Supreme Leader", "Grand Duke", "Premier", "Crown Prince",
    "Vice President", "Foreign Minister", "Defence Minister", "Finance Minister",
    "Interior Minister", "Trade Minister", "National Security Adviser", "Secretary-General",
    "Director-General", "Managing Director", "High Representative",
    "President of the European Commission", "President of the European Council",
})
OVERLAP_DAYS = 31
# Youngest and oldest plausible age in office, where a birth year is known.
MIN_AGE, MAX_AGE = 18, 100


def overlapping_holders(people: Iterable[Person]) -> Iterator[str]:
    """Two people in one single-holder office at once for more than OVERLAP_DAYS. An office
    without an end is held until today, so a predecessor left open overlaps every successor."""
    spells: dict[tuple[str, str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for p in people:
        for o in p.offices:
            if o.office in SINGLE_HOLDER and o.start and not o.title:
                key = (o.country, o.org or "", o.office)
                spells[key].append((o.start, o.end or dt.date.max, p.name))
    for (country, org, office), items in spells.items():
        items.sort()
        where = f"{country} {org} {office}".replace("  ", " ")
        for i, (s1, e1, n1) in enumerate(items):
            for s2, _e2, n2 in items[i + 1:]:
                if n1 != n2 and (min(e1, dt.date.max) - s2).days > OVERLAP_DAYS:
                    end = "no end" if e1 == dt.date.max else f"ends {e1}"
                    yield (f"people: {where}: {n1} (from {s1}, {end}) overlaps {n2} (from "
                           f"{s2}); give {n1} the end date, or a `title` if both held it")


def impossible_ages(people: Iterable[Person], today: dt.date) -> Iterator[str]:
    """A person with a known birth year in office before MIN_AGE or past MAX_AGE (an office
    without an end counts as held today)."""
    for p in people:
        if p.born is None:
            continue
        for o in p.offices:
            if o.start and o.start.year - p.born < MIN_AGE:
                yield (f"people: {p.name} (born {p.born}) takes office {o.office!r} at "
                       f"{o.start.year - p.born}; check the birth year and the start date")
            last = o.end or today
            if last.year - p.born > MAX_AGE:
                yield (f"people: {p.name} (born {p.born}) holds office {o.office!r} at "
                       f"{last.year - p.born}" + ("" if o.end else " (the office has no end)")
                       + "; give the office its end date")


def duplicate_people(files: Iterable[tuple[str, list[Person]]]) -> Iterator[str]:
    """A person listed twice, in one file or in two: one entry per person, all offices in it.
    Two people of one name are told apart by ``born``."""
    seen: dict[tuple[str, int | None], str] = {}
    for name, people in files:
        for p in people:
            key = (p.name, p.born)
            if key in seen:
                yield (f"people: {p.name} is in {seen[key]} and in {name}; keep one entry with "
                       f"all the offices (or give each person of that name a `born` year)")
            else:
                seen[key] = name
