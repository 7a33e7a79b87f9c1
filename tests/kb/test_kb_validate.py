"""`dyads kb validate`: the cross-checks over the knowledge-base files."""

from __future__ import annotations

from dyads.kb.loader import KnowledgeBase
from dyads.kb.schema import PlaceEntry
from dyads.kb.validate import _shadowed_places


def test_a_place_named_like_another_country_needs_cues() -> None:
    kb = KnowledgeBase.load()
    assert list(_shadowed_places(kb)) == []
    kb.places.append(PlaceEntry(name="Jordan", country="USA", kind="city"))
    problems = list(_shadowed_places(kb))
    assert len(problems) == 1 and "Jordan" in problems[0] and "cues" in problems[0]
    kb.places[-1] = PlaceEntry(name="Jordan", country="USA", kind="city", cues=["Utah"])
    assert list(_shadowed_places(kb)) == []


def test_a_capital_listed_as_its_own_country_s_place_is_fine() -> None:
    kb = KnowledgeBase.load()
    kb.places.append(PlaceEntry(name="Amman", country="JOR", kind="capital"))
    assert list(_shadowed_places(kb)) == []
