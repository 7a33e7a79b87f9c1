"""Checks over the people files: duplicates, overlapping holders, ages in office."""

from __future__ import annotations

import datetime as dt

import pytest

from dyads.kb.loader import KnowledgeBase, people_files
from dyads.kb.people import duplicate_people, impossible_ages, overlapping_holders
from dyads.kb.schema import Office, Person

D = dt.date


def _person(name: str, *offices: tuple[str, D | None, D | None], born: int | None = None,
            country: str = "XYZ", title: str | None = None) -> Person:
    return Person(name=name, born=born, offices=[
        Office(country=country, office=office, start=start, end=end, title=title)
        for office, start, end in offices])


def test_a_person_in_two_files_is_a_duplicate() -> None:
    a = _person("Ann Lee", ("Foreign Minister", D(2001, 1, 1), D(2002, 1, 1)))
    b = _person("Ann Lee", ("Prime Minister", D(2003, 1, 1), None))
    problems = list(duplicate_people([("heads.yaml", [b]), ("ministers.yaml", [a])]))
    assert len(problems) == 1 and "heads.yaml" in problems[0] and "ministers.yaml" in problems[0]


def test_two_people_of_one_name_are_told_apart_by_birth_year() -> None:
    a = _person("Andris Berzins", ("President", D(2011, 7, 8), D(2015, 7, 8)), born=1944)
    b = _person("Andris Berzins", ("Prime Minister", D(2000, 5, 5), D(2002, 11, 7)), born=1951)
    assert list(duplicate_people([("heads.yaml", [a, b])])) == []


def test_the_packaged_people_files_list_each_person_once() -> None:
    assert list(duplicate_people(people_files())) == []


def test_the_packaged_people_are_laid_out_by_role() -> None:
    names = [name for name, _ in people_files()]
    assert names == ["heads.yaml", "ministers.yaml", "officials.yaml", "organisations.yaml"]


def test_an_open_office_overlaps_the_successor() -> None:
    old = _person("Old", ("Foreign Minister", D(2010, 1, 1), None))
    new = _person("New", ("Foreign Minister", D(2015, 1, 1), None))
    problems = list(overlapping_holders([old, new]))
    assert len(problems) == 1 and "Old" in problems[0] and "no end" in problems[0]


@pytest.mark.parametrize(("end", "count"), [
    (D(2015, 1, 20), 0),  # a short handover is fine
    (D(2015, 3, 1), 1),   # two months is not
])
def test_a_handover_may_overlap_a_month(end: D, count: int) -> None:
    old = _person("Old", ("President", D(2010, 1, 1), end))
    new = _person("New", ("President", D(2015, 1, 1), None))
    assert len(list(overlapping_holders([old, new]))) == count


def test_titled_and_multi_holder_offices_may_overlap() -> None:
    acting = _person("Acting", ("President", D(2016, 5, 12), D(2016, 8, 31)), title="Acting")
    formal = _person("Formal", ("President", D(2011, 1, 1), D(2016, 8, 31)))
    envoys = [_person(n, ("Envoy", D(2020, 1, 1), None)) for n in ("A", "B")]
    assert list(overlapping_holders([acting, formal, *envoys])) == []


def test_offices_in_different_countries_do_not_overlap() -> None:
    a = _person("A", ("Prime Minister", D(2010, 1, 1), None), country="AAA")
    b = _person("B", ("Prime Minister", D(2012, 1, 1), None), country="BBB")
    assert list(overlapping_holders([a, b])) == []


@pytest.mark.parametrize(("born", "start", "end", "count"), [
    (1950, D(2000, 1, 1), D(2010, 1, 1), 0),
    (1990, D(2000, 1, 1), D(2010, 1, 1), 1),  # in office at 10
    (1900, D(1990, 1, 1), None, 1),           # open office: held today at 126
    (1900, D(1990, 1, 1), D(1995, 1, 1), 0),
])
def test_impossible_ages(born: int, start: D, end: D | None, count: int) -> None:
    p = _person("P", ("King", start, end), born=born)
    assert len(list(impossible_ages([p], D(2026, 12, 31)))) == count


def test_the_packaged_offices_pass_the_checks() -> None:
    kb = KnowledgeBase.load()
    assert list(overlapping_holders(kb.people)) == []
    assert list(impossible_ages(kb.people, D(2026, 12, 31))) == []
    assert sum(p.born is not None for p in kb.people) > 100
