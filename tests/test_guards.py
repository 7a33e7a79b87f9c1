"""A Guard answers what its regular expression's search answers (dyads/guards.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyads import dates, quantities
from dyads.guards import Guard

GUARDS = [*dates._GUARDS, quantities._PEOPLE_GUARD_RE, quantities._UNIT_GUARD_RE]
# pieces that make and break matches: words of the guards in any case, word boundaries, and
# letters that case-insensitive matching folds but str.lower keeps ("ſ" is "s", "K" is "k")
PIECES = ["day", "DAY", "Sept", "sep", "SEPTEMBER", "ſeptember", "may", "Mayor", "ago", "AGO",
          "agon", "kill", "KILLED", "police", "people", "Week", "-year", " month", "2024", "٣",
          "\u212aILL", "tomorrow", "night", " ", "-", ".", ",", "x", "é", "\n"]


@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_a_guard_answers_as_its_expression(pieces: list[str]) -> None:
    text = "".join(pieces)
    for guard in GUARDS:
        assert guard.search(text) is (guard.pattern.search(text) is not None), (
            guard.pattern.pattern[:40], text)


def test_an_exact_guard_is_the_alternation_of_its_words() -> None:
    with pytest.raises(ValueError, match="alternation"):
        Guard(re.compile(r"day\b", re.IGNORECASE), ("day",), exact=True)
    with pytest.raises(ValueError, match="lower-case"):
        Guard(re.compile("Day"), ("Day",))
