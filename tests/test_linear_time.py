"""Every regular expression dyads runs on user text takes linear time (issue 15, finding 4).

Two checks: no pattern in the package nests an unbounded quantifier inside another one that
can backtrack (a possessive quantifier or an atomic group cannot), and the commitment-name
search grows about linearly from a 10k- to a 100k-character token. Growth is compared as a
ratio of the best of five runs with a wide bound, so machine speed and load do not matter:
quadratic is 100x; linear is 10x, measured up to about 30x here because a 10k text sits in the
processor's cache and a 100k one does not (from 100k to 1M the same code grows 10-11x).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import dyads

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_GROWTH_BOUND = 50.0  # for a 10x longer input: quadratic 100x, linear 10x (30x with caches)


def _package_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """(module.name, pattern) for every compiled pattern at module level in dyads."""
    for info in pkgutil.walk_packages(dyads.__path__, "dyads."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"{info.name}.{name}", value


def _nested(items: Any, inside: bool = False) -> bool:
    """True when an unbounded, backtracking repeat sits inside another one."""
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            unbounded = high == sre.MAXREPEAT
            if unbounded and inside:
                return True
            if _nested(sub, inside or unbounded):
                return True
        elif op is sre.SUBPATTERN:
            if _nested(av[3], inside):
                return True
        elif op is sre.BRANCH:
            if any(_nested(b, inside) for b in av[1]):
                return True
        elif op in (sre.ASSERT, sre.ASSERT_NOT) and _nested(av[1], inside):
            return True
    return False


def test_the_checker_sees_nested_quantifiers() -> None:
    assert _nested(sre_parse.parse(r"(?:a+\s)*b"))
    assert _nested(sre_parse.parse(r"(?:x(?:\s+y)*)+"))
    assert not _nested(sre_parse.parse(r"(?:a++\s)*+b"))
    assert not _nested(sre_parse.parse(r"(?>(?:a+\s)*)b"))
    assert not _nested(sre_parse.parse(r"a+\s(?:b|c){1,3}"))


def test_no_pattern_nests_backtracking_quantifiers() -> None:
    patterns = dict(_package_patterns())
    assert len(patterns) > 20
    nested = [name for name, p in patterns.items()
              if _nested(sre_parse.parse(p.pattern, p.flags))]
    assert nested == []


def _best_of_five(fn: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - started)
    return best


def _names(text: str) -> list[Any]:
    from dyads import commitments

    return list(commitments._pattern_names(text, 0, []))  # noqa: SLF001 - the regex step


@pytest.mark.parametrize("token", ["A", "Ab", "A ", "A of ", "1", "“A"])
def test_commitment_names_grow_linearly(token: str) -> None:
    small = (token * 10_000)[:10_000] + " initiative"
    large = (token * 100_000)[:100_000] + " initiative"
    ratio = _best_of_five(_names, large) / max(_best_of_five(_names, small), 1e-4)
    assert ratio < _GROWTH_BOUND
