"""Which of several namesakes a bare surname is (no model needed)."""

from __future__ import annotations

import datetime as dt

from dyads.actors.coref import DocContext
from dyads.actors.resolve import _earlier_full_mention, _office_distance
from dyads.kb.loader import KnowledgeBase
from dyads.kb.schema import Office, Person
from dyads.models import Entity

D = dt.date


def _kb() -> KnowledgeBase:
    def person(name: str, office: str, start: D, end: D | None) -> Person:
        return Person(name=name, aliases=[name.split()[0]], offices=[
            Office(country="CHN", office=office, start=start, end=end)])

    return KnowledgeBase(people=[
        person("Li Zhaoxing", "Foreign Minister", D(2003, 3, 17), D(2007, 4, 27)),
        person("Li Keqiang", "Premier", D(2013, 3, 15), D(2023, 3, 11)),
        person("Li Shangfu", "Defence Minister", D(2023, 3, 12), D(2023, 10, 24)),
        person("Li Qiang", "Premier", D(2023, 3, 11), None),
    ])


def _pick(kb: KnowledgeBase, day: D | None) -> str:
    best = min(range(len(kb.people)), key=lambda k: _office_distance(kb, k, day))
    return kb.people[best].name


def test_the_namesake_in_office_on_the_day() -> None:
    kb = _kb()
    assert _pick(kb, D(2005, 1, 1)) == "Li Zhaoxing"
    assert _pick(kb, D(2017, 11, 13)) == "Li Keqiang"


def test_the_most_senior_of_two_in_office() -> None:
    assert _pick(_kb(), D(2023, 6, 1)) == "Li Qiang"


def test_the_nearest_namesake_when_none_is_in_office() -> None:
    assert _pick(_kb(), D(2008, 1, 1)) == "Li Zhaoxing"


def test_without_a_day_the_one_in_office_today() -> None:
    assert _pick(_kb(), None) == "Li Qiang"


def test_the_earlier_full_mention_in_any_spelling() -> None:
    ctx = DocContext()
    ctx.register(Entity(code="JPN", name="Tar\u014d K\u014dno", start=0, end=9))
    ctx.register(Entity(code="AUS", name="Julie Bishop", start=20, end=32))
    found = _earlier_full_mention("Kono", ctx)
    assert found is not None and found.code == "JPN"
    assert _earlier_full_mention("Abe", ctx) is None
